package images

import (
	"image"
	"image/color"
)

// shrink reduces m by the whole factor f, each pixel of the result the
// average of an f×f block, and lays it onto white so that it has no
// transparency left (JPEG has none). Averaging blocks is cheap and exact for
// whole factors; it takes a 12-megapixel photo to within twice the widest
// rendition, and the Catmull-Rom filter, whose cost grows with the ratio,
// does the rest.
func shrink(m image.Image, f int) *image.RGBA {
	if f < 1 {
		f = 1
	}
	if y, ok := m.(*image.YCbCr); ok {
		return shrinkYCbCr(y, f)
	}
	src := toRGBA(m)
	w, h := src.Bounds().Dx()/f, src.Bounds().Dy()/f
	out := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	if w == 0 || h == 0 {
		return out
	}
	n := uint32(f * f)
	sum := make([]uint32, w*4)
	for oy := range h {
		clear(sum)
		for sy := oy * f; sy < oy*f+f; sy++ {
			row := src.Pix[sy*src.Stride:]
			for x := range w * f {
				s := sum[(x/f)*4:]
				p := row[x*4:]
				s[0] += uint32(p[0])
				s[1] += uint32(p[1])
				s[2] += uint32(p[2])
				s[3] += uint32(p[3])
			}
		}
		orow := out.Pix[oy*out.Stride:]
		for ox := range w {
			s := sum[ox*4:]
			a := s[3] / n
			// Premultiplied colour over white: c + (255 - a).
			orow[ox*4] = uint8(min(255, s[0]/n+255-a))
			orow[ox*4+1] = uint8(min(255, s[1]/n+255-a))
			orow[ox*4+2] = uint8(min(255, s[2]/n+255-a))
			orow[ox*4+3] = 255
		}
	}
	return out
}

// shrinkYCbCr is shrink for a decoded JPEG, averaging its luma and chroma
// planes directly rather than converting every pixel of the photo to RGB.
func shrinkYCbCr(m *image.YCbCr, f int) *image.RGBA {
	b := m.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	out := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	if w == 0 || h == 0 {
		return out
	}
	n := uint32(f * f)
	sy, sc, sr := make([]uint32, w), make([]uint32, w), make([]uint32, w)
	for oy := range h {
		clear(sy)
		clear(sc)
		clear(sr)
		for y := b.Min.Y + oy*f; y < b.Min.Y+oy*f+f; y++ {
			yrow := m.Y[m.YOffset(b.Min.X, y):]
			for x := range w * f {
				ci := m.COffset(b.Min.X+x, y)
				ox := x / f
				sy[ox] += uint32(yrow[x])
				sc[ox] += uint32(m.Cb[ci])
				sr[ox] += uint32(m.Cr[ci])
			}
		}
		orow := out.Pix[oy*out.Stride:]
		for ox := range w {
			r, g, bl := color.YCbCrToRGB(uint8(sy[ox]/n), uint8(sc[ox]/n), uint8(sr[ox]/n))
			orow[ox*4], orow[ox*4+1], orow[ox*4+2], orow[ox*4+3] = r, g, bl, 255
		}
	}
	return out
}
