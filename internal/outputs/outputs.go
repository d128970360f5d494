// Package outputs lists the files a site makes beside its pages (the feed,
// the search index, the template downloads, the member spreadsheets) and the
// files it copies. Build makes them and check checks them from this one
// list, so an output added here is made and checked alike.
package outputs

import (
	"strings"

	"alliance/internal/downloads"
	"alliance/internal/feed"
	"alliance/internal/images"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/render"
	"alliance/internal/search"
	"alliance/internal/sheet"
	"alliance/internal/sitefs"
)

// Blobs keeps bytes between builds by key; engine.Store is one. An output
// that gains from it (the search index keeps each document's extraction)
// reads and writes it; Get of a missing or damaged entry says false.
type Blobs interface {
	Get(key [32]byte) ([]byte, bool)
	PutBlob(key [32]byte, b []byte)
}

// Output is a stage that makes files from the model.
type Output struct {
	Name string
	// Parts names the parts of the site it reads (render.Dep…): with the
	// program and the settings, its declared inputs.
	Parts []string
	// Make makes its files and gives them to emit, at once or as it goes
	// (the search index, whose texts are too large to hold at once on a
	// large site), maybe from several goroutines at once; c is nil when
	// there is no cache. keep, when not nil, keeps a file of the previous
	// build that the output would make again with the same bytes (the
	// search index's shards of texts, named in c by what they are made
	// from), which it then need not make.
	Make func(site *model.Site, c Blobs, keep output.Keeper, emit func([]output.File)) error
	// Slow marks an output check makes only when another file could take
	// one of its paths (see Paths): the search index, slow on a large site.
	Slow bool
}

// All are the outputs, in the order their errors are reported.
var All = []Output{
	{Name: "feed", Parts: []string{render.DepNotices, render.DepReports, render.DepPages}, Make: plain(feed.Build)},
	{Name: "search index", Parts: render.Collections, Make: searchIndex, Slow: true},
	{Name: "template downloads", Parts: []string{render.DepTemplates, render.DepDirectories}, Make: plain(downloads.Build)},
	{Name: "member spreadsheets", Parts: []string{render.DepDirectories}, Make: plain(sheet.Build)},
}

func plain(f func(*model.Site) ([]output.File, error)) func(*model.Site, Blobs, output.Keeper, func([]output.File)) error {
	return func(s *model.Site, _ Blobs, _ output.Keeper, emit func([]output.File)) error {
		files, err := f(s)
		if err == nil {
			emit(files)
		}
		return err
	}
}

func searchIndex(s *model.Site, c Blobs, keep output.Keeper, emit func([]output.File)) error {
	if c == nil {
		return search.Write(s, nil, nil, emit)
	}
	return search.Write(s, c, keep, emit)
}

// ClashesWithSearch reports whether a file at p could clash with the search
// index, whose files are named by hashes of their content under search/:
// only a file another output puts there can (paths compare without case,
// as on the servers that ignore it).
func ClashesWithSearch(p string) bool {
	f := strings.ToLower(p)
	return f == strings.TrimSuffix(search.Dir, "/") || strings.HasPrefix(f, search.Dir) && f != search.Dir+"index.html"
}

// SearchStandIn is the one file of a fixed name that stands for the search
// index where it is not made.
func SearchStandIn() []output.File {
	return []output.File{{Path: search.MetaFile, Minified: true}}
}

// Copied are the files published as they are: the site's attachments and
// the theme's static files. Images among them lose their metadata (where
// and when a photo was taken, the camera's owner).
func Copied(source string, site *model.Site, theme *render.Theme) ([]output.File, error) {
	files := make([]output.File, 0, len(site.Files)+len(theme.Static))
	for _, f := range site.Files {
		files = append(files, output.File{Path: f.URL, Src: f.Src, Data: f.Data, Source: sitefs.RelName(source, f.Src)})
	}
	return images.StripFiles(append(files, theme.Static...))
}
