package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/newsclean/clean/internal/striptruth"
)

var testTruth = striptruth.Record{
	ID: "d1", Lang: "en", Shape: "wrap", Bytes: 1000, Above: "ad",
	Body: []string{
		"Floods force thousands from their homes",
		"Emergency services evacuated 1,200 people overnight after the river rose above its usual level.",
		"Copyright lawyers for the studio said the company’s ruling would be appealed.",
	},
	Traps: []int{2},
	Boiler: []striptruth.Line{
		{Kind: "ad", Text: "Advertisement"},
		{Kind: "copyright", Text: "© 2026 The Herald. All rights reserved."},
		{Kind: "share", Text: "|"},
	},
}

func TestScoreDocPerfectWhateverTheShape(t *testing.T) {
	// The body hard-wrapped, with CRLF and entities: still every word.
	out := "Floods force thousands\r\nfrom their homes\r\n\r\nEmergency services evacuated 1,200 people\r\novernight after the river rose above its usual level.\r\n" +
		"Copyright lawyers for the studio said the company&#8217;s\r\nruling would be appealed.\r\n"
	d := scoreDoc(&testTruth, out, false)
	if d.bodyShare() != 1 || d.trapsKept != 1 || d.aboveKept != 1 {
		t.Errorf("body %v traps %d/%d above %d/%d, want all kept", d.bodyShare(), d.trapsKept, d.traps, d.aboveKept, d.above)
	}
	if d.boiler["ad"] != [2]int{1, 1} || d.boiler["copyright"] != [2]int{1, 1} {
		t.Errorf("boiler = %v, want both lines removed", d.boiler)
	}
	if _, ok := d.boiler["share"]; ok {
		t.Error("a line without words was counted")
	}
}

func TestScoreDocLosses(t *testing.T) {
	// The trap sentence is lost, the ad marker and copyright left in; the
	// body itself says "Advertisement" once, which must not count for the
	// ad marker: only a second occurrence does.
	out := "Advertisement\nFloods force thousands from their homes\n" +
		"Emergency services evacuated 1,200 people overnight after the river rose above its usual level.\n" +
		"© 2026 The Herald. All rights reserved.\n"
	d := scoreDoc(&testTruth, out, false)
	// Body shingles: 3 (headline, 6 words) + 12 (15 tokens: 1,200 is two) +
	// 10 (13 tokens: company’s is two) = 25, of which the trap's 10 are lost.
	if d.bodyTotal != 25 || d.bodyKept != 15 {
		t.Errorf("body %d/%d, want 15/25", d.bodyKept, d.bodyTotal)
	}
	if math.Abs(d.bodyShare()-15.0/25) > 1e-12 {
		t.Errorf("body share %v, want %v", d.bodyShare(), 15.0/25)
	}
	if d.traps != 1 || d.trapsKept != 0 {
		t.Errorf("traps %d/%d, want 0/1", d.trapsKept, d.traps)
	}
	if d.boiler["ad"] != [2]int{1, 0} || d.boiler["copyright"] != [2]int{1, 0} {
		t.Errorf("boiler = %v, want both lines left", d.boiler)
	}

	tr := testTruth
	tr.Body = append([]string{"Advertisement"}, tr.Body...)
	tr.Traps = []int{3}
	d = scoreDoc(&tr, "Advertisement\n"+out, false)
	if d.boiler["ad"] != [2]int{1, 0} {
		t.Errorf("ad marker kept twice, once in the body: boiler = %v, want it counted as left", d.boiler)
	}
	d = scoreDoc(&tr, strings.TrimPrefix(out, "Advertisement\n"), false)
	if d.boiler["ad"] != [2]int{1, 1} {
		t.Errorf("the body's own Advertisement made the ad marker look left: %v", d.boiler)
	}
}

func TestScoreMissingAndSummary(t *testing.T) {
	var truth bytes.Buffer
	for _, id := range []string{"a", "b", "c"} {
		tr := testTruth
		tr.ID = id
		buf, _ := json.Marshal(tr)
		truth.Write(append(buf, '\n'))
	}
	perfect := strings.Join(testTruth.Body, "\n")
	var out bytes.Buffer
	for _, id := range []string{"a", "c"} { // b was dropped
		buf, _ := json.Marshal(outRecord{ID: id, Text: perfect})
		out.Write(append(buf, '\n'))
	}
	sum, err := score("truth", &truth, "out", &out, 0)
	if err != nil {
		t.Fatal(err)
	}
	if sum.all.docs != 3 || sum.all.missing != 1 {
		t.Fatalf("docs %d missing %d, want 3 and 1", sum.all.docs, sum.all.missing)
	}
	if got := sum.all.bodyMean(); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("body mean %v, want 2/3 (the dropped document lost everything)", got)
	}
	if got := sum.all.body98Share(); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("docs >= 98%% = %v, want 2/3", got)
	}
	wantStrip := float64(2000-2*len(perfect)) / 2000
	if got := sum.all.stripRatio(); math.Abs(got-wantStrip) > 1e-12 {
		t.Errorf("strip ratio %v, want %v (over the documents present)", got, wantStrip)
	}

	out.Reset()
	buf, _ := json.Marshal(outRecord{ID: "zz", Text: perfect})
	out.Write(buf)
	if _, err := score("truth", strings.NewReader(truth.String()), "out", &out, 0); err == nil {
		t.Error("an id missing from the truth was accepted")
	}
}

// TestRunCorpus runs the pipeline in-process on a two-document corpus:
// every document must come back (--annotate) and be scored, whatever the
// stripper decides.
func TestRunCorpus(t *testing.T) {
	dir := t.TempDir()
	var corpus, truth bytes.Buffer
	for _, id := range []string{"a", "b"} {
		tr := testTruth
		tr.ID = id
		text := strings.Join(tr.Body, "\n\n") + "\n© 2026 The Herald. All rights reserved.\n"
		tr.Bytes = len(text)
		buf, _ := json.Marshal(tr)
		truth.Write(append(buf, '\n'))
		buf, _ = json.Marshal(map[string]string{"id": id, "url": "https://herald.example/" + id, "text": text})
		corpus.Write(append(buf, '\n'))
	}
	cp, tp := dir+"/c.jsonl", dir+"/t.jsonl"
	if err := os.WriteFile(cp, corpus.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tp, truth.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{"-corpus", cp, "-truth", tp, "-j", "1"}, &out); err != nil {
		t.Fatal(err)
	}
	first := strings.Fields(strings.SplitN(out.String(), "\n", 3)[1])
	if len(first) < 2 || first[0] != "all" || first[1] != "2" || strings.Contains(out.String(), "missing") {
		t.Errorf("want both documents scored, got:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "target trap sentences kept") {
		t.Errorf("no targets printed:\n%s", out.String())
	}
}
