package build

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/diag"
	"alliance/internal/testkit/testfs"
)

// deep nests open … close n times around inner.
func deep(open, inner, close string, n int) string {
	return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
}

// parts writes a dotted key of n parts.
func parts(n int) string { return strings.TrimSuffix(strings.Repeat("k.", n), ".") }

// templateOf writes a template whose blocks are made by block(i).
func templateOf(n int, block func(i int) string) string {
	var b strings.Builder
	b.WriteString("title = \"表\"\n")
	for i := range n {
		b.WriteString("\n[[blocks]]\n")
		b.WriteString(block(i))
	}
	return b.String()
}

func blanksText(n int) string {
	var b strings.Builder
	b.WriteString(`type = "paragraph"` + "\ntext = \"")
	for i := range n {
		fmt.Fprintf(&b, "{空%d}", i)
	}
	b.WriteString("\"\n")
	return b.String()
}

// tableBlock writes a table of one row with the given widths line and cells.
func tableBlock(columns int, widths, cells string) string {
	return fmt.Sprintf("type = \"table\"\ncolumns = %d\n%s\n[[blocks.rows]]\ncells = [%s]\n", columns, widths, cells)
}

// TestPathologicalInputFailsWithOneError writes one file that no clerk would
// write per case, nested or sized to make the TOML decoder or the downloads
// take seconds and gigabytes, and checks that the build stops with exactly
// one error naming the file, the line where known, what is wrong and how
// to fix it.
func TestPathologicalInputFailsWithOneError(t *testing.T) {
	notice := func(fm string) string {
		return "+++\ntitle = \"通知\"\ndate = 2024-01-02\n" + fm + "\n+++\n正文。\n"
	}
	member := "name = \"联盟\"\n[[members]]\nname = \"某园\"\n"
	uiStrings := testfs.Read(t, filepath.Join(repoRoot, "themes/default/i18n/zh-CN.toml"))
	cases := []struct {
		name, file, body string
		want             []string // each must appear in the one error
	}{
		{"deep inline table in a data file", "data/alliances/deep.toml", member + "extra = " + deep("{b = ", "1", "}", 1000) + "\n",
			[]string{"data/alliances/deep.toml:4:", "nested more than 32 levels"}},
		{"deep arrays in front matter", "content/notices/deep.md", notice("tags = " + deep("[", `"x"`, "]", 1000)),
			[]string{"content/notices/deep.md:4:", "nested more than 32 levels"}},
		{"deep arrays of tables in a template", "data/templates/deep.toml", "title = \"表\"\nx = " + deep("[{a = ", "1", "}]", 500) + "\n",
			[]string{"data/templates/deep.toml:2:", "nested more than 32 levels"}},
		{"deep dotted header in a data file", "data/alliances/deep.toml", member + "[" + parts(2000) + "]\nx = 1\n",
			[]string{"data/alliances/deep.toml:4:", "more than 16 dotted parts"}},
		{"deep dotted key in front matter", "content/notices/deep.md", notice(parts(2000) + " = 1"),
			[]string{"content/notices/deep.md:4:", "more than 16 dotted parts"}},
		{"deep site.toml", "site.toml", "title = \"站\"\nbase_url = \"https://example.org/\"\nx = " + deep("{b = ", "1", "}", 1000) + "\n",
			[]string{"site.toml:3:", "nested more than 32 levels"}},
		{"deep UI strings", "themes/default/i18n/zh-CN.toml", "x = " + deep("[", "1", "]", 1000) + "\n" + uiStrings,
			[]string{"themes/default/i18n/zh-CN.toml:1:", "nested more than 32 levels"}},
		{"huge data file", "data/alliances/huge.toml", member + strings.Repeat("[[members]]\nname = \"第一百零八幼儿园\"\naddress = \"枣庄市市中区光明路\"\n", 60000),
			[]string{"data/alliances/huge.toml:", "MB, more than the 4.0 MB allowed", "split it"}},
		{"huge notice", "content/notices/huge.md", notice("") + strings.Repeat("联盟秘书处组织各成员单位开展保教质量提升活动。\n\n", 70000),
			[]string{"content/notices/huge.md:", "more than the 4.0 MB allowed", "attached file"}},
		{"huge front matter", "content/notices/huge.md", notice("summary = \"" + strings.Repeat("摘要", 50000) + "\""),
			[]string{"content/notices/huge.md:", "more than the 256 KB"}},
		{"huge site.toml", "site.toml", "title = \"站\"\ndescription = \"" + strings.Repeat("简介", 50000) + "\"\n",
			[]string{"site.toml:", "more than the 256 KB allowed"}},
		{"template of 20,000 blocks", "data/templates/huge.toml", templateOf(20000, func(i int) string { return "type = \"heading\"\ntext = \"节\"\n" }),
			[]string{"data/templates/huge.toml:", "20000 blocks; at most 300"}},
		{"template of 5,000 blanks", "data/templates/huge.toml", templateOf(250, func(i int) string { return blanksText(20) }),
			[]string{"data/templates/huge.toml:", "more than 1000 blanks"}},
		{"paragraph of 300 blanks", "data/templates/huge.toml", templateOf(1, func(i int) string { return blanksText(300) }),
			[]string{"data/templates/huge.toml:3:", "block 1: the block has more than 200 blanks"}},
		{"table of 500 rows by 50 columns", "data/templates/huge.toml", "title = \"表\"\n[[blocks]]\ntype = \"table\"\ncolumns = 50\n" +
			strings.Repeat("[[blocks.rows]]\ncells = [{ blank = \"空\", colspan = 50 }]\n", 500),
			[]string{"data/templates/huge.toml:2:", "at most 2000 cells", "500 rows of 50 columns"}},
		{"zero width", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(3, "widths = [2, 0, 1]", `{ label = "甲" }, { blank = "乙" }, { blank = "丙" }`)
		}), []string{"data/templates/bad.toml:3:", "widths: column 2 has width 0"}},
		{"negative width", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(2, "widths = [-1, 1]", `{ label = "甲" }, { blank = "乙" }`)
		}), []string{"data/templates/bad.toml:3:", "widths: column 1 has width -1"}},
		{"huge width", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(2, "widths = [1, 9223372036854775807]", `{ label = "甲" }, { blank = "乙" }`)
		}), []string{"data/templates/bad.toml:3:", "widths: column 2 has width 9223372036854775807", "from 1 to 100"}},
		{"zero rowspan", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(2, "", `{ label = "甲", rowspan = 0 }, { blank = "乙" }`) + "[[blocks.rows]]\ncells = [{ label = \"丙\" }, { blank = \"丁\" }]\n"
		}), []string{"data/templates/bad.toml:3:", "row 1, cell 1 (甲)", "rowspan = 0"}},
		{"negative rowspan", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(2, "", `{ label = "甲" }, { blank = "乙", rowspan = -2 }`) + "[[blocks.rows]]\ncells = [{ label = \"丙\" }, { blank = \"丁\" }]\n"
		}), []string{"data/templates/bad.toml:3:", "row 1, cell 2 (blank 乙)", "rowspan = -2"}},
		{"zero colspan", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(2, "", `{ label = "甲", colspan = 0 }, { blank = "乙" }`)
		}), []string{"data/templates/bad.toml:3:", "row 1, cell 1 (甲)", "colspan = 0"}},
		{"negative colspan", "data/templates/bad.toml", templateOf(1, func(int) string {
			return tableBlock(2, "", `{ label = "甲" }, { blank = "乙", colspan = -1 }`)
		}), []string{"data/templates/bad.toml:3:", "row 1, cell 2 (blank 乙)", "colspan = -1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			testfs.Write(t, filepath.Join(src, filepath.FromSlash(tc.file)), tc.body)
			_, err := Run(Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Now: fixedNow})
			var errs diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("build error = %v, want one problem", err)
			}
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want one:\n%.2000s", len(errs), err)
			}
			msg := errs[0].Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("the error does not contain %q:\n%.1000s", w, msg)
				}
			}
			if errs[0].Hint == "" {
				t.Errorf("the error has no hint on how to fix it: %s", msg)
			}
			if len(msg) > 400 {
				t.Errorf("the error is %d bytes long; it must not quote the input: %.400s…", len(msg), msg)
			}
		})
	}
}

