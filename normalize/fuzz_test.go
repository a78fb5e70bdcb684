package normalize_test

// Fuzz targets for the two entry points that see untrusted text: the
// plain-text stripper and the HTML extractor. Seed corpora live in
// testdata/fuzz/<target>/ (articles from fixtures/ and hand-made edge
// cases); `go test` runs the seeds, `go test -fuzz=^FuzzStrip$` explores.

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsclean/clean/normalize"
)

// FuzzStrip checks the stripper's contract on any text: kept lines and
// removed lines are input lines (as UnifyBreaks cuts them), each in input
// order; every input line
// with a letter or digit in it is either kept or removed (nothing
// vanishes, nothing is invented); stripping the output again changes
// nothing.
func FuzzStrip(f *testing.F) {
	for _, s := range []string{
		"",
		"\n\n\n",
		"one line without an end",
		"Title\r\nBody sentence that is long enough to count as prose, with the usual words in it.\r\n© 2024 Example Ltd. All rights reserved.\r\n",
		"Share this article on Facebook\nThe council met on Monday and said that the budget for the harbour would be approved by the end of the year.\nShare this article on Facebook\n",
		"old Mac\rline breaks\rThe council met on Monday and said that the budget would be approved.\r",
		"separators\u2028within\u2029The council met on Monday and said that the budget would be approved.\u2029",
		"\u00a0\u200b\u3000\n\tindented prose line that is long enough to be treated as a sentence by the classifier, it is.\n\u00a0",
		"dup\ndup\ndup\nThe same sentence appears again and again in this document, as it did before.\nThe same sentence appears again and again in this document, as it did before.\n",
		"invalid \xff\xfe utf-8 \xc3\x28 line\nAdvertisement\n",
		// Hard-wrapped paragraphs (judged as one logical line each), CRLF
		// and indented, and entities left in.
		"News > World\nThe council voted on Tuesday to close the old harbour\nbridge for repairs, after engineers found that two of\nits supports had cracked.\nResidents said they had not been told how long the\nwork would take, and shop owners fear a drop in trade.\nCopyright 2026 Example Media. All rights reserved. This\nmaterial may not be published or redistributed.\n",
		"  Der Stadtrat hat am Dienstag beschlossen, die alte\r\n  Hafenbrücke für Reparaturen zu sperren, nachdem\r\n  Ingenieure Risse fanden.\r\n\r\n  Share this article\r\n",
		"Officials said they&#8217;d &quot;look again&quot; at the plan &amp; report back.<br>\n&copy; 2026 Example &ndash; all rights reserved\n",
		"• ANZEIGE »\nDer Stadtrat hat am Dienstag beschlossen, die alte Brücke wegen Reparaturen zu sperren, sagte ein Sprecher.\nGeben Sie Ihre E-Mail-Adresse ein und erhalten Sie unser Briefing.\n© 2024 Verlag – ALLE RECHTE VORBEHALTEN\nImpressum | Datenschutz\n",
		"Nous utilisons des cookies pour améliorer votre expérience.\nLes opinions exprimées par le ministre n’ont pas été partagées, selon l’agence.\nLes tribunes n’engagent que leurs auteurs.\n",
	} {
		f.Add(s)
	}
	st, err := normalize.NewStripper(normalize.DefaultRules(), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out, removed := st.Strip(text, "")
		in := strings.Split(normalize.UnifyBreaks(text), "\n")

		var kept []string // output lines that must come from the input
		for _, l := range strings.Split(out, "\n") {
			if l != "" { // a bare "" may stand for removed or blank lines
				kept = append(kept, l)
			}
		}
		if i := unmatched(kept, in); i >= 0 {
			t.Fatalf("output line %q is not an input line in order\ninput:  %q\noutput: %q", kept[i], text, out)
		}
		var gone []string
		for _, rm := range removed {
			gone = append(gone, rm.Text)
			if rm.Rule == "" {
				t.Errorf("removal %q has no rule", rm.Text)
			}
		}
		if i := unmatched(gone, in); i >= 0 {
			t.Fatalf("removed text %q is not an input line in order\ninput: %q\nremoved: %q", gone[i], text, gone)
		}
		// Multiset balance over lines that carry text: kept + removed = input.
		balance := map[string]int{}
		for _, l := range in {
			if hasText(l) {
				balance[l]++
			}
		}
		for _, l := range append(kept, gone...) {
			if hasText(l) {
				balance[l]--
			}
		}
		for l, n := range balance {
			if n != 0 {
				t.Fatalf("line %q: input count minus kept and removed is %d\ninput:  %q\noutput: %q\nremoved: %q", l, n, text, out, gone)
			}
		}

		again, removedAgain := st.Strip(out, "")
		if again != out || len(removedAgain) != 0 {
			t.Fatalf("not idempotent:\ninput:  %q\nonce:   %q\ntwice:  %q (removed %q)", text, out, again, removedAgain)
		}
	})
}

// unmatched returns the index of the first element of sub that cannot be
// matched, in order, to an element of seq; -1 when sub is a subsequence.
func unmatched(sub, seq []string) int {
	j := 0
	for i, s := range sub {
		for j < len(seq) && seq[j] != s {
			j++
		}
		if j == len(seq) {
			return i
		}
		j++
	}
	return -1
}

// hasText reports whether a line holds a letter or digit, which no notion
// of blank could overlook.
func hasText(l string) bool {
	return strings.IndexFunc(l, func(r rune) bool {
		return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
	}) >= 0
}

// htmlBudget bounds the extraction time of one input on top of a
// microsecond per byte: the pages of the extraction benchmark take about a
// millisecond each, so a second means a super-linear path.
const htmlBudget = time.Second

// checkExtract extracts page and checks that it does so without a panic,
// to valid UTF-8, in bounded time.
func checkExtract(t *testing.T, page []byte) {
	start := time.Now()
	text, err := normalize.ExtractHTML(page)
	if elapsed := time.Since(start); elapsed > htmlBudget+time.Duration(len(page))*time.Microsecond {
		t.Errorf("%d-byte page took %v", len(page), elapsed)
	}
	if err != nil {
		return // a refusal is fine; a panic or a hang is not
	}
	if !utf8.ValidString(text) {
		t.Errorf("output is not valid UTF-8: %q", text)
	}
}

// FuzzExtractHTMLBounded runs checkExtract on any bytes: valid UTF-8
// out, within a time bound. Its seeds are small hostile shapes (raw-text traps,
// charsets, foreign content) and fixture pages; the large hostile pages
// are in TestExtractHTMLHostile, as they would slow the fuzzer down.
func FuzzExtractHTMLBounded(f *testing.F) {
	for _, s := range []string{
		"",
		"<",
		"<html><body><p>Hello</p></body></html>",
		"<p>caf\xe9 \xff\xfe</p>",
		"\xef\xbb\xbf<meta charset=utf-16><p>x</p>",
		"<meta http-equiv=content-type content='text/html; charset=windows-1252'><p>\x93quoted\x94</p>",
		"<script>document.write('<p>not text</p>')</script><p>text</p><style>p{}</style>",
		"<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>",
		"<svg><foreignObject><p>inside svg</p></foreignObject></svg><template><p>t</p></template>",
		"<plaintext><p>raw",
		"<!-- unterminated comment <p>x</p>",
		strings.Repeat("<div>", 300) + "<p>deep</p>",
		`<div class="x" hidden><p>a<br>b</div><svg/><script>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkExtract)
}
