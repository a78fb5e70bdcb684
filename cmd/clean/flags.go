package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
	"github.com/newsclean/clean/pipeline"
	"github.com/newsclean/clean/simhash"
	"golang.org/x/text/encoding/htmlindex"
)

const usageHead = `clean strips boilerplate from scraped news articles and drops near-duplicate stories.

Usage:
  clean [flags] [PATH ...]           clean documents, write JSON Lines
  clean check [flags] [PATH ...]     analyse only; exit 1 if a --max-* limit is exceeded
  clean explain [flags] [PATH ...]   show each removed line and the rule that removed it
  clean rules [--rules FILE]         list the stripping rules
  clean learn|learn-merge|sketch|cluster|apply ...
                                     one run split across machines (clean learn --help)
  clean version                      print the version
  clean VERB --help                  the manual of check, explain or rules

Each PATH is a file or a directory (walked recursively in sorted order); "-" or
no PATH reads standard input. Formats go by extension: .jsonl .ndjson .json
(JSON Lines), .txt .text .md (one document per file), .html .htm (one page per
file, main text extracted), .warc .warc.gz .warc.wet.gz (WARC: HTML responses,
main text extracted; WET: conversion records; also recognised from the
content), .parquet (a document per row, every column passed through); gzip
and zstd are detected from the content. Standard input is
JSON Lines unless --format says otherwise or it starts as a WARC file does.
Field names (--text-field, --id-field, --html-field, --site-field) may be
paths into nested objects: --text-field content.body replaces that value alone.

Output is JSON Lines: each input record with only its text field changed, or
{"id","text"} for text and HTML files, in input order; with -o FILE.parquet,
Parquet rows with the input's schema (Parquet input only). Documents left
empty by stripping and duplicates are dropped unless --annotate.

Clusters do not depend on input order. With the default --keep first a
document is kept as it comes unless it copies an earlier one; one shown a
copy only later (a story that arrives after two partial copies of it joins
their clusters) is dropped at the end: output to a file (-o FILE, or
standard output redirected to a file) goes through a temporary file in
$TMPDIR as large as the output. A pipe, a terminal or a device gets the
records 32 MB behind, or at once when the input pauses, corrected while
held; a late duplicate written before is left in it, counted and warned
of.

Examples:
  clean corpus.jsonl.zst -o clean.jsonl.zst --report report.json
  crawler | clean --dedup exact | other-tool
  clean check --max-duplicate-ratio 0.05 --max-errors 0 data/
  clean explain fixtures/seeds
  crawler | clean --site-repeat=false | indexer   # each record out once decided
  clean --text-field content.body --id-field meta.id dump.jsonl

Exit codes: 0 success; 1 a check failed, a data error under --strict, or a
damaged (truncated or corrupt) compressed input; 2 usage or I/O error;
130 interrupted; 141 the reader of standard output went away (quietly).

Flags:
`

type options struct {
	mode     string
	cfg      pipeline.Config
	output   string
	clusters string
	rejects  string
	report   string
	quiet    bool
	explain  bool
	progress string
	cpuProf  string
	memProf  string

	maxDupRatio    float64
	maxBoilerRatio float64
	maxErrors      int64
	maxEmptyRatio  float64
	minDocs        int64
}

