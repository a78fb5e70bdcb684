// Command bench-throughput times the clean binary end to end on a
// generated corpus and sets its speed against a bare kernel measured in
// the same run:
//
//	go run ./cmd/bench-throughput -bytes 1GB -j 2
//	go run ./cmd/bench-throughput -bytes 1GB -keep-corpus /tmp/corpora -runs 5
//	go run ./cmd/bench-throughput -scale 100MB,1GB -keep-corpus /tmp/corpora
//	go run ./cmd/bench-throughput -bytes 200MB --cpuprofile cpu.prof --memprofile mem.prof
//	go run ./cmd/bench-throughput -bytes 1GB -shards 4 -keep-corpus /tmp/corpora
//
// It builds cmd/gencorpus and cmd/clean from the module it is run in,
// writes a corpus of the requested size (gencorpus counts text bytes; the
// file is a few percent larger) to a temporary directory, or reuses one
// kept in -keep-corpus, and then alternates, -runs times:
//
//   - clean in its default mode (strip with site-repeat learning,
//     near-duplicate clustering, JSON Lines out to /dev/null) as a child
//     process: wall time, CPU time (user+sys from wait4), peak RSS
//     (ru_maxrss) and the share of each stage from --report's
//     stage_seconds;
//   - the kernel, in this process: read, JSON decode, tokenise and
//     fingerprint (docio and simhash directly, one reader goroutine and -j
//     fingerprinting goroutines), nothing else.
//
// The machine these figures come from is shared, so wall times swing with
// other people's load; CPU time and the ratio of clean to the kernel timed
// next to it are the steadier figures. Medians over the runs are printed,
// and per-run figures with -v.
//
// With -zst (the default) the corpus (with -scale, the larger one) is also
// compressed once with zstd and clean is timed on the .zst file, against
// the decompressor alone (docio.Open copied to io.Discard) and against the
// plain file. With -scale A,B the default mode is timed on both sizes and
// the time ratio printed next to the size ratio. With -shards N it times
// the shard verbs' sequence instead (shards.go).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newsclean/clean/docio"
	"github.com/newsclean/clean/simhash"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench-throughput:", err)
		os.Exit(1)
	}
}

type config struct {
	j       int
	runs    int
	seed    int
	keep    string
	cpuProf string
	memProf string
	verbose bool
	tmp     string // the built clean and gencorpus, reports, corpora not kept
}

func run() error {
	var c config
	size := flag.String("bytes", "", "corpus size, e.g. 1GB or 200MB (decimal units; text bytes as gencorpus counts them)")
	docs := flag.Int("docs", 0, "corpus size in documents (instead of -bytes)")
	scale := flag.String("scale", "", "time two sizes, e.g. 100MB,1GB or 100000,1000000 (documents), and print the time ratio")
	zst := flag.Bool("zst", true, "also time .zst input against the decompressor alone")
	shards := flag.Int("shards", 0, "instead, time the shard verbs' sequence in `N` shards against the single run (CPU time, -j 1 each) and check their output is the same")
	flag.IntVar(&c.j, "j", 2, "workers for clean (-j) and for the kernel")
	flag.IntVar(&c.runs, "runs", 3, "alternating runs of clean and the kernel")
	flag.IntVar(&c.seed, "seed", 1, "gencorpus seed")
	flag.StringVar(&c.keep, "keep-corpus", "", "keep generated corpora in `DIR` and reuse them")
	flag.StringVar(&c.cpuProf, "cpuprofile", "", "CPU profile of clean's first run to `FILE`")
	flag.StringVar(&c.memProf, "memprofile", "", "heap profile at the end of clean's first run to `FILE`")
	flag.BoolVar(&c.verbose, "v", false, "print every run")
	flag.Parse()
	if c.j < 1 || c.runs < 1 {
		return errors.New("-j and -runs must be at least 1")
	}

	tmp, err := os.MkdirTemp("", "bench-throughput-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	c.tmp = tmp
	if c.keep == "" {
		c.keep = tmp
	} else if err := os.MkdirAll(c.keep, 0o777); err != nil {
		return err
	}
	if err := build(tmp); err != nil {
		return err
	}
	fmt.Printf("machine: %d cores (%s), GOMAXPROCS %d, %s\n", runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), runtime.Version())

	var path string
	if *scale != "" {
		if path, err = c.scaleRuns(*scale); err != nil {
			return err
		}
	} else {
		sz := corpusSize{docs: *docs}
		if *size != "" {
			if sz.bytes, err = parseBytes(*size); err != nil {
				return err
			}
		}
		if (sz.bytes > 0) == (sz.docs > 0) {
			return errors.New("give exactly one of -bytes, -docs or -scale")
		}
		if path, err = c.corpus(sz); err != nil {
			return err
		}
		if *shards > 0 {
			return c.shardRuns(path, *shards)
		}
		if _, err := c.compare(path); err != nil {
			return err
		}
	}
	if *zst {
		return c.zstRuns(path)
	}
	return nil
}

