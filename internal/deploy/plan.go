// Package deploy publishes a built site to an S3-compatible bucket (Aliyun
// OSS, Tencent COS, Huawei OBS, Qiniu Kodo, MinIO), sending only the files
// whose content changed and in an order that keeps the live site whole.
//
// A deploy is a plan (plan.go: the site's files against the bucket's
// objects, giving ordered actions; pure) carried out by an executor
// (run.go: workers, stage by stage) on a bucket (bucket.go).
package deploy

import (
	"cmp"
	"slices"
)

// File is one file of the built site: its site-relative path and content.
type File struct {
	Path string
	Sum  string // the manifest's hash of the content
	Size int64
}

// Object is one object in the bucket under the target's prefix, by
// site-relative path. Sum is the hash a deploy stored with it, or "" when
// the object carries none (put there by something else).
type Object struct {
	Path string
	Sum  string
	Size int64
	ETag string
}

// Action is one upload or one deletion.
type Action struct {
	Stage Stage // Deletes for a deletion
	Path  string
	Sum   string
	Size  int64
}

// Delete reports whether the action removes an object.
func (a Action) Delete() bool { return a.Stage == Deletes }

// Plan is what a deploy does: its actions in order, stage by stage, and how
// many files are already in the bucket as they are.
type Plan struct {
	Actions   []Action
	Unchanged int
}

// NewPlan compares the site's files with the bucket's objects. A file goes
// up when the bucket has no object at its path or one with another hash or
// size; an object goes when the site has no file at its path. Uploads come
// in stage order (see Stage), by path within a stage, and deletions last.
func NewPlan(local []File, remote []Object) Plan {
	have := make(map[string]Object, len(remote))
	for _, o := range remote {
		have[o.Path] = o
	}
	var p Plan
	want := make(map[string]bool, len(local))
	for _, f := range local {
		want[f.Path] = true
		if o, ok := have[f.Path]; ok && o.Sum != "" && o.Sum == f.Sum && o.Size == f.Size {
			p.Unchanged++
			continue
		}
		p.Actions = append(p.Actions, Action{Stage: StageOf(f.Path), Path: f.Path, Sum: f.Sum, Size: f.Size})
	}
	for _, o := range remote {
		if !want[o.Path] {
			p.Actions = append(p.Actions, Action{Stage: Deletes, Path: o.Path, Size: o.Size})
		}
	}
	slices.SortFunc(p.Actions, func(a, b Action) int {
		return cmp.Or(cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Path, b.Path))
	})
	return p
}

// Count returns how many uploads and deletions the plan holds and the bytes
// the uploads send.
func (p Plan) Count() (uploads, deletes int, bytes int64) {
	for _, a := range p.Actions {
		if a.Delete() {
			deletes++
		} else {
			uploads++
			bytes += a.Size
		}
	}
	return uploads, deletes, bytes
}

// Guarded returns how many deletions --max-deletes counts: those of files
// that are not hashed assets. A hashed asset (an old css/main.3f2a1b9c0d.css,
// the previous search index folder) is replaced under a new name whenever its
// content changes, so its deletion is routine: one edit of a large site
// replaces thousands of search shards. A wrong prefix or an empty build
// deletes pages, and those are counted.
func (p Plan) Guarded() int {
	n := 0
	for _, a := range p.Actions {
		if a.Delete() && !Hashed(a.Path) {
			n++
		}
	}
	return n
}

// Stages splits the actions into runs of one stage each, in order.
func (p Plan) Stages() [][]Action {
	var out [][]Action
	for i := 0; i < len(p.Actions); {
		j := i + 1
		for j < len(p.Actions) && p.Actions[j].Stage == p.Actions[i].Stage {
			j++
		}
		out = append(out, p.Actions[i:j])
		i = j
	}
	return out
}
