package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/newsclean/clean/internal/gencorpus"
)

// TestMain initialises Beam, as main does.
func TestMain(m *testing.M) { ptest.Main(m) }

// TestMatchesCLI runs the pipeline on prism and clean (the command, built
// from the parent module) with the same flags over the fixtures with a
// gzip file and over a generated news corpus of 10,000 documents, and
// compares the outputs byte for byte, in each mode.
func TestMatchesCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds clean and runs prism: not with -short")
	}
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean")
	build := exec.Command("go", "build", "-o", clean, "./cmd/clean")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building clean: %v\n%s", err, out)
	}
	news := writeCorpus(t, filepath.Join(dir, "news.jsonl"), 10000, 3)
	// A compressed file goes whole to one shard.
	packed := writeCorpus(t, filepath.Join(dir, "packed.jsonl.gz"), 500, 4)
	corpora := []struct {
		name   string
		shards string
		paths  []string
	}{
		// Text, HTML and JSON Lines files, awkward records among them,
		// and a gzip file; more shards than some files have lines.
		{"fixtures", "5", []string{"../fixtures/seeds", "../fixtures/jsonl", "../fixtures/html", "../fixtures/dedup", packed}},
		{"news", "4", []string{news}},
	}
	// Without site-repeat learning there is no learn stage and no table.
	modes := [][]string{nil, {"--annotate"}, {"--keep", "longest"}, {"--dedup", "exact"}, {"--site-repeat=false"}}
	for _, c := range corpora {
		for _, mode := range modes {
			name := strings.Join(mode, "=")
			if name == "" {
				name = "default"
			}
			t.Run(c.name+"/"+name, func(t *testing.T) {
				want := filepath.Join(dir, "want")
				args := append(append([]string{"-q", "-o", want}, mode...), c.paths...)
				if out, err := exec.Command(clean, args...).CombinedOutput(); err != nil {
					t.Fatalf("clean %v: %v\n%s", args, err, out)
				}
				got := filepath.Join(dir, "got")
				start := time.Now()
				runPipeline(t, append(append([]string{"--shards", c.shards, "--output", got}, mode...), c.paths...))
				t.Logf("prism: %.1f s", time.Since(start).Seconds())
				sameFiles(t, got, want)
				if parts, _ := filepath.Glob(got + ".part-*"); len(parts) > 0 {
					t.Errorf("parts left behind: %v", parts)
				}
			})
		}
	}
}

// writeCorpus writes a gencorpus corpus of docs documents to path,
// gzipped if path ends in .gz, and returns path.
func writeCorpus(t *testing.T, path string, docs int, seed uint64) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var w io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(f)
		w = zw
	}
	o := gencorpus.Defaults()
	o.Docs, o.Seed = docs, seed
	if err := gencorpus.Write(w, o); err != nil {
		t.Fatal(err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// runPipeline builds the pipeline from the flags in args and runs it on
// prism, in process.
func runPipeline(t *testing.T, args []string) {
	t.Helper()
	o, output, err := parseFlags(flag.NewFlagSet("clean-beam", flag.ContinueOnError), args)
	if err != nil {
		t.Fatal(err)
	}
	p, s := beam.NewPipelineWithRoot()
	build(s, o, output)
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("pipeline %v: %v", args, err)
	}
}

// sameFiles fails the test, naming the first differing line, unless the
// files at got and want hold the same bytes.
func sameFiles(t *testing.T, got, want string) {
	t.Helper()
	g, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(g, w) {
		if len(w) == 0 {
			t.Fatal("both outputs are empty")
		}
		return
	}
	gl, wl := bytes.Split(g, []byte("\n")), bytes.Split(w, []byte("\n"))
	for i := range max(len(gl), len(wl)) {
		var a, b []byte
		if i < len(gl) {
			a = gl[i]
		}
		if i < len(wl) {
			b = wl[i]
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("%d lines, clean wrote %d; first difference at line %d:\n got %.300s\nwant %.300s", len(gl), len(wl), i+1, a, b)
		}
	}
	t.Fatal(fmt.Sprintf("outputs differ (%d and %d bytes)", len(g), len(w)))
}

// TestFlags: the flags build the options of clean's flags, and a run
// that cannot work is refused before it starts.
func TestFlags(t *testing.T) {
	parse := func(args ...string) (Options, string, error) {
		fs := flag.NewFlagSet("clean-beam", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		return parseFlags(fs, args)
	}
	o, out, err := parse("--output", "o.jsonl", "--input", "a", "--keep", "longest", "--dedup", "exact", "--annotate", "--site-repeat=false", "b")
	if err != nil {
		t.Fatal(err)
	}
	want := Options{Inputs: []string{"a", "b"}, Annotate: true, Keep: "longest", Dedup: "exact", Shards: 8}
	if out != "o.jsonl" || !reflect.DeepEqual(o, want) {
		t.Errorf("got %+v, %q; want %+v, o.jsonl", o, out, want)
	}
	cfg, err := o.config()
	if err != nil || !cfg.Strip || cfg.SiteRepeat || cfg.Keep != "longest" || cfg.Dedup != "exact" || !cfg.Annotate || cfg.Simhash.Validate() != nil {
		t.Errorf("config %+v, %v", cfg, err)
	}
	for _, args := range [][]string{
		{"--output", "o"}, // no inputs
		{"a"},             // no output
		{"--output", "o", "--shards", "0", "a"},
		{"--output", "o", "--keep", "last", "a"},
		{"--output", "o", "--dedup", "fuzzy", "a"},
		{"--output", "o", "--format", "pdf", "a"},
	} {
		if _, _, err := parse(args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
