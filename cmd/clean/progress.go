package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows documents, bytes and rate on standard error, one bar per
// pass, with the percentage done and the time left when the pass's input
// size is known. It is also the run's Warn writer, so that a message
// never lands on the bar's line: the bar is erased first and redrawn at
// its next update.
type progress struct {
	mu    sync.Mutex // orders the bar's writes and the messages
	w     io.Writer
	onBar bool // the bar is on the current line
	bar   *progressbar.ProgressBar
	pass  string
	docs  int64
	bytes int64
}

// newProgress returns nil when no bar is wanted: --progress never, or auto
// with standard error not a terminal (a log file or a CI job).
func newProgress(mode string, stderr io.Writer) *progress {
	if mode == "never" {
		return nil
	}
	if mode == "auto" {
		f, ok := stderr.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return nil
		}
	}
	return &progress{w: stderr}
}

func (p *progress) Pass(name string) { p.start(name, -1) }

// Size is told the bytes the pass will read, when they are known.
func (p *progress) Size(total int64) {
	if total > 0 {
		p.start(p.pass, total)
	}
}

func (p *progress) start(name string, total int64) {
	if p.bar != nil && total > 0 { // the bar of an unknown size, replaced
		_ = p.bar.Exit()
		p.erase()
	}
	p.pass, p.docs, p.bytes = name, 0, 0
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(barWriter{p}),
		progressbar.OptionSetDescription(name),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(0), // no drawing from another goroutine
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *progress) Add(docs, bytes int64) {
	p.docs += docs
	p.bytes += bytes
	p.bar.Describe(fmt.Sprintf("%s: %d docs, %s", p.pass, p.docs, byteSize(p.bytes)))
	// Documents are counted without their line ends; the input size has them.
	_ = p.bar.Add64(bytes + docs)
}

func (p *progress) Done() { _ = p.bar.Finish() }

// Write prints a message on a line of its own.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.eraseLocked()
	return p.w.Write(b)
}

func (p *progress) erase() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.eraseLocked()
}

// eraseLocked clears the bar's line, if the bar is on it.
func (p *progress) eraseLocked() {
	if p.onBar {
		io.WriteString(p.w, "\r\x1b[K")
		p.onBar = false
	}
}

// barWriter is where the bar draws.
type barWriter struct{ p *progress }

func (w barWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	// The bar draws "\rBAR" and clears with "\r   \r": what follows the
	// last carriage return is on screen.
	s := string(b)
	if i := strings.LastIndexAny(s, "\r\n"); i >= 0 {
		w.p.onBar = false
		s = s[i+1:]
	}
	if strings.TrimSpace(s) != "" {
		w.p.onBar = true
	}
	return w.p.w.Write(b)
}
