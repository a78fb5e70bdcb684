package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsclean/clean/internal/warcgen"
)

// warcOut is an output record of a WARC or WET document.
type warcOut struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	WARCDate string `json:"warc_date"`
	Text     string `json:"text"`
}

func warcRecords(t *testing.T, jsonl string) []warcOut {
	t.Helper()
	var out []warcOut
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		if line == "" {
			continue
		}
		var r warcOut
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}

type warcReport struct {
	ErrorsByReason map[string]int64 `json:"errors_by_reason"`
	SkippedRecords map[string]int64 `json:"skipped_records"`
	Damaged        []string         `json:"damaged_inputs"`
}

func readWARCReport(t *testing.T, path string) (report, warcReport) {
	t.Helper()
	rep := readReport(t, path)
	b, _ := os.ReadFile(path)
	var w warcReport
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	return rep, w
}

func writeWARCFile(t *testing.T, path string, gz bool, recs ...warcgen.Record) []int64 {
	t.Helper()
	var b bytes.Buffer
	w := warcgen.NewWriter(&b, gz)
	if err := w.Write(recs...); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return w.Offsets
}

// fixturePages are the HTML fixtures that are real pages.
var fixturePages = []string{"spacereview.html", "comwrap.html", "lhpat.html", "nbcnews.html", "article.html", "cp1252.html", "bom-utf8.html"}

// TestWARCSameAsHTMLFiles: pages read from a WARC give exactly the text
// the same pages give as .html files.
func TestWARCSameAsHTMLFiles(t *testing.T) {
	dir := t.TempDir()
	htmlDir := filepath.Join(dir, "pages")
	os.Mkdir(htmlDir, 0o755)
	var recs []warcgen.Record
	for i, name := range fixturePages {
		page, err := os.ReadFile(filepath.Join("../../fixtures/html", name))
		if err != nil {
			t.Fatal(err)
		}
		// Sorted like the walk of the directory.
		os.WriteFile(filepath.Join(htmlDir, fmt.Sprintf("%02d.html", i)), page, 0o644)
		recs = append(recs, warcgen.Crawl(fmt.Sprintf("https://site%d.example/story", i), "text/html", page)...)
	}
	warc := filepath.Join(dir, "pages.warc.gz")
	writeWARCFile(t, warc, true, recs...)
	args := []string{"--dedup=off", "--site-repeat=false"}
	fromHTML := runClean(t, "", append(args, htmlDir)...)
	fromWARC := runClean(t, "", append(args, warc)...)
	if fromHTML.code != 0 || fromWARC.code != 0 {
		t.Fatalf("exit %d / %d: %s %s", fromHTML.code, fromWARC.code, fromHTML.stderr, fromWARC.stderr)
	}
	a, b := warcRecords(t, fromHTML.stdout), warcRecords(t, fromWARC.stdout)
	if len(a) != len(fixturePages) || len(b) != len(a) {
		t.Fatalf("%d documents from the files, %d from the WARC", len(a), len(b))
	}
	for i := range a {
		if a[i].Text != b[i].Text {
			t.Errorf("%s: the WARC's text differs:\n%q\nwant\n%q", fixturePages[i], b[i].Text, a[i].Text)
		}
		if b[i].URL != fmt.Sprintf("https://site%d.example/story", i) || b[i].WARCDate == "" || !strings.HasPrefix(b[i].ID, "<urn:uuid:") {
			t.Errorf("record %d: %+v", i, b[i])
		}
	}
}

// TestWARCHeaderCharset: a page whose charset only the HTTP header names
// reads as the same page with a <meta> charset.
func TestWARCHeaderCharset(t *testing.T) {
	dir := t.TempDir()
	noMeta, _ := os.ReadFile("../../fixtures/html/cp1252-nometa.html")
	warc := filepath.Join(dir, "x.warc")
	writeWARCFile(t, warc, false, warcgen.Response("https://a.example/", "text/html; charset=windows-1252", noMeta))
	want := runClean(t, "", "--dedup=off", "fixtures/html/cp1252.html")
	got := runClean(t, "", "--dedup=off", warc)
	if w, g := warcRecords(t, want.stdout), warcRecords(t, got.stdout); len(g) != 1 || len(w) != 1 || g[0].Text != w[0].Text {
		t.Errorf("got %q, want %q (%s)", got.stdout, want.stdout, got.stderr)
	}
}

