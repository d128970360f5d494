// Command alliance builds the static site of an education alliance's
// secretariat from its notices, reports, member directories and templates.
package main

import (
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // Asia/Shanghai on machines without a zone database
)

// command is one subcommand.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build the site into the destination folder (public/)", runBuild},
		{"serve", "build the site and serve it locally, rebuilding on every change", runServe},
		{"new", "create a notice or report with today's date, as a draft", runNew},
		{"check", "check the site without writing anything; exit 1 on errors", runCheck},
		{"import", "import a member list (.xlsx, .csv) into data/alliances/ID.toml", runImport},
		{"deploy", "send the built site to object storage (OSS, COS, OBS, Kodo, S3)", runDeploy},
		{"help", "explain a command", nil},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] && c.run != nil {
					return c.run([]string{"-h"}, stdout, stdout)
				}
			}
			fmt.Fprintf(stderr, "alliance: unknown command %q\n\n", args[1])
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
	fmt.Fprintf(stderr, "alliance: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "alliance turns a secretariat's notices, reports, member directories and")
	fmt.Fprintln(w, "application templates into a static website.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  alliance <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'alliance help <command>' or 'alliance <command> -h' for its flags.")
}
