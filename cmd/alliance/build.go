package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"alliance/internal/build"
	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/engine"
	"alliance/internal/output"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", helpText{
		usage:       "alliance build [flags]",
		about:       "Builds the site in the source folder into the destination folder. The previous destination is replaced only when the whole build succeeded.",
		example:     "alliance build --drafts --destination preview",
		exampleSays: "builds the site with its drafts into the folder preview, leaving public/ as it was",
	}, stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "the site `folder`, which holds site.toml")
	fs.StringVar(&opts.Destination, "destination", "", "the `folder` to write the site into (default: public/ in the site folder)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the `address` the site is served from, overriding base_url in site.toml")
	fs.BoolVar(&opts.Drafts, "drafts", false, "also build pages marked draft = true")
	fs.BoolVar(&opts.Future, "future", false, "also build pages whose publish_date is still to come")
	fs.BoolVar(&opts.Expired, "expired", false, "also build pages whose expiry_date has passed")
	fs.BoolVar(&opts.NoMinify, "no-minify", false, "leave layouts, pages, CSS and JS as written, without minifying")
	noCache := fs.Bool("no-cache", false, "build everything afresh, neither reading nor writing the build cache (.alliance-cache/build in the site folder)")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *noCache {
		holdingTexts()
	} else {
		opts.Store = engine.Open(filepath.Join(opts.Source, engine.Dir), engine.Version())
		defer opts.Store.Close()
		if opts.Store.Warm() {
			rebuilding()
		}
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
				fmt.Fprintln(stderr, catalog.T("error: ")+p.Error())
			}
			if len(errs) == 1 {
				catalog.Fprintln(stderr, "build failed: 1 error; the previous site was left as it was")
			} else {
				catalog.Fprintf(stderr, "build failed: %d errors; the previous site was left as it was\n", len(errs))
			}
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
		return catalog.Sprintf("build failed: %v\n", err)
	}
	return catalog.Sprintf("build failed: %v\nthe previous site was left as it was\n", err)
}

// summaryLine says what a build made. Counts of one are singular in
// English (count); Chinese has no plural.
func summaryLine(s *build.Summary) string {
	var b strings.Builder
	catalog.Fprintf(&b, "built %s, %s, %s, %s, %s, %s: %s, %s (%s",
		count(s.Counts["notices"], "notice"), count(s.Counts["reports"], "report"), count(s.Counts["pages"], "page"),
		count(s.Counts["directories"], "directory"), count(s.Counts["templates"], "template"), count(s.Counts["tags"], "tag"),
		count(s.Counts["html"], "HTML page"), count(s.Files, "file"), humanBytes(s.Bytes))
	if s.Reused > 0 {
		catalog.Fprintf(&b, ", %d unchanged", s.Reused)
	}
	catalog.Fprintf(&b, ") in %s", s.Duration.Round(time.Millisecond))
	if s.Images > 0 {
		catalog.Fprintf(&b, "; %d new or changed image(s) resized", s.Images)
	}
	if len(s.Held) > 0 {
		var held []string
		for k, v := range s.Held {
			held = append(held, count(v, k))
		}
		sort.Strings(held)
		catalog.Fprintf(&b, "; held back: %s", strings.Join(held, catalog.T(", ")))
	}
	if len(s.Warnings) > 0 {
		catalog.Fprintf(&b, "; %s", count(len(s.Warnings), "warning"))
	}
	return b.String()
}

// nouns are the things the tool counts: the singular and plural in English,
// and the Chinese with its measure word.
var nouns = map[string][3]string{
	"notice":     {"notice", "notices", "%d 篇通知"},
	"report":     {"report", "reports", "%d 篇报道"},
	"page":       {"page", "pages", "%d 个页面"},
	"directory":  {"directory", "directories", "%d 份名录"},
	"template":   {"template", "templates", "%d 个模板"},
	"tag":        {"tag", "tags", "%d 个标签"},
	"HTML page":  {"HTML page", "HTML pages", "%d 个网页"},
	"file":       {"file", "files", "%d 个文件"},
	"warning":    {"warning", "warnings", "%d 条警告"},
	"error":      {"error", "errors", "%d 个错误"},
	"row":        {"row", "rows", "%d 行"},
	"member":     {"member", "members", "%d 个成员"},
	"group":      {"group", "groups", "%d 个分组"},
	"draft":      {"draft", "drafts", "%d 篇草稿"},
	"future":     {"future page", "future pages", "%d 篇未到发布日期"},
	"expired":    {"expired page", "expired pages", "%d 篇已过期"},
	"disclosure": {"page not disclosed", "pages not disclosed", "%d 篇不公开"},
}

// count writes n of the noun what: "1 page", "3 pages", "3 个页面".
func count(n int, what string) string {
	w, ok := nouns[what]
	switch {
	case !ok:
		return fmt.Sprintf("%d %s", n, what)
	case catalog.Current() == catalog.Chinese:
		return fmt.Sprintf(w[2], n)
	case n == 1:
		return "1 " + w[0]
	}
	return fmt.Sprintf("%d %s", n, w[1])
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
