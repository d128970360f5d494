package model

import (
	"strconv"
	"strings"
)

// Image is a raster image (JPEG, PNG, GIF or WebP) that the site publishes
// only as renditions: resized, turned upright, and stripped of the camera's
// metadata (GPS position, serial number), since a phone photo carries them.
type Image struct {
	Src    string `mask:"-"` // absolute path of the source file
	Source string `mask:"-"` // the text that names it, relative to the site folder, for errors
	Line   int    // the line of Source that names it; 0 when unknown

	// URL is where the source would be published, site-relative (for a
	// report photo "reports/NAME/opening.jpg") or, for an image in a
	// Markdown body, relative to its page ("opening.jpg"). Renditions are
	// named after it.
	URL string `mask:"-"`

	Width, Height int // upright, in pixels
	Orientation   int // the EXIF orientation (1–8) the renditions apply

	Renditions []Rendition // widest last, WebP and JPEG for each width
}

// Rendition is one resized copy of an Image.
type Rendition struct {
	URL           string `mask:"-"` // named like Image.URL: "reports/NAME/opening-960w.webp"
	Width, Height int
	Type          string `mask:"-"` // "image/webp" or "image/jpeg"
}

// Image types of renditions.
const (
	WebP = "image/webp"
	JPEG = "image/jpeg"
)

// Srcset lists the renditions of type typ for a srcset attribute, each URL
// passed through url first: "a-480w.webp 480w, a-960w.webp 960w".
func (im *Image) Srcset(typ string, url func(string) string) string {
	var b strings.Builder
	for _, r := range im.Renditions {
		if r.Type != typ {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(url(r.URL))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(r.Width))
		b.WriteByte('w')
	}
	return b.String()
}

// Fallback is the JPEG rendition an <img> without srcset support shows:
// the one closest to 960 px wide, which suits a phone and a page alike.
func (im *Image) Fallback() Rendition {
	best := Rendition{}
	for _, r := range im.Renditions {
		if r.Type != JPEG {
			continue
		}
		if best.URL == "" || abs(r.Width-960) < abs(best.Width-960) {
			best = r
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
