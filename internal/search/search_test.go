package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"alliance/internal/model"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"教聯體", "教联体"},
		{"教联体", "教联体"},
		{"１０号", "10号"},
		{"枣教字〔2021〕10号", "枣教字 2021 10号"},
		{"枣教字[2021]10号", "枣教字 2021 10号"},
		{"枣教字［２０２１］１０号", "枣教字 2021 10号"},
		{"ＡＢＣ Alliance", "abc alliance"},
		{"“共建 共享 共成长”", "共建 共享 共成长"},
		{"  a,,b  ", "a b"},
		{"①㈠", "1 一"},
		{"İ", "İ"}, // its full lower case is two characters; browsers and Go would differ
		{"", ""},
		{"——", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Folding twice must change nothing, or a folded index and a folded query
// could disagree.
func TestFoldIsIdempotent(t *testing.T) {
	for r := rune(1); r < 0x30000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		f := Fold(string(r))
		if g := Fold(f); g != f {
			t.Fatalf("%U: Fold = %q, Fold(Fold) = %q", r, f, g)
		}
	}
}

func TestQueryTokensCoverTheWord(t *testing.T) {
	cases := map[string][]string{
		"园":        {"园"},
		"段简":       {"段简"},
		"幼儿园":      {"幼儿园"},
		"2021":     {"202", "021"},
		"枣庄市实验幼儿园": {"枣庄市", "市实验", "验幼儿", "幼儿园"},
		"实验幼儿园":    {"实验幼", "幼儿园"},
		"学前教育联盟":   {"学前教", "教育联", "育联盟"},
	}
	for w, want := range cases {
		if got := queryTokens([]rune(w)); !slices.Equal(got, want) {
			t.Errorf("queryTokens(%q) = %q, want %q", w, got, want)
		}
	}
}

// The hash decides which shard holds a token; search.js computes it too, so
// its value is fixed.
func TestTokenHash(t *testing.T) {
	if h := TokenHash("a"); h != 0xe40c292c {
		t.Errorf("TokenHash(a) = %#x, want FNV-1a 0xe40c292c", h)
	}
	if TokenHash("段简") == TokenHash("简段") {
		t.Error("TokenHash ignores order")
	}
}

func urls(r *Results) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	return out
}

func search(t *testing.T, ix *Index, q string, f Filter) *Results {
	t.Helper()
	r, err := ix.Search(q, f, 100)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return r
}

func TestSearch(t *testing.T) {
	ix := openFixture(t, fixtureSite(), defaultLimits)
	cases := []struct {
		q    string
		f    Filter
		want []string
	}{
		// A substring across a word boundary, and nothing that merely shares characters.
		{"段简", Filter{}, []string{"notices/zaozhuang-plan/"}},
		// Traditional finds Simplified and the other way round.
		{"教联体", Filter{}, []string{"reports/kunming-forum/"}},
		{"教聯體", Filter{}, []string{"reports/kunming-forum/"}},
		{"联盟单位申报", Filter{}, []string{"notices/hunan-2024/"}},
		{"聯盟單位申報", Filter{}, []string{"notices/hunan-2024/"}},
		// Full-width and half-width.
		{"１０号", Filter{}, []string{"notices/zaozhuang-plan/"}},
		{"4月30日", Filter{}, []string{"notices/hunan-2024/"}},
		// Punctuation in the query does not stop a match.
		{"枣教字〔2021〕10号", Filter{}, []string{"notices/zaozhuang-plan/"}},
		{"枣教字[2021]10号", Filter{}, []string{"notices/zaozhuang-plan/"}},
		{"2021 10号", Filter{}, []string{"notices/zaozhuang-plan/"}},
		{"枣教字2021", Filter{}, []string{"notices/zaozhuang-plan/"}},
		// Several words: every word must be in the page.
		{"枣庄 教育局", Filter{}, []string{"notices/zaozhuang-plan/"}},
		{"枣庄 湖南", Filter{}, nil},
		// No result.
		{"不存在的词语", Filter{}, nil},
		{"！？", Filter{}, nil},
		// A member links to its entry on the directory page.
		{"薛城", Filter{}, []string{"directories/zaozhuang/#m-xuecheng"}},
		{"滕州", Filter{Kind: "member"}, []string{"directories/zaozhuang/#m-tengzhou"}},
		// A member by its 责任人, as the directory page shows it.
		{"黄俐", Filter{}, []string{"directories/zaozhuang/#m-shiyan"}},
		// Latin case.
		{"ALLIANCE", Filter{}, nil},
		// A template by one of its fields.
		{"联系人姓名", Filter{}, []string{"templates/hunan-application/"}},
	}
	for _, c := range cases {
		got := urls(search(t, ix, c.q, c.f))
		if !slices.Equal(got, c.want) {
			t.Errorf("Search(%q, %+v) = %q, want %q", c.q, c.f, got, c.want)
		}
	}
}

