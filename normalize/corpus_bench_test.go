package normalize

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"testing"
)

// corpusDocs reads about 20 MB of texts from the JSON Lines corpus named
// by NEWSCLEAN_CORPUS (cmd/gencorpus output), skipping the benchmark when
// it is unset: generated news with per-site boilerplate has many more
// short lines per byte than the seeds, so it profiles the per-line costs.
func corpusDocs(b *testing.B) (texts, sites []string, size int) {
	path := os.Getenv("NEWSCLEAN_CORPUS")
	if path == "" {
		b.Skip("NEWSCLEAN_CORPUS not set")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for size < 20<<20 && sc.Scan() {
		var d struct{ URL, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		site := ""
		if u, err := url.Parse(d.URL); err == nil {
			site = u.Host
		}
		texts, sites = append(texts, d.Text), append(sites, site)
		size += len(d.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	return texts, sites, size
}

func BenchmarkStripCorpus(b *testing.B) { benchStripCorpus(b, false) }

// BenchmarkStripCorpusRepeats strips as a default run does: with the
// repetition table learned from the same texts, whose lookups and
// headline tests the edge scans pay for.
func BenchmarkStripCorpusRepeats(b *testing.B) { benchStripCorpus(b, true) }

func benchStripCorpus(b *testing.B, repeats bool) {
	texts, sites, size := corpusDocs(b)
	var table *RepeatTable
	if repeats {
		c := NewRepeatCounter()
		for i, t := range texts {
			c.Observe(sites[i], t)
		}
		table = c.Table()
	}
	s, err := NewStripper(DefaultRules(), table)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, t := range texts {
			s.Strip(t, sites[i])
		}
	}
}
