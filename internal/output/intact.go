package output

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync/atomic"

	"alliance/internal/parallel"
)

// ManifestSum returns a sum of the manifest a build just wrote into dest.
func ManifestSum(dest string) (string, bool) {
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return "", false
	}
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:]), true
}

// Intact returns a sum of the manifest in dest when every file it lists is
// still as the build left it (see manifest.unchanged): a build that finds
// its inputs unchanged can then leave dest alone. ok is false when dest has
// no manifest or any file was changed, removed or replaced by hand.
func Intact(dest string) (sum string, ok bool) {
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return "", false
	}
	m := readManifest(dest)
	if m.files == nil {
		return "", false
	}
	paths := make([]string, 0, len(m.files))
	for p := range m.files {
		paths = append(paths, p)
	}
	var bad atomic.Bool
	parallel.Each(len(paths), func(i int) {
		if bad.Load() {
			return
		}
		p := paths[i]
		e := m.files[p]
		st, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil || !st.Mode().IsRegular() || st.Size() != e.size || st.ModTime().After(m.done) {
			bad.Store(true)
		}
	})
	if bad.Load() {
		return "", false
	}
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:]), true
}
