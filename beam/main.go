// Command beam runs clean as an Apache Beam pipeline, locally on the
// prism runner or on Dataflow, Flink or Spark, with output byte for byte
// that of clean run with the same flags on the same inputs:
//
//	go -C beam build -o ../clean-beam .
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
//	shards --sketch (ParDo, table as side input)--> (shard, sketches), (shard, texts)
//	impulse --cluster (ParDo, every shard's sketches as side input)--> decisions
//	(shard, texts) --apply (ParDo, table and decisions as side inputs)--> (shard, part file)
//	impulse --write (ParDo, every part's name as side input)--> the output, parts in shard order
//
// Learning is a combine whose accumulator is the sum of the shards'
// site-repeat counts; counting is commutative, so any grouping gives the
// single run's table. Clustering is sequential and order-dependent (no
// chaining: a document joins the first representative it matches), so
// it is one step over every sketch in input order. It holds every
// shard's sketches (227 bytes per document on the corpus below: id,
// length, sketch) besides the clusterer's 54 to 76 bytes per document
// (package pipeline, Memory): at 10M documents about 3 GB on one worker,
// where the shard verbs' cluster step streams the files. Every other
// stage is parallel over shards. Sketch also emits the shard's stripped
// texts (about the size of its input) for apply, which then neither
// extracts nor strips again: the costly work is done once, as with the
// shard verbs' --texts. Apply writes its shard to a part file beside the
// output; the write step streams the parts into the output in shard
// order and removes them, so no step holds the whole output.
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
// Measured on the shared 2-core machine while other work kept its load
// average at 4 to 16, so the times are rough. The Beam SDK v2.77.0 is 831
// packages (go list -deps), about 860 MB in the module cache; a cold
// build took 130 user-s + 23 system-s (3:40 wall at nice), a rebuild
// after editing this package 44 user-s (1:56 wall): mostly the link of a
// 104 MB binary. On a 10,000-document gencorpus corpus (30 MB, seed 3),
// prism in process, three interleaved runs each (load average 8 to 11):
//
//	                 wall s, median (range)   user+sys s   peak RSS
//	clean            1.45 (1.27-1.73)         0.70-0.80    30-32 MB
//	prism, 4 shards  5.68 (3.57-7.72)         2.8-3.3      305-376 MB
//	prism, 8 shards  7.24 (5.36-10.71)        3.1-3.7      305-341 MB
//
// The shard verbs' steps on the same corpus, 4 shards with --texts, took
// 1.2 CPU-s in all: what prism adds is its own engine (its bundle loop
// was a quarter of a CPU profile of the test) and copying elements
// (memmove and memclr another fifth). The pipeline is for spreading a
// large corpus over many machines, not for one.
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
