package main

// Fault tests: the real command against damaged, vanishing, hostile and
// enormous inputs, failing outputs and signals. Each checks what the user
// sees (exit code, message, output) and, through readReport, that the
// report still accounts for every document read.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
)

// runCleanFrom is runClean with a streamed standard input; it also returns
// the process state, whose rusage gives the peak memory.
func runCleanFrom(t *testing.T, stdin io.Reader, args ...string) (result, *os.ProcessState) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("running clean %v: %v", args, err)
	}
	return result{out.String(), errb.String(), cmd.ProcessState.ExitCode()}, cmd.ProcessState
}

// inputs lists the damaged and unreadable inputs of a --report file (after
// readReport has checked its accounting).
func inputs(t *testing.T, reportPath string) (damaged, unreadable, skipped []string) {
	t.Helper()
	b, err := os.ReadFile(reportPath)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Damaged    []string `json:"damaged_inputs"`
		Unreadable []string `json:"unreadable_inputs"`
		Skipped    []string `json:"skipped_files"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r.Damaged, r.Unreadable, r.Skipped
}

func mentions(list []string, s string) bool {
	return slices.ContainsFunc(list, func(e string) bool { return strings.Contains(e, s) })
}

// storyLines returns n distinct JSON Lines records, each with its newline.
func storyLines(prefix string, n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf(`{"id":"%s%05d","text":"Report %d: the council said on Monday that %d homes by the river would be rebuilt before winter."}`+"\n", prefix, i, i, i*37%1000)
	}
	return lines
}

func compress(t *testing.T, kind string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch kind {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "zstd":
		zw, err := zstd.NewWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDamagedCompressedInput: a truncated or corrupt gzip or zstd file is
// named, its documents before the damage are written, the next input is
// still read, and the exit code is 1.
func TestDamagedCompressedInput(t *testing.T) {
	const n = 3000
	good := storyLines("a", n)
	after := storyLines("b", 10)
	for _, kind := range []string{"gzip", "zstd"} {
		packed := compress(t, kind, []byte(strings.Join(good, "")))
		damages := map[string][]byte{
			"truncated": packed[:len(packed)/2],
			"corrupt": func() []byte {
				b := slices.Clone(packed)
				for i := len(b) / 2; i < len(b)/2+64; i++ {
					b[i] ^= 0x5a
				}
				return b
			}(),
		}
		for damage, data := range damages {
			t.Run(kind+"/"+damage, func(t *testing.T) {
				dir := t.TempDir()
				bad := filepath.Join(dir, "in", "a.jsonl") // the name says nothing of compression
				os.Mkdir(filepath.Dir(bad), 0o755)
				os.WriteFile(bad, data, 0o644)
				os.WriteFile(filepath.Join(dir, "in", "b.jsonl"), []byte(strings.Join(after, "")), 0o644)
				out, rep := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "report.json")
				res := runClean(t, "", "--strip=false", "--dedup=off", "-o", out, "--report", rep, filepath.Join(dir, "in"))
				if res.code != 1 || !strings.Contains(res.stderr, bad) {
					t.Fatalf("exit %d, stderr %q: want 1 and %s named", res.code, res.stderr, bad)
				}
				readReport(t, rep)
				if damaged, _, _ := inputs(t, rep); !mentions(damaged, bad) {
					t.Errorf("report's damaged_inputs %q lacks %s", damaged, bad)
				}
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatalf("the documents before the damage should be written: %v", err)
				}
				got := strings.SplitAfter(string(b), "\n")
				got = got[:len(got)-1]
				if len(got) < len(after) || !slices.Equal(got[len(got)-len(after):], after) {
					t.Fatalf("the input after the damaged one is missing from the output")
				}
				kept := got[:len(got)-len(after)]
				intact := 0
				for intact < len(kept) && kept[intact] == good[intact] {
					intact++
				}
				// gzip checks its CRC only at the end of a member, so the
				// records decoded from a corrupt stretch before that are
				// garbled but may parse; truncation and zstd's block
				// checks stop at the damage.
				if garbled := len(kept) - intact; garbled > 0 && !(kind == "gzip" && damage == "corrupt") {
					t.Errorf("%d garbled records written after the first %d intact ones", garbled, intact)
				}
				if len(kept) >= n || intact < n/3 {
					t.Errorf("%d of %d records kept, %d of them intact: want the first third or more, not all", len(kept), n, intact)
				}
				t.Logf("%d of %d records kept, %d intact", len(kept), n, intact)
			})
		}
	}
}

// feedStdin writes lines to the command's standard input; when it
// returns, the command has read all but a pipe buffer's worth of them.
func feedStdin(t *testing.T, w io.Writer, lines []string) {
	t.Helper()
	for _, l := range lines {
		if _, err := io.WriteString(w, l); err != nil {
			t.Fatalf("writing to clean's standard input: %v", err)
		}
	}
}

// TestInputVanishesDuringRun removes a listed file before clean opens it:
// standard input, listed first, is held open until the file is gone. The
// file is named, exit 2, everything else is still written.
func TestInputVanishesDuringRun(t *testing.T) {
	for _, args := range [][]string{
		{},                      // default: standard input is spooled, then two passes
		{"--site-repeat=false"}, // one pass, reading standard input as it comes
		{"--keep=longest"},      // a learn, a cluster and an emit pass
	} {
		t.Run(strings.Join(append([]string{"flags"}, args...), " "), func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "in")
			os.Mkdir(in, 0o755)
			files := map[string][]string{"a.jsonl": storyLines("a", 5), "b.jsonl": storyLines("b", 5), "c.jsonl": storyLines("c", 5)}
			for name, lines := range files {
				os.WriteFile(filepath.Join(in, name), []byte(strings.Join(lines, "")), 0o644)
			}
			gone := filepath.Join(in, "b.jsonl")
			rep := filepath.Join(dir, "report.json")
			cmd := exec.Command(binary, append([]string{"--annotate", "--report", rep, "-", in}, args...)...)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// 1 MB through a 64 kB pipe: clean is reading standard input,
			// so it has listed the directory already.
			feedStdin(t, stdin, storyLines("s", 8000))
			if err := os.Remove(gone); err != nil {
				t.Fatal(err)
			}
			stdin.Close()
			cmd.Wait()
			if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(errb.String(), gone) {
				t.Fatalf("exit %d, stderr %q: want 2 and %s named", code, errb.String(), gone)
			}
			r := readReport(t, rep)
			if _, unreadable, _ := inputs(t, rep); !mentions(unreadable, gone) {
				t.Errorf("report's unreadable_inputs %q lacks %s", unreadable, gone)
			}
			recs := records(t, out.String())
			if r.DocsIn != 8010 || len(recs) != 8010 {
				t.Errorf("%d docs in, %d written: want standard input's 8000 and 5 from each remaining file", r.DocsIn, len(recs))
			}
			ids := idsOf(recs)
			if !strings.Contains(ids, "a00004,c00000") || strings.Contains(ids, "b0000") {
				t.Errorf("output should hold a and c, not b: ...%s", ids[len(ids)-80:])
			}
		})
	}
}

// TestOddDirectoryEntries: entries that are not regular files are skipped
// and listed, never waited on; a file that fails to read is named.
func TestOddDirectoryEntries(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses /proc and mkfifo")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.jsonl"), []byte(strings.Join(storyLines("a", 3), "")), 0o644)
	os.WriteFile(filepath.Join(in, "z.jsonl"), []byte(strings.Join(storyLines("z", 3), "")), 0o644)
	if err := syscall.Mkfifo(filepath.Join(in, "fifo.jsonl"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Join(dir, "nowhere.jsonl"), filepath.Join(in, "dangling.jsonl"))
	os.Symlink(in, filepath.Join(in, "loop.jsonl"))
	// A regular file that open accepts and read refuses (EIO at offset 0):
	// what a failing disk or a revoked network mount looks like.
	mem := filepath.Join(in, "mem.jsonl")
	os.Symlink("/proc/self/mem", mem)

	rep := filepath.Join(dir, "report.json")
	cmd := exec.Command(binary, "--dedup=off", "--report", rep, in)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Start()
	timer := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	cmd.Wait()
	if !timer.Stop() {
		t.Fatal("clean hung on a directory with a FIFO in it")
	}
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(errb.String(), mem) {
		t.Errorf("exit %d, stderr %q: want 2 and %s named", code, errb.String(), mem)
	}
	r := readReport(t, rep)
	_, unreadable, skipped := inputs(t, rep)
	for _, name := range []string{"fifo.jsonl", "dangling.jsonl", "loop.jsonl"} {
		if !mentions(skipped, name) {
			t.Errorf("skipped_files %q lacks %s", skipped, name)
		}
	}
	if !mentions(unreadable, mem) {
		t.Errorf("unreadable_inputs %q lacks %s", unreadable, mem)
	}
	if r.DocsOut != 6 || idsOf(records(t, out.String())) != "a00000,a00001,a00002,z00000,z00001,z00002" {
		t.Errorf("want the 6 documents of a.jsonl and z.jsonl, got %d: %s", r.DocsOut, out.String())
	}
}

// TestNamedPipeInput: a named pipe given as an input (a shell's
// <(zcat ...)) can be read only once, so the modes that read their inputs
// twice spool it first; every mode writes all its documents, and the same
// output as for a regular file of the same lines.
func TestNamedPipeInput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses mkfifo")
	}
	n := 2000
	if testing.Short() {
		n = 500 // still eight batches; 9 s race-instrumented at 2000
	}
	data := []byte(strings.Join(storyLines("p", n), ""))
	dir := t.TempDir()
	file := filepath.Join(dir, "file.jsonl")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{},                      // learn pass, then the clean pass
		{"--site-repeat=false"}, // one pass
		{"--keep=longest"},      // learn, cluster and clean passes
	} {
		t.Run(strings.Join(append([]string{"flags"}, args...), " "), func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "fifo.jsonl")
			if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Fatal(err)
			}
			go func() {
				f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return // the test fails on the output below
				}
				f.Write(data)
				f.Close()
			}()
			want, _ := runCleanFrom(t, nil, append(args, file)...)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, binary, append(args, fifo)...)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			err := cmd.Run()
			if ctx.Err() != nil {
				t.Fatal("clean hung on a named pipe")
			}
			if err != nil || len(records(t, out.String())) != n {
				t.Fatalf("%v, %d documents written, stderr %q: want exit 0 and all %d", err, len(records(t, out.String())), errb.String(), n)
			}
			if out.String() != want.stdout {
				t.Errorf("output differs from the regular file's")
			}
		})
	}
}

// TestOutputFails: a full device under standard output, and a file system
// that fills up under -o FILE. Exit 2 with the output named; an existing
// output file is left as it was and no temporary file remains.
func TestOutputFails(t *testing.T) {
	corpus := writeCorpus(t, 3000) // about 3 MB of output

	t.Run("stdout is /dev/full", func(t *testing.T) {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip("no /dev/full:", err)
		}
		defer full.Close()
		rep := filepath.Join(t.TempDir(), "report.json")
		cmd := exec.Command(binary, "--report", rep, corpus)
		var errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &errb
		cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(errb.String(), "no space left") {
			t.Errorf("exit %d, stderr %q: want 2 and the reason", code, errb.String())
		}
		readReport(t, rep)
	})

	t.Run("-o on a full file system", func(t *testing.T) {
		mnt := t.TempDir()
		if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=64k"); err != nil {
			t.Skip("cannot mount a small tmpfs (needs root):", err)
		}
		t.Cleanup(func() { syscall.Unmount(mnt, 0) })
		out := filepath.Join(mnt, "out.jsonl")
		os.WriteFile(out, []byte("previous run\n"), 0o644)
		rep := filepath.Join(t.TempDir(), "report.json")
		res := runClean(t, "", "-o", out, "--report", rep, corpus)
		if res.code != 2 || !strings.Contains(res.stderr, out) || !strings.Contains(res.stderr, "no space left") {
			t.Errorf("exit %d, stderr %q: want 2, %s and the reason named", res.code, res.stderr, out)
		}
		readReport(t, rep)
		if b, _ := os.ReadFile(out); string(b) != "previous run\n" {
			t.Errorf("the previous output was replaced by %d bytes", len(b))
		}
		if entries, _ := os.ReadDir(mnt); len(entries) != 1 {
			t.Errorf("temporary files left behind: %v", entries)
		}
	})
}

// TestOutputThroughSymlink: -o through a symbolic link (say to /dev/null,
// or to a file kept elsewhere) writes where the link points and leaves the
// link alone. Renaming a temporary file over the path would replace the
// link, and run as root on /dev/null it would replace the device.
func TestOutputThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.jsonl")
	os.WriteFile(target, nil, 0o644)
	for _, dest := range []string{target, os.DevNull} {
		link := filepath.Join(dir, "link.jsonl")
		os.Remove(link)
		os.Symlink(dest, link)
		res := runClean(t, awkward, "--strip=false", "--dedup=off", "-o", link)
		if res.code != 0 {
			t.Fatalf("-o link to %s: exit %d: %s", dest, res.code, res.stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("-o link to %s: the link was replaced by a file", dest)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != awkward {
		t.Errorf("the link's target holds %q, want the records", b)
	}
}

// TestReaderGoesAway: `clean | head -1` ends quietly and still writes its
// report.
func TestReaderGoesAway(t *testing.T) {
	corpus := writeCorpus(t, 3000)
	rep := filepath.Join(t.TempDir(), "report.json")
	cmd := exec.Command("bash", "-c", fmt.Sprintf(`%q --report %q %q | head -n 1; echo "${PIPESTATUS[0]}" >&3`, binary, rep, corpus))
	var out, errb bytes.Buffer
	status, w, _ := os.Pipe()
	cmd.Stdout, cmd.Stderr, cmd.ExtraFiles = &out, &errb, []*os.File{w}
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	code, _ := io.ReadAll(status)
	if errb.Len() != 0 {
		t.Errorf("clean complained when its reader went away: %s", errb.String())
	}
	if len(records(t, out.String())) != 1 {
		t.Errorf("head got %q", out.String())
	}
	if c := strings.TrimSpace(string(code)); c != "141" {
		t.Errorf("exit %s, want 141 (128 + SIGPIPE, as for any writer whose reader left)", c)
	}
	r := readReport(t, rep)
	if r.DocsIn == 0 {
		t.Errorf("report: %+v", r)
	}
}

// endless is standard input that never ends: distinct stories until the
// reader stops reading.
type endless struct {
	n   int
	buf []byte
}

func (e *endless) Read(p []byte) (int, error) {
	for len(e.buf) < len(p) {
		e.buf = fmt.Appendf(e.buf, `{"id":"e%d","text":"Report %d: the council said on Monday that %d homes by the river would be rebuilt before winter."}`+"\n", e.n, e.n, e.n*37)
		e.n++
	}
	n := copy(p, e.buf)
	e.buf = e.buf[:copy(e.buf, e.buf[n:])]
	return n, nil
}

// TestInterruptDuringOutputFile: SIGINT while clean writes -o FILE, fed
// by a producer that never stops: exit 130 promptly, the previous file
// untouched, no temporary file left.
func TestInterruptDuringOutputFile(t *testing.T) {
	for _, args := range [][]string{
		{"--site-repeat=false"}, // one pass over standard input as it streams
		{},                      // default: interrupted while spooling standard input
	} {
		t.Run(strings.Join(append([]string{"flags"}, args...), " "), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			os.WriteFile(out, []byte("previous run\n"), 0o644)
			rep := filepath.Join(t.TempDir(), "report.json")
			tmp := t.TempDir() // where the records are held until the end
			cmd := exec.Command(binary, append([]string{"-o", out, "--report", rep, "-"}, args...)...)
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stdin, _ := cmd.StdinPipe()
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go io.Copy(stdin, &endless{}) // ends when clean closes its end
			// Wait for the temporary output file (".out.jsonl.tmp…" sorts
			// first) and, in one pass, for records held in TMPDIR;
			// spooling standard input, the default mode never gets to
			// write.
			spooling := len(args) == 0
			deadline := time.Now().Add(20 * time.Second)
			for {
				entries, _ := os.ReadDir(dir)
				held, _ := os.ReadDir(tmp)
				if len(entries) > 1 {
					if spooling || len(held) > 0 && heldSize(held[0]) > 0 {
						break
					}
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("no temporary output after 20 s: %v", entries)
				}
				time.Sleep(50 * time.Millisecond)
			}
			if spooling {
				time.Sleep(500 * time.Millisecond)
			}
			cmd.Process.Signal(os.Interrupt)
			timer := time.AfterFunc(10*time.Second, func() { cmd.Process.Kill() })
			cmd.Wait()
			if !timer.Stop() {
				t.Fatalf("clean still running 10 s after SIGINT; stderr %q", errb.String())
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit %d, want 130; stderr %q", code, errb.String())
			}
			if b, _ := os.ReadFile(out); string(b) != "previous run\n" {
				t.Errorf("the previous output was replaced by %d bytes", len(b))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("temporary files left behind: %v", entries)
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
				t.Errorf("temporary files left behind in TMPDIR: %v", entries)
			}
			readReport(t, rep)
		})
	}
}

func heldSize(e os.DirEntry) int64 {
	fi, err := e.Info()
	if err != nil {
		return 0
	}
	return fi.Size()
}

// repeated streams one byte n times.
type repeated struct {
	b byte
	n int64
}

func (r *repeated) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.n)]
	for i := range p {
		p[i] = r.b
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// TestGigabyteLine streams one 1 GiB record, then a normal one, through
// standard input (no disk needed: --site-repeat=false reads it in one
// pass). The big one is a data error for itself alone, and the reader does
// not hold it in memory: peak memory is measured.
func TestGigabyteLine(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1 GiB; a few seconds")
	}
	next := `{"id":"after","text":"The next story is here and it is fine, said the mayor of the town."}` + "\n"
	for _, c := range []struct {
		maxDocBytes string
		maxRSS      int64 // bytes
	}{
		// The default limit: the line is refused. Peak memory is bounded
		// by the limit, not by the line.
		{"", 1 << 30},
		// A small limit shows the bound is the limit: the reader skips
		// the rest of the line without buffering it.
		{"8388608", 128 << 20},
	} {
		t.Run("max-doc-bytes="+c.maxDocBytes, func(t *testing.T) {
			stdin := io.MultiReader(
				strings.NewReader(`{"id":"big","text":"`),
				&repeated{'a', 1 << 30},
				strings.NewReader("\"}\n"+next))
			rep := filepath.Join(t.TempDir(), "report.json")
			args := []string{"--site-repeat=false", "--report", rep}
			if c.maxDocBytes != "" {
				args = append(args, "--max-doc-bytes", c.maxDocBytes)
			}
			start := time.Now()
			res, state := runCleanFrom(t, stdin, args...)
			rss := int64(state.SysUsage().(*syscall.Rusage).Maxrss) << 10 // kB on Linux
			t.Logf("%.1fs, peak RSS %d MiB", time.Since(start).Seconds(), rss>>20)
			if res.code != 0 || res.stdout != next || !strings.Contains(res.stderr, "-:1:") || !strings.Contains(res.stderr, "max-doc-bytes") {
				t.Fatalf("exit %d, stdout %q, stderr %q: want 0, the next record, and -:1: named", res.code, res.stdout, res.stderr)
			}
			r := readReport(t, rep)
			if r.DocsIn != 2 || r.Errors != 1 || r.DocsOut != 1 {
				t.Errorf("report %+v: want 2 in, 1 error, 1 out", r)
			}
			if rss > c.maxRSS {
				t.Errorf("peak RSS %d MiB > %d MiB for a refused line", rss>>20, c.maxRSS>>20)
			}
		})
	}
}

