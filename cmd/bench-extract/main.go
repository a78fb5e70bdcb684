// Command bench-extract scores boilerplate stripping on sets of web pages
// with human-marked main text: the article-extraction-benchmark (181 pages)
// and any other set laid out the same way.
//
//	go run ./cmd/bench-extract -data /work/shared/bench/extract [-track text|html|both]
//	go run ./cmd/bench-extract -all /work/shared/bench
//
// A set is a directory holding ground-truth.json ({"<id>": {"articleBody",
// "url"}}) and html/<id>.html; -data takes one or more (comma-separated or
// repeated), -all every set below a root. The text track strips
// baseline/html-text.json (the pages' whole visible text, as a plain-text
// scraper hands it over; sets without it have no text track) with the
// default rules and a repetition table learned over those pages (site =
// host of the page's url). The html track runs normalize.ExtractHTML on
// html/<id>.html, then the same stripping. Each track prints precision,
// recall, F1 (the benchmark's metric, see metric.go), how many pages came
// out empty, and pages/s, timed on one goroutine over the extraction and
// stripping only; below it, the figures of other extractors that the set's
// README (or its parent's) reports, for comparison.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/newsclean/clean/normalize"
)

type page struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url,omitempty"`
}

// dirList is a flag taking directories, comma-separated or repeated.
type dirList []string

func (l *dirList) String() string { return strings.Join(*l, ",") }
func (l *dirList) Set(s string) error {
	for d := range strings.SplitSeq(s, ",") {
		if d != "" {
			*l = append(*l, d)
		}
	}
	return nil
}

func main() {
	var data dirList
	flag.Var(&data, "data", "benchmark set directories, comma-separated or repeated (each holds ground-truth.json and html/)")
	all := flag.String("all", "", "score every set (directory with ground-truth.json) below this root")
	track := flag.String("track", "both", "text, html or both")
	raw := flag.Bool("raw", false, "score the track's input without stripping (text track: the README's 0.665 reference)")
	rules := flag.String("rules", "", "extra rules file, as for clean --rules")
	out := flag.String("out", "", "write each track's predictions to FILE.<set>.<track>.json (benchmark format) for inspection")
	verbose := flag.Bool("v", false, "print per-page precision and recall")
	flag.Parse()
	if len(data) == 0 && *all == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: bench-extract {-data DIR[,DIR...] | -all ROOT} [-track text|html|both] [-raw] [-rules FILE] [-out PREFIX] [-v]")
		os.Exit(2)
	}
	if err := run(data, *all, *track, *rules, bench{raw: *raw, out: *out, verbose: *verbose}); err != nil {
		fmt.Fprintln(os.Stderr, "bench-extract:", err)
		os.Exit(1)
	}
}

func run(dirs []string, root, track, rulesFile string, proto bench) error {
	if track != "text" && track != "html" && track != "both" {
		return fmt.Errorf("unknown -track %q (want text, html or both)", track)
	}
	if root != "" {
		found, err := findSets(root)
		if err != nil {
			return err
		}
		dirs = append(dirs, found...)
	}
	proto.rules = normalize.DefaultRules()
	if rulesFile != "" {
		extra, err := normalize.LoadRules(rulesFile)
		if err != nil {
			return err
		}
		proto.rules = append(proto.rules, extra...)
	}
	for _, dir := range dirs {
		b := proto
		b.data = dir
		b.name = filepath.Base(filepath.Clean(dir))
		if err := b.run(track); err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
	}
	return nil
}

// findSets returns the directories below root that hold a ground truth.
func findSets(root string) ([]string, error) {
	var sets []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "html" {
			return filepath.SkipDir // thousands of pages, never a set
		}
		if !d.IsDir() && d.Name() == "ground-truth.json" {
			sets = append(sets, filepath.Dir(path))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find sets: %w", err)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("no ground-truth.json below %s", root)
	}
	return sets, nil
}

type bench struct {
	data, name   string
	raw, verbose bool
	out          string
	truth        map[string]page
	ids          []string
	rules        []normalize.Rule
}

