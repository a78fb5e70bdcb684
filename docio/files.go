package docio

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Format is an input format.
type Format int

// Input formats. FormatAuto picks one from the file name.
const (
	FormatAuto Format = iota
	FormatJSONL
	FormatText
	FormatHTML
	// FormatWARC is WARC (.warc, .warc.gz) or WET (.wet): responses
	// holding pages and conversion records holding text.
	FormatWARC
	// FormatParquet is a Parquet file: a document per row.
	FormatParquet
)

var formatNames = [...]string{FormatAuto: "auto", FormatJSONL: "jsonl", FormatText: "text", FormatHTML: "html", FormatWARC: "warc", FormatParquet: "parquet"}

func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat parses a --format value: "jsonl", "text", "html", "warc" or "parquet" ("auto"
// or "" for FormatAuto).
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return FormatAuto, nil
	}
	for f, name := range formatNames {
		if s == name {
			return Format(f), nil
		}
	}
	return FormatAuto, fmt.Errorf("unknown format %q (want jsonl, text, html, warc or parquet)", s)
}

// extFormats maps lower-case file extensions to formats.
var extFormats = map[string]Format{
	".jsonl": FormatJSONL, ".ndjson": FormatJSONL, ".json": FormatJSONL,
	".txt": FormatText, ".text": FormatText, ".md": FormatText,
	".html": FormatHTML, ".htm": FormatHTML,
	".warc": FormatWARC, ".wet": FormatWARC,
	".parquet": FormatParquet,
}

// FormatOf tells a file's format from its name, ignoring a compression
// suffix (.gz, .zst, .zstd); ok is false for names it does not know.
// Extensions are matched without regard to case.
func FormatOf(path string) (f Format, ok bool) {
	name := strings.ToLower(filepath.Base(path))
	for _, z := range [...]string{".gz", ".zst", ".zstd"} {
		if strings.HasSuffix(name, z) {
			name = name[:len(name)-len(z)]
			break
		}
	}
	f, ok = extFormats[filepath.Ext(name)]
	return f, ok
}

// Input is one file to read.
type Input struct {
	Path   string
	Format Format
	// Err is why the path could not be listed or opened (an
	// *fs.PathError); reading it fails with Err, in its place in the
	// input order, so one bad path does not stop a run.
	Err error
	// SeekIn is a file holding the input's bytes, for a format that must
	// seek (Parquet) when Path cannot (standard input spooled to a file).
	SeekIn string
}

// Files expands paths (files, directories walked recursively in sorted
// order, or "-") into inputs; no paths at all means standard input.
// skipped lists files in directories whose format is not known (with
// opts.Format set, every file is taken in that format). A path that is
// missing or unreadable, or a directory that cannot be listed, is an Input
// with Err set. A named file of unknown format is an error naming it.
func Files(paths []string, opts Options) (inputs []Input, skipped []string, err error) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	formatFor := func(path string) (Format, bool) {
		if opts.Format != FormatAuto {
			return opts.Format, true
		}
		return FormatOf(path)
	}
	for _, p := range paths {
		if p == "-" {
			f := opts.Format
			if f == FormatAuto {
				f = FormatJSONL
			}
			inputs = append(inputs, Input{Path: p, Format: f})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			inputs = append(inputs, Input{Path: p, Err: err}) // *fs.PathError names p
			continue
		}
		if !info.IsDir() {
			f, ok := formatFor(p)
			if !ok && info.Mode().IsRegular() && IsWARC(p) {
				f, ok = FormatWARC, true
			}
			if !ok {
				return nil, nil, fmt.Errorf("cannot tell the format of %s from its name; use --format", p)
			}
			inputs = append(inputs, Input{Path: p, Format: f, Err: checkReadable(p, info)})
			continue
		}
		// WalkDir visits entries in lexical order, so the input order (and
		// hence the output order) does not depend on the file system.
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil { // a directory that cannot be listed: the rest of the walk goes on
				inputs = append(inputs, Input{Path: path, Err: err})
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				// Symbolic links to files are followed; links to
				// directories are not, so a walk cannot loop.
				info, err := os.Stat(path)
				if err != nil || !info.Mode().IsRegular() {
					skipped = append(skipped, path)
					return nil
				}
			}
			if f, ok := formatFor(path); ok {
				inputs = append(inputs, Input{Path: path, Format: f})
			} else if IsWARC(path) {
				inputs = append(inputs, Input{Path: path, Format: FormatWARC})
			} else {
				skipped = append(skipped, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return inputs, skipped, nil
}

// checkReadable opens and closes path so that a named file that cannot be
// read is known from the start (Input.Err). A named pipe is left alone:
// opening it waits for a writer, and closing it would cut that writer off.
func checkReadable(path string, info fs.FileInfo) error {
	if info.Mode()&fs.ModeNamedPipe != 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return f.Close()
}