// TestMillionTinyDocuments: a million one-line records, streamed.
func TestMillionTinyDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("a million documents: 4 s, 25 s race-instrumented")
	}
	const n = 1000000
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		for i := range n {
			fmt.Fprintf(w, `{"id":"%d","text":"item %d"}`+"\n", i, i%1000)
		}
		w.Flush()
		pw.Close()
	}()
	defer pr.Close()
	rep := filepath.Join(t.TempDir(), "report.json")
	start := time.Now()
	res, _ := runCleanFrom(t, pr, "--report", rep)
	t.Logf("%d documents in %.1fs", n, time.Since(start).Seconds())
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	r := readReport(t, rep)
	if r.DocsIn != n || int64(strings.Count(res.stdout, "\n")) != r.DocsOut || r.DocsOut < 1000 {
		t.Errorf("report %+v, %d lines out", r, strings.Count(res.stdout, "\n"))
	}
}

// TestBinaryJunk: random bytes as JSON Lines and as text, plain and behind
// compression magic numbers. No crash; what comes out is valid JSON in
// valid UTF-8.
func TestBinaryJunk(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	junk := make([]byte, 1<<20)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	for _, c := range []struct {
		name    string
		data    []byte
		code    int
		message string
	}{
		{"junk.jsonl", junk, 0, "junk.jsonl:1:"},
		{"junk.txt", junk, 0, ""},
		{"junk.html", junk, 0, ""},
		{"gzjunk.jsonl", append([]byte{0x1f, 0x8b}, junk...), 1, "gzjunk.jsonl"},
		{"zstjunk.txt", append([]byte{0x28, 0xb5, 0x2f, 0xfd}, junk...), 1, "zstjunk.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, c.name)
			os.WriteFile(path, c.data, 0o644)
			rep := filepath.Join(dir, "report.json")
			res := runClean(t, "", "--annotate", "--report", rep, path)
			if res.code != c.code || !strings.Contains(res.stderr, c.message) {
				t.Errorf("exit %d, stderr %.300q: want %d and %q", res.code, res.stderr, c.code, c.message)
			}
			for _, line := range strings.SplitAfter(res.stdout, "\n") {
				if line != "" && (!json.Valid([]byte(line)) || !utf8.ValidString(line)) {
					t.Fatalf("output line is not valid JSON in UTF-8: %.200q", line)
				}
			}
			r := readReport(t, rep)
			t.Logf("%d in, %d out, %d errors", r.DocsIn, r.DocsOut, r.Errors)
		})
	}
}

