package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/cespare/xxhash/v2"
	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
	"github.com/newsclean/clean/simhash"
)

// Shard verbs: a run split into steps that any scheduler can drive, each
// a composition of the stage functions Run composes (run.go):
//
//	Learn       open, count            -> a shard's site-repeat counts
//	MergeTables                        -> the table (counts summed, judged)
//	Sketch      open, prepare, process -> a shard's sketches
//	Cluster     the decider over every shard's sketches, in shard order
//	Apply       open, prepare, emit    -> a shard's output
//
// A shard is a byte range of the concatenated inputs: a JSON Lines
// document belongs to the shard its line starts in, any other input
// (compressed, a text or HTML file) to the shard its first byte is in.
// Documents keep their global order, the table is learned from every
// document and clustering runs once over all sketches in that order, so
// the shards' outputs, concatenated in shard order, are the single run's
// output byte for byte and their reports sum to its report (timings
// aside).

// Shard is the Index-th of Count parts of a run's inputs; Count 0 or 1 is
// all of them.
type Shard struct{ Index, Count int }

// ParseShard reads "i/n", 0 <= i < n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 0 <= i < n", s)
	}
	return Shard{Index: i, Count: n}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, max(s.Count, 1)) }

// pieces returns the pieces of inputs in shard s and the hash of the
// input listing.
func (s Shard) pieces(inputs []source) ([]piece, uint64, error) {
	sizes := make([]int64, len(inputs))
	for i, in := range inputs {
		if in.Err != nil {
			continue
		}
		st, err := os.Stat(in.Path)
		if in.Path == "-" || err != nil || !st.Mode().IsRegular() {
			if s.Count > 1 {
				return nil, 0, fmt.Errorf("%w: %s: a sharded run reads regular files only", ErrUnreadable, in.Path)
			}
			continue
		}
		sizes[i] = st.Size()
	}
	hash := inputsHash(inputs, sizes)
	var ps []piece
	if s.Count <= 1 {
		for i, in := range inputs {
			ps = append(ps, whole(in, i))
		}
		return ps, hash, nil
	}
	var total int64
	for _, n := range sizes {
		total += n
	}
	lo, hi := total*int64(s.Index)/int64(s.Count), total*int64(s.Index+1)/int64(s.Count)
	last := s.Index == s.Count-1
	var at int64 // the input's offset in the concatenation
	for i, in := range inputs {
		size := sizes[i]
		start, end := at, at+size
		at = end
		owns := lo <= start && start < hi || last && start == total
		if size == 0 || !splittable(in) {
			if owns {
				ps = append(ps, whole(in, i))
			}
			continue
		}
		if end <= lo || start >= hi {
			continue
		}
		p, err := lineRange(in, i, max(lo-start, 0), hi-start, size)
		if err != nil {
			return nil, 0, fmt.Errorf("%w: %w", ErrUnreadable, err)
		}
		if p.end < 0 || p.off < p.end {
			ps = append(ps, p)
		}
	}
	return ps, hash, nil
}

// splittable: an uncompressed JSON Lines file, which shards cut by lines.
// A WARC file goes whole to a shard: its records hold lines of their own.
func splittable(in source) bool {
	switch in.Format {
	case docio.FormatText, docio.FormatHTML, docio.FormatParquet, docio.FormatWARC:
		return false
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return false // whole: reading it will tell
	}
	defer f.Close()
	return !docio.Compressed(f)
}

// lineRange is the piece of input i holding the lines that start in [a,
// b) of the file (b >= size: to its end); the lines before it are
// counted when it is read (linesBefore).
func lineRange(in source, i int, a, b, size int64) (piece, error) {
	f, err := os.Open(in.Path)
	if err != nil {
		return piece{}, err
	}
	defer f.Close()
	p := piece{in: in, input: i, end: -1}
	buf := make([]byte, 1<<20)
	lineStart := func(at int64) (int64, error) { // the first line start >= at
		if at == 0 {
			return 0, nil
		}
		for pos := at - 1; pos < size; {
			n, err := f.ReadAt(buf, pos)
			if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
				return pos + int64(i) + 1, nil
			}
			pos += int64(n)
			if err != nil {
				break
			}
		}
		return size, nil
	}
	if p.off, err = lineStart(a); err != nil {
		return p, err
	}
	if b < size {
		if p.end, err = lineStart(b); err != nil {
			return p, err
		}
	}
	p.countLines = p.off > 0
	if p.off >= size {
		p.end = p.off // nothing starts in the range
	}
	return p, nil
}

