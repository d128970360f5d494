package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"

	"alliance/internal/model"
)

// Encoder settings. Each step down is tried when a rendition is over its
// budget; a photo of ordinary detail stays at the first.
var (
	jpegQualities = []int{80, 70, 60, 50, 40, 30}
	webpQualities = []int{75, 65, 55, 45, 35, 25}
)

// webpMethod is libwebp's effort (0–6). Measured on a 1600/960/480 px
// photo, 0 takes a fifth of the CPU time of 4, the default (0.21 s against
// 1.0 s for the three), for files 2–7% larger, still less than half the
// size of the JPEG.
const webpMethod = 0

// process decodes the source bytes of im and encodes its renditions, in
// the order of im.Renditions.
func process(data []byte, im *model.Image) ([][]byte, error) {
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("cannot read it as a JPEG, PNG, GIF or WebP image (%v)", err)
	} else if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("the image is %d×%d pixels; the build reads images of up to %d megapixels", cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("cannot decode the image (%v)", err)
	}
	if len(im.Renditions) == 0 {
		return nil, nil
	}
	widest := im.Renditions[len(im.Renditions)-1].Width
	upright := m.Bounds().Dx()
	if im.Orientation >= 5 {
		upright = m.Bounds().Dy()
	}
	if upright != im.Width {
		return nil, fmt.Errorf("the image changed while the site was built; build again")
	}
	cur := orient(shrink(m, max(1, upright/widest)), im.Orientation)
	out := make([][]byte, len(im.Renditions))
	// Widest first, each from the one before: no step shrinks by more than
	// about two, which is what Catmull-Rom is good for.
	for i := len(im.Renditions) - 1; i >= 0; i-- {
		r := im.Renditions[i]
		if cur.Bounds().Dx() != r.Width || cur.Bounds().Dy() != r.Height {
			next := image.NewRGBA(image.Rect(0, 0, r.Width, r.Height))
			draw.CatmullRom.Scale(next, next.Bounds(), cur, cur.Bounds(), draw.Src, nil)
			cur = next
		}
		b, err := encode(cur, r.Type, budget(r.Width, r.Height))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.URL, err)
		}
		out[i] = b
	}
	return out, nil
}

// encode writes m as typ at the best quality that fits in limit bytes.
func encode(m *image.RGBA, typ string, limit int) ([]byte, error) {
	var buf bytes.Buffer
	qualities := jpegQualities
	if typ == model.WebP {
		qualities = webpQualities
	}
	for _, q := range qualities {
		buf.Reset()
		var err error
		if typ == model.WebP {
			err = webp.Encode(&buf, m, webp.Options{Quality: q, Method: webpMethod})
		} else {
			err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: q})
		}
		if err != nil {
			return nil, err
		}
		if buf.Len() <= limit {
			return bytes.Clone(buf.Bytes()), nil
		}
	}
	return nil, errTooBig
}
