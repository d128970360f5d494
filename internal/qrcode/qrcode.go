// Package qrcode draws QR codes as small SVG images, so a printed form or a
// notice on a screen can be opened on a phone ("扫码在手机上打开").
//
// It encodes them itself, following ISO/IEC 18004: github.com/boombuler/
// barcode, which it used before and still checks against in tests, spent
// 1–2 ms on each code scoring masks, a third of a large site's build.
package qrcode

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
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
	sym, err := encodeText(text)
	if err != nil {
		return nil, err
	}
	n := sym.size
	size := n + 2*quiet
	// A URL's code is about 2 KB of path: one allocation, and numbers
	// appended in place, keep drawing cheaper than encoding.
	b := make([]byte, 0, 512+len(attrs)+len(title)+n*n*3)
	b = append(b, `<svg `...)
	b = append(b, attrs...)
	b = append(b, `viewBox="0 0 `...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `" shape-rendering="crispEdges" role="img">`...)
	if title != "" {
		b = append(b, "<title>"...)
		b = appendEscaped(b, title)
		b = append(b, "</title>"...)
	}
	b = append(b, `<rect width="`...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `" height="`...)
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, `" fill="#fff"/><path fill="#000" d="`...)
	// One closed rectangle per run: "h run v1 h -run z". The first starts
	// with an absolute M x y; each next with m dx dy from the last one's
	// corner, where z leaves the pen, which is shorter.
	lastX, lastY := -1, 0
	for y := 0; y < n; y++ {
		row := sym.modules[y*n : (y+1)*n]
		for x := 0; x < n; {
			if row[x] == 0 {
				x++
				continue
			}
			start := x
			for x < n && row[x] != 0 {
				x++
			}
			if lastX < 0 {
				b = append(b, 'M')
				b = appendInt(b, start+quiet)
				b = append(b, ' ')
				b = appendInt(b, y+quiet)
			} else {
				b = append(b, 'm')
				b = appendInt(b, start-lastX)
				b = append(b, ' ')
				b = appendInt(b, y-lastY)
			}
			lastX, lastY = start, y
			b = append(b, 'h')
			b = appendInt(b, x-start)
			b = append(b, "v1h-"...)
			b = appendInt(b, x-start)
			b = append(b, 'z')
		}
	}
	b = append(b, "\"/></svg>\n"...)
	return b, nil
}

// appendInt appends v in decimal, as strconv.AppendInt does, with the one-
// and two-digit numbers that make up a path written directly.
func appendInt(b []byte, v int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	switch {
	case v < 10:
		return append(b, byte('0'+v))
	case v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	}
	return strconv.AppendInt(b, int64(v), 10)
}

// attr escapes s for a double-quoted attribute value.
func attr(s string) string {
	return strings.ReplaceAll(string(appendEscaped(nil, s)), `"`, "&#34;")
}

// Matrix returns the modules of text's QR code, [row][column], true for dark,
// without the quiet zone.
func Matrix(text string) ([][]bool, error) {
	s, err := encodeText(text)
	if err != nil {
		return nil, err
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

// encodeText encodes text at level M, the symbol Matrix and the SVG show.
func encodeText(text string) (*symbol, error) {
	if text == "" {
		return nil, fmt.Errorf("qrcode: nothing to encode")
	}
	s, err := encode([]byte(text), levelM)
	if err != nil {
		return nil, fmt.Errorf("qrcode: encoding %.60q: %w", text, err)
	}
	return s, nil
}

// appendEscaped appends s to b as XML character data.
func appendEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not allowed in XML 1.0
			}
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
