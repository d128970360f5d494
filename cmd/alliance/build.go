package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"alliance/internal/build"
	"alliance/internal/diag"
	"alliance/internal/output"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "alliance build [flags]", "Builds the site in the source folder into the destination folder. The previous destination is replaced only when the whole build succeeded.", stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "the site folder, which holds site.toml")
	fs.StringVar(&opts.Destination, "destination", "", "where to write the site (default: public/ in the site folder)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the address the site is served from, overriding base_url in site.toml")
	fs.BoolVar(&opts.Drafts, "drafts", false, "also build pages marked draft = true")
	fs.BoolVar(&opts.Future, "future", false, "also build pages whose publish_date is still to come")
	fs.BoolVar(&opts.Expired, "expired", false, "also build pages whose expiry_date has passed")
	fs.BoolVar(&opts.NoMinify, "no-minify", false, "leave layouts, pages, CSS and JS as written, without minifying")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	prog := newProgress(stdout, stderr)
	opts.Progress = prog.Stage
	sum, err := build.Run(opts)
	prog.Stop()
	if sum != nil {
		for _, w := range sum.Warnings {
			fmt.Fprintln(stderr, w.Error())
		}
	}
	if err != nil {
		var errs diag.Errors
		if errors.As(err, &errs) {
			for _, p := range errs {
				fmt.Fprintln(stderr, "error: "+p.Error())
			}
			fmt.Fprintf(stderr, "build failed: %d error(s); the previous site was left as it was\n", len(errs))
		} else {
			fmt.Fprint(stderr, failure(err))
		}
		return 1
	}
	fmt.Fprintln(stdout, summaryLine(sum))
	return 0
}

// failure is what stderr says after a build failed with err: the error and,
// unless the destination was changed (output.ErrDestChanged, whose message
// says what it holds and where the previous files are), that the previous
// site is as it was.
func failure(err error) string {
	if errors.Is(err, output.ErrDestChanged) {
		return fmt.Sprintf("build failed: %v\n", err)
	}
	return fmt.Sprintf("build failed: %v\nthe previous site was left as it was\n", err)
}

func summaryLine(s *build.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "built %d notices, %d reports, %d pages, %d directories, %d templates, %d tags: %d HTML pages, %d files (%s",
		s.Counts["notices"], s.Counts["reports"], s.Counts["pages"], s.Counts["directories"], s.Counts["templates"], s.Counts["tags"],
		s.Counts["html"], s.Files, humanBytes(s.Bytes))
	if s.Reused > 0 {
		fmt.Fprintf(&b, ", %d unchanged", s.Reused)
	}
	fmt.Fprintf(&b, ") in %s", s.Duration.Round(time.Millisecond))
	if s.Images > 0 {
		fmt.Fprintf(&b, "; %d new or changed image(s) resized", s.Images)
	}
	if len(s.Held) > 0 {
		var held []string
		for k, v := range s.Held {
			held = append(held, fmt.Sprintf("%d %s", v, k))
		}
		sort.Strings(held)
		fmt.Fprintf(&b, "; held back: %s", strings.Join(held, ", "))
	}
	if len(s.Warnings) > 0 {
		fmt.Fprintf(&b, "; %d warning(s)", len(s.Warnings))
	}
	return b.String()
}

func humanBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
