package main

import (
	"path/filepath"

	"alliance/internal/engine"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"alliance/internal/catalog"
	"alliance/internal/check"
	"alliance/internal/diag"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", helpText{
		usage:       "alliance check [flags]",
		example:     "alliance check --drafts --strict",
		exampleSays: "checks the site with its drafts and exits with 1 on any error or warning",
		about:       "Runs every check of the build without writing anything and lists all problems at once, grouped by file. Besides the build's errors and warnings it warns about document numbers that do not follow GB/T 9704, links to pages or anchors that do not exist, images without alt text, pinned notices whose deadline has passed, mobile and ID-card numbers written into a text in full, and notices whose publish_date is before their date. Exit status: 0 when there is no error (warnings allowed unless --strict), 1 when there are errors (or warnings with --strict), 2 for a mistake on the command line.",
	}, stderr)
	var opts check.Options
	fs.StringVar(&opts.Source, "source", ".", "the site `folder`, which holds site.toml")
	fs.BoolVar(&opts.Drafts, "drafts", false, "also check pages marked draft = true")
	fs.BoolVar(&opts.Future, "future", false, "also check pages whose publish_date is still to come")
	fs.BoolVar(&opts.Expired, "expired", false, "also check pages whose expiry_date has passed")
	noCache := fs.Bool("no-cache", false, "convert every text afresh instead of reading the build cache (.alliance-cache/build), which check never writes")
	format := fs.String("format", "text", "`text` for people, or json for programs")
	strict := fs.Bool("strict", false, "fail (exit status 1) on warnings too")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		catalog.Fprintf(stderr, "alliance check: --format %q: use text or json\n", *format)
		return 2
	}
	if !*noCache {
		opts.Cache = engine.Open(filepath.Join(opts.Source, engine.Dir), engine.Version()).ReadOnly()
	}
	problems := check.Run(opts).Problems()
	errs, warns := 0, 0
	for _, p := range problems {
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	if *format == "json" {
		writeCheckJSON(stdout, problems, errs, warns)
	} else {
		writeCheckText(stdout, problems, errs, warns)
	}
	if errs > 0 || *strict && warns > 0 {
		return 1
	}
	return 0
}

// groups splits problems, sorted by file, into one group per file.
func groups(problems []diag.Problem) [][]diag.Problem {
	var out [][]diag.Problem
	for i, p := range problems {
		if i == 0 || p.File != problems[i-1].File {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], p)
	}
	return out
}

func writeCheckText(w io.Writer, problems []diag.Problem, errs, warns int) {
	gs := groups(problems)
	for _, g := range gs {
		file := g[0].File
		if file == "" {
			file = catalog.T("(the build)")
		}
		fmt.Fprintln(w, file)
		for _, p := range g {
			line := ""
			if p.Line > 0 {
				line = strconv.Itoa(p.Line) + ": "
			}
			fmt.Fprintf(w, "  %s%s%s%s", line, p.Kind(), catalog.T(": "), p.Msg)
			if p.Hint != "" {
				fmt.Fprint(w, catalog.Sprintf(" (%s)", p.Hint))
			}
			fmt.Fprintln(w)
		}
	}
	if len(problems) == 0 {
		catalog.Fprintln(w, "no problems found")
		return
	}
	catalog.Fprintf(w, "%s, %s in %s\n", count(errs, "error"), count(warns, "warning"), count(len(gs), "file"))
}

// checkJSON is the --format json output: problems grouped by file.
type checkJSON struct {
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Files    []checkFileJSON `json:"files"`
}

type checkFileJSON struct {
	File     string             `json:"file"`
	Problems []checkProblemJSON `json:"problems"`
}

type checkProblemJSON struct {
	Line     int    `json:"line,omitempty"`
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

func writeCheckJSON(w io.Writer, problems []diag.Problem, errs, warns int) {
	out := checkJSON{Errors: errs, Warnings: warns, Files: []checkFileJSON{}}
	for _, g := range groups(problems) {
		f := checkFileJSON{File: g[0].File}
		for _, p := range g {
			sev := "error"
			if p.Warning {
				sev = "warning"
			}
			f.Problems = append(f.Problems, checkProblemJSON{Line: p.Line, Severity: sev, Message: p.Msg, Hint: p.Hint})
		}
		out.Files = append(out.Files, f)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}
