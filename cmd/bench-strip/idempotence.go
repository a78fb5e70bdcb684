package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsclean/clean/normalize"
)

// idempotence strips every document of the corpus with the rules alone
// and then strips its output again, and prints how many documents lose
// lines the second time. Stripping is idempotent (normalize's Strip), so
// none should; a shape or language that breaks that shows here before a
// fuzzer finds it in CI. No site table: the pipeline's is learnt from the
// corpus, and one learnt from the output would be another.
func idempotence(corpus string, extra []normalize.Rule, w io.Writer) error {
	st, err := normalize.NewStripper(append(normalize.DefaultRules(), extra...), nil)
	if err != nil {
		return err
	}
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	docs, bad, err := notIdempotent(f, corpus, func(text string) (string, []normalize.Removal) { return st.Strip(text, "") })
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "stripped again (rules alone, no site table): %d of %d documents lose lines", len(bad), docs)
	for i, b := range bad {
		if i == 3 {
			fmt.Fprintf(w, " ...")
			break
		}
		fmt.Fprintf(w, "; %s", b)
	}
	fmt.Fprintln(w)
	return nil
}

// notIdempotent reads JSON Lines records ("id", "text") from r and strips
// each text twice with strip, returning how many it read and, for those
// whose output changes the second time, the id and the first line lost.
func notIdempotent(r io.Reader, name string, strip func(string) (string, []normalize.Removal)) (docs int, bad []string, err error) {
	s := bufio.NewScanner(r)
	s.Buffer(nil, 256<<20)
	for line := 1; s.Scan(); line++ {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(s.Bytes(), &d); err != nil {
			return docs, bad, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		docs++
		out, _ := strip(d.Text)
		again, removed := strip(out)
		if again == out && len(removed) == 0 {
			continue
		}
		lost := strings.TrimSpace(strings.SplitN(out, "\n", 2)[0])
		if len(removed) > 0 {
			lost = removed[0].Text
		}
		bad = append(bad, fmt.Sprintf("%s %q", d.ID, clip(lost)))
	}
	if err := s.Err(); err != nil {
		return docs, bad, fmt.Errorf("%s:%d: %w", name, docs+1, err)
	}
	return docs, bad, nil
}
