package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestOneExtraction checks that a run extracts each page once: the learn
// pass keeps the text for the later passes (before, the clean pass
// extracted every page again), for HTML files, records of HTML and
// compressed records of HTML, with one or two later passes; and that the
// output is what extracting again gives, as when the spool cannot be
// written, for any number of workers.
func TestOneExtraction(t *testing.T) {
	defer RoomForSpools()()
	dir := t.TempDir()
	page := func(i int) string {
		return fmt.Sprintf(`<html><head><link rel="canonical" href="https://site%d.example/story/%d"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Headline number %d</h1>
<p>The first paragraph of story %d tells the reader what happened in the town on the day, in some detail.</p>
<p>A second paragraph of story %d quotes a witness, who said that nothing like it had been seen there before.</p>
</article><footer>Follow site%d on the social networks of your choice</footer></body></html>`, i%3, i, i, i, i, i%3)
	}
	var records bytes.Buffer
	for i := range 40 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d.html", i)), []byte(page(i)), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&records, "{\"id\":\"r%d\",\"html\":%q}\n", i, page(100+i))
	}
	records.WriteString("{\"id\":\"broken\",\"html\":5}\n")
	os.WriteFile(filepath.Join(dir, "records.jsonl"), records.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "records2.jsonl.gz"), gzipped(bytes.ReplaceAll(records.Bytes(), []byte(`"r`), []byte(`"z`))), 0o644)
	const pages = 40 * 3

	calls := countExtractions(t)
	run := func(keep string, tmp string, workers int) (string, int64) {
		t.Setenv("TMPDIR", tmp)
		calls.Store(0)
		var out bytes.Buffer
		cfg := defaultConfig(dir)
		cfg.Output, cfg.Warn, cfg.Keep, cfg.Workers = &out, io.Discard, keep, workers
		if _, err := Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		return out.String(), calls.Load()
	}
	for _, keep := range []string{KeepFirst, KeepLongest} {
		want, again := run(keep, filepath.Join(dir, "nonexistent"), 2)
		got, n := run(keep, t.TempDir(), 2)
		if n != pages {
			t.Errorf("keep %s: %d extractions of %d pages", keep, n, pages)
		}
		for _, workers := range []int{1, 3} {
			if other, _ := run(keep, t.TempDir(), workers); other != got {
				t.Errorf("keep %s: output with %d workers differs from 2", keep, workers)
			}
		}
		if again < 2*pages {
			t.Errorf("keep %s, no spool: %d extractions of %d pages", keep, again, pages)
		}
		if got != want {
			t.Errorf("keep %s: output differs from extracting again", keep)
		}
		if lines := strings.Count(got, "\n"); lines < 40 || !strings.Contains(got, "paragraph of story 139") {
			t.Errorf("keep %s: %d lines written, story 139 in them: %v", keep, lines, strings.Contains(got, "story 139"))
		}
	}
}

// TestRepeatDroppedReported: when site-repeat learning cannot spill its
// counts (no temporary directory) past its memory cap, it samples; the
// report names the sites and how many line occurrences went uncounted,
// and one warning says so.
func TestRepeatDroppedReported(t *testing.T) {
	if testing.Short() {
		t.Skip("counts over a million distinct lines")
	}
	dir := t.TempDir()
	var b strings.Builder
	for doc := range 22000 {
		fmt.Fprintf(&b, `{"id":"%d","url":"https://site%d.example/a","text":"`, doc, doc%3)
		for j := range 50 {
			fmt.Fprintf(&b, "Line %d of document %d.\\n", j, doc)
		}
		b.WriteString("A footer of the site\"}\n")
	}
	path := filepath.Join(dir, "big.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tmp := range []string{t.TempDir(), filepath.Join(dir, "nonexistent")} {
		t.Setenv("TMPDIR", tmp)
		var warn bytes.Buffer
		cfg := defaultConfig(path)
		cfg.Warn, cfg.Dedup = &warn, DedupOff
		rep, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		sampled := strings.HasSuffix(tmp, "nonexistent")
		total := int64(0)
		for _, n := range rep.SiteRepeatDropped {
			total += n
		}
		if got := rep.SiteRepeatDroppedLines > 0; got != sampled || total != rep.SiteRepeatDroppedLines ||
			(sampled && len(rep.SiteRepeatDropped) != 3) {
			t.Errorf("TMPDIR %s: dropped %d, by site %v", tmp, rep.SiteRepeatDroppedLines, rep.SiteRepeatDropped)
		}
		if n := strings.Count(warn.String(), "site-repeat learning sampled"); n != map[bool]int{false: 0, true: 1}[sampled] {
			t.Errorf("TMPDIR %s: %d warnings: %q", tmp, n, warn.String())
		}
	}
}

// countExtractions counts the pages extracted (extractHTML) until the
// test ends.
func countExtractions(t *testing.T) *atomic.Int64 {
	var calls atomic.Int64
	extract := extractHTML
	t.Cleanup(func() { extractHTML = extract })
	extractHTML = func(p []byte) (string, error) {
		calls.Add(1)
		return extract(p)
	}
	return &calls
}