func wetText(i int) string {
	return fmt.Sprintf("Story %d headline\nThe council met on Monday and agreed %d new homes by the river would be rebuilt.\nShare this article\n", i, i*13)
}

// TestWETInput: conversion records are documents; the file is recognised
// by its name, by its content when the name does not tell, and on standard
// input; skipped records are counted; output carries id, url, warc_date.
func TestWETInput(t *testing.T) {
	dir := t.TempDir()
	recs := []warcgen.Record{warcgen.Info()}
	for i := range 20 {
		recs = append(recs, warcgen.Conversion(fmt.Sprintf("https://news%d.example/s/%d", i%3, i), wetText(i)))
	}
	wet := filepath.Join(dir, "CC-MAIN-2024-10-00001.warc.wet.gz")
	writeWARCFile(t, wet, true, recs...)
	data, _ := os.ReadFile(wet)
	noName := filepath.Join(dir, "part-00001")
	os.WriteFile(noName, data, 0o644)
	rep := filepath.Join(dir, "r.json")
	var first string
	for _, c := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"by name", "", []string{wet}},
		{"by content", "", []string{noName}},
		{"standard input", string(data), nil},
		{"standard input streamed", string(data), []string{"--site-repeat=false"}},
	} {
		res := runClean(t, c.stdin, append([]string{"--dedup=off", "--report", rep}, c.args...)...)
		if res.code != 0 {
			t.Fatalf("%s: exit %d: %s", c.name, res.code, res.stderr)
		}
		out := warcRecords(t, res.stdout)
		r, w := readWARCReport(t, rep)
		if r.DocsIn != 20 || len(out) != 20 || w.SkippedRecords["warcinfo"] != 1 {
			t.Fatalf("%s: %d in, %d out, skipped %v", c.name, r.DocsIn, len(out), w.SkippedRecords)
		}
		if o := out[5]; o.URL != "https://news2.example/s/5" || o.WARCDate != "2024-03-01T12:00:00Z" || !strings.HasPrefix(o.ID, "<urn:uuid:") ||
			!strings.HasPrefix(o.Text, "Story 5 headline\nThe council") || strings.Contains(o.Text, "Share this article") {
			t.Errorf("%s: record %+v", c.name, o)
		}
		if c.name == "standard input streamed" {
			continue // no site-repeat learning: other lines may stay
		}
		if first == "" {
			first = res.stdout
		} else if res.stdout != first {
			t.Errorf("%s: output differs from reading the file by name", c.name)
		}
	}
}

// TestWARCDamage: a corrupt gzip member mid-file and a truncated end cost
// the records they held, each named with the file and byte offset and
// counted as an error; the records around them are written and the input
// is reported damaged (exit 1).
func TestWARCDamage(t *testing.T) {
	dir := t.TempDir()
	var recs []warcgen.Record
	for i := range 30 {
		recs = append(recs, warcgen.Conversion(fmt.Sprintf("https://news%d.example/s/%d", i%3, i), wetText(i)+strings.Repeat(fmt.Sprintf("Paragraph %d of more text. ", i), 30)))
	}
	warc := filepath.Join(dir, "crawl.warc.gz")
	offs := writeWARCFile(t, warc, true, recs...)
	data, _ := os.ReadFile(warc)
	data[offs[10]+40] ^= 0xff // corrupt record 10's member
	data[offs[10]+41] ^= 0x5a
	data = data[:offs[29]+30] // cut inside the last record
	os.WriteFile(warc, data, 0o644)
	out, rep := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "r.json")
	for _, args := range [][]string{nil, {"--site-repeat=false"}} {
		res := runClean(t, "", append([]string{"--dedup=off", "-o", out, "--report", rep, warc}, args...)...)
		if res.code != 1 {
			t.Fatalf("%v: exit %d, want 1: %s", args, res.code, res.stderr)
		}
		for _, off := range []int64{offs[10], offs[29]} {
			if !strings.Contains(res.stderr, fmt.Sprintf("compressed byte %d", off)) || !strings.Contains(res.stderr, warc+": record at byte") {
				t.Errorf("%v: member at %d not named: %s", args, off, res.stderr)
			}
		}
		b, _ := os.ReadFile(out)
		got := warcRecords(t, string(b))
		r, w := readWARCReport(t, rep)
		if len(got) != 28 || r.Errors != 2 || w.ErrorsByReason["damaged_record"] != 2 || len(w.Damaged) != 1 {
			t.Errorf("%v: %d written, %d errors %v, damaged %v", args, len(got), r.Errors, w.ErrorsByReason, w.Damaged)
		}
		for _, o := range got {
			if strings.Contains(o.URL, "/s/10") || strings.Contains(o.URL, "/s/29") {
				t.Errorf("%v: damaged record written: %s", args, o.URL)
			}
		}
	}
}

