// Package icons makes the raster icons a phone asks a site for, drawn at
// build time from the default theme's favicon design (a white triangle on a
// red rounded square): /favicon.ico, the 180 px apple-touch-icon, the icons
// of the web app manifest, and the default picture a chat app shows when a
// page is shared. A site that puts its own file at one of these places in
// static/ keeps it.
package icons

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/color"
	"image/png"

	"golang.org/x/image/vector"

	"alliance/internal/config"
	"alliance/internal/output"
)

// ThemeColour is the theme's accent (main.css --accent), the colour of the
// icon and of the browser's bar on a phone.
const ThemeColour = "#9b1c1c"

var accent = color.RGBA{0x9b, 0x1c, 0x1c, 0xff}

// Paths of the files Build makes, relative to the site root.
const (
	Favicon    = "favicon.ico"
	TouchIcon  = "apple-touch-icon.png"
	Manifest   = "manifest.webmanifest"
	ShareImage = "share.png"
	icon192    = "icon-192.png"
	icon512    = "icon-512.png"
)

// ShareSize is the width and height of the default share image: WeChat and
// QQ show a square thumbnail and ask for at least 300×300 px.
const ShareSize = 600

// paths are the files Build makes, in the order it makes them.
var paths = []string{Favicon, TouchIcon, icon192, icon512, ShareImage, Manifest}

// Paths returns the paths of the files Build makes, without drawing them,
// for a check that only needs to know where they go.
func Paths(has func(path string) bool) []string {
	var out []string
	for _, p := range paths {
		if !has(p) {
			out = append(out, p)
		}
	}
	return out
}

// Build makes the icons, the manifest and the default share image for cfg,
// leaving out every path for which has reports that the site provides
// its own file (in static/).
func Build(cfg *config.Site, has func(path string) bool) ([]output.File, error) {
	var out []output.File
	add := func(p string, data []byte) {
		if !has(p) {
			out = append(out, output.File{Path: p, Data: data})
		}
	}
	ico, err := ICO(Draw(32, false))
	if err != nil {
		return nil, err
	}
	add(Favicon, ico)
	for _, f := range []struct {
		path string
		size int
	}{{TouchIcon, 180}, {icon192, 192}, {icon512, 512}, {ShareImage, ShareSize}} {
		// The touch icon is square: iOS rounds the corners itself.
		b, err := encodePNG(Draw(f.size, f.path == TouchIcon || f.path == ShareImage))
		if err != nil {
			return nil, err
		}
		add(f.path, b)
	}
	m, err := manifest(cfg, has("favicon.svg"))
	if err != nil {
		return nil, err
	}
	add(Manifest, m)
	return out, nil
}

// Draw draws the icon at size×size pixels; square leaves out the rounded
// corners, for platforms that round them themselves.
func Draw(size int, square bool) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float32(size) / 32 // the favicon's viewBox is 32×32
	r := vector.NewRasterizer(size, size)
	radius := float32(6)
	if square {
		radius = 0
	}
	roundRect(r, s, radius)
	r.Draw(m, m.Bounds(), image.NewUniform(accent), image.Point{})
	// The triangle M8 22 16 8 24 22 z stroked 3 wide: the outline's outer
	// edge filled white, its inner edge filled red again.
	outer := [][2]float32{{5.4, 23.5}, {16, 4.97}, {26.6, 23.5}}
	inner := [][2]float32{{10.6, 20.5}, {16, 11.03}, {21.4, 20.5}}
	for i, tri := range [][][2]float32{outer, inner} {
		r.Reset(size, size)
		r.MoveTo(tri[0][0]*s, tri[0][1]*s)
		r.LineTo(tri[1][0]*s, tri[1][1]*s)
		r.LineTo(tri[2][0]*s, tri[2][1]*s)
		r.ClosePath()
		c := color.Color(color.White)
		if i == 1 {
			c = accent
		}
		r.Draw(m, m.Bounds(), image.NewUniform(c), image.Point{})
	}
	return m
}

// roundRect adds the 32×32 square with corners of radius rad, scaled by s.
func roundRect(r *vector.Rasterizer, s, rad float32) {
	w := 32 * s
	k := rad * s
	r.MoveTo(k, 0)
	r.LineTo(w-k, 0)
	r.QuadTo(w, 0, w, k)
	r.LineTo(w, w-k)
	r.QuadTo(w, w, w-k, w)
	r.LineTo(k, w)
	r.QuadTo(0, w, 0, w-k)
	r.LineTo(0, k)
	r.QuadTo(0, 0, k, 0)
	r.ClosePath()
}

func encodePNG(m image.Image) ([]byte, error) {
	var b bytes.Buffer
	err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m)
	return b.Bytes(), err
}

// ICO wraps m, at most 256 px square, in an ICO file holding it as PNG,
// which every browser of the last decade reads.
func ICO(m image.Image) ([]byte, error) {
	p, err := encodePNG(m)
	if err != nil {
		return nil, err
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	var b bytes.Buffer
	le := binary.LittleEndian
	// ICONDIR: reserved, type 1 (icon), one image.
	b.Write(le.AppendUint16(le.AppendUint16(le.AppendUint16(nil, 0), 1), 1))
	// ICONDIRENTRY: width, height (0 means 256), colours, reserved,
	// planes, bits per pixel, size of the data, its offset.
	b.WriteByte(byte(w % 256))
	b.WriteByte(byte(h % 256))
	b.Write([]byte{0, 0})
	b.Write(le.AppendUint16(le.AppendUint16(nil, 1), 32))
	b.Write(le.AppendUint32(le.AppendUint32(nil, uint32(len(p))), 6+16))
	b.Write(p)
	return b.Bytes(), nil
}

// manifest is the web app manifest: a phone's "add to home screen" takes
// the name, colours and icons from it.
func manifest(cfg *config.Site, svg bool) ([]byte, error) {
	base := cfg.BasePath()
	type icon struct {
		Src   string `json:"src"`
		Sizes string `json:"sizes"`
		Type  string `json:"type"`
	}
	m := struct {
		Name       string `json:"name"`
		ShortName  string `json:"short_name"`
		Desc       string `json:"description,omitempty"`
		Lang       string `json:"lang"`
		StartURL   string `json:"start_url"`
		Scope      string `json:"scope"`
		Display    string `json:"display"`
		Theme      string `json:"theme_color"`
		Background string `json:"background_color"`
		Icons      []icon `json:"icons"`
	}{
		Name: cfg.Title, ShortName: shortName(cfg.Title), Desc: cfg.Description, Lang: cfg.Language,
		StartURL: base, Scope: base, Display: "browser", Theme: ThemeColour, Background: "#ffffff",
		Icons: []icon{
			{base + icon192, "192x192", "image/png"},
			{base + icon512, "512x512", "image/png"},
		},
	}
	if svg {
		m.Icons = append(m.Icons, icon{base + "favicon.svg", "any", "image/svg+xml"})
	}
	return json.MarshalIndent(m, "", "  ")
}

// shortName is the name under a home-screen icon: at most 12 characters.
func shortName(title string) string {
	r := []rune(title)
	if len(r) > 12 {
		return string(r[:12])
	}
	return title
}
