package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
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

// TestApplyReplaysTexts: without --annotate, apply with the texts of
// sketch writes the single run's output, errors, damaged inputs and
// report sums without reading the inputs again: they are overwritten
// (same sizes, same line ends) between sketch and apply. With --rejects
// it reads them again for the rejects but extracts no page again.
func TestApplyReplaysTexts(t *testing.T) {
	dir := t.TempDir()
	var a strings.Builder
	for i := range 40 {
		switch i {
		case 7:
			a.WriteString(`{"id":"bad","text":5}` + "\n")
		case 9:
			a.WriteString(`{"id":"empty","text":"Share this article on Facebook"}` + "\n")
		case 11:
			a.WriteString(`{"id":"page","html":"<html><body><p>A page about the lighthouse keeper and his long winter nights by the sea.</p></body></html>"}` + "\n")
		default:
			fmt.Fprintf(&a, `{"id":"d%d","url":"https://example.com/%d","text":"Story %d of the harbour: the boats \"came in\" late.\nShare this article on Facebook"}`+"\n", i, i, i%25)
		}
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat(`{"text":"a gzipped story of the river and its many bridges"}`+"\n", 200)))
	zw.Close()
	paths := []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl.gz"), filepath.Join(dir, "c.jsonl")}
	os.WriteFile(paths[0], []byte(a.String()), 0o644)
	os.WriteFile(paths[1], gz.Bytes()[:gz.Len()/2], 0o644) // truncated: damaged
	os.WriteFile(paths[2], []byte(a.String()), 0o644)
	cfg := defaultConfig("")
	cfg.Paths = paths
	var want, wantRej bytes.Buffer
	cfg.Output, cfg.Rejects = &want, &wantRej
	wantRep, wantErr := Run(context.Background(), cfg)
	cfg.Rejects = nil
	if !errors.Is(wantErr, ErrDamaged) || wantRep.Errors == 0 || wantRep.Duplicates == 0 || wantRep.EmptyAfterStrip == 0 {
		t.Fatalf("not the run the test intends: %v, %+v", wantErr, wantRep)
	}
	ctx := context.Background()
	const n = 3
	cfg.Output = nil
	table, dec := sketchShards(t, cfg, dir, n)

	// The replayed removals are counted, not shown: their texts are not
	// kept (the line removed from every story is in no texts file).
	for i := range n {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprint("X", i)))
		if err != nil || bytes.Contains(b, []byte("Share this article")) {
			t.Errorf("texts %d: %v, or the removed texts kept", i, err)
		}
	}

	calls := countExtractions(t)
	var got, gotRej bytes.Buffer
	for i := range n {
		cfg.Output, cfg.Rejects = &got, &gotRej
		if _, err := Apply(ctx, cfg, Shard{i, n}, table, dec, File{Path: filepath.Join(dir, fmt.Sprint("X", i))}); err != nil && !errors.Is(err, ErrDamaged) {
			t.Fatal(err)
		}
	}
	cfg.Rejects = nil
	if got.String() != want.String() || gotRej.String() != wantRej.String() || wantRej.Len() == 0 || calls.Load() != 0 {
		t.Errorf("with --rejects: %d pages extracted again, output\n%s\nwant\n%s\nrejects %q, want %q", calls.Load(), got.String(), want.String(), gotRej.String(), wantRej.String())
	}

	blank := regexp.MustCompile(`[^\n]`).ReplaceAll([]byte(a.String()), []byte(" "))
	os.WriteFile(paths[0], blank, 0o644)
	os.WriteFile(paths[2], blank, 0o644)
	got.Reset()
	var sum Report
	var damaged []string
	for i := range n {
		cfg.Output = &got
		rep, err := Apply(ctx, cfg, Shard{i, n}, table, dec, File{Path: filepath.Join(dir, fmt.Sprint("X", i))})
		if err != nil && !errors.Is(err, ErrDamaged) {
			t.Fatal(err)
		}
		sum.DocsIn += rep.DocsIn
		sum.DocsOut += rep.DocsOut
		sum.Duplicates += rep.Duplicates
		sum.Clusters += rep.Clusters
		sum.Errors += rep.Errors
		sum.EmptyAfterStrip += rep.EmptyAfterStrip
		sum.BytesIn += rep.BytesIn
		sum.TextBytesIn += rep.TextBytesIn
		sum.BytesStripped += rep.BytesStripped
		sum.BytesOut += rep.BytesOut
		damaged = append(damaged, rep.DamagedInputs...)
	}
	if got.String() != want.String() {
		t.Errorf("output\n%s\nwant\n%s", got.String(), want.String())
	}
	w := wantRep
	if sum.DocsIn != w.DocsIn || sum.DocsOut != w.DocsOut || sum.Duplicates != w.Duplicates || sum.Clusters != w.Clusters ||
		sum.Errors != w.Errors || sum.EmptyAfterStrip != w.EmptyAfterStrip || sum.BytesIn != w.BytesIn ||
		sum.TextBytesIn != w.TextBytesIn || sum.BytesStripped != w.BytesStripped || sum.BytesOut != w.BytesOut {
		t.Errorf("reports sum to %+v, single run %+v", sum, *w)
	}
	if !slices.Equal(damaged, w.DamagedInputs) {
		t.Errorf("damaged inputs %q, single run %q", damaged, w.DamagedInputs)
	}
}

