package deploy

import (
	"path"
	"strings"
)

// Stage is when a file goes up. A deploy finishes one stage before it
// starts the next, so that a page never goes live before what it links to,
// and the home page and feeds, which announce new pages, go last.
type Stage int

// The stages in the order a deploy runs them.
const (
	// Assets are files whose names carry a hash of their content (css/main.3f2a1b9c0d.css,
	// the search shards in search/e5a69b077fb4/): new names, so sending them changes nothing live.
	Assets Stage = iota
	// Files are the other files that are not pages: downloads, images, search/meta.json.
	Files
	// Pages are the HTML pages other than the home page.
	Pages
	// Entries are the home page, the feeds, the sitemap and robots.txt.
	Entries
	// Deletes removes the objects the site no longer has, once every page that linked to them is gone.
	Deletes
)

var stageNames = [...]string{"assets", "files", "pages", "home page and feeds", "deletions"}

func (s Stage) String() string {
	if s < 0 || int(s) >= len(stageNames) {
		return "stage?"
	}
	return stageNames[s]
}

// StageOf says in which stage the file at site-relative path p goes up.
func StageOf(p string) Stage {
	ext := strings.ToLower(path.Ext(p))
	switch {
	case p == "index.html" || ext == ".xml" || p == "robots.txt":
		return Entries
	case ext == ".html" || ext == ".htm":
		return Pages
	case Hashed(p):
		return Assets
	}
	return Files
}

// Hashed reports whether p names its content: some part of it (the file
// name before the extension, or a folder) holds a run of ten or more
// lower-case hex digits with a letter among them, as the theme's assets and
// the search shards do. Such a file never changes under its name, so it can
// be cached for a year. Pages are never hashed: their addresses are stable.
func Hashed(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	if ext == ".html" || ext == ".htm" {
		return false
	}
	for part := range strings.SplitSeq(p, "/") {
		for _, run := range strings.FieldsFunc(part, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
			if hexName(run) {
				return true
			}
		}
	}
	return false
}

// hexName reports whether s is ten or more lower-case hex digits with at
// least one letter, so that a date or a number in a slug is not taken for a hash.
func hexName(s string) bool {
	if len(s) < 10 {
		return false
	}
	letter := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'f':
			letter = true
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letter
}

// Cache-Control values: a hashed asset is kept for a year without asking
// again; everything else is revalidated on every request, so an edit shows
// at once, through the CDN too.
const (
	CacheImmutable   = "public, max-age=31536000, immutable"
	CacheRevalidated = "no-cache"
)

// CacheControl is the Cache-Control header of the file at p.
func CacheControl(p string) string {
	if Hashed(p) {
		return CacheImmutable
	}
	return CacheRevalidated
}

// contentTypes maps extensions to Content-Type. Text types carry the
// charset, since object storage would otherwise serve them without one and
// browsers may then guess wrongly for Chinese text.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".svg":         "image/svg+xml",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pdf":         "application/pdf",
	".doc":         "application/msword",
	".xls":         "application/vnd.ms-excel",
	".zip":         "application/zip",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".mp4":         "video/mp4",
}

// ContentType is the Content-Type header of the file at p, from a fixed
// table rather than the machine's MIME database, so that every machine
// deploys the same headers.
func ContentType(p string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(p))]; ok {
		return t
	}
	return "application/octet-stream"
}
