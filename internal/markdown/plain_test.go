package markdown

import (
	"strings"
	"testing"
)

// The plain text (summaries, feed, search) is what the page shows, not the
// Markdown source: escapes and entities resolved, code kept as written.
func TestPlainTextResolvesEscapesAndEntities(t *testing.T) {
	cases := map[string]string{
		"A&B":                     "A&B",
		"A&amp;B 与 &lt;规范&gt;":    "A&B 与 <规范>",
		`\*不是强调\* 和 \[括号\]`:       "*不是强调* 和 [括号]",
		"甲&nbsp;乙":                "甲 乙", // a no-break space is white space
		"&#x4e2d;&#25991; &copy;": "中文 ©",
		"`a&amp;b` 与 `\\*`":       "a&amp;b 与 \\*",
		"[链接&amp;说明](/x) ![图&lt;1&gt;](/y.png)": "链接&说明 图<1>",
		`\&amp; 照写`:    "&amp; 照写",
		"# 标题 A&amp;B": "标题 A&B",
		"中\\ 文":        "中文",
	}
	for src, want := range cases {
		b, err := New().Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if b.Text() != want {
			t.Errorf("%q: Text = %q, want %q", src, b.Text(), want)
		}
	}
	b, err := New().Convert([]byte("## 产&amp;教 \\*融合\\*\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Headings) != 1 || b.Headings[0].Text != "产&教 *融合*" {
		t.Errorf("headings = %+v, want the text 产&教 *融合*", b.Headings)
	}
}

// A soft line break shows as a space in HTML. None belongs between Chinese
// characters or next to Chinese punctuation; between Latin words it stays.
func TestLineBreaksJoinChinese(t *testing.T) {
	cases := []struct{ src, html, text string }{
		{"建设，\n请", "建设，请", "建设，请"},
		{"学前教育\n高质量发展", "学前教育高质量发展", "学前教育高质量发展"},
		{"会议。\nThe meeting", "会议。The meeting", "会议。The meeting"},
		{"2024\n（三）", "2024（三）", "2024（三）"},
		{"推进“双高”\n计划", "推进“双高”计划", "推进“双高”计划"},
		{"**建设，**\n请", "<strong>建设，</strong>请", "建设，请"},
		{"建设，\n**请**", "建设，<strong>请</strong>", "建设，请"},
		{"[链接](/x)\n请", "</a>请", "链接请"},
		{"end.\nNext", "end.\nNext", "end. Next"},
		{"word\n*emph*", "word\n<em>emph</em>", "word emph"},
		{"He said “hi”\nthen", "“hi”\nthen", "He said “hi” then"},
		{"中文\nEnglish", "中文\nEnglish", "中文 English"},
		{"한국어\n문장", "한국어\n문장", "한국어 문장"},
	}
	for _, c := range cases {
		b, err := New().Convert([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b.HTML()), c.html) {
			t.Errorf("%q: HTML = %q, want it to contain %q", c.src, b.HTML(), c.html)
		}
		if b.Text() != c.text {
			t.Errorf("%q: Text = %q, want %q", c.src, b.Text(), c.text)
		}
	}
}
