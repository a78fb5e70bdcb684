package main

// End-to-end tests of the command's manners: help, version, flag errors,
// messages, and the habits users bring from other Unix tools.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func TestHelpPerVerb(t *testing.T) {
	t.Parallel()
	// Each verb has its own manual, on standard output, with examples and
	// the flags spelled as the README spells them.
	want := map[string][]string{
		"clean":   {"clean [flags] [PATH ...]", "Examples:", "--text-field", "-o FILE", "--disable-rule"},
		"check":   {"clean check [flags]", "Examples:", "--max-duplicate-ratio", "--max-errors"},
		"explain": {"clean explain [flags]", "Examples:", "duplicate", "--dedup"},
		"rules":   {"clean rules [--rules FILE]", "Examples:", "scope anywhere|edge", "regexp", "--disable-rule"},
	}
	seen := map[string]string{}
	for verb, parts := range want {
		calls := [][]string{{verb, "--help"}, {verb, "-h"}, {"help", verb}}
		if verb == "clean" {
			calls = [][]string{{"--help"}, {"-h"}, {"help"}}
		}
		for _, args := range calls {
			res := runClean(t, "", args...)
			if res.code != 0 || res.stderr != "" {
				t.Errorf("clean %v: exit %d, stderr %q: want 0 and nothing on stderr", args, res.code, res.stderr)
			}
			for _, p := range parts {
				if !strings.Contains(res.stdout, p) {
					t.Errorf("clean %v: the manual lacks %q:\n%s", args, p, res.stdout)
				}
			}
			if strings.Contains(res.stdout, "\n  -text-field") || strings.Contains(res.stdout, "\n  -max-errors") {
				t.Errorf("clean %v: a flag is spelled -name, not --name", args)
			}
			seen[verb] = res.stdout
		}
	}
	if seen["check"] == seen["explain"] || seen["check"] == seen["clean"] || seen["rules"] == seen["clean"] {
		t.Error("verbs share one manual")
	}
	if strings.Contains(seen["rules"], "\n  --max-errors") || strings.Contains(seen["clean"], "\n  --max-errors") {
		t.Error("check's limits shown in a verb that ignores them")
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--version"}, {"version"}} {
		res := runClean(t, "", args...)
		if res.code != 0 || !strings.HasPrefix(res.stdout, "clean ") || strings.Count(res.stdout, "\n") != 1 || !strings.Contains(res.stdout, "go1.") {
			t.Errorf("clean %v: exit %d, stdout %q, stderr %q", args, res.code, res.stdout, res.stderr)
		}
	}
}

func TestUnknownFlagIsOneLine(t *testing.T) {
	t.Parallel()
	res := runClean(t, "", "--foo", "fixtures/seeds")
	if res.code != 2 || res.stdout != "" || res.stderr != "clean: unknown flag --foo; see clean --help\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
	}
	res = runClean(t, "", "check", "--max-errors", "x")
	if res.code != 2 || strings.Count(res.stderr, "\n") != 1 || !strings.Contains(res.stderr, "--max-errors") || !strings.Contains(res.stderr, "clean check --help") {
		t.Errorf("check --max-errors x: exit %d, stderr %q", res.code, res.stderr)
	}
}