func TestSingleCharacterQuery(t *testing.T) {
	ix := openFixture(t, fixtureSite(), defaultLimits)
	got := urls(search(t, ix, "薛", Filter{}))
	if !slices.Equal(got, []string{"directories/zaozhuang/#m-xuecheng"}) {
		t.Errorf("薛: %q", got)
	}
	got = urls(search(t, ix, "滕", Filter{}))
	if !slices.Equal(got, []string{"directories/zaozhuang/#m-tengzhou"}) {
		t.Errorf("滕: %q", got)
	}
}

// Title matches come first, then document number, issuer and names, then the
// text; newer first among equals.
func TestRanking(t *testing.T) {
	ix := openFixture(t, fixtureSite(), defaultLimits)
	r := search(t, ix, "枣庄市实验幼儿园", Filter{})
	want := []string{
		"directories/zaozhuang/#m-shiyan", // title (a member's name), 2021
		"notices/body-only/",              // text, 2023
		"about/",                          // text, undated
	}
	if got := urls(r); !slices.Equal(got, want) {
		t.Errorf("枣庄市实验幼儿园: %q, want %q", got, want)
	}
	if r.Hits[0].Score != ClassTitle || r.Hits[1].Score != ClassBody {
		t.Errorf("scores %d, %d", r.Hits[0].Score, r.Hits[1].Score)
	}

	// 市实验幼儿园 is a recipient of the 2021 notice (meta), and in the
	// text of two 2023 notices and the about page.
	got := urls(search(t, ix, "市实验幼儿园", Filter{Kind: "notice"}))
	want = []string{"notices/zaozhuang-plan/", "notices/title-parts/", "notices/body-only/"}
	if !slices.Equal(got, want) {
		t.Errorf("市实验幼儿园 in notices: %q, want %q", got, want)
	}

	// Newer first among equal matches: both notices have 通知 in the title.
	got = urls(search(t, ix, "的通知", Filter{}))
	want = []string{"notices/hunan-2024/", "notices/zaozhuang-plan/"}
	if !slices.Equal(got, want) {
		t.Errorf("的通知: %q, want %q", got, want)
	}
}

// A title that has both trigrams of 实验幼儿园 but not the word must not rank
// as a title match: the check against the text moves it down to its body
// match.
func TestCheckCorrectsProvisionalClass(t *testing.T) {
	ix := openFixture(t, fixtureSite(), defaultLimits)
	r := search(t, ix, "实验幼儿园", Filter{Kind: "notice"})
	want := []string{
		"notices/zaozhuang-plan/", // recipient 市实验幼儿园, 2021
		"notices/title-parts/",    // text, 2023-06
		"notices/body-only/",      // text, 2023-01
	}
	if got := urls(r); !slices.Equal(got, want) {
		t.Fatalf("实验幼儿园 in notices: %q, want %q", got, want)
	}
	if r.Hits[0].Score != ClassMeta || r.Hits[1].Score != ClassBody {
		t.Errorf("scores %d, %d; want %d, %d", r.Hits[0].Score, r.Hits[1].Score, ClassMeta, ClassBody)
	}
	if !r.Exact || r.Total != 3 {
		t.Errorf("Total %d, Exact %v", r.Total, r.Exact)
	}
	if !strings.Contains(r.Hits[1].Snippet, "全市实验幼儿园都要落实") {
		t.Errorf("snippet %q", r.Hits[1].Snippet)
	}
}

// Candidates that have every trigram but not the word are dropped.
func TestCheckDropsFalseCandidates(t *testing.T) {
	ix := openFixture(t, fixtureSite(), defaultLimits)
	// The title 实验幼儿班和幼儿园工作要点 has 验幼儿 and 儿园工, not 验幼儿园工.
	r := search(t, ix, "验幼儿园工", Filter{})
	if len(r.Hits) != 0 || r.Total != 0 || !r.Exact {
		t.Errorf("验幼儿园工: %q, total %d, exact %v", urls(r), r.Total, r.Exact)
	}
	if got := urls(search(t, ix, "幼儿园工作", Filter{})); !slices.Equal(got, []string{"notices/title-parts/"}) {
		t.Errorf("幼儿园工作: %q", got)
	}
}