// build compiles clean and gencorpus into dir.
func build(dir string) error {
	for _, pkg := range []string{"clean", "gencorpus"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, pkg), "github.com/newsclean/clean/cmd/"+pkg)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %w", pkg, err)
		}
	}
	return nil
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for line := range strings.Lines(string(b)) {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

type corpusSize struct {
	bytes int64 // text bytes, as gencorpus -bytes counts them
	docs  int
}

func (s corpusSize) String() string {
	if s.docs > 0 {
		return fmt.Sprintf("%ddocs", s.docs)
	}
	return fmt.Sprintf("%dB", s.bytes)
}

// parseBytes reads 1GB, 200MB, 64kB, 1.5e9 or a plain number of bytes.
func parseBytes(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   float64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1e9}, {"M", 1e6}, {"K", 1e3}, {"B", 1}}
	num, mult := strings.TrimSpace(s), 1.0
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(num), u.suffix) {
			num, mult = num[:len(num)-len(u.suffix)], u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("bad size %q (want e.g. 1GB, 200MB, 1e9)", s)
	}
	return int64(f * mult), nil
}

// corpus returns the path of a generated corpus of size sz, writing it
// unless the keep directory already holds it.
func (c *config) corpus(sz corpusSize) (string, error) {
	path := filepath.Join(c.keep, fmt.Sprintf("corpus-%s-seed%d.jsonl", sz, c.seed))
	if _, err := os.Stat(path); err == nil {
		fmt.Printf("corpus: reusing %s\n", path)
		return path, nil
	}
	args := []string{"-seed", strconv.Itoa(c.seed)}
	if sz.docs > 0 {
		args = append(args, "-docs", strconv.Itoa(sz.docs))
	} else {
		args = append(args, "-bytes", strconv.FormatInt(sz.bytes, 10))
	}
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	cmd := exec.Command(filepath.Join(c.tmp, "gencorpus"), args...)
	cmd.Stdout, cmd.Stderr = f, os.Stderr
	start := time.Now()
	err = cmd.Run()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("gencorpus %v: %w", args, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", err
	}
	fmt.Printf("corpus: wrote %s in %.1fs\n", path, time.Since(start).Seconds())
	return path, nil
}

// timing is one measured run.
type timing struct {
	wall, cpu time.Duration
	maxRSS    int64 // bytes; 0 for in-process runs
	docs      int64
	bytes     int64
	stages    map[string]float64
}

func (t timing) mbps() float64    { return float64(t.bytes) / 1e6 / t.wall.Seconds() }
func (t timing) cpuMBps() float64 { return float64(t.bytes) / 1e6 / t.cpu.Seconds() }

// report is the part of clean's --report the benchmark reads.
type report struct {
	DocsIn       int64              `json:"docs_in"`
	DocsOut      int64              `json:"docs_out"`
	Duplicates   int64              `json:"duplicates"`
	BytesIn      int64              `json:"bytes_in"`
	StageSeconds map[string]float64 `json:"stage_seconds"`
}

