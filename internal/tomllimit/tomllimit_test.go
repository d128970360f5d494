package tomllimit

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func nested(open, inner, close string, n int) string {
	return "a = " + strings.Repeat(open, n) + inner + strings.Repeat(close, n) + "\n"
}

func dotted(n int) string {
	return strings.TrimSuffix(strings.Repeat("x.", n), ".")
}

// TestCheckRejects gives each kind of pathological nesting and checks that
// the scanner names it, with the line where it happens.
func TestCheckRejects(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"inline tables", "title = \"t\"\n" + nested("{b = ", "1", "}", 10000), 2, "nested more than 32 levels"},
		{"arrays", "# c\n\n" + nested("[", "1", "]", 10000), 3, "nested more than 32 levels"},
		{"arrays of inline tables", nested("[{b = ", "1", "}]", 10000), 1, "nested more than 32 levels"},
		{"inline tables over lines", "a = {\nb = {\nc = [\n" + strings.Repeat("[\n", 40), 33, "nested more than 32 levels"},
		{"dotted header", "x = 1\n[" + dotted(100000) + "]\ny = 1\n", 2, "more than 16 dotted parts"},
		{"dotted array header", "[[" + dotted(17) + "]]\n", 1, "more than 16 dotted parts"},
		{"dotted key", "\n\n" + dotted(100000) + " = 1\n", 3, "more than 16 dotted parts"},
		{"dotted key in inline table", "a = {" + dotted(17) + " = 1}\n", 1, "more than 16 dotted parts"},
		{"header and key together", "[" + dotted(16) + "]\n" + dotted(16) + " = 1\n" + dotted(16) + " = {a = {b = 1}}\n", 3, "nested more than 32 levels"},
		{"header and inline tables", "[" + dotted(10) + "]\n" + nested("{b = ", "1", "}", 23), 2, "nested more than 32 levels"},
		{"dotted keys in inline tables", nested("{"+dotted(16)+" = ", "1", "}", 3), 1, "nested more than 32 levels"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := Check([]byte(c.src))
			if e == nil {
				t.Fatal("accepted")
			}
			if e.Line != c.line || !strings.Contains(e.Msg, c.msg) || e.Hint == "" {
				t.Errorf("got line %d %q (%s), want line %d %q and a hint", e.Line, e.Msg, e.Hint, c.line, c.msg)
			}
			if len(e.Error()) > 300 {
				t.Errorf("the message is %d bytes long: it must not quote the text", len(e.Error()))
			}
		})
	}
}

// TestCheckAccepts gives valid TOML at the limits, and with brackets, dots
// and quotes in strings and comments, which must not count.
func TestCheckAccepts(t *testing.T) {
	cases := map[string]string{
		"32 inline tables": nested("{b = ", "1", "}", 32),
		"32 arrays":        nested("[", "1", "]", 32),
		"16-part key":      dotted(16) + " = 1\n",
		"16-part header":   "[" + dotted(16) + "]\na = 1\n",
		"header, key and tables to 32": "[" + dotted(10) + "]\n" + dotted(10) + " = " +
			strings.Repeat("{b = ", 12) + "1" + strings.Repeat("}", 12) + "\n",
		"brackets in strings": `a = "[[[[{{{{" + ` + "\n" + `b = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' ` + "\n" +
			"c = \"\"\"\n" + strings.Repeat("[{", 40) + "\n\\\"\"\" \"\"\"\n" +
			"d = '''\n" + strings.Repeat("[", 40) + "'''\n" +
			"e = \"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n",
		"dots in quoted keys":  `"` + dotted(40) + `" = 1` + "\n" + `['` + dotted(40) + `']` + "\na = 1\n",
		"brackets in comments": "a = 1 # " + strings.Repeat("[", 40) + " '''\n" + strings.Repeat("{", 40) + " = 1\n# [[[" + dotted(40) + "\n",
		"floats and dates":     "a = 3.14159\nb = [1.5, 2.5e10, 1979-05-27T07:32:00Z, 1979-05-27 07:32:00]\nc = {d = 0.1}\n",
		"quadruple quotes":     "a = \"\"\"x\"\"\"\"\nb = '''y'''''\nc = [[[1]]]\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			if e := Check([]byte(src)); e != nil {
				t.Fatalf("rejected: %v", e)
			}
		})
	}
}

// TestCheckSiteFiles checks that every TOML text of the example site passes.
func TestCheckSiteFiles(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	for _, pattern := range []string{"site.toml", "data/*/*.toml", "themes/*/i18n/*.toml", "content/*.md", "content/*/*.md", "content/*/*/index.md"} {
		paths, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if e := Check(b); e != nil {
				t.Errorf("%s: %v", p, e)
			}
			n++
		}
	}
	if n < 10 {
		t.Fatalf("found only %d files", n)
	}
}

