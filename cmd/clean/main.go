// Command clean strips boilerplate from scraped news articles and drops
// near-duplicate stories. Run `clean --help` for the manual.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/normalize"
	"github.com/newsclean/clean/pipeline"
	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1 // a check failed, a data error under --strict, damaged input
	exitUsage       = 2 // usage or I/O error
	exitInterrupted = 130
	exitReaderGone  = 141 // 128 + SIGPIPE: what a shell reports for a writer whose reader left
)

func main() {
	// Every signal that ends a run by request (Ctrl-C, kill, a closed
	// terminal or tmux session) stops it cleanly: temporary files and
	// spools removed, the report written. One the process was started
	// ignoring (nohup, a background job) stays ignored: Notify would
	// undo that. SIGQUIT keeps Go's meaning, an immediate goroutine dump
	// for debugging a run that hangs.
	var stopping []os.Signal
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(sig) {
			stopping = append(stopping, sig)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), stopping...)
	// When the reader of standard output goes away (clean | head), writes
	// fail with EPIPE instead of killing the process, so the run can stop
	// quietly and still write its --report.
	signal.Ignore(syscall.SIGPIPE)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	mode := "clean"
	if len(args) > 0 {
		switch args[0] {
		case "check", "explain", "rules":
			mode, args = args[0], args[1:]
		case "help": // clean help [VERB]
			if len(args) > 1 && usageHeads[args[1]] != "" {
				mode = args[1]
			}
			args = []string{"--help"}
		case "version":
			args = []string{"--version"}
		default:
			if _, ok := shardVerbs[args[0]]; ok {
				return shardVerb(ctx, args[0], args[1:], stdout, stderr)
			}
			if verb := nearVerb(args[0]); verb != "" {
				fmt.Fprintf(stderr, "clean: %q is neither a file nor a command; did you mean clean %s? see clean --help\n", args[0], verb)
				return exitUsage
			}
		}
	}
	o, err := parseFlags(mode, args, stdout)
	if errors.Is(err, flag.ErrHelp) { // --help or --version, printed
		return exitOK
	}
	if err != nil {
		help := "clean --help"
		if mode != "clean" {
			help = "clean " + mode + " --help"
		}
		fmt.Fprintf(stderr, "clean: %v; see %s\n", err, help)
		return exitUsage
	}
	if mode == "rules" {
		return listRules(o, stdout)
	}
	return clean(ctx, o, stdout, stderr)
}

// listRules prints every rule in force: the built-in ones, then --rules,
// then the mechanisms that strip without a rule.
func listRules(o *options, stdout io.Writer) int {
	fmt.Fprintf(stdout, "%-18s %-9s %s\n", "RULE", "SCOPE", "REMOVES")
	rules, _ := normalize.Without(append(normalize.DefaultRules(), o.cfg.Rules...), o.cfg.DisableRules) // checked by parseFlags
	for _, r := range normalize.RuleInfo(rules) {
		if r.Name == normalize.RuleSiteRepeat && !o.cfg.SiteRepeat {
			continue
		}
		fmt.Fprintf(stdout, "%-18s %-9s %s\n", r.Name, r.Scope, r.Description)
	}
	fmt.Fprintln(stdout, "\nScopes: anywhere = a non-prose line anywhere; edge = only in the header or footer block;")
	fmt.Fprintln(stdout, "position = outside the article's main block; site = learned from the corpus.")
	fmt.Fprintln(stdout, "Add rules with --rules FILE, turn one off with --disable-rule NAME; clean rules --help gives the file format.")
	return exitOK
}

