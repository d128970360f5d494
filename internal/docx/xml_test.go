package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is a parsed XML element, enough to assert on WordprocessingML.
type node struct {
	Name string            // local name, such as "tc"
	Attr map[string]string // by local name, such as "val"
	Kids []*node
	Text string // character data directly inside
}

func parseXML(t *testing.T, name, s string) *node {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	root := &node{Name: "#document"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		top := stack[len(stack)-1]
		switch el := tok.(type) {
		case xml.StartElement:
			n := &node{Name: el.Name.Local, Attr: map[string]string{}}
			for _, a := range el.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			top.Kids = append(top.Kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.Text += string(el)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("%s: unclosed elements", name)
	}
	return root
}

// all returns the descendants named name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.Kids {
		if k.Name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

// first returns the first descendant named name, or nil.
func (n *node) first(name string) *node {
	if a := n.all(name); len(a) > 0 {
		return a[0]
	}
	return nil
}

// child returns the direct child named name, or nil.
func (n *node) child(name string) *node {
	for _, k := range n.Kids {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// text is the visible text: w:t contents, w:br as a newline.
func (n *node) text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		switch n.Name {
		case "t":
			b.WriteString(n.Text)
		case "br":
			b.WriteString("\n")
		}
		for _, k := range n.Kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// unzip returns the parts of a package by name and their order.
func unzip(t *testing.T, data []byte) (map[string]string, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	parts := map[string]string{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v (CRC or size wrong?)", f.Name, err)
		}
		parts[f.Name] = string(b)
		order = append(order, f.Name)
	}
	return parts, order
}
