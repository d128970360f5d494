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
	"slices"
	"strings"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/parallel"
	"alliance/internal/rawfile"
)

// Marker is the file every build leaves in its destination. A folder that
// exists without it was not made by alliance, and a build refuses to replace it.
const Marker = ".alliance-build"

// ErrDestChanged marks a Commit error after which the destination is not the
// previous site any more: the message says what it holds and where the
// previous site's files are. Any other error leaves the destination as it was.
var ErrDestChanged = errors.New("the destination was changed")

// rename is os.Rename; tests replace it to make a move fail.
var rename = os.Rename

// changedError is an error after which the destination is not the previous
// site: its message says what happened and where the previous files are.
type changedError struct {
	msg string
	err error
}

func (e *changedError) Error() string   { return e.msg }
func (e *changedError) Unwrap() []error { return []error{e.err, ErrDestChanged} }

// destChanged returns err with a message saying how the destination changed;
// errors.Is finds both err and ErrDestChanged in it.
func destChanged(err error, format string, args ...any) error {
	return &changedError{msg: fmt.Sprintf(format, args...), err: err}
}

// Stats says what a write did.
type Stats struct {
	Files  int
	Bytes  int64
	Reused int // files unchanged since the previous build, left in place or linked

	// Written lists the files whose content changed (or are new), and
	// Removed those the previous build had and this one does not: what a
	// browser showing the site must load again. Sorted.
	Written, Removed []string
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
// write it. Files go into a fresh folder beside the destination; Abort, or
// any failed write, leaves the destination as it was.
//
// A first build's folder is swapped into place whole by Commit. A rebuild
// over a folder with a manifest stages only the files whose content changed,
// and Commit moves each into place and deletes the files the build no longer
// makes: on a slow file system, creating, linking or deleting 40,000
// unchanged files costs more than rendering them.
type Writer struct {
	dest, tmp string // tmp is "" for a dry run
	minifier  *Minifier
	sources   string // the real path of the folder File.Src must lie in; "" for any
	gate      *Gate  // when set, every file passes it before it is written (Screen)
	claims    claims
	prev      manifest
	jobs      chan job
	wg        sync.WaitGroup

	mu     sync.Mutex
	real   map[string]error // folders of sources checked to be real paths
	stats  Stats
	first  error
	m      map[string]entry
	order  []string
	seen   map[string]bool
	dirs   map[string]*folder
	staged []string // in place: the files written to tmp, to move into dest
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
		real: map[string]error{},
	}
	w.start()
	return w, nil
}

// NewDryWriter returns a Writer that does everything a write does but
// write: it checks every path, minifies and reads the sources, so that a
// dry run fails wherever a build would. Its Commit counts the files and
// bytes a build would write.
func NewDryWriter(minifier *Minifier) *Writer {
	w := &Writer{minifier: minifier, jobs: make(chan job, 256), m: map[string]entry{}, seen: map[string]bool{}, dirs: map[string]*folder{}, real: map[string]error{}}
	w.start()
	return w
}

// start starts one writer per core.
func (w *Writer) start() {
	for range runtime.NumCPU() {
		w.wg.Go(w.work)
	}
}

// SourcesIn makes w refuse to copy a file (File.Src) whose real path is
// not inside dir, the site folder, as a last check that no file from
// outside the site is published. Call it before Add.
func (w *Writer) SourcesIn(dir string) error {
	abs, err := filepath.Abs(dir)
	if err == nil {
		w.sources, err = filepath.EvalSymlinks(abs)
	}
	return err
}

// Screen makes w pass every file it is given through g (the last check,
// on the bytes as they would be written), so that nothing reaches the
// output unchecked: a file g refuses is not written, and Commit then fails
// with g's problems. Call it before Add.
func (w *Writer) Screen(g *Gate) { w.gate = g }

// errRefused marks a file the gate refused; the gate holds the problem.
var errRefused = errors.New("refused by the gate")

// dry says whether w writes nothing.
func (w *Writer) dry() bool { return w.tmp == "" }

func (w *Writer) work() {
	for j := range w.jobs {
		e, reused, err := w.writeOne(j)
		w.done(j.f, e, reused, err)
	}
}

