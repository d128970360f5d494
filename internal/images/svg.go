package images

import (
	"encoding/xml"
	"io"
	"os"
	"strconv"
	"strings"
)

// SVGSize reads the intrinsic size of the SVG file at path from its root
// element's width and height, or else its viewBox, so that an <img> of it
// can reserve its space before it loads. ok is false when neither says.
func SVGSize(path string) (w, h int, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	d := xml.NewDecoder(io.LimitReader(f, 1<<16))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		el, isStart := tok.(xml.StartElement)
		if !isStart {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, false
		}
		var width, height float64
		var box []string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				width = length(a.Value)
			case "height":
				height = length(a.Value)
			case "viewBox":
				box = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (width <= 0 || height <= 0) && len(box) == 4 {
			width, height = length(box[2]), length(box[3])
		}
		if width <= 0 || height <= 0 || width > 1e5 || height > 1e5 {
			return 0, 0, false
		}
		return int(width + 0.5), int(height + 0.5), true
	}
}

// length reads an SVG length in user units or pixels; other units (%, em)
// say nothing of the intrinsic size.
func length(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}
