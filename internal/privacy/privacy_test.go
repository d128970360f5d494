package privacy

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"alliance/internal/phone"
)

func TestText(t *testing.T) {
	in := "王老师 137–0000–9999，身份证 11010519491231002X，座机 0632-3317000"
	want := "王老师 137****9999，身份证 110105********002X，座机 0632-3317000"
	if got := Text(in); got != want {
		t.Errorf("Text(%q) = %q, want %q", in, got, want)
	}
}

// record is a made-up kind with a field of every shape Mask must follow.
type record struct {
	Title   string
	URL     string `mask:"-"`
	List    []string
	Nested  *record
	Phone   phone.Number
	ByName  map[string]string
	Array   [1]string
	private string
}

func TestMaskEveryStringButOptedOut(t *testing.T) {
	const n = "13800001234"
	r := &record{
		Title: "电话" + n, URL: "/p/" + n + "/", List: []string{n},
		Nested: &record{Title: n}, Phone: phone.Number{Raw: n},
		ByName: map[string]string{"a": n}, Array: [1]string{n}, private: n,
	}
	r.Nested.Nested = r // a cycle
	Mask(r)
	for name, got := range map[string]string{"Title": r.Title, "List": r.List[0], "Nested": r.Nested.Title, "Map": r.ByName["a"], "Array": r.Array[0]} {
		if strings.Contains(got, n) {
			t.Errorf("%s left in full: %q", name, got)
		}
	}
	if r.URL != "/p/"+n+"/" || r.Phone.Raw != n || r.private != n {
		t.Errorf("opted-out fields changed: %q %q %q", r.URL, r.Phone.Raw, r.private)
	}
}

func TestPublic(t *testing.T) {
	r := &record{Phone: phone.Number{Raw: "139-1111-2222", Public: true}, Nested: &record{Phone: phone.Number{Raw: "13800001234"}}}
	got := Public(r)
	if len(got) != 1 || !got["13911112222"] {
		t.Errorf("Public = %v, want only 13911112222", got)
	}
}

func TestScanHTML(t *testing.T) {
	cases := map[string]int{
		`<p>电话138<strong>0000</strong>1234</p>`:                  1,
		`<p>电话137&nbsp;0000&#8211;9999</p>`:                      1,
		`<img src="/a/13800001234.png" alt="王 138 0000 1234">`:   1,
		`<a href="tel:13800001234">138****1234</a>`:              0,
		`<table><tr><td>138</td><td>00001234</td></tr></table>`:  0,
		`<script>var x = "13800001234";</script><p>无</p>`:        0,
		`<meta name="description" content="联系 13800001234">`:     1,
		`<p>办公 0632-3317000，身份证 <em>11010519491231002X</em></p>`: 1,
		`<p>2021-03-16</p><p>2021-03-17</p><p>2021-03-18</p>`:    0,
		"<p>电话 138\n  0000\n 1234</p>":                           1,
		`<svg><path d="M1 1h13800001234v1z"/></svg>`:             0,
		`<p>电话１３８００００１２３４</p>`:                                   1,
	}
	for doc, want := range cases {
		if got := Scan("a/index.html", []byte(doc)); len(got) != want {
			t.Errorf("Scan(%q) = %+v, want %d", doc, got, want)
		}
	}
}

func TestScanFeedAndOffice(t *testing.T) {
	feed := `<feed><entry><title>通知</title><content type="html">&lt;p&gt;电话138&lt;strong&gt;0000&lt;/strong&gt;1234&lt;/p&gt;</content></entry></feed>`
	if got := Scan("feed.xml", []byte(feed)); len(got) != 1 || got[0].Masked != "138****1234" {
		t.Errorf("feed: %+v", got)
	}
	if got := Scan("search/x.json", []byte(`{"t":"电话 13800001234"}`)); len(got) != 1 {
		t.Errorf("json: %+v", got)
	}
	office := func(part, xml string) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create(part)
		_, _ = w.Write([]byte(xml))
		_ = zw.Close()
		return b.Bytes()
	}
	docx := office("word/document.xml", `<w:document><w:body><w:p><w:r><w:t>电话138</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>0000</w:t></w:r><w:r><w:t>1234</w:t></w:r></w:p><w:p><w:r><w:t>1</w:t></w:r></w:p></w:body></w:document>`)
	if got := Scan("templates/a/a.docx", docx); len(got) != 1 {
		t.Errorf("docx: %+v", got)
	}
	xlsx := office("xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c><v>138</v></c><c><v>00001234</v></c><c t="inlineStr"><is><t>139 1111 2222</t></is></c></row></sheetData></worksheet>`)
	if got := Scan("directories/a/a.xlsx", xlsx); len(got) != 1 || got[0].Digits != "13911112222" {
		t.Errorf("xlsx: %+v", got)
	}
	if got := Scan("css/main.css", []byte("/* 13800001234 */")); len(got) != 0 {
		t.Errorf("css read: %+v", got)
	}
}

func TestMaybeIsCheapButComplete(t *testing.T) {
	if maybe([]byte(`<p>2021-03-16 发布</p><a href="/notices/2021-03-16/">下一页</a><time>2021-03-17</time>`), htmlText) {
		t.Error("a page without eleven digits in its text was read in full")
	}
	for _, doc := range []string{`<p>138<b>0000</b>1234</p>`, `<img alt="138 0000 1234">`, `１３８００００１２３４`, `138&nbsp;0000&nbsp;1234`} {
		if !maybe([]byte(doc), htmlText) {
			t.Errorf("maybe(%q) = false", doc)
		}
	}
}

// TestTextMasksMobiles: every written form of a mobile is masked, and
// landlines and longer digit runs are not.
func TestTextMasksMobiles(t *testing.T) {
	cases := map[string]string{
		"联系电话：13787179805（王老师）":          "联系电话：137****9805（王老师）",
		"李老师 13911204920，王老师13787179805": "李老师 139****4920，王老师137****9805",
		"电话 138-0000-1234":               "电话 138****1234",
		"订单号 213787179805999 不是手机号":      "订单号 213787179805999 不是手机号",
		"办公电话 0632-3317123":              "办公电话 0632-3317123",
		"电话+8613955556666":               "电话+86139****6666",
		"电话 8613966667777。":              "电话 86139****7777。",
		"手机 139.4444.5555":               "手机 139****5555",
		"手机１３９４４４４５５５５":                  "手机１３９****５５５５",
		"电话 137–0000–9999":               "电话 137****9999",
		"电话 137—0000—9999":               "电话 137****9999",
		"电话 137\u00a00000\u00a09999":     "电话 137****9999",
		"电话 137\u30000000\u30009999":     "电话 137****9999",
		"电话 137\u202f0000\u202f9999":     "电话 137****9999",
		"电话 137 - 0000 - 9999":           "电话 137****9999",
		"13800001234，13900001234":        "138****1234，139****1234",
		"座机 0632–3317000":                "座机 0632–3317000",
	}
	for in, want := range cases {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTextMasksIDCards: an ID-card number with a right check character is
// masked in the middle; a longer digit run is not.
func TestTextMasksIDCards(t *testing.T) {
	// 11010519491231002X is the standard's own example number.
	const id = "11010519491231002X"
	cases := map[string]string{
		"身份证" + id + "。":            "身份证110105********002X。",
		id + " " + id:               "110105********002X 110105********002X",
		"编号 1101051949123100211234": "编号 1101051949123100211234",
	}
	for in, want := range cases {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
