package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub passes server-sent events to every open page.
type hub struct {
	mu     sync.Mutex
	subs   map[chan []byte]bool
	closed bool
}

func newHub() *hub { return &hub{subs: map[chan []byte]bool{}} }

// send formats an event with data encoded as JSON and queues it for every
// page. A page too slow to take it misses it; it reloads when it reconnects.
func (h *hub) send(event string, data any) {
	msg := format(event, data)
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- msg:
		default:
		}
	}
}

func format(event string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte(`""`)
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", event, b)
}

func (h *hub) subscribe() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := make(chan []byte, 16)
	if h.closed {
		close(c)
		return c
	}
	h.subs[c] = true
	return c
}

func (h *hub) unsubscribe(c chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[c] {
		delete(h.subs, c)
		close(c)
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.subs {
		delete(h.subs, c)
		close(c)
	}
}

// serveEvents keeps an event stream open to one page: the current build
// error first, if any, then every event until the page goes away.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	c := s.events.subscribe()
	defer s.events.unsubscribe(c)
	first := []byte("retry: 1000\n\n")
	if p := s.Problem(); p != "" {
		first = append(first, format("builderror", p)...)
	}
	if _, err := w.Write(first); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-c:
			if !ok {
				return
			}
			msg = m
		case <-ping.C:
			msg = []byte(": ping\n\n")
		}
		if _, err := w.Write(msg); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}
