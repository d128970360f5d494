package markdown

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"alliance/internal/model"
)

// Resolver finds the renditions of an image written in a text: folder is
// the text's folder on disk, dest the image's address as written. It
// returns nil, nil for an image to leave as written (another site's, an
// SVG), and an error for a file that is there but not a usable image.
type Resolver func(folder, dest string) (*model.Image, error)

// WithImages shows images that are files beside the text as <picture>
// elements of the renditions resolve plans, with their width and height.
func WithImages(resolve Resolver) Option { return func(c *config) { c.images = resolve } }

// ImageError is an image in a text that is there but cannot be published.
type ImageError struct {
	Line int // of the text, from 1
	Dest string
	Err  error
}

func (e *ImageError) Error() string { return fmt.Sprintf("image %s: %v", e.Dest, e.Err) }
func (e *ImageError) Unwrap() error { return e.Err }

// photoSizes is the sizes attribute of a body image: the page's column is
// at most 60rem less 1rem of padding a side (themes/default main.css).
const photoSizes = "(max-width: 60rem) calc(100vw - 2rem), 58rem"

// Keys of what images hands from parsing to rendering and to Convert.
var (
	folderKey = parser.NewContextKey() // string: the text's folder
	foundKey  = parser.NewContextKey() // *imagesFound
	imageAttr = []byte("alliance-image")
	firstAttr = []byte("alliance-first")
)

type imagesFound struct {
	images []*model.Image
	err    *ImageError
}

// imageResolver resolves every image of a text once it is parsed, and marks
// the first, which loads at once where every other waits to be scrolled to.
type imageResolver struct{ resolve Resolver }

func (r *imageResolver) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	found := &imagesFound{}
	pc.Set(foundKey, found)
	folder, _ := pc.Get(folderKey).(string)
	first := true
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if first {
			img.SetAttribute(firstAttr, true)
			first = false
		}
		if r.resolve == nil || folder == "" {
			return ast.WalkContinue, nil
		}
		im, err := r.resolve(folder, string(img.Destination))
		if err != nil {
			if found.err == nil {
				found.err = &ImageError{Line: lineOf(img, reader.Source()), Dest: string(img.Destination), Err: err}
			}
			return ast.WalkContinue, nil
		}
		if im != nil {
			im.Line = lineOf(img, reader.Source())
			img.SetAttribute(imageAttr, im)
			found.images = append(found.images, im)
		}
		return ast.WalkContinue, nil
	})
}

// lineOf is the line of the text an inline node starts on, from 1.
func lineOf(n ast.Node, src []byte) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && off < 0 {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n.Parent(); off < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			off = p.Lines().At(0).Start
		}
	}
	if off < 0 || off > len(src) {
		return 0
	}
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// imageRenderer writes every image with loading="lazy" but the first, and
// a resolved one as a <picture> of WebP and JPEG renditions with its size.
type imageRenderer struct{ unsafe bool }

func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r *imageRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := util.EscapeHTML([]byte(nodeText(n, src)))
	_, first := n.Attribute(firstAttr)
	attr := func(name string, value []byte) {
		_, _ = w.WriteString(" " + name + `="`)
		_, _ = w.Write(value)
		_ = w.WriteByte('"')
	}
	esc := func(u string) []byte { return util.EscapeHTML(util.URLEscape([]byte(u), true)) }
	v, resolved := n.Attribute(imageAttr)
	im, _ := v.(*model.Image)
	if resolved && im != nil {
		f := im.Fallback()
		rel := func(u string) string { return string(util.URLEscape([]byte(u), true)) }
		_, _ = w.WriteString(`<picture><source type="image/webp"`)
		attr("srcset", util.EscapeHTML([]byte(im.Srcset(model.WebP, rel))))
		attr("sizes", []byte(photoSizes))
		_, _ = w.WriteString(`><img`)
		attr("src", esc(f.URL))
		attr("srcset", util.EscapeHTML([]byte(im.Srcset(model.JPEG, rel))))
		attr("sizes", []byte(photoSizes))
		attr("width", []byte(strconv.Itoa(f.Width)))
		attr("height", []byte(strconv.Itoa(f.Height)))
	} else {
		_, _ = w.WriteString("<img")
		dest := n.Destination
		if !r.unsafe && html.IsDangerousURL(dest) {
			dest = nil
		}
		attr("src", util.EscapeHTML(util.URLEscape(dest, true)))
	}
	attr("alt", alt)
	if n.Title != nil {
		attr("title", util.EscapeHTML(n.Title))
	}
	if !first {
		_, _ = w.WriteString(` loading="lazy"`)
	}
	_, _ = w.WriteString(` decoding="async">`)
	if resolved && im != nil {
		_, _ = w.WriteString("</picture>")
	}
	return ast.WalkSkipChildren, nil
}
