// Package images publishes the site's raster images (report photos, images
// in Markdown bodies) as renditions a phone can afford: turned upright, cut
// to a few widths, encoded as WebP with a JPEG fallback, and stripped of
// every piece of camera metadata (a phone photo carries its GPS position and
// the camera's serial number in EXIF). Decoding and encoding again is what
// strips the metadata: nothing of the source but its pixels reaches the site.
// Renditions are kept in a cache folder of the site between builds, so an
// unchanged photo is processed once.
package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // GIF sources (the first frame)
	_ "image/png" // PNG sources
	"io"
	neturl "net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	_ "github.com/gen2brain/webp" // WebP sources

	"alliance/internal/model"
	"alliance/internal/sitefs"
)

// Widths are the widths renditions are made at, never wider than the
// source: 480 px for a phone's list, 960 px for a phone held upright at
// twice its density and for the page's column, 1600 px for dense screens.
var Widths = []int{480, 960, 1600}

// MaxBytes is the most any rendition may weigh.
const MaxBytes = 400 << 10

// maxPixels bounds the images the build decodes: a 100-megapixel image
// takes 400 MB of memory, and a larger one is a scan that should be resized
// before it is put on a website.
const maxPixels = 100_000_000

// budget is the most a rendition of w×h pixels may weigh: 0.3 bytes a
// pixel (200 KB at 960×720), and never more than MaxBytes. A small picture
// may always take minBudget, since a detailed thumbnail cannot be squeezed
// to 0.3 bytes a pixel and weighs little anyway.
func budget(w, h int) int { return min(MaxBytes, max(minBudget, w*h*3/10)) }

// minBudget is what any rendition may weigh, however small.
const minBudget = 48 << 10

// Raster reports whether name is a file this package publishes as
// renditions: JPEG, PNG, GIF or WebP.
func Raster(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}

// Inspect reads the size and EXIF orientation of the image file src,
// which is published at url, and plans its renditions; source and line
// say where the site names it, for errors later. The error says what is
// wrong in words a clerk can act on.
func Inspect(src, url, source string, line int) (*model.Image, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The headers are at the start: EXIF in a segment of at most 64 KB.
	head, err := io.ReadAll(io.LimitReader(f, 1<<17))
	if err != nil {
		return nil, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return nil, fmt.Errorf("cannot read it as a JPEG, PNG, GIF or WebP image (%v)", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("the image is %d×%d pixels; the build reads images of up to %d megapixels", cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	im := &model.Image{Src: src, Source: source, Line: line, URL: url, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if format == "jpeg" {
		im.Orientation = jpegOrientation(head)
	}
	if im.Orientation >= 5 {
		im.Width, im.Height = im.Height, im.Width
	}
	im.Renditions = plan(url, im.Width, im.Height)
	return im, nil
}

// plan lists the renditions of a w×h image published at url: one WebP and
// one JPEG for each of Widths narrower than the image, and at the image's
// own width when it is narrower than the widest, so nothing is enlarged.
func plan(url string, w, h int) []model.Rendition {
	base := strings.TrimSuffix(url, path.Ext(url))
	var widths []int
	for _, x := range Widths {
		if x < w {
			widths = append(widths, x)
		}
	}
	if w <= Widths[len(Widths)-1] {
		widths = append(widths, w)
	}
	out := make([]model.Rendition, 0, 2*len(widths))
	for _, x := range widths {
		rh := max(1, (h*x+w/2)/w)
		name := base + "-" + strconv.Itoa(x) + "w"
		out = append(out,
			model.Rendition{URL: name + ".webp", Width: x, Height: rh, Type: model.WebP},
			model.Rendition{URL: name + ".jpg", Width: x, Height: rh, Type: model.JPEG})
	}
	return out
}

// LocalIn returns the resolver of the images written in the Markdown bodies
// of site: dest as written, folder the folder of the text. It returns nil,
// nil for anything but a relative path to a raster image file in that folder
// (another site's image, an SVG, a file that is not there, which the link
// check reports). The file is found through site, so an image that is a
// link out of the site folder is an error (a *sitefs.OutsideError), never
// read.
func LocalIn(site *sitefs.Root) func(folder, dest string) (*model.Image, error) {
	return func(folder, dest string) (*model.Image, error) {
		if dest == "" || strings.ContainsAny(dest, ":?#\\") || strings.HasPrefix(dest, "/") || !Raster(dest) {
			return nil, nil
		}
		clean, err := neturl.PathUnescape(path.Clean(dest))
		if err != nil || clean == ".." || strings.HasPrefix(clean, "../") {
			return nil, nil
		}
		rel := site.Rel(filepath.Join(folder, filepath.FromSlash(clean)))
		real, st, err := site.Stat(rel)
		if oe := sitefs.Outside(err); oe != nil {
			return nil, oe
		}
		if err != nil || st.IsDir() {
			return nil, nil
		}
		return Inspect(real, clean, "", 0)
	}
}

// errTooBig says a rendition stays over its budget at the lowest quality.
var errTooBig = errors.New("stays over its size budget at the lowest quality")
