// Package docio reads documents from JSON Lines, plain-text and HTML files
// (optionally gzip- or zstd-compressed) and writes JSON Lines records.
//
// # Reading
//
// Files expands the command line's paths into Inputs: directories are
// walked in lexical order, so the input order, and with it the output
// order, does not depend on the file system. Open decompresses by magic
// bytes (gzip 1f 8b, zstd 28 b5 2f fd), never by name. A Reader then turns
// one input into Docs: one per non-blank JSON Lines record, or one per
// text or HTML file.
//
// Lines are split in a growable buffer rather than by bufio.Scanner, whose
// token size is capped: a 100 MB line is one document. A line longer than
// Options.MaxDocBytes (DefaultMaxDocBytes, 256 MiB) becomes a Doc with Err
// set and is skipped without being buffered, so memory per document stays
// bounded by about twice the limit; the buffer shrinks back to 256 KiB
// after a long line. Blank lines are not documents. CRLF line ends and a
// byte-order mark at the start of the input are accepted.
//
// Damage to the input itself (a truncated or corrupt compressed stream, a
// read error) ends the input: Next returns an error naming the file after
// the documents before the damage. Deflate has no block checksums, so
// corrupt gzip data may decode to garbage records (data errors) until the
// final CRC check fails; zstd detects corruption per block. A malformed
// record, by contrast, is a data error confined to its Doc
// ("FILE:LINE: reason") and reading goes on.
//
// # Exact passthrough
//
// Output records must keep every field but the text exactly as it was:
// number spellings such as 12345678901234567890 and 1.0e400, escapes, key
// order, nesting, whitespace inside the record. Decoding into Go values and
// re-encoding cannot promise that, so the package has its own scanner: it
// validates a record against RFC 8259 (checked against encoding/json by
// FuzzScan) and records the byte span of each top-level key and value.
// AppendJSON copies the original bytes around the text value's span and
// encodes only the new text; when the text is unchanged the original bytes
// of the value are kept too, escapes included, so a record read and
// written back is byte-identical. Extra fields replace the value of a key
// the record already has, in place, or are appended after the last
// member. A record without a text field (its HTML field was used) gains
// one. With duplicate keys the first occurrence counts, for the text, id,
// html and url fields and for extra fields alike; later duplicates pass
// through untouched. A field name that is no top-level key but holds dots
// is a path (content.body): its first segment is a top-level key and the
// rest are followed through nested objects, the nested value then being
// the one decoded and replaced (objectMember; flat names never take this
// path). Whitespace around the record and the line end are not part of it. Text and HTML files are written as {"id":...,"text":...}
// using the configured field names.
//
// The scanner never recurses (nested containers go on a slice), and
// nesting deeper than 10000 levels, encoding/json's limit, is a data
// error. Strings are scanned eight bytes at a time (SWAR: one 64-bit word
// tested at once for a quote, a backslash or a control byte), since news
// records are mostly one long string. Only the fields the pipeline needs
// are decoded: the text (or html), id and url. A string without escapes
// that is valid UTF-8 is not copied at all; otherwise runs between escapes
// are copied whole. The record and the decoded text share one allocation,
// which strings.Builder does not zero first.
//
// # Invalid UTF-8
//
// When the text, id, html or url field is decoded, each invalid UTF-8 byte
// and each lone surrogate escape (\ud800) becomes U+FFFD, as encoding/json
// does. Text files follow the same rule. Other fields pass through
// untouched, invalid bytes and all, since they are copied, not decoded.
// AppendString (the new text, extra strings, ids of whole files) also
// writes U+FFFD for invalid bytes, so every string docio encodes is valid
// UTF-8; an unchanged text keeps its original bytes, invalid ones
// included. HTML files are handed over as raw bytes: their charset is the
// extractor's business.
//
// # Writing
//
// Create writes to a hidden temporary file beside the destination (mode
// 0666 less the umask, like any new file); Commit flushes, fsyncs, renames
// it into place and syncs the directory, so a failed or interrupted run
// never leaves a half-written output under the real name. Abort removes
// the temporary file. Write errors (a full disk) are sticky and name the
// destination, not the temporary file. A .gz or .zst suffix compresses.
//
// # Performance
//
// Measured on the shared 2-core AMD EPYC development machine with a
// corpus of 2000 records built from the five seed articles (about 3.3 KB
// each, text with \n escapes), best of 6 runs:
//
//	go test ./docio -run XXX -bench . -benchtime 1s -count 6 -cpu 1
//
//	BenchmarkScan                     2.7 GB/s  validation alone
//	BenchmarkNext/utf8                0.91 GB/s read, split, validate, copy, decode
//	BenchmarkNext/escaped             0.82 GB/s the same with non-ASCII \u-escaped (Python's default)
//	BenchmarkAppendJSON/unchanged      20+ GB/s a copy of the record
//	BenchmarkAppendJSON/changed        3.1 GB/s text re-encoded
//	BenchmarkAppendString              2.9 GB/s
//
// Next makes 3 allocations per record (the Doc, its member spans, the
// record with its decoded text). Its time goes to the scanner (about a
// third), copying (into the line buffer, then into the Doc) and decoding
// the text's escapes. NextText, for callers that keep nothing of a
// document (the pipeline's learn pass), makes none: it reuses one Doc and
// unescapes the text over the line buffer, which decoding never outgrows
// while the text is valid UTF-8 (no escape decodes to more bytes than it
// takes). BenchmarkNext/text/utf8, one run with -cpu 2 under load: 1.71
// GB/s against Next's 0.75 GB/s in the same run. Other jobs shared the machine during these runs
// (load average 3 to 10), so the figures vary by a factor of two between
// runs.
package docio