func (b *bench) run(track string) error {
	if err := readJSON(filepath.Join(b.data, "ground-truth.json"), &b.truth); err != nil {
		return err
	}
	for id := range b.truth {
		b.ids = append(b.ids, id)
	}
	sort.Strings(b.ids)
	if track != "html" {
		var base map[string]page
		err := readJSON(filepath.Join(b.data, "baseline", "html-text.json"), &base)
		switch {
		case errors.Is(err, fs.ErrNotExist) && track == "both":
			// Only the html track for sets without a plain-text baseline.
		case err != nil:
			return err
		default:
			in := make([]string, len(b.ids))
			for i, id := range b.ids {
				in[i] = base[id].ArticleBody
			}
			if err := b.score("text", in, 0, 0); err != nil {
				return err
			}
		}
	}
	if track != "text" {
		in := make([]string, len(b.ids))
		var extract time.Duration
		var htmlBytes int
		for i, id := range b.ids {
			html, err := os.ReadFile(filepath.Join(b.data, "html", id+".html"))
			if err != nil {
				return err
			}
			htmlBytes += len(html)
			t0 := time.Now()
			text, err := normalize.ExtractHTML(html)
			extract += time.Since(t0)
			if err != nil {
				return fmt.Errorf("extract %s: %w", id, err)
			}
			in[i] = text
		}
		if err := b.score("html", in, extract, htmlBytes); err != nil {
			return err
		}
	}
	for _, p := range peers(b.data, b.name) {
		fmt.Printf("    %-40s P=%.3f R=%.3f F1=%.3f\n", p.name, p.P, p.R, p.F1)
	}
	return nil
}

// score strips each input (unless -raw), scores it against the truth and
// prints the track's line. spent is time already taken to produce the
// inputs (HTML extraction), added to the stripping time, and srcBytes the
// size of what they were produced from (0: the inputs themselves). The
// html track strips as the pipeline does extracted text: no body search.
func (b *bench) score(track string, in []string, spent time.Duration, srcBytes int) error {
	pred := in
	if !b.raw {
		counter := normalize.NewRepeatCounter()
		for i, id := range b.ids {
			counter.Observe(site(b.truth[id].URL), in[i])
		}
		s, err := normalize.NewStripper(b.rules, counter.Table())
		if err != nil {
			return fmt.Errorf("build stripper: %w", err)
		}
		pred = make([]string, len(in))
		t0 := time.Now()
		strip := s.Strip
		if track == "html" {
			strip = s.StripExtracted
		}
		for i, id := range b.ids {
			pred[i], _ = strip(in[i], site(b.truth[id].URL))
		}
		spent += time.Since(t0)
	}
	scores := make([]pageScore, len(b.ids))
	var bytes, empty int
	for i, id := range b.ids {
		scores[i] = scorePage(pred[i], b.truth[id].ArticleBody)
		bytes += len(in[i])
		if !scores[i].Predicted {
			empty++
		}
		if b.verbose {
			fmt.Printf("%s\t%s\t%s\tP=%.3f\tR=%.3f\t%s\n", b.name, track, id[:min(len(id), 12)], scores[i].precision(), scores[i].recall(), b.truth[id].URL)
		}
	}
	if srcBytes == 0 {
		srcBytes = bytes
	}
	sum := summarize(scores)
	rate := "n/a (-raw)"
	if !b.raw {
		secs := spent.Seconds()
		rate = fmt.Sprintf("%.0f pages/s (%.1f MB/s of input)", float64(len(in))/secs, float64(srcBytes)/1e6/secs)
	}
	fmt.Printf("%-14s %-4s P=%.3f R=%.3f F1=%.3f  %d pages, %d empty  %s\n", b.name, track, sum.P, sum.R, sum.F1, len(in), empty, rate)
	if b.out != "" {
		preds := make(map[string]page, len(b.ids))
		for i, id := range b.ids {
			preds[id] = page{ArticleBody: pred[i]}
		}
		buf, err := json.MarshalIndent(preds, "", "  ")
		if err != nil {
			return err
		}
		name := b.out + "." + b.name + "." + track + ".json"
		if err := os.WriteFile(name, buf, 0o644); err != nil {
			return fmt.Errorf("write predictions: %w", err)
		}
	}
	return nil
}

// site groups pages for the repetition table: the url's host, like the
// pipeline does for records with a url field.
func site(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Host
}

func readJSON(path string, v any) error {
	buf, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(buf, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
