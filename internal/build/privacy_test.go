package build

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"alliance/internal/phone"
	"alliance/internal/testkit/testfs"
)

// TestNoUnmaskedPhoneNumberIsPublished collects every phone number in the
// data that is not marked public, and every mobile number written into the
// content, and checks that none appears anywhere under public/, including
// inside .docx and .xlsx archives.
func TestNoUnmaskedPhoneNumberIsPublished(t *testing.T) {
	dest, sum := buildExample(t, "")
	secret := map[string]bool{}
	add := func(n phone.Number) {
		if !n.IsZero() && !n.Public {
			secret[digits(n.Raw)] = true
		}
	}
	for _, n := range sum.Site.Notices {
		if n.Contact != nil {
			add(n.Contact.Phone)
		}
	}
	for _, d := range sum.Site.Directories {
		for _, m := range d.AllMembers() {
			add(m.Phone)
		}
	}
	// Mobile numbers typed into the sources.
	for _, dir := range []string{"content", "data"} {
		_ = filepath.WalkDir(filepath.Join(repoRoot, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				for _, m := range phone.FindMobiles(testfs.Read(t, p)) {
					secret[m] = true
				}
			}
			return nil
		})
	}
	for _, known := range []string{"13787179805", "13911204920"} { // the seeds' real numbers
		if !secret[known] {
			t.Errorf("the example site does not carry %s; the test would not notice it leaking", known)
		}
	}
	if len(secret) < 5 {
		t.Fatalf("only %d personal numbers in the example data; the test needs more to mean something", len(secret))
	}
	public := map[string]bool{}
	for _, d := range sum.Site.Directories {
		for _, m := range d.AllMembers() {
			if m.Phone.Public {
				public[m.Phone.Raw] = true
			}
		}
	}
	if len(public) == 0 {
		t.Error("no member number is marked public; the example should show an office line in full")
	}
	checked := eachText(t, dest, func(rel string, text []byte) {
		flat := digitsWithSeparatorsRemoved(string(text))
		for s := range secret {
			if strings.Contains(flat, s) {
				t.Errorf("%s contains the personal number %s unmasked", rel, s)
			}
		}
	})
	// The masked form is what appears instead.
	page := testfs.Read(t, filepath.Join(dest, "notices/hunan-alliance-invitation/index.html"))
	if !strings.Contains(page, "137****9805") {
		t.Error("the Hunan notice does not show its contact number masked as 137****9805")
	}
	for num := range public {
		found := false
		for _, d := range sum.Site.Directories {
			if strings.Contains(testfs.Read(t, filepath.Join(dest, d.URL, "index.html")), num) {
				found = true
			}
		}
		if !found {
			t.Errorf("public number %s is not shown in full on any directory page", num)
		}
	}
	t.Logf("checked %d files for %d personal numbers", checked, len(secret))
}

var nonDigit = regexp.MustCompile(`\D`)

func digits(s string) string { return nonDigit.ReplaceAllString(s, "") }

// digitsWithSeparatorsRemoved joins digit groups split by spaces or hyphens
// (138 0000 1234), so that a number cannot hide behind formatting.
func digitsWithSeparatorsRemoved(s string) string {
	// Twice: a match takes the digit after the separator, so 1-2-3 needs two.
	return digitSep.ReplaceAllString(digitSep.ReplaceAllString(s, "$1$2"), "$1$2")
}

var digitSep = regexp.MustCompile(`(\d)[ .\-](\d)`)

// eachText calls fn with every file under dest, by its slash-separated path
// inside dest, and its content: each part of a .docx or .xlsx archive on its
// own, since they are compressed. It returns how many texts it gave.
func eachText(t *testing.T, dest string, fn func(rel string, text []byte)) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		texts := [][]byte{data}
		if ext := filepath.Ext(p); ext == ".docx" || ext == ".xlsx" {
			texts = unzipAll(t, data)
		}
		rel, _ := filepath.Rel(dest, p)
		for _, text := range texts {
			n++
			fn(filepath.ToSlash(rel), text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func unzipAll(t *testing.T, data []byte) [][]byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	var out [][]byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, b)
	}
	return out
}

