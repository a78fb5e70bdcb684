package main

// Contract tests: nothing a user gives is silently passed over or lost.
// Each runs the real command (issue 13, items 1 to 9).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// reportReasons reads the errors_by_reason of a --report file.
func reportReasons(t *testing.T, path string) map[string]int64 {
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

// TestCheckNeedsUsableDocuments: a corpus of which nothing can be used
// fails clean check; a record without the text field is an error, not an
// empty document; skipped files are named.
func TestCheckNeedsUsableDocuments(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	unknown := filepath.Join(dir, "unknown")
	os.Mkdir(empty, 0o755)
	os.Mkdir(unknown, 0o755)
	os.WriteFile(filepath.Join(unknown, "a.pdf"), []byte("%PDF-1.4\n"), 0o644)
	os.WriteFile(filepath.Join(unknown, "b.csv"), []byte("id,text\n1,hello\n"), 0o644)
	body := jsonl(
		map[string]any{"id": "1", "body": "A story about the council and the river, long enough to be prose for anyone."},
		map[string]any{"id": "2", "body": "Another story about the harbour and the new sea wall, also long enough."},
	)

	t.Run("wrong text field", func(t *testing.T) {
		rep := filepath.Join(t.TempDir(), "r.json")
		res := runClean(t, body, "check", "--report", rep)
		if res.code != 1 || !strings.HasPrefix(lastLine(res.stdout), "check failed") || !strings.Contains(res.stdout, "--min-docs") {
			t.Errorf("exit %d, stdout %q: want 1 and check failed naming --min-docs", res.code, res.stdout)
		}
		if !strings.Contains(res.stderr, `-:1: no field "text"`) {
			t.Errorf("stderr %q does not name -:1: no field \"text\"", res.stderr)
		}
		r := readReport(t, rep)
		if r.Errors != 2 || r.EmptyAfterStrip != 0 {
			t.Errorf("report %+v: want 2 errors, none empty", r)
		}
		if reasons := reportReasons(t, rep); reasons["no_text_field"] != 2 {
			t.Errorf("errors_by_reason %v: want no_text_field 2", reasons)
		}
		if res := runClean(t, body, "--strict"); res.code != 1 {
			t.Errorf("clean --strict: exit %d, want 1", res.code)
		}
		if res := runClean(t, body, "check", "--text-field", "body"); res.code != 0 {
			t.Errorf("check --text-field body: exit %d, stdout %q", res.code, res.stdout)
		}
	})
	t.Run("empty directory", func(t *testing.T) {
		res := runClean(t, "", "check", empty)
		if res.code != 1 || !strings.HasPrefix(lastLine(res.stdout), "check failed") {
			t.Errorf("exit %d, stdout %q: want 1 and check failed", res.code, res.stdout)
		}
		if res := runClean(t, "", "--strict", empty); res.code != 1 || !strings.Contains(res.stderr, "no document") {
			t.Errorf("clean --strict: exit %d, stderr %q: want 1 and no document named", res.code, res.stderr)
		}
	})
	t.Run("only unknown formats", func(t *testing.T) {
		rep := filepath.Join(t.TempDir(), "r.json")
		res := runClean(t, "", "check", "--report", rep, unknown)
		if res.code != 1 || !strings.HasPrefix(lastLine(res.stdout), "check failed") {
			t.Errorf("exit %d, stdout %q: want 1 and check failed", res.code, res.stdout)
		}
		for _, f := range []string{"a.pdf", "b.csv"} {
			if !strings.Contains(res.stderr, filepath.Join(unknown, f)) {
				t.Errorf("stderr %q does not name the skipped %s", res.stderr, f)
			}
		}
		if !strings.Contains(res.stdout, "2 files skipped") {
			t.Errorf("summary %q does not count the 2 skipped files", res.stdout)
		}
		readReport(t, rep)
		res = runClean(t, "", unknown)
		if !strings.Contains(res.stderr, "2 files skipped") || !strings.Contains(res.stderr, "a.pdf") {
			t.Errorf("clean: stderr %q: want the skipped files named and counted", res.stderr)
		}
	})
	t.Run("limits", func(t *testing.T) {
		in := jsonl(
			map[string]any{"id": "1", "text": "A story about the council and the river, long enough to be prose for anyone."},
			map[string]any{"id": "2", "text": "Advertisement"},
		)
		if res := runClean(t, in, "check", "--min-docs", "3"); res.code != 1 || !strings.Contains(res.stdout, "--min-docs") {
			t.Errorf("--min-docs 3: exit %d, stdout %q", res.code, res.stdout)
		}
		if res := runClean(t, in, "check", "--max-empty-ratio", "0.25"); res.code != 1 || !strings.Contains(res.stdout, "--max-empty-ratio") {
			t.Errorf("--max-empty-ratio 0.25: exit %d, stdout %q", res.code, res.stdout)
		}
		if res := runClean(t, in, "check", "--min-docs", "2", "--max-empty-ratio", "0.5"); res.code != 0 || lastLine(res.stdout) != "check passed" {
			t.Errorf("within limits: exit %d, stdout %q", res.code, res.stdout)
		}
	})
}

// TestCheckVerdictMatchesExit: the last line of clean check and its exit
// code agree when an input is damaged or unreadable.
func TestCheckVerdictMatchesExit(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte(strings.Join(storyLines("g", 20), "")), 0o644)
	packed := compress(t, "gzip", []byte(strings.Join(storyLines("d", 2000), "")))
	damaged := filepath.Join(dir, "damaged.jsonl")
	os.WriteFile(damaged, packed[:len(packed)/2], 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		why  string
	}{
		{"damaged", []string{good, damaged}, 1, "damaged"},
		{"unreadable", []string{good, filepath.Join(dir, "missing.jsonl")}, 2, "unreadable"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := runClean(t, "", append([]string{"check"}, c.args...)...)
			if res.code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", res.code, c.code, res.stderr)
			}
			if last := lastLine(res.stdout); !strings.HasPrefix(last, "check failed") || !strings.Contains(last, c.why) {
				t.Errorf("verdict %q with exit %d: want check failed, %s", last, res.code, c.why)
			}
		})
	}
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

