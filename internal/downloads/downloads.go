// Package downloads makes the files a reader takes away from a page besides
// the page itself: for every application template its Word file, the kit from
// which the page writes a filled Word file in the browser, and a QR code that
// opens the template's page on a phone; and a QR code for every notice.
package downloads

import (
	"fmt"

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

// Build returns the downloads of every template: its Word file, its kit and
// the QR code its printed form carries (notice pages draw theirs inline).
// QR codes and the Word file's instructions carry absolute URLs,
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
			output.File{Path: DocxPath(t), Data: doc, Source: t.Source},
			output.File{Path: t.URL + KitName, Data: kit, Source: t.Source},
			output.File{Path: t.URL + QRName, Data: qr, Minified: true},
		)
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
