package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestShardEdges: shards that hold nothing (more shards than lines), a
// line longer than a shard, a last line without its newline, an empty
// file, CRLF line ends: the verbs' outputs, in shard order, are Run's,
// with the files between them on disk or in memory, the counts summed
// in any grouping and the sketches given in any order.
func TestShardEdges(t *testing.T) {
	dir := t.TempDir()
	story := func(i int) string {
		return fmt.Sprintf(`{"text":"Story %d tells of the harbour and the boats that came in late that night, said the keeper.\nA second line of story %d says the fishermen waited for the morning tide to turn again."}`, i, i)
	}
	long := `{"id":"long","text":"` + strings.Repeat("a long line of many words ", 400) + `"}`
	files := map[string]string{
		"a.jsonl": story(1) + "\n" + long + "\n" + story(2) + "\r\n" + story(1) + "\n",
		"b.jsonl": "",
		"c.jsonl": story(3) + "\n" + story(2),
	}
	var paths []string
	for _, name := range []string{"a.jsonl", "b.jsonl", "c.jsonl"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(files[name]), 0o644)
		paths = append(paths, p)
	}
	cfg := defaultConfig("")
	cfg.Paths, cfg.Annotate = paths, true
	var want bytes.Buffer
	cfg.Output = &want
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, n := range []int{1, 3, 7, 40} {
		cfg.Output = nil
		// Odd n pass the files between the verbs in memory, as the Beam
		// pipeline does, and sum the counts pairwise (a combine's
		// grouping) before making the table.
		inMemory := n%2 == 1
		keep := func(name string, write func(w *bytes.Buffer) error) File {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatalf("n=%d: %s: %v", n, name, err)
			}
			f := File{Path: filepath.Join(dir, fmt.Sprint(name, "_", n))}
			if inMemory {
				f.Data = b.Bytes()
			} else if err := os.WriteFile(f.Path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			return f
		}
		var counts, sketches []File
		for i := range n {
			counts = append(counts, keep(fmt.Sprint("T", i), func(w *bytes.Buffer) error {
				_, err := Learn(ctx, cfg, Shard{i, n}, w)
				return err
			}))
		}
		for inMemory && len(counts) > 1 {
			var pairs []File
			for i := 0; i < len(counts); i += 2 {
				pair := counts[i:min(i+2, len(counts))]
				pairs = append(pairs, keep(fmt.Sprint("P", len(counts), "_", i), func(w *bytes.Buffer) error {
					s := NewCounts(cfg)
					for _, f := range pair {
						if err := s.Add(f); err != nil {
							return err
						}
					}
					return s.WriteCounts(w)
				}))
			}
			counts = pairs
		}
		table := keep("T", func(w *bytes.Buffer) error { return MergeTables(cfg, counts, w) })
		for i := range n {
			sketches = append(sketches, keep(fmt.Sprint("S", i), func(w *bytes.Buffer) error {
				_, err := Sketch(ctx, cfg, Shard{i, n}, table, filepath.Join(dir, fmt.Sprint("X", n, "_", i)), w)
				return err
			}))
		}
		slices.Reverse(sketches) // Cluster takes them in shard order whatever their order
		dec := keep("D", func(w *bytes.Buffer) error {
			_, err := Cluster(cfg, sketches, w)
			return err
		})
		var got bytes.Buffer
		docs := int64(0)
		for i := range n {
			cfg.Output = &got
			texts := File{Path: filepath.Join(dir, fmt.Sprint("X", n, "_", i))}
			if inMemory {
				var err error
				if texts.Data, err = os.ReadFile(texts.Path); err != nil {
					t.Fatal(err)
				}
				os.Remove(texts.Path)
			}
			rep, err := Apply(ctx, cfg, Shard{i, n}, table, dec, texts)
			if err != nil {
				t.Fatal(err)
			}
			docs += rep.DocsIn
		}
		if got.String() != want.String() || docs != 6 {
			t.Errorf("n=%d: %d documents, output\n%s\nwant\n%s", n, docs, got.String(), want.String())
		}
	}
}
