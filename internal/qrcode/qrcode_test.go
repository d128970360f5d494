package qrcode

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

const pageURL = "https://example.org/alliance/templates/zaozhuang-application/"

// parsed is what the test reads back from an SVG.
type parsed struct {
	title   string
	viewBox string
	d       string
}

func parse(t *testing.T, svg []byte) parsed {
	t.Helper()
	var p parsed
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			stack = append(stack, el.Name.Local)
			for _, a := range el.Attr {
				switch {
				case el.Name.Local == "svg" && a.Name.Local == "viewBox":
					p.viewBox = a.Value
				case el.Name.Local == "path" && a.Name.Local == "d":
					p.d = a.Value
				}
			}
			if len(stack) == 1 && (el.Name.Local != "svg" || el.Name.Space != "http://www.w3.org/2000/svg") {
				t.Fatalf("root element is %v, want svg in the SVG namespace", el.Name)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "title" {
				p.title += string(el)
			}
		}
	}
	return p
}

var run = regexp.MustCompile(`^([Mm])(-?\d+) (-?\d+)h(\d+)v1h-(\d+)z`)

// draw rebuilds the module matrix from the path's runs: the first placed
// by an absolute M, the others by a relative m from the corner of the one
// before, where z returned the pen.
func draw(t *testing.T, d string, size int) [][]bool {
	t.Helper()
	m := make([][]bool, size)
	for i := range m {
		m[i] = make([]bool, size)
	}
	x, y := 0, 0
	for first := true; d != ""; first = false {
		g := run.FindStringSubmatch(d)
		if g == nil {
			t.Fatalf("unexpected path data at %.30q", d)
		}
		if (g[1] == "M") != first {
			t.Fatalf("run %q: want M for the first run only", g[0])
		}
		dx, _ := strconv.Atoi(g[2])
		dy, _ := strconv.Atoi(g[3])
		if first {
			x, y = dx, dy
		} else {
			x, y = x+dx, y+dy
		}
		w, _ := strconv.Atoi(g[4])
		back, _ := strconv.Atoi(g[5])
		if w != back || w == 0 {
			t.Fatalf("run %q does not close", g[0])
		}
		if y < 0 || y >= size || x < 0 || x+w > size {
			t.Fatalf("run %q at %d,%d falls outside the %d-module image", g[0], x, y, size)
		}
		for i := 0; i < w; i++ {
			if m[y][x+i] {
				t.Fatalf("module %d,%d drawn twice", x+i, y)
			}
			m[y][x+i] = true
		}
		d = d[len(g[0]):]
	}
	return m
}

func TestSVGMatchesEncoder(t *testing.T) {
	for _, text := range []string{pageURL, "https://example.org/notices/2021-03-16/", "短文本 & <标签>"} {
		t.Run(text, func(t *testing.T) {
			svg, err := SVG(text)
			if err != nil {
				t.Fatal(err)
			}
			p := parse(t, svg)
			if p.title != text {
				t.Errorf("title = %q, want the encoded text %q", p.title, text)
			}
			// boombuler, which drew these codes before, in byte mode as ours.
			code, err := qr.Encode(text, qr.M, qr.Unicode)
			if err != nil {
				t.Fatal(err)
			}
			n := code.Bounds().Dx()
			if (n-17)%4 != 0 || n < 21 {
				t.Fatalf("encoder gave %d modules, not a QR size", n)
			}
			size := n + 2*quiet
			if want := fmt.Sprintf("0 0 %d %d", size, size); p.viewBox != want {
				t.Errorf("viewBox = %q, want %q (symbol plus a %d-module quiet zone)", p.viewBox, want, quiet)
			}
			got := draw(t, p.d, size)
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					want := false
					if x >= quiet && y >= quiet && x < quiet+n && y < quiet+n {
						c := color.GrayModel.Convert(code.At(x-quiet, y-quiet)).(color.Gray)
						want = c.Y < 128
					}
					if got[y][x] != want {
						t.Fatalf("module %d,%d: drawn %v, encoder %v", x, y, got[y][x], want)
					}
				}
			}
			// The three finder patterns: a dark 7×7 ring around a light ring
			// around a dark 3×3 centre, at three corners.
			for _, c := range [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
				for dy := 0; dy < 7; dy++ {
					for dx := 0; dx < 7; dx++ {
						ring := dx == 0 || dy == 0 || dx == 6 || dy == 6
						centre := dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4
						if got[quiet+c[1]+dy][quiet+c[0]+dx] != (ring || centre) {
							t.Fatalf("finder pattern at %v broken at %d,%d", c, dx, dy)
						}
					}
				}
			}
		})
	}
}

func TestSVGIsCompact(t *testing.T) {
	svg, err := SVG(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(svg), "<path"); n != 1 {
		t.Errorf("%d paths, want one path of merged runs", n)
	}
	if len(svg) > 6000 {
		t.Errorf("SVG for a page URL is %d bytes; runs should keep it under 6 KB", len(svg))
	}
}

func TestSVGRejectsEmpty(t *testing.T) {
	if _, err := SVG(""); err == nil {
		t.Error("SVG(\"\") succeeded; an empty code would scan as nothing")
	}
}

// TestInlineDrawsTheSameCode checks the element for HTML pages: the same
// modules as the standalone file, named by its label, escaped.
func TestInlineDrawsTheSameCode(t *testing.T) {
	label := `本页二维码 "扫码" & <打开>`
	el, err := Inline(pageURL, label)
	if err != nil {
		t.Fatal(err)
	}
	file, err := SVG(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	// Give the element its namespace, as an HTML parser does, to read it
	// with the same parser as the file.
	p := parse(t, bytes.Replace(el, []byte("<svg "), []byte(`<svg xmlns="http://www.w3.org/2000/svg" `), 1))
	f := parse(t, file)
	if p.d != f.d || p.viewBox != f.viewBox || p.d == "" {
		t.Errorf("inline code differs from the file's:\n%s\n%s", el, file)
	}
	if p.title != "" {
		t.Errorf("title %q: the label is in aria-label, not repeated as text", p.title)
	}
	want := `aria-label="本页二维码 &#34;扫码&#34; &amp; &lt;打开&gt;"`
	if !bytes.Contains(el, []byte(want)) || !bytes.Contains(el, []byte(`role="img"`)) {
		t.Errorf("element does not carry %s and role=img:\n%.200s", want, el)
	}
}

// TestAppendInt: the path's numbers are written as strconv writes them.
func TestAppendInt(t *testing.T) {
	for v := -1000; v <= 1000; v++ {
		if got, want := string(appendInt([]byte("x"), v)), "x"+strconv.Itoa(v); got != want {
			t.Fatalf("appendInt(%d) = %q, want %q", v, got, want)
		}
	}
}