// TestWARCRejects: records skipped and records rejected go to --rejects
// in input order, each as a WARC record naming its file, byte offset and
// reason, its content as read; the rejects read back as WARC; clean
// check counts the skipped records by kind.
func TestWARCRejects(t *testing.T) {
	dir := t.TempDir()
	page, _ := os.ReadFile("../../fixtures/html/article.html")
	recs := append([]warcgen.Record{warcgen.Info()}, warcgen.Crawl("https://a.example/story", "text/html", page)...)
	recs = append(recs,
		warcgen.Response("https://a.example/logo.png", "image/png", []byte("\x89PNG\r\n\x1a\n")),
		warcgen.Record{Type: "response", URI: "https://a.example/gone", ContentType: "application/http; msgtype=response",
			Content: warcgen.HTTPResponse(404, []string{"Content-Type: text/html"}, []byte("<p>gone</p>"))},
		warcgen.Record{Type: "response", URI: "https://a.example/bad", Content: []byte("no HTTP here")},
		warcgen.Conversion("https://a.example/last", wetText(1)))
	warc := filepath.Join(dir, "crawl.warc")
	offs := writeWARCFile(t, warc, false, recs...)
	data, _ := os.ReadFile(warc)
	os.WriteFile(warc, data[:len(data)-20], 0o644) // the last record cut short
	rej := filepath.Join(dir, "rejects.warc")
	res := runClean(t, "", "-q", "--dedup=off", "--rejects", rej, "-o", filepath.Join(dir, "out.jsonl"), warc)
	if res.code != 1 {
		t.Fatalf("exit %d, want 1 (damaged): %s", res.code, res.stderr)
	}
	b, _ := os.ReadFile(rej)
	type entry struct{ reason, offset string }
	var got []entry
	for _, rec := range strings.Split(string(b), "WARC/1.1\r\n")[1:] {
		if !strings.HasPrefix(rec, "WARC-Clean-Source: ") && !strings.HasPrefix(rec, "WARC-Type: resource\r\nWARC-Clean-") {
			continue // a record's content: the one cut short, kept whole in a resource
		}
		hdr := func(name string) string {
			_, v, _ := strings.Cut(rec, name+": ")
			v, _, _ = strings.Cut(v, "\r\n")
			return v
		}
		if hdr("WARC-Clean-Source") != warc {
			t.Errorf("source %q, want %q", hdr("WARC-Clean-Source"), warc)
		}
		got = append(got, entry{hdr("WARC-Clean-Reason"), hdr("WARC-Clean-Offset")})
	}
	want := []entry{{"warcinfo", "0"}, {"request", ""}, {"metadata", ""}, {"response_not_html", ""}, {"response_not_200", ""}, {"invalid_http", ""}, {"damaged_record", ""}}
	for i, at := range []int{0, 1, 3, 4, 5, 6, 7} {
		want[i].offset = fmt.Sprint(offs[at])
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rejects:\n got %v\nwant %v", got, want)
	}
	if !bytes.Contains(b, []byte("\x89PNG\r\n\x1a\n")) || !bytes.Contains(b, []byte("GET / HTTP/1.1\r\nHost: example")) {
		t.Error("a record's content was not kept as read")
	}
	// Read back: the rejects are WARC; every record is skipped again (the
	// one cut short as a resource now) but the invalid response.
	back := runClean(t, "", "--dedup=off", "--report", filepath.Join(dir, "r.json"), rej)
	_, w := readWARCReport(t, filepath.Join(dir, "r.json"))
	if w.SkippedRecords["request"] != 1 || w.SkippedRecords["response_not_200"] != 1 || w.SkippedRecords["resource"] != 1 || len(w.Damaged) != 0 {
		t.Errorf("rejects read back: %v %v: %s", w.SkippedRecords, w.Damaged, back.stderr)
	}
	check := runClean(t, "", "check", warc)
	if !strings.Contains(check.stdout, "records      5 WARC records skipped, not documents: metadata 1, request 1, response_not_200 1, response_not_html 1, warcinfo 1\n") {
		t.Errorf("check summary:\n%s", check.stdout)
	}
}