// nearVerb returns the verb arg was probably meant to be, when arg is a
// bare word that names no file and is one or two edits from a verb
// ("chek", "lern"), so that a typo is reported as one and not as an
// unreadable input.
func nearVerb(arg string) string {
	if strings.ContainsAny(arg, "./\\-") {
		return ""
	}
	if _, err := os.Lstat(arg); err == nil {
		return ""
	}
	verbs := []string{"check", "explain", "rules", "help", "version"}
	for v := range shardVerbs {
		verbs = append(verbs, v)
	}
	slices.Sort(verbs) // a deterministic pick on ties
	best, bestDist := "", 3
	for _, v := range verbs {
		if d := editDistance(arg, v); d < bestDist && 2*d <= len(arg) {
			best, bestDist = v, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two short words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func clean(ctx context.Context, o *options, stdout, stderr io.Writer) int {
	cfg := o.cfg
	cfg.Warn = stderr
	// Explaining (clean explain, or --explain) prints removals and
	// duplicates, not records.
	explain := o.mode == "explain" || o.explain
	if explain {
		cfg.Explain = stdout
	}
	// The report is opened with the others, so that a path that cannot
	// be written fails before the run rather than after it.
	var out, clusters, rejects, report sink
	abort, ok := openOutputs("clean", stdout, stderr, []output{
		{o.output, o.mode == "clean" && !explain, &out, &cfg.Output, true},
		{o.clusters, o.clusters != "", &clusters, &cfg.Clusters, false},
		{o.rejects, o.rejects != "", &rejects, &cfg.Rejects, false},
		{o.report, o.report != "", &report, nil, false},
	})
	defer abort()
	if !ok {
		return exitUsage
	}
	cfg.Outputs = outputFiles(o, stdout, stderr, out, clusters, rejects, report)
	if out != nil {
		records := io.Writer(out) // -o FILE: a file, a device or a pipe
		if s, ok := out.(stdoutSink); ok {
			records = s.Writer
		}
		cfg.Stream, cfg.Unread = !regularFile(records), nullDevice(records)
	}
	if bar := newProgress(o.progress, stderr); bar != nil {
		cfg.Progress, cfg.Warn = bar, bar
	}

	if !o.quiet && readsTerminal(cfg) {
		fmt.Fprintf(stderr, "clean: reading %s from standard input (Ctrl-D to end)\n", formatName(cfg.Read.Format))
	}

	var rep *pipeline.Report
	var err error
	if !profiled(o, stderr, "clean", func() { rep, err = pipeline.Run(ctx, cfg) }) {
		return exitUsage
	}
	code := exitCode(ctx, err)
	readerGone := errors.Is(err, syscall.EPIPE)
	if readerGone {
		code = exitReaderGone
	}
	if err != nil && !readerGone {
		fmt.Fprintf(stderr, "clean: %v\n", err)
	}
	// A run that found nothing to clean is named, not passed in silence
	// (clean check has --min-docs for it).
	if o.mode == "clean" && err == nil && rep.DocsIn == rep.Errors {
		fmt.Fprintf(stderr, "clean: no document to clean: %d read, %d of them rejected, %d files skipped\n",
			rep.DocsIn, rep.Errors, len(rep.SkippedFiles))
		if o.cfg.Strict {
			code = exitFailed
		}
	}
	// Damaged input keeps what preceded the damage; anything worse, or an
	// interruption, leaves no output file behind.
	if code == exitOK || errors.Is(err, pipeline.ErrDamaged) {
		for _, f := range []sink{out, clusters, rejects} {
			if f == nil {
				continue
			}
			if cerr := f.Commit(); cerr != nil {
				fmt.Fprintf(stderr, "clean: %v\n", cerr)
				return exitUsage
			}
		}
	}
	if report != nil {
		if werr := writeReport(report, rep); werr != nil {
			fmt.Fprintf(stderr, "clean: %v\n", werr)
			return exitUsage
		}
	}
	if o.mode == "check" {
		if failed := printCheck(stdout, o, rep, runProblem(ctx, err, rep)); failed && code == exitOK {
			code = exitFailed
		}
	} else if !o.quiet && !readerGone {
		fmt.Fprintln(stderr, summary(rep))
	}
	return code
}

// regularFile reports whether w is a regular file: one is not read as it
// is written, as a pipe, a terminal or a device is.
func regularFile(w any) bool {
	fi := fileInfo(w)
	return fi != nil && fi.Mode().IsRegular()
}

// fileInfo describes w if it is a file (it has Stat), else nil.
func fileInfo(w any) os.FileInfo {
	f, ok := w.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	return fi
}

// nullDevice reports whether w is the null device, whose records no one
// reads (benchmarks write there).
func nullDevice(w io.Writer) bool {
	fi := fileInfo(w)
	null, err := os.Stat(os.DevNull)
	return fi != nil && err == nil && os.SameFile(fi, null)
}

// outputFiles lists the files this run writes, so that it never reads
// them: those written as it goes (temporary files, standard output or
// error redirected to a file) and those replaced when it ends.
func outputFiles(o *options, stdout, stderr io.Writer, sinks ...sink) []pipeline.OutputFile {
	var files []pipeline.OutputFile
	written := []any{stdout, stderr}
	for _, s := range sinks {
		written = append(written, s)
	}
	for _, w := range written {
		if fi := fileInfo(w); fi != nil && fi.Mode().IsRegular() {
			files = append(files, pipeline.OutputFile{Info: fi})
		}
	}
	for _, path := range []string{o.output, o.clusters, o.rejects, o.report} {
		if path == "" || path == "-" {
			continue
		}
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			files = append(files, pipeline.OutputFile{Info: fi, Replaced: true})
		}
	}
	return files
}

// readsTerminal reports whether the run reads standard input and that is
// a terminal: a user who forgot to give a path, or means to type.
func readsTerminal(cfg pipeline.Config) bool {
	if len(cfg.Paths) > 0 && !slices.Contains(cfg.Paths, "-") {
		return false
	}
	return term.IsTerminal(int(os.Stdin.Fd()))
}

func formatName(f docio.Format) string {
	switch f {
	case docio.FormatText:
		return "text"
	case docio.FormatHTML:
		return "HTML"
	}
	return "JSON Lines"
}

func exitCode(ctx context.Context, err error) int {
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		return exitInterrupted
	case errors.Is(err, pipeline.ErrData), errors.Is(err, pipeline.ErrDamaged):
		return exitFailed
	default:
		return exitUsage
	}
}

// sink is where records go: a file committed at the end, or standard output.
// output is a file a run writes, when wanted: created into *sink and,
// unless dst is nil, handed to the pipeline through *dst.
type output struct {
	path string
	want bool
	sink *sink
	dst  *io.Writer
	// rows: the output takes the records, which a name ending in
	// .parquet writes as Parquet.
	rows bool
}

// openOutputs creates the wanted outputs before any input is read, so
// that one that cannot be created fails the run at once (named on stderr
// after name). abort, to be deferred, drops every output not committed.
func openOutputs(name string, stdout, stderr io.Writer, outs []output) (abort func(), ok bool) {
	var opened []sink
	abort = func() {
		for _, f := range opened {
			f.Abort()
		}
	}
	for _, o := range outs {
		if !o.want {
			continue
		}
		f, err := create(o.path, stdout, o.rows)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return abort, false
		}
		opened = append(opened, f)
		*o.sink = f
		if o.dst != nil {
			*o.dst = f
		}
	}
	return abort, true
}

