package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/newsclean/clean/pipeline"
)

// The shard verbs (README, Beyond one machine): a run split into steps
// any scheduler can drive. Each takes the flags of clean that change the
// output (the same for every verb of a run) plus its own, taken out of the
// arguments here.
const shardUsage = `Shard verbs: one run split into steps, each over one shard (i/n) of the inputs.
  clean learn --shard i/n [flags] PATH... -o COUNTS_i      count site-repeated lines
  clean learn-merge [flags] COUNTS... -o TABLE             sum the counts into the table
  clean sketch --table TABLE --shard i/n [--texts TEXTS_i] [flags] PATH... -o SKETCHES_i
  clean cluster [flags] SKETCHES... -o DECISIONS [--clusters FILE]
  clean apply --table TABLE --decisions DECISIONS --shard i/n [--texts TEXTS_i] [flags] PATH... -o OUT_i
Concatenating OUT_0 ... OUT_n-1 gives the output of clean [flags] PATH..., byte
for byte; the --report of each apply sum to its report. With --site-repeat=false
learn and learn-merge are skipped and --table is not given. --texts keeps the
stripped texts of sketch (about the size of the input) for apply, which then
neither extracts nor strips again (Parquet output and --explain aside);
without --annotate or --rejects it does not read the inputs at all.
apply --explain prints its shard's part of clean --explain's output instead of
records.
`

// shardVerbs are the verbs, with the flags of their own.
var shardVerbs = map[string][]string{
	"learn":       {"shard"},
	"learn-merge": nil,
	"sketch":      {"shard", "table", "texts"},
	"cluster":     nil,
	"apply":       {"shard", "table", "decisions", "texts"},
}

// takeFlags removes the flags named in names (-name V, --name V,
// --name=V) from args, before a "--".
func takeFlags(args, names []string) (rest []string, values map[string]string, err error) {
	values = map[string]string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(rest, args[i:]...), values, nil
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || !contains(names, name) {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("flag needs an argument: -%s", name)
			}
			i++
			value = args[i]
		}
		values[name] = value
	}
	return rest, values, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// shardVerb runs one shard verb; its output (-o) is replaced only when it
// succeeds.
func shardVerb(ctx context.Context, verb string, args []string, stdout, stderr io.Writer) int {
	args, own, err := takeFlags(args, shardVerbs[verb])
	var o *options
	if err == nil {
		o, err = parseFlags("clean", args, stderr)
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, shardUsage)
		return exitOK
	}
	var shard pipeline.Shard
	if err == nil && contains(shardVerbs[verb], "shard") {
		if own["shard"] == "" {
			err = fmt.Errorf("clean %s needs --shard i/n", verb)
		} else {
			shard, err = pipeline.ParseShard(own["shard"])
		}
	}
	if err == nil && verb == "apply" && own["decisions"] == "" {
		err = errors.New("clean apply needs --decisions FILE (made by clean cluster)")
	}
	if err == nil && (verb == "learn-merge" || verb == "cluster") && len(o.cfg.Paths) == 0 {
		err = fmt.Errorf("clean %s needs the files of every shard", verb)
	}
	if err == nil && o.cfg.Index != "" {
		err = errors.New("--index works with a single run (clean --index), not with the shard verbs")
	}
	if err == nil && isParquet(o.output) {
		err = errors.New("the shard verbs write files to be concatenated, which Parquet files cannot be: write JSON Lines")
	}
	if err != nil {
		fmt.Fprintf(stderr, "clean %s: %v\n%s", verb, err, shardUsage)
		return exitUsage
	}
	cfg := o.cfg
	cfg.Warn = stderr
	// apply --explain prints its shard's part of what clean --explain
	// prints, where it prints it, and writes no records.
	explain := verb == "apply" && o.explain
	if explain {
		cfg.Explain = stdout
	}
	var out, clusters, rejects sink
	abort, ok := openOutputs("clean "+verb, stdout, stderr, []output{
		{o.output, !explain, &out, nil, false},
		{o.clusters, verb == "cluster" && o.clusters != "", &clusters, &cfg.Clusters, false},
		{o.rejects, verb == "apply" && o.rejects != "", &rejects, &cfg.Rejects, false},
	})
	defer abort()
	if !ok {
		return exitUsage
	}
	cfg.Outputs = outputFiles(o, stdout, stderr, out, clusters, rejects)
	var rep *pipeline.Report
	run := func() {
		switch verb {
		case "learn":
			rep, err = pipeline.Learn(ctx, cfg, shard, out)
		case "learn-merge":
			err = pipeline.MergeTables(cfg, pipeline.FilesAt(cfg.Paths), out)
		case "sketch":
			rep, err = pipeline.Sketch(ctx, cfg, shard, pipeline.File{Path: own["table"]}, own["texts"], out)
		case "cluster":
			rep, err = pipeline.Cluster(cfg, pipeline.FilesAt(cfg.Paths), out)
		case "apply":
			cfg.Output = out
			rep, err = pipeline.Apply(ctx, cfg, shard, pipeline.File{Path: own["table"]}, pipeline.File{Path: own["decisions"]}, pipeline.File{Path: own["texts"]})
		}
	}
	if !profiled(o, stderr, "clean "+verb, run) {
		return exitUsage
	}
	code := exitCode(ctx, err)
	if err != nil {
		fmt.Fprintf(stderr, "clean %s: %v\n", verb, err)
	}
	if code == exitOK || errors.Is(err, pipeline.ErrDamaged) {
		for _, f := range []sink{out, clusters, rejects} {
			if f == nil {
				continue
			}
			if cerr := f.Commit(); cerr != nil {
				fmt.Fprintf(stderr, "clean %s: %v\n", verb, cerr)
				return exitUsage
			}
		}
	}
	if rep != nil && o.report != "" {
		f, werr := create(o.report, stdout, false)
		if werr == nil {
			defer f.Abort()
			werr = writeReport(f, rep)
		}
		if werr != nil {
			fmt.Fprintf(stderr, "clean %s: %v\n", verb, werr)
			return exitUsage
		}
	}
	if rep != nil && verb == "apply" && !o.quiet {
		fmt.Fprintln(stderr, summary(rep))
	}
	return code
}