// TestOwnOutputsNotRead: outputs written into the directory being cleaned
// are not read back, on this run or the next.
func TestOwnOutputsNotRead(t *testing.T) {
	dir := t.TempDir()
	corpus := writeCorpus(t, 3000)
	data, _ := os.ReadFile(corpus)
	os.WriteFile(filepath.Join(dir, "corpus.jsonl"), data, 0o644)
	out, rep := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "r.json")
	args := []string{dir, "-o", out, "--report", rep, "--clusters", filepath.Join(dir, "c.jsonl"), "--rejects", filepath.Join(dir, "rej.jsonl")}
	var first []byte
	for run := range 2 {
		res := runClean(t, "", args...)
		if res.code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, res.code, res.stderr)
		}
		if r := readReport(t, rep); r.DocsIn != 3000 {
			t.Errorf("run %d: %d docs in, want the corpus's 3000", run, r.DocsIn)
		}
		b, _ := os.ReadFile(out)
		if run == 0 {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Errorf("the second run's output differs from the first's")
		}
	}
	// Standard output redirected into the directory, sorted after the
	// corpus: the walk finds it while it is being written.
	dir = t.TempDir()
	os.WriteFile(filepath.Join(dir, "corpus.jsonl"), data, 0o644)
	f, err := os.Create(filepath.Join(dir, "zz.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep2 := filepath.Join(t.TempDir(), "r.json")
	cmd := exec.Command(binary, "--report", rep2, "--site-repeat=false", dir)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	if r := readReport(t, rep2); r.DocsIn != 3000 {
		t.Errorf("stdout into the directory: %d docs in, want 3000", r.DocsIn)
	}
	// Named, standard output's file fails (it would be read as it grows);
	// -o's, replaced only at the end, is read as it was: cleaning in place.
	named := f.Name()
	cmd = exec.Command(binary, "--site-repeat=false", named)
	errb.Reset()
	cmd.Stdout, cmd.Stderr = f, &errb
	cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(errb.String(), named) {
		t.Errorf("%s named, written to standard output: exit %d, stderr %q: want 2 and the file named", f.Name(), code, errb.String())
	}
	res := runClean(t, "", "--dedup=off", "--strip=false", named, "-o", named)
	if b, _ := os.ReadFile(f.Name()); res.code != 0 || len(b) == 0 {
		t.Errorf("clean F -o F: exit %d, %d bytes: %s", res.code, len(b), res.stderr)
	}
}

// TestHangupCleansUp: SIGHUP (a closed terminal) while standard input is
// spooled with -o FILE: no temporary file or spool is left, the report is
// written.
func TestHangupCleansUp(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGHUP")
	}
	// Under nohup the children would inherit SIGHUP ignored, and keep it
	// so (TestHangupIgnoredUnderNohup); caught here, it is reset to the
	// default in them.
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGHUP)
	defer signal.Stop(caught)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir, tmp := t.TempDir(), t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			rep := filepath.Join(t.TempDir(), "report.json")
			cmd := exec.Command(binary, "-o", out, "--report", rep, "-")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stdin, _ := cmd.StdinPipe()
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { // ends when clean closes its end
				e := &endless{}
				buf := make([]byte, 64<<10)
				for {
					n, _ := e.Read(buf)
					if _, err := stdin.Write(buf[:n]); err != nil {
						return
					}
				}
			}()
			deadline := time.Now().Add(20 * time.Second)
			for {
				spools, _ := os.ReadDir(tmp)
				outs, _ := os.ReadDir(dir)
				if len(spools) > 0 && len(outs) > 0 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("no spool and temporary output after 20 s")
				}
				time.Sleep(50 * time.Millisecond)
			}
			time.Sleep(300 * time.Millisecond)
			cmd.Process.Signal(sig)
			timer := time.AfterFunc(10*time.Second, func() { cmd.Process.Kill() })
			cmd.Wait()
			if !timer.Stop() {
				t.Fatalf("still running 10 s after %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit %d, want 130; stderr %q", code, errb.String())
			}
			for _, d := range []string{dir, tmp} {
				if entries, _ := os.ReadDir(d); len(entries) != 0 {
					t.Errorf("left behind in %s: %v", d, entries)
				}
			}
			readReport(t, rep)
		})
	}
}

