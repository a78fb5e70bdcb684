package pipeline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
)

// emitter is the emit pass's consumer: it counts, writes and explains.
type emitter struct {
	r   *runner
	d   *decider
	out *bufio.Writer
	buf []byte
	ids map[int32]string   // keep first: representatives' ids, for --annotate and --clusters
	grp map[int32][]member // duplicates of each representative, for --clusters
	dup map[int32]bool     // representatives that have duplicates
	// held, if set, holds the records until the end of the pass, to be
	// written corrected; window, if set, the last ones written to a
	// stream (late.go).
	held   *heldRecords
	window *recordWindow
	// first is the number of the pass's first document (those before
	// it are the index's).
	first int32
	// corrected counts the late duplicates corrected in the output;
	// unheld says why records were not held, if they were not.
	corrected int64
	unheld    string
	// keep, if set, is told of every representative (--index).
	keep func(num int32, it *item)

	rejects *bufio.Writer // rejected records (Config.Rejects), or nil

	seenIDs    idSet  // hashes of the ids met so far
	firstDupID string // the first reused id and where
}

func (e *emitter) consume(it *item) error {
	rep := e.r.rep
	d := it.doc
	if e.rejects != nil && len(it.skipped) > 0 {
		if err := e.rejectSkipped(it.skipped); err != nil {
			return err
		}
	}
	rep.DocsIn++
	rep.BytesIn += int64(d.Bytes)
	if d.Err != nil {
		rep.Errors++
		reason := "other"
		if rej, ok := errors.AsType[*docio.Reject](d.Err); ok {
			reason = rej.Reason
		}
		rep.ErrorsByReason[reason]++
		if max := e.r.cfg.ErrorLines; max == 0 || rep.Errors <= max {
			fmt.Fprintln(e.r.cfg.Warn, d.Err)
		}
		if e.rejects != nil && (d.Line > 0 || d.WARCReject() != nil) { // a whole file stays where it is; a WARC record is kept as WARC
			if err := e.reject(d); err != nil {
				return err
			}
		}
		if e.r.cfg.Strict {
			return fmt.Errorf("%w (--strict): %w", ErrData, d.Err)
		}
		return nil
	}
	rep.TextBytesIn += int64(it.textLen())
	for i, rm := range it.removed {
		n := int64(len(rm.Text))
		if it.removedLens != nil {
			n = int64(it.removedLens[i])
		}
		rep.BytesStripped += n
		rep.TextBytesIn += n
		rep.BytesStrippedByRule[rm.Rule] += n
	}
	e.checkID(d)
	repID, cluster, isDup := e.classify(it)
	if e.r.cfg.Explain != nil {
		e.explain(it, repID, isDup)
	}
	return e.write(it, repID, cluster, isDup)
}

// member is a duplicate in a cluster, for --clusters.
type member struct {
	num int32
	id  string
}

// classify counts a document as empty, kept or duplicate, and returns the
// id of its cluster's representative (its own unless it is a duplicate)
// and that representative's number (-1 for a document not clustered).
func (e *emitter) classify(it *item) (repID string, cluster int32, isDup bool) {
	rep := e.r.rep
	d := it.doc
	if it.textLen() == 0 {
		rep.EmptyAfterStrip++
		return d.ID, -1, false
	}
	if e.r.cfg.Dedup == DedupOff {
		rep.DocsOut++
		return d.ID, -1, false
	}
	t := time.Now()
	num, repNum := e.d.decide(it)
	e.r.stages.add(stageCluster, t)
	isDup = num != repNum
	repID = d.ID
	if isDup {
		rep.Duplicates++
		if e.dup == nil {
			e.dup = map[int32]bool{}
		}
		e.dup[repNum] = true
		if e.r.cfg.namesReps() {
			repID = e.repID(repNum)
		}
		if e.r.cfg.Clusters != nil {
			if e.grp == nil {
				e.grp = map[int32][]member{}
			}
			e.grp[repNum] = append(e.grp[repNum], member{num, d.ID})
		}
	} else {
		rep.DocsOut++
		if e.keep != nil {
			e.keep(num, it)
		}
		if e.r.cfg.namesReps() && e.d.ids == nil {
			if e.ids == nil {
				e.ids = map[int32]string{}
			}
			e.ids[num] = d.ID
		}
	}
	return repID, repNum, isDup
}

