package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsclean/clean/internal/warcgen"
)

// TestWARCOnStandardInput: a plain WET file on standard input, larger
// than a learn piece, is recognised once spooled and read in whole
// records, so the lines its sites repeat are learned.
func TestWARCOnStandardInput(t *testing.T) {
	var data bytes.Buffer
	w := warcgen.NewWriter(&data, false)
	for i := range 40 {
		text := fmt.Sprintf("Story %d: the council agreed that %d homes by the river would be rebuilt before the winter.\nThe Valley Courier %d: local news every morning at your door\n", i, i*13, i%2)
		if err := w.Write(warcgen.Conversion(fmt.Sprintf("https://news%d.example/s/%d", i%2, i), text)); err != nil {
			t.Fatal(err)
		}
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { pw.Write(data.Bytes()); pw.Close() }()
	defer func(f *os.File) { os.Stdin = f }(os.Stdin)
	os.Stdin = pr
	defer func(c int64) { learnChunk = c }(learnChunk)
	learnChunk = 1000 // the input is cut into pieces, unless known to be WARC

	var out bytes.Buffer
	cfg := defaultConfig("-")
	cfg.Output, cfg.Dedup = &out, DedupOff
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.DocsIn != 40 || rep.BytesStrippedByRule["site-repeat"] == 0 || strings.Contains(out.String(), "Valley Courier") {
		t.Errorf("%d documents, site-repeat stripped %d bytes:\n%s", rep.DocsIn, rep.BytesStrippedByRule["site-repeat"], out.String())
	}
}
