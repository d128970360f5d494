package tomllimit

import (
	"bytes"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"alliance/internal/catalog"
	"alliance/internal/diag"
)

// Explanation is a decoding error of BurntSushi/toml said in the clerk's
// terms: what is wrong and what to type instead, as a catalogue format and
// its arguments, so that it is shown in the tool's language rather than in
// the decoder's English.
type Explanation struct {
	Line   int // within the decoded text; 0 when not known
	Format string
	Args   []any
}

// explained are the decoder's syntax messages the tool says otherwise, each
// with the format it is said in; the groups of the pattern are its
// arguments, one for each verb.
var explained = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^Key '(.*)' (?:has already been defined|was already created)`),
		catalog.Key("invalid TOML: %s is written twice; keep one of them")},
	{regexp.MustCompile(`^strings cannot contain newlines$`),
		catalog.Key("invalid TOML: a text in quotes is not closed on its line; add the closing quote, or write a long text between \"\"\" and \"\"\"")},
	{regexp.MustCompile(`^unexpected EOF; expected '("""|''')'$`),
		catalog.Key("invalid TOML: a long text opened with %s is not closed; close it with the same three quotes")},
	{regexp.MustCompile(`^invalid escape in string '(\\.)'$`),
		catalog.Key("invalid TOML: a backslash in double quotes starts an escape (%s); write / instead, or put the text in single quotes")},
	{regexp.MustCompile(`^invalid datetime: "(.*)"$`),
		catalog.Key("invalid TOML: %s is not a date; write a date as 2024-04-30, or a date and time as 2024-04-30T17:00:00")},
	{regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`),
		catalog.Key("invalid TOML: something follows the value on this line (%s); write one key = value per line, with a text in one pair of double quotes")},
	{regexp.MustCompile(`^expected '\.' or '=', but got (.*) instead$`),
		catalog.Key("invalid TOML: the = between the key and its value is missing (found %s)")},
	{regexp.MustCompile(`^unexpected '=': key name appears blank$`),
		catalog.Key("invalid TOML: the key before = is missing")},
	{regexp.MustCompile(`^expected value but found (.*) instead$`),
		catalog.Key("invalid TOML: the value is missing or not written as TOML (%s); write a text in double quotes, a date as 2024-04-30, a number, or true or false")},
	{regexp.MustCompile(`^unexpected EOF; expected value$`),
		catalog.Key("invalid TOML: the value after = is missing")},
	{regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.*)$`),
		catalog.Key("invalid TOML: the items of a list are separated by commas and the list ends with ] (found %s)")},
	{regexp.MustCompile(`^expected a comma or an inline table terminator '}', but got (.*) instead$`),
		catalog.Key("invalid TOML: a table in { } is written on one line, its keys separated by commas and closed by } (found %s)")},
	{regexp.MustCompile(`^newlines not allowed within inline tables$`),
		catalog.Key("invalid TOML: a table in { } is written on one line, its keys separated by commas and closed by }")},
	{regexp.MustCompile(`^expected (?:'\.' or '\]' to end table name|end of table array name delimiter '\]'), but got (.*) instead$`),
		catalog.Key("invalid TOML: a table's name ends with ] on its own line, such as [contact] or [[attachments]] (found %s)")},
	{regexp.MustCompile(`^TOML files cannot contain control characters: '(.*)'$`),
		catalog.Key("invalid TOML: the text holds an invisible control character (%s); delete it, or type the line again")},
	{regexp.MustCompile(`^invalid UTF-8 byte`),
		catalog.Key("invalid TOML: the file is not saved as UTF-8; save it again in UTF-8")},
}

