package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"alliance/internal/rawfile"
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
	w, err := NewWriter(dest, minifier)
	if err != nil {
		return Stats{}, err
	}
	w.Add(files...)
	return w.Commit()
}

// Writer writes a build's files as the stages make them, so that writing
// overlaps rendering and no file is held in memory longer than it takes to
// write it. Files go into a fresh folder beside the destination, swapped
// into place by Commit only when every file was written; Abort, or any
// failed write, leaves the destination as it was.
type Writer struct {
	dest, tmp string
	minifier  *Minifier
	prev      manifest
	jobs      chan job
	wg        sync.WaitGroup

	mu    sync.Mutex
	stats Stats
	first error
	m     map[string]entry
	order []string
	seen  map[string]bool
	dirs  map[string]*folder
}

// job is a file to write and the folder it goes in.
type job struct {
	f   File
	dir *folder
}

// folder is made once, by whichever writer first needs it, so that folders
// are made on every core and no writer waits for another's.
type folder struct {
	once sync.Once
	path string
	err  error
}

func (d *folder) make() error {
	d.once.Do(func() {
		// Most folders' parents exist already: one mkdir, where MkdirAll
		// would first stat the folder and its parent.
		d.err = os.Mkdir(d.path, 0o755)
		if errors.Is(d.err, fs.ErrNotExist) {
			d.err = os.MkdirAll(d.path, 0o755)
		}
		if errors.Is(d.err, fs.ErrExist) {
			d.err = nil
		}
	})
	return d.err
}

// NewWriter checks dest, makes the temporary folder beside it and starts
// one writer per core.
func NewWriter(dest string, minifier *Minifier) (*Writer, error) {
	dest = filepath.Clean(dest)
	if err := checkDest(dest); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp := filepath.Join(parent, "."+base+".new-"+randomSuffix())
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, err
	}
	w := &Writer{
		dest: dest, tmp: tmp, minifier: minifier, prev: readManifest(dest),
		jobs: make(chan job, 256), m: map[string]entry{}, seen: map[string]bool{}, dirs: map[string]*folder{},
	}
	for range runtime.NumCPU() {
		w.wg.Go(w.work)
	}
	return w, nil
}

func (w *Writer) work() {
	for j := range w.jobs {
		f := j.f
		err := j.dir.make()
		var e entry
		var linked bool
		if err == nil {
			e, linked, err = writeOne(w.tmp, w.dest, w.prev, f, w.minifier)
		}
		w.mu.Lock()
		if err != nil && w.first == nil {
			w.first = err
		}
		if err == nil {
			w.stats.Files++
			w.stats.Bytes += e.size
			if linked {
				w.stats.Reused++
			}
			if !strings.ContainsAny(f.Path, "\t\n") {
				w.m[f.Path] = e
			}
		}
		w.mu.Unlock()
	}
}

// Add queues files for writing. A path outside the destination, or a path
// given twice, fails the whole write; Commit reports it.
func (w *Writer) Add(files ...File) {
	for _, f := range files {
		p := path.Clean(f.Path)
		w.mu.Lock()
		if w.first != nil {
			w.mu.Unlock()
			return
		}
		var err error
		switch {
		case p == "." || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../"):
			err = fmt.Errorf("refusing to write %q outside the destination", f.Path)
		case p == Marker:
			err = fmt.Errorf("%s is the build's own marker; no page may have that path", p)
		case w.seen[p]:
			err = fmt.Errorf("two outputs want the same file %s", p)
		}
		if err != nil {
			w.first = err
			w.mu.Unlock()
			return
		}
		w.seen[p] = true
		w.order = append(w.order, p)
		d := path.Dir(p)
		dir := w.dirs[d]
		if dir == nil {
			dir = &folder{path: filepath.Join(w.tmp, filepath.FromSlash(d))}
			w.dirs[d] = dir
		}
		w.mu.Unlock()
		f.Path = p
		w.jobs <- job{f, dir}
	}
}

// Abort stops the writers and removes the temporary folder; the destination
// stays as it was.
func (w *Writer) Abort() {
	close(w.jobs)
	w.wg.Wait()
	os.RemoveAll(w.tmp)
}

// Commit waits for every file, writes the manifest and swaps the new folder
// into place, removing the previous one.
func (w *Writer) Commit() (Stats, error) {
	close(w.jobs)
	w.wg.Wait()
	err := w.first
	if err == nil {
		err = writeManifest(w.tmp, w.m, w.order)
	}
	if err != nil {
		os.RemoveAll(w.tmp)
		return Stats{}, err
	}
	parent, base := filepath.Dir(w.dest), filepath.Base(w.dest)
	old := filepath.Join(parent, "."+base+".old-"+randomSuffix())
	hadOld := false
	if _, err := os.Stat(w.dest); err == nil {
		if err := os.Rename(w.dest, old); err != nil {
			os.RemoveAll(w.tmp)
			return Stats{}, fmt.Errorf("cannot move the previous site aside: %w", err)
		}
		hadOld = true
	}
	if err := os.Rename(w.tmp, w.dest); err != nil {
		if hadOld {
			os.Rename(old, w.dest)
		}
		os.RemoveAll(w.tmp)
		return Stats{}, fmt.Errorf("cannot move the new site into place: %w", err)
	}
	if hadOld {
		os.RemoveAll(old)
	}
	return w.stats, nil
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
	if err := rawfile.WriteFile(target, data); err != nil {
		return entry{}, false, err
	}
	return entry{sum: sum, size: int64(len(data))}, false, nil
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
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return entry{}, false, err
	}
	return entry{sum: sum, size: n}, false, nil
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