// TestOldTextsRefused: a texts file of an earlier format (kind 6, the
// first layout; kind 7, removals with their texts) is refused by name,
// not misread.
func TestOldTextsRefused(t *testing.T) {
	for _, kind := range []fileKind{6, 7} {
		var b bytes.Buffer
		if err := writeShardFile(&b, fileHeader{kind: kind, options: 1, inputs: 1}, []byte{0, 1, 1}); err != nil {
			t.Fatal(err)
		}
		_, err := openTexts(File{Path: "X", Data: b.Bytes()}, Shard{0, 1}, 1, 1)
		if err == nil || !strings.Contains(err.Error(), "older clean") {
			t.Errorf("kind %d: error %v, want one naming the texts of an older clean", kind, err)
		}
	}
}

// TestOldDecisionsRefused: decisions of a clean whose cluster step held
// representatives' ids for --annotate and --clusters only are refused,
// naming the file and what to run again, rather than read as holding
// none.
func TestOldDecisionsRefused(t *testing.T) {
	var b bytes.Buffer
	if err := writeShardFile(&b, fileHeader{kind: kindDecisionsV1, options: 1, inputs: 1}, []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		t.Fatal(err)
	}
	_, err := readDecisions(File{Path: "D", Data: b.Bytes()}, 1, 1)
	if err == nil || !strings.Contains(err.Error(), "D: holds decisions of an older clean (cluster again)") {
		t.Errorf("error %v, want one naming the decisions of an older clean", err)
	}
}

// TestOldSketchesRefused: sketches written before they held the opening
// hash are refused by name, not misread.
func TestOldSketchesRefused(t *testing.T) {
	var b bytes.Buffer
	if err := writeShardFile(&b, fileHeader{kind: kindSketchesV1, options: 1, inputs: 1}, []byte{1, 0, 0}); err != nil {
		t.Fatal(err)
	}
	_, err := readSketches(File{Path: "S", Data: b.Bytes()}, 1)
	if err == nil || !strings.Contains(err.Error(), "S: holds sketches of an older clean (sketch again)") {
		t.Errorf("error %v, want one naming the sketches of an older clean", err)
	}
}

