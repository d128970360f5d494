package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// message is a catalogue key found in the source, with where it was found.
type message struct {
	key, pos string
}

// sourceMessages finds every message of the module's code by its call: the
// format and fixed hint of diag's Errorf and Warnf (any X.Errorf or X.Warnf
// with a file, line, hint and format), the key of catalog.Sprintf, Fprintf,
// Fprintln, Errorf, T, Key and In, the explanation of a command-line flag
// (fs.String, fs.BoolVar …), memberimport's row problems (p.problem) and the texts of a command's helpText. Only string literals (and sums of
// them) are keys; a hint in a variable was made by one of these calls.
func sourceMessages(t *testing.T) []message {
	t.Helper()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	var out []message
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "themes" || name == "content" || name == "data") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || filepath.Dir(path) == "." {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "helpText" {
					for _, e := range lit.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if k, ok := kv.Key.(*ast.Ident); ok && k.Name != "example" {
								if s, ok := literal(kv.Value); ok {
									out = append(out, message{s, fset.Position(kv.Value.Pos()).String()})
								}
							}
						}
					}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			recv, _ := sel.X.(*ast.Ident)
			add := func(i int) {
				if i < len(call.Args) {
					if s, ok := literal(call.Args[i]); ok {
						out = append(out, message{s, fset.Position(call.Args[i].Pos()).String()})
					}
				}
			}
			switch {
			case recv != nil && recv.Name == "catalog":
				switch sel.Sel.Name {
				case "Sprintf", "Errorf", "T", "Key":
					add(0)
				case "Fprintf", "Fprintln", "In":
					add(1)
				}
			case recv != nil && recv.Name == "fs" && slices.Contains([]string{"String", "StringVar", "Bool", "BoolVar", "Int", "IntVar"}, sel.Sel.Name):
				add(len(call.Args) - 1) // a flag's explanation, shown by printFlags
			case sel.Sel.Name == "problem" && len(call.Args) >= 3:
				add(2) // memberimport's row problems
			case (sel.Sel.Name == "Errorf" || sel.Sel.Name == "Warnf") && len(call.Args) >= 4 && (recv == nil || recv.Name != "fmt"):
				add(2)
				add(3)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// literal returns the value of a string literal or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := literal(e.X)
			b, ok2 := literal(e.Y)
			return a + b, ok1 && ok2
		}
	case *ast.ParenExpr:
		return literal(e.X)
	}
	return "", false
}

// needsEntry reports whether key has words to translate: a key made only of
// verbs and punctuation, or already in Chinese, reads the same in both.
func needsEntry(key string) bool {
	rest := key
	for _, v := range Verbs(key) {
		rest = strings.Replace(rest, v, "", 1)
	}
	for _, r := range rest {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

// TestCatalogComplete keeps the catalogue complete: every message in the
// source has a Chinese entry with the same verbs in the same order. Its
// failure lists the missing entries as lines to paste into zh.go.
func TestCatalogComplete(t *testing.T) {
	msgs := sourceMessages(t)
	if len(msgs) < 100 {
		t.Fatalf("found only %d messages in the source; the scan is broken", len(msgs))
	}
	missing := map[string]string{}
	for _, m := range msgs {
		if !needsEntry(m.key) {
			continue
		}
		zhText, ok := zh[m.key]
		if !ok {
			missing[m.key] = m.pos
			continue
		}
		if en, cn := ArgVerbs(m.key), ArgVerbs(zhText); !slices.Equal(en, cn) {
			t.Errorf("%s: the Chinese entry of %q has verbs %v, the English %v: use the same, in the same order", m.pos, m.key, cn, en)
		}
	}
	if len(missing) > 0 {
		keys := make([]string, 0, len(missing))
		for k := range missing {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			b.WriteString("\n\t// " + missing[k] + "\n\t" + strconv.Quote(k) + ": " + strconv.Quote("") + ",\n")
		}
		t.Errorf("%d messages have no Chinese entry; add these entries to internal/catalog/zh.go, each after a blank line, with the Chinese filled in (same verbs; %%[n]s to reorder):\n%s", len(keys), b.String())
	}
}

// TestCatalogVerbs checks every entry, used or not, for matching verbs.
func TestCatalogVerbs(t *testing.T) {
	for en, cn := range zh {
		if cn == "" {
			t.Errorf("%q has an empty Chinese entry", en)
		}
		if a, b := ArgVerbs(en), ArgVerbs(cn); !slices.Equal(a, b) {
			t.Errorf("%q: Chinese %q has verbs %v, English %v", en, cn, b, a)
		}
	}
}