// reject writes a rejected record to the rejects as it was read. A line
// too long to hold (Raw is nil) is read again from its input, from the
// start up to it, if the input can be read again.
func (e *emitter) reject(d *docio.Doc) error {
	if x := d.WARCReject(); x != nil {
		return e.rejectSkipped([]docio.WARCReject{*x})
	}
	if raw := d.Raw(); raw != nil {
		e.rejects.Write(raw)
	} else if n, err := e.readAgain(d); err != nil {
		fmt.Fprintf(e.r.cfg.Warn, "%s: not kept in the rejects: %v\n", position(d), err)
		if n == 0 {
			return nil
		}
	}
	if err := e.rejects.WriteByte('\n'); err != nil {
		return fmt.Errorf("writing rejects: %w", err)
	}
	return nil
}

// rejectSkipped writes WARC records to the rejects, each as a WARC record
// naming its file, offset and why (docio.AppendWARCReject).
func (e *emitter) rejectSkipped(recs []docio.WARCReject) error {
	for i := range recs {
		e.buf = docio.AppendWARCReject(e.buf[:0], &recs[i])
		if _, err := e.rejects.Write(e.buf); err != nil {
			return fmt.Errorf("writing rejects: %w", err)
		}
	}
	return nil
}

// readAgain copies the line of d, a data error, from its input to the
// rejects and returns how many bytes it copied.
func (e *emitter) readAgain(d *docio.Doc) (int64, error) {
	i := slices.IndexFunc(e.r.inputs, func(s source) bool { return s.Path == d.Source })
	if i < 0 {
		return 0, fmt.Errorf("input not found")
	}
	src := e.r.inputs[i]
	if src.spool == "" {
		if st, err := os.Stat(src.Path); src.Path == "-" || err != nil || !st.Mode().IsRegular() {
			return 0, fmt.Errorf("a pipe is read only once (it is kept for a second pass only with --site-repeat or --keep longest)")
		}
	}
	rc, err := whole(src, i).open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	if _, err := io.CopyN(io.Discard, rc, d.Offset); err != nil {
		return 0, err
	}
	return io.CopyN(e.rejects, rc, int64(d.Bytes))
}

// checkID counts documents whose id an earlier document already had (7
// and "7" are the same id): clusters, annotations and messages name
// documents by id, so a reused one makes them ambiguous. A 64-bit hash
// stands for the id.
func (e *emitter) checkID(d *docio.Doc) {
	if !e.seenIDs.add(xxhash.Sum64String(d.ID)) {
		return
	}
	if e.r.rep.DuplicateIDs == 0 {
		e.firstDupID = fmt.Sprintf("%q at %s", d.ID, position(d))
	}
	e.r.rep.DuplicateIDs++
}

// repID names a representative. With keep longest it may come later in
// the input than its duplicates, so the cluster pass kept every id.
func (e *emitter) repID(num int32) string {
	if e.d.ids != nil {
		return e.d.ids[num]
	}
	return e.ids[num]
}

