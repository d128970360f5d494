// Command alliance builds the static site of an education alliance's
// secretariat from its notices, reports, member directories and templates.
package main

import (
	"io"
	"os"
	"strings"
	_ "time/tzdata" // Asia/Shanghai on machines without a zone database

	"alliance/internal/catalog"
)

// command is one subcommand.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", catalog.Key("build the site into the destination folder (public/)"), runBuild},
		{"serve", catalog.Key("build the site and serve it locally, rebuilding on every change"), runServe},
		{"new", catalog.Key("create a notice or report with today's date, as a draft"), runNew},
		{"check", catalog.Key("check the site without writing anything; exit 1 on errors"), runCheck},
		{"import", catalog.Key("import a member list (.xlsx, .csv) into data/alliances/ID.toml"), runImport},
		{"deploy", catalog.Key("send the built site to object storage (OSS, COS, OBS, Kodo, S3)"), runDeploy},
		{"help", catalog.Key("explain a command"), nil},
	}
}

func main() {
	budgetGC()
	stop := profile()
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args. The language of its messages is the
// environment's (catalog.FromEnv) unless a --lang flag, anywhere on the
// line, says otherwise.
func run(args []string, stdout, stderr io.Writer) int {
	args, lang, ok := langFlag(args)
	if !ok {
		catalog.Fprintf(stderr, "alliance: --lang %q: use zh (Chinese) or en (English)\n", lang)
		return 2
	}
	if lang != "" {
		l, _ := catalog.Parse(lang)
		defer catalog.SetCurrent(catalog.SetCurrent(l))
	}
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] && c.run != nil {
					return c.run([]string{"-h"}, stdout, stdout)
				}
			}
			catalog.Fprintf(stderr, "alliance: unknown command %q\n\n", args[1])
			usage(stderr)
			return 2
		}
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(args[1:], stdout, stderr)
		}
	}
	catalog.Fprintf(stderr, "alliance: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

// langFlag takes --lang VALUE (or --lang=VALUE, -lang) out of args. It
// returns the other arguments, the value ("" when there is none) and false
// when the value is not a language the tool speaks.
func langFlag(args []string) (rest []string, lang string, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return nil, "", false
			}
			i++
			value = args[i]
		}
		lang = value
	}
	if lang != "" {
		if _, ok := catalog.Parse(lang); !ok {
			return nil, lang, false
		}
	}
	return rest, lang, true
}

func usage(w io.Writer) {
	catalog.Fprintln(w, "alliance turns a secretariat's notices, reports, member directories and application templates into a static website.")
	catalog.Fprintln(w, "")
	catalog.Fprintln(w, "Usage:")
	catalog.Fprintln(w, "  alliance <command> [flags]")
	catalog.Fprintln(w, "")
	catalog.Fprintln(w, "Commands:")
	for _, c := range commands() {
		catalog.Fprintf(w, "  %-8s %s\n", c.name, catalog.T(c.summary))
	}
	catalog.Fprintln(w, "")
	catalog.Fprintln(w, "Examples:")
	catalog.Fprintln(w, "  alliance build                         build the site into public/")
	catalog.Fprintln(w, "  alliance serve                         preview the site at http://127.0.0.1:1313/")
	catalog.Fprintln(w, "  alliance new notice \"关于召开联盟年会的通知\"   start a new notice")
	catalog.Fprintln(w, "  alliance check --drafts                list every problem, drafts included")
	catalog.Fprintln(w, "")
	catalog.Fprintln(w, "Language:")
	catalog.Fprintln(w, "  --lang zh|en   messages in Chinese (the default) or English; without it, a LANG (or LC_ALL, LC_MESSAGES) starting with en means English")
	catalog.Fprintln(w, "")
	catalog.Fprintln(w, "Run 'alliance help <command>' for its flags and an example.")
}
