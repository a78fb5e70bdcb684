package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// shardRuns times the shard verbs' whole sequence on path against the
// single run, alternating, -runs times, each process with -j 1 so that
// CPU times compare: learn and sketch --texts per shard, learn-merge,
// cluster, apply --texts per shard. It checks that the concatenated
// outputs equal the single run's byte for byte, and prints the CPU time of
// the sequence (summed over its processes) as a ratio to the single run's.
func (c *config) shardRuns(path string, n int) error {
	var ratios []float64
	var single, seq []time.Duration
	for i := range c.runs {
		dir, err := os.MkdirTemp(c.tmp, "shards-*")
		if err != nil {
			return err
		}
		one, err := c.verb("", "-j", "1", "-o", filepath.Join(dir, "single.jsonl"), path)
		if err != nil {
			return err
		}
		steps, err := c.sequence(dir, path, n)
		if err != nil {
			return err
		}
		var total time.Duration
		for _, s := range steps {
			total += s.cpu
		}
		if err := sameOutput(dir, n); err != nil {
			return err
		}
		single, seq = append(single, one), append(seq, total)
		ratios = append(ratios, total.Seconds()/one.Seconds())
		if c.verbose || i == 0 {
			fmt.Printf("run %d: single %.2f CPU-s, sequence %.2f CPU-s:", i+1, one.Seconds(), total.Seconds())
			for _, s := range steps {
				fmt.Printf(" %s %.2f", s.name, s.cpu.Seconds())
			}
			fmt.Println()
		}
		os.RemoveAll(dir)
	}
	med := func(v []time.Duration) time.Duration { v = slices.Clone(v); slices.Sort(v); return v[len(v)/2] }
	slices.Sort(ratios)
	fmt.Printf("\nshard verbs on %s, %d shards, -j 1 per process, %d runs: outputs byte-identical to the single run\n", path, n, c.runs)
	fmt.Printf("  CPU time: single run %.2f s, verb sequence %.2f s (medians); sequence/single %.2f (runs: %s; target <= 1.3)\n",
		med(single).Seconds(), med(seq).Seconds(), ratios[len(ratios)/2], fmtRatios(ratios))
	return nil
}

// step is one process of the sequence and its CPU time.
type step struct {
	name string
	cpu  time.Duration
}

// sequence runs the shard verbs over path in n shards, writing to dir.
func (c *config) sequence(dir, path string, n int) ([]step, error) {
	var steps []step
	add := func(verb string, args ...string) error {
		cpu, err := c.verb(verb, args...)
		steps = append(steps, step{verb, cpu})
		return err
	}
	file := func(name string, i int) string { return filepath.Join(dir, fmt.Sprintf("%s.%d", name, i)) }
	shard := func(i int) string { return strconv.Itoa(i) + "/" + strconv.Itoa(n) }
	var counts, sketches []string
	for i := range n {
		counts = append(counts, file("counts", i))
		if err := add("learn", "-j", "1", "--shard", shard(i), "-o", file("counts", i), path); err != nil {
			return nil, err
		}
	}
	table := filepath.Join(dir, "table")
	if err := add("learn-merge", append([]string{"-o", table}, counts...)...); err != nil {
		return nil, err
	}
	for i := range n {
		sketches = append(sketches, file("sketches", i))
		if err := add("sketch", "-j", "1", "--table", table, "--shard", shard(i), "--texts", file("texts", i), "-o", file("sketches", i), path); err != nil {
			return nil, err
		}
	}
	decisions := filepath.Join(dir, "decisions")
	if err := add("cluster", append([]string{"-o", decisions}, sketches...)...); err != nil {
		return nil, err
	}
	for i := range n {
		if err := add("apply", "-j", "1", "--table", table, "--decisions", decisions, "--shard", shard(i), "--texts", file("texts", i), "-o", file("out", i), path); err != nil {
			return nil, err
		}
	}
	return mergeSteps(steps), nil
}

// mergeSteps sums the CPU time of the steps of each verb, in order.
func mergeSteps(steps []step) []step {
	var out []step
	for _, s := range steps {
		if len(out) > 0 && out[len(out)-1].name == s.name {
			out[len(out)-1].cpu += s.cpu
			continue
		}
		out = append(out, s)
	}
	return out
}

// verb runs the clean binary's verb (the single run for "") with args
// and returns its CPU time.
func (c *config) verb(verb string, args ...string) (time.Duration, error) {
	args = append([]string{"-q", "-progress", "never"}, args...)
	if verb != "" {
		args = append([]string{verb}, args...)
	}
	cmd := exec.Command(filepath.Join(c.tmp, "clean"), args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("clean %s: %w", strings.Join(args, " "), err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// sameOutput checks that the shards' outputs, concatenated in order, are
// the single run's output.
func sameOutput(dir string, n int) error {
	want, err := os.ReadFile(filepath.Join(dir, "single.jsonl"))
	if err != nil {
		return err
	}
	var got []byte
	for i := range n {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("out.%d", i)))
		if err != nil {
			return err
		}
		got = append(got, b...)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("the shards' outputs (%d bytes) differ from the single run's (%d bytes)", len(got), len(want))
	}
	return nil
}

func fmtRatios(v []float64) string {
	s := make([]string, len(v))
	for i, r := range v {
		s[i] = fmt.Sprintf("%.2f", r)
	}
	return strings.Join(s, ", ")
}
