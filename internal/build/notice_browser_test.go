package build

import (
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"alliance/internal/testkit/browsertest"
	"alliance/internal/testkit/officetest"
	"alliance/internal/testkit/testfs"
)

// pdfWord is one word of a PDF page as pdftotext -bbox reads it, in points
// from the page's top left corner.
type pdfWord struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	pdfPageRe = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	pdfWordRe = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// pdfWords reads every word of the PDF at path with pdftotext -bbox, and the
// size of its first page in points.
func pdfWords(t *testing.T, path string) (words []pdfWord, width, height float64) {
	t.Helper()
	bin := officetest.Need(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(bin, "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	pages := strings.Split(string(out), "<page ")[1:]
	for i, p := range pages {
		if i == 0 {
			m := pdfPageRe.FindStringSubmatch("<page " + p)
			if m == nil {
				t.Fatalf("pdftotext gave no page size:\n%.500s", out)
			}
			width, _ = strconv.ParseFloat(m[1], 64)
			height, _ = strconv.ParseFloat(m[2], 64)
		}
		for _, m := range pdfWordRe.FindAllStringSubmatch(p, -1) {
			w := pdfWord{page: i + 1, text: htmlUnescape(m[5])}
			w.xMin, _ = strconv.ParseFloat(m[1], 64)
			w.yMin, _ = strconv.ParseFloat(m[2], 64)
			w.xMax, _ = strconv.ParseFloat(m[3], 64)
			w.yMax, _ = strconv.ParseFloat(m[4], 64)
			words = append(words, w)
		}
	}
	return words, width, height
}

// mid is the height of the middle of the word.
func (w pdfWord) mid() float64 { return (w.yMin + w.yMax) / 2 }

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

const mm = 72 / 25.4 // points in a millimetre

// TestBrowserNoticePrintsAsOfficialDocument prints the Zaozhuang notice to
// PDF as a reader's browser would and checks the GB/T 9704 page: A4, text
// from 28 mm left and 37 mm top, nothing past the 26 mm right margin, page
// numbers as — 1 — below the text, the signature (落款) after the body and
// right of centre, and none of the site's navigation, search or QR code.
func TestBrowserNoticePrintsAsOfficialDocument(t *testing.T) {
	browsertest.Chromium(t)
	officetest.Need(t, "pdftotext", "poppler-utils")
	dest, _ := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"notices/zaozhuang-alliance-plan/")); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
		prefer := true
		p.PreferCSSPageSize = &prefer
	}))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ALLIANCE_SHOTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "notice.pdf"), pdf, 0o644)
	}
	words, width, height := pdfWords(t, path)
	if math.Abs(width-210*mm) > 2 || math.Abs(height-297*mm) > 2 {
		t.Errorf("page is %.0f × %.0f pt, want A4 (595 × 842)", width, height)
	}
	// pdftotext's word boxes of Chromium's Type 3 fonts are taller than the
	// line (the font's whole ascent and descent), so heights are measured at
	// a word's middle; and a line-final full-width quote, whose blank half
	// the browser trims, still counts whole, so the right edge gets 4.5 mm.
	left, top, right := math.Inf(1), math.Inf(1), 0.0
	pages := 0
	var all strings.Builder
	for _, w := range words {
		all.WriteString(w.text + "\n")
		pages = max(pages, w.page)
		if w.page != 1 || isPageNumber(w, words) {
			continue
		}
		left, top, right = min(left, w.xMin), min(top, w.mid()), max(right, w.xMax)
	}
	if math.Abs(left-28*mm) > 1.5*mm {
		t.Errorf("text on page 1 starts %.1f mm from the left edge, want 28 mm", left/mm)
	}
	if top < 37*mm || top > 43*mm {
		t.Errorf("the first line on page 1 is centred %.1f mm from the top, want just below 37 mm", top/mm)
	}
	if right > (210-26)*mm+4.5*mm {
		t.Errorf("text on page 1 reaches %.1f mm from the left edge, past the 26 mm right margin (184 mm)", right/mm)
	}
	// Every page has its number below the text: "— N —", odd pages to the
	// right, even pages to the left.
	for p := 1; p <= pages; p++ {
		found := false
		for _, w := range words {
			if w.page == p && w.text == strconv.Itoa(p) && isPageNumber(w, words) {
				found = true
				mid := (w.xMin + w.xMax) / 2
				if p%2 == 1 && mid < width/2 || p%2 == 0 && mid > width/2 {
					t.Errorf("page number %d is on the wrong side (x = %.0f mm)", p, mid/mm)
				}
				if w.mid() < (297-35)*mm || w.mid() > (297-20)*mm {
					t.Errorf("page number %d is centred %.1f mm from the top, want just below the text (262 mm)", p, w.mid()/mm)
				}
			}
		}
		if !found {
			t.Errorf("page %d has no page number — %d —", p, p)
		}
	}
	// The signature comes after the last paragraph of the body and the
	// attachment note, right of centre.
	last := func(text string) (pdfWord, bool) {
		var found pdfWord
		ok := false
		for _, w := range words {
			if strings.Contains(w.text, text) {
				found, ok = w, true
			}
		}
		return found, ok
	}
	after := func(a, b pdfWord) bool { return a.page > b.page || a.page == b.page && a.mid() > b.mid()+5 }
	body, ok1 := last("（公开选项")
	note, ok2 := last("附件：")
	issuer, ok3 := last("枣庄市教育局")
	date, ok4 := last("2021年3月16日")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		t.Fatalf("printed notice lacks the body's end, the attachment note or the signature: %v %v %v %v\n%s", ok1, ok2, ok3, ok4, all.String())
	}
	if !after(note, body) || !after(issuer, note) || !after(date, issuer) {
		t.Errorf("printed order is wrong: body end %+v, 附件 %+v, issuer %+v, date %+v", body, note, issuer, date)
	}
	if issuer.xMin < width/2 || date.xMin < width/2 {
		t.Errorf("signature is not right-aligned: issuer at %.0f mm, date at %.0f mm", issuer.xMin/mm, date.xMin/mm)
	}
	text := all.String()
	for _, chrome := range []string{"首页", "搜索", "通知公告", "活动报道", "申请模板", "订阅通知", "ICP", "扫码", "主办", "目录"} {
		if strings.Contains(text, chrome) {
			t.Errorf("the printed notice shows %q, from the site's navigation, search, footer or QR code", chrome)
		}
	}
}

