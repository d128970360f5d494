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
	Files int
	Bytes int64
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
	stats, err := writeAll(tmp, files, minifier)
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, Marker), []byte("This folder is written by alliance build and replaced on every build.\n"), 0o644)
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

func writeAll(root string, files []File, minifier *Minifier) (Stats, error) {
	var (
		mu    sync.Mutex
		stats Stats
		first error
		wg    sync.WaitGroup
	)
	jobs := make(chan File)
	workers := runtime.NumCPU()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				n, err := writeOne(root, f, minifier)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				stats.Files++
				stats.Bytes += n
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
	return stats, first
}

func writeOne(root string, f File, minifier *Minifier) (int64, error) {
	target := filepath.Join(root, filepath.FromSlash(f.Path))
	if f.Data == nil && f.Src != "" {
		return copyFile(f.Src, target)
	}
	data := f.Data
	if minifier != nil && !f.Minified {
		m, err := minifier.Minify(f.Path, data)
		if err != nil {
			return 0, fmt.Errorf("minify %s: %w", f.Path, err)
		}
		data = m
	}
	return int64(len(data)), os.WriteFile(target, data, 0o644)
}

func copyFile(src, dst string) (int64, error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return n, err
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
