// Package sitefs reads the files of a site folder, following a symbolic link
// only when the file or folder it leads to lies inside the site folder too.
// Every reader of site files goes through it, so that no file from outside
// the site (a link to /etc/passwd named as an attachment, a linked folder of
// someone's documents) is ever read or published.
package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/rawfile"
)

// Root is a site folder. It resolves site-relative paths to their real
// paths, with every link resolved, and refuses those that lie outside the
// folder's own real path. It remembers the folders it resolved, so a build
// pays for each folder once; open a new Root for each build, since a
// folder may become a link in between. It is safe for concurrent use.
type Root struct {
	real string // the real path of the site folder

	mu      sync.Mutex
	folders map[string]resolved // site-relative folder → its real path
}

type resolved struct {
	real string
	err  error
}

// Open returns the site folder dir as a Root.
func Open(dir string) (*Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	return &Root{real: real, folders: map[string]resolved{}}, nil
}

// Real returns the real path of the site folder.
func (r *Root) Real() string { return r.real }

// OutsideError says that a path of the site leads, through a link, to a
// file or folder outside the site folder.
type OutsideError struct {
	Link   string // the link, relative to the site folder with forward slashes
	Real   string // the real path it leads to
	Folder bool   // whether it leads to a folder
}

func (e *OutsideError) Error() string {
	return fmt.Sprintf("%s is a link to %s, outside the site folder", e.Link, e.Real)
}

// Msg describes the problem for a message about file (relative to the site
// folder): without repeating the name when file is the link itself.
func (e *OutsideError) Msg(file string) string {
	if file == e.Link {
		return catalog.Sprintf("this is a link to %s, outside the site folder", e.Real)
	}
	return e.Error()
}

// Hint says how to fix the link.
func (e *OutsideError) Hint() string {
	if e.Folder {
		return catalog.T("copy the folder into the site folder instead of linking to it, or remove the link")
	}
	return catalog.T("copy the file into the site folder instead of linking to it, or remove the link")
}

// Outside returns err as an *OutsideError, or nil when it is not one.
func Outside(err error) *OutsideError {
	var oe *OutsideError
	if errors.As(err, &oe) {
		return oe
	}
	return nil
}

// clean checks rel, a slash-separated path inside the site folder.
func clean(rel string) (string, error) {
	c := path.Clean(filepath.ToSlash(rel))
	if path.IsAbs(c) || filepath.IsAbs(rel) || c == ".." || strings.HasPrefix(c, "../") {
		return "", catalog.Errorf("%s is outside the site folder", rel)
	}
	return c, nil
}

// inside reports whether the real path p lies in the site folder.
func (r *Root) inside(p string) bool {
	root := r.real
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return p == r.real || strings.HasPrefix(p, root)
}

// resolve returns the real path of p, the file rel whose folder's path is
// already real, and what it is, following a link only inside the site.
func (r *Root) resolve(rel, p string) (string, fs.FileInfo, error) {
	st, err := os.Lstat(p)
	if err != nil {
		return "", nil, err
	}
	if st.Mode()&fs.ModeSymlink == 0 {
		return p, st, nil
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		target, _ := os.Readlink(p)
		return "", nil, catalog.Errorf("%s is a link to %s, which cannot be followed: %w", rel, target, err)
	}
	if !r.inside(real) {
		st, _ := os.Stat(real)
		return "", nil, &OutsideError{Link: rel, Real: real, Folder: st != nil && st.IsDir()}
	}
	if st, err = os.Stat(real); err != nil {
		return "", nil, err
	}
	return real, st, nil
}

// folder returns the real path of the site-relative folder rel.
func (r *Root) folder(rel string) (string, error) {
	if rel == "." {
		return r.real, nil
	}
	r.mu.Lock()
	v, ok := r.folders[rel]
	r.mu.Unlock()
	if ok {
		return v.real, v.err
	}
	parent, err := r.folder(path.Dir(rel))
	if err == nil {
		var st fs.FileInfo
		v.real, st, err = r.resolve(rel, filepath.Join(parent, path.Base(rel)))
		if err == nil && !st.IsDir() {
			err = &fs.PathError{Op: "open", Path: v.real, Err: errors.New("not a folder")}
		}
	}
	v.err = err
	r.mu.Lock()
	r.folders[rel] = v
	r.mu.Unlock()
	return v.real, v.err
}

