// Package catalog holds every message the tool shows in Simplified Chinese
// and English, and the choice of language. A message is keyed by its English
// format string (zh.go maps each to its Chinese format with the same verbs in
// the same order), so code keeps writing English and the reader gets Chinese
// unless they asked for English.
//
// The formats are rendered with fmt, not golang.org/x/text/message: that
// package groups digits by locale, which would turn the year 2024 and line
// 12345 into "2,024" and "12,345" inside Chinese messages.
package catalog

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
)

// Lang is a language messages can be shown in.
type Lang int

const (
	Chinese Lang = iota // Simplified Chinese, the default
	English
)

func (l Lang) String() string {
	if l == English {
		return "en"
	}
	return "zh"
}

// Parse reads a --lang value: en or zh (also en-US, zh_CN and the like).
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return English, true
	case s == "zh" || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh_"):
		return Chinese, true
	}
	return Chinese, false
}

// FromEnv picks the language from the environment as POSIX does: the first
// of LC_ALL, LC_MESSAGES and LANG that is set decides, English when it starts
// with "en", Chinese otherwise (also when none is set).
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "en") {
				return English
			}
			return Chinese
		}
	}
	return Chinese
}

var current atomic.Int32

func init() { current.Store(int32(FromEnv(os.Getenv))) }

// Current is the language messages are made in.
func Current() Lang { return Lang(current.Load()) }

// SetCurrent makes l the language of the messages made from now on and
// returns the language it replaces.
func SetCurrent(l Lang) Lang { return Lang(current.Swap(int32(l))) }

// Format returns the format string to use for the English format key in l:
// its Chinese entry, or key itself when l is English or it has none.
func Format(l Lang, key string) string {
	if l == Chinese {
		if zh, ok := zh[key]; ok {
			return zh
		}
	}
	return key
}

// In renders the English format key with args in l.
func In(l Lang, key string, args ...any) string {
	if len(args) == 0 && !strings.Contains(key, "%") {
		return Format(l, key)
	}
	return fmt.Sprintf(noWrap(Format(l, key)), args...)
}

// noWrap turns the %w verbs of an error format into %v for fmt.Sprintf.
func noWrap(f string) string {
	if !strings.Contains(f, "w") {
		return f
	}
	for _, v := range Verbs(f) {
		if strings.HasSuffix(v, "w") {
			f = strings.Replace(f, v, v[:len(v)-1]+"v", 1)
		}
	}
	return f
}

// Key returns s unchanged. It marks s as a catalogue key that is translated
// later (with T), so that the completeness test finds it.
func Key(s string) string { return s }

// T translates the fixed text s, such as a hint, into the current language.
func T(s string) string { return Format(Current(), s) }

// Sprintf renders the English format key with args in the current language.
func Sprintf(key string, args ...any) string { return In(Current(), key, args...) }

// Fprintf writes the English format key with args in the current language.
func Fprintf(w io.Writer, key string, args ...any) {
	fmt.Fprint(w, Sprintf(key, args...))
}

// Fprintln writes the fixed text s in the current language and a newline.
func Fprintln(w io.Writer, s string) { fmt.Fprintln(w, T(s)) }

// Errorf is fmt.Errorf with the format translated into the current language;
// %w still wraps, since a translation keeps the verbs in order.
func Errorf(key string, args ...any) error {
	return fmt.Errorf(Format(Current(), key), args...)
}

// Verbs returns the formatting verbs of a format string in order, such as
// ["%s", "%d", "%.1f"]; "%%" is not a verb.
func Verbs(format string) []string {
	var out []string
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] != '%' {
			out = append(out, format[i:j+1])
		}
		i = j
	}
	return out
}

// ChineseOf returns the Chinese entry of key and whether there is one.
func ChineseOf(key string) (string, bool) {
	s, ok := zh[key]
	return s, ok
}

// ArgVerbs returns the verb each argument of a format is printed with, in
// the order of the arguments: "%[2]s %[1]d" gives ["%d", "%s"]. A translation
// may reorder its arguments with explicit indexes as long as this is the same.
func ArgVerbs(format string) []string {
	var out []string
	next := 1
	for _, v := range Verbs(format) {
		n := next
		if i := strings.IndexByte(v, '['); i >= 0 {
			if j := strings.IndexByte(v, ']'); j > i {
				if k, err := strconv.Atoi(v[i+1 : j]); err == nil {
					n = k
				}
				v = v[:i] + v[j+1:]
			}
		}
		for len(out) < n {
			out = append(out, "")
		}
		out[n-1] = v
		next = n + 1
	}
	return out
}