// isPageNumber reports whether w is the number of a "— N —" line.
func isPageNumber(w pdfWord, words []pdfWord) bool {
	if _, err := strconv.Atoi(w.text); err != nil {
		return false
	}
	dashes := 0
	for _, o := range words {
		if o.page == w.page && o.text == "—" && math.Abs(o.yMin-w.yMin) < 3 {
			dashes++
		}
	}
	return dashes == 2
}

// ownNumberJS is the browser's copy of the pattern of render's numbered,
// for checking what a reader sees.
const ownNumberJS = `/^(?:[一二三四五六七八九十百零〇]+、|[（(]\s*[一二三四五六七八九十百零〇0-9０-９]+\s*[）)]|[0-9０-９]+(?:[、．]|\.(?:[^0-9]|$))|[①-⑳]|第[一二三四五六七八九十百零〇0-9]+[章节条部篇款项]|附件\s*[一二三四五六七八九十0-9０-９])/`

// TestBrowserNoListItemNumberedTwice opens every notice at 360 px and checks
// that no list item whose text carries its own number (一、 附件1 1.) also
// shows a list marker, and that the attachment note reads 附件：1. 名称.
func TestBrowserNoListItemNumberedTwice(t *testing.T) {
	browsertest.Chromium(t)
	dest, sum := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	doubled := `Array.from(document.querySelectorAll("main li")).filter(li => {
		const s = getComputedStyle(li);
		const marker = s.display === "list-item" && s.listStyleType !== "none" && getComputedStyle(li, "::marker").content !== "none";
		return marker && ` + ownNumberJS + `.test(li.innerText.trim());
	}).map(li => li.innerText.trim())`
	for _, n := range sum.Site.Notices {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+n.URL)); err != nil {
			t.Fatal(err)
		}
		twice, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](doubled))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range twice {
			t.Errorf("/%s: list item %q has its own number and a list marker", n.URL, s)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"notices/zaozhuang-alliance-plan/")); err != nil {
		t.Fatal(err)
	}
	note, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".attachments").innerText.replace(/\s+/g, "")`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(note, "附件：1.枣庄市") || strings.Count(note, "附件") != 1 || !strings.Contains(note, "3.枣庄市") {
		t.Errorf("attachment note reads %q, want 附件：1. 枣庄市… 2. … 3. …", note)
	}
}

// TestBrowserShortCellsDoNotBreak checks that names and short labels in
// tables stay on one line: governance roles and names on the directory page
// and the first-column labels of tables in notices and the about page, at
// 360 px and at 1280 px, without making a 360 px page scroll sideways.
func TestBrowserShortCellsDoNotBreak(t *testing.T) {
	browsertest.Chromium(t)
	dest, _ := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	// broken lists the text of cells matched by sel, of at most 5
	// characters, that the browser laid out on more than one line.
	broken := func(sel string) string {
		return `Array.from(document.querySelectorAll(` + strconv.Quote(sel) + `)).filter(td => {
			const text = td.innerText.trim();
			if ([...text].length > 5) return false;
			const r = document.createRange();
			r.selectNodeContents(td);
			const tops = new Set(Array.from(r.getClientRects()).filter(c => c.width > 0).map(c => Math.round(c.top)));
			return tops.size > 1;
		}).map(td => td.innerText.trim())`
	}
	pages := map[string]string{
		"directories/zaozhuang/":           ".people td, .people th",
		"notices/zaozhuang-alliance-plan/": ".body td:first-child, .body th",
		"about/":                           ".body td:first-child, .body th",
	}
	checked := 0
	for _, width := range []int64{360, 1280} {
		for p, sel := range pages {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), chromedp.Navigate(base+p)); err != nil {
				t.Fatal(err)
			}
			cells, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
			if err != nil {
				t.Fatal(err)
			}
			if cells == 0 {
				t.Fatalf("/%s has no cells %s", p, sel)
			}
			checked += cells
			bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](broken(sel)))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range bad {
				t.Errorf("/%s at %d px: %q breaks inside the word", p, width, s)
			}
			if width == 360 {
				w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
				if err != nil {
					t.Fatal(err)
				}
				if w > 360 {
					t.Errorf("/%s is %d px wide on a 360 px phone", p, w)
				}
			}
		}
	}
	t.Logf("%d cells checked", checked)
}

// TestBrowserReadsTextAttachment serves the Kunming notice's .txt attachment
// as many servers do, as text/plain without a charset, and checks that the
// browser shows its Chinese text rather than mojibake.
func TestBrowserReadsTextAttachment(t *testing.T) {
	browsertest.Chromium(t)
	dest, _ := buildExample(t, "")
	const rel = "notices/kunming-community-invitation/canjian-zhengming.txt"
	src := testfs.Read(t, filepath.Join(repoRoot, "content/notices/kunming-community-invitation/canjian-zhengming.txt"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		http.ServeFile(w, r, filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
	}))
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"+rel)); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	first := strings.TrimSpace(strings.SplitN(strings.TrimPrefix(src, "\uFEFF"), "\n", 2)[0])
	if first == "" || !strings.Contains(shown, first) {
		t.Errorf("the browser shows the attachment as %.80q, want its first line %q", shown, first)
	}
}

// TestBrowserPhotoCaptionsCentred checks at 1280 px that each report photo's
// caption is centred under its photo.
func TestBrowserPhotoCaptionsCentred(t *testing.T) {
	browsertest.Chromium(t)
	dest, _ := buildExample(t, "")
	base := browsertest.Serve(t, dest, "/")
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"reports/yichang-forum-2023/")); err != nil {
		t.Fatal(err)
	}
	offsets, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll(".photos figure")).map(f => {
		const img = f.querySelector("img").getBoundingClientRect();
		const r = document.createRange();
		r.selectNodeContents(f.querySelector("figcaption"));
		const cap = r.getBoundingClientRect();
		return (cap.left + cap.right) / 2 - (img.left + img.right) / 2;
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(offsets) == 0 {
		t.Fatal("the Yichang report has no photos with captions")
	}
	for i, d := range offsets {
		if math.Abs(d) > 2 {
			t.Errorf("caption %d is %.0f px off the centre of its photo", i+1, d)
		}
	}
}