// Stat returns the real path of rel, a path relative to the site folder
// with forward slashes, and what it is. It fails with an *OutsideError when
// a link on the way leads out of the site folder.
func (r *Root) Stat(rel string) (string, fs.FileInfo, error) {
	c, err := clean(rel)
	if err != nil {
		return "", nil, err
	}
	if c == "." {
		st, err := os.Stat(r.real)
		return r.real, st, err
	}
	dir, err := r.folder(path.Dir(c))
	if err != nil {
		return "", nil, err
	}
	return r.resolve(c, filepath.Join(dir, path.Base(c)))
}

// ReadFile returns the content of the file rel, read from its real path.
func (r *Root) ReadFile(rel string) ([]byte, error) { return r.ReadFileMax(rel, -1) }

// ReadFileMax is ReadFile for a file of at most max bytes (no limit when max
// is negative): a larger one gives a *rawfile.TooLargeError before it is read.
func (r *Root) ReadFileMax(rel string, max int64) ([]byte, error) {
	real, st, err := r.Stat(rel)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: rel, Err: errors.New("not a regular file")}
	}
	return rawfile.ReadFileMax(real, max)
}

// Entry is one entry of a folder, with links inside the site taken for what
// they lead to.
type Entry struct {
	Name string
	Dir  bool  // a folder, or a link to one
	Err  error // why the entry cannot be used, such as an *OutsideError
}

// ReadDir lists the folder rel in name order.
func (r *Root) ReadDir(rel string) ([]Entry, error) {
	real, _, err := r.Stat(rel)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, err
	}
	c, _ := clean(rel)
	out := make([]Entry, len(entries))
	for i, e := range entries {
		out[i] = Entry{Name: e.Name(), Dir: e.IsDir()}
		if e.Type()&fs.ModeSymlink != 0 {
			_, st, err := r.resolve(path.Join(c, e.Name()), filepath.Join(real, e.Name()))
			var oe *OutsideError
			switch {
			case errors.As(err, &oe):
				out[i].Dir, out[i].Err = oe.Folder, err
			case err != nil:
				out[i].Err = err
			default:
				out[i].Dir = st.IsDir()
			}
		}
	}
	return out, nil
}

// Walk calls fn with every regular file under the folder rel, its path
// relative to the site folder and its real path, in lexical order. It
// follows links inside the site as the file or folder they lead to; a link
// that leads out of it, or back into a folder it is in, is passed to fn with
// the error instead. A folder rel that does not exist has no files.
func (r *Root) Walk(rel string, fn func(rel, real string, err error)) {
	c, err := clean(rel)
	if err != nil {
		fn(rel, "", err)
		return
	}
	real, st, err := r.Stat(c)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case err != nil:
		fn(c, "", err)
		return
	case !st.IsDir():
		return
	}
	r.walk(c, real, map[string]bool{real: true}, fn)
}

func (r *Root) walk(rel, real string, above map[string]bool, fn func(rel, real string, err error)) {
	entries, err := os.ReadDir(real)
	if err != nil {
		fn(rel, "", err)
		return
	}
	for _, e := range entries {
		crel, creal := path.Join(rel, e.Name()), filepath.Join(real, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			p, st, err := r.resolve(crel, creal)
			if err != nil {
				fn(crel, "", err)
				continue
			}
			creal, isDir = p, st.IsDir()
			if !isDir && !st.Mode().IsRegular() {
				continue
			}
		} else if !isDir && !e.Type().IsRegular() {
			continue
		}
		if !isDir {
			fn(crel, creal, nil)
			continue
		}
		if above[creal] {
			fn(crel, "", catalog.Errorf("%s is a link to %s, a folder it is in, which would repeat its files without end", crel, creal))
			continue
		}
		above[creal] = true
		r.walk(crel, creal, above, fn)
		delete(above, creal)
	}
}

// Rel returns the real path p relative to the site folder with forward
// slashes, for messages; p itself when it is outside.
func (r *Root) Rel(p string) string {
	rel, err := filepath.Rel(r.real, p)
	if err != nil || !r.inside(p) {
		return p
	}
	return filepath.ToSlash(rel)
}

// RelName returns the path of the file src (on disk) relative to the site
// folder root, with forward slashes, for messages; src itself when it lies
// elsewhere.
func RelName(root, src string) string {
	rel, err := filepath.Rel(root, src)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return src
	}
	return filepath.ToSlash(rel)
}
