package main

import (
	"bufio"
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

// The text and template pools, one file per language (pools/LANG.txt):
//
//	# a comment
//	@thousands .          number formatting of the language
//	@decimal ,
//	[topic]               starts an article topic: H: headlines, S: sentences
//	H: {O} warns of ...
//	S: {P}, who ...
//	[copyright]           any other section: a list, one item a line
//	© {YEAR} {SITE}. All rights reserved.
//
// Slots in braces are filled when a page is written (see fill). Every
// pool is cut in two disjoint halves by position, even items (and even
// topics) for -split dev, odd ones for holdout, except the calendar
// (weekday, month), which both share.
//
// -split novel draws texts (topics, names, traps aside) from the holdout
// half and boilerplate from pools/novel/LANG.txt: templates written after
// the stripper's rules and mechanisms, never looked at while tuning them,
// in phrasings neither half has, plus adversarial trap sentences (a
// sentence opening with "By the end of", a quotation closed by a
// guillemet). Each section there replaces the language's whole section.
//
//go:embed pools/*.txt pools/novel/*.txt
var poolFiles embed.FS

// lang is one language's half of the pools.
type lang struct {
	code               string
	thousands, decimal string
	topics             []topic
	lists              map[string][]string
}

type topic struct {
	headlines, sentences []string
}

// unsplit sections are the same for both halves.
var unsplit = map[string]bool{"weekday": true, "month": true}

// required sections: a language file missing one is an error, so a new
// language cannot silently lack a kind of boilerplate.
var required = []string{
	"lead", "attrib", "trap", "copyright", "disclaimer", "paywall", "newsletter", "comments", "recent", "commentline",
	"share", "follow", "cookie", "byline", "contact", "related", "ad", "nav", "section", "date",
	"first", "last", "city", "org", "paper", "weekday", "month",
}

func loadLangs(split string, only []string) ([]*lang, error) {
	if split != "dev" && split != "holdout" && split != "novel" {
		return nil, fmt.Errorf("unknown -split %q (want dev, holdout or novel)", split)
	}
	names, err := poolFiles.ReadDir("pools")
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, c := range only {
		want[c] = true
	}
	var out []*lang
	for _, n := range names {
		if n.IsDir() {
			continue
		}
		code := strings.TrimSuffix(n.Name(), ".txt")
		if len(only) > 0 && !want[code] {
			continue
		}
		delete(want, code) // what is left was asked for and is missing
		l, err := parsePool(code, path.Join("pools", n.Name()), split != "dev")
		if err != nil {
			return nil, err
		}
		if split == "novel" {
			if err := overlayPool(l, path.Join("pools", "novel", n.Name())); err != nil {
				return nil, err
			}
		}
		out = append(out, l)
	}
	if len(want) > 0 {
		var missing []string
		for c := range want {
			missing = append(missing, c)
		}
		sort.Strings(missing)
		return nil, fmt.Errorf("no pools for language(s) %s", strings.Join(missing, ", "))
	}
	return out, nil
}

func parsePool(code, name string, odd bool) (*lang, error) {
	l, all, err := scanPool(code, name, func(section string, i int) bool { return unsplit[section] || (i%2 == 1) == odd })
	if err != nil {
		return nil, err
	}
	for i, tp := range all {
		if (i%2 == 1) != odd {
			continue
		}
		if len(tp.headlines) == 0 || len(tp.sentences) < 3 {
			return nil, fmt.Errorf("%s: topic %d needs headlines and at least 3 sentences", name, i+1)
		}
		l.topics = append(l.topics, tp)
	}
	if len(l.topics) == 0 {
		return nil, fmt.Errorf("%s: no topics in this half", name)
	}
	for _, s := range required {
		if len(l.lists[s]) == 0 {
			return nil, fmt.Errorf("%s: section [%s] is empty in this half", name, s)
		}
	}
	return l, nil
}

// scanPool reads the pool file name: its lists, keeping the items keep
// accepts (by section and position in it), and all its topics.
func scanPool(code, name string, keep func(section string, i int) bool) (*lang, []topic, error) {
	f, err := poolFiles.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	l := &lang{code: code, thousands: ",", decimal: ".", lists: map[string][]string{}}
	var all []topic
	seen := map[string]int{} // items per section so far, for the split
	section := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		t := strings.TrimSpace(sc.Text())
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
		case strings.HasPrefix(t, "@thousands "):
			l.thousands = strings.ReplaceAll(t[len("@thousands "):], "_", " ")
		case strings.HasPrefix(t, "@decimal "):
			l.decimal = t[len("@decimal "):]
		case strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
			section = t[1 : len(t)-1]
			if section == "topic" {
				all = append(all, topic{})
			}
		case section == "topic":
			tp := &all[len(all)-1]
			switch {
			case strings.HasPrefix(t, "H: "):
				tp.headlines = append(tp.headlines, t[3:])
			case strings.HasPrefix(t, "S: "):
				tp.sentences = append(tp.sentences, t[3:])
			default:
				return nil, nil, fmt.Errorf("%s:%d: topic lines start with H: or S:", name, n)
			}
		case section == "":
			return nil, nil, fmt.Errorf("%s:%d: item outside a section", name, n)
		default:
			i := seen[section]
			seen[section]++
			if keep(section, i) {
				l.lists[section] = append(l.lists[section], t)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return l, all, nil
}

// overlayPool replaces l's sections with those of the pool file name
// (all its items: the file has no halves).
func overlayPool(l *lang, name string) error {
	over, topics, err := scanPool(l.code, name, func(string, int) bool { return true })
	if err != nil {
		return err
	}
	if len(topics) > 0 {
		return fmt.Errorf("%s: novel pools hold no topics", name)
	}
	for k, v := range over.lists {
		l.lists[k] = v
	}
	return nil
}
