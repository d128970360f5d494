package images

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"

	"alliance/internal/model"
)

// CacheDir is where a site keeps its renditions between builds, relative to
// the site folder. Deleting it only costs the next build the time to make
// them again.
const CacheDir = ".alliance-cache/images"

// version changes whenever processing changes in a way that changes the
// bytes of a rendition, so that no build publishes renditions of an older one.
const version = 1

// Cache is the folder of renditions kept between builds. Each source is
// found by a hash of its bytes, the widths, the encoder settings and
// version; an entry is a folder of the rendition files, moved into place
// only when all were written.
type Cache struct {
	Dir  string
	made atomic.Int64
}

// Made says how many images were processed, not found in the cache, since
// c was made.
func (c *Cache) Made() int64 { return c.made.Load() }

// key is the name a source's renditions are kept under.
func key(data []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "alliance images v%d widths=%v jpeg=%v webp=%v/%d max=%d\n", version, Widths, jpegQualities, webpQualities, webpMethod, MaxBytes)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// names are the file names of an entry's renditions, in the order of im.Renditions.
func names(im *model.Image) []string {
	out := make([]string, len(im.Renditions))
	for i, r := range im.Renditions {
		ext := ".jpg"
		if r.Type == model.WebP {
			ext = ".webp"
		}
		out[i] = fmt.Sprintf("%dx%d%s", r.Width, r.Height, ext)
	}
	return out
}

// lookup returns the paths of the cached renditions of the source with key
// k, or nil when any is missing.
func (c *Cache) lookup(k string, im *model.Image) []string {
	dir := filepath.Join(c.Dir, k[:2], k)
	ns := names(im)
	out := make([]string, len(ns))
	for i, n := range ns {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
			return nil
		}
		out[i] = p
	}
	return out
}

// store keeps the renditions of the source with key k. A cache that cannot
// be written costs only time, so its errors are returned for the caller to
// ignore or report.
func (c *Cache) store(k string, im *model.Image, data [][]byte) error {
	parent := filepath.Join(c.Dir, k[:2])
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".tmp-")
	if err != nil {
		return err
	}
	for i, n := range names(im) {
		if err := os.WriteFile(filepath.Join(tmp, n), data[i], 0o644); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	final := filepath.Join(parent, k)
	if err := os.Rename(tmp, final); err != nil {
		// Either another build stored it first, or an entry lost a file:
		// replace the entry then.
		if c.lookup(k, im) == nil && os.RemoveAll(final) == nil && os.Rename(tmp, final) == nil {
			return nil
		}
		os.RemoveAll(tmp)
		return err
	}
	return nil
}