// TestMistypedVerb: a bare word one edit from a verb that names no file
// is reported as a mistyped command, in one line, not as an unreadable
// input; a file of that name is still read as one.
func TestMistypedVerb(t *testing.T) {
	t.Parallel()
	for typo, verb := range map[string]string{"chek": "check", "lern": "learn", "rule": "rules", "sketc": "sketch"} {
		res := runClean(t, "", typo, "fixtures/seeds")
		if want := "did you mean clean " + verb + "?"; res.code != 2 || res.stdout != "" || !strings.Contains(res.stderr, want) || strings.Count(res.stderr, "\n") != 1 {
			t.Errorf("clean %s: exit %d, stderr %q: want 2 and %q", typo, res.code, res.stderr, want)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "chek"), []byte("A line of text that is the whole document.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "-q", "--format", "text", "chek")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "whole document") {
		t.Errorf("a file named chek: %v\n%s", err, out)
	}
	if res := runClean(t, "", "nosuchfile"); res.code == 0 || strings.Contains(res.stderr, "did you mean") {
		t.Errorf("a missing file far from any verb: exit %d, stderr %q", res.code, res.stderr)
	}
}

func TestWorkersZeroMeansAllCores(t *testing.T) {
	t.Parallel()
	res := runClean(t, "", "-j", "0", "-q", "fixtures/seeds")
	if res.code != 0 || len(records(t, res.stdout)) != 5 {
		t.Errorf("-j 0: exit %d, stderr %q", res.code, res.stderr)
	}
	if res := runClean(t, "", "-j", "-1", "fixtures/seeds"); res.code != 2 {
		t.Errorf("-j -1: exit %d, want 2", res.code)
	}
}

func TestReportPathCheckedFirst(t *testing.T) {
	t.Parallel()
	// Like -o, a --report that cannot be written fails before the run
	// reads or writes anything.
	bad := filepath.Join(t.TempDir(), "no", "such", "dir", "r.json")
	res := runClean(t, "", "--report", bad, "fixtures/seeds")
	if res.code != 2 || res.stdout != "" || !strings.Contains(res.stderr, bad) {
		t.Errorf("exit %d, %d bytes of output, stderr %q: want 2, no output, the path named", res.code, len(res.stdout), res.stderr)
	}
}

func TestDuplicateIDsWarnedOnce(t *testing.T) {
	t.Parallel()
	in := jsonl(
		map[string]any{"id": 7, "text": "The river rose over the old stone bridge on Monday night."},
		map[string]any{"id": "7", "text": "Parliament passed the budget after a long debate on taxes."},
		map[string]any{"id": "8", "text": "The football club won its third match in a row on Sunday."},
		map[string]any{"id": "8", "text": "A new library opened downtown with ten thousand books."},
		map[string]any{"id": 7, "text": "Scientists found a comet that passes the sun every century."},
	)
	rep := filepath.Join(t.TempDir(), "r.json")
	res := runClean(t, in, "--dedup", "off", "--report", rep)
	if res.code != 0 || strings.Count(res.stdout, "\n") != 5 {
		t.Fatalf("exit %d, stderr %q", res.code, res.stderr)
	}
	if n := strings.Count(res.stderr, "warning"); n != 1 || !strings.Contains(res.stderr, "3 documents reuse the id") || !strings.Contains(res.stderr, `"7" at -:2`) {
		t.Errorf("want one warning with the count 3 and the first reuse (-:2), got %q", res.stderr)
	}
	b, err := os.ReadFile(rep)
	if err != nil || !strings.Contains(string(b), `"duplicate_ids": 3`) {
		t.Errorf("report lacks duplicate_ids 3: %s %v", b, err)
	}
	if res := runClean(t, "", "fixtures/seeds"); strings.Contains(res.stderr, "warning") {
		t.Errorf("unique ids warned about: %q", res.stderr)
	}
}

func TestExplainNamesDuplicates(t *testing.T) {
	t.Parallel()
	res := runClean(t, "", "explain", "fixtures/dedup/000_ads.txt", "fixtures/dedup/000_other_outlet.txt", "fixtures/seeds/001_25d05abc52e56356.txt")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var heads []string
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(l, "== ") {
			heads = append(heads, l)
		}
	}
	if len(heads) != 3 || !strings.HasSuffix(heads[1], "dropped as a duplicate of fixtures/dedup/000_ads.txt") ||
		strings.Contains(heads[0], "duplicate") || strings.Contains(heads[2], "duplicate") {
		t.Errorf("explain's document lines:\n%s", strings.Join(heads, "\n"))
	}
	// --dedup off explains stripping alone.
	if res := runClean(t, "", "explain", "--dedup", "off", "fixtures/dedup/000_ads.txt", "fixtures/dedup/000_other_outlet.txt"); strings.Contains(res.stdout, "duplicate of") {
		t.Errorf("--dedup off still names duplicates:\n%s", res.stdout)
	}
}

