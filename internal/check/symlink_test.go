package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/testkit/testfs"
)

// TestLinksOutOfTheSiteAreReported: check reports a link out of the site
// folder as the build does, naming the link and where it leads, and reads
// nothing from there.
func TestLinksOutOfTheSiteAreReported(t *testing.T) {
	const secret = "机密-OUTSIDE-THE-SITE"
	outside := t.TempDir()
	testfs.WriteAll(t, outside, map[string]string{
		"secret.txt": secret,
		"notice.md":  notice("", secret+" 13912345678\n"),
		"site.toml":  "title = \"" + secret + "\"\nbase_url = \"https://example.org/\"\n",
	})
	outside, _ = filepath.EvalSymlinks(outside)
	cases := []struct {
		name, link, to string
		files          map[string]string
		file           string
		line           int
		msg            string
	}{
		{"attachment", "content/notices/a/passwd.txt", "secret.txt",
			map[string]string{"content/notices/a/index.md": notice("[[attachments]]\nfile = \"passwd.txt\"\n", "正文。\n")},
			"content/notices/a/index.md", 5, `attachment file "passwd.txt": content/notices/a/passwd.txt is a link to ` + outside + "/secret.txt"},
		{"static file", "static/passwd.txt", "secret.txt", nil, "static/passwd.txt", 0, "this is a link to " + outside + "/secret.txt"},
		{"notice", "content/notices/b.md", "notice.md", nil, "content/notices/b.md", 0, "this is a link to " + outside + "/notice.md"},
		{"site.toml", "site.toml", "site.toml", nil, "site.toml", 0, "this is a link to " + outside + "/site.toml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"content/notices/ok.md": notice("", "正文。\n")}
			for k, v := range c.files {
				files[k] = v
			}
			dir := site(t, files)
			link := filepath.Join(dir, filepath.FromSlash(c.link))
			os.Remove(link) // site.toml
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.Join(outside, c.to), link); err != nil {
				t.Fatal(err)
			}
			dl := Run(Options{Source: dir, Now: now})
			found := false
			for _, p := range dl.Problems() {
				if strings.Contains(p.Error(), secret) || strings.Contains(p.Error(), "13912345678") {
					t.Errorf("a problem shows what is outside the site: %v", p)
				}
				if p.File == c.file && p.Line == c.line && !p.Warning && strings.Contains(p.Msg, c.msg) && strings.Contains(p.Hint, "copy the file") {
					found = true
				}
			}
			if !found {
				t.Errorf("no error %s:%d %q; got:\n%s", c.file, c.line, c.msg, list(dl.Problems()))
			}
		})
	}
}
