// Command bench-pages compares the clean command over a directory of HTML
// pages with the extraction and stripping it is made of, run in process:
//
//	go run ./cmd/bench-pages -dir /work/shared/bench/extract/html [-runs 3]
//
// In process, one goroutine extracts each page (normalize.ExtractHTML)
// and strips the text (StripExtracted, with a repetition table learned
// from the texts beforehand, as bench-extract does); the files are read
// before timing. The command runs with default flags and -j 1 over the
// directory, writing to /dev/null: everything a user pays for, from
// process start to exit (reading, both passes, fingerprinting,
// clustering, writing). Both are timed in CPU seconds (user + system, so
// that garbage collection on another core counts for both) and in wall
// time; the runs alternate, and the best of each is kept. The ratio of
// the command's pages per CPU second to the in-process rate is what
// issue 12 asks to be at least 0.75.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/newsclean/clean/normalize"
)

func main() {
	dir := flag.String("dir", "", "directory of .html pages")
	bin := flag.String("bin", "", "clean binary to run (default: built from ./cmd/clean into a temporary directory)")
	runs := flag.Int("runs", 3, "runs of each, alternating; the best is kept")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: bench-pages -dir DIR [-bin CLEAN] [-runs N]")
		os.Exit(2)
	}
	if err := run(*dir, *bin, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench-pages:", err)
		os.Exit(1)
	}
}

// timing is a run's cost.
type timing struct{ cpu, wall time.Duration }

func (t timing) better(u timing) timing {
	return timing{min(t.cpu, u.cpu), min(t.wall, u.wall)}
}

func run(dir, bin string, runs int) error {
	names, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("no .html pages in %s", dir)
	}
	pages := make([][]byte, len(names))
	for i, name := range names {
		if pages[i], err = os.ReadFile(name); err != nil {
			return err
		}
	}
	if bin == "" {
		tmp, err := os.MkdirTemp("", "bench-pages-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		bin = filepath.Join(tmp, "clean")
		build := exec.Command("go", "build", "-o", bin, "./cmd/clean")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("building clean (run from the module root, or give -bin): %w", err)
		}
	}
	stripper, err := learnedStripper(pages)
	if err != nil {
		return err
	}
	best := [2]timing{{1 << 62, 1 << 62}, {1 << 62, 1 << 62}}
	for range runs {
		in, err := inProcess(pages, stripper)
		if err != nil {
			return err
		}
		cmd, err := command(bin, dir)
		if err != nil {
			return err
		}
		best[0], best[1] = best[0].better(in), best[1].better(cmd)
	}
	n := float64(len(pages))
	rate := func(d time.Duration) float64 { return n / d.Seconds() }
	fmt.Printf("%d pages, best of %d runs\n", len(pages), runs)
	fmt.Printf("in process (extract + strip, 1 goroutine)  %6.0f pages/CPU-s  %6.0f pages/s\n", rate(best[0].cpu), rate(best[0].wall))
	fmt.Printf("clean -j 1 DIR (whole process)             %6.0f pages/CPU-s  %6.0f pages/s\n", rate(best[1].cpu), rate(best[1].wall))
	fmt.Printf("ratio command / in process                 %6.2f by CPU        %6.2f by wall time\n",
		best[0].cpu.Seconds()/best[1].cpu.Seconds(), best[0].wall.Seconds()/best[1].wall.Seconds())
	return nil
}

// learnedStripper returns the default stripper with a repetition table
// learned from the pages' texts, all of one site.
func learnedStripper(pages [][]byte) (*normalize.Stripper, error) {
	counter := normalize.NewRepeatCounter()
	for _, p := range pages {
		text, err := normalize.ExtractHTML(p)
		if err != nil {
			return nil, err
		}
		counter.Observe("", text)
	}
	table := counter.Table()
	if err := counter.Err(); err != nil {
		return nil, err
	}
	return normalize.NewStripper(normalize.DefaultRules(), table)
}

// inProcess extracts and strips every page once.
func inProcess(pages [][]byte, s *normalize.Stripper) (timing, error) {
	cpu0, t0 := cpuTime(), time.Now()
	for _, p := range pages {
		text, err := normalize.ExtractHTML(p)
		if err != nil {
			return timing{}, err
		}
		s.StripExtracted(text, "")
	}
	return timing{cpuTime() - cpu0, time.Since(t0)}, nil
}

// command runs clean over dir with default flags and one worker.
func command(bin, dir string) (timing, error) {
	c := exec.Command(bin, "-q", "-j", "1", "-o", os.DevNull, dir)
	c.Stderr = os.Stderr
	t0 := time.Now()
	if err := c.Run(); err != nil {
		return timing{}, fmt.Errorf("%s: %w", bin, err)
	}
	return timing{c.ProcessState.UserTime() + c.ProcessState.SystemTime(), time.Since(t0)}, nil
}

// cpuTime returns the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
