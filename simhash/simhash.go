// Package simhash fingerprints documents and clusters near-duplicates.
//
// (Design notes to be written.)
package simhash

// Sketch is the compact summary of one document that clustering needs.
// It is computed independently per document (so shards can fingerprint in
// parallel) and serialisable so clustering can run on merged sketches.
type Sketch struct {
	Whole  uint64 // 64-bit simhash of the whole normalised text
	Length int    // bytes of normalised text, for --keep longest
}

// Options tunes fingerprinting and clustering.
type Options struct {
	MaxDistance int // Hamming distance for whole-document matches
}

// DefaultOptions are the documented defaults.
func DefaultOptions() Options { return Options{MaxDistance: 3} }

// Fingerprinter computes sketches. Safe for concurrent use.
type Fingerprinter struct{ opts Options }

// NewFingerprinter returns a fingerprinter for opts.
func NewFingerprinter(opts Options) *Fingerprinter { return &Fingerprinter{opts: opts} }

// Sketch fingerprints text.
func (f *Fingerprinter) Sketch(text string) Sketch { return Sketch{Length: len(text)} }

// ExactKey is the hash of the normalised text, for --dedup exact.
func ExactKey(text string) uint64 { return 0 }

// Clusterer assigns documents, in arrival order, to clusters. A document
// joins the cluster of an earlier representative it is near; otherwise it
// starts its own. Documents are numbered 0, 1, ... in the order of Add.
type Clusterer struct {
	opts Options
	n    int
}

// NewClusterer returns an empty clusterer.
func NewClusterer(opts Options) *Clusterer { return &Clusterer{opts: opts} }

// Add places the next document and returns the number of its cluster's
// first document (its own number when it starts a cluster).
func (c *Clusterer) Add(s Sketch) (cluster int) { c.n++; return c.n - 1 }
