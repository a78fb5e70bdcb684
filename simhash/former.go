package simhash

import (
	"fmt"
	"iter"
	"maps"
	"slices"
)

// The former representatives' table (Clusterer.former) outlives a run
// with the rows (AppendRow, AddRow) when incremental dedup saves and
// loads a clusterer: without it, an exact copy of a representative that
// an earlier run replaced is compared with its replacement only, and can
// part from it where one run over all the documents joins it.

// Formers yields the identity of each former representative and the
// number its cluster has now (merges resolved), in increasing order of
// identity, so that a saved table does not depend on the map's order.
func (c *Clusterer) Formers() iter.Seq2[uint64, int] {
	return func(yield func(uint64, int) bool) {
		for _, key := range slices.Sorted(maps.Keys(c.former)) {
			if !yield(key, c.Resolve(c.former[key])) {
				return
			}
		}
	}
}

// AddFormer restores an entry Formers yielded: the former representative
// identified by key belongs to cluster, a number Add or AddRow returned,
// and an exact copy of it joins that cluster.
func (c *Clusterer) AddFormer(key uint64, cluster int) error {
	if cluster < 0 || cluster >= c.n {
		return fmt.Errorf("simhash: a former representative of cluster %d, of %d documents", cluster, c.n)
	}
	c.former[key] = cluster
	return nil
}
