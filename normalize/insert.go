package normalize

import (
	"strings"
	"unicode/utf8"
)

// Inserts. Sites put lines between an article's paragraphs: a related
// link ("» Lesen Sie auch: ..."), a paywall or newsletter prompt ("|
// Abbonati per leggere senza limiti a 27 euro al mese."), an ad label.
// The rules know some phrasings in some languages; what every insert of
// a template shares is its decoration: a bullet, bar or arrow that the
// template puts around it, which no paragraph of the article carries. So
// a decorated line standing alone between two paragraphs goes, in any
// language, unless:
//
//   - it is an item of a list: a line next to it carries the same mark
//     (an article's bullet points come in runs that share one);
//   - it is long (over maxNoticeLen bytes: a paragraph, however marked);
//   - it reports speech ("said", "selon"), as the article does;
//   - the mark may be punctuation of the text: dashes open dialogue in
//     Polish or Spanish, « and ‹ open quotations, and » or › at the end
//     close one that the line opened.
//
// Measured on genstrip's held-out corpus (-split holdout -seed 7): 770
// of the 1,071 boilerplate lines left between paragraphs were decorated.

// RuleInsert removes a decorated line between two paragraphs.
const RuleInsert = "insert"

const ruleInsert = -6

// insertMaxGap is how many lines an insert may be from a paragraph on
// either side: inserts come in runs of up to four (inlineMaxRuled).
const insertMaxGap = inlineMaxRuled

// claimInserts claims the decorated lines of ls that stand between two
// paragraphs (see above). Lines are classified and the anywhere rules
// applied; fs folds lines for readAs.
func claimInserts(ls []line, fs *folds) {
	for i := range ls {
		l := &ls[i]
		if l.class != weak && l.class != prose || len(l.text) > maxNoticeLen {
			continue
		}
		mark := insertMark(l.raw)
		if mark == "" || !paragraphNear(ls, i, -1) || !paragraphNear(ls, i, 1) ||
			sameMarkNear(ls, i, mark) {
			continue
		}
		if l.class == prose && l.readAs(fs) == readsAsReporting {
			continue
		}
		l.claim(ruleInsert)
	}
}

// insertMark returns the decoration of raw line (see above), "" when it
// has none: a list mark before a space at its start, or after a space at
// its end.
func insertMark(raw string) string {
	if raw == "" {
		return ""
	}
	// Most lines open with a letter and end with one or a full stop: two
	// byte tests tell (markFirst, markLast; spaces and non-ASCII bytes go
	// the long way).
	if a, z := raw[0], raw[len(raw)-1]; !markFirst[a] && !markLast[z] && a > ' ' && a < utf8.RuneSelf && z > ' ' && z < utf8.RuneSelf {
		return ""
	}
	i := strings.IndexByte(raw, '\n')
	if i < 0 {
		t := trimLine(raw)
		if m := itemMark(t, true); m != "" {
			return m
		}
		return itemMark(t, false)
	}
	// A wrapped line (reflow): its first line opens it, unless a sentence
	// ends inside it (the wrapping ran on into a paragraph).
	m := itemMark(trimLine(raw[:i]), true)
	if m == "" {
		return ""
	}
	for rest := raw[:strings.LastIndexByte(raw, '\n')]; rest != ""; {
		var pl string
		pl, rest = nextLine(rest)
		if endsSentence(trimLine(pl)) {
			return ""
		}
	}
	return m
}

// paragraphNear reports whether a paragraph (a prose line without a
// mark) is within insertMaxGap non-blank lines of line i, in direction
// step.
func paragraphNear(ls []line, i, step int) bool {
	for j, n := i+step, 0; j >= 0 && j < len(ls) && n < insertMaxGap; j += step {
		l := &ls[j]
		if l.class == blank {
			continue
		}
		if l.class == prose && insertMark(l.raw) == "" {
			return true
		}
		n++
	}
	return false
}

// sameMarkNear reports whether a line within insertMaxGap non-blank
// lines of line i, up to a paragraph, carries mark: line i is an item of
// a list (whose items may wrap onto unmarked lines).
func sameMarkNear(ls []line, i int, mark string) bool {
	for _, step := range [2]int{-1, 1} {
		for j, n := i+step, 0; j >= 0 && j < len(ls) && n < insertMaxGap; j += step {
			l := &ls[j]
			if l.class == blank {
				continue
			}
			m := insertMark(l.raw)
			if m == mark {
				return true
			}
			if l.class == prose && m == "" {
				break
			}
			n++
		}
	}
	return false
}
