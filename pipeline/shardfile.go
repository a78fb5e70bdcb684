package pipeline

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/cespare/xxhash/v2"

	"github.com/newsclean/clean/simhash"
)

// The files the shard verbs pass between them share one container: a
// header (magic, format version, kind, the hashes of the options and of
// the input listing they were made for, the payload's length), the
// payload, and an xxhash64 of header and payload. A file is read whole and
// checked before use, so a truncated, corrupt or foreign file, or one made
// for other options or inputs, is an error that names it, never a wrong
// output.

const (
	shardMagic   = "cleanshd"
	shardVersion = 1
	headerSize   = 8 + 2 + 1 + 1 + 8 + 8 + 8
)

// fileKind says what a shard file holds.
type fileKind uint8

const (
	kindCounts      fileKind = 1 + iota // a shard's site-repeat counts (learn)
	kindTable                           // the merged site-repeat table (learn-merge)
	kindSketchesV1                      // retired: sketches without their opening hash, refused by name
	kindDecisionsV1                     // retired: decisions of an older clean, which held ids for --annotate and --clusters only
	kindIndex                           // representatives of earlier runs (--index)
	kindTextsV1                         // retired: the texts of an older clean, refused by name
	kindTextsV2                         // retired: replayed removals held their texts
	kindTexts                           // a shard's stripped texts (sketch --texts), texts.go
	kindDecisions                       // every document's representative (cluster), and the ids of those with duplicates
	kindSketches                        // a shard's sketches (sketch)
)

const olderTexts = "stripped texts of an older clean (sketch --texts again)"

var kindNames = map[fileKind]string{kindCounts: "site-repeat counts", kindTable: "site-repeat table", kindSketchesV1: "sketches of an older clean (sketch again)", kindSketches: "sketches", kindDecisionsV1: "decisions of an older clean (cluster again)", kindDecisions: "decisions", kindIndex: "a dedup index", kindTextsV1: olderTexts, kindTextsV2: olderTexts, kindTexts: "stripped texts"}

func (k fileKind) String() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return fmt.Sprintf("kind %d", k)
}

// fileHeader is what a shard file says of itself.
type fileHeader struct {
	kind    fileKind
	options uint64 // optionsHash of the run that made it
	inputs  uint64 // inputsHash of its inputs (0: none read)
}

// writeShardFile writes payload as a shard file of h to w, the payload
// as it is (a learn step's counts are 19 MB per shard at 1 GB in 4).
func writeShardFile(w io.Writer, h fileHeader, payload []byte) error {
	b := make([]byte, 0, headerSize)
	b = append(b, shardMagic...)
	b = binary.LittleEndian.AppendUint16(b, shardVersion)
	b = append(b, byte(h.kind), 0)
	b = binary.LittleEndian.AppendUint64(b, h.options)
	b = binary.LittleEndian.AppendUint64(b, h.inputs)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(payload)))
	sum := xxhash.New()
	sum.Write(payload)
	sum.Write(b)
	for _, part := range [][]byte{b, payload, binary.LittleEndian.AppendUint64(nil, sum.Sum64())} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// writeShardStream writes a shard file of h to w whose payload gen emits,
// in pieces, without holding it: gen runs twice, to measure and hash the
// payload, then to write it after the header.
func writeShardStream(w io.Writer, h fileHeader, gen func(emit func([]byte))) error {
	sum := xxhash.New()
	var n int64
	gen(func(b []byte) { sum.Write(b); n += int64(len(b)) })
	var hdr bytes.Buffer
	writeShardFile(&hdr, h, nil)
	head := hdr.Bytes()[:headerSize]
	binary.LittleEndian.PutUint64(head[headerSize-8:], uint64(n))
	sum.Write(head)
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.Write(head)
	gen(func(b []byte) { bw.Write(b) })
	bw.Write(binary.LittleEndian.AppendUint64(nil, sum.Sum64()))
	return bw.Flush()
}

