package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"alliance/internal/catalog"
)

// progress shows which stage a long build is in, on one line that overwrites
// itself. It stays silent for builds shorter than a second and whenever the
// output is not a terminal, so logs and CI output never carry it.
type progress struct {
	w     io.Writer
	start time.Time

	mu    sync.Mutex
	stage string
	shown bool

	done chan struct{}
	wg   sync.WaitGroup
}

// newProgress returns a progress line written to w, or nil when stdout is not
// a terminal. A nil *progress does nothing.
func newProgress(stdout, w io.Writer) *progress {
	if !isTerminal(stdout) || !isTerminal(w) {
		return nil
	}
	p := &progress{w: w, start: time.Now(), done: make(chan struct{})}
	p.wg.Add(1)
	go p.tick()
	return p
}

// Stage records the stage the build has reached; it fits build.Options.Progress.
func (p *progress) Stage(name string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stage = name
	p.mu.Unlock()
}

// Stop ends the line and clears it.
func (p *progress) Stop() {
	if p == nil {
		return
	}
	close(p.done)
	p.wg.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) tick() {
	defer p.wg.Done()
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case now := <-t.C:
			if now.Sub(p.start) < time.Second {
				continue
			}
			p.mu.Lock()
			stage := p.stage
			p.mu.Unlock()
			catalog.Fprintf(p.w, "\r\033[Kbuilding: %s … %.1f s", catalog.T(stage), now.Sub(p.start).Seconds())
			p.shown = true
		}
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
