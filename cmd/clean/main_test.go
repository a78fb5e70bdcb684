package main

// End-to-end tests: they build the real command once and run it on the
// fixtures, as a user or a CI job would.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "clean-e2e-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "clean")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building clean:", err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// clean runs the command in the repository root with stdin as its input.
func runClean(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running clean %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

type record struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Cluster   string `json:"cluster"`
	Duplicate bool   `json:"duplicate"`
	Removed   []struct {
		Text, Rule string
	} `json:"removed"`
}

func records(t *testing.T, jsonl string) []record {
	t.Helper()
	var recs []record
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

type report struct {
	DocsIn          int64            `json:"docs_in"`
	DocsOut         int64            `json:"docs_out"`
	Duplicates      int64            `json:"duplicates"`
	Clusters        int64            `json:"clusters"`
	EmptyAfterStrip int64            `json:"empty_after_strip"`
	Errors          int64            `json:"errors"`
	BytesIn         int64            `json:"bytes_in"`
	BytesOut        int64            `json:"bytes_out"`
	LateDuplicates  int64            `json:"late_duplicates"`
	ByRule          map[string]int64 `json:"bytes_stripped_by_rule"`
	Seconds         *float64         `json:"seconds"`
}

// readReport reads a --report file and checks the accounting invariant.
func readReport(t *testing.T, path string) report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("report %s: %v", b, err)
	}
	if r.Seconds == nil || r.ByRule == nil {
		t.Errorf("report lacks seconds or bytes_stripped_by_rule: %s", b)
	}
	if r.DocsIn != r.DocsOut+r.Duplicates+r.EmptyAfterStrip+r.Errors {
		t.Errorf("accounting broken: docs_in %d != out %d + duplicates %d + empty %d + errors %d",
			r.DocsIn, r.DocsOut, r.Duplicates, r.EmptyAfterStrip, r.Errors)
	}
	return r
}