func TestSnippet(t *testing.T) {
	text := "第一段文字。" + strings.Repeat("很长的内容", 10) + "这是一段简单的说明，" + strings.Repeat("后面还有内容", 20)
	got := snippet(text, []string{"段简"})
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "这是一段简单的说明") {
		t.Errorf("snippet = %q", got)
	}
	if n := len([]rune(got)); n > snippetBefore+snippetAfter+2 {
		t.Errorf("snippet has %d characters", n)
	}
	// The match is found in folded text and cut from the original.
	if got := snippet("會議總結了教聯體一年來的工作。", []string{"教联体"}); got != "會議總結了教聯體一年來的工作。" {
		t.Errorf("Traditional snippet = %q", got)
	}
}

func TestFilters(t *testing.T) {
	ix := openFixture(t, fixtureSite(), defaultLimits)
	got := urls(search(t, ix, "通知", Filter{Year: 2024}))
	if !slices.Equal(got, []string{"notices/hunan-2024/"}) {
		t.Errorf("通知 in 2024: %q", got)
	}
	got = urls(search(t, ix, "枣庄", Filter{Kind: "member"}))
	if !slices.Equal(got, []string{"directories/zaozhuang/#m-shiyan"}) {
		t.Errorf("枣庄 members: %q", got)
	}
	got = urls(search(t, ix, "枣庄", Filter{Kind: "directory"}))
	if !slices.Equal(got, []string{"directories/zaozhuang/"}) {
		t.Errorf("枣庄 directories: %q", got)
	}
	if got := urls(search(t, ix, "枣庄", Filter{Year: 1999})); got != nil {
		t.Errorf("枣庄 in 1999: %q", got)
	}
}

// Small limits split the index into many shards; answers must not change,
// and no file except a single token's list may pass its limit by much.
func TestSharding(t *testing.T) {
	site := fixtureSite()
	small := limits{postings: 300, big: 10, heads: 400, bodies: 200}
	files, err := buildFiles(collect(site), nil, small)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[byte]int{}
	for _, f := range files {
		name := f.Path[strings.LastIndex(f.Path, "/")+1:]
		counts[name[0]]++
		switch name[0] {
		case 'p':
			if len(f.Data) > 3*small.postings {
				t.Errorf("%s: %d bytes, limit %d", f.Path, len(f.Data), small.postings)
			}
		case 'b':
			if strings.Count(string(f.Data), `":"`) > 1 && len(f.Data) > small.bodies {
				t.Errorf("%s: %d bytes with several texts, limit %d", f.Path, len(f.Data), small.bodies)
			}
		}
	}
	for _, k := range []byte{'p', 'h', 'b', 't', 'n'} {
		if counts[k] < 2 {
			t.Errorf("only %d files starting with %c: %v", counts[k], k, counts)
		}
	}
	big := openFixture(t, site, defaultLimits)
	split := openFixture(t, site, small)
	for _, q := range []string{"幼儿园", "通知", "枣庄市实验幼儿园", "教聯體", "段简", "园", "2021 10号"} {
		a, b := urls(search(t, big, q, Filter{})), urls(search(t, split, q, Filter{}))
		if !slices.Equal(a, b) || len(a) == 0 {
			t.Errorf("%q: %q with default shards, %q with small ones", q, a, b)
		}
	}
}

// The fold table in the site only holds characters the site uses, and the
// meta file stays small: its only lists, the name tables, grow as the
// square root of the number of shards.
func TestFilesAreBounded(t *testing.T) {
	files, err := buildFiles(collect(fixtureSite()), nil, defaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var fold, meta string
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Path, Dir+"fold-"):
			fold = string(f.Data)
		case f.Path == MetaFile:
			meta = string(f.Data)
		}
		if !strings.HasPrefix(f.Path, Dir) {
			t.Errorf("%s is outside %s", f.Path, Dir)
		}
	}
	if !strings.Contains(fold, "聯联") || !strings.Contains(fold, "體体") {
		t.Errorf("fold table lacks 聯联 or 體体: %q", fold)
	}
	if strings.Contains(fold, "龍龙") {
		t.Errorf("fold table has 龍龙 though the site has no 龙")
	}
	if len(meta) > 600 {
		t.Errorf("meta.json is %d bytes: %s", len(meta), meta)
	}
}

