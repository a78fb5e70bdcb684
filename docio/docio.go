// Package docio reads documents from JSON Lines, plain-text and HTML files
// (optionally gzip- or zstd-compressed) and writes JSON Lines records.
//
// (Design notes to be written: byte-exact passthrough of JSON records,
// unbounded line length, limits.)
package docio

import (
	"errors"
	"io"
)

// Format is an input format.
type Format int

// Input formats. FormatAuto picks one from the file name.
const (
	FormatAuto Format = iota
	FormatJSONL
	FormatText
	FormatHTML
)

// ParseFormat parses a --format value: "jsonl", "text" or "html".
func ParseFormat(s string) (Format, error) { return FormatAuto, errors.New("todo") }

// FormatOf tells a file's format from its name, ignoring a compression
// suffix (.gz, .zst); ok is false for names it does not know.
func FormatOf(path string) (f Format, ok bool) { return FormatAuto, false }

// DefaultMaxDocBytes is the default --max-doc-bytes.
const DefaultMaxDocBytes = 256 << 20

// Options says how to read records.
type Options struct {
	Format      Format // FormatAuto: from the name; standard input is JSON Lines
	TextField   string // default "text"
	IDField     string // default "id"
	HTMLField   string // default "html": used when a record has no text field
	SiteField   string // default "url": its host groups documents by site
	MaxDocBytes int    // a larger document is a data error; 0 means DefaultMaxDocBytes
}

// Doc is one input document.
type Doc struct {
	Source string // path as given, "-" for standard input
	Line   int    // 1-based line of a JSON Lines record; 0 for whole-file documents
	ID     string // the id field, the path for whole files, or SOURCE:LINE
	Text   string // text to clean; empty when HTML holds the page instead
	HTML   []byte // a page whose main text must be extracted first
	Site   string // groups documents for corpus-level repetition
	Bytes  int    // size of the document as read
	Err    error  // a data error (malformed record, too large): counted, not processed
}

// Input is one file to read.
type Input struct {
	Path   string
	Format Format
}

// Files expands paths (files, directories walked recursively in sorted
// order, or "-") into inputs. skipped lists files in directories whose
// format is not known.
func Files(paths []string, opts Options) (inputs []Input, skipped []string, err error) {
	return nil, nil, errors.New("todo")
}

// Open opens path ("-" is standard input), decompressing gzip or zstd
// detected from the magic bytes.
func Open(path string) (io.ReadCloser, error) { return nil, errors.New("todo") }

// Reader reads the documents of one input.
type Reader struct{}

// NewReader reads documents of in from r.
func NewReader(r io.Reader, in Input, opts Options) *Reader { return &Reader{} }

// Next returns the next document, or io.EOF. Any other error means the
// input itself is damaged or unreadable; documents before it stand.
func (r *Reader) Next() (*Doc, error) { return nil, io.EOF }

// Field is an extra output field; Value is encoded JSON.
type Field struct {
	Key   string
	Value []byte
}

// AppendJSON appends d's output record and a newline to dst: the input
// record with only the text field's value replaced by text (byte-identical
// when text is unchanged) and extra fields added, or {"id","text"} for
// whole-file documents.
func (d *Doc) AppendJSON(dst []byte, text string, extra ...Field) []byte { return dst }

// AppendString appends s as a JSON string.
func AppendString(dst []byte, s string) []byte { return dst }

// Output is an output file written to a temporary name and renamed into
// place by Commit; a .gz or .zst suffix compresses it.
type Output struct{}

// Create starts an output at path ("-" is standard output).
func Create(path string) (*Output, error) { return nil, errors.New("todo") }

// Write writes p.
func (o *Output) Write(p []byte) (int, error) { return 0, errors.New("todo") }

// Commit flushes and renames the output into place.
func (o *Output) Commit() error { return errors.New("todo") }

// Abort removes the temporary file.
func (o *Output) Abort() error { return nil }