func TestDisableRule(t *testing.T) {
	t.Parallel()
	const disclaimer = "Disclaimer: The contents of this article"
	res := runClean(t, "", "--disable-rule", "disclaimer", "-q", "fixtures/seeds")
	if res.code != 0 || !strings.Contains(res.stdout, disclaimer) {
		t.Errorf("--disable-rule disclaimer: exit %d, disclaimer stripped anyway (stderr %q)", res.code, res.stderr)
	}
	if res := runClean(t, "", "-q", "fixtures/seeds"); strings.Contains(res.stdout, disclaimer) {
		t.Error("the disclaimer is not stripped by default: the test shows nothing")
	}
	res = runClean(t, "", "rules", "--disable-rule", "copyright,disclaimer")
	if res.code != 0 || strings.Contains(res.stdout, "\ncopyright ") || strings.Contains(res.stdout, "\ndisclaimer ") || !strings.Contains(res.stdout, "\ncontact ") {
		t.Errorf("clean rules --disable-rule: exit %d\n%s", res.code, res.stdout)
	}
	for _, off := range []string{"--disable-rule=site-repeat", "--site-repeat=false"} {
		res = runClean(t, "", "rules", off)
		if res.code != 0 || strings.Contains(res.stdout, "\nsite-repeat ") || !strings.Contains(res.stdout, "\nsite-byline ") {
			t.Errorf("clean rules %s: exit %d, site-repeat still listed or the list cut short\n%s", off, res.code, res.stdout)
		}
	}
	if res = runClean(t, "", "rules"); !strings.Contains(res.stdout, "\nsite-repeat ") {
		t.Errorf("clean rules: site-repeat not listed by default\n%s", res.stdout)
	}
	res = runClean(t, "", "--disable-rule", "copyrite", "fixtures/seeds")
	if res.code != 2 || !strings.Contains(res.stderr, `"copyrite"`) || !strings.Contains(res.stderr, "copyright,") || strings.Count(res.stderr, "\n") != 1 {
		t.Errorf("unknown rule: exit %d, stderr %q: want 2 and the valid names", res.code, res.stderr)
	}
}

// cleanCmd is the command, to be run in the repository root.
func cleanCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	return cmd
}

// syncBuffer is a bytes.Buffer that a running command may write while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startClean starts the command with pipes for its standard streams.
func startClean(t *testing.T, args ...string) (cmd *exec.Cmd, stdin io.WriteCloser, stdout *bufio.Reader, stderr *syncBuffer) {
	t.Helper()
	cmd = cleanCmd(args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr = new(syncBuffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, stdin, bufio.NewReader(out), stderr
}

// readLines reads n lines from r, failing the test after d.
func readLines(t *testing.T, r *bufio.Reader, n int, d time.Duration) []string {
	t.Helper()
	got := make(chan []string, 1)
	go func() {
		var lines []string
		for len(lines) < n {
			l, err := r.ReadString('\n')
			if err != nil {
				break
			}
			lines = append(lines, l)
		}
		got <- lines
	}()
	select {
	case lines := <-got:
		return lines
	case <-time.After(d):
		t.Fatalf("no %d output lines within %v", n, d)
		return nil
	}
}

func TestStreamsWhileInputPauses(t *testing.T) {
	t.Parallel()
	// Without site-repeat learning, each record is written as soon as it
	// is decided: 50 records and a pause show 50 records during the pause
	// (a batch holds 64), in every dedup mode that needs no second pass.
	for _, mode := range [][]string{{"--dedup", "near"}, {"--dedup", "off"}, {"--annotate"}} {
		args := append([]string{"--site-repeat=false", "-q"}, mode...)
		_, stdin, stdout, stderr := startClean(t, args...)
		var in strings.Builder
		for i := range 50 {
			fmt.Fprintf(&in, `{"id":"%d","text":"Story %d: the council met on day %d and voted on the %dth budget line."}`+"\n", i, i, i, i*7)
		}
		if _, err := io.WriteString(stdin, in.String()); err != nil {
			t.Fatal(err)
		}
		lines := readLines(t, stdout, 50, 10*time.Second) // the input is still open
		if !strings.HasPrefix(lines[0], `{"id":"0",`) || !strings.HasPrefix(lines[49], `{"id":"49",`) {
			t.Errorf("%v: first and last lines %q %q", mode, lines[0], lines[49])
		}
		io.WriteString(stdin, `{"id":"50","text":"One more story, about the weather on the coast."}`+"\n")
		if l := readLines(t, stdout, 1, 10*time.Second); !strings.HasPrefix(l[0], `{"id":"50",`) {
			t.Errorf("%v: after the second pause %q", mode, l[0])
		}
		stdin.Close()
		if rest, _ := io.ReadAll(stdout); len(rest) != 0 {
			t.Errorf("%v: output after the input closed: %q (stderr %s)", mode, rest, stderr)
		}
	}
}

// screen is what a terminal shows of out: a carriage return goes back to
// the start of the line, ESC [K erases to its end.
func screen(out string) []string {
	var lines []string
	var line []rune
	col := 0
	for i := 0; i < len(out); {
		switch {
		case out[i] == '\n':
			lines = append(lines, string(line))
			line, col = nil, 0
		case out[i] == '\r':
			col = 0
		case strings.HasPrefix(out[i:], "\x1b[K"):
			line = line[:col]
			i += 3
			continue
		default:
			r, size := utf8.DecodeRuneInString(out[i:])
			if col < len(line) {
				line[col] = r
			} else {
				line = append(line, r)
			}
			col++
			i += size
			continue
		}
		i++
	}
	return append(lines, string(line))
}

func TestProgressBarAndMessages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "junk.jsonl")
	var in strings.Builder
	for i := range 300 {
		fmt.Fprintf(&in, "junk line %d\n", i)
		fmt.Fprintf(&in, `{"id":"%d","text":"Story %d about the harbour, the ferry and the %d boats."}`+"\n", i, i, i)
	}
	os.WriteFile(file, []byte(in.String()), 0o644)
	rep := filepath.Join(dir, "r.json")
	res := runClean(t, "", "--progress", "always", "--report", rep, file)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	// The bar shows a percentage and the time left (the file's size is known).
	if !regexp.MustCompile(`clean +\d+% \|.*\[\d+s:\d+s\]`).MatchString(res.stderr) {
		t.Errorf("no percentage and time left in the bar: %q", res.stderr[:min(len(res.stderr), 300)])
	}
	// Messages are never on the bar's line, and only the first 20 are
	// printed, then a count.
	named := 0
	for _, l := range screen(res.stderr) {
		if strings.Contains(l, "invalid JSON") {
			named++
			if !strings.HasPrefix(l, file+":") {
				t.Errorf("a message shares its line: %q", l)
			}
		}
	}
	if named != 20 || !strings.Contains(res.stderr, "... and 280 more malformed records") {
		t.Errorf("%d records named, want 20 then a count of 280 more: %q", named, res.stderr)
	}
	if r := readReport(t, rep); r.Errors != 300 {
		t.Errorf("report: %d errors, want 300", r.Errors)
	}
	if res := runClean(t, "", "--error-lines", "0", "-q", file); strings.Count(res.stderr, "invalid JSON") != 300 {
		t.Errorf("--error-lines 0 names %d of 300", strings.Count(res.stderr, "invalid JSON"))
	}
}

