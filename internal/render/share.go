package render

import (
	"image"
	_ "image/jpeg" // share images may be JPEG
	_ "image/png"  // or PNG
	"strings"

	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/icons"
	"alliance/internal/output"
	"alliance/internal/sitefs"
)

// Share is what a page tells a chat app (WeChat, QQ) or a search engine
// that shows a link to it: the description, the kind of page and the
// picture of the card. Its URLs are absolute, as those apps require.
type Share struct {
	Description string
	Type        string // og:type: "article" for notices and reports, else "website"
	Image       string // absolute URL of a PNG or JPEG of at least 300×300 px
	ImageType   string
	Width       int
	Height      int
	Large       bool   // the picture is a photo, worth a large card
	Locale      string // og:locale, such as zh_CN
}

// minShare is the smallest picture WeChat and QQ show on a card.
const minShare = 300

// shareImage is the site-wide share picture: the site's share_image, or
// the one package icons draws.
type shareImage struct {
	path          string // site-relative
	typ           string
	width, height int
}

// loadShareImage finds the site's share picture among the static files and
// checks that chat apps will show it.
func (th *Theme) loadShareImage(site *sitefs.Root, cfg *config.Site, dl *diag.List) {
	th.share = shareImage{icons.ShareImage, "image/png", icons.ShareSize, icons.ShareSize}
	name := strings.TrimPrefix(cfg.ShareImage, "/")
	toml, _ := site.ReadFile(config.File)
	line := diag.LineOf(toml, "share_image", 1)
	if name == "" {
		for _, f := range th.Static {
			if f.Path == icons.ShareImage {
				name = f.Path // the site replaced the drawn one: check it too
			}
		}
		if name == "" {
			return
		}
	}
	hint := "put a PNG or JPEG of at least 300×300 px in static/ and give its path there, such as share_image = \"share.jpg\""
	for _, f := range th.Static {
		if f.Path != name || f.Src == "" {
			continue
		}
		r, err := output.OpenSource(f.Src, site.Real())
		if err != nil {
			dl.Errorf(config.File, line, hint, "share_image %q: %v", name, err)
			return
		}
		defer r.Close()
		c, format, err := image.DecodeConfig(r)
		if err != nil || (format != "png" && format != "jpeg") {
			dl.Errorf(config.File, line, hint, "share_image %q is not a PNG or JPEG image", name)
			return
		}
		if c.Width < minShare || c.Height < minShare {
			dl.Errorf(config.File, line, hint, "share_image %q is %d×%d px; WeChat and QQ show only pictures of at least 300×300", name, c.Width, c.Height)
			return
		}
		th.share = shareImage{name, "image/" + format, c.Width, c.Height}
		return
	}
	dl.Errorf(config.File, line, hint, "share_image %q is not in the site's static/ folder", name)
}

// shareOf describes p for sharing.
func (th *Theme) shareOf(p *Page, abs func(string) string) Share {
	cfg := p.Config
	s := Share{Type: "website", Description: cfg.Description, Locale: strings.ReplaceAll(cfg.Language, "-", "_")}
	switch {
	case p.Notice != nil:
		s.Type, s.Description = "article", p.Notice.Summary
	case p.Report != nil:
		s.Type, s.Description = "article", p.Report.Summary
	case p.Page != nil:
		s.Description = p.Page.Summary
	case p.Directory != nil && p.Directory.Description != "":
		s.Description = p.Directory.Description
	case p.Template != nil && p.Template.Subtitle != "":
		s.Description = p.Template.Subtitle
	}
	if strings.TrimSpace(s.Description) == "" {
		s.Description = cfg.Description
	}
	if strings.TrimSpace(s.Description) == "" {
		s.Description = p.Title + cfg.Title
	}
	s.Description = clip(strings.Join(strings.Fields(s.Description), " "), 150)
	if p.Report != nil {
		for _, ph := range p.Report.Photos {
			if ph.Image == nil {
				continue
			}
			// The rendition near 960 px: chat apps fetch it for a thumbnail,
			// so it need not be the largest.
			if r := ph.Image.Fallback(); r.Width >= minShare && r.Height >= minShare {
				s.Image, s.ImageType, s.Width, s.Height, s.Large = abs(r.URL), r.Type, r.Width, r.Height, true
				return s
			}
		}
	}
	s.Image, s.ImageType, s.Width, s.Height = abs(th.share.path), th.share.typ, th.share.width, th.share.height
	return s
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "…"
		}
		count++
	}
	return s
}
