package serve

import (
	"bytes"
	_ "embed"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

//go:embed live.js
var liveJS []byte

// Paths of the server's own files, outside any site's base path.
const (
	eventsPath = "/__alliance/events"
	scriptPath = "/__alliance/live.js"
)

// ServeHTTP serves the built site under its base path, the event stream and
// the live script. It serves only files of the build: a path with a ".."
// segment, a backslash or a NUL is refused with 400 before anything is
// looked up, and names starting with a dot are never served.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !safePath(p) || !safePath(r.URL.RawPath) || r.URL.Opaque != "" {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	switch p {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "live.js", time.Time{}, bytes.NewReader(liveJS))
		return
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	if clean != p {
		http.Redirect(w, r, clean, http.StatusMovedPermanently)
		return
	}
	base := s.basePath()
	if !strings.HasPrefix(p, base) {
		if p == "/" || p+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, r, base)
		return
	}
	rel := strings.TrimPrefix(p, base)
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			s.notFound(w, r, base)
			return
		}
	}
	if !s.hasBuild() {
		s.failedPage(w)
		return
	}
	if data, ok := s.previewed(rel); ok {
		s.servePage(w, r, rel, data, http.StatusOK, base)
		return
	}
	// Files are looked up in the build folder as an os.Root, so that a
	// link in it never leads out of it. The writer moves each file into
	// the folder whole, by a rename, so no request sees half of one; one
	// missing during a build is looked for again after it.
	root, st, err := s.lookup(rel)
	if err != nil && s.settled(r.Context()) {
		if root != nil {
			root.Close()
		}
		root, st, err = s.lookup(rel)
	}
	if root != nil {
		defer root.Close()
	}
	switch {
	case root == nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
	case err == nil && st.IsDir():
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
	case err == nil && st.Mode().IsRegular():
		s.serveFile(w, r, root, rel, http.StatusOK, base)
	default:
		s.notFound(w, r, base)
	}
}

// lookup opens the build folder and finds rel in it, without following a
// link; root is nil when the folder cannot be opened.
func (s *Server) lookup(rel string) (*os.Root, os.FileInfo, error) {
	root, err := os.OpenRoot(s.session.Dir())
	if err != nil {
		return nil, nil, err
	}
	st, err := root.Lstat(filepath.FromSlash(rel))
	return root, st, err
}

// safePath reports whether a URL path can be looked up: no ".." segment
// (with / or \ as separator), no backslash, no NUL.
func safePath(p string) bool {
	if strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return false
		}
	}
	return true
}

func (s *Server) basePath() string {
	if site := s.session.Site(); site != nil {
		return site.Config.BasePath()
	}
	return "/"
}

func (s *Server) hasBuild() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.built
}

// serveFile serves the file rel of the build folder root, with the live
// script in HTML pages.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, rel string, status int, base string) {
	w.Header().Set("Cache-Control", "no-cache")
	file := filepath.FromSlash(rel)
	if path.Ext(rel) != ".html" {
		f, err := root.Open(file)
		if err != nil {
			s.notFound(w, r, base)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, rel, st.ModTime(), f)
		return
	}
	data, err := root.ReadFile(file)
	if err != nil {
		s.notFound(w, r, base)
		return
	}
	s.servePage(w, r, rel, data, status, base)
}

// readBuilt reads the file rel of the build folder, without following a link.
func (s *Server) readBuilt(rel string) ([]byte, error) {
	root, err := os.OpenRoot(s.session.Dir())
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return root.ReadFile(filepath.FromSlash(rel))
}

// servePage serves data, the HTML page rel, with the live script.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, rel string, data []byte, status int, base string) {
	w.Header().Set("Cache-Control", "no-cache")
	page := rel
	if status != http.StatusOK {
		page = "" // a missing page reloads after any change: it may exist now
	}
	data = inject(data, base, page)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK {
		http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	w.Write(data)
}

// notFound serves the site's 404 page with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, base string) {
	if s.hasBuild() {
		if root, err := os.OpenRoot(s.session.Dir()); err == nil {
			defer root.Close()
			if st, err := root.Lstat("404.html"); err == nil && st.Mode().IsRegular() {
				s.serveFile(w, r, root, "404.html", http.StatusNotFound, base)
				return
			}
		}
	}
	http.NotFound(w, r)
}

// failedPage stands in for every page while no build has succeeded yet; the
// live script shows the error and reloads when the site builds.
func (s *Server) failedPage(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	page := "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>构建失败</title></head><body><pre>" +
		html.EscapeString(s.Problem()) + "</pre></body></html>"
	w.Write(inject([]byte(page), "/", ""))
}

// inject adds the live script before the page's last </body>, or at its end.
func inject(page []byte, base, rel string) []byte {
	tag := `<script src="` + scriptPath + `" data-base="` + html.EscapeString(base) + `" data-page="` + html.EscapeString(rel) + `"></script>`
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
