// Command genwarc writes a WARC or WET file, one gzip member per record,
// from the pages of the article-extraction benchmark repeated under
// different URLs (each repetition on its own host, r<N>.<host>), to
// measure reading WARC input at scale:
//
//	go run ./cmd/genwarc -data /work/shared/bench/extract -bytes 200MB -o /tmp/bench.warc.gz
//	go run ./cmd/genwarc -data /work/shared/bench/extract -bytes 200MB -wet -o /tmp/bench.warc.wet.gz
//
// WARC: per page a request, a response and a metadata record, as Common
// Crawl writes them. WET: per page a conversion record holding the page's
// whole visible text (the benchmark's baseline/html-text.json).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/newsclean/clean/internal/warcgen"
)

func main() {
	data := flag.String("data", "", "the extraction benchmark's directory (html/, ground-truth.json, baseline/html-text.json)")
	size := flag.String("bytes", "200MB", "stop once the compressed output reaches this size (KB, MB, GB)")
	wet := flag.Bool("wet", false, "write WET conversion records of the pages' text instead of WARC responses")
	out := flag.String("o", "", "output `FILE`")
	flag.Parse()
	if err := run(*data, *size, *wet, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genwarc:", err)
		os.Exit(2)
	}
}

type page struct {
	name, url, text string
	html            []byte
}

func run(data, size string, wet bool, out string) error {
	limit, err := parseSize(size)
	if err != nil {
		return err
	}
	if data == "" || out == "" {
		return fmt.Errorf("-data and -o are required")
	}
	pages, err := load(data)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	cw := &counter{w: bw}
	w := warcgen.NewWriter(cw, true)
	if err := w.Write(warcgen.Info()); err != nil {
		return err
	}
	docs := 0
	for rep := 0; cw.n < limit; rep++ {
		for _, p := range pages {
			url := strings.Replace(p.url, "://", fmt.Sprintf("://r%d.", rep), 1)
			if wet {
				err = w.Write(warcgen.Conversion(url, p.text))
			} else {
				err = w.Write(warcgen.Crawl(url, "text/html", p.html)...)
			}
			if err != nil {
				return err
			}
			docs++
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d documents, %d bytes\n", out, docs, cw.n)
	return nil
}

func load(dir string) ([]page, error) {
	var truth, text map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	for _, f := range []struct {
		path string
		into any
	}{{"ground-truth.json", &truth}, {"baseline/html-text.json", &text}} {
		b, err := os.ReadFile(filepath.Join(dir, f.path))
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, f.into); err != nil {
			return nil, fmt.Errorf("%s: %w", f.path, err)
		}
	}
	var pages []page
	for name, t := range truth {
		html, err := os.ReadFile(filepath.Join(dir, "html", name+".html"))
		if err != nil {
			return nil, err
		}
		url := t.URL
		if !strings.Contains(url, "://") {
			url = "https://" + name[:8] + ".example/"
		}
		pages = append(pages, page{name: name, url: url, text: text[name].ArticleBody, html: html})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].name < pages[j].name })
	return pages, nil
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("-bytes %q: %w", s, err)
	}
	return int64(n * float64(mult)), nil
}

type counter struct {
	w interface{ Write([]byte) (int, error) }
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
