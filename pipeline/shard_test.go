package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShardEdges: shards that hold nothing (more shards than lines), a
// line longer than a shard, a last line without its newline, an empty
// file, CRLF line ends: the verbs' outputs, in shard order, are Run's.
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
		var counts, sketches []string
		for i := range n {
			counts = append(counts, filepath.Join(dir, fmt.Sprint("T", n, "_", i)))
			f, _ := os.Create(counts[i])
			if _, err := Learn(ctx, cfg, Shard{i, n}, f); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		table := filepath.Join(dir, fmt.Sprint("T", n))
		f, _ := os.Create(table)
		if err := MergeTables(cfg, counts, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		for i := range n {
			sketches = append(sketches, filepath.Join(dir, fmt.Sprint("S", n, "_", i)))
			f, _ := os.Create(sketches[i])
			if _, err := Sketch(ctx, cfg, Shard{i, n}, table, sketches[i]+".x", f); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
		dec := filepath.Join(dir, fmt.Sprint("D", n))
		f, _ = os.Create(dec)
		if _, err := Cluster(cfg, sketches, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var got bytes.Buffer
		docs := int64(0)
		for i := range n {
			cfg.Output = &got
			rep, err := Apply(ctx, cfg, Shard{i, n}, table, dec, sketches[i]+".x")
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
