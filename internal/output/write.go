package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Marker is the file every build leaves in its destination. A folder that
// exists without it was not made by alliance, and a build refuses to replace it.
const Marker = ".alliance-build"

// Stats says what a write did.
type Stats struct {
	Files  int
	Bytes  int64
	Reused int // files linked unchanged from the previous build
}

// Write writes files into a fresh folder beside dest and, only when every
// file was written, swaps it into place. A failed write leaves dest as it was.
// Nothing is written outside dest and its temporary sibling.
func Write(dest string, files []File, minifier *Minifier) (Stats, error) {
	dest = filepath.Clean(dest)
	if err := checkDest(dest); err != nil {
		return Stats{}, err
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Stats{}, err
	}
	tmp := filepath.Join(parent, "."+base+".new-"+randomSuffix())
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return Stats{}, err
	}
	prev := readManifest(dest)
	stats, m, order, err := writeAll(tmp, dest, prev, files, minifier)
	if err == nil {
		err = writeManifest(tmp, m, order)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return Stats{}, err
	}
	old := filepath.Join(parent, "."+base+".old-"+randomSuffix())
	hadOld := false
	if _, err := os.Stat(dest); err == nil {
		if err := os.Rename(dest, old); err != nil {
			os.RemoveAll(tmp)
			return Stats{}, fmt.Errorf("cannot move the previous site aside: %w", err)
		}
		hadOld = true
	}
	if err := os.Rename(tmp, dest); err != nil {
		if hadOld {
			os.Rename(old, dest)
		}
		os.RemoveAll(tmp)
		return Stats{}, fmt.Errorf("cannot move the new site into place: %w", err)
	}
	if hadOld {
		os.RemoveAll(old)
	}
	return stats, nil
}

// checkDest refuses a destination that exists, is not empty and was not made
// by alliance, so that a mistyped --destination never deletes someone's files.
func checkDest(dest string) error {
	st, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("destination %s is a file, not a folder; choose another --destination", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return fmt.Errorf("destination %s already holds files that alliance did not write (no %s in it); choose an empty or new --destination, or remove the folder yourself", dest, Marker)
	}
	return nil
}

// writeAll writes files under root, linking those unchanged since the
// build in prevDir, and returns the new manifest with its paths in order.
func writeAll(root, prevDir string, prev manifest, files []File, minifier *Minifier) (Stats, manifest, []string, error) {
	var (
		mu    sync.Mutex
		stats Stats
		first error
		wg    sync.WaitGroup
		m     = manifest{}
	)
	jobs := make(chan File)
	workers := runtime.NumCPU()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				e, linked, err := writeOne(root, prevDir, prev, f, minifier)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				stats.Files++
				stats.Bytes += e.size
				if linked {
					stats.Reused++
				}
				if err == nil && !strings.ContainsAny(f.Path, "\t\n") {
					m[f.Path] = e
				}
				mu.Unlock()
			}
		}()
	}
	seen := map[string]bool{}
	dirs := map[string]bool{}
	var clean []File
	for _, f := range files {
		p := path.Clean(f.Path)
		if p == "." || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
			first = fmt.Errorf("refusing to write %q outside the destination", f.Path)
			break
		}
		if seen[p] {
			first = fmt.Errorf("two outputs want the same file %s", p)
			break
		}
		seen[p] = true
		f.Path = p
		clean = append(clean, f)
		dirs[path.Dir(p)] = true
	}
	// Make every folder once, before the writers start, instead of once per file.
	if first == nil {
		for d := range dirs {
			if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
				first = err
				break
			}
		}
	}
	if first == nil {
		for _, f := range clean {
			jobs <- f
		}
	}
	close(jobs)
	wg.Wait()
	order := make([]string, len(clean))
	for i, f := range clean {
		order[i] = f.Path
	}
	return stats, m, order, first
}

// writeOne writes f under root, or links the previous build's copy when it
// holds the same content. It returns the manifest entry of the file.
func writeOne(root, prevDir string, prev manifest, f File, minifier *Minifier) (entry, bool, error) {
	target := filepath.Join(root, filepath.FromSlash(f.Path))
	if f.Data == nil && f.Src != "" {
		st, err := os.Stat(f.Src)
		if err != nil {
			return entry{}, false, err
		}
		sum := sumOfSource(st)
		if e, ok := reuse(prevDir, prev, f.Path, sum, target); ok {
			return e, true, nil
		}
		return copyFile(f.Src, target, sum)
	}
	data := f.Data
	if minifier != nil && !f.Minified {
		m, err := minifier.Minify(f.Path, data)
		if err != nil {
			return entry{}, false, fmt.Errorf("minify %s: %w", f.Path, err)
		}
		data = m
	}
	sum := sumOf(data)
	if e, ok := reuse(prevDir, prev, f.Path, sum, target); ok {
		return e, true, nil
	}
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return entry{}, false, err
	}
	_, err = out.Write(data)
	return finish(out, sum, err)
}

// finish closes a written file and reads back the size and time the
// manifest records.
func finish(out *os.File, sum string, err error) (entry, bool, error) {
	var st os.FileInfo
	if err == nil {
		st, err = out.Stat()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return entry{}, false, err
	}
	return entry{sum: sum, size: st.Size(), mtime: st.ModTime().UnixNano()}, false, nil
}

func copyFile(src, dst, sum string) (entry, bool, error) {
	in, err := os.Open(src)
	if err != nil {
		return entry{}, false, err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return entry{}, false, err
	}
	_, err = io.Copy(out, in)
	return finish(out, sum, err)
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