// TestAwkwardJSON: records that are legal but odd pass through byte for
// byte; records that are not are counted, named and skipped.
func TestAwkwardJSON(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, c := range []struct {
		name, in, out string
		errors        int64
		message       string
	}{
		{"duplicate keys", `{"id":"d","text":"first","text":"second","id":"e"}` + "\n", "", 0, ""},
		{"huge numbers", `{"id":"h","n":1e999999999,"m":-123456789012345678901234567890123456789.5e-99999,"i":` + strings.Repeat("9", 5000) + `,"text":"t"}` + "\n", "", 0, ""},
		{"deep nesting in a field", `{"id":"n","x":` + deep + `,"text":"t"}` + "\n", "", 1, "-:1:"},
		{"100k open brackets", strings.Repeat("[", 100000) + "\n" + `{"id":"ok","text":"t"}` + "\n", `{"id":"ok","text":"t"}` + "\n", 1, "-:1:"},
		{"byte-order mark", "\xef\xbb\xbf" + `{"id":"bom","text":"t"}` + "\n", `{"id":"bom","text":"t"}` + "\n", 0, ""},
		{"CRLF line ends", `{"id":"1","text":"a"}` + "\r\n" + `{"id":"2","text":"b"}` + "\r\n", `{"id":"1","text":"a"}` + "\n" + `{"id":"2","text":"b"}` + "\n", 0, ""},
		{"empty and blank lines", "\n" + `{"id":"1","text":"a"}` + "\n\n \t\n" + `{"id":"2","text":"b"}`, `{"id":"1","text":"a"}` + "\n" + `{"id":"2","text":"b"}` + "\n", 0, ""},
		{"invalid UTF-8 in the text", `{"id":"u","text":"bad ` + "\xff\xfe" + ` here"}` + "\n", `{"id":"u","text":"bad ` + "\ufffd\ufffd" + ` here"}` + "\n", 0, ""},
		{"invalid UTF-8 elsewhere passes through", `{"id":"u","raw":"` + "\xc3\x28" + `","text":"t"}` + "\n", "", 0, ""},
		{"not objects", "null\n[1,2]\n\"s\"\n42\n", "", 4, "-:4:"},
		{"text not a string", `{"id":"t","text":5}` + "\n" + `{"id":"t2","text":null}` + "\n", "", 2, "-:2:"},
		{"NUL and control bytes", `{"id":"c","text":"a` + "\x00\x01" + `b"}` + "\n", "", 1, "-:1:"},
		{"unterminated last record", `{"id":"1","text":"a"}` + "\n" + `{"id":"2","te`, `{"id":"1","text":"a"}` + "\n", 1, "-:2:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := c.out
			if want == "" && c.errors == 0 {
				want = strings.TrimPrefix(c.in, "\xef\xbb\xbf") // unchanged
			}
			rep := filepath.Join(t.TempDir(), "report.json")
			res := runClean(t, c.in, "--strip=false", "--dedup=off", "--report", rep)
			if res.code != 0 || res.stdout != want {
				t.Errorf("exit %d, stdout %.200q, want 0 and %.200q; stderr %.300q", res.code, res.stdout, want, res.stderr)
			}
			if !strings.Contains(res.stderr, c.message) {
				t.Errorf("stderr %.300q does not name %s", res.stderr, c.message)
			}
			if r := readReport(t, rep); r.Errors != c.errors {
				t.Errorf("%d errors, want %d", r.Errors, c.errors)
			}
		})
	}
}

