package privacy

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// shownInFull is what Scan finds in an HTML page when it reads the page
// whole, without asking maybe first.
func shownInFull(data []byte) bool {
	found := false
	markup(data, htmlText, func(u string) {
		if len(Find(normalise(u))) > 0 {
			found = true
		}
	})
	return found
}

// riskyPieces add to maybePieces what a page can hide a number in: digits
// written as character references, CDATA, comments holding quotes,
// unquoted attribute values, attributes a reader sees.
var riskyPieces = []string{
	"&#49;", "&#51;", "&#56;", "&#48;", "&#x31;", "&#X33;", "&#65297;", "&#xff11;", "&#049;", "&#52", "&#x34",
	"<![CDATA[", "]]>", "<!-- \" -->", "<!-- ' -->", "<!--", "-->",
	"<img alt=", "<input value=", " title=", ">", "<p title=138", "00001234>",
	"<b>", "</b>", "<div>", "</div>", "138", "0000", "1234", "13800001234", " ", "-",
}

// TestMaybeMissesNothingScanFinds: maybe is only a shortcut, so on any page
// where reading the page whole finds a number, Scan must find it too.
// Random pages are made of the pieces that have fooled maybe before: a
// number beside a comment holding a quote, in an unquoted value, written
// as character references, in CDATA.
func TestMaybeMissesNothingScanFinds(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := append(append([]string{}, maybePieces...), riskyPieces...)
	var b bytes.Buffer
	for range 300000 {
		b.Reset()
		for range 1 + r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if shownInFull(b.Bytes()) && len(Scan("x.html", b.Bytes())) == 0 {
			t.Fatalf("Scan(%q) finds nothing, but the page read whole shows a number", b.Bytes())
		}
	}
}

func FuzzMaybeMissesNothingScanFinds(f *testing.F) {
	f.Add([]byte("<p>电话&#49;38<![CDATA[0000]]>1234</p><img alt=13800001234>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if shownInFull(data) && len(Scan("x.html", data)) == 0 {
			t.Fatalf("Scan(%q) finds nothing, but the page read whole shows a number", data)
		}
	})
}

// TestScanFindsHiddenNumbers: the ways a number got past the shortcut,
// each of which the gate now reads.
func TestScanFindsHiddenNumbers(t *testing.T) {
	for _, page := range []string{
		`<p>王老师 138<!-- 备注 -->0000 1234</p>`,
		`<p>王老师 1<!-- " -->3800001234</p>`,
		`<img alt=13800001234 src=a.png>`,
		`<input value=１３８００００１２３４>`,
		`<p>&#49;&#51;&#56;00001234</p>`,
		`<p>&#x31;38 0000 1234</p>`,
		`<p><![CDATA[13800001234]]></p>`,
		`<path d="<img alt="">13800001234`,
		"<p>\xf0\x9f 13800001234</p>",
		`<p>0000１11010519491231002X</p>`,
		`<p title="` + "\n" + `">13800001234`,
		`<p>1380000123&#52</p>`,
		`<p>1380000123&#x34 号</p>`,
		`<p>138000012&#x0000000033&#52</p>`,
	} {
		if got := Scan("a/index.html", []byte(page)); len(got) == 0 {
			t.Errorf("Scan(%q) found nothing", page)
		}
	}
}