// runClean runs the clean binary on path in its default mode.
func (c *config) runClean(path string, profile bool) (timing, error) {
	rep := filepath.Join(c.tmp, "report.json")
	args := []string{"-q", "-progress", "never", "-j", strconv.Itoa(c.j), "--report", rep, "-o", os.DevNull}
	if profile && c.cpuProf != "" {
		args = append(args, "--cpuprofile", c.cpuProf)
	}
	if profile && c.memProf != "" {
		args = append(args, "--memprofile", c.memProf)
	}
	args = append(args, path)
	cmd := exec.Command(filepath.Join(c.tmp, "clean"), args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return timing{}, fmt.Errorf("clean %s: %w", strings.Join(args, " "), err)
	}
	t := timing{wall: time.Since(start)}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	t.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	t.maxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	b, err := os.ReadFile(rep)
	if err != nil {
		return t, err
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return t, fmt.Errorf("%s: %w", rep, err)
	}
	t.docs, t.bytes, t.stages = r.DocsIn, r.BytesIn, r.StageSeconds
	return t, nil
}

// kernel reads, decodes and fingerprints path with one reader goroutine
// and c.j fingerprinting goroutines, the least any cleaning run must do.
func (c *config) kernel(path string) (timing, error) {
	runtime.GC()
	cpu0 := cpuTime()
	start := time.Now()
	rc, err := docio.Open(path)
	if err != nil {
		return timing{}, err
	}
	defer rc.Close()
	rd := docio.NewReader(rc, docio.Input{Path: path, Format: docio.FormatJSONL}, docio.Options{})
	fp := simhash.NewFingerprinter(simhash.DefaultOptions())
	const batchDocs = 64
	todo := make(chan []*docio.Doc, 4*c.j)
	var wg sync.WaitGroup
	chunks := make([]int64, c.j) // kept so the work is not optimised away
	for w := range c.j {
		wg.Go(func() {
			for b := range todo {
				for _, d := range b {
					if d.Err == nil {
						chunks[w] += int64(len(fp.Sketch(d.Text).Chunks))
					}
				}
			}
		})
	}
	var t timing
	batch := make([]*docio.Doc, 0, batchDocs)
	for {
		d, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			close(todo)
			return t, err
		}
		t.docs++
		t.bytes += int64(d.Bytes)
		if batch = append(batch, d); len(batch) == batchDocs {
			todo <- batch
			batch = make([]*docio.Doc, 0, batchDocs)
		}
	}
	todo <- batch
	close(todo)
	wg.Wait()
	t.wall = time.Since(start)
	t.cpu = cpuTime() - cpu0
	return t, nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// summary is the median of each figure over runs.
type summary struct {
	wall, cpu time.Duration
	mbps, cpu1MBps,
	docsPerSec float64
	maxRSS int64
	docs   int64
	bytes  int64
}

