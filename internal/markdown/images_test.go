package markdown

import (
	"errors"
	"strings"
	"testing"

	"alliance/internal/model"
)

// fakeImages resolves "p.jpg" and "my%20photo.jpg" to planned renditions,
// fails on "bad.jpg" and leaves everything else alone.
func fakeImages(folder, dest string) (*model.Image, error) {
	switch dest {
	case "p.jpg", "my%20photo.jpg":
		dest = strings.ReplaceAll(dest, "%20", " ") // as images.Local unescapes it
		base := strings.TrimSuffix(dest, ".jpg")
		return &model.Image{URL: dest, Width: 1200, Height: 800, Renditions: []model.Rendition{
			{URL: base + "-480w.webp", Width: 480, Height: 320, Type: model.WebP},
			{URL: base + "-480w.jpg", Width: 480, Height: 320, Type: model.JPEG},
			{URL: base + "-960w.webp", Width: 960, Height: 640, Type: model.WebP},
			{URL: base + "-960w.jpg", Width: 960, Height: 640, Type: model.JPEG},
		}}, nil
	case "bad.jpg":
		return nil, errors.New("cannot decode")
	}
	return nil, nil
}

func TestImagesBesideTheTextBecomeRenditions(t *testing.T) {
	c := New(WithImages(fakeImages))
	src := "![站外](https://example.com/x.png)\n\n正文\n\n![会场 \"全景\"](p.jpg \"标题\")\n\n![](my%20photo.jpg)\n"
	b, err := c.ConvertIn([]byte(src), "/site/content/reports/a")
	if err != nil {
		t.Fatal(err)
	}
	html := string(b.HTML())
	if len(b.Images) != 2 || b.Images[0].Line != 5 || b.Images[1].Line != 7 {
		t.Fatalf("Images: %+v, want p.jpg at line 5 and my photo.jpg at 7", b.Images)
	}
	for _, want := range []string{
		`<img src="https://example.com/x.png" alt="站外" decoding="async">`, // the first image: not lazy
		`<picture><source type="image/webp" srcset="p-480w.webp 480w, p-960w.webp 960w" sizes="`,
		`<img src="p-960w.jpg" srcset="p-480w.jpg 480w, p-960w.jpg 960w" sizes="`,
		`width="960" height="640" alt="会场 &quot;全景&quot;" title="标题" loading="lazy" decoding="async"></picture>`,
		`srcset="my%20photo-480w.webp 480w, my%20photo-960w.webp 960w"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	// Without a folder nothing is resolved.
	b, _ = c.Convert([]byte("![a](p.jpg)"))
	if len(b.Images) != 0 || strings.Contains(string(b.HTML()), "<picture>") {
		t.Errorf("Convert resolved an image: %s", b.HTML())
	}
}

func TestUnusableImageIsAnErrorWithItsLine(t *testing.T) {
	_, err := New(WithImages(fakeImages)).ConvertIn([]byte("第一行\n\n第三行\n![坏图](bad.jpg)\n"), "/x")
	var ie *ImageError
	if !errors.As(err, &ie) || ie.Line != 4 || ie.Dest != "bad.jpg" {
		t.Fatalf("got %v, want an ImageError at line 4", err)
	}
}
