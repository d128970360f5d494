package load

import (
	"bytes"
	"testing"
)

// TestTextAttachmentsGetBOM checks that UTF-8 .txt and .csv attachments are
// published with a byte-order mark, so browsers read them right from servers
// that send no charset, and that other files, files that have one and files
// that are not UTF-8 are published as they are.
func TestTextAttachmentsGetBOM(t *testing.T) {
	gbk := string([]byte{0xD6, 0xD0, 0xCE, 0xC4}) // 中文 in GBK
	dir := site(t, map[string]string{
		"content/notices/n/index.md": "+++\ntitle = \"甲\"\ndate = 2024-03-17\n" +
			"[[attachments]]\nfile = \"a.txt\"\n[[attachments]]\nfile = \"b.TXT\"\n[[attachments]]\nfile = \"c.csv\"\n" +
			"[[attachments]]\nfile = \"d.pdf\"\n[[attachments]]\nfile = \"e.txt\"\n+++\n",
		"content/notices/n/a.txt": "参建证明\n",
		"content/notices/n/b.TXT": "\uFEFF已有标记\n",
		"content/notices/n/c.csv": "名称,电话\n",
		"content/notices/n/d.pdf": "%PDF-1.4 中",
		"content/notices/n/e.txt": gbk,
	})
	s := loadOK(t, dir)
	want := map[string]string{
		"notices/n/a.txt": "\uFEFF参建证明\n",
		"notices/n/b.TXT": "",
		"notices/n/c.csv": "\uFEFF名称,电话\n",
		"notices/n/d.pdf": "",
		"notices/n/e.txt": "",
	}
	if len(s.Files) != len(want) {
		t.Fatalf("%d files published, want %d", len(s.Files), len(want))
	}
	sizes := map[string]int64{}
	for _, a := range s.Notices[0].Attachments {
		sizes[a.URL] = a.Size
	}
	for _, f := range s.Files {
		w, ok := want[f.URL]
		if !ok {
			t.Errorf("unexpected file %s", f.URL)
			continue
		}
		if !bytes.Equal(f.Data, []byte(w)) || (w == "") != (f.Data == nil) {
			t.Errorf("%s is published as %q, want %q", f.URL, f.Data, w)
		}
		if w != "" && (f.Size != int64(len(w)) || sizes[f.URL] != f.Size) {
			t.Errorf("%s: size %d, attachment says %d, want %d", f.URL, f.Size, sizes[f.URL], len(w))
		}
	}
}