func summarise(ts []timing) summary {
	med := func(f func(timing) float64) float64 {
		v := make([]float64, len(ts))
		for i, t := range ts {
			v[i] = f(t)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return summary{
		wall:       time.Duration(med(func(t timing) float64 { return float64(t.wall) })),
		cpu:        time.Duration(med(func(t timing) float64 { return float64(t.cpu) })),
		mbps:       med(timing.mbps),
		cpu1MBps:   med(timing.cpuMBps),
		docsPerSec: med(func(t timing) float64 { return float64(t.docs) / t.wall.Seconds() }),
		maxRSS:     int64(med(func(t timing) float64 { return float64(t.maxRSS) })),
		docs:       ts[0].docs,
		bytes:      ts[0].bytes,
	}
}

// compare alternates clean and kernel runs on path and prints both.
func (c *config) compare(path string) (summary, error) {
	var cl, kn []timing
	var wallRatio, cpuRatio []float64
	for i := range c.runs {
		k, err := c.kernel(path)
		if err != nil {
			return summary{}, fmt.Errorf("kernel: %w", err)
		}
		t, err := c.runClean(path, i == 0)
		if err != nil {
			return summary{}, err
		}
		if t.docs != k.docs {
			return summary{}, fmt.Errorf("clean read %d documents, the kernel %d", t.docs, k.docs)
		}
		cl, kn = append(cl, t), append(kn, k)
		wallRatio = append(wallRatio, t.mbps()/k.mbps())
		cpuRatio = append(cpuRatio, t.cpuMBps()/k.cpuMBps())
		if c.verbose {
			fmt.Printf("run %d: clean %.1f MB/s (cpu %.1fs), kernel %.1f MB/s (cpu %.1fs)\n",
				i+1, t.mbps(), t.cpu.Seconds(), k.mbps(), k.cpu.Seconds())
		}
	}
	s, k := summarise(cl), summarise(kn)
	slices.Sort(wallRatio)
	slices.Sort(cpuRatio)
	fmt.Printf("\ncorpus %s: %d documents, %.1f MB, -j %d, median of %d runs\n", path, s.docs, float64(s.bytes)/1e6, c.j, c.runs)
	fmt.Printf("  %-8s %8s %9s %8s %11s %10s %9s\n", "", "wall s", "MB/s", "CPU s", "MB/CPU-s", "docs/s", "peak RSS")
	fmt.Printf("  %-8s %8.2f %9.1f %8.2f %11.1f %10.0f %8.0fM\n", "clean", s.wall.Seconds(), s.mbps, s.cpu.Seconds(), s.cpu1MBps, s.docsPerSec, float64(s.maxRSS)/1e6)
	fmt.Printf("  %-8s %8.2f %9.1f %8.2f %11.1f %10.0f\n", "kernel", k.wall.Seconds(), k.mbps, k.cpu.Seconds(), k.cpu1MBps, k.docsPerSec)
	fmt.Printf("  clean/kernel: %.0f%% by wall time, %.0f%% by CPU time (median of per-run ratios; target >= 50%%)\n",
		100*wallRatio[len(wallRatio)/2], 100*cpuRatio[len(cpuRatio)/2])
	fmt.Printf("  target 200 MB/s on %d cores: %s\n", c.j, verdict(s.mbps >= 200))
	limit := 200e6 + 64*float64(s.docs)
	fmt.Printf("  peak RSS %.0f MB, limit 200 MB + 64 B/doc = %.0f MB: %s\n", float64(s.maxRSS)/1e6, limit/1e6, verdict(float64(s.maxRSS) <= limit))
	printStages(cl)
	return s, nil
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// printStages prints each stage's share of the summed stage time, from
// the median run's report.
func printStages(ts []timing) {
	mid := slices.Clone(ts)
	slices.SortFunc(mid, func(a, b timing) int { return int(a.wall - b.wall) })
	st := mid[len(mid)/2].stages
	var total float64
	names := make([]string, 0, len(st))
	for name, s := range st {
		total += s
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int { return int(1e6 * (st[b] - st[a])) })
	fmt.Printf("  stages (share of %.1f goroutine-seconds):", total)
	for _, name := range names {
		label := name
		if name == "read" {
			label = "read+decode" // docio.Reader.Next does both
		}
		fmt.Printf(" %s %.0f%%", label, 100*st[name]/total)
	}
	fmt.Println()
}

// zstRuns compresses path once and times clean on the .zst file against
// the decompressor alone.
func (c *config) zstRuns(path string) error {
	zpath := filepath.Join(c.keep, filepath.Base(path)+".zst")
	if _, err := os.Stat(zpath); err != nil {
		start := time.Now()
		if err := compress(path, zpath); err != nil {
			return err
		}
		fmt.Printf("\nzstd: wrote %s in %.1fs\n", zpath, time.Since(start).Seconds())
	}
	var dec, cl, plain []timing
	for i := range c.runs {
		d, err := decompressOnly(zpath)
		if err != nil {
			return err
		}
		t, err := c.runClean(zpath, false)
		if err != nil {
			return err
		}
		p, err := c.runClean(path, false)
		if err != nil {
			return err
		}
		d.bytes = t.bytes // records, as clean counts them
		dec, cl, plain = append(dec, d), append(cl, t), append(plain, p)
		if c.verbose {
			fmt.Printf("zst run %d: clean %.1f MB/s on .zst, %.1f MB/s on the plain file; decompressor %.1f MB/s\n", i+1, t.mbps(), p.mbps(), d.mbps())
		}
	}
	s, p, d := summarise(cl), summarise(plain), summarise(dec)
	fmt.Printf("\n.zst input (%s), median of %d runs, MB/s of decompressed records:\n", zpath, c.runs)
	fmt.Printf("  clean on .zst   %7.1f MB/s, CPU %.2fs, peak RSS %.0f MB\n", s.mbps, s.cpu.Seconds(), float64(s.maxRSS)/1e6)
	fmt.Printf("  clean on plain  %7.1f MB/s, CPU %.2fs\n", p.mbps, p.cpu.Seconds())
	fmt.Printf("  decompressor    %7.1f MB/s, CPU %.2fs\n", d.mbps, d.cpu.Seconds())
	fmt.Printf("  clean on .zst / decompressor alone: %.0f%% (target >= 80%%: %s)\n", 100*s.mbps/d.mbps, verdict(s.mbps >= 0.8*d.mbps))
	fmt.Printf("  clean on .zst / clean on plain: %.0f%% by wall time, %.0f%% by CPU time\n", 100*s.mbps/p.mbps, 100*p.cpu.Seconds()/s.cpu.Seconds())
	return nil
}

// compress writes src zstd-compressed to dst, which ends in .zst:
// docio.Create compresses by that suffix and renames into place on Commit.
func compress(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := docio.Create(dst)
	if err != nil {
		return err
	}
	defer out.Abort()
	if _, err := io.Copy(out, in); err != nil {
		return fmt.Errorf("compressing %s: %w", src, err)
	}
	return out.Commit()
}

// decompressOnly times docio.Open's decompression of path to io.Discard.
func decompressOnly(path string) (timing, error) {
	cpu0 := cpuTime()
	start := time.Now()
	rc, err := docio.Open(path)
	if err != nil {
		return timing{}, err
	}
	defer rc.Close()
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return timing{}, fmt.Errorf("decompressing %s: %w", path, err)
	}
	return timing{wall: time.Since(start), cpu: cpuTime() - cpu0}, nil
}

// scaleRuns times the default mode on two corpus sizes and returns the
// second corpus's path.
func (c *config) scaleRuns(spec string) (path string, err error) {
	parts := strings.Split(spec, ",")
	if len(parts) != 2 {
		return "", fmt.Errorf("-scale wants two sizes, e.g. 100MB,1GB; got %q", spec)
	}
	var sums [2]summary
	for i, p := range parts {
		var sz corpusSize
		if n, err := strconv.Atoi(p); err == nil {
			sz.docs = n
		} else if sz.bytes, err = parseBytes(p); err != nil {
			return "", err
		}
		if path, err = c.corpus(sz); err != nil {
			return "", err
		}
		if sums[i], err = c.compare(path); err != nil {
			return "", err
		}
	}
	a, b := sums[0], sums[1]
	docs := float64(b.docs) / float64(a.docs)
	wall := b.wall.Seconds() / a.wall.Seconds()
	cpu := b.cpu.Seconds() / a.cpu.Seconds()
	fmt.Printf("\nscale: %.2fx the documents took %.2fx the wall time and %.2fx the CPU time (target <= %.2fx): %s by CPU time\n",
		docs, wall, cpu, 1.1*docs, verdict(cpu <= 1.1*docs))
	return path, nil
}
