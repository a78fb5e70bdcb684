package normalize

import "unsafe"

// lineMemo remembers what a stripper's rule indexes and readAs answered
// for lines of earlier documents, by their judged text: a site's header
// and footer lines come back on every page, and copies of a story bring
// back its paragraphs. On generated news, 59% of the lines the edge scans
// looked up (46% of their bytes), 68% of those the anywhere rules did and
// 69% of those readAs read had been seen before. Every answer kept is a
// function of the text alone (a lookup whose rules asked for the previous
// line is not kept), so a line gets the same answer from the memo as
// from the indexes. Each Stripper has its own memos (its rules give the
// answers), one per goroutine at a time (Stripper.getMemo).
type lineMemo struct {
	index   map[string]int32 // judged text -> its entry
	entries []memoLine
	// The keys' bytes are appended to texts, the last of chunks[:used],
	// and chunks are reused when index is cleared, where a copy of each
	// key was an allocation (20 MB of garbage in a 200 MB run).
	texts  []byte
	chunks [][]byte
	used   int
}

// memoChunk is the size of the chunks holding a memo's keys.
const memoChunk = 64 << 10

// keep returns a copy of t, which is at most memoMaxLine bytes, in the
// memo's chunks.
func (m *lineMemo) keep(t string) string {
	if cap(m.texts)-len(m.texts) < len(t) {
		if m.used == len(m.chunks) {
			m.chunks = append(m.chunks, make([]byte, 0, memoChunk))
		}
		m.texts = m.chunks[m.used][:0]
		m.used++
	}
	at := len(m.texts)
	m.texts = append(m.texts, t...)
	return unsafe.String(unsafe.SliceData(m.texts[at:]), len(t))
}

// memoLine is what is known of one judged text.
type memoLine struct {
	scope [2]memoMatch // by Scope
	reads int8         // readAs + 1; 0: not read yet
}

// memoMatch is a lookup's answer (matches) that does not depend on the
// previous line.
type memoMatch struct {
	known       bool
	none        bool
	notices     uint8
	shape, word int16
}

// A memo keeps lines of at most memoMaxLine bytes, and starts afresh
// before a document once it holds memoMaxLines of them (about 1.3 MB);
// within a document it grows to memoMaxLines more at most, as its
// entries must stay put while the document's lines point at them.
// Longer lines are mostly paragraphs, which come back less often than a
// template's lines.
const (
	memoMaxLine  = 256
	memoMaxLines = 4096
)

func newLineMemo() *lineMemo {
	return &lineMemo{index: make(map[string]int32), entries: make([]memoLine, 0, 2*memoMaxLines)}
}

// begin readies the memo for a document.
func (m *lineMemo) begin() {
	if len(m.entries) >= memoMaxLines {
		clear(m.index)
		m.entries = m.entries[:0]
		m.texts, m.used = nil, 0
	}
}

// entry returns the index of judged text t's entry, made when it has
// none, or -1 when t is not kept (too long, or the memo is full). The key
// is copied (keep): t is part of a document that the memo must not keep
// alive.
func (m *lineMemo) entry(t string) int32 {
	if len(t) > memoMaxLine {
		return -1
	}
	if i, ok := m.index[t]; ok {
		return i
	}
	if len(m.entries) == cap(m.entries) {
		return -1
	}
	i := int32(len(m.entries))
	m.index[m.keep(t)] = i
	m.entries = append(m.entries, memoLine{})
	return i
}

// memoOf returns the memo's entry for line l, or nil when it has none;
// the entry's index is kept in the line (memo) for later asks.
func (fs *folds) memoOf(l *line) *memoLine {
	if l.memo == 0 {
		l.memo = fs.memo.entry(l.text) + 2
	}
	if l.memo == 1 {
		return nil
	}
	return &fs.memo.entries[l.memo-2]
}
