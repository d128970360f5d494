package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The marker file doubles as the build's manifest: after a line for people,
// one line per file saying what it holds. The next build links every file
// whose content is unchanged from the previous folder instead of writing it
// again: a link is one system call, a write several plus the data, and an
// unchanged file keeps its modification time, so rsync and CDN uploads skip
// it too.
const (
	markerText     = "This folder is written by alliance build and replaced on every build.\n"
	manifestHeader = "# alliance manifest 3: content size path\n"
)

// entry is what the manifest knows of one written file.
type entry struct {
	sum  string // a hash of the content, or "src:size:mtime" of a copied source
	size int64
}

// manifest is what a previous build wrote: its files by site-relative path,
// every one of them, and when it finished. A file changed after that is not
// the build's.
type manifest struct {
	files map[string]entry
	done  time.Time
}

// sumOf names data's content in the manifest.
func sumOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:16])
}

// sumOfSource names a copied file by its source's size and time, so that an
// unchanged attachment is neither read nor written again.
func sumOfSource(st os.FileInfo) string {
	return "src:" + strconv.FormatInt(st.Size(), 10) + ":" + strconv.FormatInt(st.ModTime().UnixNano(), 10)
}

// readManifest reads the manifest of a previous build in dir. Anything it
// cannot read means no reuse, never an error: the build then writes every
// file, as a first build does.
func readManifest(dir string) manifest {
	name := filepath.Join(dir, Marker)
	st, err := os.Stat(name)
	if err != nil {
		return manifest{}
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return manifest{}
	}
	rest, ok := bytes.CutPrefix(data, []byte(markerText+manifestHeader))
	if !ok {
		return manifest{}
	}
	m := manifest{files: map[string]entry{}, done: st.ModTime()}
	for len(rest) > 0 {
		line, more, _ := bytes.Cut(rest, []byte{'\n'})
		rest = more
		f := strings.SplitN(string(line), "\t", 3)
		if len(f) != 3 {
			return manifest{}
		}
		size, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return manifest{}
		}
		p := f[2]
		if strings.HasPrefix(p, `"`) {
			if p, err = strconv.Unquote(p); err != nil {
				return manifest{}
			}
		}
		m.files[p] = entry{sum: f[0], size: size}
	}
	return m
}

// writeManifest writes the marker with the written files into dir, after
// every file. Its lines are sorted by path, so identical builds write
// identical bytes whatever order their files were written in.
func writeManifest(dir string, files map[string]entry, written []string) error {
	paths := slices.Compact(slices.Sorted(slices.Values(written)))
	var b bytes.Buffer
	b.WriteString(markerText)
	b.WriteString(manifestHeader)
	for _, p := range paths {
		e, ok := files[p]
		if !ok {
			continue
		}
		if strings.ContainsAny(p, "\t\n\r") || strings.HasPrefix(p, `"`) {
			p = strconv.Quote(p) // one line, and the path is the rest of it
		}
		fmt.Fprintf(&b, "%s\t%d\t%s\n", e.sum, e.size, p)
	}
	return os.WriteFile(filepath.Join(dir, Marker), b.Bytes(), 0o644)
}

// unchanged returns p's entry when the manifest says it holds sum and the
// file in dir is still the one the build wrote: a regular file of the same
// size, not changed since the manifest was written. A file edited by hand in
// the output folder is written afresh, never carried over.
func (m manifest) unchanged(dir, p, sum string) (entry, bool) {
	e, ok := m.files[p]
	if !ok || e.sum != sum {
		return entry{}, false
	}
	st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil || !st.Mode().IsRegular() || st.Size() != e.size || st.ModTime().After(m.done) {
		return entry{}, false
	}
	return e, true
}

// listing is what a manifest says one folder holds: its files and its
// folders, as paths relative to the destination.
type listing struct{ files, subs []string }

// folders returns what m says each folder of its files holds, by the
// folder's path ("." for the top).
func (m manifest) folders() map[string]listing {
	out := map[string]listing{}
	added := map[string]bool{} // folders already in their parent's subs
	for p := range m.files {
		d := path.Dir(p)
		l := out[d]
		l.files = append(l.files, p)
		out[d] = l
		for d != "." && !added[d] {
			added[d] = true
			up := path.Dir(d)
			l := out[up]
			l.subs = append(l.subs, d)
			out[up] = l
			d = up
		}
	}
	return out
}

// Content is what a published file holds: a hash of its bytes, in the
// manifest's form (hex of the first 16 bytes of its SHA-256), and its size.
type Content struct {
	Sum  string
	Size int64
}

// Contents returns the content of every file the build in dir wrote, by
// site-relative path, for a deploy to compare with what a bucket holds. It
// reads the manifest and hashes only the files the manifest names by their
// source (copied attachments) or that were changed since the build, so the
// result always names the bytes on disk.
func Contents(dir string) (map[string]Content, error) {
	m := readManifest(dir)
	if m.files == nil {
		return nil, fmt.Errorf("%s holds no build of alliance (no readable %s): run alliance build first", dir, Marker)
	}
	out := make(map[string]Content, len(m.files))
	for p, e := range m.files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		st, err := os.Lstat(name)
		if err != nil {
			return nil, fmt.Errorf("%s is in the build's manifest but cannot be read: %v; run alliance build again", p, err)
		}
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is not a regular file; run alliance build again", p)
		}
		if !strings.HasPrefix(e.sum, "src:") && st.Size() == e.size && !st.ModTime().After(m.done) {
			out[p] = Content{Sum: e.sum, Size: e.size}
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		out[p] = Content{Sum: sumOf(data), Size: int64(len(data))}
	}
	return out, nil
}
