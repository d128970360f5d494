package build

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"alliance/internal/phone"
	"alliance/internal/testkit/testfs"
)

// written are the forms a mobile number is typed in: plain, grouped by
// spaces, hyphens, en and em dashes, no-break, ideographic and narrow
// spaces, after +86, and in full-width digits. Each takes the number's
// three groups.
var written = []func(a, b, c string) string{
	func(a, b, c string) string { return a + b + c },
	func(a, b, c string) string { return a + " " + b + " " + c },
	func(a, b, c string) string { return a + "-" + b + "-" + c },
	func(a, b, c string) string { return a + "–" + b + "–" + c },
	func(a, b, c string) string { return a + "—" + b + "—" + c },
	func(a, b, c string) string { return a + "\u00a0" + b + "\u00a0" + c },
	func(a, b, c string) string { return a + "\u3000" + b + "\u3000" + c },
	func(a, b, c string) string { return a + "\u202f" + b + "\u202f" + c },
	func(a, b, c string) string { return "+86 " + a + b + c },
	func(a, b, c string) string { return fullWidth(a + b + c) },
}

// markdownOnly are the forms that split a number with Markdown: emphasis,
// a code span, a link's text.
var markdownOnly = []func(a, b, c string) string{
	func(a, b, c string) string { return a + "**" + b + "**" + c },
	func(a, b, c string) string { return a + "`" + b + "`" + c },
	func(a, b, c string) string { return a + "[" + b + "](/about/)" + c },
	func(a, b, c string) string { return "[" + a + " " + b + " " + c + "](/about/)" },
}

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}

