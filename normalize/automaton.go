package normalize

// automaton finds every occurrence of a set of patterns in one pass over
// a line (Aho-Corasick, as a deterministic automaton): one table load a
// byte, and work only where a pattern really ends. The trigram index it
// replaced looked at a bucket of candidates wherever a line had a
// trigram some pattern was indexed by; with the rules in eight languages
// 96% of those candidates failed ("cookie" alone opens twenty patterns),
// and checking them was most of the rule lookup's time.
//
// Bytes that occur in no pattern share class 0, so the table has a row
// per state and a column per class (about fifty: folded patterns are
// mostly lower-case ASCII). States with outputs are numbered last, so
// that the scan tells them by one comparison.
type automaton struct {
	class   [256]uint16
	classes uint32
	// next[s+class] is the state after s on a byte of that class; states
	// are stored premultiplied by classes.
	next []uint32
	// outBase is the first (premultiplied) state with outputs; the
	// outputs of state s are outs[outStart[k]:outStart[k+1]] with
	// k = (s-outBase)/classes.
	outBase  uint32
	outStart []uint32
	outs     []pattern
}

// newAutomaton builds the automaton of pats (each at least one byte).
// Every pattern is an output of its own, duplicates included: a pattern
// listed twice is found twice, as the caller's rules expect.
func newAutomaton(pats []pattern) *automaton {
	a := &automaton{}
	for _, p := range pats {
		for i := range len(p.text) {
			if c := p.text[i]; a.class[c] == 0 {
				a.classes++
				a.class[c] = uint16(a.classes)
			}
		}
	}
	a.classes++ // class 0: bytes of no pattern
	k := int(a.classes)
	// The trie: goto edges in a dense table, -1 for none.
	trie := []int32{}
	newState := func() int32 {
		for range k {
			trie = append(trie, -1)
		}
		return int32(len(trie)/k - 1)
	}
	newState()
	own := [][]int32{nil} // patterns ending at each state
	for pi, p := range pats {
		s := int32(0)
		for i := range len(p.text) {
			c := int(a.class[p.text[i]])
			if trie[int(s)*k+c] < 0 {
				t := newState()
				own = append(own, nil)
				trie[int(s)*k+c] = t
			}
			s = trie[int(s)*k+c]
		}
		own[s] = append(own[s], int32(pi))
	}
	n := len(own)
	// Breadth first: failure links, complete transitions and the outputs
	// of each state (its own and those of its failure state).
	fail := make([]int32, n)
	delta := make([]int32, n*k)
	outputs := make([][]int32, n)
	outputs[0] = own[0]
	queue := make([]int32, 0, n)
	bfs := []int32{0} // the states in breadth-first order
	for c := range k {
		t := trie[c]
		if t < 0 {
			delta[c] = 0
			continue
		}
		delta[c] = t
		fail[t] = 0
		queue = append(queue, t)
		bfs = append(bfs, t)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outputs[s] = append(append([]int32(nil), own[s]...), outputs[fail[s]]...)
		for c := range k {
			t := trie[int(s)*k+c]
			if t < 0 {
				delta[int(s)*k+c] = delta[int(fail[s])*k+c]
				continue
			}
			delta[int(s)*k+c] = t
			fail[t] = delta[int(fail[s])*k+c]
			queue = append(queue, t)
			bfs = append(bfs, t)
		}
	}
	// Number the states without outputs first (the root stays 0: it has
	// none, patterns being non-empty), each group breadth first: the
	// states near the root, where a scan spends most of its time, share
	// cache lines.
	order := make([]int32, n) // new number of each state
	num := int32(0)
	for _, s := range bfs {
		if len(outputs[s]) == 0 {
			order[s] = num
			num++
		}
	}
	a.outBase = uint32(num) * a.classes
	a.outStart = []uint32{0}
	for _, s := range bfs {
		if len(outputs[s]) > 0 {
			order[s] = num
			num++
			for _, pi := range outputs[s] {
				a.outs = append(a.outs, pats[pi])
			}
			a.outStart = append(a.outStart, uint32(len(a.outs)))
		}
	}
	a.next = make([]uint32, n*k)
	for s := range n {
		for c := range k {
			a.next[int(order[s])*k+c] = uint32(order[delta[s*k+c]]) * a.classes
		}
	}
	return a
}

// outputsAt returns the patterns that end in (premultiplied) state s.
func (a *automaton) outputsAt(s uint32) []pattern {
	i := (s - a.outBase) / a.classes
	return a.outs[a.outStart[i]:a.outStart[i+1]]
}
