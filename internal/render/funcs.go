package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/config"
	"alliance/internal/model"
	"alliance/internal/phone"
	"alliance/internal/qrcode"
)

// funcs are the functions layouts may call.
func funcs(cfg *config.Site, th *Theme) template.FuncMap {
	base := cfg.BasePath()
	url := func(p string) string { return base + strings.TrimPrefix(p, "/") }
	abs := func(p string) string { return cfg.BaseURL + strings.TrimPrefix(p, "/") }
	return template.FuncMap{
		// url makes a site-relative path into a link that works under the base path.
		"url": url,
		// abs makes a site-relative path into an absolute URL, for feeds and QR codes.
		"abs": abs,
		// qr draws the QR code of a site-relative page as an inline <svg>
		// named label: {{qr .URL (T "qr_alt")}}.
		"qr": func(p, label string) (template.HTML, error) {
			svg, err := qrcode.Inline(abs(p), label)
			return template.HTML(svg), err
		},
		// share describes a page for chat apps and search engines (share-meta.html).
		"share": func(p *Page) Share { return th.shareOf(p, abs) },
		// srcset lists an image's renditions of one type for a srcset attribute.
		"srcset": func(im *model.Image, typ string) string { return im.Srcset(typ, url) },
		"asset": func(name string) (string, error) {
			h, err := th.Asset(name)
			return url(h), err
		},
		"T":        th.T,
		"date":     func(t time.Time) string { return formatDate(t) },
		"datetime": func(t time.Time) string { return t.Format("2006年1月2日 15:04") },
		"ymd":      func(t time.Time) string { return t.Format("2006-01-02") },
		"iso":      func(t time.Time) string { return t.Format(time.RFC3339) },
		"year":     func(t time.Time) int { return t.Year() },
		"deadline": func(d *model.Deadline) string { return formatDeadline(d) },
		"isOpen":   func(d *model.Deadline, now time.Time) bool { return d.Open(now) },
		// open reports whether a deadline is still open by the build's
		// clock; each worker binds it (cached.go) so that a page records
		// which deadlines it shows open or closed, not the whole clock.
		"open": func(*model.Deadline) bool { return false },
		"join": strings.Join,
		"size": formatSize,
		"json": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"add": func(a, b int) int { return a + b },
		// menuIndex is the position of the first menu item that links to the
		// page at pageURL, or -1: the key the header is cached under, as pages
		// linked from the same item (or from none) show the same header.
		"menuIndex": func(pageURL string) int {
			here := strings.TrimPrefix(pageURL, "/") // url(a) == url(b) without building either
			for i, m := range cfg.Menu {
				if strings.TrimPrefix(m.URL, "/") == here {
					return i
				}
			}
			return -1
		},
		// cached is bound to each call of Render (see worker.cached); this one
		// only lets layouts parse.
		"cached": func(name string, data any, keys ...any) (template.HTML, error) {
			return "", catalog.Errorf("cached %q: layouts are executed only by Render", name)
		},
		// tel links a public number; masked numbers get no link.
		"tel": func(n phone.Number) template.URL { return template.URL(n.Tel()) },
		// dict passes several values to a partial: dict "N" .Notice "Now" .Site.Now.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, catalog.Errorf("dict needs pairs of key and value")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, catalog.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"count":   func(d *model.Directory) int { return d.MemberCount() },
		"dirView": func(d *model.Directory) *DirView { return newDirView(d) },
		"noticesFor": func(site *SiteView, t *model.Template) []*model.Notice {
			var out []*model.Notice
			for _, n := range site.Notices() {
				for _, a := range n.Attachments {
					if a.Template == t {
						out = append(out, n)
						break
					}
				}
			}
			return out
		},
		// numbered reports whether a text starts with its own numbering
		// (一、 （一） 1. 附件1 …), so its list item gets no marker.
		"numbered": numbered,
		// attachmentNotes lays out a notice's attachment note (附件说明).
		"attachmentNotes": attachmentNotes,
		// addressee is a notice's recipients line, ending in one ：.
		"addressee": addressee,
		// percents turns a table's relative column widths into whole
		// percentages for the col-N classes of form.css: the page has no
		// style attributes, which its Content-Security-Policy forbids.
		"percents": percents,
	}
}

// percents shares 100 among widths in proportion, in whole numbers that add
// up to 100 (the largest remainders get the spare points), and at least 1
// each, so no column vanishes.
func percents(widths []int) []int {
	sum := 0
	for _, w := range widths {
		sum += max(w, 0)
	}
	out := make([]int, len(widths))
	if sum == 0 {
		return out
	}
	left := 100
	rem := make([]int, len(widths))
	for i, w := range widths {
		out[i] = max(w, 0) * 100 / sum
		rem[i] = max(w, 0) * 100 % sum
		left -= out[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	for i := range out {
		out[i] = max(out[i], 1)
	}
	return out
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006年1月2日")
}

// formatDeadline writes a deadline as a Chinese date, with the time of day
// when one was given (2023年12月31日 17:00).
func formatDeadline(d *model.Deadline) string {
	if d == nil {
		return ""
	}
	if d.HasTime {
		return d.Time.Format("2006年1月2日 15:04")
	}
	return d.Time.Format("2006年1月2日")
}

func formatSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}
