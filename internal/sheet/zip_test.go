package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestSortedZip(t *testing.T) {
	var buf bytes.Buffer
	z := newSortedZip(&buf)
	for _, n := range []string{"xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/worksheets/sheet2.xml", "docProps/app.xml"} {
		w, err := z.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "<"+n+">")
	}
	if _, err := z.Create("docProps/app.xml"); err == nil {
		t.Error("a second part of the same name was accepted")
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if string(b) != "<"+f.Name+">" {
			t.Errorf("%s holds %q", f.Name, b)
		}
	}
	want := "xl/worksheets/sheet2.xml xl/worksheets/sheet1.xml docProps/app.xml [Content_Types].xml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("parts in the order\n%s, want\n%s", got, want)
	}
}
