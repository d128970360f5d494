package build

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/diag"
	"alliance/internal/testkit/testfs"
)

// secret is the text of the files outside the site that links lead to.
const secret = "机密-OUTSIDE-THE-SITE"

// outsideFiles makes a folder outside the site with a file of every kind a
// site reads, each holding secret, and returns its real path.
func outsideFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testfs.WriteAll(t, dir, map[string]string{
		"secret.txt":        secret,
		"notice.md":         "+++\ntitle = \"" + secret + "\"\ndate = 2024-01-02\n+++\n" + secret + "\n",
		"bundle/index.md":   "+++\ntitle = \"" + secret + "\"\ndate = 2024-01-02\n+++\n" + secret + "\n",
		"page.md":           "+++\ntitle = \"" + secret + "\"\n+++\n" + secret + "\n",
		"directory.toml":    "name = \"" + secret + "\"\n",
		"template.toml":     "title = \"" + secret + "\"\n",
		"site.toml":         "title = \"" + secret + "\"\nbase_url = \"https://example.org/\"\n",
		"notice.html":       `{{define "main"}}` + secret + `{{end}}`,
		"folder/secret.txt": secret,
	})
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	return real
}

// symlink makes the link name (slash-separated, inside dir) to target.
func symlink(t *testing.T, dir, name, target string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// linkCase is a link out of the site and the error line it must give.
type linkCase struct {
	name  string
	files map[string]string // files to write first, inside the site
	link  string            // the link, inside the site
	to    string            // its target, inside the outside folder
	want  string            // the start of the error line: file and line
	msg   string            // the message, %s standing for the outside folder
}

func linkCases() []linkCase {
	return []linkCase{
		{"attachment", map[string]string{"content/notices/linked/index.md": "+++\ntitle = \"附件\"\ndate = 2024-01-02\n[[attachments]]\ntitle = \"口令\"\nfile = \"passwd.txt\"\n+++\n正文。\n"},
			"content/notices/linked/passwd.txt", "secret.txt", "content/notices/linked/index.md:4: ",
			`attachment file "passwd.txt": content/notices/linked/passwd.txt is a link to %s/secret.txt, outside the site folder`},
		{"attachment in a linked folder", map[string]string{"content/notices/linked.md": "+++\ntitle = \"附件\"\ndate = 2024-01-02\n[[attachments]]\nfile = \"folder/secret.txt\"\n+++\n正文。\n"},
			"content/notices/folder", "folder", "content/notices/linked.md:4: ",
			`content/notices/folder is a link to %s/folder, outside the site folder`},
		{"image in a text", map[string]string{"content/notices/img/index.md": "+++\ntitle = \"图片\"\ndate = 2024-01-02\n+++\n正文。\n\n![合影](p.jpg)\n"},
			"content/notices/img/p.jpg", "secret.txt", "content/notices/img/index.md:7: ",
			`image p.jpg: content/notices/img/p.jpg is a link to %s/secret.txt, outside the site folder`},
		{"photo", map[string]string{"content/reports/linked/index.md": "+++\ntitle = \"照片\"\ndate = 2024-01-02\n\n[[photos]]\nfile = \"p.jpg\"\nalt = \"合影\"\n+++\n正文。\n"},
			"content/reports/linked/p.jpg", "secret.txt", "content/reports/linked/index.md:5: ",
			`photo file "p.jpg": content/reports/linked/p.jpg is a link to %s/secret.txt, outside the site folder`},
		{"site static file", nil, "static/secret.txt", "secret.txt", "static/secret.txt: ", "this is a link to %s/secret.txt, outside the site folder"},
		{"theme static file", nil, "themes/default/static/secret.txt", "secret.txt", "themes/default/static/secret.txt: ", "this is a link to %s/secret.txt, outside the site folder"},
		{"static folder", nil, "static/docs", "folder", "static/docs: ", "this is a link to %s/folder, outside the site folder"},
		{"notice", nil, "content/notices/linked.md", "notice.md", "content/notices/linked.md: ", "this is a link to %s/notice.md, outside the site folder"},
		{"notice folder", nil, "content/notices/linked", "bundle", "content/notices/linked: ", "this is a link to %s/bundle, outside the site folder"},
		{"report", nil, "content/reports/linked.md", "notice.md", "content/reports/linked.md: ", "this is a link to %s/notice.md, outside the site folder"},
		{"page", nil, "content/linked.md", "page.md", "content/linked.md: ", "this is a link to %s/page.md, outside the site folder"},
		{"member directory", nil, "data/alliances/linked.toml", "directory.toml", "data/alliances/linked.toml: ", "this is a link to %s/directory.toml, outside the site folder"},
		{"template", nil, "data/templates/linked.toml", "template.toml", "data/templates/linked.toml: ", "this is a link to %s/template.toml, outside the site folder"},
		{"site.toml", nil, "site.toml", "site.toml", "site.toml: ", "this is a link to %s/site.toml, outside the site folder"},
		{"layout", nil, "layouts/notice.html", "notice.html", "layouts/notice.html: ", "this is a link to %s/notice.html, outside the site folder"},
	}
}

// breakWith sets up c in the site src, returning a function that undoes it.
func breakWith(t *testing.T, src, outside string, c linkCase) func() {
	t.Helper()
	link := filepath.Join(src, filepath.FromSlash(c.link))
	aside := link + ".aside"
	if _, err := os.Lstat(link); err == nil { // site.toml: the link replaces it
		if err := os.Rename(link, aside); err != nil {
			t.Fatal(err)
		}
	}
	testfs.WriteAll(t, src, c.files)
	symlink(t, src, c.link, filepath.Join(outside, c.to))
	return func() {
		for name := range c.files {
			os.Remove(filepath.Join(src, filepath.FromSlash(name)))
		}
		os.Remove(link)
		os.Rename(aside, link)
	}
}

// wantLinkError checks that problems has a line starting with c's file and
// line, with its message and a hint to copy the file.
func wantLinkError(t *testing.T, problems []string, outside string, c linkCase) {
	t.Helper()
	msg := strings.ReplaceAll(c.msg, "%s", outside)
	for _, p := range problems {
		if strings.HasPrefix(p, c.want) && strings.Contains(p, msg) {
			if !strings.Contains(p, "(copy the") {
				t.Errorf("no hint how to fix it: %s", p)
			}
			return
		}
	}
	t.Errorf("no problem %q… %q; got:\n%s", c.want, msg, strings.Join(problems, "\n"))
}

// TestLinksOutOfTheSiteFailTheBuild links a file of every kind the build
// reads to a file outside the site: the build fails naming the link and
// where it leads, and leaves the previous public/ as it was.
func TestLinksOutOfTheSiteFailTheBuild(t *testing.T) {
	src := copySite(t)
	outside := outsideFiles(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dest)
	for _, c := range linkCases() {
		t.Run(c.name, func(t *testing.T) {
			defer breakWith(t, src, outside, c)()
			for _, dry := range []bool{false, true} {
				_, err := Run(Options{Source: src, Destination: dest, Now: fixedNow, DryRun: dry})
				var errs diag.Errors
				if !errors.As(err, &errs) {
					t.Fatalf("dry run %v: build error %v, want a list of problems", dry, err)
				}
				var lines []string
				for _, p := range errs {
					lines = append(lines, p.Error())
				}
				wantLinkError(t, lines, outside, c)
			}
			if after := treeHash(t, dest); after != before {
				t.Error("the failed build changed the previous public/")
			}
		})
	}
}

// TestLinksInsideTheSiteWork links files and folders to others in the site:
// each is published as what it leads to.
func TestLinksInsideTheSiteWork(t *testing.T) {
	src := copySite(t)
	testfs.WriteAll(t, src, map[string]string{
		"files/plan.txt":     "方案",
		"files/docs/a.txt":   "甲",
		"files/docs/b/c.txt": "丙",
		"content/notices/linked/index.md": "+++\ntitle = \"附件\"\ndate = 2024-01-02\n[[attachments]]\nfile = \"plan.txt\"\n" +
			"[[attachments]]\nfile = \"docs/b/c.txt\"\n+++\n正文。\n",
		"content/reports/linked/index.md": "+++\ntitle = \"照片\"\ndate = 2024-01-02\n[[photos]]\nfile = \"p.jpg\"\nalt = \"合影\"\n+++\n正文。\n",
		"drafts/notice.md":                "+++\ntitle = \"链接的通知\"\ndate = 2024-01-02\n+++\n正文。\n",
	})
	symlink(t, src, "content/notices/linked/plan.txt", "../../../files/plan.txt")
	symlink(t, src, "content/notices/linked/docs", filepath.Join(src, "files/docs"))
	writeJPEG(t, filepath.Join(src, "files", "p.jpg"))
	symlink(t, src, "content/reports/linked/p.jpg", "../../../files/p.jpg")
	symlink(t, src, "static/docs", "../files/docs")
	symlink(t, src, "static/plan.txt", "../files/plan.txt")
	symlink(t, src, "content/notices/alias.md", "../../drafts/notice.md")
	symlink(t, src, "data/alliances/copy.toml", "zaozhuang.toml")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: src, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		// Text attachments get a UTF-8 byte-order mark (see textWithBOM).
		"notices/linked/plan.txt": "\ufeff方案", "notices/linked/docs/b/c.txt": "\ufeff丙",
		"docs/a.txt": "甲", "docs/b/c.txt": "丙", "plan.txt": "方案",
	} {
		if got := testfs.Read(t, filepath.Join(dest, filepath.FromSlash(name))); got != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	// The linked photo is published as its renditions.
	if jpegs, _ := filepath.Glob(filepath.Join(dest, "reports", "linked", "*.jpg")); len(jpegs) == 0 {
		t.Error("the linked photo was not published")
	}
	if page := testfs.Read(t, filepath.Join(dest, "notices/alias/index.html")); !strings.Contains(page, "链接的通知") {
		t.Error("the linked notice was not published")
	}
	if _, err := os.Stat(filepath.Join(dest, "directories/copy/index.html")); err != nil {
		t.Errorf("the linked member directory was not published: %v", err)
	}
	for _, name := range []string{"docs", "plan.txt", "notices/linked/plan.txt"} {
		if st, err := os.Lstat(filepath.Join(dest, name)); err != nil || st.Mode()&os.ModeSymlink != 0 {
			t.Errorf("%s in public/ is a link or missing: %v", name, err)
		}
	}
}

// TestHiddenDataFilesAreIgnored: an editor's lock or backup file in data/
// is neither read nor reported, whatever it holds or links to.
func TestHiddenDataFilesAreIgnored(t *testing.T) {
	src := copySite(t)
	outside := outsideFiles(t)
	symlink(t, src, "data/alliances/.linked.toml", filepath.Join(outside, "directory.toml"))
	testfs.Write(t, filepath.Join(src, "data/templates/.#broken.toml"), "title = \n")
	testfs.Write(t, filepath.Join(src, "data/alliances/.DS_Store"), "\x00\x01")
	sum, err := Run(Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range sum.Warnings {
		if strings.Contains(w.File, "/.") {
			t.Errorf("a hidden file was reported: %v", w)
		}
	}
	for _, d := range sum.Site.Directories {
		if d.Name == secret || strings.HasPrefix(d.ID, ".") {
			t.Errorf("a hidden file was read as directory %q", d.ID)
		}
	}
}

// writeJPEG writes a small photo to p.
func writeJPEG(t *testing.T, p string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, p, b.String())
}
