package docx

import (
	"bytes"
	"encoding/json"

	"alliance/internal/model"
)

// KitVersion changes whenever the kit's shape changes, so form.js can refuse
// a kit it does not understand instead of writing a broken document.
const KitVersion = 2

// kit is what the browser needs to write the filled document: the parts of
// the package, with document.xml holding "\u0000N\u0000" for slot N, and the
// slots. form.js fills each slot exactly as draft.fill does and zips the parts
// in order.
type kit struct {
	Version   int    `json:"version"`
	ID        string `json:"id"`
	FileName  string `json:"fileName"` // for the filled download
	LineBreak string `json:"br"`       // joins the lines of a multi-line value
	Hyphen    string `json:"nbh"`      // stands for each hyphen of a value
	Parts     []part `json:"parts"`
	Slots     []slot `json:"slots"`
}

// Kit writes the JSON from which form.js builds the filled .docx in the
// browser. Given the same options, the browser's document holds the same XML
// as Template with WithValues.
func Kit(t *model.Template, opts ...Option) ([]byte, error) {
	d, _, err := prepare(t, opts)
	if err != nil {
		return nil, err
	}
	k := kit{
		Version:   KitVersion,
		ID:        t.ID,
		FileName:  FilledName(t),
		LineBreak: lineBreak,
		Hyphen:    noBreakHyphen,
		Parts:     d.parts,
		Slots:     d.slots,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(k); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FilledName is the file name offered for a filled download.
func FilledName(t *model.Template) string { return t.Title + "（已填写）.docx" }