// TestApplyExplainsFromTexts: apply --explain with the texts of sketch
// (which keep the removals' lengths, not their texts) shows every removed
// line as the single run does, and names a duplicate's representative
// held by another shard: a copy in the second shard of a story in the
// first (keep first), and (keep longest) a story in the first whose
// longer version, its representative, comes in the second. (The
// decisions held representatives' ids for --annotate and --clusters only,
// and apply explained those duplicates without one.)
func TestApplyExplainsFromTexts(t *testing.T) {
	dir := t.TempDir()
	var a strings.Builder
	rng := rand.New(rand.NewPCG(1, 2))
	story := func(words int) string { // of 2,000 words, a sentence every 12
		var b strings.Builder
		for j := range words {
			fmt.Fprintf(&b, "w%d%s", rng.IntN(2000), map[bool]string{true: ". ", false: " "}[j%12 == 11])
		}
		return b.String()
	}
	var stories []string
	line := func(id, text string) {
		fmt.Fprintf(&a, `{"id":%q,"url":"https://example.com/%s","text":"%s\nShare this article on Facebook"}`+"\n", id, id, text)
	}
	for i := range 30 {
		stories = append(stories, story(60))
		line(fmt.Sprint("d", i), stories[i])
	}
	line("copy", stories[0])
	line("longer", stories[1]+story(12))
	path := filepath.Join(dir, "a.jsonl")
	os.WriteFile(path, []byte(a.String()), 0o644)
	for _, keep := range []string{KeepFirst, KeepLongest} {
		cfg := defaultConfig(path)
		cfg.Keep = keep
		var want bytes.Buffer
		cfg.Explain = &want
		cross := map[string]string{KeepFirst: "== copy (", KeepLongest: "== d1 ("}[keep]
		crossRep := map[string]string{KeepFirst: "duplicate of d0\n", KeepLongest: "duplicate of longer\n"}[keep]
		if _, err := Run(context.Background(), cfg); err != nil || !strings.Contains(want.String(), "Share this article") || !strings.Contains(want.String(), crossRep) {
			t.Fatalf("keep %s: not the run the test intends: %v\n%s", keep, err, want.String())
		}
		if _, ex, _ := strings.Cut(want.String(), cross); !strings.HasPrefix(ex[strings.Index(ex, ";"):], "; dropped as a "+crossRep) {
			t.Fatalf("keep %s: not the run the test intends: %s%s", keep, cross, ex)
		}
		cfg.Explain = nil
		ctx := context.Background()
		const n = 2
		table, dec := sketchShards(t, cfg, dir, n)
		var got bytes.Buffer
		cfg.Explain = &got
		for i := range n {
			if _, err := Apply(ctx, cfg, Shard{i, n}, table, dec, File{Path: filepath.Join(dir, fmt.Sprint("X", i))}); err != nil {
				t.Fatal(err)
			}
		}
		if got.String() != want.String() {
			t.Errorf("keep %s: explained\n%s\nwant\n%s", keep, got.String(), want.String())
		}
	}
}

// sketchShards runs learn, learn-merge, sketch --texts (texts X0...) and
// cluster over n shards of cfg's inputs, writing their files to dir, and
// returns the table and the decisions.
func sketchShards(t *testing.T, cfg Config, dir string, n int) (table, dec File) {
	t.Helper()
	ctx := context.Background()
	file := func(name string, write func(w *bytes.Buffer) error) File {
		var b bytes.Buffer
		if err := write(&b); err != nil && !errors.Is(err, ErrDamaged) {
			t.Fatalf("%s: %v", name, err)
		}
		f := File{Path: filepath.Join(dir, name)}
		os.WriteFile(f.Path, b.Bytes(), 0o644)
		return f
	}
	var counts, sketches []File
	for i := range n {
		counts = append(counts, file(fmt.Sprint("T", i), func(w *bytes.Buffer) error { _, err := Learn(ctx, cfg, Shard{i, n}, w); return err }))
	}
	table = file("T", func(w *bytes.Buffer) error { return MergeTables(cfg, counts, w) })
	for i := range n {
		sketches = append(sketches, file(fmt.Sprint("S", i), func(w *bytes.Buffer) error {
			_, err := Sketch(ctx, cfg, Shard{i, n}, table, filepath.Join(dir, fmt.Sprint("X", i)), w)
			return err
		}))
	}
	return table, file("D", func(w *bytes.Buffer) error { _, err := Cluster(cfg, sketches, w); return err })
}
