package pipeline

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/newsclean/clean/docio"
)

// Late duplicates. With --keep first and --dedup near the emit pass
// decides each document as it comes, but a decision can turn out early:
// two cut copies of a story that arrive before it start a cluster each,
// and the story, when it comes, holds both and merges the later cluster
// into the earlier (simhash.Clusterer.Add). The later copy was written as
// kept; it is a duplicate. On the hard near-duplicate sets, with copies
// before their stories (bench-neardup -hard, late and reversed orders),
// such documents cost the command 0.02 of pairwise recall that the
// clusterer had.
//
// So the emit pass holds its records in a temporary file, each with the
// number of the cluster it was written in, and copies them to the output
// when the pass ends, corrected (a stream, Config.Stream, holds only its
// last records, in recordWindow): a representative whose cluster was
// merged is dropped (with --annotate, marked a duplicate of the cluster
// it went into, as its duplicates are). Annotated records are corrected
// in place, at the places of their cluster and duplicate values that
// AppendJSONSpans gave, without decoding them again. The cost is the
// output's bytes written once more and copied by the kernel, and the
// file's room in the temporary directory: clean -q -o FILE on the 200 MB
// gencorpus file took 1.005 times the CPU of a run writing as it decided
// (7 pairs, 0.95-1.12; 24 of its 49,848 records were late duplicates).
// When room runs out (minFree) the records held so far are written,
// corrected as far as known, and the rest go out as decided.
// The report and the clusters file are corrected whatever the output;
// records that could not be are counted in Report.LateDuplicates and
// warned of. Parquet output and --explain get a cluster pass instead
// (Config.clusterFirst): rows cannot be corrected once written, and an
// explanation says a document is a duplicate in its place.

// heldRecords are the held records, in a temporary file as the output
// would have them, and beside them, in another, a head per record: a
// uvarint of its cluster's number plus one (0: not clustered) shifted
// left by one, the low bit set for a representative; its length; with
// --annotate the spans of its cluster and duplicate values, each end plus
// one (0: not written). The records of a run of heads that need no
// correction are copied by the kernel where the output is a plain file
// (copy_file_range): copied through user space, one pass of a 200 MB
// corpus took a third longer.
type heldRecords struct {
	recs, heads *os.File
	w, hw       *bufio.Writer
	annotated   bool
	unchecked   int64 // bytes written since the last check of free space
	head        []byte
}

// holdRecords starts the files of held records, or returns nil when the
// temporary directory has no room for them.
func holdRecords(annotated bool) *heldRecords {
	recs := tempWithRoom("clean-held-*")
	if recs == nil {
		return nil
	}
	heads := tempWithRoom("clean-held-heads-*")
	if heads == nil {
		recs.Close()
		os.Remove(recs.Name())
		return nil
	}
	return &heldRecords{recs: recs, heads: heads, w: bufio.NewWriterSize(recs, 1<<20), hw: bufio.NewWriterSize(heads, 64<<10), annotated: annotated}
}

// add holds a record written in cluster (-1: none); rep says it was
// written as its cluster's representative.
func (h *heldRecords) add(cluster int32, rep bool, rec []byte, at [2]docio.Span) error {
	b := binary.AppendUvarint(h.head[:0], uint64(cluster+1)<<1|b2u(rep))
	b = binary.AppendUvarint(b, uint64(len(rec)))
	if h.annotated {
		for _, sp := range at {
			b = binary.AppendUvarint(binary.AppendUvarint(b, uint64(sp.Start+1)), uint64(sp.End+1))
		}
	}
	h.head = b
	h.hw.Write(b)
	if _, err := h.w.Write(rec); err != nil {
		return fmt.Errorf("holding records in %s: %w", h.recs.Name(), err)
	}
	h.unchecked += int64(len(rec))
	return nil
}

// roomLeft checks free space every spaceCheckBytes held.
func (h *heldRecords) roomLeft() bool {
	if h.unchecked < spaceCheckBytes {
		return true
	}
	h.unchecked = 0
	return roomOn(h.recs.Name())
}

