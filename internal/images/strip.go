package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/gif"
	"os"
	"path"
	"strings"

	"alliance/internal/output"
	"alliance/internal/parallel"
)

// Strip returns the image file data without its metadata, keeping every
// pixel as it is: an attachment or a file of static/ is published at its
// own size and quality, but without the GPS position, camera serial number,
// editing history or comments a phone or an editor wrote into it. A JPEG
// keeps only its orientation, written afresh, so it still shows upright;
// a PNG keeps the chunks that say how to show it (palette, transparency,
// colour space); a WebP loses its EXIF and XMP chunks; a GIF is written
// again with its frames only. ext is the file's extension.
func Strip(data []byte, ext string) ([]byte, error) {
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg":
		return stripJPEG(data)
	case ".png":
		return stripPNG(data)
	case ".webp":
		return stripWebP(data)
	case ".gif":
		g, err := gif.DecodeAll(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		err = gif.EncodeAll(&b, g)
		return b.Bytes(), err
	}
	return data, nil
}

var errFormat = errors.New("the file is not the image its name says")

// stripJPEG drops every APPn segment but JFIF's, and comments, up to the
// first scan; the compressed image after it is copied byte for byte.
func stripJPEG(b []byte) ([]byte, error) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, errFormat
	}
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	if o := jpegOrientation(b); o != 1 {
		out = append(out, orientationAPP1(o)...)
	}
	i := 2
	for {
		if i+4 > len(b) || b[i] != 0xFF {
			return nil, fmt.Errorf("%w (JPEG segments end at byte %d)", errFormat, i)
		}
		m := b[i+1]
		if m == 0xFF {
			i++
			continue
		}
		if m == 0xDA { // start of scan: the rest is image data
			return append(out, b[i:]...), nil
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return nil, fmt.Errorf("%w (a JPEG segment runs past the end)", errFormat)
		}
		if !(m >= 0xE1 && m <= 0xEF) && m != 0xFE {
			out = append(out, b[i:i+2+n]...)
		}
		i += 2 + n
	}
}

// orientationAPP1 is an EXIF segment holding only orientation o.
func orientationAPP1(o int) []byte {
	le := binary.LittleEndian
	t := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	t = le.AppendUint16(t, 1)                                                 // one entry
	t = le.AppendUint16(le.AppendUint16(t, 0x0112), 3)                        // Orientation, SHORT
	t = le.AppendUint16(le.AppendUint16(le.AppendUint32(t, 1), uint16(o)), 0) // count 1, value
	t = le.AppendUint32(t, 0)                                                 // no next IFD
	seg := append([]byte("Exif\x00\x00"), t...)
	return append([]byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
}

// pngKeep are the PNG chunks that say how to show the image; every other
// ancillary chunk (text, time, EXIF) is left out.
var pngKeep = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true, "tRNS": true, "gAMA": true,
	"cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true, "bKGD": true, "pHYs": true,
	"acTL": true, "fcTL": true, "fdAT": true, "cICP": true,
}

func stripPNG(b []byte) ([]byte, error) {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(b, []byte(sig)) {
		return nil, errFormat
	}
	out := append(make([]byte, 0, len(b)), sig...)
	for i := len(sig); i < len(b); {
		if i+12 > len(b) {
			return nil, fmt.Errorf("%w (a PNG chunk runs past the end)", errFormat)
		}
		n := int(binary.BigEndian.Uint32(b[i:]))
		if n < 0 || i+12+n > len(b) {
			return nil, fmt.Errorf("%w (a PNG chunk runs past the end)", errFormat)
		}
		if typ := string(b[i+4 : i+8]); pngKeep[typ] {
			out = append(out, b[i:i+12+n]...)
			if typ == "IEND" {
				return out, nil
			}
		}
		i += 12 + n
	}
	return nil, fmt.Errorf("%w (the PNG has no end chunk)", errFormat)
}

// stripWebP drops the EXIF and XMP chunks of a WebP and their flags.
func stripWebP(b []byte) ([]byte, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return nil, errFormat
	}
	out := append(make([]byte, 0, len(b)), b[:12]...)
	for i := 12; i < len(b); {
		if i+8 > len(b) {
			return nil, fmt.Errorf("%w (a WebP chunk runs past the end)", errFormat)
		}
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		end := i + 8 + n + n%2
		if n < 0 || end > len(b) {
			if i+8+n == len(b) { // an odd last chunk without its pad byte
				end = len(b)
			} else {
				return nil, fmt.Errorf("%w (a WebP chunk runs past the end)", errFormat)
			}
		}
		switch typ := string(b[i : i+4]); typ {
		case "EXIF", "XMP ":
		case "VP8X":
			c := append([]byte(nil), b[i:end]...)
			if len(c) > 8 {
				c[8] &^= 0x08 | 0x04 // EXIF and XMP present
			}
			out = append(out, c...)
		default:
			out = append(out, b[i:end]...)
		}
		i = end
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}

// StripFiles strips the metadata of every JPEG, PNG, GIF and WebP among
// files that is copied from a source file (attachments, static files),
// reading them on every core. An image that cannot be read as the format
// its name says is an error naming the published path.
func StripFiles(files []output.File) ([]output.File, error) {
	out := append([]output.File(nil), files...)
	errs := make([]error, len(out))
	parallel.Each(len(out), func(i int) {
		f := &out[i]
		if f.Src == "" || f.Data != nil || !Raster(f.Path) {
			return
		}
		data, err := os.ReadFile(f.Src)
		if err == nil {
			data, err = Strip(data, path.Ext(f.Path))
		}
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w; save it again from an image editor", f.Path, err)
			return
		}
		f.Data, f.Src = data, ""
	})
	return out, errors.Join(errs...)
}
