package pipeline

import (
	"fmt"
	"time"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
	"github.com/newsclean/clean/simhash"
)

// text returns a document's raw text, extracting it from HTML if need be.
// An extraction failure makes the document a data error.
func (r *runner) text(d *docio.Doc) (string, bool) {
	if d.HTML == nil {
		return d.Text, true
	}
	text, err := extractHTML(d.HTML)
	if err != nil {
		d.Err = fmt.Errorf("%s: extracting HTML: %w", position(d), &docio.Reject{Reason: "html_extraction", Err: err})
		return "", false
	}
	return text, true
}

// extractHTML extracts a page's text (a variable for tests, which count
// the extractions).
var extractHTML = normalize.ExtractHTML

// position names where a document came from: FILE:LINE or FILE.
func position(d *docio.Doc) string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d", d.Source, d.Line)
	}
	return d.Source
}

// process is the per-document work of the cluster and emit passes, done a
// stage at a time over a batch so that each stage is timed once per batch.
func (r *runner) process(b *batch) {
	t := time.Now()
	for i := range b.items {
		it := &b.items[i]
		switch {
		case it.doc.Err != nil:
		case it.extracted:
			it.ok = true
		default:
			it.text, it.ok = r.text(it.doc)
		}
	}
	t = r.stages.add(stageExtract, t)
	if r.stripper != nil {
		for i := range b.items {
			it := &b.items[i]
			switch {
			case !it.ok:
			case it.doc.HTML != nil || it.extracted:
				it.text, it.removed = r.stripper.StripExtracted(it.text, it.doc.Site)
			default:
				var ends []int
				if it.text == it.doc.Text { // as r.text set it: where its lines end is known
					ends = it.doc.LineEnds
				}
				it.text, it.removed = r.stripper.StripAt(it.text, it.doc.Site, ends)
			}
		}
	}
	if r.cfg.DecodeMarkup {
		for i := range b.items {
			// Extracted text never holds entities: the parser decoded them.
			if it := &b.items[i]; it.ok && it.doc.HTML == nil && !it.extracted {
				it.text = normalize.DecodeMarkup(it.text)
			}
		}
	}
	t = r.stages.add(stageStrip, t)
	for i := range b.items {
		it := &b.items[i]
		if !it.ok || it.text == "" {
			continue
		}
		switch r.cfg.Dedup {
		case DedupNear:
			it.sketch = r.fp.Sketch(it.text)
		case DedupExact:
			it.key = simhash.ExactKey(it.text)
		}
	}
	r.stages.add(stageFingerprint, t)
}
