package load

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/rawfile"
	"alliance/internal/sitefs"
	"alliance/internal/tomllimit"
)

// maxMarkdown is the size of the largest Markdown file (front matter and
// text): 4 MB is over a million Chinese characters, some twenty times the
// longest official document, and a build holds a few copies of it at once.
const maxMarkdown = 4 << 20

// readText reads the site's text file rel, of at most max bytes, as UTF-8
// with LF line endings. A BOM and CRLF are dropped silently. A file in
// GBK/GB18030, as Windows editors save it, is converted with a warning
// saying how to convert it for good; anything else that is not UTF-8 is an
// error. A larger file is an error, reported before it is read, and so is a
// link out of the site folder.
func readText(root *sitefs.Root, rel string, max int, hint string, dl *diag.List) ([]byte, bool) {
	data, _, ok := readTextWarned(root, rel, max, hint, dl)
	return data, ok
}

// readTextWarned is readText that also says whether it gave a warning.
func readTextWarned(root *sitefs.Root, rel string, max int, hint string, dl *diag.List) (data []byte, warned, ok bool) {
	data, err := root.ReadFileMax(rel, int64(max))
	var tl *rawfile.TooLargeError
	if errors.As(err, &tl) {
		dl.Errorf(rel, 0, hint, "the file is %s, more than the %s allowed", tomllimit.Bytes(int(tl.Size)), tomllimit.Bytes(max))
		return nil, false, false
	}
	if err != nil {
		fileError(dl, rel, 0, catalog.Key("cannot read"), err)
		return nil, false, false
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		line := invalidLine(data)
		conv, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !looksChinese(conv) {
			dl.Errorf(rel, line, "save the file as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)", "the file is not UTF-8 text")
			return nil, false, false
		}
		dl.Warnf(rel, line, catalog.Sprintf("it was read as GB18030; convert it for good with: iconv -f GB18030 -t UTF-8 %s -o %s.utf8 && mv %s.utf8 %s, or save it as UTF-8 in your editor", rel, rel, rel, rel), "the file is not UTF-8 but GBK/GB18030, as Windows editors save it")
		data, warned = conv, true
	}
	if bytes.Contains(data, []byte("\r")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, warned, true
}

func invalidLine(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[n:]
	}
	return 0
}

// looksChinese reports whether decoded text has Han characters and no
// replacement characters, so that treating the file as GB18030 is a safe guess.
func looksChinese(b []byte) bool {
	s := string(b)
	if strings.ContainsRune(s, utf8.RuneError) {
		return false
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// splitFrontMatter separates TOML front matter between +++ lines from the body.
// It returns the front matter, the body and the line where the body starts.
func splitFrontMatter(src []byte) (fm, body []byte, bodyLine int, err error) {
	if !bytes.HasPrefix(src, []byte("+++")) || !isFence(firstLine(src)) {
		if bytes.HasPrefix(src, []byte("---")) {
			return nil, nil, 0, catalog.Errorf("front matter must be TOML between +++ lines, not YAML between --- lines")
		}
		return nil, nil, 0, catalog.Errorf("the file does not start with a +++ line opening the TOML front matter")
	}
	rest := src[len(firstLine(src)):]
	rest = bytes.TrimPrefix(rest, []byte("\n"))
	line := 2
	start := rest
	for len(rest) > 0 {
		l := firstLine(rest)
		if isFence(l) {
			fm = start[:len(start)-len(rest)]
			body = bytes.TrimPrefix(rest[len(l):], []byte("\n"))
			return fm, body, line + 1, nil
		}
		rest = bytes.TrimPrefix(rest[len(l):], []byte("\n"))
		line++
	}
	return nil, nil, 0, catalog.Errorf("the front matter is not closed: add a line with +++ after it")
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func isFence(l []byte) bool { return string(bytes.TrimRight(l, " \t")) == "+++" }

// decodeTOML decodes src, of at most max bytes, into v, reporting syntax
// errors and broken limits (tomllimit) with their line (shifted by
// firstLine-1 for front matter) and unknown keys as errors, at most
// tomllimit.MaxUnknown of them, the last counting the rest. A syntax error
// is said in the clerk's terms where it can be (tomllimit.Report).
func decodeTOML(src []byte, v any, rel string, firstLine, max int, dl *diag.List) bool {
	md, err := tomllimit.Decode(src, max, v)
	if err != nil {
		tomllimit.Report(dl, rel, src, firstLine, err, v, catalog.Key("check the TOML syntax: text in double quotes, dates as 2024-04-30, lists in [ ]"))
		return false
	}
	reportUnknown(dl, rel, tomllimit.Unknowns(md, src, v), firstLine)
	return true
}

// reportUnknown reports unknown keys as errors, each with its line (counted
// from firstLine), at most tomllimit.MaxUnknown of them.
func reportUnknown(dl *diag.List, rel string, unknown []tomllimit.Unknown, firstLine int) {
	for i, u := range unknown[:min(len(unknown), tomllimit.MaxUnknown)] {
		more := 0
		if i == tomllimit.MaxUnknown-1 {
			more = len(unknown) - tomllimit.MaxUnknown
		}
		msg, hint := u.Report(more)
		line := u.Line
		if line > 0 {
			line += firstLine - 1
		}
		dl.Errorf(rel, line, hint, "%s", msg)
	}
}

// must reports a missing required value.
func must(dl *diag.List, rel string, fm []byte, firstLine int, key, value, example string) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	dl.Errorf(rel, firstLine, catalog.Sprintf("add %s = %s", key, example), "%s is missing", key)
	return false
}
