package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/simhash"
)

// Incremental dedup (Config.Index): the representatives kept by earlier
// runs, their ids and what the clusterer needs of them. With --dedup near
// that is the clusterer's row of each (simhash.AppendRow: its stored
// passage keys, whole simhash, counts and checks, 60 bytes by default,
// with the checks that the clusterer's 56-byte row leaves to the index
// it makes of them again), loaded
// without fingerprinting or matching them again: the rows of a saved
// clusterer are apart from each other already. With --dedup exact it is
// the exact key, in the entry format of sketch files. With --dedup near
// the index also keeps the clusterer's former representatives (replaced
// by a longer member or merged into another cluster), each by its
// identity and the position of its cluster's representative in the
// index (simhash.Clusterer.Formers), so that an exact copy of one joins
// as in one run over all the data: 8 bytes and a uvarint each in the
// file (11 bytes at a million), 38 bytes each loaded (a Go map's entry),
// and 0.36 s more per million to load (BenchmarkIndexLoad with
// CLEAN_INDEX_FORMERS=1000000; few documents are such, 3 of 30,000 on
// gencorpus's news). A run loads the entries first, as documents 0 to
// K-1, so a document of today's corpus that joins one of them is its
// duplicate, named by its id; then it saves them back
// with today's representatives appended, through a temporary file renamed
// over the index, so an interrupted or failed run leaves the old index
// whole.
//
// BenchmarkIndexLoad, 1M synthetic representatives (EPYC, 2 cores, load
// 7-9 from other work): loading rows took a median 1.06 s (five runs) and
// reading the 91 MB file 0.02 s; the sketches the index kept before (344
// MB) took 7.6 s to load and cluster again.

// indexRowFormat is what the index header's inputs field holds (an index
// reads no inputs): the layout of the file (indexLayout) and of its near
// entries, so that an index of another layout is refused by name.
func indexRowFormat() uint64 { return indexLayout<<32 | simhash.RowFormat }

// indexLayout numbers the index's layout: 2, the former representatives'
// table before the entries. (Layout 1, without it, wrote 1 +
// simhash.RowFormat.)
const indexLayout = 2

// index is the loaded index and today's representatives.
type index struct {
	path    string
	docs    int    // entries loaded
	at      int64  // where they start in the file (save copies them from there)
	entries []byte // today's, --dedup exact
	added   int
	cl      *simhash.Clusterer // --dedup near: today's rows are read from it
	kept    map[int32]string   // --dedup near: today's kept documents' ids by cluster
}

// indexOptions hashes what an index's entries depend on: the dedup mode
// and the fingerprint's options. (Stripping options change the texts but
// an index spans runs whose flags may differ: they stay the user's call.)
func indexOptions(cfg Config) uint64 {
	c := Config{Dedup: cfg.Dedup, Simhash: cfg.Simhash}
	return optionsHash(c)
}

