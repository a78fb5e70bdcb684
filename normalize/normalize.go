// Package normalize strips boilerplate from scraped articles.
//
// (Design notes to be written: rules as data, positional block logic,
// corpus-level repetition, HTML main-content extraction.)
package normalize

import "strings"

// Removal is one stripped line or span and the rule that removed it.
type Removal struct {
	Text string `json:"text"`
	Rule string `json:"rule"`
}

// Stripper removes boilerplate lines from plain text. It is safe for
// concurrent use once built.
type Stripper struct {
	repeats *RepeatTable
}

// NewStripper builds a stripper from rules (DefaultRules() plus any user
// rules) and an optional table of lines learned to repeat across a site.
func NewStripper(rules []Rule, repeats *RepeatTable) (*Stripper, error) {
	return &Stripper{repeats: repeats}, nil
}

// Strip returns text without its boilerplate and the removed pieces in
// document order. site groups documents for the repetition table ("" when
// unknown). Kept lines are input lines, in order.
func (s *Stripper) Strip(text, site string) (string, []Removal) {
	return strings.TrimSpace(text), nil
}

// Rule is one named boilerplate rule.
type Rule struct {
	Name        string
	Description string
}

// DefaultRules returns the built-in rules.
func DefaultRules() []Rule { return nil }

// LoadRules reads user rules from a file.
func LoadRules(path string) ([]Rule, error) { return nil, nil }

// RepeatCounter counts lines per site over a first pass of the corpus.
// Not safe for concurrent use; give each worker its own and Merge them.
type RepeatCounter struct{}

// NewRepeatCounter returns an empty counter.
func NewRepeatCounter() *RepeatCounter { return &RepeatCounter{} }

// Observe counts the lines of one document of site.
func (c *RepeatCounter) Observe(site, text string) {}

// Merge adds other's counts into c.
func (c *RepeatCounter) Merge(other *RepeatCounter) {}

// Table freezes the counts into the lines judged to be site boilerplate.
func (c *RepeatCounter) Table() *RepeatTable { return &RepeatTable{} }

// RepeatTable holds lines known to repeat across a site's documents.
type RepeatTable struct{}
