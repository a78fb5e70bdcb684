package pipeline

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// roundTrip makes dst from src by the edits appendEdits writes and
// returns it with the size of the edits.
func roundTrip(t *testing.T, src, dst string) (string, int) {
	t.Helper()
	b := appendEdits(nil, src, dst)
	p := &parser{b: b}
	got, ok := rebuild(p, src, uint64(len(dst)))
	if !ok || got != dst || p.err != nil || len(p.b) != 0 {
		t.Fatalf("src %q, dst %q: rebuilt %q (ok %v, %d bytes left)", src, dst, got, ok, len(p.b))
	}
	return got, len(b)
}

// TestEdits: a stripped text is rebuilt exactly from the text it was
// stripped from, in a few bytes when it is runs of it (one run: that part
// of the text, uncopied); a text that is not made of it (decoded, a page's)
// is rebuilt too, from literals, at a bounded cost.
func TestEdits(t *testing.T) {
	body := strings.Repeat("The harbour master counted the boats as they came in. ", 40)
	src := "Home | News | Sport\nBy A Writer\n" + body + "\nShare this article\n\nMore stories\n" + body + "\nCopyright 2024\n"
	cases := []struct {
		dst     string
		maxSize int
	}{
		{"", 0},
		{src, 8},
		{body, 8},
		{"By A Writer\n" + body + "\n\n" + body, 24},
		{"By A Writer\n" + body + "\nAn inserted line\n" + body[:100], 48},
		{strings.ReplaceAll(src, "boats", "ships"), len(src) + 200},
		{"nothing of it", 20},
	}
	for _, c := range cases {
		got, size := roundTrip(t, src, c.dst)
		if size > c.maxSize {
			t.Errorf("dst of %d bytes: %d bytes of edits, want at most %d", len(c.dst), size, c.maxSize)
		}
		if c.dst == body && unsafe.StringData(got) != unsafe.StringData(src[strings.Index(src, body):]) {
			t.Error("one run of the source was copied")
		}
	}
	roundTrip(t, "", "a page's text\nof two lines")
	// An unrelated text of many lines: searches stop, the rest is literal.
	long := strings.Repeat("x", 1<<20)
	var lines strings.Builder
	for i := range 20000 {
		lines.WriteString(strings.Repeat("y", i%7+1) + "\n")
	}
	roundTrip(t, long, lines.String())
}

// FuzzEdits: any text is rebuilt from any source by its edits.
func FuzzEdits(f *testing.F) {
	f.Add("line one\nline two\nline three\n", "line one\nline three", uint64(1))
	f.Add("aaaa\naaaa\n", "aaaa\n\naaaa", uint64(2))
	f.Fuzz(func(t *testing.T, src, dst string, seed uint64) {
		roundTrip(t, src, dst)
		// dst made of pieces of src, as a stripper makes it.
		r := rand.New(rand.NewPCG(seed, 1))
		var b strings.Builder
		for i := 0; i < len(src) && b.Len() < 1<<12; {
			n := r.IntN(len(src)-i) + 1
			if r.IntN(2) == 0 {
				b.WriteString(src[i : i+n])
			}
			if r.IntN(4) == 0 {
				b.WriteByte('\n')
			}
			i += n
		}
		roundTrip(t, src, b.String())
	})
}