// TestWorkersAndRepeatsAllModes extends TestWorkersGiveIdenticalOutput to
// the modes that order or number documents differently: output, clusters
// file and report counts are identical for -j 1, 2 and 8 and on a repeated
// run.
func TestWorkersAndRepeatsAllModes(t *testing.T) {
	n := 4000
	if testing.Short() {
		n = 1000 // 12 runs: a minute race-instrumented at 4000
	}
	corpus := writeCorpus(t, n)
	dir := t.TempDir()
	for _, mode := range [][]string{
		{"--keep", "longest"},
		{"--annotate", "--keep", "longest"},
		{"--annotate", "--dedup", "exact"},
	} {
		t.Run(strings.Join(mode, " "), func(t *testing.T) {
			var first, firstClusters string
			var firstReport report
			for run, j := range []string{"1", "2", "8", "8"} {
				clusters, rep := filepath.Join(dir, "clusters.jsonl"), filepath.Join(dir, "report.json")
				res := runClean(t, "", append([]string{"-j", j, "--clusters", clusters, "--report", rep, corpus}, mode...)...)
				if res.code != 0 {
					t.Fatalf("-j %s: exit %d: %s", j, res.code, res.stderr)
				}
				b, _ := os.ReadFile(clusters)
				r := readReport(t, rep)
				r.Seconds = nil
				if run == 0 {
					first, firstClusters, firstReport = res.stdout, string(b), r
					if r.Duplicates < int64(n/20) || len(b) == 0 {
						t.Fatalf("only %d duplicates found among ~%d planted copies", r.Duplicates, n/10)
					}
					continue
				}
				if res.stdout != first || string(b) != firstClusters {
					t.Errorf("run %d (-j %s): output or clusters differ from -j 1", run, j)
				}
				if r.DocsOut != firstReport.DocsOut || r.Duplicates != firstReport.Duplicates || r.Clusters != firstReport.Clusters || r.BytesOut != firstReport.BytesOut {
					t.Errorf("run %d (-j %s): report %+v differs from %+v", run, j, r, firstReport)
				}
			}
		})
	}
}

