package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/config"
	"alliance/internal/deploy"
	"alliance/internal/diag"
)

// Exit statuses of alliance deploy, as its help says.
const (
	deployFailed  = 1 // the deploy failed part way, or the bucket refused it
	deployUsage   = 2 // wrong flags, [[deploy]] settings or missing keys
	deployRefused = 3 // more deletions than --max-deletes; nothing changed
)

func runDeploy(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("deploy", helpText{
		usage:       "alliance deploy [flags]",
		example:     "alliance deploy --target oss --dry-run",
		exampleSays: "lists what a deploy to the [[deploy]] table named oss would upload and delete, and changes nothing",
		about:       "Publishes the built site (public/ in the site folder: run alliance build first) to S3-compatible object storage, such as Aliyun OSS, Tencent COS, Huawei OBS or Qiniu Kodo, as set by a [[deploy]] table in site.toml. Only files whose content changed are sent; objects under the prefix that the site no longer has are deleted, last. Assets go first, then pages, then the home page and feeds, so a deploy stopped half way leaves a working site; run it again to finish. The keys come from the environment: ALLIANCE_DEPLOY_ACCESS_KEY and ALLIANCE_DEPLOY_SECRET_KEY, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Exit status: 0 done; 1 failed (nothing or part sent: run again); 2 wrong flags, settings or missing keys; 3 refused, more deletions than --max-deletes (nothing changed).",
	}, stderr)
	source := fs.String("source", ".", "the site folder, which holds site.toml and the built public/")
	target := fs.String("target", "", "the name of the [[deploy]] table to use (needed when site.toml has several)")
	dry := fs.Bool("dry-run", false, "list every upload and deletion, and change nothing")
	maxDeletes := fs.Int("max-deletes", 256, "stop before changing anything when more objects than this would be deleted (superseded hashed assets, such as an old search index, are not counted)")
	force := fs.Bool("force", false, "deploy even when more than --max-deletes objects would be deleted")
	workers := fs.Int("workers", 8, "how many uploads run at once")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *workers < 1 || *maxDeletes < 0 {
		catalog.Fprintln(stderr, "alliance deploy: --workers must be at least 1 and --max-deletes not negative")
		return deployUsage
	}
	var dl diag.List
	site := config.Load(*source, &dl)
	if dl.HasErrors() || site == nil {
		var errs diag.Errors
		if errors.As(dl.Err(), &errs) {
			for _, p := range errs {
				fmt.Fprintln(stderr, "error: "+p.Error())
			}
		}
		return deployUsage
	}
	t, err := pickTarget(site.Deploy, *target)
	if err != nil {
		catalog.Fprintf(stderr, "alliance deploy: %v\n", err)
		return deployUsage
	}
	creds, err := deploy.CredentialsFromEnv(os.Getenv)
	if err != nil {
		catalog.Fprintf(stderr, "alliance deploy: %v\n", err)
		return deployUsage
	}
	b, err := deploy.Open(deploy.Target{Endpoint: t.Endpoint, Region: t.Region, Bucket: t.Bucket, Prefix: t.Prefix, PathStyle: t.PathStyle}, creds)
	if err != nil {
		catalog.Fprintf(stderr, "alliance deploy: %v\n", err)
		return deployUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	prog := newDeployProgress(stderr)
	start := time.Now()
	res, err := deploy.Deploy(ctx, b, deploy.Options{
		Dir:        filepath.Join(*source, "public"),
		DryRun:     *dry,
		MaxDeletes: *maxDeletes,
		Force:      *force,
		Workers:    *workers,
		Progress:   prog.update,
	})
	prog.stop()
	where := catalog.Sprintf("%s (bucket %s%s)", t.Name, t.Bucket, strings.TrimSuffix("/"+t.Prefix, "/"))
	if *dry {
		for _, a := range res.Plan.Actions {
			if a.Delete() {
				catalog.Fprintf(stdout, "delete  %s\n", a.Path)
			} else {
				catalog.Fprintf(stdout, "upload  %s (%s, %s)\n", a.Path, humanBytes(a.Size), a.Stage)
			}
		}
	}
	var tooMany *deploy.TooManyDeletesError
	switch {
	case errors.As(err, &tooMany):
		catalog.Fprintf(stderr, "alliance deploy: %s: %v\n", where, err)
		return deployRefused
	case errors.Is(err, context.Canceled):
		catalog.Fprintf(stderr, "deploy to %s interrupted after %d uploads and %d deletions; the site stays whole; run alliance deploy again to finish\n", where, len(res.Sent), len(res.Deleted))
		return deployFailed
	case err != nil:
		catalog.Fprintf(stderr, "deploy to %s failed: %v\n", where, err)
		if len(res.Sent)+len(res.Deleted) > 0 {
			catalog.Fprintf(stderr, "%d files were sent and %d deleted before it stopped; the site stays whole; run alliance deploy again to finish\n", len(res.Sent), len(res.Deleted))
		}
		return deployFailed
	}
	uploads, deletes, bytes := res.Plan.Count()
	if *dry {
		catalog.Fprintf(stdout, "dry run for %s: would upload %d files (%s) and delete %d; %d unchanged; nothing was changed\n", where, uploads, humanBytes(bytes), deletes, res.Plan.Unchanged)
		return 0
	}
	catalog.Fprintf(stdout, "deployed to %s: sent %d files (%s), deleted %d, %d unchanged, in %s\n", where, len(res.Sent), humanBytes(res.Bytes), len(res.Deleted), res.Plan.Unchanged, time.Since(start).Round(time.Millisecond))
	return 0
}

// pickTarget returns the [[deploy]] table named name, or the only one when
// name is empty.
func pickTarget(ts []config.Target, name string) (config.Target, error) {
	var names []string
	for _, t := range ts {
		if t.Name == name || (name == "" && len(ts) == 1) {
			return t, nil
		}
		names = append(names, t.Name)
	}
	switch {
	case len(ts) == 0:
		return config.Target{}, catalog.Errorf("site.toml has no [[deploy]] table; add one with name, endpoint, region and bucket (see README.md, 'Deploying to object storage')")
	case name == "":
		return config.Target{}, catalog.Errorf("site.toml has %d [[deploy]] tables; choose one with --target (%s)", len(ts), strings.Join(names, ", "))
	}
	return config.Target{}, catalog.Errorf("site.toml has no [[deploy]] table named %q; it has %s", name, strings.Join(names, ", "))
}

// deployProgress shows files, bytes and rate on one line of stderr that
// rewrites itself, when stderr is a terminal; elsewhere it stays silent.
type deployProgress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newDeployProgress(stderr io.Writer) *deployProgress {
	if !isTerminal(stderr) {
		return nil
	}
	return &deployProgress{w: stderr, start: time.Now()}
}

// update fits deploy.Options.Progress; it redraws at most five times a second.
func (p *deployProgress) update(pr deploy.Progress) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond && pr.Done < pr.Total {
		return
	}
	p.last = now
	rate := float64(pr.Bytes) / max(now.Sub(p.start).Seconds(), 0.001)
	catalog.Fprintf(p.w, "\r\033[Kdeploying %s: %d/%d files, %s of %s, %s/s", pr.Stage, pr.Done, pr.Total, humanBytes(pr.Bytes), humanBytes(pr.TotalBytes), humanBytes(int64(rate)))
	p.shown = true
}

// stop clears the line.
func (p *deployProgress) stop() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
