package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
)

// Incremental dedup (Config.Index): the representatives kept by earlier
// runs, their ids and what the decider needs of them (a sketch, or the
// exact key, and the text's length), in the entry format of sketch files.
// A run clusters them first, as documents 0 to K-1, so a document of
// today's corpus that joins one of them is its duplicate, named by its
// id; then it saves them back with today's representatives appended,
// through a temporary file renamed over the index, so an interrupted or
// failed run leaves the old index whole.

// index is the loaded index and the entries of today's representatives.
type index struct {
	path    string
	docs    int    // entries loaded
	at      int64  // where they start in the file (save copies them from there)
	entries []byte // today's
	added   int
}

// indexOptions hashes what an index's entries depend on: the dedup mode
// and the fingerprint's options. (Stripping options change the texts but
// an index spans runs whose flags may differ: they stay the user's call.)
func indexOptions(cfg Config) uint64 {
	c := Config{Dedup: cfg.Dedup, Simhash: cfg.Simhash}
	return optionsHash(c)
}

// loadIndex reads the index at cfg.Index (a missing file is an empty
// index) and clusters its entries into d, ids into ids.
func (r *runner) loadIndex(d *decider, ids map[int32]string) (*index, error) {
	x := &index{path: r.cfg.Index}
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
	if rd.h.options != indexOptions(r.cfg) {
		rd.f.Close()
		return nil, fmt.Errorf("--index: %s: made with another --dedup or other clustering options", x.path)
	}
	n, err := binary.ReadUvarint(rd)
	if err != nil || n > uint64(rd.left) {
		rd.f.Close()
		return nil, fmt.Errorf("--index: %s: corrupt", x.path)
	}
	x.docs, x.at = int(n), headerSize+rd.size-rd.left
	s := &shardSketches{path: x.path, docs: x.docs, rd: rd}
	err = s.each(r.cfg.Dedup, func(it *item) {
		// An indexed document was kept and published: it stays its
		// cluster's representative whatever the keep policy.
		if r.clusterFirst() {
			it.length = math.MaxInt
			d.observe(it)
			return
		}
		num, c := d.add(it)
		if num == c && ids != nil {
			ids[num] = it.doc.ID
		}
	})
	if err != nil {
		return nil, fmt.Errorf("--index: %w", err)
	}
	return x, nil
}

// keep appends a representative of today's run to the index.
func (x *index) keep(r *runner, it *item) {
	x.added++
	x.entries = appendEntry(x.entries, r.cfg.Dedup, it)
}

// appendEntry appends what the decider needs of it, as sketch files and
// the index hold it: a frame (its length, a uvarint) holding the id, the
// text's length and the sketch or exact key.
func appendEntry(b []byte, dedup string, it *item) []byte {
	start := len(b)
	b = binary.AppendUvarint(b, uint64(len(it.doc.ID)))
	b = append(b, it.doc.ID...)
	b = binary.AppendUvarint(b, uint64(it.textLen()))
	if dedup == DedupExact {
		b = binary.LittleEndian.AppendUint64(b, it.key)
	} else {
		b, _ = it.sketch.AppendBinary(b)
	}
	return slices.Insert(b, start, binary.AppendUvarint(nil, uint64(len(b)-start))...)
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
	w := newShardWriter(f)
	w.Write(binary.AppendUvarint(nil, uint64(x.docs+x.added)))
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
	return w.finish(fileHeader{kind: kindIndex, options: indexOptions(r.cfg), inputs: 1})
}
