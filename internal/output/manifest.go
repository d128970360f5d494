package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The marker file doubles as the build's manifest: after a line for people,
// one line per file saying what it holds. The next build links every file
// whose content is unchanged from the previous folder instead of writing it
// again: a link is one system call, a write several plus the data, and an
// unchanged file keeps its modification time, so rsync and CDN uploads skip
// it too.
const (
	markerText     = "This folder is written by alliance build and replaced on every build.\n"
	manifestHeader = "# alliance manifest 1: content size mtime path\n"
)

// entry is what the manifest knows of one written file.
type entry struct {
	sum   string // a hash of the content, or "src:size:mtime" of a copied source
	size  int64
	mtime int64 // nanoseconds, of the file as it is on disk
}

// manifest maps site-relative paths to entries.
type manifest map[string]entry

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
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil
	}
	rest, ok := bytes.CutPrefix(data, []byte(markerText+manifestHeader))
	if !ok {
		return nil
	}
	m := manifest{}
	for len(rest) > 0 {
		line, more, _ := bytes.Cut(rest, []byte{'\n'})
		rest = more
		f := strings.SplitN(string(line), "\t", 4)
		if len(f) != 4 {
			return nil
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		mtime, err2 := strconv.ParseInt(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		m[f[3]] = entry{sum: f[0], size: size, mtime: mtime}
	}
	return m
}

// writeManifest writes the marker with m into dir.
func writeManifest(dir string, m manifest, order []string) error {
	var b bytes.Buffer
	b.WriteString(markerText)
	b.WriteString(manifestHeader)
	for _, p := range order {
		e, ok := m[p]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "%s\t%d\t%d\t%s\n", e.sum, e.size, e.mtime, p)
	}
	return os.WriteFile(filepath.Join(dir, Marker), b.Bytes(), 0o644)
}

// reuse links the previous build's copy of p into target when the manifest
// says it holds sum and the file on disk is still the one the manifest
// describes (a regular file of the same size and time, so a file edited by
// hand in the output folder is written afresh, never carried over).
func reuse(prevDir string, prev manifest, p, sum, target string) (entry, bool) {
	e, ok := prev[p]
	if !ok || e.sum != sum {
		return entry{}, false
	}
	old := filepath.Join(prevDir, filepath.FromSlash(p))
	st, err := os.Lstat(old)
	if err != nil || !st.Mode().IsRegular() || st.Size() != e.size || st.ModTime().UnixNano() != e.mtime {
		return entry{}, false
	}
	if err := os.Link(old, target); err != nil {
		return entry{}, false
	}
	return e, true
}
