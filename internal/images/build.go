package images

import (
	"os"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/parallel"
)

// job is one image to publish: its renditions go under prefix, the URL of
// the page whose body shows it ("" for report photos, whose URLs are
// site-relative already).
type job struct {
	im     *model.Image
	prefix string
}

// jobs lists every image the site shows, each once.
func jobs(site *model.Site) []job {
	var out []job
	seen := map[string]bool{}
	add := func(im *model.Image, prefix string) {
		if im == nil || seen[prefix+im.URL] {
			return
		}
		seen[prefix+im.URL] = true
		out = append(out, job{im, prefix})
	}
	body := func(d *model.Doc) {
		for _, im := range d.Body.Images {
			add(im, d.URL)
		}
	}
	for _, n := range site.Notices {
		body(&n.Doc)
	}
	for _, r := range site.Reports {
		body(&r.Doc)
		for _, p := range r.Photos {
			add(p.Image, "")
		}
	}
	for _, p := range site.Pages {
		body(&p.Doc)
	}
	return out
}

// Build makes the renditions of every image the site shows, taking them
// from cache when it has them and keeping the ones it makes there. With a
// nil cache it only lists the files it would write, with no data, for a
// build that writes nothing. An image that cannot be decoded is an error
// naming the file and line that name it (a diag.Errors).
func Build(site *model.Site, cache *Cache) ([]output.File, error) {
	js := jobs(site)
	files := make([][]output.File, len(js))
	problems := make([]*diag.Problem, len(js))
	parallel.Each(len(js), func(i int) {
		j := js[i]
		rs := j.im.Renditions
		out := make([]output.File, len(rs))
		for k, r := range rs {
			out[k].Path = j.prefix + r.URL
		}
		files[i] = out
		if cache == nil {
			return
		}
		fail := func(err error) {
			problems[i] = &diag.Problem{File: j.im.Source, Line: j.im.Line, Msg: "image " + j.im.URL + ": " + err.Error(),
				Hint: "save the image again from a photo editor as JPEG or PNG, or remove it"}
		}
		data, err := os.ReadFile(j.im.Src)
		if err != nil {
			fail(err)
			return
		}
		k := key(data)
		if paths := cache.lookup(k, j.im); paths != nil {
			for n := range out {
				out[n].Src = paths[n]
			}
			return
		}
		made, err := process(data, j.im)
		if err != nil {
			fail(err)
			return
		}
		cache.made.Add(1)
		for n := range out {
			out[n].Data = made[n]
		}
		_ = cache.store(k, j.im, made) // a cache that cannot be written costs only time
	})
	var errs diag.List
	for _, p := range problems {
		if p != nil {
			errs.Add(*p)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var all []output.File
	for _, fs := range files {
		all = append(all, fs...)
	}
	return all, nil
}