// shardWriter streams the payload of a shard file to f; finish writes
// the header in front (the checksum covers the payload, then the header,
// so that the header can be written last).
type shardWriter struct {
	f   *os.File
	w   *bufio.Writer
	sum *xxhash.Digest
	n   int64
	err error // of writing the header's room
}

func newShardWriter(f *os.File) *shardWriter {
	s := &shardWriter{f: f, sum: xxhash.New()}
	s.w = bufio.NewWriterSize(io.MultiWriter(f, s.sum), 1<<20)
	_, s.err = f.Write(make([]byte, headerSize)) // the header's room, filled by finish
	return s
}

func (s *shardWriter) Write(p []byte) (int, error) {
	s.n += int64(len(p))
	return s.w.Write(p)
}

func (s *shardWriter) finish(h fileHeader) error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	if s.err != nil {
		return s.err
	}
	var hdr bytes.Buffer
	writeShardFile(&hdr, h, nil)
	head := hdr.Bytes()[:headerSize]
	binary.LittleEndian.PutUint64(head[headerSize-8:], uint64(s.n))
	s.sum.Write(head)
	if _, err := s.f.Write(binary.LittleEndian.AppendUint64(nil, s.sum.Sum64())); err != nil {
		return err
	}
	_, err := s.f.WriteAt(head, 0)
	return err
}

// shardReader streams the payload of a shard file, hashing it as it
// goes; close checks the checksum. The header and the file's size are
// checked when it is opened, so a truncated file fails before any use.
type shardReader struct {
	path string
	h    fileHeader
	f    io.ReadCloser
	br   *bufio.Reader
	sum  *xxhash.Digest
	size int64 // payload bytes
	left int64 // payload bytes not yet read
	one  [1]byte
	hdr  []byte // hashed after the payload
}

// File is a file the shard verbs pass between them: on disk at Path or,
// with Data set, held in memory (the elements and side inputs of a Beam
// pipeline, beam/). Path names it in messages either way. The zero File
// is none (no table: site-repeat learning off).
type File struct {
	Path string
	Data []byte
}

func (f File) none() bool { return f.Path == "" && f.Data == nil }

// FilesAt are the files on disk at paths.
func FilesAt(paths []string) []File {
	files := make([]File, len(paths))
	for i, p := range paths {
		files[i] = File{Path: p}
	}
	return files
}

// openShardFile opens file, which must be of kind want.
func openShardFile(file File, want fileKind) (*shardReader, error) {
	if file.Data != nil {
		return startShardFile(io.NopCloser(bytes.NewReader(file.Data)), int64(len(file.Data)), file.Path, want)
	}
	f, err := os.Open(file.Path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil {
		var s *shardReader
		if s, err = startShardFile(f, st.Size(), file.Path, want); err == nil {
			return s, nil
		}
	}
	f.Close()
	return nil, err
}

// startShardFile reads the header of the shard file f, of size bytes,
// and checks it against the size.
func startShardFile(f io.ReadCloser, size int64, path string, want fileKind) (*shardReader, error) {
	hdr := make([]byte, headerSize)
	n, _ := io.ReadFull(f, hdr)
	var h fileHeader
	switch {
	case n < len(shardMagic) || string(hdr[:len(shardMagic)]) != shardMagic:
		return nil, fmt.Errorf("%s: not a file of clean's shard verbs", path)
	case n < headerSize || size < headerSize+8:
		return nil, fmt.Errorf("%s: truncated (%d bytes)", path, size)
	}
	if v := binary.LittleEndian.Uint16(hdr[8:]); v != shardVersion {
		return nil, fmt.Errorf("%s: format version %d, this clean reads version %d", path, v, shardVersion)
	}
	h.kind = fileKind(hdr[10])
	h.options = binary.LittleEndian.Uint64(hdr[12:])
	h.inputs = binary.LittleEndian.Uint64(hdr[20:])
	payload := binary.LittleEndian.Uint64(hdr[28:])
	if h.kind != want {
		return nil, fmt.Errorf("%s: holds %s, not %s", path, h.kind, want)
	}
	if have := size - headerSize - 8; payload != uint64(have) {
		return nil, fmt.Errorf("%s: truncated or extended: payload of %d bytes, header says %d", path, have, payload)
	}
	s := &shardReader{path: path, h: h, f: f, br: bufio.NewReaderSize(f, 1<<20), sum: xxhash.New(), size: int64(payload), left: int64(payload), hdr: hdr}
	return s, nil
}

func (s *shardReader) Read(p []byte) (int, error) {
	if s.left == 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), s.left)]
	n, err := s.br.Read(p)
	s.sum.Write(p[:n])
	s.left -= int64(n)
	if err == io.EOF && s.left > 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (s *shardReader) ReadByte() (byte, error) {
	_, err := io.ReadFull(s, s.one[:])
	return s.one[0], err
}

