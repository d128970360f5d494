// Package docx writes an application template as a Word document
// (WordprocessingML, .docx) that opens cleanly in Word, WPS and LibreOffice:
// A4 portrait with the margins of GB/T 9704, 宋体 body text, 黑体 headings, the
// title in 方正小标宋简体, blanks as underlined gaps and table forms with their
// merged cells. The same template always gives the same bytes.
//
// The package also writes a "kit": the same document with every blank left as
// a slot, so that a page can fill the slots in the browser and offer the
// filled document without sending anything anywhere (see Kit and form.js).
package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"time"

	"alliance/internal/model"
)

// Option changes what Template and Kit write.
type Option func(*options)

type options struct {
	values  map[string]string // Blank.ID → what the applicant wrote
	pageURL string
	creator string
}

// WithValues fills the blanks, by Blank.ID, as the browser does from the
// online form; blanks without a value stay underlined gaps.
func WithValues(values map[string]string) Option {
	return func(o *options) { o.values = values }
}

// WithPageURL names the template's page in the submission instructions, so a
// printed copy leads back to the online form.
func WithPageURL(url string) Option {
	return func(o *options) { o.pageURL = url }
}

// WithCreator records the publisher (the site's organiser) as the author.
func WithCreator(name string) Option {
	return func(o *options) { o.creator = name }
}

// Template writes t as a .docx file.
func Template(t *model.Template, opts ...Option) ([]byte, error) {
	d, o, err := prepare(t, opts)
	if err != nil {
		return nil, err
	}
	return pack(d.fill(o.values))
}

// prepare applies opts and lays out t, for Template and Kit alike.
func prepare(t *model.Template, opts []Option) (*draft, options, error) {
	o := options{}
	for _, f := range opts {
		f(&o)
	}
	d, err := build(t, o)
	return d, o, err
}

// part is one file of the package.
type part struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// zipTime is the modification time of every part. A fixed time keeps the
// archive byte-identical across builds; 1980-01-01 is the earliest time the
// zip format can record.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// pack zips the parts in their given order, [Content_Types].xml first as
// readers that stream the archive expect.
func pack(parts []part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return nil, fmt.Errorf("docx: %s: %w", p.Name, err)
		}
		if _, err := w.Write([]byte(p.Text)); err != nil {
			return nil, fmt.Errorf("docx: %s: %w", p.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}
