package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// peer is another extractor's score on a set, as its README reports it.
type peer struct {
	name     string
	P, R, F1 float64
}

// peers reads the reference figures from the markdown tables of the
// set's README.md and its parent's, in the two shapes the sets use: a
// table with F1, P and R columns and a row per extractor (the set's own
// README), or a row named after the set with a "P / R / F1" cell per
// extractor column (a README describing several sets). Missing or
// unreadable READMEs give no peers: they are for comparison only.
func peers(dir, set string) []peer {
	var out []peer
	for _, readme := range []string{filepath.Join(dir, "README.md"), filepath.Join(dir, "..", "README.md")} {
		buf, err := os.ReadFile(readme)
		if err != nil {
			continue
		}
		out = append(out, tablePeers(string(buf), set)...)
	}
	return out
}

func tablePeers(md, set string) []peer {
	var out []peer
	var header []string
	for line := range strings.Lines(md) {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			header = nil
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "*")
		}
		switch {
		case header == nil:
			header = cells
		case strings.HasPrefix(cells[0], "---"):
		case cells[0] == set:
			// One cell per extractor: "P / R / F1".
			for j := 1; j < len(cells) && j < len(header); j++ {
				if f := numbers(strings.Split(cells[j], "/")); len(f) == 3 {
					out = append(out, peer{header[j], f[0], f[1], f[2]})
				}
			}
		default:
			// One row per extractor, with F1, P and R columns.
			col := map[string]int{}
			for j, h := range header {
				col[h] = j
			}
			iF, okF := col["F1"]
			iP, okP := col["P"]
			iR, okR := col["R"]
			if !okF || !okP || !okR || max(iF, iP, iR) >= len(cells) {
				continue
			}
			if f := numbers([]string{cells[iP], cells[iR], cells[iF]}); len(f) == 3 {
				out = append(out, peer{cells[0], f[0], f[1], f[2]})
			}
		}
	}
	return out
}

// numbers parses every cell as a number, or returns nil.
func numbers(cells []string) []float64 {
	var f []float64
	for _, c := range cells {
		v, err := strconv.ParseFloat(strings.TrimSpace(c), 64)
		if err != nil {
			return nil
		}
		f = append(f, v)
	}
	return f
}