// FuzzNoPersonalNumberIsPublished puts a mobile number, in every written
// form, into every text of every kind of input — notice front matter and
// body, report (event, speakers, photo captions, credits), plain page,
// directory (governance, members), template (addressee, headings,
// paragraphs, signature lines, fields, table labels, submission) — builds
// the site, and checks that no output shows it in full, reading every byte
// of every file and of the parts of .docx and .xlsx files. Each field gets
// the form after the previous field's, so one build covers every form and
// the seeds put every form into every field. `go test` runs the seeds;
// `go test ./internal/build -run '^$' -fuzz FuzzNoPersonalNumberIsPublished
// -fuzztime 30s` looks for more.
func FuzzNoPersonalNumberIsPublished(f *testing.F) {
	for i := range len(written) + len(markdownOnly) {
		f.Add(uint32(3_1234_5678+i*7919), uint8(i))
	}
	// The theme is copied into each site: a link to it would lead out of
	// the site folder, which the build refuses.
	theme := map[string]string{}
	err := filepath.WalkDir(filepath.Join(repoRoot, "themes"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(repoRoot, p)
		theme[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	photo := tinyJPEG(f)
	f.Fuzz(func(t *testing.T, tail uint32, form uint8) {
		d := fmt.Sprintf("1%d%09d", 3+tail%7, tail%1_000_000_000)
		a, b, c := d[:3], d[3:7], d[7:]
		n := int(form)
		// text gives the next field the number in the next form; md also
		// uses the forms that split it with Markdown.
		text := func() string { n++; return "电话" + written[n%len(written)](a, b, c) + "。" }
		md := func() string {
			n++
			all := len(written) + len(markdownOnly)
			if k := n % all; k >= len(written) {
				return "电话" + markdownOnly[k-len(written)](a, b, c) + "。"
			}
			return "电话" + written[n%len(written)](a, b, c) + "。"
		}
		q := func(s string) string { return fmt.Sprintf("%q", s) }
		body := func() string {
			return "## " + md() + "\n\n" + md() + "\n\n- " + md() + "\n\n> " + md() + "\n\n| 列 |\n|---|\n| " + md() + " |\n\n" +
				"[" + md() + "](/about/ \"" + text() + "\") ![" + text() + "](/img/a.png)\n\n```\n" + text() + "\n```\n\n" + text() + "[^1]\n\n[^1]: " + md() + "\n"
		}
		src := t.TempDir()
		testfs.WriteAll(t, src, theme)
		testfs.WriteAll(t, src, map[string]string{
			"site.toml": `title = ` + q("联盟 "+text()) + "\ndescription = " + q(text()) + "\nbase_url = \"https://example.org/\"\n",
			"content/notices/a.md": "+++\ntitle = " + q(text()) + "\ndate = 2024-03-01\nsummary = " + q(text()) +
				"\ndoc_number = " + q("联字〔2024〕1号"+text()) + "\nissuer = " + q(text()) + "\nrecipients = [" + q(text()) + "]\ntags = [" + q(text()) + "]\n" +
				"[contact]\nname = " + q(text()) + "\nemail = " + q(d+"@example.org") + "\nphone = " + q(written[n%len(written)](a, b, c)) + "\n" +
				"[[attachments]]\ntitle = " + q(text()) + "\ndirectory = \"d\"\n[[attachments]]\ntitle = " + q(text()) + "\ntemplate = \"t\"\n+++\n" + body(),
			"content/notices/b.md": "+++\ntitle = \"无摘要\"\ndate = 2024-03-02\n+++\n" + md() + "\n",
			"content/reports/r/index.md": "+++\ntitle = " + q(text()) + "\ndate = 2024-03-03\nsummary = " + q(text()) + "\ntags = [" + q(text()) + "]\n" +
				"[event]\nname = " + q(text()) + "\nstart = 2024-03-01\nvenue = " + q(text()) + "\nhosts = [" + q(text()) + "]\norganisers = [" + q(text()) + "]\ntheme = " + q(text()) + "\nattendance = " + q(text()) + "\n" +
				"[[speakers]]\nname = " + q(text()) + "\naffiliation = " + q(text()) + "\npost = " + q(text()) + "\ntalk = " + q(text()) + "\n" +
				"[[photos]]\nfile = \"p.jpg\"\ncaption = " + q(text()) + "\nalt = " + q(text()) + "\n" +
				"[credits]\nwriters = [" + q(text()) + "]\nphotographers = [" + q(text()) + "]\nreviewers = [" + q(text()) + "]\nfinal_review = [" + q(text()) + "]\neditors = [" + q(text()) + "]\n+++\n" + body(),
			"content/reports/r/p.jpg": photo,
			"content/about.md":        "+++\ntitle = " + q(text()) + "\nsummary = " + q(text()) + "\n+++\n" + body(),
			"data/alliances/d.toml": "name = " + q(text()) + "\nshort_name = " + q(text()) + "\ndescription = " + q(text()) + "\nsample = true\nsample_note = " + q(text()) + "\n" +
				"[[governance]]\nname = " + q(text()) + "\ndescription = " + q(text()) + "\n[[governance.people]]\nrole = " + q(text()) + "\nname = " + q(text()) + "\npost = " + q(text()) + "\n" +
				"[[members]]\nname = " + q(text()) + "\ndistrict = " + q(text()) + "\ntier = \"市级\"\ncategory = " + q(text()) + "\nnature = " + q(text()) + "\nresponsible = " + q(text()) +
				"\nphone = " + q(written[n%len(written)](a, b, c)) + "\naddress = " + q(text()) + "\n",
			"data/templates/t.toml": "title = " + q(text()) + "\nsubtitle = " + q(text()) + "\naddressee = " + q(text()) + "\n" +
				"[[blocks]]\ntype = \"heading\"\ntext = " + q(text()) + "\n[[blocks]]\ntype = \"paragraph\"\ntext = " + q(text()+"{"+text()+":6}") + "\n" +
				"[[blocks]]\ntype = \"signature\"\nlines = [" + q(text()) + "]\n[[blocks]]\ntype = \"fields\"\nfields = [" + q(text()) + "]\n" +
				"[[blocks]]\ntype = \"table\"\ncolumns = 2\n[[blocks.rows]]\ncells = [{ label = " + q(text()) + " }, { blank = " + q(text()) + " }]\n" +
				"[submission]\nmethod = " + q(text()) + "\nemail = " + q(d+"@example.org") + "\naddress = " + q(text()) + "\nfile_name = " + q(text()) + "\nnotes = [" + q(text()) + "]\n",
		})
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
			t.Fatalf("build: %v", err)
		}
		files := eachText(t, dest, func(rel string, data []byte) {
			if strings.Contains(shownDigits(string(data)), d) {
				t.Errorf("%s shows %s in full", rel, d)
			}
		})
		if files < 40 {
			t.Fatalf("only %d files built; the site did not come out", files)
		}
	})
}

var markupTag = regexp.MustCompile(`<[^>]*>`)

// separators are what may stand between the digits of a number as shown.
var separators = regexp.MustCompile("[\\s\u00a0\u3000\u202f\\-–—.+]")

// shownDigits is s with full-width digits made ASCII, character references
// decoded (twice, for HTML escaped in a feed), tags and separators removed,
// so that a number split by markup or typed with separators reads whole.
func shownDigits(s string) string {
	s = phone.ASCIIDigits(s)
	for range 2 {
		s = markupTag.ReplaceAllString(html.UnescapeString(s), "")
	}
	return separators.ReplaceAllString(s, "")
}

// tinyJPEG is a small photo for a report, as a string for testfs.WriteAll.
func tinyJPEG(t testing.TB) string {
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 5)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