// parseFlags parses the flags of mode; --help prints its manual on stdout
// and returns flag.ErrHelp.
func parseFlags(mode string, args []string, stdout io.Writer) (*options, error) {
	o := &options{mode: mode}
	c := &o.cfg
	fs := flag.NewFlagSet("clean", flag.ContinueOnError)
	// Errors are returned, printed once in one line by run; --help is
	// printed below.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	format := fs.String("format", "", "force the input `FORMAT`: jsonl, text, html, warc or parquet (default: by extension; JSON Lines on standard input)")
	fs.StringVar(&c.Read.TextField, "text-field", "text", "JSON field holding the text")
	fs.StringVar(&c.Read.IDField, "id-field", "id", "JSON field holding the id (missing: SOURCE:LINE)")
	fs.StringVar(&c.Read.HTMLField, "html-field", "html", "JSON field holding HTML, used when a record has no text field")
	fs.StringVar(&c.Read.SiteField, "site-field", "url", "JSON field whose URL host groups documents by site")
	fs.IntVar(&c.Read.MaxDocBytes, "max-doc-bytes", docio.DefaultMaxDocBytes, "a larger document is a data error (counted, not fatal)")
	encoding := fs.String("encoding", "", "character `ENCODING` of text files, such as windows-1252 or iso-8859-15 (default: UTF-8, or windows-1252 for a file that is not UTF-8)")
	fs.StringVar(&o.output, "o", "-", "write records to `FILE` (.gz or .zst compresses; replaced only when the run succeeds)")
	fs.BoolVar(&c.Strip, "strip", true, "strip boilerplate (--strip=false keeps every line)")
	rules := fs.String("rules", "", "add stripping rules from `FILE` (format: clean rules --help)")
	var disabled listFlag
	fs.Var(&disabled, "disable-rule", "turn off the rule `NAME` (repeat the flag, or separate names with commas); site-repeat turns off the learning pass")
	fs.BoolVar(&c.DecodeMarkup, "decode-entities", false, "write plain texts with HTML entities (&#8217; &amp;) and stray tags decoded; without it they are judged decoded but written as they came")
	fs.BoolVar(&c.SiteRepeat, "site-repeat", true, "strip lines that recur across many documents of one site (costs a first pass)")
	fs.StringVar(&c.Dedup, "dedup", pipeline.DedupNear, "duplicate removal: near, exact or off")
	fs.StringVar(&c.Keep, "keep", pipeline.KeepFirst, "which member represents a cluster: first (earliest in the input) or longest (longest costs a pass)")
	c.Simhash = simhash.DefaultOptions()
	simhashFlags(fs, &c.Simhash)
	fs.BoolVar(&c.Annotate, "annotate", false, `write every document with "cluster", "duplicate" and "removed" fields`)
	fs.StringVar(&c.Index, "index", "", "deduplicate against the representatives kept by earlier runs in `FILE`, and add this run's to it (created if missing)")
	fs.StringVar(&o.clusters, "clusters", "", "write one JSON line per cluster of two or more to `FILE`")
	fs.StringVar(&o.rejects, "rejects", "", "write each rejected (malformed, oversized or text-less) record to `FILE` as it was read")
	fs.StringVar(&o.report, "report", "", "write a JSON summary of the run to `FILE`")
	fs.BoolVar(&o.explain, "explain", false, "print each removal instead of records (as clean explain)")
	fs.BoolVar(&o.quiet, "q", false, "no summary line on standard error")
	fs.IntVar(&c.Workers, "j", 0, fmt.Sprintf("worker goroutines; 0 means one per core (%d here). Output is identical for every value", runtime.NumCPU()))
	fs.BoolVar(&c.Strict, "strict", false, "stop at the first malformed record")
	fs.Int64Var(&c.ErrorLines, "error-lines", 20, "name at most `N` malformed records on standard error, then count the rest (0: name all)")
	fs.StringVar(&o.progress, "progress", "auto", "progress bar on standard error: auto (when a terminal), always or never")
	fs.StringVar(&o.cpuProf, "cpuprofile", "", "write a CPU profile to `FILE` (for go tool pprof)")
	fs.StringVar(&o.memProf, "memprofile", "", "write a heap profile to `FILE` at the end of the run")
	fs.Float64Var(&o.maxDupRatio, "max-duplicate-ratio", -1, "check: fail when duplicates/documents exceeds this (negative: no limit)")
	fs.Float64Var(&o.maxBoilerRatio, "max-boilerplate-ratio", -1, "check: fail when stripped bytes/text bytes exceeds this (negative: no limit)")
	fs.Int64Var(&o.maxErrors, "max-errors", -1, "check: fail when more documents than this are malformed (negative: no limit)")
	fs.Float64Var(&o.maxEmptyRatio, "max-empty-ratio", -1, "check: fail when documents left empty/documents exceeds this (negative: no limit)")
	fs.Int64Var(&o.minDocs, "min-docs", 1, "check: fail when fewer documents than this are read without error")

	showVersion := fs.Bool("version", false, "print the version and exit")

	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout, fs, mode)
		return nil, err
	}
	if err != nil {
		return nil, usageError(err)
	}
	if *showVersion {
		fmt.Fprintln(stdout, version())
		return nil, flag.ErrHelp
	}
	c.Paths = paths
	if *format != "" {
		if c.Read.Format, err = docio.ParseFormat(*format); err != nil {
			return nil, err
		}
	}
	if *encoding != "" {
		if c.Read.Encoding, err = htmlindex.Get(*encoding); err != nil {
			return nil, fmt.Errorf("--encoding %q: %w", *encoding, err)
		}
	}
	if *rules != "" {
		if c.Rules, err = normalize.LoadRules(*rules); err != nil {
			return nil, err
		}
	}
	for _, name := range disabled {
		if name == normalize.RuleSiteRepeat {
			c.SiteRepeat = false
		} else {
			c.DisableRules = append(c.DisableRules, name)
		}
	}
	if _, err := normalize.Without(append(normalize.DefaultRules(), c.Rules...), c.DisableRules); err != nil {
		return nil, fmt.Errorf("--disable-rule: %w, %s", err, normalize.RuleSiteRepeat)
	}
	if err := oneOf("--dedup", c.Dedup, pipeline.DedupNear, pipeline.DedupExact, pipeline.DedupOff); err != nil {
		return nil, err
	}
	if err := oneOf("--keep", c.Keep, pipeline.KeepFirst, pipeline.KeepLongest); err != nil {
		return nil, err
	}
	if err := oneOf("--progress", o.progress, "auto", "always", "never"); err != nil {
		return nil, err
	}
	if err := c.Simhash.Validate(); err != nil {
		return nil, err
	}
	if c.Workers < 0 {
		return nil, fmt.Errorf("-j %d: want 0 (one per core) or more", c.Workers)
	}
	if c.ErrorLines < 0 {
		return nil, fmt.Errorf("--error-lines %d: want 0 (no cap) or more", c.ErrorLines)
	}
	if c.Read.MaxDocBytes < 1 {
		return nil, fmt.Errorf("--max-doc-bytes %d: must be positive", c.Read.MaxDocBytes)
	}
	if mode == "rules" && len(paths) > 0 {
		return nil, fmt.Errorf("clean rules takes no PATH")
	}
	return o, nil
}

// parseInterspersed lets flags follow paths (clean data/ -o out.jsonl), as
// users expect; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(paths, rest...), nil
		}
		if len(rest) == 0 {
			return paths, nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

func oneOf(name, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return fmt.Errorf("%s %q: want one of %s", name, value, strings.Join(allowed, ", "))
}

// simhashFlags binds the clustering thresholds.
func simhashFlags(fs *flag.FlagSet, o *simhash.Options) {
	fs.Float64Var(&o.Containment, "containment", o.Containment, "share of a document's shingles a representative must contain for it to join the cluster")
	fs.IntVar(&o.ChunkDistance, "distance", o.ChunkDistance, "largest Hamming distance, on a 64-bit scale, at which two passage fingerprints still match (estimated from 32 kept bits; 16 to 32)")
}

// listFlag collects the values of a repeatable flag, also split at commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}
