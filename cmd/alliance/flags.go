package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"alliance/internal/catalog"
)

// helpText is what `alliance help COMMAND` says about a command, each part
// an English catalogue key: the usage line, a paragraph about it and an
// example with what it does.
type helpText struct {
	usage, about, example, exampleSays string
}

// newFlags makes the flag set of a subcommand. Its -h prints h and the flags
// to help.
func newFlags(name string, h helpText, help io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { printHelp(help, h, fs) }
	return fs
}

// printHelp writes a command's short manual: usage, what it does, each flag
// as --flag with its value and default, and an example.
func printHelp(w io.Writer, h helpText, fs *flag.FlagSet) {
	catalog.Fprintf(w, "Usage: %s\n", catalog.T(h.usage))
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrap(catalog.T(h.about), 76))
	fmt.Fprintln(w)
	if fs != nil {
		catalog.Fprintln(w, "Flags:")
		printFlags(w, fs)
		fmt.Fprintln(w)
	}
	if h.example != "" {
		catalog.Fprintln(w, "Example:")
		fmt.Fprintln(w, "  "+h.example)
		fmt.Fprintln(w, "  "+strings.ReplaceAll(wrap(catalog.T(h.exampleSays), 74), "\n", "\n  "))
	}
}

// printFlags lists the flags of fs as --name VALUE with the explanation
// indented below it and the default when it is not the zero value. The
// explanation is a catalogue key; a word in `backquotes` in it names VALUE.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		usage := catalog.T(f.Usage)
		value := ""
		if i := strings.IndexByte(usage, '`'); i >= 0 {
			if j := strings.IndexByte(usage[i+1:], '`'); j >= 0 {
				value = usage[i+1 : i+1+j]
				usage = usage[:i] + value + usage[i+1+j+1:]
			}
		}
		isBool := false
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			isBool = true
		}
		if value == "" && !isBool {
			value = catalog.T("value")
		}
		line := "  --" + f.Name
		if value != "" {
			line += " " + value
		}
		fmt.Fprintln(w, line)
		if !isBool && f.DefValue != "" && f.DefValue != "0" {
			usage += catalog.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintln(w, "      "+strings.ReplaceAll(wrap(usage, 70), "\n", "\n      "))
	})
}

// parseFlags parses the flags of a command that takes no other arguments. When
// the command should stop (help was asked for, or the line is wrong) it
// returns false and the exit status.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		catalog.Fprintf(stderr, "alliance %s: %s (alliance help %s lists the flags)\n", fs.Name(), flagError(err), fs.Name())
		return 2, false
	}
	if fs.NArg() > 0 {
		catalog.Fprintf(stderr, "alliance %s: unexpected argument %q (flags start with --)\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

// flagError says what the flag package found wrong, in the current language
// and with flags written as --flag.
func flagError(err error) string {
	msg := err.Error()
	for _, p := range []string{"flag provided but not defined: ", "flag needs an argument: ", "bad flag syntax: "} {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			return catalog.T(strings.TrimSuffix(p, " ")) + " -" + rest
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if value, flagName, ok := strings.Cut(rest, " for flag -"); ok {
			name, _, _ := strings.Cut(flagName, ":")
			return catalog.Sprintf("--%s: %s is not a valid value", name, value)
		}
	}
	if rest, ok := strings.CutPrefix(msg, "invalid boolean value "); ok {
		if value, flagName, ok := strings.Cut(rest, " for -"); ok {
			name, _, _ := strings.Cut(flagName, ":")
			return catalog.Sprintf("--%s: %s is not a valid value", name, value)
		}
	}
	return msg
}

// wrap breaks text into lines of at most width columns, counting a wide
// (Chinese) character as two. English breaks at spaces; Chinese between any
// two characters, except before closing punctuation such as ，。）.
func wrap(text string, width int) string {
	type token struct {
		s     string
		space bool // whether a space separates it from the token before
	}
	var tokens []token
	space := false
	for _, field := range strings.Fields(text) {
		space = len(tokens) > 0
		word := ""
		for _, r := range field {
			switch {
			case r >= 0x1100 && strings.ContainsRune("，。、；：？！）》」』”’】〕", r) && (word != "" || len(tokens) > 0):
				if word != "" {
					word += string(r)
				} else {
					tokens[len(tokens)-1].s += string(r)
				}
			case r >= 0x1100:
				if word != "" {
					tokens = append(tokens, token{word, space})
					space = false
				}
				word = string(r)
				if strings.ContainsRune("（《「『“‘【〔", r) {
					continue // an opening mark stays with what follows
				}
				tokens = append(tokens, token{word, space})
				word, space = "", false
			default:
				if last, _ := utf8.DecodeLastRuneInString(word); word != "" && last >= 0x1100 && !strings.ContainsRune("（《「『“‘【〔", last) {
					tokens = append(tokens, token{word, space})
					word, space = "", false
				}
				word += string(r)
			}
		}
		if word != "" {
			tokens = append(tokens, token{word, space})
		}
	}
	var b strings.Builder
	n := 0
	for i, t := range tokens {
		w := columns(t.s)
		if i > 0 {
			sep := 0
			if t.space {
				sep = 1
			}
			if n+sep+w > width {
				b.WriteByte('\n')
				n = 0
			} else if t.space {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(t.s)
		n += w
	}
	return b.String()
}

// columns is how wide s is on a terminal: two columns for a wide character.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
