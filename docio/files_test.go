package docio

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFormatOf(t *testing.T) {
	tests := []struct {
		path string
		f    Format
		ok   bool
	}{
		{"a.jsonl", FormatJSONL, true},
		{"dir.txt/a.NDJSON", FormatJSONL, true},
		{"a.json.gz", FormatJSONL, true},
		{"a.txt", FormatText, true},
		{"a.text.zst", FormatText, true},
		{"a.md.zstd", FormatText, true},
		{"a.HTM", FormatHTML, true},
		{"a.html.gz", FormatHTML, true},
		{"a.gz", FormatAuto, false},
		{"a.csv", FormatAuto, false},
		{"README", FormatAuto, false},
		{"a.gz.jsonl", FormatJSONL, true},
	}
	for _, tt := range tests {
		if f, ok := FormatOf(tt.path); f != tt.f || ok != tt.ok {
			t.Errorf("FormatOf(%q) = %v, %v; want %v, %v", tt.path, f, ok, tt.f, tt.ok)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range []Format{FormatAuto, FormatJSONL, FormatText, FormatHTML} {
		if got, err := ParseFormat(f.String()); got != f || err != nil {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("ParseFormat(xml) error %v", err)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b/2.txt", "b/1.jsonl.gz", "a.html", "c/d/e.md", "notes.csv", "b/README", "z.ndjson"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(name string) string { return filepath.Join(dir, name) }
	list := func(inputs []Input) string {
		var s []string
		for _, in := range inputs {
			name := strings.TrimPrefix(in.Path, dir+"/")
			if in.Err != nil {
				name += ":error"
			} else {
				name += ":" + in.Format.String()
			}
			s = append(s, name)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name    string
		paths   []string
		format  Format
		want    string
		skipped string
		err     string
	}{
		{"walk", []string{dir}, FormatAuto,
			"a.html:html b/1.jsonl.gz:jsonl b/2.txt:text c/d/e.md:text z.ndjson:jsonl", "b/README notes.csv", ""},
		{"files and stdin in given order", []string{j("z.ndjson"), "-", j("a.html")}, FormatAuto,
			"z.ndjson:jsonl -:jsonl a.html:html", "", ""},
		{"no paths is stdin", nil, FormatAuto, "-:jsonl", "", ""},
		{"forced format", []string{j("b"), "-"}, FormatText,
			"b/1.jsonl.gz:text b/2.txt:text b/README:text -:text", "", ""},
		{"named unknown format", []string{j("notes.csv")}, FormatAuto, "", "", "cannot tell the format of " + j("notes.csv")},
		{"forced named unknown", []string{j("notes.csv")}, FormatHTML, "notes.csv:html", "", ""},
		{"missing", []string{j("a.html"), j("nope"), j("z.ndjson")}, FormatAuto, "a.html:html nope:error z.ndjson:jsonl", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs, skipped, err := Files(tt.paths, Options{Format: tt.format})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var sk []string
			for _, s := range skipped {
				sk = append(sk, strings.TrimPrefix(s, dir+"/"))
			}
			if got := list(inputs); got != tt.want || strings.Join(sk, " ") != tt.skipped {
				t.Errorf("got %s, skipped %q\nwant %s, skipped %q", got, sk, tt.want, tt.skipped)
			}
		})
	}
}

func TestFilesUnreadable(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads everything")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked.jsonl")
	if err := os.WriteFile(locked, nil, 0o000); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o000); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(sub, 0o755)
	for _, p := range []string{locked, dir} {
		inputs, _, err := Files([]string{p}, Options{})
		if err != nil || !slices.ContainsFunc(inputs, func(in Input) bool {
			return in.Err != nil && strings.Contains(in.Err.Error(), "permission denied")
		}) {
			t.Errorf("Files(%s): %v, error %v: want an input failing with permission denied", p, inputs, err)
		}
	}
}