// linesBefore counts the lines of p's file before p, which name its
// documents without an id (FILE:LINE) as a single run does. Reading them
// is fast (bytes.Count) but not free: 0.2 CPU-s per GB, which the learn
// pass and an apply replaying its texts never need, so the pass that
// reads the documents counts them.
func (p piece) linesBefore() (int, error) {
	f, err := os.Open(p.in.Path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, 1<<20)
	lines := 0
	for pos := int64(0); pos < p.off; {
		n, err := f.ReadAt(buf[:min(int64(len(buf)), p.off-pos)], pos)
		lines += bytes.Count(buf[:n], []byte{'\n'})
		pos += int64(n)
		if err != nil && pos < p.off {
			return lines, fmt.Errorf("%s: %w", p.in.Path, err)
		}
	}
	return lines, nil
}

// repiece updates the pieces of input i after it was spooled.
func (r *runner) repiece(i int) {
	for j := range r.pieces {
		if r.pieces[j].input == i {
			r.pieces[j].in = r.inputs[i]
		}
	}
}

// Learn counts the lines of shard's documents per site (the learn pass)
// and writes the counts to w, for MergeTables.
func Learn(ctx context.Context, cfg Config, shard Shard, w io.Writer) (*Report, error) {
	return execute(cfg, shard, func(r *runner) error {
		if err := r.open(); err != nil {
			return err
		}
		if err := r.spoolPipes(ctx); err != nil {
			return err
		}
		counter, err := r.count(ctx)
		if err != nil {
			return err
		}
		r.reportDropped(counter)
		payload, err := counter.AppendCounts(nil)
		if err != nil {
			return fmt.Errorf("learning site repetition: %w", err)
		}
		return writeShardFile(w, fileHeader{kind: kindCounts, options: optionsHash(r.cfg), inputs: r.inputsHash}, payload)
	})
}

// Counts sums site-repeat counts: the files of Learn, or of Counts
// itself, which lets a distributed runner sum them in any grouping (a
// Beam combine, beam/). The table depends only on the sum, so any
// grouping gives the single run's table.
type Counts struct {
	options, inputs uint64
	c               *normalize.RepeatCounter
}

// NewCounts returns an empty sum for the run of cfg.
func NewCounts(cfg Config) *Counts {
	return &Counts{options: optionsHash(cfg), c: normalize.NewRepeatCounter()}
}

// Add adds the counts file f, which must be of the same options and
// inputs as those added before.
func (s *Counts) Add(f File) error {
	h, payload, err := readShardFile(f, kindCounts)
	if err != nil {
		return err
	}
	if s.inputs == 0 {
		s.inputs = h.inputs
	}
	if err := checkHeader(f.Path, h, s.options, s.inputs); err != nil {
		return err
	}
	if err := s.c.AddCounts(payload); err != nil {
		return fmt.Errorf("%s: %w", f.Path, err)
	}
	return nil
}

// WriteCounts writes the sum as a counts file to w; it ends the use of s.
func (s *Counts) WriteCounts(w io.Writer) error {
	payload, err := s.c.AppendCounts(nil)
	if err != nil {
		return fmt.Errorf("summing site-repeat counts: %w", err)
	}
	return writeShardFile(w, fileHeader{kind: kindCounts, options: s.options, inputs: s.inputs}, payload)
}

// WriteTable writes the site-repeat table the sum makes to w; it ends
// the use of s.
func (s *Counts) WriteTable(w io.Writer) error {
	payload, err := s.c.Table().AppendBinary(nil)
	if err != nil {
		return err
	}
	if err := s.c.Err(); err != nil {
		return fmt.Errorf("merging site-repeat counts: %w", err)
	}
	return writeShardFile(w, fileHeader{kind: kindTable, options: s.options, inputs: s.inputs}, payload)
}

// MergeTables sums the counts of every shard (the files of Learn) and
// writes the site-repeat table they make to w.
func MergeTables(cfg Config, counts []File, w io.Writer) error {
	if len(counts) == 0 {
		return errors.New("no counts files")
	}
	s := NewCounts(cfg)
	for _, f := range counts {
		if err := s.Add(f); err != nil {
			return err
		}
	}
	return s.WriteTable(w)
}

