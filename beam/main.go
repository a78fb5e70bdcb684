// Command beam runs clean as an Apache Beam pipeline, locally on the
// prism runner or on Dataflow, Flink or Spark, with output byte for byte
// that of clean run with the same flags on the same inputs:
//
//	cd beam && go build -o ../clean-beam . && cd ..
//	./clean-beam --runner=prism --output out.jsonl --annotate corpus.jsonl
//
// It is its own module, so that the main module's dependencies stay
// those of the command (the Beam SDK brings about 800 packages).
//
// # Design
//
// The pipeline composes the stage functions the shard verbs of the
// command compose (package pipeline, shard.go): one code path, three
// drivers (clean, the shard verbs, this). An element is a shard of the
// inputs, a byte range cut at line starts, and the files the verbs pass
// between them are elements and side inputs (pipeline.File, in memory):
//
//	shards 0..n-1 --learn (ParDo)--> counts --learn-merge (Combine)--> table
//	shards --sketch (ParDo, table as side input)--> (shard, sketches)
//	impulse --cluster (ParDo, every shard's sketches as side input)--> decisions
//	shards --apply (ParDo, table and decisions as side inputs)--> (shard, output)
//	impulse --write (ParDo, every output as side input)--> the output file, in shard order
//
// Learning is a combine whose accumulator is the sum of the shards'
// site-repeat counts; counting is commutative, so any grouping gives the
// single run's table. Clustering is sequential and order-dependent (no
// chaining: a document joins the first representative it matches), so
// it is one step over every sketch in input order; it holds about 22
// bytes of sketch and 4 of decision per document. Every other stage is
// parallel over shards. Apply extracts and strips its shard again rather
// than take the stripped texts through the runner.
//
// Every stage reads the inputs by their paths, so on a distributed runner
// they must be at the same path on every worker (a shared file system),
// and given as the same strings: paths name documents without an id
// (FILE:LINE). The output goes through Beam's file systems (a local path,
// or gs:// on Dataflow). A stage that fails (an unreadable or damaged
// input, a corrupt element) fails the pipeline; clean would write what it
// could and exit 1.
//
// # Cost
//
// Measured on the shared 2-core machine (load average 4 to 8 from other
// work): FIGURES.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/newsclean/clean/pipeline"
)

func main() {
	o, output, err := parseFlags(flag.CommandLine, os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	// A worker started by a distributed runner runs its bundles here and
	// never returns.
	beam.Init()
	if err != nil {
		fmt.Fprintln(os.Stderr, "clean-beam:", err)
		os.Exit(2)
	}
	p, s := beam.NewPipelineWithRoot()
	build(s, o, output)
	if err := beamx.Run(context.Background(), p); err != nil {
		fmt.Fprintln(os.Stderr, "clean-beam:", err)
		os.Exit(1)
	}
}

// parseFlags reads the flags of the run from args into fs, which holds
// Beam's flags too (--runner and those of each runner).
func parseFlags(fs *flag.FlagSet, args []string) (Options, string, error) {
	o := Options{}
	var inputs listFlag
	fs.Var(&inputs, "input", "a file or directory to clean (repeat the flag; PATH arguments add to them)")
	output := fs.String("output", "", "write the records to `FILE` (a local path, or gs://... on Dataflow)")
	fs.StringVar(&o.Format, "format", "", "force the input `FORMAT`: jsonl, text, html or warc (default: by extension)")
	fs.BoolVar(&o.Annotate, "annotate", false, `write every document with "cluster", "duplicate" and "removed" fields`)
	fs.StringVar(&o.Keep, "keep", pipeline.KeepFirst, "which member represents a cluster: first or longest")
	fs.StringVar(&o.Dedup, "dedup", pipeline.DedupNear, "duplicate removal: near, exact or off")
	fs.BoolVar(&o.SiteRepeat, "site-repeat", true, "strip lines that recur across many documents of one site")
	fs.IntVar(&o.Shards, "shards", 8, "cut the inputs into `N` shards, the unit of parallel work")
	if err := fs.Parse(args); err != nil {
		return o, "", err
	}
	o.Inputs = append(inputs, fs.Args()...)
	switch {
	case len(o.Inputs) == 0:
		return o, "", errors.New("no inputs: give --input PATH or PATH arguments (standard input cannot be read by the workers)")
	case *output == "":
		return o, "", errors.New("--output FILE is required")
	case o.Shards < 1:
		return o, "", fmt.Errorf("--shards %d: want 1 or more", o.Shards)
	case o.Keep != pipeline.KeepFirst && o.Keep != pipeline.KeepLongest:
		return o, "", fmt.Errorf("--keep %q: want first or longest", o.Keep)
	case o.Dedup != pipeline.DedupNear && o.Dedup != pipeline.DedupExact && o.Dedup != pipeline.DedupOff:
		return o, "", fmt.Errorf("--dedup %q: want near, exact or off", o.Dedup)
	}
	_, err := o.config()
	return o, *output, err
}

// listFlag collects the values of a repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
