package markdown

import (
	"strings"
	"testing"
)

// TestMaskAcrossInlineNodes checks that a number the reader sees whole is
// masked however the Markdown splits it, and that link targets and image
// paths keep their digits.
func TestMaskAcrossInlineNodes(t *testing.T) {
	cases := map[string]string{
		"电话138**0000**1234。":                        "电话138<strong>****</strong>1234。",
		"电话1380**000**1234。":                        "电话138****<strong></strong>1234。",
		"电话 137–0000–9999":                          "电话 137****9999",
		"电话 137—0000—9999":                          "电话 137****9999",
		"电话 137\u00a00000\u00a09999":                "电话 137****9999",
		"电话 137\u30000000\u30009999":                "电话 137****9999",
		"电话 `13800001234`":                          "<code>138****1234</code>",
		"电话 [138 0000 1234](/contact/13800001234/)": `<a href="/contact/13800001234/">138****1234</a>`,
		"![王老师 13800001234](/img/13800001234.png)":  `<img src="/img/13800001234.png" alt="王老师 138****1234"`,
		"    13800001234\n":                         "<pre><code>138****1234\n</code></pre>",
		"身份证 11010519491231002X":                    "身份证 110105********002X",
		"身份证 1101051949**1231002X**":                "身份证 110105********<strong>002X</strong>",
		"| 电话 |\n|---|\n| 139 1111 2222 |\n":        "<td>139****2222</td>",
		"请拨<13800001234@example.org>":               "请拨138****1234@example.org",
	}
	for src, want := range cases {
		got := convert(t, src)
		if !strings.Contains(got, want) {
			t.Errorf("%q:\ngot  %q\nwant it to contain %q", src, got, want)
		}
	}
}

func TestMaskTelLink(t *testing.T) {
	b, masked, err := New().ConvertMasked([]byte("请联系[王老师](tel:13800001234)或[办公室](tel:0632-3317000)。\n\n拨打[138 0000 1234](tel:+8613800001234)"), "")
	if err != nil {
		t.Fatal(err)
	}
	got := string(b.HTML())
	if strings.Contains(got, "13800001234") || !strings.Contains(got, "请联系王老师或") || !strings.Contains(got, "拨打138****1234") {
		t.Errorf("tel link to a mobile kept: %q", got)
	}
	if !strings.Contains(got, `<a href="tel:0632-3317000">办公室</a>`) {
		t.Errorf("tel link to an office line dropped: %q", got)
	}
	tels := 0
	for _, m := range masked {
		if m.Kind == Tel {
			tels++
			if m.Number != "138****1234" {
				t.Errorf("tel link reported as %q", m.Number)
			}
		}
	}
	if tels != 2 || len(masked) != 3 {
		t.Errorf("masked = %+v, want two tel links and one number", masked)
	}
}

func TestMaskHeadingAndLines(t *testing.T) {
	b, masked, err := New().ConvertMasked([]byte("# 标题\n\n正文\n\n## 联系 13800001234\n\n第二行 139-1111-2222\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{string(b.HTML()), b.Text(), b.Headings[1].Text, b.Headings[1].ID} {
		if strings.Contains(s, "13800001234") || strings.Contains(s, "0000") || strings.Contains(s, "1111") {
			t.Errorf("number left in %q", s)
		}
	}
	if len(masked) != 2 || masked[0].Line != 5 || masked[1].Line != 7 || masked[1].Number != "139****2222" {
		t.Errorf("masked = %+v, want lines 5 and 7", masked)
	}
}

// TestMaskedNumberBeforeALineBreak joins Chinese lines after masking: the
// masked text lives past the end of the source, and the join must read it
// there (it once read the source alone and panicked).
func TestMaskedNumberBeforeALineBreak(t *testing.T) {
	for _, src := range []string{
		"电话138**0000**1234，\n请联系。",
		"电话：13800001234\n请联系。",
		"[13800001234](/a/)\n请联系。",
	} {
		b, err := New().Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b.HTML()), "0000") || strings.Contains(b.Text(), "0000") {
			t.Errorf("%q: the number is not masked:\n%s\n%s", src, b.HTML(), b.Text())
		}
		if !strings.Contains(b.Text(), "1234") || !strings.Contains(b.Text(), "请联系") {
			t.Errorf("%q: text lost: %q", src, b.Text())
		}
	}
}

// TestMaskNumbersWrittenWithReferences: a number the reader sees whole is
// masked when some of its characters are written as character references
// (&#x30;, &#48;) or escaped (\-), as they are shown, and the conversion
// reports it; a code span, which shows references as written, is left,
// and the rest of a changed text is shown as before.
func TestMaskNumbersWrittenWithReferences(t *testing.T) {
	cases := map[string]string{
		"电话 139&#x30;0001234。":                  "电话 139****1234。",
		"电话 139&#48;0001234。":                   "电话 139****1234。",
		"电话 139\\-0000\\-1234。":                 "电话 139****1234。",
		"A&amp;B &lt;b&gt; 1390000123&#52; \\*": "A&amp;B &lt;b&gt; 139****1234 *",
		"电话 139&#x30;**000**1234":               "电话 139****<strong></strong>1234",
		"[王老师](/a/ \"139&#x30;0001234\")":       `<a href="/a/" title="139****1234">王老师</a>`,
	}
	for src, want := range cases {
		b, masked, err := New().ConvertMasked([]byte(src), "")
		if err != nil {
			t.Fatal(err)
		}
		got := string(b.HTML())
		if !strings.Contains(got, want) {
			t.Errorf("%q:\ngot  %q\nwant it to contain %q", src, got, want)
		}
		if len(masked) != 1 || masked[0].Number != "139****1234" || masked[0].Line != 1 {
			t.Errorf("%q: masked = %+v, want 139****1234 on line 1", src, masked)
		}
	}
	got := convert(t, "电话 `139&#x30;0001234`")
	if !strings.Contains(got, "<code>139&amp;#x30;0001234</code>") {
		t.Errorf("a code span changed: %q", got)
	}
}