// typeError is the decoder's message for a value of the wrong kind.
var (
	typeError  = regexp.MustCompile(`^toml: (?:line (\d+) )?\(last key "(.*)"\): (?:incompatible types: TOML value has type \S+; destination has type (.+)|type mismatch for \S+: expected (table) but found \S+)$`)
	valueKinds = map[string]string{
		"slice":                   catalog.Key("invalid TOML: %s is a list: write it in [ ], such as %s = [\"…\", \"…\"]"),
		"tables":                  catalog.Key("invalid TOML: %s is a list of tables: write [[%s]] on a line of its own before each one, and its keys under it"),
		"boolean":                 catalog.Key("invalid TOML: %s is true or false, without quotes, such as %s = true"),
		"string":                  catalog.Key("invalid TOML: %s is a text in double quotes, such as %s = \"…\""),
		"primitive (string-like)": catalog.Key("invalid TOML: %s is a text in double quotes, such as %s = \"…\""),
		"integer":                 catalog.Key("invalid TOML: %s is a number without quotes, such as %s = 120"),
		"float":                   catalog.Key("invalid TOML: %s is a number without quotes, such as %s = 120"),
		"table":                   catalog.Key("invalid TOML: %s is a table: put [%s] on a line of its own, and its keys under it, one key = value per line"),
	}
)

// Explain says err, from decoding src into v, in the clerk's terms; false
// for an error it has no words for, whose message is then shown as it is.
func Explain(src []byte, err error, v any) (Explanation, bool) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		for _, e := range explained {
			m := e.re.FindStringSubmatch(pe.Message)
			if m == nil {
				continue
			}
			x := Explanation{Line: pe.Position.Line, Format: e.format}
			// The line of the character found: the decoder counts a
			// newline it stopped at into the line after it.
			if p := pe.Position.Start; p >= 0 && p <= len(src) && pe.Position.Line > 0 {
				x.Line = bytes.Count(src[:p], []byte("\n")) + 1
			}
			for _, a := range m[1:] {
				if a == `'\n'` {
					a = catalog.T("the end of the line")
				}
				x.Args = append(x.Args, a)
			}
			return x, true
		}
		return Explanation{}, false
	}
	m := typeError.FindStringSubmatch(err.Error())
	if m == nil {
		return Explanation{}, false
	}
	kind := m[3]
	if kind == "" {
		kind = m[4]
	}
	if kind == "slice" && tablesAt(reflect.TypeOf(v), m[2]) {
		kind = "tables"
	}
	format, ok := valueKinds[kind]
	if !ok {
		return Explanation{}, false
	}
	line, _ := strconv.Atoi(m[1])
	return Explanation{Line: line, Format: format, Args: []any{m[2], m[2]}}, true
}

// tablesAt reports whether the key at the dotted path key of a value of
// type t is a list of tables ([[attachments]]).
func tablesAt(t reflect.Type, key string) bool {
	t, ok := typeAt(t, strings.Split(key, "."))
	return ok && t.Kind() == reflect.Slice && deref(t.Elem()).Kind() == reflect.Struct
}

// Report adds to dl the error err of decoding src into v, src being the
// text of file from its line firstLine (front matter starts on line 2): a
// broken limit, one of a clerk's common typing mistakes (Mistake), the
// decoder's error in the clerk's terms (Explain), or else the decoder's
// own message, with hint.
func Report(dl *diag.List, file string, src []byte, firstLine int, err error, v any, hint string) {
	shift := func(line int) int {
		if line > 0 {
			line += firstLine - 1
		}
		return line
	}
	line, msg := Line(err)
	if le := (*Error)(nil); errors.As(err, &le) {
		dl.Errorf(file, shift(line), le.Hint, "%s", msg)
		return
	}
	if m := Mistake(src, firstLine); m != nil {
		dl.Errorf(file, m.Line, m.Hint, "%s", m.Msg)
		return
	}
	if x, ok := Explain(src, err, v); ok {
		dl.Errorf(file, shift(x.Line), hint, x.Format, x.Args...)
		return
	}
	dl.Errorf(file, shift(line), hint, "invalid TOML: %s", msg)
}
