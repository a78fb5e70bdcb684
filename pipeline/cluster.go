package pipeline

import (
	"github.com/newsclean/clean/simhash"
)

// decider clusters documents in input order and says which are kept.
// Documents are numbered in the order they reach the clusterer (errors and
// empty documents never do), and that order is the same in every pass.
type decider struct {
	cfg     Config
	cl      *simhash.Clusterer
	exact   map[uint64]int32
	n       int32   // documents clustered so far
	cluster []int32 // keep longest: each document's cluster
	best    []int32 // keep longest: each cluster's longest member
	bestLen []int
	ids     []string // keep longest with ids wanted: each document's id
}

// add clusters the next document and returns its number and its cluster's.
func (d *decider) add(it *item) (num, cluster int32) {
	num = d.n
	d.n++
	switch d.cfg.Dedup {
	case DedupNear:
		return num, int32(d.cl.Add(it.sketch))
	case DedupExact:
		if c, ok := d.exact[it.key]; ok {
			return num, c
		}
		d.exact[it.key] = num
	}
	return num, num
}

// observe is the cluster pass: it records clusters and their longest member.
func (d *decider) observe(it *item) error {
	if it.doc.Err != nil || it.textLen() == 0 {
		return nil
	}
	num, c := d.add(it)
	d.cluster = append(d.cluster, c)
	d.best = append(d.best, num)
	d.bestLen = append(d.bestLen, it.textLen())
	if d.cfg.Annotate || d.cfg.Clusters != nil {
		d.ids = append(d.ids, it.doc.ID)
	}
	if it.textLen() > d.bestLen[c] {
		d.best[c], d.bestLen[c] = num, it.textLen()
	}
	return nil
}

// chooseLongest ends the cluster pass and readies the emit pass.
func (d *decider) chooseLongest() {
	d.bestLen = nil
	d.n = 0
	d.cl, d.exact = nil, nil
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