type sink interface {
	io.Writer
	Commit() error
	Abort() error
}

type stdoutSink struct{ io.Writer }

func (stdoutSink) Commit() error { return nil }
func (stdoutSink) Abort() error  { return nil }

// ReadFrom lets a copy from a file to standard output be the kernel's.
func (s stdoutSink) ReadFrom(r io.Reader) (int64, error) { return io.Copy(s.Writer, r) }

// create opens an output; rows go to a Parquet file when its name ends
// in .parquet.
func create(path string, stdout io.Writer, rows bool) (sink, error) {
	if path == "" || path == "-" {
		return stdoutSink{stdout}, nil
	}
	if rows && isParquet(path) {
		return docio.CreateParquet(path)
	}
	return docio.Create(path)
}

func isParquet(path string) bool { return strings.EqualFold(filepath.Ext(path), ".parquet") }

func writeReport(f sink, rep *pipeline.Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return err
	}
	return f.Commit()
}

// summary is the one line that ends every run on standard error.
func summary(r *pipeline.Report) string {
	s := fmt.Sprintf("clean: %d docs in, %d out, %d duplicates in %d clusters, %d empty after strip, %d errors%s; %s in, %s out, %.1f%% of text stripped; %.2fs",
		r.DocsIn, r.DocsOut, r.Duplicates, r.Clusters, r.EmptyAfterStrip, r.Errors, errorReasons(r),
		byteSize(r.BytesIn), byteSize(r.BytesOut), 100*r.BoilerplateRatio(), r.Seconds)
	if n := len(r.SkippedFiles); n > 0 {
		s += fmt.Sprintf("; %d files skipped", n)
	}
	return s
}

