// Package shingle holds the word-shingle metric the benchmarks share: the
// article-extraction-benchmark's \w+ tokens and multisets of word n-grams.
// bench-extract scores extraction with it, bench-strip body kept and
// boilerplate left, so both read text the same way.
package shingle

import (
	"strings"
	"unicode"
)

// N is the benchmark's shingle length in words.
const N = 4

// Tokens returns the \w+ matches of s: runs of Unicode letters, numbers
// and underscores. A hand-written scanner instead of a regexp keeps the
// scorer out of the timing noise; IsLetter/IsNumber match Python's str \w
// closely enough (both exclude combining marks).
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Shingles returns the multiset of word 4-grams of s (a text of fewer than
// four tokens is one shingle).
func Shingles(s string) map[string]int { return Grams(Tokens(s), N) }

// Grams returns the multiset of the n-grams of toks, keyed by the tokens
// joined with a space (tokens never contain one); fewer than n tokens make
// one shingle of them all, none make an empty set.
func Grams(toks []string, n int) map[string]int {
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, " ")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], " ")]++
	}
	return m
}
