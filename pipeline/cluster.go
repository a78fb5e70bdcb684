package pipeline

import (
	"fmt"
	"math"

	"github.com/newsclean/clean/simhash"
)

// decider clusters documents in input order and says which are kept.
// With --keep first a document is decided as it arrives, and what a later
// merge of clusters (a document holding two representatives) changes is
// corrected at the end (late.go); with a cluster pass (--keep longest,
// or Parquet output) the emit pass sees every merge first.
// Documents are numbered in the order they reach the clusterer (errors and
// empty documents never do), and that order is the same in every pass.
type decider struct {
	cfg     Config
	cl      *simhash.Clusterer
	exact   map[uint64]int32
	n       int32   // documents clustered so far
	cluster []int32 // cluster pass: each document's cluster
	best    []int32 // cluster pass: each cluster's representative
	bestLen []int
	ids     []string // keep longest with ids wanted: each document's id
	// overflowed is set once the clusterer could hold no more
	// representatives, and the run was warned.
	overflowed bool
}

// add clusters the next document and returns its number and its cluster's.
func (d *decider) add(it *item) (num, cluster int32) {
	num = d.n
	d.n++
	switch d.cfg.Dedup {
	case DedupNear:
		c := int32(d.cl.Add(it.sketch))
		if d.cl.Overflow() == 1 && !d.overflowed {
			d.overflowed = true
			fmt.Fprintf(d.cfg.Warn, "clean: warning: %s: found no cluster when the near-duplicate index was full (it holds %d rows, one a representative, at most): it and every later document that finds none stay apart from all documents after them, so near-duplicates among them are kept. Run clean on parts of the corpus, each deduplicated alone, or use --dedup exact\n", docName(it, num), d.cl.MaxRows())
		}
		return num, c
	case DedupExact:
		if c, ok := d.exact[it.key]; ok {
			return num, c
		}
		d.exact[it.key] = num
	}
	return num, num
}

// addIndexed adds a representative kept by an earlier run (--index): its
// clusterer row (near) or its exact key, and returns its number. It stays
// its cluster's representative whatever the keep policy: it was kept and
// published.
func (d *decider) addIndexed(it *item, row []byte) (num int32, err error) {
	num = d.n
	if d.cfg.Dedup == DedupNear {
		if _, err := d.cl.AddRow(row); err != nil {
			return 0, err
		}
		d.n++
	} else {
		d.add(it)
	}
	if d.cfg.clusterFirst() {
		d.cluster = append(d.cluster, num)
		d.bestLen = append(d.bestLen, math.MaxInt)
		if d.cfg.namesReps() {
			d.ids = append(d.ids, it.doc.ID)
		}
	}
	return num, nil
}

// observe is the cluster pass: it records clusters and their longest member.
func (d *decider) observe(it *item) error {
	if it.doc.Err != nil || it.textLen() == 0 {
		return nil
	}
	_, c := d.add(it)
	d.cluster = append(d.cluster, c)
	d.bestLen = append(d.bestLen, it.textLen())
	if d.cfg.namesReps() {
		d.ids = append(d.ids, it.doc.ID)
	}
	return nil
}

// chooseLongest ends the cluster pass and readies the emit pass: each
// document's cluster is the one it ended in (the clusterer merges
// clusters when a later document holds both representatives), and each
// cluster's longest member, the earliest of equals, represents it (its
// earliest with keep first).
func (d *decider) chooseLongest() {
	d.best = make([]int32, len(d.cluster))
	for num := range d.cluster {
		d.best[num] = int32(num)
	}
	for num, c := range d.cluster {
		if d.cl != nil {
			c = int32(d.cl.Resolve(int(c)))
			d.cluster[num] = c
		}
		if b := d.best[c]; d.cfg.Keep == KeepLongest && d.bestLen[num] > d.bestLen[b] {
			d.best[c] = int32(num)
		}
	}
	d.bestLen = nil
	d.n = 0
	d.cl, d.exact = nil, nil
}

// clusterOf returns the cluster of document num, decided: in the emit
// pass, the one it ended in (keep longest) or its own number when it was
// kept (keep first).
func (d *decider) clusterOf(num int32) int32 {
	if d.cluster == nil {
		return num
	}
	return d.cluster[num]
}

// decide places a document of the emit pass: its number and the number of
// its cluster's representative.
func (d *decider) decide(it *item) (num, rep int32) {
	if d.cluster == nil {
		return d.add(it)
	}
	num = d.n
	d.n++
	return num, d.best[d.cluster[num]]
}

// docName names a document in a warning: its position, or in the shard
// verbs' cluster step, which reads sketches, its id and number.
func docName(it *item, num int32) string {
	if it.doc != nil && it.doc.Source != "" {
		return position(it.doc)
	}
	if it.doc != nil && it.doc.ID != "" {
		return fmt.Sprintf("document %d (id %q)", num+1, it.doc.ID)
	}
	return fmt.Sprintf("document %d", num+1)
}