func TestSeeds(t *testing.T) {
	rep := filepath.Join(t.TempDir(), "report.json")
	res := runClean(t, "", "--report", rep, "fixtures/seeds")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	recs := records(t, res.stdout)
	if len(recs) != 5 {
		t.Fatalf("got %d documents, want the 5 seeds", len(recs))
	}
	gone := []string{
		"© Copyright IBTimes 2024. All rights reserved.",
		"Articles by: Global Research News",
		"Disclaimer: The contents of this article",
		"For media inquiries:",
		"admin in: How the Muslim Brotherhood betrayed Saudi Arabia?",
		"Great article with insight ...",
		"https://www.viagrapascherfr.com/achat-sildenafil-pfizer-tarif/ in: Cross-region",
		"Hello there, just became aware of your blog through Google, and found ...",
	}
	for _, r := range recs {
		for _, g := range gone {
			if strings.Contains(r.Text, g) {
				t.Errorf("%s still has boilerplate %q", r.ID, g)
			}
		}
		in, err := os.ReadFile(filepath.Join("../..", r.ID))
		if err != nil {
			t.Fatal(err)
		}
		// Every line that is not boilerplate is still there, in order.
		var want []string
		for _, line := range strings.Split(string(in), "\n") {
			line = strings.TrimSpace(line)
			boiler := false
			for _, g := range gone {
				boiler = boiler || strings.HasPrefix(line, g)
			}
			if line != "" && !boiler {
				want = append(want, line)
			}
		}
		var got []string
		for _, line := range strings.Split(r.Text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				got = append(got, line)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: kept lines differ from the article's lines\ngot:\n%s\nwant:\n%s", r.ID, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	r := readReport(t, rep)
	if r.DocsIn != 5 || r.DocsOut != 5 || r.Duplicates != 0 {
		t.Errorf("report: %+v, want 5 in, 5 out, no duplicates", r)
	}
}

func TestSeedsAnnotatedNeverClustered(t *testing.T) {
	res := runClean(t, "", "--annotate", "fixtures/seeds")
	for _, r := range records(t, res.stdout) {
		if r.Duplicate || r.Cluster != r.ID {
			t.Errorf("%s clustered with %s", r.ID, r.Cluster)
		}
	}
}

const awkward = `{"id":"a","n":12345678901234567890,"f":1.0e400,"s":"\u00e9\ud83d\ude00","nest":{"b":[1,{"c":null}],"a":true},"text":"Story one here.\nShare this article on Facebook"}
{"z":1,"text":"Second story, with \"escapes\".","id":"b"}
`

func TestJSONLPassthrough(t *testing.T) {
	// With nothing to change, records come out byte for byte.
	res := runClean(t, awkward, "--strip=false", "--dedup=off")
	if res.code != 0 || res.stdout != awkward {
		t.Fatalf("exit %d, stderr %s\ngot:\n%s\nwant:\n%s", res.code, res.stderr, res.stdout, awkward)
	}
	// Stripping changes the text field alone.
	res = runClean(t, awkward, "--dedup=off")
	lines := strings.SplitAfter(res.stdout, "\n")
	if !strings.HasPrefix(lines[0], `{"id":"a","n":12345678901234567890,"f":1.0e400,"s":"\u00e9\ud83d\ude00","nest":{"b":[1,{"c":null}],"a":true},"text":`) {
		t.Errorf("other fields changed: %s", lines[0])
	}
}

func TestMalformedLines(t *testing.T) {
	in := `{"id":"1","text":"fine"}` + "\n" + `{"id":"2","text":` + "\n" + `{"id":"3","text":"also fine"}` + "\n"
	dir := t.TempDir()
	file := filepath.Join(dir, "in.jsonl")
	os.WriteFile(file, []byte(in), 0o644)
	rep := filepath.Join(dir, "r.json")
	res := runClean(t, "", "--dedup=off", "--report", rep, file)
	if res.code != 0 {
		t.Errorf("exit %d, want 0: a malformed line is counted, not fatal", res.code)
	}
	if !strings.Contains(res.stderr, file+":2:") {
		t.Errorf("stderr does not name %s:2: %s", file, res.stderr)
	}
	if got := len(records(t, res.stdout)); got != 2 {
		t.Errorf("%d records out, want 2", got)
	}
	if r := readReport(t, rep); r.Errors != 1 {
		t.Errorf("errors = %d, want 1", r.Errors)
	}
	if res := runClean(t, "", "--strict", file); res.code != 1 {
		t.Errorf("--strict: exit %d, want 1", res.code)
	}
	if res := runClean(t, in, "--strict", "-"); res.code != 1 || !strings.Contains(res.stderr, "-:2:") {
		t.Errorf("--strict on stdin: exit %d, stderr %q", res.code, res.stderr)
	}
}

func TestMissingPath(t *testing.T) {
	res := runClean(t, "", "no/such/file.jsonl")
	if res.code != 2 || !strings.Contains(res.stderr, "no/such/file.jsonl") {
		t.Errorf("exit %d, stderr %q: want 2 and the path named", res.code, res.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--dedup", "fuzzy"}, {"--keep", "last"}, {"--no-such-flag"}, {"-j", "-1"}, {"--format", "pdf"}} {
		if res := runClean(t, "", args...); res.code != 2 {
			t.Errorf("%v: exit %d, want 2", args, res.code)
		}
	}
	if res := runClean(t, "", "--help"); res.code != 0 || !strings.Contains(res.stdout, "Exit codes") {
		t.Errorf("--help: exit %d", res.code)
	}
}

func TestTruncatedGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := range 2000 {
		fmt.Fprintf(zw, `{"id":"%d","text":"document number %d is about %d things"}`+"\n", i, i, i*7)
	}
	zw.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "cut.jsonl") // the name says nothing of gzip
	os.WriteFile(file, buf.Bytes()[:buf.Len()/2], 0o644)
	out := filepath.Join(dir, "out.jsonl")
	res := runClean(t, "", "--dedup=off", "-o", out, file)
	if res.code != 1 || !strings.Contains(res.stderr, file) {
		t.Fatalf("exit %d, stderr %q: want 1 and the file named", res.code, res.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("documents before the damage should be kept: %v", err)
	}
	if n := len(records(t, string(b))); n == 0 || n >= 2000 {
		t.Errorf("%d documents kept from a half file", n)
	}
}

func TestOutputFileAndCompression(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl.gz")
	res := runClean(t, awkward, "--dedup=off", "--strip=false", "-o", out)
	if res.code != 0 || res.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not gzip: %v", out, err)
	}
	var got bytes.Buffer
	got.ReadFrom(zr)
	if got.String() != awkward {
		t.Errorf("got %q", got.String())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestHeadExitsQuietly(t *testing.T) {
	corpus := writeCorpus(t, 3000)
	cmd := exec.Command("bash", "-c", fmt.Sprintf("%q --dedup=off %q | head -n 1 >/dev/null", binary, corpus))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.Run()
	if errb.Len() != 0 {
		t.Errorf("clean complained when its reader went away: %s", errb.String())
	}
}

func TestAnnotateAndClusters(t *testing.T) {
	story := "The council approved the new budget for the harbour on Monday after a long debate.\nMembers argued over the cost of dredging and the repair of the old sea wall.\nThe mayor said work would begin in the spring and last about two years.\nLocal fishermen welcomed the decision but asked for compensation during the works."
	in := jsonl(
		map[string]any{"id": "orig", "text": story},
		map[string]any{"id": "other", "text": "A completely different report about a football match in which the home side won three goals to one in front of a record crowd at the stadium."},
		map[string]any{"id": "copy", "text": "From our partners at the Daily Wire\n" + story + "\nShare this article on Facebook"},
		map[string]any{"id": "empty", "text": "Advertisement"},
	)
	clusters := filepath.Join(t.TempDir(), "clusters.jsonl")
	res := runClean(t, in, "--annotate", "--clusters", clusters)
	recs := records(t, res.stdout)
	if len(recs) != 4 {
		t.Fatalf("--annotate wrote %d documents, want all 4: %s", len(recs), res.stderr)
	}
	if !recs[2].Duplicate || recs[2].Cluster != "orig" || recs[0].Duplicate || recs[0].Cluster != "orig" {
		t.Errorf("copy not clustered with orig: %+v", recs)
	}
	b, _ := os.ReadFile(clusters)
	if want := `{"cluster":"orig","size":2,"members":["orig","copy"]}` + "\n"; string(b) != want {
		t.Errorf("clusters file %q, want %q", b, want)
	}
	res = runClean(t, in, "--annotate", "--keep", "longest")
	recs = records(t, res.stdout)
	if !recs[0].Duplicate || recs[0].Cluster != "copy" || recs[2].Duplicate {
		t.Errorf("--keep longest should keep the longer copy: %+v", recs)
	}
	res = runClean(t, in)
	if ids := idsOf(records(t, res.stdout)); ids != "orig,other" {
		t.Errorf("default output %s, want orig,other", ids)
	}
	res = runClean(t, in, "--dedup", "exact")
	if ids := idsOf(records(t, res.stdout)); ids != "orig,other,copy" {
		t.Errorf("exact dedup output %s, want orig,other,copy", ids)
	}
}

func idsOf(recs []record) string {
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

func jsonl(recs ...map[string]any) string {
	var b strings.Builder
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestCheck(t *testing.T) {
	in := jsonl(
		map[string]any{"id": "1", "text": "One story about the weather in the hills this week, with rain expected on Friday and snow above four hundred metres."},
		map[string]any{"id": "2", "text": "One story about the weather in the hills this week, with rain expected on Friday and snow above four hundred metres."},
	)
	res := runClean(t, in, "check", "--max-duplicate-ratio", "0.1")
	if res.code != 1 || !strings.Contains(res.stdout, "--max-duplicate-ratio") {
		t.Errorf("exit %d, stdout %s: want 1 naming the limit", res.code, res.stdout)
	}
	if res := runClean(t, in, "check", "--max-duplicate-ratio", "0.5", "--max-errors", "0"); res.code != 0 {
		t.Errorf("exit %d, stdout %s: want 0", res.code, res.stdout)
	}
	if res := runClean(t, in+"{bad\n", "check", "--max-errors", "0"); res.code != 1 || !strings.Contains(res.stdout, "--max-errors") {
		t.Errorf("exit %d, stdout %s: want 1 naming --max-errors", res.code, res.stdout)
	}
}

// writeCorpus writes n news-like documents, a tenth of them edited copies
// of earlier ones, to a JSON Lines file.
func writeCorpus(t *testing.T, n int) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the a of to in and said on for that was with is by at from it as has he government minister police year people new would will city state after two but which were their not market report court company official week told last been more first president")
	sentence := func() string {
		k := 8 + rng.IntN(20)
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String() + "."
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	var texts []string
	for i := range n {
		var text string
		if i > 10 && rng.IntN(10) == 0 {
			text = "Reposted from the wire\n" + texts[rng.IntN(len(texts))] + "\nFollow us on Twitter"
		} else {
			var paras []string
			for range 3 + rng.IntN(6) {
				paras = append(paras, sentence()+" "+sentence()+" "+sentence())
			}
			text = strings.Join(paras, "\n")
		}
		texts = append(texts, text)
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprint("doc-", i), "url": fmt.Sprintf("https://site%d.example/a/%d", i%7, i), "text": text})
		w.Write(line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestWorkersGiveIdenticalOutput(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 2000 // .ci/run's race-instrumented run: 38 s at 10,000, which the plain run covers
	}
	corpus := writeCorpus(t, n)
	dir := t.TempDir()
	var outs []string
	for _, j := range []string{"1", "2", "7"} {
		rep := filepath.Join(dir, "r"+j+".json")
		res := runClean(t, "", "-j", j, "--annotate", "--report", rep, corpus)
		if res.code != 0 {
			t.Fatalf("-j %s: exit %d: %s", j, res.code, res.stderr)
		}
		r := readReport(t, rep)
		if r.DocsIn != int64(n) {
			t.Errorf("-j %s: %d docs in", j, r.DocsIn)
		}
		if r.Duplicates < int64(n/20) {
			t.Errorf("-j %s: only %d duplicates found among ~%d planted copies", j, r.Duplicates, n/10)
		}
		outs = append(outs, res.stdout)
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Errorf("output differs between -j 1 and run %d", i)
		}
	}
}

func TestRulesAndExplain(t *testing.T) {
	res := runClean(t, "", "rules")
	if res.code != 0 || len(strings.Split(strings.TrimSpace(res.stdout), "\n")) < 5 {
		t.Errorf("clean rules: exit %d, %q", res.code, res.stdout)
	}
	res = runClean(t, "", "explain", "fixtures/seeds")
	if res.code != 0 || !strings.Contains(res.stdout, "IBTimes") || !strings.Contains(res.stdout, "fixtures/seeds/003_15c632c74b8d6416.txt") {
		t.Errorf("clean explain: exit %d, %s", res.code, res.stdout)
	}
}

// The seeds and three syndicated variants of the first one, as files: the
// variants join that seed's cluster, the five seeds stay apart.
func TestSeedVariantsThroughTheCommand(t *testing.T) {
	clusters := filepath.Join(t.TempDir(), "clusters.jsonl")
	res := runClean(t, "", "--clusters", clusters, "fixtures/dedup/000_ads.txt", "fixtures/dedup/000_other_outlet.txt", "fixtures/dedup/000_truncated.txt", "fixtures/seeds")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if ids := idsOf(records(t, res.stdout)); !strings.HasPrefix(ids, "fixtures/dedup/000_ads.txt,fixtures/seeds/001_") || strings.Count(ids, ",") != 4 {
		t.Errorf("kept %s: want the first variant standing for seed 000, and the other four seeds", ids)
	}
	b, err := os.ReadFile(clusters)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"cluster":"fixtures/dedup/000_ads.txt","size":4,"members":["fixtures/dedup/000_ads.txt","fixtures/dedup/000_other_outlet.txt","fixtures/dedup/000_truncated.txt","fixtures/seeds/000_c55572b169319f5d.txt"]}` + "\n"
	if string(b) != want {
		t.Errorf("clusters file:\n%s\nwant:\n%s", b, want)
	}
}

// TestDecodeEntities: a plain text with entities left in is stripped like
// its clean twin either way; --decode-entities also writes it decoded,
// while without it the text comes out as it came.
func TestDecodeEntities(t *testing.T) {
	body := "The council&#8217;s vote on the &quot;river plan&quot; was delayed again on Tuesday, members said.\n" +
		"Residents &amp; traders had asked for more time to study the proposal before the final vote.\n" +
		"Copyright &copy; 2026 Valley Courier. All rights reserved."
	in, _ := json.Marshal(map[string]string{"id": "a", "text": body})
	for _, tc := range []struct {
		flag, want string
	}{
		{"--decode-entities=false", "The council&#8217;s vote on the &quot;river plan&quot; was delayed again on Tuesday, members said.\nResidents &amp; traders had asked for more time to study the proposal before the final vote."},
		{"--decode-entities", "The council’s vote on the \"river plan\" was delayed again on Tuesday, members said.\nResidents & traders had asked for more time to study the proposal before the final vote."},
	} {
		r := runClean(t, string(in)+"\n", "-q", "--site-repeat=false", tc.flag)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.flag, r.code, r.stderr)
		}
		if recs := records(t, r.stdout); len(recs) != 1 || recs[0].Text != tc.want {
			t.Errorf("%s: got %+v, want text %q", tc.flag, recs, tc.want)
		}
	}
}

// TestLateDuplicatesByOutput: each seed article comes as a copy of its
// first half, a copy of its lead and last three eighths, then whole; the
// whole article joins both copies' clusters where the clusterer finds
// both. Written to a file (-o, or standard output redirected to one) the
// later copy is dropped and the records are the report's; to a pipe too,
// the corpus being smaller than the stream's window (pipeline's
// TestKeepFirstCorrectsLateDuplicates tests one too small).
func TestLateDuplicatesByOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	seeds, _ := filepath.Glob("../../fixtures/seeds/*.txt")
	for i, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var paras []string
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				paras = append(paras, l)
			}
		}
		n := len(paras)
		copies := [][]string{paras[:n/2], append(paras[:2:2], paras[n-3*n/8:]...), paras}
		for j, c := range copies {
			os.WriteFile(filepath.Join(in, fmt.Sprintf("%d-%d.txt", i, j)), []byte(strings.Join(c, "\n")+"\n"), 0o644)
		}
	}
	rep := filepath.Join(dir, "report.json")
	piped := runClean(t, "", "-q", "--report", rep, in)
	late := readReport(t, rep).LateDuplicates
	if late == 0 {
		t.Fatal("no late duplicate: the test shows nothing")
	}
	if n := int64(len(records(t, piped.stdout))); n != readReport(t, rep).DocsOut || piped.stderr != "" {
		t.Errorf("piped: %d records, report %+v; stderr %q", n, readReport(t, rep), piped.stderr)
	}
	redirected := filepath.Join(dir, "redirected.jsonl")
	f, err := os.Create(redirected)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "-q", in)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &errb
	err = cmd.Run()
	f.Close()
	if err != nil || errb.Len() > 0 {
		t.Fatalf("redirected: %v %s", err, errb.String())
	}
	out := filepath.Join(dir, "out.jsonl")
	if res := runClean(t, "", "-q", "--report", rep, in, "-o", out); res.code != 0 || res.stderr != "" {
		t.Fatalf("-o: exit %d, %s", res.code, res.stderr)
	}
	b, _ := os.ReadFile(out)
	r, _ := os.ReadFile(redirected)
	if got := readReport(t, rep); int64(len(records(t, string(b)))) != got.DocsOut || got.LateDuplicates != late || string(r) != string(b) || string(b) != piped.stdout {
		t.Errorf("-o: %d records, report %+v; standard output redirected the same: %v, piped: %v", len(records(t, string(b))), got, string(r) == string(b), string(b) == piped.stdout)
	}
}
