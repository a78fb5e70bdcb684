package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedCorpus concatenates the seed articles: real news text with its
// boilerplate, the stripper's target input.
func seedCorpus(tb testing.TB) []string {
	files, err := filepath.Glob("../fixtures/seeds/*[0-9a-f].txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	var docs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	return docs
}

func BenchmarkStripNews(b *testing.B) {
	docs := seedCorpus(b)
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			s.Strip(d, "news")
		}
	}
}

func BenchmarkRepeatObserve(b *testing.B) {
	docs := seedCorpus(b)
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	c := NewRepeatCounter()
	for b.Loop() {
		for i, d := range docs {
			c.Observe(strings.Repeat("s", i%3), d)
		}
	}
}
