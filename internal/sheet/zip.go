package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer excelize saves workbooks with: it holds every
// part until Close and then writes them in reverse name order, the order
// excelize gives parts it holds itself. excelize writes streamed sheets first,
// in the random order of a map, so without it a workbook of several sheets
// would differ from build to build.
//
// Each part is compressed as it is written and held compressed, a tenth of
// its size, then stored as it is; holding the parts as written meant growing
// buffers the size of every sheet.
type sortedZip struct {
	w     io.Writer
	parts map[string]*part
	open  *part // the part being written; excelize writes one at a time
}

// part is one compressed file of the zip.
type part struct {
	data bytes.Buffer
	crc  hash.Hash32
	size uint64 // uncompressed
	fw   *flate.Writer
}

func (p *part) Write(b []byte) (int, error) {
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

// finish flushes the part's compressor and returns it to the pool.
func (p *part) finish() error {
	if p.fw == nil {
		return nil
	}
	err := p.fw.Close()
	flaters.Put(p.fw)
	p.fw = nil
	return err
}

// flaters reuses compressors, which take about a megabyte each to set up.
var flaters sync.Pool

// level is archive/zip's own Deflate level, so parts compress as
// zip.Writer.Create would compress them.
const level = 5

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{w: w, parts: map[string]*part{}}
}

// Create starts the part called name, ending the one before.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, ok := z.parts[name]; ok {
		return nil, errors.New("zip: duplicate part " + name)
	}
	if err := z.finish(); err != nil {
		return nil, err
	}
	p := &part{crc: crc32.NewIEEE()}
	if fw, ok := flaters.Get().(*flate.Writer); ok {
		fw.Reset(&p.data)
		p.fw = fw
	} else {
		fw, err := flate.NewWriter(&p.data, level)
		if err != nil {
			return nil, err
		}
		p.fw = fw
	}
	z.parts[name] = p
	z.open = p
	return p, nil
}

func (z *sortedZip) finish() error {
	if z.open == nil {
		return nil
	}
	err := z.open.finish()
	z.open = nil
	return err
}

// AddFS is not used by excelize when saving, and not supported.
func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("zip: AddFS not supported")
}

// Close writes the parts and the zip's directory.
func (z *sortedZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	names := make([]string, 0, len(z.parts))
	for n := range z.parts {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return strings.Compare(b, a) })
	zw := zip.NewWriter(z.w)
	for _, n := range names {
		p := z.parts[n]
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               n,
			Method:             zip.Deflate,
			CRC32:              p.crc.Sum32(),
			CompressedSize64:   uint64(p.data.Len()),
			UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := p.data.WriteTo(w); err != nil {
			return err
		}
	}
	return zw.Close()
}
