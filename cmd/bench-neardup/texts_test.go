package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadGroundTruths: articles come from every ground-truth.json under
// the directory, headed by their page's title (or their first line when
// the page has none); one too short to copy and one holding half of an
// earlier one are left out.
func TestReadGroundTruths(t *testing.T) {
	dir := t.TempDir()
	words := func(prefix string, n int) string {
		var w []string
		for i := range n {
			w = append(w, prefix+strings.Repeat("x", i%7)+string(rune('a'+i%26)))
		}
		return strings.Join(w, " ")
	}
	story := words("alpha", 40) + "\n" + words("beta", 40)
	truths := map[string]map[string]string{
		"one": {"a": story, "short": "A gallery.\nTen photos."},
		"two": {"b": words("gamma", 30) + "\n" + words("delta", 30), "c": story + "\n" + words("omega", 45)},
	}
	for set, arts := range truths {
		body := map[string]map[string]string{}
		for k, text := range arts {
			body[k] = map[string]string{"articleBody": text, "url": "http://example.com/" + k}
		}
		b, _ := json.Marshal(body)
		if err := os.MkdirAll(filepath.Join(dir, set, "html"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, set, "ground-truth.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := "<html><head><title>Alpha &amp; beta\n - Example News</title></head><body></body></html>"
	if err := os.WriteFile(filepath.Join(dir, "one", "html", "a.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	arts, err := readArticles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.id+": "+a.headline+" / "+a.paras[0][:10])
	}
	want := []string{
		"one/a: Alpha & beta - Example News / alphaa alp",
		"two/b: " + words("gamma", 30) + " / deltaa del",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("articles:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := readArticles(t.TempDir()); err == nil {
		t.Error("an empty directory gave no error")
	}
}