func (h *heldRecords) remove() {
	for _, f := range []*os.File{h.recs, h.heads} {
		f.Close()
		os.Remove(f.Name())
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// recordWindow holds the records last written to a stream, up to
// windowBytes, so that a late duplicate found while its record is still
// held is corrected in a stream too. When it is full the older half goes
// out; all of it goes out when the input pauses (a stream gets what was
// decided while it waits) and at the end. A copy and the story that
// shows it a duplicate most often come close together (in a crawl, the
// same days): on the harder near-duplicate sets, 8 MB each, the window
// holds them all and a pipe gets what a file does.
type recordWindow struct {
	recs  []windowed
	bytes int
}

type windowed struct {
	cluster int32
	rep     bool
	rec     []byte
	at      [2]docio.Span // of the cluster and duplicate values (annotated)
}

// windowBytes is the most a stream's window holds (records of that size
// and more are held one at a time); a variable for tests.
var windowBytes = 32 << 20

// add holds a copy of a record written in cluster and returns the bytes
// held.
func (w *recordWindow) add(cluster int32, rep bool, rec []byte, at [2]docio.Span) int {
	w.recs = append(w.recs, windowed{cluster, rep, slices.Clone(rec), at})
	w.bytes += len(rec)
	return w.bytes
}

// drain writes the window's oldest records, corrected as far as known,
// until it holds at most keep bytes.
func (e *emitter) drain(keep int) error {
	w := e.window
	if w == nil {
		return nil
	}
	i := 0
	for ; i < len(w.recs) && w.bytes > keep; i++ {
		r := &w.recs[i]
		w.bytes -= len(r.rec)
		if e.merged(r.cluster) {
			if err := e.writeCorrected(r.cluster, r.rep, r.rec, r.at); err != nil {
				return err
			}
		} else if _, err := e.out.Write(r.rec); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		r.rec = nil
	}
	w.recs = w.recs[i:]
	return nil
}

// release writes the records held so far, corrected as far as known, and
// writes the rest as decided: the temporary directory is running out of
// room.
func (e *emitter) release() error {
	fmt.Fprintf(e.r.cfg.Warn, "clean: warning: the temporary directory (%s) is nearly full: the records held for correction are written now, the rest as they are decided\n", os.TempDir())
	e.unheld = "the temporary directory was nearly full"
	return e.correct()
}

// settle corrects, at the end of a keep-first emit pass, what was decided
// before a later document merged clusters: the report, the clusters
// file's groups and the held records; it warns of records written
// uncorrected.
func (e *emitter) settle() error {
	d := e.d
	if d.cl == nil || d.cluster != nil {
		return nil // no clusterer, or decisions made before the pass
	}
	resolve := func(num int32) int32 { return int32(d.cl.Resolve(int(num))) }
	var late []int32 // the representatives written whose cluster merged
	for _, num := range d.cl.Merged() {
		if num >= int(e.first) {
			late = append(late, int32(num))
		}
	}
	rep := e.r.rep
	n := int64(len(late))
	rep.Duplicates += n
	rep.DocsOut -= n
	rep.LateDuplicates = n
	if n > 0 {
		dup := map[int32]bool{}
		for num := range e.dup {
			dup[resolve(num)] = true
		}
		for _, num := range late {
			dup[resolve(num)] = true
		}
		e.dup = dup
		if e.grp != nil {
			grp := map[int32][]member{}
			for num, members := range e.grp {
				root := resolve(num)
				grp[root] = append(grp[root], members...)
			}
			for _, num := range late {
				root := resolve(num)
				grp[root] = append(grp[root], member{num, e.repID(num)})
			}
			e.grp = grp
		}
	}
	if e.held != nil {
		if err := e.correct(); err != nil {
			return err
		}
	}
	if err := e.drain(0); err != nil {
		return err
	}
	if left := n - e.corrected; left > 0 && e.unheld != "" {
		fmt.Fprintf(e.r.cfg.Warn, "clean: warning: %d documents were written as kept and found later to be duplicates (a document after them joined their clusters to earlier ones), and are left in the output as written: %s. Write the output to a file (-o FILE or > FILE) to have them dropped, or use --keep longest\n", left, e.unheld)
	}
	return nil
}

// correct copies the held records to the output, each as written unless
// its cluster was merged into another since; and stops holding.
func (e *emitter) correct() error {
	h := e.held
	e.held = nil
	defer h.remove()
	fail := func(err error) error { return fmt.Errorf("copying the held records from %s: %w", h.recs.Name(), err) }
	for _, err := range []error{h.w.Flush(), h.hw.Flush()} {
		if err != nil {
			return fail(err)
		}
	}
	for _, f := range []*os.File{h.recs, h.heads} {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return fail(err)
		}
	}
	heads := bufio.NewReaderSize(h.heads, 64<<10)
	var run int64 // bytes of records to copy as they are
	copyRun := func() error {
		if run == 0 {
			return nil
		}
		// Flushed first, so that the copy goes to the output's ReadFrom.
		err := e.out.Flush()
		if err == nil {
			_, err = e.out.ReadFrom(&io.LimitedReader{R: h.recs, N: run})
		}
		run = 0
		if err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		return nil
	}
	var rec []byte
	for {
		word, err := binary.ReadUvarint(heads)
		if err == io.EOF {
			return copyRun()
		}
		size, err2 := binary.ReadUvarint(heads)
		var at [2]docio.Span
		for i := 0; h.annotated && i < 2*len(at) && err2 == nil; i++ {
			var v uint64
			v, err2 = binary.ReadUvarint(heads)
			if i%2 == 0 {
				at[i/2].Start = int(v) - 1
			} else {
				at[i/2].End = int(v) - 1
			}
		}
		if err = firstErr(err, err2); err != nil {
			return fail(err)
		}
		cluster := int32(word>>1) - 1
		if !e.merged(cluster) {
			run += int64(size)
			continue
		}
		if err := copyRun(); err != nil {
			return err
		}
		rec = slices.Grow(rec[:0], int(size))[:size]
		if _, err := io.ReadFull(h.recs, rec); err != nil {
			return fail(err)
		}
		if err := e.writeCorrected(cluster, word&1 == 1, rec, at); err != nil {
			return err
		}
	}
}

// merged reports whether cluster (-1: a record not clustered) was merged
// into another since a record was written in it.
func (e *emitter) merged(cluster int32) bool {
	return cluster >= 0 && int(cluster) != e.d.cl.Resolve(int(cluster))
}

// writeCorrected writes a held record whose cluster was merged into
// another since it was written: a representative not annotated is
// dropped, an annotated record names its new cluster's representative
// and is a duplicate.
func (e *emitter) writeCorrected(cluster int32, rep bool, rec []byte, at [2]docio.Span) error {
	if rep {
		e.corrected++
	}
	if !e.r.cfg.Annotate {
		e.r.rep.BytesOut -= int64(len(rec))
		return nil
	}
	root := int32(e.d.cl.Resolve(int(cluster)))
	fixed := reannotate(rec, at, docio.AppendString(nil, e.repID(root)))
	e.r.rep.BytesOut += int64(len(fixed) - len(rec))
	if _, err := e.out.Write(fixed); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	if b == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return b
}

// reannotate returns rec with its cluster value (at[0]) replaced by
// cluster and its duplicate value (at[1]) by true; a value not written
// (-1) is left.
func reannotate(rec []byte, at [2]docio.Span, cluster []byte) []byte {
	type change struct {
		at    docio.Span
		value []byte
	}
	changes := []change{{at[0], cluster}, {at[1], []byte("true")}}
	changes = slices.DeleteFunc(changes, func(c change) bool { return c.at.Start < 0 || c.at.End > len(rec) || c.at.Start > c.at.End })
	slices.SortFunc(changes, func(a, b change) int { return a.at.Start - b.at.Start })
	out := make([]byte, 0, len(rec)+len(cluster))
	from := 0
	for _, c := range changes {
		if c.at.Start < from {
			continue
		}
		out = append(append(out, rec[from:c.at.Start]...), c.value...)
		from = c.at.End
	}
	return append(out, rec[from:]...)
}
