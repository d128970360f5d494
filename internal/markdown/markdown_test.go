package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func convert(t *testing.T, src string, opts ...Option) string {
	t.Helper()
	b, err := New(opts...).Convert([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return string(b.HTML())
}

func TestEastAsianLineBreakAddsNoSpace(t *testing.T) {
	got := convert(t, "学前教育\n高质量发展")
	if !strings.Contains(got, "学前教育高质量发展") {
		t.Errorf("line break inside Chinese added a space: %q", got)
	}
	got = convert(t, "alliance\nsite")
	if !strings.Contains(got, "alliance\nsite") && !strings.Contains(got, "alliance site") {
		t.Errorf("line break between Latin words lost: %q", got)
	}
}

func TestEmphasisNextToChinesePunctuation(t *testing.T) {
	cases := map[string]string{
		"这是**「重点」**内容":        "<strong>「重点」</strong>",
		"请于**4月30日**前提交":      "<strong>4月30日</strong>",
		"注意**“共建 共享”**。":      "<strong>“共建 共享”</strong>",
		"plain **bold** text": "<strong>bold</strong>",
	}
	for src, want := range cases {
		if got := convert(t, src); !strings.Contains(got, want) {
			t.Errorf("%s: got %q, want it to contain %q", src, got, want)
		}
	}
	if got := convert(t, "2 * 3 * 4"); strings.Contains(got, "<em>") {
		t.Errorf("spaced asterisks became emphasis: %q", got)
	}
}

func TestHeadingAnchorsKeepChinese(t *testing.T) {
	b, err := New().Convert([]byte("## 一、指导思想\n\n## 一、指导思想\n\n## Work Plan 2021\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"一指导思想", "一指导思想-1", "work-plan-2021"}
	if len(b.Headings) != len(want) {
		t.Fatalf("headings = %+v", b.Headings)
	}
	for i, h := range b.Headings {
		if h.ID != want[i] {
			t.Errorf("heading %d id = %q, want %q", i, h.ID, want[i])
		}
		if !strings.Contains(string(b.HTML()), `id="`+want[i]+`"`) {
			t.Errorf("HTML lacks id %q: %s", want[i], b.HTML())
		}
	}
	if b.Headings[0].Text != "一、指导思想" {
		t.Errorf("heading text = %q", b.Headings[0].Text)
	}
}

func TestRawHTMLEscapedUnlessAllowed(t *testing.T) {
	src := "段落<script>alert(1)</script>\n\n<div class=\"x\">块</div>\n"
	got := convert(t, src)
	if strings.Contains(got, "<script>") || strings.Contains(got, "<div") {
		t.Errorf("raw HTML passed through: %q", got)
	}
	if !strings.Contains(got, "&lt;script&gt;") || !strings.Contains(got, "&lt;div class=&#34;x&#34;&gt;") {
		t.Errorf("raw HTML not shown escaped: %q", got)
	}
	got = convert(t, src, WithUnsafeHTML(true))
	if !strings.Contains(got, `<div class="x">块</div>`) {
		t.Errorf("unsafe_html did not let HTML through: %q", got)
	}
}

func TestTablesFootnotesStrikethrough(t *testing.T) {
	got := convert(t, "| 阶段 | 时间 |\n|---|---|\n| 启动 | 2021年3月 |\n\n~~旧~~新[^1]\n\n[^1]: 注释\n")
	for _, want := range []string{"<table>", "<td>启动</td>", "<del>旧</del>", `class="footnotes"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
}

func TestBasePathPrefixesSiteLinks(t *testing.T) {
	got := convert(t, "[通知](/notices/) [外链](https://example.org/) [相对](a/) ![图](/img/a.png)", WithBasePath("/alliance/"))
	for _, want := range []string{`href="/alliance/notices/"`, `href="https://example.org/"`, `href="a/"`, `src="/alliance/img/a.png"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
}

func TestPlainText(t *testing.T) {
	b, err := New().Convert([]byte("# 标题\n\n第一段\n文字，**加粗**。\n\n- 项目一\n- 项目二\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "标题\n第一段文字，加粗。\n项目一\n项目二"
	if b.Text() != want {
		t.Errorf("Text = %q, want %q", b.Text(), want)
	}
}

// collapseSpaceByLines is the plain statement of what collapseSpace does,
// kept to check the one-pass version against.
func collapseSpaceByLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestCollapseSpace(t *testing.T) {
	cases := map[string]string{
		"": "",
		"  一段\u3000\u3000文字  \n\n\t第二行\r\n": "一段 文字\n第二行",
		"\n\n a \n":             "a",
		"a\u00a0\u00a0b\u2028c": "a b c",
		"\xff \xfe":             "\xff \xfe",
	}
	for in, want := range cases {
		if got := collapseSpace(in); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
	pieces := []string{"a", "字", " ", "\u3000", "\n", "\r", "\t", "\u00a0", "\xff", "，", "\n\n",
		// White space and its neighbours beyond ASCII, and broken UTF-8
		// around the bytes that may begin white space.
		"\u0085", "\u1680", "\u2000", "\u200a", "\u202f", "\u205f", "\v", "\f", "©", "‘", "、", "\u200b", "\xc2", "\xe2\x80", "\xe3"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		in := b.String()
		if got, want := collapseSpace(in), collapseSpaceByLines(in); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCollapseSpace(f *testing.F) {
	f.Add("  一段\u3000文字 \n\n第二行 ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), collapseSpaceByLines(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestAlignedTableHasNoStyleAttribute: column alignment comes out as align
// attributes, since the pages' Content-Security-Policy blocks style ones.
func TestAlignedTableHasNoStyleAttribute(t *testing.T) {
	got := convert(t, "| 名称 | 数量 |\n| :-- | --: |\n| 幼儿园 | 3 |\n")
	if strings.Contains(got, "style=") || !strings.Contains(got, `align="right"`) {
		t.Errorf("aligned table:\n%s\nwant align attributes and no style", got)
	}
}

// TestHanRangeIsCaselessLetters: the ideographs ids.Generate takes without
// asking package unicode are letters that lower-casing leaves alone, and
// the ASCII it lower-cases itself agrees with unicode.ToLower.
func TestHanRangeIsCaselessLetters(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if commonLetter(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			t.Fatalf("commonLetter(%U) is true, but it is neither letter nor digit", r)
		}
		if r >= hanFirst && r <= hanLast && unicode.ToLower(r) != r {
			t.Fatalf("unicode.ToLower(%U) = %U", r, unicode.ToLower(r))
		}
		if r < utf8.RuneSelf && commonLetter(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Fatalf("commonLetter(%U) = %v, package unicode disagrees", r, commonLetter(r))
		}
	}
	ids := newIDs()
	if got := string(ids.Generate([]byte("Ab 一、指导思想 ÄÖ Ⅻ ｆＵ"), 0)); got != "ab-一指导思想-äö-ｆｕ" {
		t.Errorf("Generate = %q", got)
	}
}
