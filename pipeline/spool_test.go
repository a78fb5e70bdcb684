package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestDecompressedSpool: the clean pass of a compressed input reads the
// records the learn pass decompressed, or, when the spool could not be
// made or was given up for lack of space, decompresses the input again;
// the output is the same either way, also for a file compressed twice
// (whose spool must not be decompressed once more), and no temporary file
// is left behind.
func TestDecompressedSpool(t *testing.T) {
	path, _ := newsCorpus(t, t.TempDir(), 300)
	plain, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	once, twice := filepath.Join(dir, "once.jsonl.gz"), filepath.Join(dir, "twice.jsonl.gz")
	os.WriteFile(once, gzipped(plain), 0o644)
	os.WriteFile(twice, gzipped(gzipped(plain)), 0o644)

	defer func(f func(string) (int64, int64, bool), n int64) { diskSpace, spaceCheckBytes = f, n }(diskSpace, spaceCheckBytes)
	spaceCheckBytes = 4096
	var checks int
	spaces := []struct {
		name  string
		space func(string) (int64, int64, bool)
		spool bool // the clean pass reads a spool
	}{
		{"room", func(string) (int64, int64, bool) { return 1 << 50, 1 << 50, true }, true},
		{"unknown", func(string) (int64, int64, bool) { return 0, 0, false }, false},
		{"full from the start", func(string) (int64, int64, bool) { return 1 << 30, 1 << 40, true }, false},
		{"filling up", func(string) (int64, int64, bool) {
			checks++
			return 1 << 50 >> min(checks, 40), 1 << 50, true
		}, false},
	}
	for _, in := range []string{path, once, twice} {
		var want string
		for _, sp := range spaces {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			diskSpace, checks = sp.space, 0
			var out bytes.Buffer
			cfg := defaultConfig(in)
			cfg.Output, cfg.Warn = &out, io.Discard
			var r *runner
			if _, err := execute(cfg, Shard{}, func(run *runner) error { r = run; return r.run(context.Background()) }); err != nil {
				t.Fatal(err)
			}
			spooled := false
			for _, s := range r.inputs {
				spooled = spooled || s.plainSpool
			}
			if compressed := in != path; spooled != (sp.spool && compressed) {
				t.Errorf("%s, %s: read from a spool %v, want %v", filepath.Base(in), sp.name, spooled, sp.spool && compressed)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("%s, %s: %d files left in TMPDIR", filepath.Base(in), sp.name, len(left))
			}
			if want == "" {
				want = out.String()
			} else if out.String() != want {
				t.Errorf("%s, %s: output differs from the run with room", filepath.Base(in), sp.name)
			}
		}
		if in == once && want != mustRun(t, path) {
			t.Errorf("the gzip file's output differs from the plain file's")
		}
	}
}

func mustRun(t *testing.T, path string) string {
	t.Helper()
	var out bytes.Buffer
	cfg := defaultConfig(path)
	cfg.Output = &out
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// gzipped returns b gzip-compressed.
func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
