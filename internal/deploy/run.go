package deploy

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"

	"alliance/internal/catalog"
	"alliance/internal/output"
	"alliance/internal/parallel"
)

// Options says how to deploy.
type Options struct {
	// Dir is the built site, such as public/ in the site folder.
	Dir string
	// DryRun plans and returns without changing the bucket.
	DryRun bool
	// MaxDeletes stops a deploy that would delete more objects than this
	// (not counting hashed assets, see Plan.Guarded) before it changes
	// anything, unless Force is set.
	MaxDeletes int
	Force      bool
	// Workers is how many requests run at once (at least 1).
	Workers int
	// Progress, when set, is called after every action that finished.
	Progress func(Progress)
}

// Progress is how far a deploy has come.
type Progress struct {
	Stage             Stage
	Done, Total       int
	Bytes, TotalBytes int64
}

// Result is what a deploy did, or would do in a dry run.
type Result struct {
	Plan Plan
	// Sent and Deleted are the site-relative paths uploaded and deleted, sorted.
	Sent, Deleted []string
	Bytes         int64
}

// TooManyDeletesError stops a deploy that would delete more than
// Options.MaxDeletes objects other than hashed assets; nothing was changed.
type TooManyDeletesError struct{ Deletes, Max int }

func (e *TooManyDeletesError) Error() string {
	return catalog.Sprintf("the deploy would delete %d objects (not counting superseded hashed assets), more than --max-deletes %d; nothing was changed. Check the target's bucket and prefix, then run again with --force or a higher --max-deletes", e.Deletes, e.Max)
}

// Local reads the built site in dir as the files to publish: everything the
// build's manifest names, but the manifest itself.
func Local(dir string) ([]File, error) {
	cs, err := output.Contents(dir)
	if err != nil {
		return nil, err
	}
	files := make([]File, 0, len(cs))
	for p, c := range cs {
		if p == output.Marker || p == IndexName {
			continue
		}
		files = append(files, File{Path: p, Sum: c.Sum, Size: c.Size})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// Deploy publishes the site in o.Dir to b: it plans, checks the number of
// deletions, then uploads stage by stage and deletes last. Each stage ends
// before the next starts, so a deploy stopped at any point leaves pages that
// link only to what is there; running it again finishes the job, sending
// only what is still missing.
func Deploy(ctx context.Context, b *Bucket, o Options) (Result, error) {
	local, err := Local(o.Dir)
	if err != nil {
		return Result{}, err
	}
	workers := max(o.Workers, 1)
	remote, err := b.List(ctx, workers)
	if err != nil {
		return Result{}, err
	}
	res := Result{Plan: NewPlan(local, remote)}
	uploads, deletes, bytes := res.Plan.Count()
	if n := res.Plan.Guarded(); n > o.MaxDeletes && !o.Force {
		return res, &TooManyDeletesError{Deletes: n, Max: o.MaxDeletes}
	}
	if o.DryRun {
		return res, nil
	}
	etags := map[string]string{}
	var (
		mu   sync.Mutex
		done atomic.Int64
		sent atomic.Int64
	)
	total := uploads + deletes
	for _, stage := range res.Plan.Stages() {
		// Deletions go in batches, one request each.
		batch := 1
		if stage[0].Delete() {
			batch = deleteBatch
		}
		err := parallel.Requests(ctx, (len(stage)+batch-1)/batch, workers, func(ctx context.Context, i int) error {
			part := stage[i*batch : min((i+1)*batch, len(stage))]
			var paths []string
			if part[0].Delete() {
				for _, a := range part {
					paths = append(paths, a.Path)
				}
				if err := b.Remove(ctx, paths); err != nil {
					return err
				}
			} else {
				a := part[0]
				etag, err := b.Put(ctx, o.Dir, a)
				if err != nil {
					return err
				}
				sent.Add(a.Size)
				paths = []string{a.Path}
				mu.Lock()
				etags[a.Path] = etag
				mu.Unlock()
			}
			mu.Lock()
			if part[0].Delete() {
				res.Deleted = append(res.Deleted, paths...)
			} else {
				res.Sent = append(res.Sent, paths...)
			}
			mu.Unlock()
			n := done.Add(int64(len(part)))
			if o.Progress != nil {
				o.Progress(Progress{Stage: part[0].Stage, Done: int(n), Total: total, Bytes: sent.Load(), TotalBytes: bytes})
			}
			return nil
		})
		if err != nil {
			res.finish(sent.Load())
			return res, err
		}
	}
	res.finish(sent.Load())
	if total == 0 && !b.stale {
		return res, nil
	}
	objs := make([]Object, 0, len(local))
	for _, f := range local {
		etag, ok := etags[f.Path]
		if !ok {
			etag = b.listed[f.Path].ETag
		}
		objs = append(objs, Object{Path: f.Path, Sum: f.Sum, Size: f.Size, ETag: etag})
	}
	return res, b.saveIndex(ctx, objs)
}

func (r *Result) finish(bytes int64) {
	sort.Strings(r.Sent)
	sort.Strings(r.Deleted)
	r.Bytes = bytes
}

// deleteBatch is how many objects one delete request names, the most S3's
// Multi-Object Delete takes.
const deleteBatch = 1000