// close checks that the payload was read to its end and that the
// checksum holds, and closes the file.
func (s *shardReader) close() error {
	defer s.f.Close()
	if s.left != 0 {
		return fmt.Errorf("%s: %d bytes after the last entry", s.path, s.left)
	}
	var trailer [8]byte
	if _, err := io.ReadFull(s.br, trailer[:]); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	s.sum.Write(s.hdr)
	if binary.LittleEndian.Uint64(trailer[:]) != s.sum.Sum64() {
		return fmt.Errorf("%s: checksum mismatch: the file is corrupt", s.path)
	}
	return nil
}

// readShardFile reads and checks file, which must be of kind want, and
// returns its header and payload.
func readShardFile(file File, want fileKind) (fileHeader, []byte, error) {
	s, err := openShardFile(file, want)
	if err != nil {
		return fileHeader{}, nil, err
	}
	payload := make([]byte, s.left)
	if _, err := io.ReadFull(s, payload); err != nil {
		s.f.Close()
		return s.h, nil, fmt.Errorf("%s: %w", file.Path, err)
	}
	return s.h, payload, s.close()
}

// optionsHash hashes the options that change a run's output, so that
// files made with other options are refused: every verb of a sharded run
// takes the same flags (-j aside).
func optionsHash(cfg Config) uint64 {
	h := xxhash.New()
	fmt.Fprintf(h, "fingerprint %d|", simhash.Algorithm)
	rd := cfg.Read
	fmt.Fprintf(h, "%d|%q|%q|%q|%q|%d|%v|%v|%v|%q|%q|%v|%v|", rd.Format, rd.TextField, rd.IDField, rd.HTMLField, rd.SiteField,
		rd.MaxDocBytes, rd.Encoding, cfg.Strip, cfg.SiteRepeat, cfg.Dedup, cfg.Keep, cfg.Annotate, cfg.DecodeMarkup)
	// JSON: exported fields only, no pointers, so the same in every process.
	for _, v := range []any{cfg.Simhash, cfg.Rules, cfg.DisableRules} {
		b, _ := json.Marshal(v)
		h.Write(b)
	}
	return h.Sum64()
}

// inputsHash hashes the listing of the inputs (names and sizes), which
// the shards' pieces are cut from.
func inputsHash(inputs []source, sizes []int64) uint64 {
	h := xxhash.New()
	for i, in := range inputs {
		fmt.Fprintf(h, "%q|%d|", in.Path, sizes[i])
	}
	return h.Sum64() | 1 // 0 means no inputs read
}

// checkHeader refuses a file made for other options or inputs (inputs 0:
// not checked).
func checkHeader(path string, h fileHeader, options, inputs uint64) error {
	if h.options != options {
		return fmt.Errorf("%s: made with other options or by another version of clean (every verb of a sharded run takes the same flags and the same build of clean)", path)
	}
	if inputs != 0 && h.inputs != 0 && h.inputs != inputs {
		return fmt.Errorf("%s: made for other inputs (every verb of a sharded run reads the same files)", path)
	}
	return nil
}
