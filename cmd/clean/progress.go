package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows documents, bytes and rate on standard error, one bar per pass.
type progress struct {
	w     io.Writer
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

func (p *progress) Pass(name string) {
	p.pass, p.docs, p.bytes = name, 0, 0
	p.bar = progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(name),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *progress) Add(docs, bytes int64) {
	p.docs += docs
	p.bytes += bytes
	p.bar.Describe(fmt.Sprintf("%s: %d docs, %s", p.pass, p.docs, byteSize(p.bytes)))
	_ = p.bar.Add64(bytes)
}

func (p *progress) Done() { _ = p.bar.Finish() }
