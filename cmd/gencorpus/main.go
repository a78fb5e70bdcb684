// Command gencorpus writes a synthetic news corpus with planted
// near-duplicates as JSON Lines on standard output, for scale and
// throughput benchmarks (internal/gencorpus says how it is made):
//
//	go run ./cmd/gencorpus -docs 1000000 -seed 1 > corpus.jsonl
//	go run ./cmd/gencorpus -bytes 2e9 | go run ./cmd/clean -q - > /dev/null
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/newsclean/clean/internal/gencorpus"
)

func main() {
	o := gencorpus.Defaults()
	flag.IntVar(&o.Docs, "docs", 0, "number of documents to write")
	flag.Float64Var(&o.Bytes, "bytes", 0, "write documents until this many bytes of text (alternative to -docs)")
	flag.Uint64Var(&o.Seed, "seed", o.Seed, "random seed; the same seed gives the same corpus")
	flag.Float64Var(&o.Dup, "dup", o.Dup, "share of documents that are near-duplicates of an earlier story")
	flag.IntVar(&o.Sites, "sites", o.Sites, "number of sites (each with its own header, footer and adverts)")
	flag.IntVar(&o.Vocab, "vocab", o.Vocab, "content vocabulary size")
	flag.IntVar(&o.Window, "window", o.Window, "recent originals a duplicate may copy")
	flag.Parse()
	if err := gencorpus.Write(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
}