// TestUnknownKeysAreCapped checks that a file full of unknown keys gives a
// few errors and one that counts the rest, and that the keys inside an
// unknown table are not listed one by one.
func TestUnknownKeysAreCapped(t *testing.T) {
	src := copySite(t)
	var fm strings.Builder
	for i := range 500 {
		fmt.Fprintf(&fm, "typo%d = 1\n", i)
	}
	testfs.Write(t, filepath.Join(src, "content/notices/typos.md"), "+++\ntitle = \"拼错\"\ndate = 2024-01-02\n"+fm.String()+"+++\n正文。\n")
	testfs.Write(t, filepath.Join(src, "data/alliances/nested.toml"), "name = \"联盟\"\nextra = "+deep("{b = ", "1", "}", 30)+"\n[[members]]\nname = \"某园\"\n")
	_, err := Run(Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Now: fixedNow})
	var errs diag.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("unknown keys did not fail the build: %v", err)
	}
	var typos, nested []string
	for _, w := range errs {
		switch w.File {
		case "content/notices/typos.md":
			typos = append(typos, w.Error())
		case "data/alliances/nested.toml":
			nested = append(nested, w.Error())
		}
	}
	if len(typos) != 10 || !strings.Contains(typos[9], `typos.md:13: unknown key "typo9", and 490 more unknown keys after it`) ||
		!strings.Contains(typos[0], `content/notices/typos.md:4: unknown key "typo0"`) {
		t.Errorf("got %d errors for 500 unknown keys, want 10, the last counting 490 more:\n%s", len(typos), strings.Join(typos, "\n"))
	}
	if len(nested) != 1 || !strings.Contains(nested[0], `nested.toml:2: unknown key "extra"`) {
		t.Errorf("got %d errors for one unknown table nested 30 deep, want one for extra:\n%s", len(nested), strings.Join(nested, "\n"))
	}
}
