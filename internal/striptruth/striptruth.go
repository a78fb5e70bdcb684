// Package striptruth is the truth file format shared by cmd/genstrip,
// which writes it beside a generated corpus, and cmd/bench-strip, which
// scores a stripper's output against it. One JSON line per document, in
// corpus order; the corpus itself carries no labels.
package striptruth

// Record is one document's truth.
type Record struct {
	ID    string `json:"id"`
	Site  string `json:"site"`  // the url's host
	Lang  string `json:"lang"`  // en, de, fr, ...
	Shape string `json:"shape"` // plain, wrap, wrap-tight, crlf, indent, entities, mixed
	Bytes int    `json:"bytes"` // bytes of the document's text
	// Above is the kind of boilerplate line directly above the headline
	// ("ad", "section", "date", ...), empty when there is none.
	Above string `json:"above,omitempty"`
	// Body holds the body units in order, the headline first, as written
	// before shaping (no wrapping, no entities).
	Body   []string `json:"body"`
	Traps  []int    `json:"traps,omitempty"` // indices into Body of trap sentences
	Boiler []Line   `json:"boiler"`          // every boilerplate line, before shaping
}

// Line is one boilerplate line and its kind (copyright, paywall, ...).
type Line struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}
