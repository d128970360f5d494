package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer excelize saves workbooks with: it holds every
// part until Close and then writes them in reverse name order, the order
// excelize gives parts it holds itself. excelize writes streamed sheets first,
// in the random order of a map, so without it a workbook of several sheets
// would differ from build to build.
type sortedZip struct {
	w     io.Writer
	parts map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*bytes.Buffer{}}
}

// Create starts the part called name.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, ok := z.parts[name]; ok {
		return nil, errors.New("zip: duplicate part " + name)
	}
	b := new(bytes.Buffer)
	z.parts[name] = b
	return b, nil
}

// AddFS is not used by excelize when saving, and not supported.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("zip: AddFS not supported")
}

// Close writes the parts, compressed, and the zip's directory.
func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(b, a) })
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			return err
		}
		if _, err := z.parts[n].WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}