// errorReasons is " (N reason, ...)" when there are errors.
func errorReasons(r *pipeline.Report) string {
	var parts []string
	for _, reason := range sortedKeys(r.ErrorsByReason) {
		parts = append(parts, fmt.Sprintf("%d %s", r.ErrorsByReason[reason], reason))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// runProblem says why a run failed, for the verdict of clean check, or ""
// when it did not.
func runProblem(ctx context.Context, err error, r *pipeline.Report) string {
	switch {
	case err == nil:
		return ""
	case ctx.Err() != nil:
		return "interrupted"
	case errors.Is(err, pipeline.ErrDamaged), errors.Is(err, pipeline.ErrUnreadable):
		var parts []string
		if n := len(r.DamagedInputs); n > 0 {
			parts = append(parts, fmt.Sprintf("%d damaged", n))
		}
		if n := len(r.UnreadableInputs); n > 0 {
			parts = append(parts, fmt.Sprintf("%d unreadable", n))
		}
		return strings.Join(parts, " and ") + " input (named above)"
	default:
		return err.Error()
	}
}

func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}

// printCheck prints the human summary of `clean check` and its verdict,
// which fails when a limit was exceeded or the run had a problem, and
// reports whether it failed.
func printCheck(w io.Writer, o *options, r *pipeline.Report, problem string) (failed bool) {
	fmt.Fprintf(w, "documents    %d read, %d kept, %d duplicates in %d clusters, %d empty after strip, %d errors%s\n",
		r.DocsIn, r.DocsOut, r.Duplicates, r.Clusters, r.EmptyAfterStrip, r.Errors, errorReasons(r))
	fmt.Fprintf(w, "inputs       %d files skipped, %d damaged, %d unreadable\n",
		len(r.SkippedFiles), len(r.DamagedInputs), len(r.UnreadableInputs))
	if len(r.SkippedRecords) > 0 {
		var total int64
		var kinds []string
		for _, kind := range sortedKeys(r.SkippedRecords) {
			total += r.SkippedRecords[kind]
			kinds = append(kinds, fmt.Sprintf("%s %d", kind, r.SkippedRecords[kind]))
		}
		fmt.Fprintf(w, "records      %d WARC records skipped, not documents: %s\n", total, strings.Join(kinds, ", "))
	}
	fmt.Fprintf(w, "boilerplate  %s of %s of text stripped\n", byteSize(r.BytesStripped), byteSize(r.TextBytesIn))
	for _, rule := range sortedKeys(r.BytesStrippedByRule) {
		fmt.Fprintf(w, "  %-26s %s\n", rule, byteSize(r.BytesStrippedByRule[rule]))
	}
	limits := []struct {
		flag       string
		value, max float64
	}{
		{"--max-duplicate-ratio", r.DuplicateRatio(), o.maxDupRatio},
		{"--max-boilerplate-ratio", r.BoilerplateRatio(), o.maxBoilerRatio},
		{"--max-errors", float64(r.Errors), float64(o.maxErrors)},
		{"--max-empty-ratio", r.EmptyRatio(), o.maxEmptyRatio},
	}
	var exceeded []string
	if usable := r.DocsIn - r.Errors; usable < o.minDocs {
		fmt.Fprintf(w, "%-24s %d < %d: FAILED\n", "--min-docs", usable, o.minDocs)
		exceeded = append(exceeded, "--min-docs not met")
	} else {
		fmt.Fprintf(w, "%-24s %d >= %d: ok\n", "--min-docs", usable, o.minDocs)
	}
	for _, l := range limits {
		switch {
		case l.max < 0:
			fmt.Fprintf(w, "%-24s %.4g (no limit)\n", l.flag, l.value)
		case l.value > l.max:
			fmt.Fprintf(w, "%-24s %.4g > %.4g: FAILED\n", l.flag, l.value, l.max)
			exceeded = append(exceeded, l.flag+" exceeded")
		default:
			fmt.Fprintf(w, "%-24s %.4g <= %.4g: ok\n", l.flag, l.value, l.max)
		}
	}
	if problem != "" {
		exceeded = append(exceeded, problem)
	}
	if len(exceeded) > 0 {
		fmt.Fprintf(w, "check failed: %s\n", strings.Join(exceeded, "; "))
		return true
	}
	fmt.Fprintln(w, "check passed")
	return false
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// profiled runs fn under --cpuprofile and --memprofile, and reports false
// when they cannot be started (named on stderr after name).
func profiled(o *options, stderr io.Writer, name string, fn func()) bool {
	stop, err := startProfiles(o)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return false
	}
	fn()
	if err := stop(); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
	}
	return true
}

// startProfiles starts --cpuprofile; the returned stop ends it and writes
// --memprofile.
func startProfiles(o *options) (stop func() error, err error) {
	var cpu *os.File
	if o.cpuProf != "" {
		if cpu, err = os.Create(o.cpuProf); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("%s: %w", o.cpuProf, err)
		}
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return err
			}
		}
		if o.memProf == "" {
			return nil
		}
		f, err := os.Create(o.memProf)
		if err != nil {
			return err
		}
		runtime.GC()
		if err := pprof.WriteHeapProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", o.memProf, err)
		}
		return f.Close()
	}, nil
}
