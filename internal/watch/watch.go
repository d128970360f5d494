// Package watch reports changes to a site's sources in batches. It watches
// folders recursively, including folders created after it started, ignores
// the temporary files editors write while saving (vim, VS Code, JetBrains,
// WPS, Emacs, gedit) and groups a burst of events into one batch of paths, so
// that a save by renaming, or by writing a temporary file first, is one change.
package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches some top-level files and folders of a root folder.
type Watcher struct {
	root    string
	names   map[string]bool // top-level names watched
	delay   time.Duration
	longest time.Duration
	fs      *fsnotify.Watcher
	batches chan []string
	errs    chan error
	done    chan struct{}
	exited  chan struct{}
}

// Option changes how a Watcher batches.
type Option func(*Watcher)

// WithDelay sets how long the sources must be quiet before a batch is sent
// (default 30ms): long enough for an editor to finish a save, short enough
// not to be noticed.
func WithDelay(d time.Duration) Option { return func(w *Watcher) { w.delay = d } }

// WithLongest sets how long a batch may wait while changes keep coming
// (default 500ms), so that a long burst still shows progress.
func WithLongest(d time.Duration) Option { return func(w *Watcher) { w.longest = d } }

// New watches the entries of root named in names, such as "site.toml" and
// "content": files directly, folders with everything in them. Entries that
// do not exist yet are picked up when they are created.
func New(root string, names []string, opts ...Option) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root: abs, names: map[string]bool{}, delay: 30 * time.Millisecond, longest: 500 * time.Millisecond,
		fs: fw, batches: make(chan []string), errs: make(chan error, 8),
		done: make(chan struct{}), exited: make(chan struct{}),
	}
	for _, o := range opts {
		o(w)
	}
	for _, n := range names {
		w.names[n] = true
	}
	// The root itself, for the top-level files and for folders created later.
	if err := fw.Add(abs); err != nil {
		fw.Close()
		return nil, err
	}
	for _, n := range names {
		p := filepath.Join(abs, n)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			if _, err := w.addTree(p); err != nil {
				fw.Close()
				return nil, err
			}
		}
	}
	go w.loop()
	return w, nil
}

// Batches delivers the changed paths, relative to the root with forward
// slashes, sorted and without duplicates. A path may be of a file or folder
// that was created, written, renamed or removed; the receiver looks at the
// disk to see what is there now.
func (w *Watcher) Batches() <-chan []string { return w.batches }

// Errors delivers problems of the underlying watcher, such as too many
// folders for the system's inotify limit.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching; Batches is closed.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
		return nil
	default:
	}
	close(w.done)
	err := w.fs.Close()
	<-w.exited
	return err
}

// addTree watches dir and every folder in it and returns the files found,
// relative to the root, for a folder that appeared with files already in it.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: nothing to watch
		}
		if p != dir && Ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.fs.Add(p)
		}
		files = append(files, w.rel(p))
		return nil
	})
	return files, err
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// paths returns what an event changed, relative to the root, or nothing for
// events outside the watched names and for editors' temporary files.
func (w *Watcher) paths(ev fsnotify.Event) []string {
	rel := w.rel(ev.Name)
	if rel == "." || strings.HasPrefix(rel, "../") {
		return nil
	}
	top, _, _ := strings.Cut(rel, "/")
	if !w.names[top] {
		return nil
	}
	for _, part := range strings.Split(rel, "/") {
		if Ignored(part) {
			return nil
		}
	}
	if ev.Op == fsnotify.Chmod {
		return nil // touched, not changed
	}
	out := []string{rel}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			files, err := w.addTree(ev.Name)
			if err != nil {
				w.report(err)
			}
			out = append(out, files...)
		}
	}
	return out
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default: // nobody is listening; drop it rather than stall
	}
}

func (w *Watcher) loop() {
	defer close(w.exited)
	defer close(w.batches)
	pending := map[string]bool{}
	var (
		first time.Time
		timer = time.NewTimer(time.Hour)
		fire  <-chan time.Time
		ready []string
		out   chan<- []string
	)
	timer.Stop()
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			ps := w.paths(ev)
			if len(ps) == 0 {
				continue
			}
			for _, p := range ps {
				pending[p] = true
			}
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			wait := min(w.delay, max(w.longest-now.Sub(first), 0))
			timer.Reset(wait)
			fire = timer.C
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.report(err)
		case <-fire:
			fire = nil
			for p := range pending {
				ready = append(ready, p)
			}
			slices.Sort(ready)
			ready = slices.Compact(ready)
			clear(pending)
			first = time.Time{}
			out = w.batches
		case out <- ready:
			ready, out = nil, nil
		}
	}
}

// Ignored reports whether a file name is one that editors and office suites
// write while saving or to mark a file open, or a hidden file: vim's swap
// files and its 4913 probe, backups ending in ~, Emacs's .#lock and #autosave#,
// JetBrains' ___jb_tmp___ and ___jb_old___, WPS's and Office's ~$ and .~ lock
// files, *.tmp, gedit's .goutputstream-*, Kate's .kate-swp, Chrome's .crswap.
func Ignored(name string) bool {
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."), // .#lock, .~lock, .goutputstream-, .x.swp, .DS_Store
		strings.HasPrefix(name, "~$"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		sedTemp(name):
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swo", ".swx", ".tmp", ".temp", ".crswap", ".kate-swp", ".part", ".bak":
		return true
	}
	return false
}

// sedTemp reports whether name is the temporary file of sed -i: "sed" and
// six letters or digits.
func sedTemp(name string) bool {
	if len(name) != 9 || !strings.HasPrefix(name, "sed") {
		return false
	}
	for _, r := range name[3:] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