func TestNestedFieldPaths(t *testing.T) {
	t.Parallel()
	// --text-field content.body replaces the nested value alone; the rest
	// of the record, numbers and key order included, passes byte for byte.
	// The id, HTML and URL fields take paths too; a top-level key spelled
	// with a dot is still taken as it is.
	in := `{"meta":{"id":"n1","url":"https://a.example/x","n":1.0e400},"content":{"title":"T","body":"Story body about the river.\nShare this article on Facebook"},"text":"top-level text untouched"}` + "\n" +
		`{"content.body":"Literal dotted key story.\nShare this article on Facebook","meta":{"id":7}}` + "\n" +
		`{"meta":{"id":"n3"},"page":{"html":"<html><body><article><p>A page about the harbour and its ferries, long enough to be the body of an article.</p></article></body></html>"}}` + "\n"
	want := `{"meta":{"id":"n1","url":"https://a.example/x","n":1.0e400},"content":{"title":"T","body":"Story body about the river."},"text":"top-level text untouched","cluster":"n1",` + "\n" +
		`{"content.body":"Literal dotted key story.","meta":{"id":7},"cluster":"7",` + "\n" +
		`{"meta":{"id":"n3"},"page":{"html":"<html><body><article><p>A page about the harbour and its ferries, long enough to be the body of an article.</p></article></body></html>"},"content.body":"A page about the harbour and its ferries, long enough to be the body of an article.","cluster":"n3",` + "\n"
	res := runClean(t, in, "--text-field", "content.body", "--id-field", "meta.id", "--site-field", "meta.url", "--html-field", "page.html", "--dedup", "off", "--annotate")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	got := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	wants := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	if len(got) != len(wants) {
		t.Fatalf("%d records out, want %d:\n%s", len(got), len(wants), res.stdout)
	}
	for i := range got {
		if !strings.HasPrefix(got[i], wants[i]) {
			t.Errorf("record %d:\n got %s\nwant %s...", i+1, got[i], wants[i])
		}
	}
}
