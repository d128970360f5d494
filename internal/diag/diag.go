// Package diag describes problems found in a site's source files in a form a
// secretariat clerk can act on: which file, which line, what is wrong, how to fix it.
package diag

import (
	"fmt"
	"sort"
	"strings"

	"alliance/internal/catalog"
)

// Problem is one thing wrong with the source. Warnings do not stop a build.
// Msg and Hint are in the language current when it was made (catalog);
// Localize renders them again in another.
type Problem struct {
	File    string // path relative to the site folder, with forward slashes
	Line    int    // 1-based; 0 when unknown
	Msg     string // what is wrong
	Hint    string // how to fix it; may be empty
	Warning bool

	format  string // the English format of Msg, and its arguments
	args    []any
	hintKey string // the English Hint when it is a catalogue entry
}

// Localize returns p with its message and hint in l, where it was made
// through Errorf or Warnf.
func (p Problem) Localize(l catalog.Lang) Problem {
	if p.format != "" {
		p.Msg = catalog.In(l, p.format, p.args...)
	}
	if p.hintKey != "" {
		p.Hint = catalog.Format(l, p.hintKey)
	}
	return p
}

// Kind is "error" or "warning" in the current language.
func (p Problem) Kind() string {
	if p.Warning {
		return catalog.T("warning")
	}
	return catalog.T("error")
}

func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Warning {
		b.WriteString(catalog.T("warning: "))
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString(catalog.Sprintf(" (%s)", p.Hint))
	}
	return b.String()
}

// List collects problems from every stage so that all of them are reported at once.
type List struct {
	items []Problem
}

// Errorf records an error. format and a fixed hint are English catalogue
// keys, shown in the current language; a hint with values in it is made
// with catalog.Sprintf.
func (l *List) Errorf(file string, line int, hint, format string, args ...any) {
	l.items = append(l.items, newProblem(file, line, hint, false, format, args))
}

// Warnf records a warning, as Errorf records an error.
func (l *List) Warnf(file string, line int, hint, format string, args ...any) {
	l.items = append(l.items, newProblem(file, line, hint, true, format, args))
}

func newProblem(file string, line int, hint string, warning bool, format string, args []any) Problem {
	p := Problem{File: file, Line: line, Warning: warning, format: format, args: args,
		Msg: catalog.Sprintf(format, args...), Hint: catalog.T(hint)}
	if _, ok := catalog.ChineseOf(hint); ok {
		p.hintKey = hint
	}
	return p
}

// Add records p.
func (l *List) Add(p Problem) { l.items = append(l.items, p) }

// Merge appends every problem of o.
func (l *List) Merge(o *List) {
	if o != nil {
		l.items = append(l.items, o.items...)
	}
}

// Problems returns all problems sorted by file and line, errors and warnings together.
func (l *List) Problems() []Problem {
	out := append([]Problem(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out
}

// Warnings returns the warnings only.
func (l *List) Warnings() []Problem {
	var out []Problem
	for _, p := range l.Problems() {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// HasErrors reports whether any problem is an error.
func (l *List) HasErrors() bool {
	for _, p := range l.items {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Err returns nil when there are no errors, else an error listing every error.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	var errs Errors
	for _, p := range l.Problems() {
		if !p.Warning {
			errs = append(errs, p)
		}
	}
	return errs
}

// Errors is the error a failed build returns: one line per problem.
type Errors []Problem

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// LineOf returns the 1-based line in src where key is assigned (`key = …`),
// counting from firstLine, or 0 when it is not found. It lets errors about a
// front-matter value point at the line that holds it.
func LineOf(src []byte, key string, firstLine int) int {
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, key) {
			rest := strings.TrimSpace(t[len(key):])
			if strings.HasPrefix(rest, "=") {
				return firstLine + i
			}
		}
	}
	return 0
}
