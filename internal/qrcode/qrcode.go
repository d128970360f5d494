// Package qrcode draws QR codes as small SVG images, so a printed form or a
// notice on a screen can be opened on a phone ("扫码在手机上打开").
//
// It encodes them itself, following ISO/IEC 18004: github.com/boombuler/
// barcode, which it used before and still checks against in tests, spent
// 1–2 ms on each code scoring masks, a third of a large site's build.
package qrcode

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// quiet is the margin around the symbol in modules; ISO/IEC 18004 asks for
// four so that scanners find the finder patterns on any background.
const quiet = 4

// SVG encodes text (normally an absolute URL) as a QR code at error
// correction level M and draws it as an SVG whose title is the text. Dark
// modules are merged into horizontal runs of one path, which keeps a typical
// URL's code near 2 KB; the image scales to any size without blurring.
func SVG(text string) ([]byte, error) {
	return drawSVG(text, `xmlns="http://www.w3.org/2000/svg" `, text)
}

// Inline draws text's QR code as an <svg> element to put in an HTML page,
// named label for screen readers (such as "本页二维码") by aria-label, with no
// <title> that would repeat it in the page's text. A page that shows its
// own code this way saves the phone a request per view, and the build a
// file per page.
func Inline(text, label string) ([]byte, error) {
	return drawSVG(text, `class="qr-code" aria-label="`+attr(label)+`" `, "")
}

func drawSVG(text, attrs, title string) ([]byte, error) {
	m, err := Matrix(text)
	if err != nil {
		return nil, err
	}
	n := len(m)
	size := n + 2*quiet
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg %sviewBox="0 0 %d %d" shape-rendering="crispEdges" role="img">`, attrs, size, size)
	if title != "" {
		b.WriteString("<title>")
		escape(&b, title)
		b.WriteString("</title>")
	}
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, size, size)
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if !m[y][x] {
				x++
				continue
			}
			start := x
			for x < n && m[y][x] {
				x++
			}
			// M x y h run v1 h -run z: one closed rectangle per run.
			b.WriteString("M")
			b.WriteString(strconv.Itoa(start + quiet))
			b.WriteString(" ")
			b.WriteString(strconv.Itoa(y + quiet))
			b.WriteString("h")
			b.WriteString(strconv.Itoa(x - start))
			b.WriteString("v1h-")
			b.WriteString(strconv.Itoa(x - start))
			b.WriteString("z")
		}
	}
	b.WriteString(`"/></svg>`)
	b.WriteString("\n")
	return b.Bytes(), nil
}

// attr escapes s for a double-quoted attribute value.
func attr(s string) string {
	var b bytes.Buffer
	escape(&b, s)
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

// Matrix returns the modules of text's QR code, [row][column], true for dark,
// without the quiet zone.
func Matrix(text string) ([][]bool, error) {
	if text == "" {
		return nil, fmt.Errorf("qrcode: nothing to encode")
	}
	s, err := encode([]byte(text), levelM)
	if err != nil {
		return nil, fmt.Errorf("qrcode: encoding %.60q: %w", text, err)
	}
	n := s.size
	cells := make([]bool, n*n)
	for i, v := range s.modules {
		cells[i] = v == 1
	}
	m := make([][]bool, n)
	for r := range m {
		m[r] = cells[r*n : (r+1)*n : (r+1)*n]
	}
	return m, nil
}

// escape writes s as XML character data.
func escape(b *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
}