// loadTable reads the table file (none with learning off).
func (r *runner) loadTable(table File) (*normalize.RepeatTable, uint64, error) {
	if !r.learnNeeded() {
		return nil, 0, nil
	}
	if table.none() {
		return nil, 0, errors.New("site-repeat learning is on: give the table of learn-merge (--table), or --site-repeat=false")
	}
	h, payload, err := readShardFile(table, kindTable)
	if err != nil {
		return nil, 0, err
	}
	if err := checkHeader(table.Path, h, optionsHash(r.cfg), r.inputsHash); err != nil {
		return nil, 0, err
	}
	t := new(normalize.RepeatTable)
	if err := t.UnmarshalBinary(payload); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", table.Path, err)
	}
	return t, xxhash.Sum64(payload), nil
}

// clustered: a document of the emit pass that reaches the decider.
func (r *runner) clustered(it *item) bool {
	return it.doc.Err == nil && it.textLen() > 0 && r.cfg.Dedup != DedupOff
}

// Sketch strips and fingerprints shard's documents with the table of
// MergeTables (none with site-repeat learning off) and
// writes what the decider needs of each to w, for Cluster; with
// textsPath, it also keeps the stripped texts there, for Apply.
func Sketch(ctx context.Context, cfg Config, shard Shard, table File, textsPath string, w io.Writer) (*Report, error) {
	return execute(cfg, shard, func(r *runner) error {
		if err := r.open(); err != nil {
			return err
		}
		t, tableHash, err := r.loadTable(table)
		if err != nil {
			return err
		}
		if err := r.prepare(t); err != nil {
			return err
		}
		var texts *textsWriter
		if textsPath != "" {
			if texts, err = createTexts(textsPath, shard, r.cfg); err != nil {
				return err
			}
			r.batchDone = texts.endBatch
		}
		// The entries go to a temporary file, copied behind the head at
		// the end: a shard's sketches are not held in memory.
		tmp, err := os.CreateTemp("", "clean-sketches-*")
		if err != nil {
			return fmt.Errorf("sketches: %w", err)
		}
		r.temps = append(r.temps, tmp.Name())
		defer tmp.Close()
		entries := bufio.NewWriterSize(tmp, 1<<20)
		var entry []byte
		docs := 0
		ids := xxhash.New()
		err = r.pass(ctx, "sketch", r.process, func(it *item) error {
			r.rep.DocsIn++
			if texts != nil {
				texts.add(it)
			}
			if !r.clustered(it) {
				return nil
			}
			docs++
			ids.WriteString(it.doc.ID)
			ids.Write([]byte{0})
			entry = appendEntry(entry[:0], r.cfg.Dedup, it)
			entries.Write(entry)
			return nil
		})
		if texts != nil {
			err = texts.finish(fileHeader{kind: kindTexts, options: optionsHash(r.cfg), inputs: r.inputsHash}, err)
		}
		if err == nil {
			err = entries.Flush()
		}
		if err != nil {
			return err
		}
		head := binary.AppendUvarint(nil, uint64(shard.Index))
		head = binary.AppendUvarint(head, uint64(max(shard.Count, 1)))
		head = binary.LittleEndian.AppendUint64(head, tableHash)
		head = binary.LittleEndian.AppendUint64(head, ids.Sum64())
		head = binary.AppendUvarint(head, uint64(docs))
		var readErr error
		err = writeShardStream(w, fileHeader{kind: kindSketches, options: optionsHash(r.cfg), inputs: r.inputsHash}, func(emit func([]byte)) {
			emit(head)
			buf := make([]byte, 1<<20)
			for off := int64(0); ; {
				n, err := tmp.ReadAt(buf, off)
				emit(buf[:n])
				off += int64(n)
				if err == io.EOF {
					return
				}
				if err != nil {
					readErr = err
					return
				}
			}
		})
		if readErr != nil {
			return fmt.Errorf("sketches: reading %s: %w", tmp.Name(), readErr)
		}
		return err
	})
}

// shardSketches is a sketch file, its head read.
type shardSketches struct {
	file       File
	path       string
	shard      Shard
	table, ids uint64
	docs       int
	inputs     uint64
	rd         *shardReader // at the first entry
}

