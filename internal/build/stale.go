package build

import (
	"alliance/internal/model"
	"alliance/internal/render"
)

// stalePages compares next, the plan of the site after the notices in swaps
// changed, with prev, the plan before, and returns the pages of next to
// render again and the paths of prev's pages that next no longer has. A page
// is stale when it is new, when it shows a changed notice (before or after
// the change), when what it shows differs (a list that shifted, a pager that
// grew), when it counts tags and a changed notice has tags, or when it shows
// a template whose deadline may come from a changed notice.
func stalePages(prev, next []render.Planned, swaps []swap, templates map[*model.Template]bool) (redo []render.Planned, gone []string) {
	before := make(map[string]*render.Page, len(prev))
	for _, p := range prev {
		before[p.Path] = p.Page
	}
	renamed := map[*model.Notice]*model.Notice{}
	var changed []*model.Notice
	tagged := false
	for _, sw := range swaps {
		if sw.old != nil && sw.new != nil {
			renamed[sw.old] = sw.new
		}
		for _, n := range []*model.Notice{sw.old, sw.new} {
			if n != nil {
				changed = append(changed, n)
				tagged = tagged || len(n.Tags) > 0
			}
		}
	}
	seen := make(map[string]bool, len(next))
	for _, q := range next {
		seen[q.Path] = true
		p, ok := before[q.Path]
		switch {
		case !ok,
			shows(q.Page, changed), shows(p, changed),
			!samePage(p, q.Page, renamed),
			q.Page.Kind == "tags" && tagged,
			len(templates) > 0 && (q.Page.Kind == "home" || q.Page.Kind == "templates" || templates[q.Page.Template]):
			redo = append(redo, q)
		}
	}
	for _, p := range prev {
		if !seen[p.Path] {
			gone = append(gone, p.Path)
		}
	}
	return redo, gone
}

// shows reports whether page p shows any of ns.
func shows(p *render.Page, ns []*model.Notice) bool {
	in := func(list []*model.Notice) bool {
		for _, a := range list {
			for _, n := range ns {
				if a == n {
					return true
				}
			}
		}
		return false
	}
	if p.Notice != nil && in([]*model.Notice{p.Notice}) {
		return true
	}
	if in(p.Notices) || in(p.Pinned) || in(p.Open) {
		return true
	}
	return p.Tag != nil && in(p.Tag.Notices())
}

// samePage reports whether a (planned before the change) and b (after) give
// their layout the same things, with the notices in renamed (old → new)
// counting as the same notice.
func samePage(a, b *render.Page, renamed map[*model.Notice]*model.Notice) bool {
	if a.Kind != b.Kind || a.Title != b.Title || a.URL != b.URL || a.Lang != b.Lang || a.Year != b.Year {
		return false
	}
	if a.Report != b.Report || a.Page != b.Page || a.Directory != b.Directory || a.Template != b.Template {
		return false
	}
	same := func(x, y *model.Notice) bool {
		if r, ok := renamed[x]; ok {
			x = r
		}
		return x == y
	}
	sameList := func(xs, ys []*model.Notice) bool {
		if len(xs) != len(ys) {
			return false
		}
		for i := range xs {
			if !same(xs[i], ys[i]) {
				return false
			}
		}
		return true
	}
	if (a.Notice == nil) != (b.Notice == nil) || a.Notice != nil && !same(a.Notice, b.Notice) {
		return false
	}
	if !sameList(a.Notices, b.Notices) || !sameList(a.Pinned, b.Pinned) || !sameList(a.Open, b.Open) {
		return false
	}
	if len(a.Reports) != len(b.Reports) {
		return false
	}
	for i := range a.Reports {
		if a.Reports[i] != b.Reports[i] {
			return false
		}
	}
	if (a.Tag == nil) != (b.Tag == nil) || a.Tag != nil && (a.Tag.Name != b.Tag.Name || a.Tag.URL != b.Tag.URL) {
		return false
	}
	if (a.Pager == nil) != (b.Pager == nil) || a.Pager != nil && (a.Pager.Number != b.Pager.Number || a.Pager.Total != b.Pager.Total) {
		return false
	}
	if len(a.Years) != len(b.Years) {
		return false
	}
	for i := range a.Years {
		if a.Years[i] != b.Years[i] {
			return false
		}
	}
	return true
}