// loadIndex reads the index at cfg.Index (a missing file is an empty
// index) into d, the representatives' ids into ids.
func (r *runner) loadIndex(d *decider, ids map[int32]string) (*index, error) {
	x := &index{path: r.cfg.Index, kept: map[int32]string{}}
	if r.cfg.Dedup == DedupOff {
		return nil, errors.New("--index needs --dedup near or exact")
	}
	rd, err := openShardFile(File{Path: x.path}, kindIndex)
	if errors.Is(err, fs.ErrNotExist) {
		return x, nil
	}
	if err != nil {
		return nil, fmt.Errorf("--index: %w", err)
	}
	defer rd.f.Close()
	if rd.h.options != indexOptions(r.cfg) {
		return nil, fmt.Errorf("--index: %s: made with another --dedup, other clustering options or a version of clean that fingerprints otherwise; run clean --index on the records it kept to make a new one", x.path)
	}
	if rd.h.inputs != indexRowFormat() {
		return nil, fmt.Errorf("--index: %s: made by another version of clean (index format %#x, this one writes %#x); run clean --index on the records it kept to make a new one", x.path, rd.h.inputs, indexRowFormat())
	}
	n, err := binary.ReadUvarint(rd)
	if err != nil || n > uint64(rd.left) {
		return nil, fmt.Errorf("--index: %s: corrupt", x.path)
	}
	formers, err := readFormers(rd, n)
	if err != nil || len(formers) > 0 && d.cl == nil {
		return nil, fmt.Errorf("--index: %s: corrupt former representatives' table", x.path)
	}
	x.docs, x.at = int(n), headerSize+rd.size-rd.left
	err = eachFrame(rd, x.path, x.docs, func(idBytes, data []byte) error {
		id := string(idBytes)
		it := item{doc: &docio.Doc{ID: id}}
		if r.cfg.Dedup == DedupExact {
			if len(data) != 8 {
				return errCorrupt
			}
			it.key = binary.LittleEndian.Uint64(data)
		}
		num, err := d.addIndexed(&it, data)
		if err == nil && ids != nil {
			ids[num] = id
		}
		return err
	})
	if err == nil {
		err = rd.close()
	}
	for _, f := range formers {
		if err == nil {
			err = d.cl.AddFormer(f.key, f.at)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("--index: %w", err)
	}
	return x, nil
}

// former is an entry of the index's former representatives' table: the
// identity of a document that stopped representing its cluster, and the
// position in the index of the cluster's representative.
type former struct {
	key uint64
	at  int
}

// readFormers reads the index's former representatives' table (see
// appendFormers), whose positions must be below docs.
func readFormers(rd entryReader, docs uint64) ([]former, error) {
	n, err := binary.ReadUvarint(rd)
	if err != nil || n > 1<<32 {
		return nil, errCorrupt
	}
	var fs []former
	var key [8]byte
	for range n {
		if _, err := io.ReadFull(rd, key[:]); err != nil {
			return nil, err
		}
		at, err := binary.ReadUvarint(rd)
		if err != nil || at >= docs {
			return nil, errCorrupt
		}
		fs = append(fs, former{binary.LittleEndian.Uint64(key[:]), int(at)})
	}
	return fs, nil
}

// appendFormers appends the clusterer's former representatives' table to
// b: how many, then each one's identity (8 bytes) and the position of its
// cluster's representative (a uvarint): an indexed one's own, today's
// from at (filled by todaysRows).
func (x *index) appendFormers(b []byte, at map[int]int) ([]byte, error) {
	// One pass over the table (Formers sorts it): the entries, then
	// their count before them.
	var entries []byte
	n := 0
	for key, cluster := range x.cl.Formers() {
		pos := cluster
		if cluster >= x.docs {
			if pos = at[cluster]; pos < 0 {
				return nil, fmt.Errorf("former representative of cluster %d, which has no entry", cluster)
			}
		}
		entries = binary.LittleEndian.AppendUint64(entries, key)
		entries = binary.AppendUvarint(entries, uint64(pos))
		n++
	}
	return append(binary.AppendUvarint(b, uint64(n)), entries...), nil
}

// keep records a representative of today's run, kept as the document of
// cluster, for the index.
func (x *index) keep(r *runner, cluster int32, it *item) {
	if r.cfg.Dedup == DedupExact {
		x.added++
		x.entries = appendFrame(x.entries, it.doc.ID, binary.LittleEndian.AppendUint64(nil, it.key))
		return
	}
	x.kept[cluster] = it.doc.ID
}

// todaysRows appends to b the entries of today's representatives still
// representing a cluster of their own, with the id of the document kept
// for each, and returns how many; it sets the position in the index of
// those whose cluster is a key of at.
func (x *index) todaysRows(b []byte, at map[int]int) ([]byte, int, error) {
	added := 0
	var row []byte
	var err error
	x.cl.EachRepresentative(func(cluster, rep int) {
		if cluster < x.docs || err != nil {
			return // an indexed representative: its entry is copied
		}
		id, ok := x.kept[int32(cluster)]
		if !ok {
			err = fmt.Errorf("cluster %d has no document kept", cluster)
			return
		}
		row = x.cl.AppendRow(row[:0], rep)
		b = appendFrame(b, id, row)
		if _, ok := at[cluster]; ok {
			at[cluster] = x.docs + added
		}
		added++
	})
	return b, added, err
}

// appendFrame appends an entry holding id and data: its length (a
// uvarint), then the id, length-prefixed, and data.
func appendFrame(b []byte, id string, data []byte) []byte {
	idLen := len(binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64), uint64(len(id))))
	b = binary.AppendUvarint(b, uint64(idLen+len(id)+len(data)))
	b = binary.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	return append(b, data...)
}

// save writes the index with today's representatives, atomically: the
// old entries are copied from the old file rather than kept in memory.
func (x *index) save(r *runner) error {
	f, err := os.CreateTemp(filepath.Dir(x.path), filepath.Base(x.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("--index: %w", err)
	}
	err = x.write(r, f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), x.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("--index: saving %s: %w", x.path, err)
	}
	return nil
}

// write writes the index to f, the old entries copied from the old file.
func (x *index) write(r *runner, f *os.File) error {
	formers := binary.AppendUvarint(nil, 0) // --dedup exact: none
	if x.cl != nil {
		// The positions of today's representatives that former ones
		// need, found as their entries are made.
		at := map[int]int{}
		for _, cluster := range x.cl.Formers() {
			if cluster >= x.docs {
				at[cluster] = -1
			}
		}
		var err error
		if x.entries, x.added, err = x.todaysRows(nil, at); err != nil {
			return err
		}
		if formers, err = x.appendFormers(formers[:0], at); err != nil {
			return err
		}
	}
	w := newShardWriter(f)
	w.Write(binary.AppendUvarint(nil, uint64(x.docs+x.added)))
	w.Write(formers)
	if x.docs > 0 {
		old, err := os.Open(x.path)
		if err != nil {
			return err
		}
		defer old.Close()
		st, err := old.Stat()
		if err != nil {
			return err
		}
		n := st.Size() - 8 - x.at
		if copied, err := io.Copy(w, io.NewSectionReader(old, x.at, n)); err != nil || copied != n {
			return fmt.Errorf("reading %s again: %d of %d bytes: %v", x.path, copied, n, err)
		}
	}
	w.Write(x.entries)
	return w.finish(fileHeader{kind: kindIndex, options: indexOptions(r.cfg), inputs: indexRowFormat()})
}