// readSketches opens the sketch file and reads its head.
func readSketches(file File, options uint64) (*shardSketches, error) {
	rd, err := openShardFile(file, kindSketches)
	if err != nil {
		return nil, err
	}
	s := &shardSketches{file: file, path: file.Path, inputs: rd.h.inputs, rd: rd}
	if err := s.head(options); err != nil {
		rd.f.Close()
		return nil, err
	}
	return s, nil
}

func (s *shardSketches) head(options uint64) error {
	if err := checkHeader(s.path, s.rd.h, options, 0); err != nil {
		return err
	}
	var f [5]uint64
	for i := range f {
		var err error
		if i == 2 || i == 3 {
			var b [8]byte
			_, err = io.ReadFull(s.rd, b[:])
			f[i] = binary.LittleEndian.Uint64(b[:])
		} else {
			f[i], err = binary.ReadUvarint(s.rd)
		}
		if err != nil {
			return fmt.Errorf("%s: truncated", s.path)
		}
	}
	if f[1] == 0 || f[0] >= f[1] || f[1] > 1<<20 || f[4] > uint64(s.rd.left) {
		return fmt.Errorf("%s: bad shard header", s.path)
	}
	s.shard = Shard{Index: int(f[0]), Count: int(f[1])}
	s.table, s.ids, s.docs = f[2], f[3], int(f[4])
	return nil
}

// each calls fn with every entry of s, in order, as an item for the
// decider, and checks the file's checksum at its end.
func (s *shardSketches) each(dedup string, fn func(*item)) error {
	return s.end(eachEntry(s.rd, s.path, s.docs, dedup, fn))
}

// eachID calls fn with the id of every entry of s, in order, valid
// during the call only, without decoding the sketches, and checks the
// file's checksum at its end.
func (s *shardSketches) eachID(fn func(id []byte)) error {
	return s.end(eachFrame(s.rd, s.path, s.docs, func(id, _ []byte) error {
		fn(id)
		return nil
	}))
}

// end closes s after reading its entries (err, if any, the reading's)
// and checks the checksum when they were read whole.
func (s *shardSketches) end(err error) error {
	if err != nil {
		s.rd.f.Close()
		return err
	}
	return s.rd.close()
}

// entryReader is where entries are read from: a shard file, or bytes.
type entryReader interface {
	io.Reader
	io.ByteReader
}

// appendEntry appends what the decider needs of it, as sketch files hold
// it: a frame holding the id, the text's length and the sketch or exact
// key.
func appendEntry(b []byte, dedup string, it *item) []byte {
	data := binary.AppendUvarint(nil, uint64(it.textLen()))
	if dedup == DedupExact {
		data = binary.LittleEndian.AppendUint64(data, it.key)
	} else {
		data, _ = it.sketch.AppendBinary(data)
	}
	return appendFrame(b, it.doc.ID, data)
}

// eachEntry reads docs entries written by appendEntry from rd and calls
// fn with each; fn must not keep the item's sketch.
func eachEntry(rd entryReader, path string, docs int, dedup string, fn func(*item)) error {
	var buf simhash.Sketch // its chunks are decoded into for every entry: fn keeps none
	return eachFrame(rd, path, docs, func(id, data []byte) error {
		it := item{doc: &docio.Doc{ID: string(id)}, sketch: buf}
		length, k := binary.Uvarint(data)
		if k <= 0 {
			return errCorrupt
		}
		it.length, data = int(length), data[k:]
		if dedup == DedupExact {
			if len(data) != 8 {
				return errCorrupt
			}
			it.key = binary.LittleEndian.Uint64(data)
		} else if err := it.sketch.UnmarshalBinary(data); err != nil {
			return err
		}
		buf.Chunks = it.sketch.Chunks
		fn(&it)
		return nil
	})
}

// errCorrupt is what a frame's reader returns for data it cannot parse.
var errCorrupt = errors.New("truncated or corrupt entries")

