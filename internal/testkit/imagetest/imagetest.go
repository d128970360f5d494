// Package imagetest makes photos for tests: synthetic pictures with the
// detail of a real photo, and JPEGs carrying the EXIF a phone writes (GPS
// position, camera serial number, orientation), so tests can check what
// the site publishes of them.
package imagetest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"math"
	"math/rand"
)

// Photo draws a w×h picture from seed with the detail of a photo: smooth
// areas, edges at several scales and sensor noise, so that it compresses
// about as a real one does (a synthetic gradient compresses far better).
func Photo(w, h int, seed int64) *image.RGBA {
	r := rand.New(rand.NewSource(seed))
	type octave struct {
		n    int
		amp  float64
		grid []float64
	}
	octs := []octave{{3, 0.45, nil}, {12, 0.25, nil}, {48, 0.15, nil}, {192, 0.1, nil}, {768, 0.05, nil}}
	for i := range octs {
		n := octs[i].n + 2
		octs[i].grid = make([]float64, n*n)
		for k := range octs[i].grid {
			octs[i].grid[k] = r.Float64()
		}
	}
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := 0.0
			for _, o := range octs {
				fx, fy := float64(x)*float64(o.n)/float64(w), float64(y)*float64(o.n)/float64(h)
				ix, iy := int(fx), int(fy)
				tx, ty := fx-float64(ix), fy-float64(iy)
				s := o.n + 2
				a := o.grid[iy*s+ix]*(1-tx) + o.grid[iy*s+ix+1]*tx
				b := o.grid[(iy+1)*s+ix]*(1-tx) + o.grid[(iy+1)*s+ix+1]*tx
				v += o.amp * (a*(1-ty) + b*ty)
			}
			n := (r.Float64() - 0.5) * 0.05
			i := y*m.Stride + x*4
			m.Pix[i] = clamp(v + n)
			m.Pix[i+1] = clamp(0.8*v + n + 0.1)
			m.Pix[i+2] = clamp(0.7*(1-v) + n)
			m.Pix[i+3] = 255
		}
	}
	return m
}

func clamp(v float64) uint8 { return uint8(math.Max(0, math.Min(255, 255*v))) }

// EXIF says what WithEXIF writes.
type EXIF struct {
	Orientation int    // 1–8; 0 writes no orientation tag
	GPS         bool   // a GPS position (latitude 30.69 N, longitude 111.28 E: Yichang)
	Serial      string // the camera body's serial number; "" writes none
}

// JPEG encodes m at quality 92, as a phone does.
func JPEG(m image.Image) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 92}); err != nil {
		panic(err) // encoding to memory fails only for an empty image
	}
	return b.Bytes()
}

// WithEXIF returns the JPEG j with an APP1 EXIF segment holding e, as
// the first segment after the start-of-image marker, where cameras put it.
func WithEXIF(j []byte, e EXIF) []byte {
	le := binary.LittleEndian
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte // inline when at most 4 bytes, else stored after the IFDs
	}
	var ifd0, gps []entry
	if e.Orientation != 0 {
		v := make([]byte, 4)
		le.PutUint16(v, uint16(e.Orientation))
		ifd0 = append(ifd0, entry{0x0112, 3, 1, v})
	}
	if e.Serial != "" {
		s := append([]byte(e.Serial), 0)
		ifd0 = append(ifd0, entry{0xA431, 2, uint32(len(s)), s})
	}
	rational := func(vals ...uint32) []byte {
		b := make([]byte, 0, 8*len(vals)/2)
		for _, v := range vals {
			b = le.AppendUint32(b, v)
		}
		return b
	}
	if e.GPS {
		gps = []entry{
			{0x0001, 2, 2, []byte{'N', 0, 0, 0}},
			{0x0002, 5, 3, rational(30, 1, 41, 1, 2400, 100)},
			{0x0003, 2, 2, []byte{'E', 0, 0, 0}},
			{0x0004, 5, 3, rational(111, 1, 16, 1, 4800, 100)},
		}
		ifd0 = append(ifd0, entry{0x8825, 4, 1, make([]byte, 4)}) // offset filled below
	}
	// Layout: header (8), IFD0, GPS IFD, then the values that do not fit.
	size := func(es []entry) int { return 2 + 12*len(es) + 4 }
	ifd0At := 8
	gpsAt := ifd0At + size(ifd0)
	dataAt := gpsAt
	if len(gps) > 0 {
		dataAt += size(gps)
	}
	var data []byte
	write := func(t []byte, es []entry) []byte {
		t = le.AppendUint16(t, uint16(len(es)))
		for _, en := range es {
			t = le.AppendUint16(t, en.tag)
			t = le.AppendUint16(t, en.typ)
			t = le.AppendUint32(t, en.count)
			switch {
			case en.tag == 0x8825:
				t = le.AppendUint32(t, uint32(gpsAt))
			case len(en.value) <= 4:
				v := make([]byte, 4)
				copy(v, en.value)
				t = append(t, v...)
			default:
				t = le.AppendUint32(t, uint32(dataAt+len(data)))
				data = append(data, en.value...)
				if len(data)%2 == 1 {
					data = append(data, 0)
				}
			}
		}
		return le.AppendUint32(t, 0) // no next IFD
	}
	t := []byte{'I', 'I', 42, 0, 8, 0, 0, 0}
	t = write(t, ifd0)
	if len(gps) > 0 {
		t = write(t, gps)
	}
	t = append(t, data...)
	seg := append([]byte("Exif\x00\x00"), t...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, j[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, j[2:]...)
}
