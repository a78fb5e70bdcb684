package normalize

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestCleanArticles strips already clean news articles (the BBC set of
// the near-duplicate benchmark, NEWSCLEAN_BBC=.../neardup/bbc) and reports
// what was removed: there is no boilerplate in them, so every removed byte
// is a loss. It fails when the loss exceeds maxCleanLoss, a ceiling a
// little above the figure in the package comment.
func TestCleanArticles(t *testing.T) {
	dir := os.Getenv("NEWSCLEAN_BBC")
	if dir == "" {
		t.Skip("NEWSCLEAN_BBC not set")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles under %s: %v", dir, err)
	}
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	type loss struct {
		file string
		n    int
	}
	var losses []loss
	total, lost, lines := 0, 0, 0
	byRule := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		total += len(b)
		_, removed := s.Strip(string(b), "bbc")
		n := 0
		for _, r := range removed {
			n += len(r.Text)
			byRule[r.Rule] += len(r.Text)
			lines++
		}
		if n > 0 {
			losses = append(losses, loss{f, n})
		}
		lost += n
	}
	sort.Slice(losses, func(i, j int) bool { return losses[i].n > losses[j].n })
	for _, l := range losses[:min(len(losses), 10)] {
		t.Logf("%6d bytes lost from %s", l.n, l.file)
	}
	t.Logf("%d articles, %d bytes: %d bytes (%.3f%%) in %d lines removed, by rule %v",
		len(files), total, lost, 100*float64(lost)/float64(total), lines, byRule)
	if lost > maxCleanLoss {
		t.Errorf("removed %d bytes from clean articles, want at most %d", lost, maxCleanLoss)
	}
}

// maxCleanLoss is the loss measured on the BBC set, as a ceiling against
// regressions.
const maxCleanLoss = 7500