// TestNoFetchNoOpenNoExec runs clean under strace on inputs that point
// everywhere (URLs, file: links, a base, a refresh, stylesheets, scripts,
// an XML entity) and checks that it opens no socket, starts no program and
// opens no file but its inputs, its outputs, its own temporary files and
// what the Go runtime and the dynamic loader read at start-up.
func TestNoFetchNoOpenNoExec(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("no strace")
	}
	dir := t.TempDir()
	lure := `<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><head><base href="http://127.0.0.1:9/">` +
		`<link rel=stylesheet href="/etc/hostname"><meta http-equiv=refresh content="0;url=http://127.0.0.1:9/">` +
		`<script src="file:///etc/passwd"></script></head><body>&x;<iframe src="file:///etc/passwd"></iframe>` +
		`<img src="http://127.0.0.1:9/x.png"><object data="/etc/shadow"></object>` +
		`<p>A paragraph of the article text that is long enough to be kept by the extractor, with words.</p></body></html>`
	os.WriteFile(filepath.Join(dir, "page.html"), []byte(lure), 0o644)
	rec, _ := json.Marshal(map[string]string{"id": "r", "url": "http://127.0.0.1:9/story", "html": lure})
	os.WriteFile(filepath.Join(dir, "recs.jsonl"), append(rec, '\n'), 0o644)
	os.WriteFile(filepath.Join(dir, "links.txt"), []byte("See file:///etc/passwd and http://127.0.0.1:9/ and /etc/hostname for more.\n"), 0o644)
	pq, err := os.ReadFile(filepath.Join("..", "..", pqPath("v1_zstd"))) // the Parquet reader and its zstd decoder run too
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "rows.parquet"), pq, 0o644)
	trace := filepath.Join(t.TempDir(), "strace.log")
	cmd := exec.Command(strace, "-f", "-qq", "-e", "trace=socket,connect,execve,execveat,open,openat,openat2", "-o", trace,
		binary, "-q", "-o", filepath.Join(dir, "out.jsonl"), "--report", filepath.Join(dir, "report.json"), dir, "-")
	cmd.Stdin = strings.NewReader(string(rec) + "\n")
	cmd.Env = append(os.Environ(), "TMPDIR="+dir) // the spool of standard input goes here
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("strace cannot run here: %v: %s", err, out)
	}
	log, _ := os.ReadFile(trace)
	execs := 0
	for _, line := range strings.Split(string(log), "\n") {
		call, _, _ := strings.Cut(strings.TrimLeft(line, "0123456789 "), "(")
		switch call {
		case "socket", "connect":
			t.Errorf("network: %s", line)
		case "execve", "execveat":
			if execs++; execs > 1 {
				t.Errorf("started a program: %s", line)
			}
		case "open", "openat", "openat2":
			_, path, _ := strings.Cut(line, `"`)
			path, _, _ = strings.Cut(path, `"`)
			allowed := strings.HasPrefix(path, dir+"/") || path == dir
			for _, p := range []string{"/proc/self/", "/sys/", "/etc/ld.so.", "/lib", "/usr/lib"} {
				allowed = allowed || strings.HasPrefix(path, p)
			}
			if !allowed {
				t.Errorf("opened a file it was not given: %s", line)
			}
		}
	}
	if execs != 1 {
		t.Errorf("strace saw %d execs, want clean's own", execs)
	}
	readReport(t, filepath.Join(dir, "report.json"))
}
