package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsclean/clean/pipeline"
	"github.com/newsclean/clean/simhash"
)

// halvesCorpus is four stories of eight paragraphs, each with a copy of
// its first half ("head") and one of its lead and second half ("tail",
// the middle dropped), which share too little to be one cluster without
// the story, and four stories alone: the ids of a story's copies start
// with its letter.
func halvesCorpus(rng *rand.Rand) (ids, texts []string) {
	for _, name := range "abcd" {
		s := randomStory(rng)
		ids = append(ids, string(name)+"-head", string(name)+"-tail", string(name)+"-whole")
		texts = append(texts, strings.Join(s[:4], "\n\n"), strings.Join(append(s[:2:2], s[5:]...), "\n\n"), strings.Join(s, "\n\n"))
	}
	for i := range 4 {
		ids = append(ids, fmt.Sprint("alone", i))
		texts = append(texts, strings.Join(randomStory(rng), "\n\n"))
	}
	return ids, texts
}

type annotated struct {
	ID        string
	Cluster   string
	Duplicate bool
}

// runOrder runs keep first over the corpus in the order given and returns
// the annotated records, the report and the warnings.
func runOrder(t *testing.T, ids, texts []string, order []int, stream, annotate bool, clusters *bytes.Buffer) ([]annotated, *pipeline.Report, string) {
	t.Helper()
	var in bytes.Buffer
	for _, i := range order {
		line, _ := json.Marshal(map[string]any{"id": ids[i], "url": "https://site.example/" + ids[i], "text": texts[i]})
		in.Write(append(line, '\n'))
	}
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, in.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := baseConfig(path)
	cfg.Strip, cfg.Annotate, cfg.Stream = false, annotate, stream
	var out, warn bytes.Buffer
	cfg.Output, cfg.Warn = &out, &warn
	if clusters != nil {
		cfg.Clusters = clusters
	}
	rep, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, rep)
	var recs []annotated
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r annotated
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		recs = append(recs, r)
	}
	return recs, rep, warn.String()
}

// groups is the partition the records' clusters make, in a canonical form.
func groups(recs []annotated) string {
	byCluster := map[string][]string{}
	for _, r := range recs {
		byCluster[r.Cluster] = append(byCluster[r.Cluster], r.ID)
	}
	var parts []string
	for _, members := range byCluster {
		slices.Sort(members)
		parts = append(parts, strings.Join(members, " "))
	}
	slices.Sort(parts)
	return strings.Join(parts, " | ")
}

// libraryGroups is the partition the clusterer makes of the corpus in
// order, each document with the cluster it ended in.
func libraryGroups(ids, texts []string, order []int) string {
	fp := simhash.NewFingerprinter(simhash.DefaultOptions())
	cl := simhash.NewClusterer(simhash.DefaultOptions())
	var recs []annotated
	var added []int
	for _, i := range order {
		added = append(added, cl.Add(fp.Sketch(texts[i])))
	}
	for k, i := range order {
		recs = append(recs, annotated{ID: ids[i], Cluster: fmt.Sprint(cl.Resolve(added[k]))})
	}
	return groups(recs)
}

// TestKeepFirstCorrectsLateDuplicates: a story's two cut copies that
// arrive before it start two clusters, which the story merges; with keep
// first the records must come out in the clusters the clusterer ended
// with, whatever the order, each represented by its earliest member: the
// later copy, written as kept, is corrected at the end. Written as a
// stream it is corrected while the stream's window holds it; past the
// window the records stay as decided, and the run says so.
func TestKeepFirstCorrectsLateDuplicates(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	ids, texts := halvesCorpus(rng)
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	sawLate := false
	for round := range 12 {
		// Round 0: input order (the story last); then shuffled.
		if round > 0 {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		var clusters bytes.Buffer
		recs, rep, warn := runOrder(t, ids, texts, order, false, true, &clusters)
		want := libraryGroups(ids, texts, order)
		if got := groups(recs); got != want {
			t.Fatalf("round %d (order %v): clusters\n%s, want\n%s", round, order, got, want)
		}
		first := map[string]string{} // each cluster's earliest member
		sizes := map[string]int{}
		for _, r := range recs {
			if _, ok := first[r.Cluster]; !ok {
				first[r.Cluster] = r.ID
			}
			sizes[r.Cluster]++
			if r.Duplicate != (first[r.Cluster] != r.ID) || r.Cluster != first[r.Cluster] {
				t.Errorf("round %d: %+v, its cluster's first member %s", round, r, first[r.Cluster])
			}
		}
		var withDups []string
		for c, n := range sizes {
			if n > 1 {
				withDups = append(withDups, fmt.Sprintf(`{"cluster":%q,"size":%d,`, c, n))
			}
		}
		if rep.DocsOut != int64(len(sizes)) || rep.Duplicates != int64(len(recs)-len(sizes)) || rep.Clusters != int64(len(withDups)) {
			t.Errorf("round %d: %d out, %d duplicates in %d clusters, want %d, %d, %d", round, rep.DocsOut, rep.Duplicates, rep.Clusters, len(sizes), len(recs)-len(sizes), len(withDups))
		}
		for _, c := range withDups {
			if !strings.Contains(clusters.String(), c) {
				t.Errorf("round %d: no %s in the clusters file\n%s", round, c, clusters.String())
			}
		}
		if warn != "" {
			t.Errorf("round %d: warned %q", round, warn)
		}
		// Without annotations: the earliest member of each cluster.
		var wantKept []string
		for _, r := range recs {
			if !r.Duplicate {
				wantKept = append(wantKept, r.ID)
			}
		}
		kept, _, _ := runOrder(t, ids, texts, order, false, false, nil)
		var gotKept []string
		for _, r := range kept {
			gotKept = append(gotKept, r.ID)
		}
		if !slices.Equal(gotKept, wantKept) {
			t.Errorf("round %d: kept %v, want %v", round, gotKept, wantKept)
		}
		if rep.LateDuplicates == 0 {
			continue
		}
		sawLate = true
		// The same order as a stream: corrected in its window, which
		// holds the whole corpus.
		streamed, _, warn := runOrder(t, ids, texts, order, true, true, nil)
		if !slices.Equal(streamed, recs) || warn != "" {
			t.Errorf("round %d, streamed: %v, want %v; warned %q", round, streamed, recs, warn)
		}
		// With a window of one record, the records go out as decided,
		// and the run says so.
		restore := pipeline.SetWindowBytes(1)
		streamed, rep, warn = runOrder(t, ids, texts, order, true, true, nil)
		restore()
		if got := groups(streamed); got == want {
			t.Errorf("round %d, streamed through a window of one record: late duplicates corrected", round)
		}
		if !strings.Contains(warn, fmt.Sprintf("%d documents were written as kept and found later to be duplicates", rep.LateDuplicates)) {
			t.Errorf("round %d, streamed: warned %q", round, warn)
		}
	}
	if !sawLate {
		t.Error("no order had a late duplicate")
	}
}
