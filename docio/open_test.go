package docio

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

func gzipBytes(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zstdBytes(t testing.TB, data []byte) []byte {
	w, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	return w.EncodeAll(data, nil)
}

var compressors = []struct {
	name     string
	compress func(testing.TB, []byte) []byte
}{
	{"plain", func(_ testing.TB, b []byte) []byte { return b }},
	{"gzip", gzipBytes},
	{"zstd", zstdBytes},
}

// readFile opens path with Open and reads its documents as JSON Lines.
func readFile(t testing.TB, path string) ([]*Doc, error) {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readDocs(t, f, Input{Path: path, Format: FormatJSONL}, Options{})
}

func TestOpenDetectsCompression(t *testing.T) {
	data, _ := awkwardLines(t)
	dir := t.TempDir()
	want, err := readDocs(t, bytes.NewReader(data), Input{Path: "x", Format: FormatJSONL}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range compressors {
		// Names that lie about the compression must not matter.
		for _, name := range []string{"a.jsonl", "a.jsonl.gz", "a.jsonl.zst", "noext"} {
			path := filepath.Join(dir, c.name+"-"+name)
			if err := os.WriteFile(path, c.compress(t, data), 0o644); err != nil {
				t.Fatal(err)
			}
			docs, err := readFile(t, path)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if len(docs) != len(want) {
				t.Fatalf("%s: %d docs, want %d", path, len(docs), len(want))
			}
			for i := range docs {
				if docs[i].ID != strings.Replace(want[i].ID, "x:", path+":", 1) || docs[i].Text != want[i].Text {
					t.Errorf("%s: doc %d = %q %q, want %q %q", path, i, docs[i].ID, docs[i].Text, want[i].ID, want[i].Text)
				}
			}
		}
	}
	if _, err := Open(filepath.Join(dir, "missing.jsonl")); err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("Open of a missing file: %v", err)
	}
	// A tiny file (shorter than any magic number) is plain text.
	tiny := filepath.Join(dir, "tiny")
	os.WriteFile(tiny, []byte("{}"), 0o644)
	if docs, err := readFile(t, tiny); err != nil || len(docs) != 1 {
		t.Errorf("tiny file: %d docs, error %v", len(docs), err)
	}
}

// numberedRecords returns n JSON Lines records with ids 0..n-1 and text
// that compresses poorly, so damage lands mid-stream.
func numberedRecords(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	text := make([]byte, 300)
	for i := range n {
		for j := range text {
			text[j] = 'a' + byte(rng.IntN(26))
		}
		fmt.Fprintf(&b, `{"id":"%d","text":"%s"}`+"\n", i, text)
	}
	return b.Bytes()
}

func TestDamagedCompressedInput(t *testing.T) {
	const n = 3000
	data := numberedRecords(n)
	dir := t.TempDir()
	for _, c := range compressors[1:] {
		packed := c.compress(t, data)
		damages := []struct {
			name string
			data []byte
		}{
			{"truncated", packed[:len(packed)/2]},
			{"corrupt", corrupt(packed)},
		}
		for _, dmg := range damages {
			path := filepath.Join(dir, dmg.name+"."+c.name)
			if err := os.WriteFile(path, dmg.data, 0o644); err != nil {
				t.Fatal(err)
			}
			docs, err := readFile(t, path)
			if err == nil || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("%s: error %v, want one naming the file", path, err)
			}
			// Deflate has no block checksums: corrupt gzip data can decode to
			// garbage until the final CRC fails. What precedes the damage
			// must be intact either way.
			intact := len(docs)
			if dmg.name == "corrupt" {
				intact = min(intact, n/3)
			}
			for i, d := range docs[:intact] {
				if d.Err != nil || d.ID != fmt.Sprint(i) {
					t.Fatalf("%s: doc %d is %q (%v): documents before the damage must be intact", path, i, d.ID, d.Err)
				}
			}
			if dmg.name == "truncated" && (len(docs) == 0 || len(docs) >= n) {
				t.Errorf("%s: %d documents before the damage, want some but not all %d", path, len(docs), n)
			}
			t.Logf("%s: %d docs, then %v", path, len(docs), err)
		}
	}
}

// corrupt flips bytes in the middle of a compressed stream.
func corrupt(packed []byte) []byte {
	out := bytes.Clone(packed)
	for i := len(out) / 2; i < len(out)/2+64; i++ {
		out[i] ^= 0x5a
	}
	return out
}