// done notes the outcome of writing f.
func (w *Writer) done(f File, e entry, reused bool, err error) {
	if err == errRefused {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil && w.first == nil {
		w.first = err
	}
	if err != nil {
		return
	}
	w.stats.Files++
	w.stats.Bytes += e.size
	if reused {
		w.stats.Reused++
	} else {
		w.stats.Written = append(w.stats.Written, f.Path)
		if w.inPlace() {
			w.staged = append(w.staged, f.Path)
		}
	}
	w.m[f.Path] = e
}

// Add queues files for writing. A path outside the destination, a path
// another file wants too (in any case), or a file where another needs a
// folder, fails the whole write; Commit reports every such path. Paths are
// still checked after a write failed, so that the report is complete.
func (w *Writer) Add(files ...File) {
	for _, f := range files {
		if j, ok := w.claim(f); ok {
			w.jobs <- j
		}
	}
}

// Write is Add for one file, written before it returns on the caller's
// goroutine: f.Data is not kept, so the caller may use its buffer again.
func (w *Writer) Write(f File) {
	if j, ok := w.claim(f); ok {
		e, reused, err := w.writeOne(j)
		w.done(j.f, e, reused, err)
	}
}

// claim checks f's path and notes it as Add does, and returns the job that
// writes it; false when f is not to be written.
func (w *Writer) claim(f File) (job, bool) {
	p := path.Clean(f.Path)
	if !w.claims.add(p, f) {
		return job{}, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.first != nil {
		return job{}, false
	}
	w.seen[p] = true
	w.order = append(w.order, p)
	d := path.Dir(p)
	dir := w.dirs[d]
	if dir == nil {
		dir = &folder{path: filepath.Join(w.tmp, filepath.FromSlash(d))}
		w.dirs[d] = dir
	}
	f.Path = p
	return job{f, dir}, true
}

// Keep leaves the previous build's file at path in place, as Add would for
// a file with the same content, without the content: for a step whose
// inputs are unchanged (see engine). sum and size are what the manifest
// said of it then. It returns false, doing nothing, when the destination
// does not hold that file as the previous build left it; the caller then
// makes the file and Adds it.
func (w *Writer) Keep(p, sum string, size int64, source string) bool {
	if w.dry() {
		return false
	}
	p = path.Clean(p)
	e, ok := w.prev.unchanged(w.dest, p, sum)
	if !ok || e.size != size {
		return false
	}
	if !w.claims.add(p, File{Path: p, Source: source}) {
		return true // the clash fails Commit
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen[p] {
		return true
	}
	w.seen[p] = true
	w.order = append(w.order, p)
	w.stats.Files++
	w.stats.Bytes += e.size
	w.stats.Reused++
	w.m[p] = e
	return true
}

// KeepMade is Keep for a file made with a known SHA-256 sum of its bytes
// (File.Sum): an output.Keeper.
func (w *Writer) KeepMade(p string, sum [32]byte, size int64) bool {
	return w.Keep(p, hex.EncodeToString(sum[:16]), size, "")
}

// Unchanged reports whether Keep would keep the file at p: a step with
// several files checks them all before it keeps any.
func (w *Writer) Unchanged(p, sum string, size int64) bool {
	if w.dry() {
		return false
	}
	e, ok := w.prev.unchanged(w.dest, path.Clean(p), sum)
	return ok && e.size == size
}

// Entry returns what the manifest says of the file at path after Commit: a
// sum of its content and its size, for a step's record.
func (w *Writer) Entry(p string) (sum string, size int64, ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e, ok := w.m[path.Clean(p)]
	return e.sum, e.size, ok
}

// Abort stops the writers and removes the temporary folder; the destination
// stays as it was.
func (w *Writer) Abort() {
	close(w.jobs)
	w.wg.Wait()
	if !w.dry() {
		os.RemoveAll(w.tmp)
	}
}

// Commit waits for every file, then puts the new site in place: moving the
// changed files into the previous build's folder, or swapping the new
// folder in whole. Paths no folder can hold are reported before any error
// of writing, which they may have caused.
func (w *Writer) Commit() (Stats, error) {
	close(w.jobs)
	w.wg.Wait()
	err := w.claims.err()
	if err == nil {
		err = w.first
	}
	if err == nil && w.gate != nil {
		err = w.gate.Err()
	}
	slices.Sort(w.stats.Written)
	if w.dry() {
		return w.stats, err
	}
	if err != nil {
		os.RemoveAll(w.tmp)
		return Stats{}, err
	}
	if w.inPlace() {
		if ok, err := w.update(); ok || err != nil {
			os.RemoveAll(w.tmp)
			if err != nil {
				return Stats{}, err
			}
			return w.stats, nil
		}
		// Something in the old folder is in the way (a file where a
		// folder must go, or a link): link the unchanged files into the
		// new folder and swap it in whole instead.
		if err := w.linkUnchanged(); err != nil {
			os.RemoveAll(w.tmp)
			return Stats{}, err
		}
	}
	return w.swap()
}

// swap writes the manifest into the new folder and swaps it into place,
// removing the previous one.
func (w *Writer) swap() (Stats, error) {
	w.stats.Removed = nil
	for p := range w.prev.files {
		if !w.seen[p] {
			w.stats.Removed = append(w.stats.Removed, p)
		}
	}
	slices.Sort(w.stats.Removed)
	if err := writeManifest(w.tmp, w.m, w.order); err != nil {
		os.RemoveAll(w.tmp)
		return Stats{}, err
	}
	parent, base := filepath.Dir(w.dest), filepath.Base(w.dest)
	old := filepath.Join(parent, "."+base+".old-"+randomSuffix())
	hadOld := false
	if _, err := os.Stat(w.dest); err == nil {
		if err := rename(w.dest, old); err != nil {
			os.RemoveAll(w.tmp)
			return Stats{}, catalog.Errorf("cannot move the previous site aside: %w", err)
		}
		hadOld = true
	}
	if err := rename(w.tmp, w.dest); err != nil {
		os.RemoveAll(w.tmp)
		if hadOld {
			if berr := rename(old, w.dest); berr != nil {
				return Stats{}, destChanged(err, "cannot move the new site into place: %v; nor the previous site back: %v. "+
					"The previous site is in %s: move it back to %s, or build again", err, berr, old, w.dest)
			}
		}
		return Stats{}, catalog.Errorf("cannot move the new site into place: %w", err)
	}
	if hadOld {
		os.RemoveAll(old)
	}
	return w.stats, nil
}

// update moves the staged files into dest, deletes every other file this
// build does not make, and writes the manifest last.
// It returns false, having changed nothing, when the old folder has a file
// or link where the new site needs a folder, or a folder where it needs a
// file; the caller then swaps instead. Every path it touches is checked to
// lie in real folders of dest, so that a link in the folder never leads a
// write or a delete outside it.
func (w *Writer) update() (bool, error) {
	slices.Sort(w.staged)
	dirs := map[string]bool{".": true} // dest-relative folders known to be real folders (true) or absent (false)
	inDest := func(p string) string { return filepath.Join(w.dest, filepath.FromSlash(p)) }
	// realParents reports whether every folder above p in dest is a real
	// folder or does not exist yet.
	var realParents func(p string) bool
	realParents = func(p string) bool {
		d := path.Dir(p)
		if _, ok := dirs[d]; ok {
			return true
		}
		if !realParents(d) {
			return false
		}
		st, err := os.Lstat(inDest(d))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			dirs[d] = false
		case err != nil || !st.IsDir():
			return false
		default:
			dirs[d] = true
		}
		return true
	}
	for _, p := range w.staged {
		if !realParents(p) {
			return false, nil
		}
		if st, err := os.Lstat(inDest(p)); err == nil && st.IsDir() {
			return false, nil
		}
	}
	// Everything else in the folder goes, as with a swap: files of pages
	// the site no longer has, and anything put there by hand. Links are
	// listed as files: a link is removed, never what it points to.
	var stale []string
	all, err := filesUnder(w.dest, w.prev)
	if err != nil {
		return false, nil
	}
	for _, rel := range all {
		if !w.seen[rel] && rel != Marker {
			stale = append(stale, rel)
		}
	}
	slices.Sort(stale)
	w.stats.Removed = stale
	return true, w.replace(w.staged, stale, dirs)
}

// replace moves the staged files into dest and the stale ones out of it, then
// the new manifest in. Each file it replaces or removes goes into a folder
// beside dest first, so that a failed move can put the previous site back;
// that folder is deleted once the new site is complete. dirs marks false
// the folders of dest that did not exist before, which an undo removes.
func (w *Writer) replace(staged, stale []string, dirs map[string]bool) error {
	parent, base := filepath.Dir(w.dest), filepath.Base(w.dest)
	backup := filepath.Join(parent, "."+base+".old-"+randomSuffix())
	inDest := func(p string) string { return filepath.Join(w.dest, filepath.FromSlash(p)) }
	inBackup := func(p string) string { return filepath.Join(backup, filepath.FromSlash(p)) }
	// done lists the moves made, to undo in reverse order: the new file put
	// at p, the previous file at p put aside, or both.
	type move struct {
		p           string
		added, kept bool
	}
	var done []move
	backupDirs := map[string]bool{}
	// aside keeps the previous file at p in the backup, to put back on
	// failure. A file to be replaced stays where it is too (a hard link),
	// so that the new one's rename replaces it at once and a browser
	// reading the folder meanwhile never finds the path missing; a file
	// that goes, or one that cannot be linked, is moved.
	aside := func(p string, replaced bool) (bool, error) {
		st, err := os.Lstat(inDest(p))
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		if d := path.Dir(p); !backupDirs[d] {
			if err := os.MkdirAll(filepath.Dir(inBackup(p)), 0o755); err != nil {
				return false, err
			}
			backupDirs[d] = true
		}
		if replaced && err == nil && st.Mode().IsRegular() && os.Link(inDest(p), inBackup(p)) == nil {
			return true, nil
		}
		if err := rename(inDest(p), inBackup(p)); err != nil {
			return false, err
		}
		return true, nil
	}
	put := func(p string) error {
		m := move{p: p}
		var err error
		if m.kept, err = aside(p, true); err == nil {
			if err = os.MkdirAll(filepath.Dir(inDest(p)), 0o755); err == nil {
				err = rename(filepath.Join(w.tmp, filepath.FromSlash(p)), inDest(p))
				m.added = err == nil
			}
		}
		done = append(done, m)
		return err
	}
	// undo puts the previous site back after err and says where it stands.
	undo := func(err error) error {
		var failed []string
		for i := len(done) - 1; i >= 0; i-- {
			m := done[i]
			if m.kept {
				// The previous file goes back over the new one, if any.
				if rerr := os.MkdirAll(filepath.Dir(inDest(m.p)), 0o755); rerr != nil {
					failed = append(failed, rerr.Error())
					continue
				}
				if rerr := rename(inBackup(m.p), inDest(m.p)); rerr != nil {
					failed = append(failed, rerr.Error())
				}
			} else if m.added {
				if rerr := os.Remove(inDest(m.p)); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
					failed = append(failed, rerr.Error())
				}
			}
		}
		// Folders made for new files go again, deepest first; one that
		// still holds something stays.
		var made []string
		for d, existed := range dirs {
			if !existed {
				made = append(made, d)
			}
		}
		slices.SortFunc(made, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
		for _, d := range made {
			os.Remove(inDest(d))
		}
		if len(failed) == 0 {
			os.RemoveAll(backup)
			return catalog.Errorf("updating %s: %w; the previous site was put back", w.dest, err)
		}
		return destChanged(err, "updating %s: %v; putting the previous site back failed too (%s). "+
			"%s is partly updated; the previous files that could not be put back are in %s. Build again, then delete %s",
			w.dest, err, strings.Join(failed, "; "), w.dest, backup, backup)
	}
	for _, p := range staged {
		if err := put(p); err != nil {
			return undo(err)
		}
	}
	for _, p := range stale {
		kept, err := aside(p, false)
		done = append(done, move{p: p, kept: kept})
		if err != nil {
			return undo(err)
		}
		// Remove the folders it leaves empty; a folder still holding
		// something stops the climb. Undo makes them again.
		for d := path.Dir(p); d != "." && os.Remove(inDest(d)) == nil; d = path.Dir(d) {
		}
	}
	if err := writeManifest(w.tmp, w.m, w.order); err != nil {
		return undo(err)
	}
	if err := put(Marker); err != nil {
		return undo(err)
	}
	os.RemoveAll(backup)
	return nil
}

// linkUnchanged links every file left unchanged in the previous build's
// folder into the new one, for a swap after all.
func (w *Writer) linkUnchanged() error {
	done := map[string]bool{}
	for _, p := range w.staged {
		done[p] = true
	}
	for _, p := range w.order {
		if done[p] {
			continue
		}
		target := filepath.Join(w.tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		old := filepath.Join(w.dest, filepath.FromSlash(p))
		if os.Link(old, target) == nil {
			continue
		}
		data, err := os.ReadFile(old)
		if err != nil {
			return err
		}
		if err := rawfile.WriteFile(target, data); err != nil {
			return err
		}
	}
	return nil
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
		return catalog.Errorf("destination %s is a file, not a folder; choose another --destination", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return catalog.Errorf("destination %s already holds files that alliance did not write (no %s in it); choose an empty or new --destination, or remove the folder yourself", dest, Marker)
	}
	return nil
}

// inPlace says whether Commit updates the previous build's folder in place.
func (w *Writer) inPlace() bool { return len(w.prev.files) > 0 }

// writeOne writes j's file under tmp, unless the previous build's copy
// holds the same content. It returns the file's manifest entry and whether
// it was reused.
func (w *Writer) writeOne(j job) (entry, bool, error) {
	f := j.f
	target := filepath.Join(w.tmp, filepath.FromSlash(f.Path))
	var (
		data []byte
		sum  string
	)
	var src fs.FileInfo
	if f.Data == nil && f.Src != "" {
		var err error
		if src, err = w.checkSource(f.Src); err != nil {
			return entry{}, false, err
		}
		if w.dry() {
			// A file that cannot be opened fails the copy.
			in, err := os.Open(f.Src)
			if err != nil {
				return entry{}, false, err
			}
			in.Close()
			return entry{size: src.Size()}, false, nil
		}
		sum = sumOfSource(src)
	} else {
		data = f.Data
		if w.minifier != nil && !f.Minified {
			m, err := w.minifier.Minify(f.Path, data)
			if err != nil {
				return entry{}, false, catalog.Errorf("minify %s: %w", f.Path, err)
			}
			data = m
		}
		if w.gate != nil && !w.gate.Pass(File{Path: f.Path, Data: data, Source: f.Source}) {
			return entry{}, false, errRefused
		}
		if w.dry() {
			return entry{size: int64(len(data))}, false, nil
		}
		if f.Minified && f.Sum != [32]byte{} {
			sum = hex.EncodeToString(f.Sum[:16])
		} else {
			sum = sumOf(data)
		}
	}
	// Only a rebuild in place has a previous manifest: an unchanged file
	// stays where it is (see update).
	if e, ok := w.prev.unchanged(w.dest, f.Path, sum); ok {
		return e, true, nil
	}
	if err := j.dir.make(); err != nil {
		return entry{}, false, err
	}
	if data == nil && f.Src != "" {
		in, err := openChecked(f.Src, src)
		if err != nil {
			return entry{}, false, err
		}
		defer in.Close()
		return copyFile(in, target, sum)
	}
	if err := rawfile.WriteFile(target, data); err != nil {
		return entry{}, false, err
	}
	return entry{sum: sum, size: int64(len(data))}, false, nil
}

// checkSource checks that src, a file to copy, is where the loader found it:
// given by its real path, its folders no links, inside w.sources when set,
// and not itself a link. It returns what Lstat says of it.
func (w *Writer) checkSource(src string) (fs.FileInfo, error) {
	dir := filepath.Dir(src)
	w.mu.Lock()
	err, ok := w.real[dir]
	w.mu.Unlock()
	if !ok {
		err = checkFolder(dir, w.sources)
		w.mu.Lock()
		w.real[dir] = err
		w.mu.Unlock()
	}
	if err != nil {
		return nil, catalog.Errorf("refusing to copy %s: %w", src, err)
	}
	return checkFile(src)
}

// OpenSource opens src, a file to copy into the built site as it is, after
// the checks a Writer makes (see SourcesIn): src must be a real path inside
// root, the real path of the site folder (any folder when root is ""), with
// no link on the way or at its end. The file opened is the file checked.
func OpenSource(src, root string) (*os.File, error) {
	if err := checkFolder(filepath.Dir(src), root); err != nil {
		return nil, catalog.Errorf("refusing to copy %s: %w", src, err)
	}
	st, err := checkFile(src)
	if err != nil {
		return nil, err
	}
	return openChecked(src, st)
}

// checkFolder checks that dir is an absolute real path inside root.
func checkFolder(dir, root string) error {
	if !filepath.IsAbs(dir) {
		return catalog.Errorf("%s is not an absolute path", dir)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	if real != dir {
		return catalog.Errorf("its folder %s is a link to %s", dir, real)
	}
	if root != "" && dir != root && !strings.HasPrefix(dir, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator)) {
		return catalog.Errorf("it is outside the site folder %s", root)
	}
	return nil
}

// checkFile checks that src is a regular file, not a link.
func checkFile(src string) (fs.FileInfo, error) {
	st, err := os.Lstat(src)
	switch {
	case err != nil:
		return nil, err
	case st.Mode()&fs.ModeSymlink != 0:
		target, _ := os.Readlink(src)
		return nil, catalog.Errorf("refusing to copy %s: it is a link to %s", src, target)
	case !st.Mode().IsRegular():
		return nil, catalog.Errorf("refusing to copy %s: it is not a regular file", src)
	}
	return st, nil
}

// openChecked opens src, which checkFile described as st, and makes sure
// it is still that file.
func openChecked(src string, st fs.FileInfo) (*os.File, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	if now, err := f.Stat(); err != nil || !os.SameFile(st, now) {
		f.Close()
		return nil, catalog.Errorf("refusing to copy %s: it changed while being copied", src)
	}
	return f, nil
}

func copyFile(in *os.File, dst, sum string) (entry, bool, error) {
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

// filesUnder returns every file under dir that is not a folder (links
// included, not followed), relative to dir with forward slashes. It reads
// the folders of each level on every core: a site of 10,000 notices has
// 13,000 folders of one page each, and reading them one at a time was a
// tenth of an edit's build. A folder that prev, the manifest of the build
// that wrote dir, lists files in and that has not changed since (its
// modification time, which any file added, removed or renamed in it
// moves) holds what prev lists, and is not read: one system call instead
// of four, 0.9 CPU-s of an edit of 100,000 notices.
func filesUnder(dir string, prev manifest) ([]string, error) {
	known := prev.folders()
	var out []string
	level := []string{"."}
	for len(level) > 0 {
		files := make([][]string, len(level))
		subs := make([][]string, len(level))
		errs := make([]error, len(level))
		parallel.Each(len(level), func(i int) {
			name := filepath.Join(dir, filepath.FromSlash(level[i]))
			if k, ok := known[level[i]]; ok {
				// Strictly before: a file system's clock ticks in
				// milliseconds, and a change in the tick the manifest
				// was written in is a change.
				if st, err := os.Lstat(name); err == nil && st.IsDir() && st.ModTime().Before(prev.done) {
					files[i], subs[i] = k.files, k.subs
					return
				}
			}
			entries, err := os.ReadDir(name)
			if err != nil {
				errs[i] = err
				return
			}
			for _, e := range entries {
				rel := path.Join(level[i], e.Name())
				if e.IsDir() {
					subs[i] = append(subs[i], rel)
				} else {
					files[i] = append(files[i], rel)
				}
			}
		})
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		level = slices.Concat(subs...)
		out = append(out, slices.Concat(files...)...)
	}
	return out, nil
}
