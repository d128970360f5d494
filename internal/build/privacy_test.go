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
				for _, m := range phone.FindMobiles(readFile(t, p)) {
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
	checked := 0
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
		for _, text := range texts {
			checked++
			flat := digitsWithSeparatorsRemoved(string(text))
			for s := range secret {
				if strings.Contains(flat, s) {
					rel, _ := filepath.Rel(dest, p)
					t.Errorf("%s contains the personal number %s unmasked", rel, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The masked form is what appears instead.
	page := readFile(t, filepath.Join(dest, "notices/hunan-alliance-invitation/index.html"))
	if !strings.Contains(page, "137****9805") {
		t.Error("the Hunan notice does not show its contact number masked as 137****9805")
	}
	for num := range public {
		found := false
		for _, d := range sum.Site.Directories {
			if strings.Contains(readFile(t, filepath.Join(dest, d.URL, "index.html")), num) {
				found = true
			}
		}
		if !found {
			t.Errorf("public number %s is not shown in full on any directory page", num)
		}
	}
	t.Logf("checked %d files for %d personal numbers", checked, len(secret))
}

func digits(s string) string {
	return regexp.MustCompile(`\D`).ReplaceAllString(s, "")
}

// digitsWithSeparatorsRemoved joins digit groups split by spaces or hyphens
// (138 0000 1234), so that a number cannot hide behind formatting.
func digitsWithSeparatorsRemoved(s string) string {
	return regexp.MustCompile(`(\d)[ \-](\d)`).ReplaceAllString(regexp.MustCompile(`(\d)[ \-](\d)`).ReplaceAllString(s, "$1$2"), "$1$2")
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