// TestRejects: --rejects keeps every rejected record byte for byte, and
// the report counts each reason.
func TestRejects(t *testing.T) {
	good := `{"id":"ok","text":"A story about the council and the river, long enough to be prose for anyone."}`
	bad := []string{
		`{"id":"cut","text":`,
		`  {"id":"notext","body":"x"}  `,
		`{"id":"num","text":5}`,
		`[1,2,3]`,
		`{"id":"big","text":"` + strings.Repeat("x", 300) + `"}`,
		`{"id":"crlf","text":`,
	}
	in := good + "\n" + bad[0] + "\n" + bad[1] + "\n" + bad[2] + "\n" + bad[3] + "\n" + bad[4] + "\n" + bad[5] + "\r\n" + good + "\n"
	dir := t.TempDir()
	gz := filepath.Join(dir, "in.jsonl.gz")
	os.WriteFile(gz, compress(t, "gzip", []byte(in)), 0o644)
	for _, c := range []struct {
		name, stdin string
		args        []string
		kept        []string // the rejects written
	}{
		// The line over --max-doc-bytes is read again from the spool or
		// the file; standard input read in one pass cannot be.
		{"standard input", in, nil, bad},
		{"gzip file, one pass", "", []string{"--site-repeat=false", gz}, bad},
		{"standard input, one pass", in, []string{"--site-repeat=false"}, append(bad[:4:4], bad[5])},
	} {
		t.Run(c.name, func(t *testing.T) {
			rejects, rep := filepath.Join(dir, "rejects.jsonl"), filepath.Join(dir, "r.json")
			res := runClean(t, c.stdin, append([]string{"--dedup=off", "--max-doc-bytes", "200", "--rejects", rejects, "--report", rep}, c.args...)...)
			if res.code != 0 {
				t.Fatalf("exit %d: %s", res.code, res.stderr)
			}
			got, err := os.ReadFile(rejects)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Join(c.kept, "\n") + "\n"; string(got) != want {
				t.Errorf("rejects file:\n%q\nwant:\n%q", got, want)
			}
			if len(c.kept) < len(bad) && !strings.Contains(res.stderr, "not kept in the rejects") {
				t.Errorf("stderr %q does not say a reject was not kept", res.stderr)
			}
			if r := readReport(t, rep); r.Errors != 6 || r.DocsOut != 2 {
				t.Errorf("report %+v: want 6 errors, 2 out", r)
			}
			want := map[string]int64{"invalid_json": 3, "no_text_field": 1, "text_not_string": 1, "too_large": 1}
			if reasons := reportReasons(t, rep); fmt.Sprint(reasons) != fmt.Sprint(want) {
				t.Errorf("errors_by_reason %v, want %v", reasons, want)
			}
			if !strings.Contains(res.stderr, "1 too_large") {
				t.Errorf("summary %q does not give the reasons", res.stderr)
			}
		})
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

// TestInterruptEndlessLine: a signal also stops a run inside a line that
// never ends (/dev/zero as standard input), which it reads without end.
func TestInterruptEndlessLine(t *testing.T) {
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer zero.Close()
	dir := t.TempDir()
	cmd := exec.Command(binary, "--site-repeat=false", "-o", filepath.Join(dir, "out.jsonl"))
	cmd.Stdin = zero
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	timer := time.AfterFunc(10*time.Second, func() { cmd.Process.Kill() })
	cmd.Wait()
	if !timer.Stop() {
		t.Fatal("still running 10 s after SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestHangupIgnoredUnderNohup: a run started ignoring SIGHUP (nohup)
// keeps ignoring it; SIGTERM still stops it cleanly.
func TestHangupIgnoredUnderNohup(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command("bash", "-c", `trap "" HUP; exec "$0" "$@"`, binary, "--site-repeat=false", "-o", filepath.Join(dir, "out.jsonl"), "-")
	stdin, _ := cmd.StdinPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go io.Copy(stdin, &endless{}) // ends when clean closes its end
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGHUP)
	select {
	case <-exited:
		t.Fatalf("SIGHUP stopped a run started under nohup: exit %d", cmd.ProcessState.ExitCode())
	case <-time.After(time.Second):
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("still running 10 s after SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d after SIGTERM, want 130", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
