// Package downloads makes the files a reader takes away from a page besides
// the page itself: for every application template its Word file, the kit from
// which the page writes a filled Word file in the browser, and a QR code that
// opens the template's page on a phone; and a QR code for every notice.
package downloads

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"alliance/internal/docx"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/qrcode"
)

// File names inside a template's or notice's folder; the layouts link them.
const (
	KitName = "docx-kit.json"
	QRName  = "qr.svg"
)

// DocxPath is where a template's Word file is published, site-relative:
// templates/ID/ID.docx, so that a saved file keeps a telling name.
func DocxPath(t *model.Template) string { return t.URL + t.ID + ".docx" }

// Build returns the downloads of every template and the QR code of every
// notice. QR codes and the Word file's instructions carry absolute URLs,
// built from base_url, since a phone or a printed page has no base to
// resolve a relative one against.
func Build(site *model.Site) ([]output.File, error) {
	var files []output.File
	for _, t := range site.Templates {
		page := site.Config.BaseURL + t.URL
		opts := DocxOptions(site, t)
		doc, err := docx.Template(t, opts...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Source, err)
		}
		kit, err := docx.Kit(t, opts...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Source, err)
		}
		qr, err := qrcode.SVG(page)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Source, err)
		}
		files = append(files,
			output.File{Path: DocxPath(t), Data: doc},
			output.File{Path: t.URL + KitName, Data: kit},
			output.File{Path: t.URL + QRName, Data: qr, Minified: true},
		)
	}
	qrs, err := noticeQRs(site)
	if err != nil {
		return nil, err
	}
	return append(files, qrs...), nil
}

// noticeQRs draws the QR code of every notice, on every core: encoding is
// the costly part of this output on a site with thousands of notices.
func noticeQRs(site *model.Site) ([]output.File, error) {
	files := make([]output.File, len(site.Notices))
	errs := make([]error, len(site.Notices))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(site.Notices) {
					return
				}
				n := site.Notices[i]
				qr, err := qrcode.SVG(site.Config.BaseURL + n.URL)
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", n.Source, err)
					continue
				}
				files[i] = output.File{Path: n.URL + QRName, Data: qr, Minified: true} // qrcode writes compact SVG
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// DocxOptions are the options a template's Word file and kit are made with:
// the page's absolute URL and the organiser (else the site) as author. The
// browser's filled file equals docx.Template with these and the values.
func DocxOptions(site *model.Site, t *model.Template) []docx.Option {
	creator := site.Config.Organiser
	if creator == "" {
		creator = site.Config.Title
	}
	return []docx.Option{docx.WithPageURL(site.Config.BaseURL + t.URL), docx.WithCreator(creator)}
}