// write writes a document if the run writes documents: kept ones always,
// duplicates and empty ones only when annotating.
func (e *emitter) write(it *item, repID string, cluster int32, isDup bool) error {
	if e.out == nil || e.r.cfg.Explain != nil {
		return nil
	}
	// Records are encoded here rather than by the workers, so that
	// duplicates (30% of the benchmark corpus) are never encoded.
	t := time.Now()
	var annotations []docio.Field
	switch {
	case e.r.cfg.Annotate:
		annotations = annotationFields(repID, isDup, it.removed)
	case isDup || it.textLen() == 0:
		return nil
	}
	if pw, ok := e.r.cfg.Output.(*docio.ParquetOutput); ok { // rows, not JSON
		n, err := pw.WriteDoc(it.doc, it.text, annotations...)
		e.r.rep.BytesOut += int64(n)
		e.r.stages.add(stageWrite, t)
		return err
	}
	rec := it.record // replayed from the texts of the sketch step: encoded there
	var spans [3]docio.Span
	if rec == nil || annotations != nil {
		e.buf = it.doc.AppendJSONSpans(e.buf[:0], it.text, spans[:len(annotations)], annotations...)
		rec = e.buf
	}
	t = e.r.stages.add(stageEncode, t)
	e.r.rep.BytesOut += int64(len(rec))
	var err error
	switch {
	case e.held != nil:
		err = e.held.add(cluster, !isDup, rec, [2]docio.Span(spans[:2]))
		if err == nil && !e.held.roomLeft() {
			err = e.release()
		}
	case e.window != nil:
		if e.window.add(cluster, !isDup, rec, [2]docio.Span(spans[:2])) > windowBytes {
			err = e.drain(windowBytes / 2)
		}
	default:
		_, err = e.out.Write(rec)
	}
	e.r.stages.add(stageWrite, t)
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// annotationFields are the fields --annotate adds to a document.
func annotationFields(cluster string, isDup bool, removed []normalize.Removal) []docio.Field {
	return []docio.Field{
		{Key: "cluster", Value: docio.AppendString(nil, cluster)},
		{Key: "duplicate", Value: []byte(fmt.Sprint(isDup))},
		{Key: "removed", Value: appendRemovals(nil, removed)}}
}

func appendRemovals(dst []byte, removed []normalize.Removal) []byte {
	dst = append(dst, '[')
	for i, rm := range removed {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"text":`...)
		dst = docio.AppendString(dst, rm.Text)
		dst = append(dst, `,"rule":`...)
		dst = docio.AppendString(dst, rm.Rule)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func (e *emitter) explain(it *item, repID string, isDup bool) {
	w := e.r.cfg.Explain
	d := it.doc
	fmt.Fprintf(w, "== %s (%s)", d.ID, position(d))
	switch {
	case len(it.removed) == 0:
		fmt.Fprint(w, ": nothing removed")
	case it.textLen() == 0:
		fmt.Fprintf(w, ": %d removed, nothing left", len(it.removed))
	default:
		fmt.Fprintf(w, ": %d removed", len(it.removed))
	}
	if isDup {
		fmt.Fprintf(w, "; dropped as a duplicate of %s", repID)
	}
	fmt.Fprintln(w)
	for _, rm := range it.removed {
		fmt.Fprintf(w, "  - [%s] %s\n", rm.Rule, rm.Text)
	}
}

// flush writes out the records buffered so far.
func (e *emitter) flush() error {
	if err := e.drain(0); err != nil {
		return err
	}
	if err := e.out.Flush(); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// finish flushes the output and the rejects, warns once of reused ids
// and writes the clusters file.
func (e *emitter) finish() error {
	if max := e.r.cfg.ErrorLines; max > 0 && e.r.rep.Errors > max {
		fmt.Fprintf(e.r.cfg.Warn, "... and %d more malformed records, not shown (all are counted in the summary and --report; --error-lines 0 names all)\n", e.r.rep.Errors-max)
	}
	if n := e.r.rep.DuplicateIDs; n > 0 {
		fmt.Fprintf(e.r.cfg.Warn, "clean: warning: %d documents reuse the id of an earlier document (the first: %s); clusters and messages that name them by id are ambiguous\n", n, e.firstDupID)
	}
	if err := e.settle(); err != nil {
		return err
	}
	if e.out != nil {
		if err := e.flush(); err != nil {
			return err
		}
	}
	if e.rejects != nil {
		if err := e.rejects.Flush(); err != nil {
			return fmt.Errorf("writing rejects: %w", err)
		}
	}
	var reps []int32
	for num := range e.dup {
		reps = append(reps, num)
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i] < reps[j] })
	e.r.rep.Clusters = int64(len(reps))
	if e.r.cfg.Clusters == nil {
		return nil
	}
	grp := make(map[int32][]string, len(e.grp))
	for num, members := range e.grp {
		slices.SortFunc(members, func(a, b member) int { return int(a.num - b.num) })
		for _, m := range members {
			grp[num] = append(grp[num], m.id)
		}
	}
	return writeClusters(e.r.cfg.Clusters, slices.Values(reps), e.repID, grp)
}

// writeClusters writes the clusters file: per representative with
// duplicates (reps, in document order), its id and its members' ids.
func writeClusters(dst io.Writer, reps iter.Seq[int32], repID func(int32) string, grp map[int32][]string) error {
	w := bufio.NewWriter(dst)
	var buf []byte
	for num := range reps {
		repID := repID(num)
		buf = append(buf[:0], `{"cluster":`...)
		buf = docio.AppendString(buf, repID)
		buf = fmt.Appendf(buf, `,"size":%d,"members":[`, 1+len(grp[num]))
		buf = docio.AppendString(buf, repID)
		for _, id := range grp[num] {
			buf = append(buf, ',')
			buf = docio.AppendString(buf, id)
		}
		buf = append(buf, "]}\n"...)
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("writing clusters: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing clusters: %w", err)
	}
	return nil
}

// idSet is a set of 64-bit hashes: open addressing with linear probing in
// a table at most 3/4 full, so 11 to 21 bytes per member where a Go
// map[uint64]struct{} takes 24 to 36 (measured at 1 to 3 million).
type idSet struct {
	slots []uint64 // 0 marks an empty slot
	n     int
}

// add adds h and reports whether it was there already.
func (s *idSet) add(h uint64) bool {
	if h == 0 {
		h = 1
	}
	if 4*(s.n+1) > 3*len(s.slots) {
		old := s.slots
		s.slots, s.n = make([]uint64, max(1024, 2*len(old))), 0
		for _, o := range old {
			if o != 0 {
				s.add(o)
			}
		}
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case 0:
			s.slots[i] = h
			s.n++
			return false
		case h:
			return true
		}
	}
}
