package main

// Contract tests: nothing a user gives is silently passed over or lost.
// Each runs the real command (issue 13, items 1 to 9).

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// errorReasons reads the errors_by_reason of a --report file.
func errorReasons(t *testing.T, path string) map[string]int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Reasons map[string]int64 `json:"errors_by_reason"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r.Reasons
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestUnreadableNamedInput: one missing path among several named ones is
// reported; the others are still processed.
func TestUnreadableNamedInput(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte(strings.Join(storyLines("a", 3), "")), 0o644)
	os.WriteFile(b, []byte(strings.Join(storyLines("b", 3), "")), 0o644)
	missing := filepath.Join(dir, "missing.jsonl")
	for _, args := range [][]string{{}, {"--site-repeat=false"}} {
		rep := filepath.Join(t.TempDir(), "r.json")
		res := runClean(t, "", append([]string{"--dedup=off", "--report", rep, a, missing, b}, args...)...)
		if res.code != 2 || !strings.Contains(res.stderr, missing) {
			t.Errorf("%v: exit %d, stderr %q: want 2 and %s named", args, res.code, res.stderr, missing)
		}
		if ids := idsOf(records(t, res.stdout)); ids != "a00000,a00001,a00002,b00000,b00001,b00002" {
			t.Errorf("%v: wrote %q, want the documents of a and b", args, ids)
		}
		readReport(t, rep)
		if _, unreadable, _ := inputs(t, rep); !mentions(unreadable, missing) {
			t.Errorf("%v: unreadable_inputs %q lacks %s", args, unreadable, missing)
		}
	}
}

// TestLoneSurrogateRepaired: a lone surrogate escape in the text is
// written repaired even when nothing else changed; a valid pair stays as
// written.
func TestLoneSurrogateRepaired(t *testing.T) {
	in := `{"id":"s","text":"lone \ud800 here"}` + "\n" + `{"id":"low","text":"\udc00 first"}` + "\n" + `{"id":"p","text":"pair \ud83d\ude00 ok"}` + "\n"
	res := runClean(t, in, "--strip=false", "--dedup=off")
	want := `{"id":"s","text":"lone ` + "\ufffd" + ` here"}` + "\n" + `{"id":"low","text":"` + "\ufffd" + ` first"}` + "\n" + `{"id":"p","text":"pair \ud83d\ude00 ok"}` + "\n"
	if res.code != 0 || res.stdout != want {
		t.Errorf("exit %d, got\n%s\nwant\n%s", res.code, res.stdout, want)
	}
}

// TestTextFileEncodings: CRLF line ends leave no \r in the text; a
// windows-1252 file is decoded as such; a UTF-8 file with one bad byte
// stays UTF-8.
func TestTextFileEncodings(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"crlf.txt":   "First line of the story.\r\nSecond line of the story.\r\n",
		"cp1252.txt": "Caf\xe9 society \x93returns\x94 to the Rue de l\x92Est \x96 at last.\n",
		"utf8.txt":   "Café society, naïve déjà vu \xff byte.\r",
	}
	want := map[string]string{
		"crlf.txt":   "First line of the story.\nSecond line of the story.\n",
		"cp1252.txt": "Café society “returns” to the Rue de l’Est – at last.\n",
		"utf8.txt":   "Café society, naïve déjà vu \ufffd byte.\n",
	}
	for name, data := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	res := runClean(t, "", "--strip=false", "--dedup=off", dir)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, r := range records(t, res.stdout) {
		name := filepath.Base(r.ID)
		if r.Text != want[name] {
			t.Errorf("%s: text %q, want %q", name, r.Text, want[name])
		}
	}
	// Told the encoding, clean does not guess.
	res = runClean(t, "", "--strip=false", "--dedup=off", "--encoding", "utf-8", filepath.Join(dir, "cp1252.txt"))
	if recs := records(t, res.stdout); res.code != 0 || len(recs) != 1 || !strings.HasPrefix(recs[0].Text, "Caf\ufffd society \ufffdreturns") {
		t.Errorf("--encoding utf-8: exit %d, %q", res.code, res.stdout)
	}
	if res := runClean(t, "", "--encoding", "klingon", dir); res.code != 2 || !strings.Contains(res.stderr, "klingon") {
		t.Errorf("--encoding klingon: exit %d, stderr %q: want 2 and the name", res.code, res.stderr)
	}
}

// TestGzipZeroPadding: gzip data followed by zero bytes (tape or block
// padding, which gzip -t accepts) is read whole and is no damage; other
// trailing data still is.
func TestGzipZeroPadding(t *testing.T) {
	lines := storyLines("z", 100)
	one := compress(t, "gzip", []byte(strings.Join(lines[:50], "")))
	two := compress(t, "gzip", []byte(strings.Join(lines[50:], "")))
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		data []byte
		code int
		docs int
	}{
		{"padded", append(append(bytes.Clone(one), two...), make([]byte, 10240)...), 0, 100},
		{"padded twice", append(append(append(bytes.Clone(one), make([]byte, 512)...), two...), make([]byte, 7)...), 1, 50},
		{"garbage", append(append(bytes.Clone(one), two...), "junk"...), 1, 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".jsonl")
			os.WriteFile(path, c.data, 0o644)
			rep := filepath.Join(dir, "r.json")
			res := runClean(t, "", "--dedup=off", "--report", rep, path)
			if res.code != c.code || len(records(t, res.stdout)) != c.docs {
				t.Errorf("exit %d, %d documents, stderr %q: want %d and %d", res.code, len(records(t, res.stdout)), res.stderr, c.code, c.docs)
			}
			readReport(t, rep)
		})
	}
}