// eachFrame reads docs frames written by appendFrame from rd and calls fn
// with each one's id and data, valid during the call only.
func eachFrame(rd entryReader, path string, docs int, fn func(id, data []byte) error) error {
	bad := fmt.Errorf("%s: %w", path, errCorrupt)
	var buf []byte
	for range docs {
		size, err := binary.ReadUvarint(rd)
		if err != nil || size > 1<<30 {
			return bad
		}
		buf = slices.Grow(buf[:0], int(size))[:size]
		if _, err := io.ReadFull(rd, buf); err != nil {
			return bad
		}
		n, k := binary.Uvarint(buf)
		if k <= 0 || n > uint64(len(buf)-k) {
			return bad
		}
		if err := fn(buf[k:k+int(n)], buf[k+int(n):]); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

// Cluster runs the decider over the sketch files of every shard, in
// shard order (whatever their order in sketches), and writes each
// document's representative to w, for Apply; with cfg.Clusters set it
// writes the clusters file as Run does.
func Cluster(cfg Config, sketches []File, w io.Writer) (*Report, error) {
	rep := &Report{BytesStrippedByRule: map[string]int64{}, ErrorsByReason: map[string]int64{}}
	options := optionsHash(cfg)
	var shards []*shardSketches
	for _, file := range sketches {
		s, err := readSketches(file, options)
		if err != nil {
			return rep, err
		}
		s.rd.f.Close() // read again in turn, streamed
		s.rd = nil     // nor its 1 MB buffer held for each shard meanwhile
		shards = append(shards, s)
	}
	if len(shards) == 0 {
		return rep, errors.New("no sketch files")
	}
	slices.SortFunc(shards, func(a, b *shardSketches) int { return a.shard.Index - b.shard.Index })
	for i, s := range shards {
		switch {
		case s.shard.Count != len(shards):
			return rep, fmt.Errorf("%s: shard %v, but %d sketch files given", s.path, s.shard, len(shards))
		case s.shard.Index != i:
			return rep, fmt.Errorf("%s: shard %v given twice", s.path, s.shard)
		case s.inputs != shards[0].inputs || s.table != shards[0].table:
			return rep, fmt.Errorf("%s: made for other inputs or another table than %s", s.path, shards[0].path)
		}
	}
	// The decider keeps no ids (Annotate and Clusters off): the ids
	// wanted are read in a pass of their own, below.
	d := newDecider(Config{Dedup: cfg.Dedup, Keep: cfg.Keep, Simhash: cfg.Simhash, Warn: cfg.Warn})
	total := 0
	for _, s := range shards {
		total += s.docs
	}
	reps := make([]int32, 0, total)
	forEach := func(fn func(*item)) error {
		for _, s := range shards {
			fresh, err := readSketches(s.file, options)
			if err != nil {
				return err
			}
			if err := fresh.each(cfg.Dedup, fn); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	if cfg.Keep == KeepLongest {
		if err = forEach(func(it *item) { d.observe(it) }); err == nil {
			d.chooseLongest()
			for _, c := range d.cluster {
				reps = append(reps, d.best[c])
			}
		}
	} else {
		err = forEach(func(it *item) {
			_, c := d.add(it)
			reps = append(reps, c)
		})
		if d.cl != nil {
			// Clusters merged after their documents were decided
			// (late.go): each document goes with the cluster it ended in.
			for num, c := range reps {
				reps[num] = int32(d.cl.Resolve(int(c)))
			}
		}
	}
	if err != nil {
		return rep, err
	}
	// The representatives with duplicates.
	// A bit per document, not a list: at 10M documents a list cost 1.3
	// bytes per document more at the peak.
	hasDups := make([]uint64, (len(reps)+63)/64)
	for num, r := range reps {
		if int32(num) == r {
			continue
		}
		rep.Duplicates++
		if bit := uint64(1) << (r % 64); hasDups[r/64]&bit == 0 {
			hasDups[r/64] |= bit
			rep.Clusters++
		}
	}
	// The ids of the representatives with duplicates, which the decisions
	// carry whatever the flags: apply names a duplicate's representative
	// held by another shard (--annotate, --explain) from them. With
	// --clusters, the duplicates' ids too. Read in a second pass over the
	// sketch files, ids only, so that clustering held no id. names holds
	// them as the decisions do: each one's number and id, in increasing
	// order; with --clusters, withDups and repIDs hold them too.
	var names []byte
	grp := map[int32][]string{}
	var withDups []int32
	repIDs := map[int32]string{}
	num := 0
	for _, s := range shards {
		fresh, err := readSketches(s.file, options)
		if err == nil {
			err = fresh.eachID(func(id []byte) {
				switch r := reps[num]; {
				case int(r) != num && cfg.Clusters != nil:
					grp[r] = append(grp[r], string(id))
				case int(r) == num && hasDups[num/64]&(1<<(num%64)) != 0:
					names = binary.AppendUvarint(names, uint64(num))
					names = appendString(names, id)
					if cfg.Clusters != nil {
						withDups = append(withDups, r)
						repIDs[r] = string(id)
					}
				}
				num++
			})
		}
		if err != nil {
			return rep, err
		}
	}
	rep.DocsIn = int64(len(reps))
	if cfg.Clusters != nil {
		if err := writeClusters(cfg.Clusters, slices.Values(withDups), func(r int32) string { return repIDs[r] }, grp); err != nil {
			return rep, err
		}
	}
	// The decisions are written without a copy of them in memory (see
	// Memory in the package comment): what the cluster step holds per
	// document is the clusterer's and reps.
	gen := func(emit func([]byte)) {
		b := binary.AppendUvarint(nil, uint64(len(shards)))
		for _, s := range shards {
			b = binary.AppendUvarint(b, uint64(s.docs))
			b = binary.LittleEndian.AppendUint64(b, s.ids)
		}
		b = binary.LittleEndian.AppendUint64(b, shards[0].table)
		for num, r := range reps {
			if len(b) > 64<<10 {
				emit(b)
				b = b[:0]
			}
			b = binary.AppendVarint(b, int64(num)-int64(r))
		}
		b = binary.AppendUvarint(b, uint64(rep.Clusters))
		emit(b)
		emit(names)
	}
	return rep, writeShardStream(w, fileHeader{kind: kindDecisions, options: options, inputs: shards[0].inputs}, gen)
}

// decisions is what Apply reads of the file of Cluster.
type decisions struct {
	docs  []int    // clustered documents per shard
	ids   []uint64 // digest of their ids per shard
	table uint64
	reps  []int32          // each document's representative
	names map[int32]string // ids of the representatives with duplicates
}

func readDecisions(file File, options, inputs uint64) (*decisions, error) {
	h, payload, err := readShardFile(file, kindDecisions)
	if err != nil {
		return nil, err
	}
	if err := checkHeader(file.Path, h, options, inputs); err != nil {
		return nil, err
	}
	bad := fmt.Errorf("%s: corrupt decisions", file.Path)
	p := 0
	uvarint := func() uint64 {
		v, n := binary.Uvarint(payload[p:])
		if n <= 0 {
			p = len(payload) + 1
			return 0
		}
		p += n
		return v
	}
	u64 := func() uint64 {
		if len(payload)-p < 8 {
			p = len(payload) + 1
			return 0
		}
		p += 8
		return binary.LittleEndian.Uint64(payload[p-8:])
	}
	d := &decisions{names: map[int32]string{}}
	shards := uvarint()
	if shards > uint64(len(payload)) {
		return nil, bad
	}
	total := 0
	for range shards {
		d.docs = append(d.docs, int(uvarint()))
		d.ids = append(d.ids, u64())
		total += d.docs[len(d.docs)-1]
	}
	d.table = u64()
	if p > len(payload) || total > len(payload) {
		return nil, bad
	}
	d.reps = make([]int32, total)
	for num := range d.reps {
		v, n := binary.Varint(payload[p:])
		if n <= 0 || int64(num)-v < 0 || int64(num)-v >= int64(total) {
			return nil, bad
		}
		p += n
		d.reps[num] = int32(int64(num) - v)
	}
	for n := uvarint(); n > 0 && p <= len(payload); n-- {
		num := uvarint()
		l := uvarint()
		if p > len(payload) || l > uint64(len(payload)-p) {
			return nil, bad
		}
		d.names[int32(num)] = string(payload[p : p+int(l)])
		p += int(l)
	}
	if p != len(payload) {
		return nil, bad
	}
	return d, nil
}

// Apply strips shard's documents with the table (none with site-repeat
// learning off) and writes them as Run would, each kept or not as
// decisions (the file of Cluster) says. The shards' outputs,
// concatenated in shard order, are Run's. With texts (the texts file of
// Sketch; the zero File: none) it takes the stripped texts from there
// instead of extracting and stripping again, and without --annotate,
// rejects or Parquet output it replays the sketch pass's batches from it
// without reading the inputs at all (texts.go).
func Apply(ctx context.Context, cfg Config, shard Shard, table, decisions, texts File) (*Report, error) {
	return execute(cfg, shard, func(r *runner) error {
		if err := r.open(); err != nil {
			return err
		}
		t, tableHash, err := r.loadTable(table)
		if err != nil {
			return err
		}
		decisionsPath := decisions.Path
		dec, err := readDecisions(decisions, optionsHash(r.cfg), r.inputsHash)
		if err != nil {
			return err
		}
		i := shard.Index
		switch {
		case len(dec.docs) != max(shard.Count, 1):
			return fmt.Errorf("%s: decisions for %d shards, not %d", decisionsPath, len(dec.docs), max(shard.Count, 1))
		case dec.table != tableHash:
			return fmt.Errorf("%s: decisions made with another site-repeat table than %s", decisionsPath, table.Path)
		}
		if err := r.prepare(t); err != nil {
			return err
		}
		base := 0
		for _, n := range dec.docs[:i] {
			base += n
		}
		want := dec.docs[i]
		// The decider answers from the decisions: each document's
		// representative, as the keep-longest emit pass does.
		d := &decider{cfg: r.cfg, n: int32(base), cluster: dec.reps, best: make([]int32, len(dec.reps))}
		for num := range d.best {
			d.best[num] = int32(num)
		}
		seen := 0
		ids := xxhash.New()
		check := func(consume func(*item) error) func(*item) error {
			return func(it *item) error {
				if r.clustered(it) {
					if seen++; seen > want {
						return fmt.Errorf("%s: more documents in shard %v than the decisions hold (%d): other inputs or options", decisionsPath, shard, want)
					}
					ids.WriteString(it.doc.ID)
					ids.Write([]byte{0})
				}
				return consume(it)
			}
		}
		hooks := emitHooks{ids: dec.names, wrap: check}
		var stripped *textsReader
		if !texts.none() {
			if stripped, err = openTexts(texts, shard, optionsHash(r.cfg), r.inputsHash); err != nil {
				return err
			}
			defer stripped.rd.f.Close()
		}
		_, parquet := r.cfg.Output.(*docio.ParquetOutput)
		var replayErr error
		switch {
		case stripped == nil:
		case stripped.layout == layoutReplay && (parquet || r.cfg.Explain != nil):
			// Parquet rows are written from the texts, and --explain
			// shows the removed ones, which the file does not hold:
			// extract and strip again.
			stripped = nil
		case stripped.layout == layoutReplay && r.cfg.Rejects == nil:
			hooks.work = func(*batch) {}
			hooks.feed = func(send func(*batch) bool) { replayErr = stripped.replay(send) }
		default:
			// The inputs are read again (--annotate; the rejects want
			// the records as read), the texts taken from the file.
			fill := stripped.fill
			if stripped.layout == layoutReplay {
				fill = stripped.fillReplay
			}
			hooks.work = func(*batch) {} // the texts are read in order, by fill
			hooks.wrap = func(consume func(*item) error) func(*item) error {
				consume = check(consume)
				return func(it *item) error {
					if err := fill(it); err != nil {
						return err
					}
					return consume(it)
				}
			}
		}
		err = r.emit(ctx, d, hooks)
		if replayErr != nil {
			err = replayErr
		}
		if err == nil && stripped != nil && stripped.layout == layoutReplay && hooks.feed == nil {
			err = stripped.skipEnds()
		}
		if err == nil && stripped != nil {
			err = stripped.rd.close()
		}
		if err == nil && (seen != want || ids.Sum64() != dec.ids[i]) {
			err = fmt.Errorf("%s: shard %v holds other documents than the decisions were made for", decisionsPath, shard)
		}
		// A cluster counts in the shard of its representative.
		hasDups := make([]bool, want)
		for num, rp := range dec.reps {
			if int(rp) != num && int(rp) >= base && int(rp) < base+want {
				hasDups[int(rp)-base] = true
			}
		}
		r.rep.Clusters = int64(len(slices.DeleteFunc(hasDups, func(b bool) bool { return !b })))
		return err
	})
}
