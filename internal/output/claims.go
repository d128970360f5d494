package output

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"sync"

	"alliance/internal/catalog"
	"alliance/internal/diag"
)

// claims records the path of every file a build makes and the source each
// was made from, and finds the paths no folder can hold: outside the
// destination, the build's marker, wanted by two outputs, or a file where
// another output needs a folder. Paths are compared ignoring case, because
// Windows and macOS store files that way and one output would overwrite the
// other there. The Writer claims every file it is given, writing or not, so
// a dry run finds exactly what a build refuses.
type claims struct {
	mu    sync.Mutex
	first map[string]claim // folded path → the first output that wanted it
	again []claim          // outputs that wanted a folded path already taken
	bad   diag.List        // paths that can never be written
}

// claim is one output's path (cleaned) and source.
type claim struct {
	path, source string
}

// fold is the key under which a path is stored: two paths with one key are
// one file on a file system that ignores case.
func fold(p string) string { return strings.ToLower(p) }

// add records f at its cleaned path p and reports whether it may be
// written: false when p can never be written or another output already
// wants a path with the same key.
func (c *claims) add(p string, f File) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case p == "." || path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../"):
		c.bad.Errorf(f.Source, 0, "give it a path inside the site", "refusing to write %q outside the destination", f.Path)
		return false
	case p == Marker:
		c.bad.Errorf(f.Source, 0, "rename it", "%s is the build's own marker; no page may have that path", p)
		return false
	}
	if c.first == nil {
		c.first = map[string]claim{}
	}
	k := fold(p)
	if _, ok := c.first[k]; ok {
		c.again = append(c.again, claim{p, f.Source})
		return false
	}
	c.first[k] = claim{p, f.Source}
	return true
}

// err returns every problem with the claimed paths, in an order that does
// not depend on the order the outputs were made in, or nil.
func (c *claims) err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var dl diag.List
	dl.Merge(&c.bad)
	var clashes []clash
	for _, again := range c.again {
		a, b := c.first[fold(again.path)], again
		if cmpClaims(a, b) > 0 {
			a, b = b, a
		}
		clashes = append(clashes, clash{a, b})
	}
	for k, inside := range c.first {
		for dir := path.Dir(k); dir != "."; dir = path.Dir(dir) {
			if file, ok := c.first[dir]; ok {
				clashes = append(clashes, clash{file, inside})
				break
			}
		}
	}
	slices.SortFunc(clashes, func(x, y clash) int {
		return cmp.Or(cmp.Compare(x.kind(), y.kind()), cmpClaims(x.a, y.a), cmpClaims(x.b, y.b))
	})
	// One problem for each pair of sources that want the same file, and
	// for each file that takes the name of a folder, naming the first path
	// and counting the others.
	for i := 0; i < len(clashes); {
		x := clashes[i]
		j := i + 1
		for j < len(clashes) && x.sameProblem(clashes[j]) {
			j++
		}
		more := ""
		if n := j - i - 1; n > 0 && x.kind() == fileAsFolder {
			more = catalog.Sprintf(" and %d more files", n)
		} else if n > 0 {
			more = catalog.Sprintf(" (and %d more)", n)
		}
		a, b := x.a, x.b
		file := cmp.Or(a.source, b.source)
		switch x.kind() {
		case sameFile:
			dl.Errorf(file, 0, "rename one of them, or give it another slug",
				"two outputs want the same file %s%s: one %s and one %s", a.path, more, madeFrom(a.source), madeFrom(b.source))
		case sameIgnoringCase:
			dl.Errorf(file, 0, "rename one of them: one would overwrite the other on a computer that does not tell upper and lower case apart",
				"two outputs want the same file on Windows and macOS, whose file names ignore upper and lower case%s: %s, %s, and %s, %s", more, a.path, madeFrom(a.source), b.path, madeFrom(b.source))
		case fileAsFolder:
			dl.Errorf(file, 0, "rename one of them so that no file takes the name of a folder",
				"%s is a file, %s, but %s, %s,%s must go in a folder of that name", a.path, madeFrom(a.source), b.path, madeFrom(b.source), more)
		}
		i = j
	}
	return dl.Err()
}

// clash is two outputs that cannot both be written: a is the first by
// source, or the file that takes the name of b's folder.
type clash struct{ a, b claim }

// How two outputs clash.
const (
	sameFile = iota
	sameIgnoringCase
	fileAsFolder
)

func (x clash) kind() int {
	switch {
	case x.a.path == x.b.path:
		return sameFile
	case fold(x.a.path) == fold(x.b.path):
		return sameIgnoringCase
	}
	return fileAsFolder
}

// sameProblem reports whether y is reported with x: the same two sources
// wanting the same files, or the same file in the way of folders.
func (x clash) sameProblem(y clash) bool {
	if x.kind() != y.kind() {
		return false
	}
	if x.kind() == fileAsFolder {
		return x.a == y.a
	}
	return x.a.source == y.a.source && x.b.source == y.b.source
}

// cmpClaims orders claims by source, then by path.
func cmpClaims(a, b claim) int {
	return cmp.Or(strings.Compare(a.source, b.source), strings.Compare(a.path, b.path))
}

// madeFrom says where an output comes from, for a message.
func madeFrom(source string) string {
	if source == "" {
		return catalog.T("made by the build itself")
	}
	return catalog.Sprintf("made from %s", source)
}