// The index must not depend on how many workers built it: each worker
// indexes a run of documents, and a token's list joins their lists. Every
// list is checked against one made the plain way: every token of every
// document, encoded as the format says.
func TestIndexMatchesThePlainIndexForAnyNumberOfWorkers(t *testing.T) {
	docs := collect(genSite(rand.New(rand.NewPCG(7, 7))))[:3000]
	type occ struct {
		id   int
		code uint8
	}
	plain := map[string][]occ{}
	for id, d := range docs {
		codes := map[string]uint8{}
		kind := uint8(d.kind) << 3
		cut := func(code uint8, text string) {
			for _, w := range strings.Fields(Fold(text)) {
				r := []rune(w)
				for i := range r {
					for n := 1; n <= 3 && i+n <= len(r); n++ {
						codes[string(r[i:i+n])] |= kind | code
					}
				}
			}
		}
		cut(1<<ClassTitle, d.title)
		for _, m := range append(slices.Clone(d.meta), d.extra...) {
			cut(1<<ClassMeta, m)
		}
		cut(1<<ClassBody, d.bodyText())
		for tok, c := range codes {
			plain[tok] = append(plain[tok], occ{id, c})
		}
	}
	want := map[string]string{}
	for tok, os := range plain {
		b := []byte{'"'}
		prev, prevCode := -1, -1
		for _, o := range os {
			v := int64(o.id-prev) << 1
			if int(o.code) != prevCode {
				v |= 1
			}
			b = appendNum(b, v)
			if int(o.code) != prevCode {
				b = appendNum(b, int64(o.code))
			}
			prev, prevCode = o.id, int(o.code)
		}
		want[tok] = string(append(b, '"'))
	}
	if len(want) < 1000 {
		t.Fatalf("only %d tokens in 3000 documents", len(want))
	}
	for _, w := range []int{1, 2, 3, 7} {
		_, post, err := indexWith(docs, w)
		if err != nil {
			t.Fatal(err)
		}
		keys := post.keys
		lists := make([][]byte, len(post.keys))
		for i := range lists {
			lists[i] = post.appendList(nil, i)
			if len(lists[i]) != post.sizes[i] {
				t.Fatalf("%d workers: list of %q is %d bytes, its size %d", w, keyString(keys[i]), len(lists[i]), post.sizes[i])
			}
		}
		if len(keys) != len(want) {
			t.Errorf("%d workers: %d tokens, want %d", w, len(keys), len(want))
		}
		for i, k := range keys {
			if i > 0 && keys[i-1] >= k {
				t.Fatalf("%d workers: keys out of order at %d", w, i)
			}
			if tok := keyString(k); string(lists[i]) != want[tok] {
				t.Errorf("%d workers: list of %q = %.40s…, want %.40s…", w, tok, lists[i], want[tok])
				break
			}
		}
	}
}

func TestSplitBalancesSizes(t *testing.T) {
	sizes := make([]int, 100)
	total := 0
	for i := range sizes {
		sizes[i] = 10 + i%7
		total += sizes[i]
	}
	for _, n := range []int{1, 2, 3, 4} {
		b := split(sizes, n)
		if len(b) != n+1 || b[0] != 0 || b[n] != len(sizes) {
			t.Errorf("split into %d: bounds %v", n, b)
			continue
		}
		for i := 1; i <= n; i++ {
			size := 0
			for _, s := range sizes[b[i-1]:b[i]] {
				size += s
			}
			if want := total / n; size < want*8/10 || size > want*12/10 {
				t.Errorf("split into %d: run %d has size %d, want about %d", n, i, size, want)
			}
		}
	}
	if b := split(sizes[:3], 8); len(b) != 4 {
		t.Errorf("3 items split into 8: bounds %v, want one item a run", b)
	}
	if b := split(nil, 4); len(b) != 2 || b[0] != 0 || b[1] != 0 {
		t.Errorf("split(nil) = %v, want [0 0]", b)
	}
}

func TestBodyTextAddsASummaryNotInTheText(t *testing.T) {
	text := "第一段文字。\n第二段，联系电话另行通知。"
	cases := []struct{ summary, want string }{
		{"", text},
		{"第一段文字。 第二段，联系…", text},                // made by the loader from the text
		{"第一段文字。第二段", text},                     // in the text once folded
		{"  第二段，联系电话  ", text},                  // in the text
		{"另写的摘要", "另写的摘要\n" + text},             // not in the text
		{"第一段文字。 第三段…", "第一段文字。 第三段…\n" + text}, // starts like the text, then differs
	}
	for _, c := range cases {
		site := &model.Site{Pages: []*model.Page{{Doc: model.Doc{URL: "p/", Summary: c.summary, Body: model.NewBody("", text)}}}}
		docs := collect(site)
		ex, _, err := index(docs, nil, nil, segmentEvery)
		if err != nil {
			t.Fatal(err)
		}
		if got := ex[0].text(&docs[0]); got != c.want {
			t.Errorf("the text with summary %q = %q, want %q", c.summary, got, c.want)
		}
	}
}