// TestCheckMillionLevels checks that a file nested a million levels deep,
// which ran the decoder out of memory, is refused at once: the scanner
// stops at level 33 and allocates next to nothing.
func TestCheckMillionLevels(t *testing.T) {
	src := []byte(nested("{b = ", "1", "}", 1000000))
	var e *Error
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Decode(src, len(src), &map[string]any{})
	runtime.ReadMemStats(&after)
	if !errorsAs(err, &e) || e.Line != 1 || !strings.Contains(e.Msg, "nested more than") {
		t.Fatalf("got %v, want the nesting error on line 1", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<10 {
		t.Errorf("refusing the file allocated %d bytes; want under 64 KB", got)
	}
	if a := testing.AllocsPerRun(5, func() { Check(src) }); a > 2 {
		t.Errorf("Check allocates %.0f times; want at most 2 (the error)", a)
	}
}

func errorsAs(err error, e **Error) bool {
	le, ok := err.(*Error)
	*e = le
	return ok
}

// TestDecodeSize checks the size limit and that text within every limit
// is decoded as toml.Decode decodes it.
func TestDecodeSize(t *testing.T) {
	src := []byte("a = 1\n[b]\nc = [{d = 2}]\n")
	if _, err := Decode(src, len(src)-1, &map[string]any{}); err == nil || !strings.Contains(err.Error(), "23 bytes allowed") {
		t.Errorf("got %v, want the size error", err)
	}
	var got, want map[string]any
	if _, err := Decode(src, len(src), &got); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(src), &want); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["a"] != want["a"] {
		t.Errorf("decoded %v, want %v", got, want)
	}
	if line, msg := Line(mustErr(Decode([]byte("a = 1\nb = \n"), 100, &got))); line != 2 || msg == "" {
		t.Errorf("Line of a syntax error: %d %q", line, msg)
	}
}

func mustErr(_ toml.MetaData, err error) error { return err }

// TestUndecoded checks that keys inside an unknown table are not listed
// again, however deep it goes.
func TestUndecoded(t *testing.T) {
	var v struct {
		Title string `toml:"title"`
	}
	md, err := toml.Decode("title = \"t\"\nsub = {a = {b = {c = 1}}}\nother = 2\n[extra]\nx = 1\n[extra.more]\ny = 2\n", &v)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, k := range Undecoded(md) {
		keys = append(keys, k.String())
	}
	if strings.Join(keys, " ") != "sub other extra" {
		t.Errorf("got %q, want sub other extra", keys)
	}
}

func BenchmarkCheckMillionLevels(b *testing.B) {
	src := []byte(nested("{b = ", "1", "}", 1000000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if Check(src) == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkCheckDirectory(b *testing.B) {
	var sb strings.Builder
	for i := range 20000 {
		sb.WriteString("[[members]]\nname = \"第" + strings.Repeat("一", i%7) + "幼儿园\"\nphone = \"0632-3317000\"\naddress = \"枣庄市市中区\"\n\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if e := Check(src); e != nil {
			b.Fatal(e)
		}
	}
}

// TestUnknownsSuggest checks the "did you mean" of unknown keys: near
// misses and swapped letters get the known key; a
// key far from every known one gets none; keys under a map are not unknown,
// nor those of tables nested in it.
func TestUnknownsSuggest(t *testing.T) {
	type block struct {
		Fields []string `toml:"fields"`
	}
	type front struct {
		Issuer string         `toml:"issuer"`
		Date   string         `toml:"date"`
		Blocks []block        `toml:"blocks"`
		Params map[string]any `toml:"params"`
	}
	src := []byte("isuer = \"x\"\ntitle = \"y\"\ncolour = \"red\"\n[params]\nanything = 1\n[params.more]\ndeep = { deeper = [{ a = 1 }] }\n[[params.rows]]\nk = \"v\"\n[[blocks]]\nfeilds = [\"a\"]\n")
	var v front
	md, err := Decode(src, MaxSettings, &v)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Unknown{}
	for _, u := range Unknowns(md, src, &v) {
		got[u.Key.String()] = u
	}
	for key, want := range map[string]struct {
		suggest string
		line    int
	}{"isuer": {"issuer", 1}, "title": {"", 2}, "colour": {"", 3}, "blocks.feilds": {"fields", 11}} {
		u, ok := got[key]
		if !ok {
			t.Errorf("%s is not reported as unknown; got %v", key, got)
			continue
		}
		if u.Suggest != want.suggest || u.Line != want.line {
			t.Errorf("%s: suggest %q line %d, want %q line %d", key, u.Suggest, u.Line, want.suggest, want.line)
		}
	}
	if len(got) != 4 {
		t.Errorf("got %d unknown keys, want 4 (title, isuer, colour, blocks.feilds) (nothing under [params]): %v", len(got), got)
	}
}
