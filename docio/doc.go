// Package docio reads documents from JSON Lines, plain-text, HTML and
// WARC/WET files (optionally gzip- or zstd-compressed) and Parquet files,
// and writes JSON Lines records or Parquet rows.
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
// A document's Site groups it for the pipeline's site-repeat learning:
// the host of a record's url field; for a page (an HTML file, or a record
// of HTML without a url) the host its head names, found by a scan for
// the canonical link, og:url and <base href> that skips comments, scripts
// and styles (about 0.03 ms a page, against 0.27 ms for the HTML
// tokenizer, on the extraction benchmark's pages); else the JSON Lines
// file, or the directory of a text or HTML file. A plain regular file is
// read whole into a buffer of its size, from its stat.
//
// Damage to the input itself (a truncated or corrupt compressed stream, a
// read error) ends the input: Next returns an error naming the file after
// the documents before the damage. Deflate has no block checksums, so
// corrupt gzip data may decode to garbage records (data errors) until the
// final CRC check fails; zstd detects corruption per block. A malformed
// record, by contrast, is a data error confined to its Doc
// ("FILE:LINE: reason") and reading goes on.
//
// # WARC and WET
//
// FormatWARC (.warc, .warc.gz, .warc.wet.gz, or any file or standard
// input whose decompressed content starts with "WARC/1.") reads records
// by their framing: version line, headers, Content-Length bytes, two
// CRLFs. A response record with status 200 and an HTML media type (or, with
// none, markup at the start) becomes a page (HTML) once its transfer and
// content encodings (chunked; gzip, deflate, zstd) are undone and, when
// the HTTP Content-Type names a charset, decoded from it (after a BOM and
// valid non-ASCII UTF-8, before the page's own meta: see decodeCharset);
// a conversion record (WET) becomes text. Its id is WARC-Record-ID, its
// site the host of WARC-Target-URI, and it is written as {"id", "url",
// "warc_date", "text"}. Other records are counted by kind
// (Reader.Skipped), not returned; with Options.KeepSkipped they are kept
// for the rejects (Reader.TakeSkipped), as are the records of WARC data
// errors (Doc.WARCReject), written by AppendWARCReject as WARC records
// that name their file, offset and reason. A WARC header is at most 64 KiB; a
// record over MaxDocBytes is skipped without being held (a page is a
// too_large error). A bad header, or a Content-Length that does not end
// the record, is an invalid_warc error and reading resumes at the next
// line starting "WARC/1." (inside the bad record, whose content may have
// swallowed the next one). A truncated record, or one
// whose gzip member is corrupt, is a damaged_record error naming the byte
// offset (and the member's offset in the compressed file); after a
// corrupt member reading resumes at the next gzip header after the
// member's start (MemberError.Resume), so a .warc.gz, one member per
// record, loses only the damaged records, and the input ends with an
// error that names the damage. A record is taken only once the byte after
// it has been read: a member's checksum is checked when the next member
// starts.
//
// A small reader over the package's buffer was chosen over a WARC
// library: github.com/nlnwa/gowarc/v3 read a 210 MB Common-Crawl-style
// .warc.gz at 23-26 MB/s compressed where gzip alone took 3 s (70 MB/s),
// and github.com/internetarchive/gowarc, 1.5 times faster, brings a
// crawler's dependencies and spills to disk; neither resumes after a
// corrupt member. This reader adds no module and keeps pace with
// decompression: TestWARCReadSpeed, interleaved with zcat | wc -c on
// cmd/genwarc files on the loaded 2-core Xeon, read a 205 MB .warc.gz at
// 1.40 times zcat's throughput and a 200 MB .warc.wet.gz (49,232 records)
// at 1.31 and 0.54 in two runs; inflating is 75% of its WET profile.
//
// # Parquet
//
// FormatParquet (.parquet) is read by the package's own reader
// (parquet.go, with thrift.go for the compact protocol of the footer and
// page headers): a row is a document whose record is the row rendered as
// a JSON object, so everything below about records holds for it; the
// row's values are kept with the document (Options.ParquetRows) when the
// output is Parquet (ParquetOutput, parquet_write.go), which writes them
// back as read with only the text replaced. Nesting of any kind passes
// through by its repetition and definition levels, copied as they are.
// Values are held as PLAIN bytes end to end in one buffer per column
// chunk, a row group at a time. A row group that cannot be read costs its
// rows; the input then ends with an error naming the first damage (row
// group, column, page offset). Parquet must be seekable: standard input
// is read from its spool (Input.SeekIn) when a run makes several passes.
//
// A library was measured first: github.com/parquet-go/parquet-go v0.32.0
// grew the binary by 139%, linked net and opened the executable at init
// (through protobuf). This reader and writer grew it by 2.3% (10,845,187
// to 11,091,783 bytes; 11,148,320 with the later Parquet and WARC-rejects
// work, +2.8%) with no new module. Their output was checked
// against parquet-go's reader, value by value with levels, on its own
// files in every page version, encoding and codec read here. On a
// 300,000-row, 26 MB file (dictionary, snappy, 100k-row row groups),
// one run each on the loaded 2-core Xeon: to JSON Lines 1.72 user-s and
// 194 MB peak RSS, to Parquet 4.06 user-s and 293 MB, where the same rows
// as 236 MB of JSON Lines took 1.46 user-s and 29 MB.
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
// tested at once for a quote, a backslash or a control byte), except a
// string of 64 bytes or more to its first quote (a news text): its quotes
// and backslashes are found with bytes.IndexByte (32 bytes an
// instruction) and its control and high bytes in one more pass, a test
// per eight bytes (scanLong); a fault sends it back to the eight-byte
// loop, which reports the first. That took BenchmarkScan from 36.6M to
// 23.6M instructions an iteration, BenchmarkNext/text/utf8 from 60.4M to
// 47.4M, and a default clean -q -j 1 run of the 21 MB gencorpus file
// from 2,091M to 2,016M outside the Go runtime (callgrind). Only the fields the pipeline needs
// are decoded: the text (or html), id and url. A string without escapes
// that is valid UTF-8 is not copied at all; otherwise runs between escapes
// are copied whole. The record and the decoded text share one allocation,
// which strings.Builder does not zero first.
//
// # Invalid UTF-8
//
// When the text, id, html or url field is decoded, each invalid UTF-8 byte
// and each lone surrogate escape (\ud800) becomes U+FFFD, as encoding/json
// does. A text file is UTF-8 unless Options.Encoding says otherwise or
// it is not valid UTF-8 and has fewer valid multi-byte sequences than
// invalid bytes (a legacy 8-bit file): then it is decoded as
// windows-1252, as an HTML page without a charset is. Its CRLF and lone
// CR line ends become LF. Other fields pass through
// untouched, invalid bytes and all, since they are copied, not decoded.
// AppendString (the new text, extra strings, ids of whole files) also
// writes U+FFFD for invalid bytes, so every string docio encodes is valid
// UTF-8. An unchanged text keeps its original bytes unless they held
// invalid UTF-8 or a lone surrogate escape (which many JSON readers
// refuse): the scanner flags both, and such a text is always written
// repaired. HTML files are handed over as raw bytes: their charset is the
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
// A new text that is a part of the record's own (stripping most often
// keeps one run of lines) is written as the part's raw bytes when
// AppendString would write those bytes (Doc.rawText): a jump per escape
// instead of a test per eight bytes and an append per escape. With it the
// docio package's instructions in a default clean -q -j 1 run of the 21
// MB gencorpus file went from 245M to 189M (callgrind).
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
