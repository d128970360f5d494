package load

import (
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/images"
	"alliance/internal/model"
	"alliance/internal/sitefs"
)

type reportFront struct {
	docFront
	Event    *eventFront    `toml:"event"`
	Speakers []speakerFront `toml:"speakers"`
	Photos   []photoFront   `toml:"photos"`
	Credits  creditsFront   `toml:"credits"`
}

type eventFront struct {
	Name       string   `toml:"name"`
	Start      any      `toml:"start"`
	End        any      `toml:"end"`
	Venue      string   `toml:"venue"`
	Hosts      []string `toml:"hosts"`
	Organisers []string `toml:"organisers"`
	Theme      string   `toml:"theme"`
	Attendance any      `toml:"attendance"`
}

type speakerFront struct {
	Name        string `toml:"name"`
	Affiliation string `toml:"affiliation"`
	Post        string `toml:"post"`
	Talk        string `toml:"talk"`
}

type photoFront struct {
	File    string `toml:"file"`
	Caption string `toml:"caption"`
	Alt     string `toml:"alt"`
}

type creditsFront struct {
	Writers       []string `toml:"writers"`
	Photographers []string `toml:"photographers"`
	Reviewers     []string `toml:"reviewers"`
	FinalReview   []string `toml:"final_review"`
	Editors       []string `toml:"editors"`
}

func (l *loader) reports() []*model.Report {
	var out []*model.Report
	kind := docKind{"reports/", true, `"……年会暨高峰论坛召开"`}
	files := docFiles(l, "reports", kind, func(fm *reportFront) docFront { return fm.docFront })
	for i := range files {
		f := &files[i]
		src, p, fm := f.p.src, f.p, f.fm
		doc, date, publish := f.doc, f.date, f.publish
		r := &model.Report{
			Doc:  doc,
			Date: date,
			Credits: model.Credits{
				Writers: cleanList(fm.Credits.Writers), Photographers: cleanList(fm.Credits.Photographers),
				Reviewers: cleanList(fm.Credits.Reviewers), FinalReview: cleanList(fm.Credits.FinalReview),
				Editors: cleanList(fm.Credits.Editors),
			},
		}
		if e := fm.Event; e != nil {
			r.Event = model.Event{
				Name: strings.TrimSpace(e.Name), Venue: strings.TrimSpace(e.Venue), Theme: strings.TrimSpace(e.Theme),
				Hosts: cleanList(e.Hosts), Organisers: cleanList(e.Organisers), Attendance: attendance(e.Attendance),
			}
			r.Event.Start, _ = l.date(p, "start", e.Start, false)
			r.Event.End, _ = l.date(p, "end", e.End, false)
			if r.Event.End.IsZero() {
				r.Event.End = r.Event.Start
			}
			if !r.Event.End.IsZero() && r.Event.End.Before(r.Event.Start) {
				l.dl.Errorf(src.rel, lineOfKey(p, "end"), "the event's end must not be before its start", "event end %s is before start %s", r.Event.End.Format("2006-01-02"), r.Event.Start.Format("2006-01-02"))
			}
		}
		for i, s := range fm.Speakers {
			if strings.TrimSpace(s.Name) == "" {
				l.dl.Errorf(src.rel, nthLine(p.fm, "[[speakers]]", i, p.fmLine), `add name = "…"`, "speaker %d has no name", i+1)
				continue
			}
			r.Speakers = append(r.Speakers, model.Speaker{Name: strings.TrimSpace(s.Name), Affiliation: strings.TrimSpace(s.Affiliation), Post: strings.TrimSpace(s.Post), Talk: strings.TrimSpace(s.Talk)})
		}
		var files []model.File
		photoLines := findHeaders(p.fm, "[[photos]]", p.fmLine)
		for i, ph := range fm.Photos {
			line := photoLines.at(i)
			clean := path.Clean(filepath.ToSlash(strings.TrimSpace(ph.File)))
			if ph.File == "" || path.IsAbs(clean) || strings.HasPrefix(clean, "../") {
				l.dl.Errorf(src.rel, line, "give file = \"photo.jpg\", a file in the report's folder", "photo %d has no file in the report's folder", i+1)
				continue
			}
			abs, st, err := l.fs.Stat(path.Join(l.rel(src.folder), clean))
			if oe := sitefs.Outside(err); oe != nil {
				l.dl.Errorf(src.rel, line, oe.Hint(), "photo file %q: %v", ph.File, oe)
				continue
			}
			if err != nil || !st.Mode().IsRegular() {
				l.dl.Errorf(src.rel, line, catalog.Sprintf("put the photo in %s/ or correct the name", l.rel(src.folder)), "photo file %q does not exist", ph.File)
				continue
			}
			alt := strings.TrimSpace(ph.Alt)
			if alt == "" {
				alt = strings.TrimSpace(ph.Caption)
			}
			if alt == "" {
				l.dl.Warnf(src.rel, line, `add alt = "…" describing the photo for readers who cannot see it`, "photo %q has neither alt text nor caption", ph.File)
			}
			url := r.URL + clean
			photo := model.Photo{URL: url, Caption: strings.TrimSpace(ph.Caption), Alt: alt}
			if images.Raster(clean) {
				// Published only as renditions (internal/images), never as taken.
				im, err := images.Inspect(abs, url, src.rel, line)
				if err != nil {
					l.dl.Errorf(src.rel, line, "save the photo again as a JPEG or PNG, or remove this entry", "photo %q: %v", ph.File, err)
					continue
				}
				photo.Image = im
			} else {
				if strings.EqualFold(path.Ext(clean), ".svg") {
					photo.Width, photo.Height, _ = images.SVGSize(abs)
				}
				files = append(files, model.File{Src: abs, URL: url, Size: st.Size()})
			}
			r.Photos = append(r.Photos, photo)
		}
		if l.hold(&r.Doc, publish) {
			continue
		}
		l.site.Files = append(l.site.Files, files...)
		out = append(out, r)
	}
	maskAll(out)
	newestFirst(out, reportDate)
	return out
}

func lineOfKey(p *parsed, key string) int { return diag.LineOf(p.fm, key, p.fmLine) }

// attendance accepts a number (300) or a phrase ("近300人").
func attendance(v any) string {
	switch a := v.(type) {
	case int64:
		return strconv.FormatInt(a, 10) + "人"
	case string:
		return strings.TrimSpace(a)
	}
	return ""
}

// pageFront is the front matter of a plain page: only what every page has.
type pageFront struct {
	docFront
}

func (l *loader) pages() []*model.Page {
	var out []*model.Page
	kind := docKind{"", false, `"关于本站"`}
	files := docFiles(l, "", kind, func(fm *pageFront) docFront { return fm.docFront })
	for i := range files {
		f := &files[i]
		pg := &model.Page{Doc: f.doc, Date: f.date}
		if l.hold(&pg.Doc, f.publish) {
			continue
		}
		out = append(out, pg)
	}
	maskAll(out)
	return out
}

// reportDate is the date Site orders reports by, newest first.
func reportDate(r *model.Report) time.Time { return r.Date }