// TestMobilesTypedAnywhereAreMasked writes personal numbers into front-matter
// text, a full-width phone field, and body forms the plain regex would miss
// (some digits written as character references or escaped), and checks that
// the build masks them, so that the privacy gate has nothing to stop, and
// that none reaches any file of the site.
func TestMobilesTypedAnywhereAreMasked(t *testing.T) {
	src := copySite(t)
	testfs.Write(t, filepath.Join(src, "content/notices/leak.md"), `+++
title = "报名通知 13911112222"
date = 2024-01-02
summary = "请联系13900001111报名"
recipients = ["联系人13922223333"]
issuer = "秘书处（13944445555）"
tags = ["电话13955550000"]
[contact]
name = "李老师 13933334444"
phone = "１３９６６６６７７７７"
+++
## 咨询 13977778888

电话+8613955556666，或 139.8888.9999，或１３９００００２２２２。身份证号 11010519491231002X。

写作字符引用的 139&#x30;1230456、1397777666&#54;，转义的 139\-1357\-2468。
`)
	testfs.Write(t, filepath.Join(src, "data/alliances/leak.toml"), "name = \"联盟\"\n[[members]]\nname = \"某园\"\naddress = \"某路1号（13988887777）\"\nphone = \"１３９１２３４５６７８\"\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	secret := []string{"13911112222", "13900001111", "13922223333", "13944445555", "13955550000", "13933334444", "13966667777", "13977778888", "13955556666", "13988889999", "13900002222", "13988887777", "13912345678", "11010519491231002", "13901230456", "13977776666", "13913572468"}
	eachText(t, dest, func(rel string, text []byte) {
		flat := digitsWithSeparatorsRemoved(phone.ASCIIDigits(string(text)))
		for _, s := range secret {
			if strings.Contains(flat, s) {
				t.Errorf("%s contains %s unmasked", rel, s)
			}
		}
	})
}

// TestGateStopsANumberTheMaskingMissed puts a personal number where no
// masking reaches it, into a layout, and checks that the build stops with an
// error naming the output and its source and leaves the destination as it
// was; and that a mobile number the data marks public is published.
func TestGateStopsANumberTheMaskingMissed(t *testing.T) {
	src := copySite(t)
	testfs.Write(t, filepath.Join(src, "content/notices/public.md"), "+++\ntitle = \"值班电话\"\ndate = 2024-01-02\n[contact]\nname = \"值班室\"\nphone = { number = \"139 1111 2222\", public = true }\n+++\n正文。\n")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatalf("a public mobile number stopped the build: %v", err)
	}
	if !strings.Contains(testfs.Read(t, filepath.Join(dest, "notices/public/index.html")), "139 1111 2222") {
		t.Error("the public mobile number is not shown in full")
	}
	before := treeHash(t, dest)
	page := testfs.Read(t, filepath.Join(repoRoot, "themes/default/layouts/page.html"))
	testfs.Write(t, filepath.Join(src, "layouts/page.html"), strings.Replace(page, "<h1>{{.Title}}</h1>", "<h1>{{.Title}}</h1><p>值班 138<b>0000</b>1234</p>", 1))
	_, err := Run(Options{Source: src, Destination: dest, Now: fixedNow})
	if err == nil {
		t.Fatal("a layout showing a personal number in full was published")
	}
	if msg := err.Error(); !strings.Contains(msg, "content/about.md: the output about/index.html") || !strings.Contains(msg, "138****1234") || strings.Contains(msg, "13800001234") {
		t.Errorf("error does not name the output, source and masked number: %v", err)
	}
	if treeHash(t, dest) != before {
		t.Error("the failed build changed the destination")
	}
}

// TestSplitNumbersAndLinkTargets checks the Markdown and template cases of
// the masking rule on a built site: numbers split by markup or written with
// dashes and no-break spaces are masked, link targets and image paths keep
// their digits, and template texts are masked in the page, print view and
// Word file.
func TestSplitNumbersAndLinkTargets(t *testing.T) {
	src := copySite(t)
	testfs.Write(t, filepath.Join(src, "content/notices/split.md"), "+++\ntitle = \"通知\"\ndate = 2024-01-02\n+++\n王老师 138**0000**1234，李老师 137–0000–9999，张老师 136\u00a00000\u00a05555。\n\n[报名表](/files/13900001111/form/) ![图](/img/13900002222.png)\n")
	tpl := testfs.Read(t, filepath.Join(src, "data/templates/hunan-application.toml"))
	tpl = strings.Replace(tpl, `addressee = "`, `addressee = "（135 0000 6666）`, 1)
	testfs.Write(t, filepath.Join(src, "data/templates/hunan-application.toml"), tpl)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	page := testfs.Read(t, filepath.Join(dest, "notices/split/index.html"))
	for _, want := range []string{"138<strong>****</strong>1234", "137****9999", "136****5555", `href=/files/13900001111/form/`, `src=/img/13900002222.png`} {
		if !strings.Contains(strings.ReplaceAll(page, `"`, ""), want) {
			t.Errorf("notice page lacks %q", want)
		}
	}
	eachText(t, dest, func(rel string, text []byte) {
		if strings.Contains(digitsWithSeparatorsRemoved(string(text)), "13500006666") {
			t.Errorf("%s shows the addressee's number", rel)
		}
	})
}
