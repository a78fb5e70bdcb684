// Package simhash fingerprints documents and clusters near-duplicate
// stories: the same wire story republished by several outlets, with
// another header and footer, adverts between paragraphs, a rewritten
// headline, a few words changed, or cut short.
//
// # Fingerprints
//
// Text is split into words after normalisation: simple Unicode case
// folding, NFKC (applied only to runs of non-ASCII bytes, so ASCII text
// never pays for it; runes NFKC cannot change, whatever stands beside
// them (most letters of the BMP: nfkcStable), are checked by a table, and
// only the stretches between them go through the normaliser; a two-byte
// letter's case folding and category are looked up too:
// BenchmarkSketchCyrillic went from 26.5 to 90.5 MB/s a core,
// BenchmarkSketchChinese from 25.5 to 41 (with unspacedWord encoding a
// character's word at once), BenchmarkSketch (English) unchanged; a
// no-break space or an ellipsis, which NFKC makes " " and "...", ends the
// word without it: BenchmarkSketch took 0.77 of the CPU time, its seeds
// holding 13, and the seeds with French punctuation 0.69), typographic
// apostrophes and quotes folded to their ASCII roles, digit groups joined ("1,000" = "1000") and number units
// split and spelt out ("$1.13bn" = "$1.13 billion"). In scripts written
// without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar)
// each character makes a word, so shingles are character n-grams: read
// as letters, a Chinese sentence was one word and not one of 60 edited or
// cut copies of Chinese, Japanese and Thai stories joined its story
// (TestUnspacedScriptCopies). The word is the character with the 3
// before it in its run (unspacedGram), and of Thai, Lao, Khmer and
// Burmese, whose words are about four letters and marks, one such word
// in four is kept, by its hash (unspacedSkip), so a shingle spans about
// as much text as one of a spaced script, and a passage about as many
// words; a character a word, a shingle of Chinese spanned two words, as
// common as English word pairs, and a passage of Thai six words. bench-neardup -hard -letters han (and thai) writes the
// harder sets' texts so, each word a fixed run of characters of the
// script chosen by the word, spaces dropped, before the shape edits (so
// a wrapped copy breaks every so many characters), each seed another
// choice of characters. Holdout cells through clean --annotate, seeds 1-6
// and four orders for han (24 cells), 1-3 for thai (12): han false pairs
// 292, missed pairs 1,253, pairs kept apart merged 21 before; thai 1,334,
// 1,750 and 184 (in every cell; recall 0.945-0.971). With the short-line
// filter counting characters as parts of words (below) and the words so
// made (Thai words then of 8 characters, all kept): han 191, 1,185, 8;
// thai 559, 1,648, 14. The line filter alone
// took han to 264, 1,165, 12. A run is reset after a line the filter
// leaves out, whose characters would otherwise begin the next line's
// words (TestUnspacedShortLinesLeftOut); without that, han gave 162,
// 1,274, 3 and thai 443, 1,666, 9, a difference of a few pairs each way
// that the principle decided. Words of 8 characters for thai, against 13
// for about 4 words of Thai, gave 443, 1,666, 9 against 302, 1,662, 11
// (before the reset). Thai recall through clean was then under 0.98 in
// every cell: the stripper kept 0.86 of those texts (a paragraph of Thai,
// without a full stop or spaced words, did not read as prose). Since it
// does (normalize's isProse), 0.97 is kept, and the Thai cells give 614
// false pairs, 826 missed, 8 pairs kept apart merged, 3 cells of 12 under
// recall 0.98 (lowest 0.9706), but pair precision 0.98-0.99 in every
// cell: a passage of Thai, 24 shingles of characters, was about six
// words, so a sentence shared with another story (a post's own words, a
// teaser) held whole passages. Words of 4 characters, one in four kept:
// 46 false pairs, 929 missed, 4 pairs kept apart merged, 7 cells under
// recall 0.98 (lowest 0.9706). The same for Chinese, one in two kept,
// gave 126 false pairs against 191 but 1,576 missed against 1,185: all
// its words are kept. All these figures are of a first draw of
// characters, which repeated one character past the 11th of a long word;
// the generator now mixes each character afresh, and a run now goes on
// across spaced words too (a number, a Latin name: before, the fast paths
// taking those left it going and the slow one ended it). On that draw,
// ad573b0 / the build before the last change / now: han 291, 1,191, 25 /
// 297, 1,274, 11 / 324, 1,307, 10 (cells under recall 0.98: 0 / 3 / 4,
// lowest 0.9772); thai 1,327, 1,722, 155 / 85, 1,068, 6 / 59, 964, 2 (12
// / 9 / 8 cells under 0.98, lowest 0.9725). So Chinese gains in pairs kept
// apart on both draws, in false and missed pairs only on the first.
//
// Arabic letters are folded as search engines' Arabic normalisers fold
// them, since outlets write one word several ways: alef with hamza or
// madda as alef, alef maksura and Persian yeh as yeh, Persian kaf as
// kaf, teh marbuta as heh; vowel marks and the tatweel (which stretches a
// word for justification) are left out (arabicFolds,
// TestArabicSpellingsFold). No set here writes those variants (the
// -letters arabic sets use none of the folded letters; their clean
// --annotate output, two cells checked, is byte-identical). So are "ß"
// and "œ", which Swiss German and many French sites write "ss" and "oe",
// and which NFKC and simple case folding keep as one letter
// (TestLatinTwinsFold).
//
// A word holds its letters, digits and marks of every kind. The vowel
// signs of Devanagari, Bengali, Tamil and the other Indic scripts are
// spacing marks (Mc), which until Algorithm 6 ended a word: "भारत सरकार
// ने कहा" was 6 words, not 4 (TestIndicVowelSignsInsideWords), and
// fragments such as "भ" and "रत" are common to many stories.
// bench-neardup -letters devanagari writes the harder sets' vowels as
// vowel signs (as letters opening a word) and full stops as dandas.
// Through clean (false pairs, missed, kept apart merged), holdout seeds
// 1-3, 12 cells: 157, 518, 12 to 38, 696, 0 (cells under precision 0.995
// 2 to 0; under recall 0.98 0 to 1, lowest 0.9761); novel: 166, 642, 14
// to 31, 709, 0. Fragments made more shingles, so more passages to find
// a copy by, and chance matches: whole words give the figures of the
// other scripts (Latin holdout 25, 646, 0). The Latin, Cyrillic, Greek,
// -extra, novel and labelled sets' clean --annotate output is
// byte-identical.
//
// Each word is hashed
// with xxhash: words of up to 16 bytes, nearly all, are loaded as one or
// two masked 64-bit words and go through the XXH64 lane round and
// avalanche (equal to xxhash.Sum64 for 8 and 16 bytes), longer ones
// through xxhash.Sum64. Shingles of 4 consecutive words are hashed from
// the word hashes.
//
// Lines of fewer than 8 words are left out (a document with only short
// lines is taken whole); a character of Han or kana counts for half a
// word, one of the other unspaced scripts for a quarter (unspacedSpare). In scraped news those are bylines, datelines,
// headlines, share prompts, "Advertisement" and related-story links: they
// differ between copies of one story and repeat across different stories.
// Dropping them made the largest single difference measured on the BBC set
// below: with exact shingle sets, the share of a copy's 5-gram shingles
// found in its original separates copies from hard negatives with a
// threshold of 0.7 at pair recall 0.988 without the filter and 0.999 with
// it (no hard negative merged either way).
//
// Words are the same whatever the text's shape. HTML character
// references are decoded where they stand ("it&#8217;s" = "it’s" =
// "its", "&amp;" a separator, not the word "amp"; a name counts only when
// whole, "&notit;" is not "¬it;"; a reference escaped twice,
// "&amp;#8217;", as feeds leave text, is read as one: read as a separator
// and the number 8217, it kept 289 of 2,225 BBC articles apart from their
// originals, 261 arriving first, where exact 5-gram Jaccard >= 0.5 joins
// 2,133 of them; now none stay apart, bench-neardup -shapes). Invisible format characters inside a
// word (soft hyphens, zero-width spaces and joiners, word joiners, byte
// order marks, direction marks) and variation selectors are skipped:
// sites hyphenate long words with "&shy;", and read as separators they
// kept 2,102 of 2,225 BBC articles with soft hyphens in their longer
// words, or zero-width spaces, apart from their originals (2,057
// arriving first; now none: bench-neardup -shapes,
// TestShapeDoesNotChangeSketch). HTML tags a scraper left in ("<p>",
// "<br>", a link with its address) are separators, not words: with their
// paragraphs left in "<p>", 51 of 2,225 stayed apart (72 arriving first),
// now none (tagEnd). Web addresses are not words either ("https://",
// "http://" or "www." and what follows up to a blank, a quote or a
// bracket; urlEnd): converted to Markdown with a link in 30 words
// ("[word](https://...)"), 1,316 of 2,225 stayed apart (982 arriving
// first), where exact 5-gram Jaccard >= 0.5 joins all; now none
// (TestWebAddressesAreNotWords). A
// word hyphenated at a line's end and
// going on in lower case on the next ("govern-" then "ment") is one word,
// as typeset text breaks it: wrapped at 60 columns with the long words
// that cross the margin broken there, 50 of 2,225 BBC articles stayed
// apart from their originals (69 arriving first), now none
// (bench-neardup -shapes); only a word of letters followed by a hyphen
// and a line break leaves the fast path (BenchmarkSketch 1.016 times the
// time before this and the rule above, median of 16 alternating pairs,
// 0.96 to 1.13). A hard-wrapped line joins the next one
// of its paragraph for the short-line filter when it is at least 40 bytes,
// stops inside a sentence, and the next line is not blank, at most 12
// bytes longer (a headline is followed by a much longer unwrapped
// paragraph) and either long itself or the end of a sentence; so a wrapped
// paragraph's short first or last line is kept, while "Advertisement" or
// "Related stories:" after a paragraph is still dropped. Text wrapped at
// 35 to 55 columns has many shorter lines: one of 25 bytes or more joins
// the next when its neighbours show it was wrapped (the next line's first
// word would not fit on it, and the next line or the one after opens in
// lower case, or the line before went on into it): at 44 columns, 150 of
// 400 BBC articles change sketch, losing 1.2% of their shingles, against
// all 400 and 22% before (TestNarrowWrapKeepsSketch). CRLF and
// indentation are separators anyway. The rules count characters, not bytes,
// and read the line's last and the next line's first character in any
// script (a letter or digit of any script stops mid-sentence, any
// lower-case letter opens mid-sentence, "»" and CJK full stops end a
// sentence): read as ASCII, the seeds in Cyrillic, Greek or Latin with
// diacritics kept 0.21 to 0.84 of their shingles wrapped at 40 to 52
// columns, and now lose exactly what they lose in Latin letters
// (TestWrapInOtherScripts); the harder sets with -letters cyrillic
// (36 cells) found wrapped copies at 0.710, now 0.997 (missed pairs
// 11,249 to 5,094). Counting costs a pass over a line only where the
// decision needs it (a line with non-ASCII bytes, or a next line that
// could go on with it): BenchmarkSketch 4.6% slower (median of 10
// alternating pairs, 0.98 to 1.14). Wrapped at 55 or 78 columns, with
// CRLF and indentation, or with entities, a seed's sketch is identical to
// the original's (TestShapeDoesNotChangeSketch). On the harder set below
// (input order, before the clustering changes) this took recall of
// wrapped copies from 0.929 to 0.995 and of copies with entities from
// 0.762 to 1.000; the labelled set moved from 0.9938 to 0.9942, after a
// first rule (any long line stopping mid-sentence) had joined bylines and
// share prompts to the next line and cost 0.0005.
//
// A script without case cannot show by a line's first letter that it
// goes on with the line above, so a line opening with a letter that has
// no case may go on as a lower-case one does, the lines' lengths deciding
// (opensMidSentence). Written in Arabic letters (bench-neardup -letters
// arabic: caseless and spaced, as Hebrew or Devanagari), the seeds lost
// up to three quarters of their shingles wrapped at 40 to 48 columns, and
// now no more than in Latin letters (TestWrapInOtherScripts); Thai
// wrapped at 26 to 32 characters (a 72-column wrap counting its
// characters as wide) lost all its words, each line under 8 words at a
// quarter word a character. A line of a script without spaces shorter
// than narrowMin, down to 16 characters (a byte-counting wrap at 72
// leaves 24 of Thai), goes on when the next line is as long within 4
// characters (evenUnspaced), as lines of text that breaks anywhere are; a
// list of headlines of uneven lengths is still left out. Wrapped at 16 to
// 40 characters, Thai now keeps 0.92 to 0.99 of its words, where none
// passed at 16 to 30 (TestNarrowWrapThai). Through clean (false pairs,
// missed, kept apart merged): Thai holdout (seeds 1-3, 12 cells) 44, 966,
// 1 to 37, 654, 1, cells under recall 0.98 8 to 0 (lowest 0.9725 to
// 0.9805); Thai novel (seed 1, 4 cells; lines of 18 to 25 characters) 19,
// 633, 0 to 19, 340, 0, wrapped copies found 0.879 to 0.996; Chinese
// holdout (seeds 1-6, 24 cells) 216, 1,241, 10 to 210, 1,201, 9 (cells
// under recall 0.98 2 to 1, lowest 0.9780 to 0.9767; under precision
// 0.995 1 to 0); Arabic novel (seeds 1-3, 12 cells; 36 to 50 columns) 64,
// 874, 6 to 68, 648, 6, cells under recall 0.98 5 to 1 (3 of the 4 false
// pairs more are one copy cut short of a story joining another story of
// the same ruling, politics 224 and 040, copies first); Arabic holdout
// unchanged (40, 579, 4; lines of 67 to 78 columns were joined already).
// The Latin, Cyrillic, Greek, -extra, novel and labelled sets' clean
// --annotate output is byte-identical, -shapes and other sites' texts
// give the same figures, and BenchmarkSketch runs 0.998 times as long
// (median of 12 alternating whole-process pairs, 0.94 to 1.05).
//
// Two 64-bit simhashes are accumulated at once: one over the whole
// document and one per passage. Passages are cut where four bits of the
// hash of the last two words are zero, after at least 8 shingles (mean
// about 24, at most 128), so an inserted or deleted sentence moves at most
// the boundaries next to it and the passages after it come out identical.
//
// The work is laid out for speed in three tight loops with no per-word
// calls or allocations (state is pooled):
//
//   - The tokenizer scans bytes once. Between words it skips ASCII
//     separators; at a word it loads 8 bytes, finds the leading run of
//     ASCII letters of all eight at once (SWAR: two additions and masks
//     give a high bit per letter, a trailing-zero count the first
//     non-letter), lower-cases by OR-ing 0x20 into every byte, and hashes
//     the masked word in registers. Anything else (digits, apostrophes,
//     non-ASCII, a possible unit after a number) takes a byte-by-byte slow
//     path that hashes to the same values. Word hashes go to a buffer of
//     1,024, where a line's words wait until the line is known to be long.
//   - The shingle loop keeps the rotate-xor of the last 4 word hashes,
//     updated in O(1) per word (rotate, XOR the new word in and the word 4
//     back out), and finishes each shingle with the XXH64 avalanche. The
//     avalanche matters: without it (rotate-xor alone) recall fell from
//     0.9866 to 0.9840, with a one-multiply finaliser to 0.9849, with the
//     folded 128-bit product of one multiply to 0.9831-0.9856 and one hard
//     negative merged for two of four constants (measured with 64-bit
//     passage keys, before the change below).
//   - Votes: shingle hashes of the current passage are buffered (at most
//     128) and counted when the passage ends with a carry-save adder tree
//     (Harley and Seal): bit-sliced counters, plane i holding bit i of all
//     64 counts, seven full adders of five word operations per 8 hashes.
//     The passage simhash is read off with one bit-sliced comparison with
//     n/2, and the passage's 8 planes are added into the document's 48 with
//     a ripple adder, so the whole simhash costs one addition per passage.
//
// A Sketch holds the whole simhash, the shingle count, the normalised
// length, each passage's fingerprint and shingle count, and the opening:
// a hash of the document's first 8 shingles (the shortest passage's
// length), which a copy cut short shares with its story. It is computed
// per document, with no shared state, so shards can be fingerprinted in
// parallel anywhere; AppendBinary/Decode give a compact stream form so
// clustering can run later on the merged sketches, in input order.
//
// # Clustering
//
// Clusters do not depend on the order documents arrive in. Each document
// is compared with representatives only, never with other members, so
// clusters cannot chain: A~B and B~C do not pull in a C far from A. A
// document joins a representative when either holds at least Containment
// (default 0.7) of the other's shingles: a copy cut short lies inside its
// story, and a story arriving after its cut copy holds it. A document
// that holds its representative and is not inside it (the story after its
// cut copy, a copy with a teaser of another story on top) takes its
// place, so later copies are compared with the fuller text; other
// representatives it holds are merged into its cluster
// (Clusterer.Resolve), so a story's first-half and second-half copies
// that arrived before it end up with it (TestStoryMergesItsHalves; when
// only representatives stored whole were merged, a copy of the second
// half that another copy could not see to be inside it stayed apart).
// Representatives it holds and also lies in (a copy of most of it) are
// merged too when it does both with the one it joins: a story arriving
// after copies of its first and last three quarters joined one and left
// the other apart (TestStoryJoinsCopiesItLiesIn, 19 of 30, 6 so; the
// harder holdout set's recall, originals last, 0.9558 to 0.9613). Merged
// also when the document merely holds the one it joins, they gave 0.9679
// there, but a teaser copy holding another story's teaser copy of it (each
// quoting the other's opening) pulled its own story in: 11 more false
// pairs on the dev set made with seed 4. When it holds the one it joins,
// those it lies in and holds by 0.85 or more (strongHeld) are merged: a
// story arriving after a copy of its second half, which it lies in by the
// extrapolated rate, and a copy cut short, which it holds and joins, left
// the half copy apart (TestStoryMergesTailAndCutCopies, 28 of 30, 4 now;
// TestStoryJoinsCopiesItLiesIn 1; holdout recall, originals last, 0.9668
// to 0.9712, reversed 0.9671 to 0.9714, precision unchanged; at 0.8 the
// seed-4 dev set gained 4 false pairs). At 0.85 rather than 0.9, a copy
// of the story's last three quarters under another outlet's header and
// footer (long lines the story does not hold: it holds the copy by 0.8 to
// 0.9) is merged too (TestStoryMergesFramedTailAndCutCopies, 9 of 120
// apart at 0.9, 2 at 0.85); on the harder sets, seeds 1-3, four orders,
// 49 more pairs (dev 1,901 to 1,877 missed, dev2 2,309 to 2,304, holdout
// 963 to 943) for one more false pair (dev2 seed 2, input order); seeds
// 4-6 of dev and dev2, 64 more pairs and no more false ones; the labelled
// set unchanged. Not when it merely lies in the one
// it joins: a teaser copy lying by chance in the story whose lead it
// carried pulled its own story in.
// A representative replaced or merged is remembered by its whole simhash
// and shingle count (24 to 38 bytes each in a Go map): the figure that let the longer
// one take its place is an estimate from one side, and a later exact copy
// compared from the other side could fall below the threshold (2 of 142
// edited copies near it in TestCopyOfReplacedRepresentative; FuzzCluster
// found one), or match another representative that holds it (5 of 142
// in TestExactCopyJoinsItsOriginal), so an exact copy joins the cluster
// its original represented, looked up before any comparison. An --index
// file keeps representatives only, not this table.
// Which member
// names the cluster is --keep's business: the first in input order (the
// cluster's number is its lowest document number) or the longest. Among
// qualifying representatives the best score wins, the earliest on ties.
// TestOrderIndependent clusters six kinds of copy of 12 stories in eight
// orders and gets the same clusters.
//
// Direction no longer tells an expansion from a copy (the BBC pair
// politics 111 and 293: the short original's story and comments, and a
// later version with new comments inserted between them, 0.94 of the
// shorter inside the longer). Structure does: a copy cut short, a copy
// with a teaser on top and a quote share one stretch of text with the
// other document, while the expansion holds the short one in pieces with
// new text between. A containment is refused when the containing
// document has more than 0.3 of new text inside the stretch it shares
// (0.4 when judged on a representative's 9 stored passages, which must
// tolerate a copy's edited passages among so few; 0.3 there cost 0.4% of
// the labelled set's pairs). Passages at most 9 bits apart count as
// shared inside a stretch; its ends are sure matches, at most 6 bits
// apart, which unrelated passages reach once in 3,700 pairs (once in 40
// within ChunkDistance), so one chance match cannot stretch it. In the
// document, the stretch runs between the passages nearest to the
// representative's stored opening ones: any passage near one of them
// ended it at passage 19 of a 21-passage copy on one chance match.
//
// A representative longer than its stored part is judged on the stretch
// the document shares with its stored opening, and its stored final
// passage, found after that stretch, marks where its unstored text lies:
// between the two. A story arriving after a copy of its second half holds
// the copy's opening and end with the copy's unstored middle between
// (TestSecondHalfBeforeStory; counted as new text before, the story held
// it for 6 of 30 copies). What lies between beyond the representative's
// unstored length is new text, for maxGap; less room between than 0.7 of
// that length makes the final passage's match a chance one (a copy cut
// short may end in a passage of a shingle or two). Inside a
// representative, a document holding its opening and end may lack at
// most half of the representative's text between them (maxInserted): so
// the story politics 111, arriving after its expansion 293 (0.61 of it
// new comments between 111's story and comments), stays apart. The
// structure is that of a copy cut short under the same site footer as
// its story, whose final passage the footer makes; maxRowGap (0.4) there
// refused the generated corpus's copies that keep 60% of the paragraphs
// (pair recall 0.9799 to 0.9683). A representative stored whole is held
// to maxInserted too when the passages the document lacks are one run
// just before its final passage, which the document holds
// (TestShortCutCopyUnderSameFooterJoins: 46 of 171 missed at maxRowGap,
// 41 so; with any lacking passage just before the final one, a hard
// negative of the labelled set merged in two orders).
//
// Both gap rules judge the few stored passages, over which a copy
// missing a paragraph or two from inside lacks a large share when they
// lie in the stored opening: the harder set's such copies (-extra) joined
// at 0.76-0.88 (holdout, four orders, seeds 1-3), while exact 5-gram
// Jaccard finds 0.947. Past maxGap and maxRowGap, the new text (the
// sketch's, at most what it holds beyond the representative's shingles
// it covers) or the lacking text (the representative's stored passages
// and unstored text) may be up to maxInserted of the containing
// document's whole text, when both ends of the shared stretch match
// exactly (within 2 bits): politics 293 is 0.61 new and stays apart
// (TestCopyMissingInnerParagraphsJoins, 12 of 120 apart before, 3 now;
// TestStoryAfterCopyMissingTwoParagraphsJoins, 13 of 200 when the gap
// alone was judged, 6 now). With ends within 6 bits, a story whose lead
// was the teaser on another story's copy held it through one chance
// match (TestStoryHoldingTeaserCopyByChanceStaysApart; dev precision,
// seed 1, reversed, 0.9969 to 0.9928). A stretch starting at both
// documents' first passages within 6 bits is no chance match either,
// but held to maxInserted so, a hard negative of the labelled set (tech
// 141 and 173, two versions of one story with the same lead) merged in
// two orders; held to maxGap of the whole (on the representative's side,
// rowGapOK), it stays apart, and a copy missing the paragraph after its
// story's lead joins it (TestCopyMissingSecondParagraphAfterStory, 11 of
// 200 apart before, 7 now). Holdout recall of those copies, four orders,
// seeds 1-3: 0.947, 0.955, 0.955, 0.924; 0.869, 0.924, 0.931, 0.897;
// 0.906, 0.944, 0.969, 0.906.
//
// A copy missing paragraphs of its story's opening lies in the story by
// the rate over the story's stored passages, which the missing paragraphs
// lower, while its text in the story's unstored part goes uncounted: the
// BBC set's business 046 missing two, 0.67. So the copy's passages lying
// between two passages it holds exactly of the story's opening and final
// passage, in order, are the story's text recut when the story has at
// least as much text between (stored passages the copy lacks, or its
// unstored text) and the whole simhashes agree with that overlap within
// 3 bits (TestCopyMissingParagraphsLiesInStory, 16 of 274 apart before,
// 6 now). A final passage held too close after the opening is a chance
// one here too: credited so, a word-edited copy of tech 141 lay in 173,
// which shares its lead and end. On the harder sets (36 cells), missed
// pairs 4,806 to 4,768 in Latin letters, 5,086 to 5,064 in Cyrillic and
// 4,902 to 4,892 in Greek, false ones unchanged but one more in Greek;
// with -extra 4,297 to 4,218, one false pair more (a cut copy that lies
// in a post quoting the half it keeps joined the post); the labelled set
// 0.9963 to 0.9968 (shuffled 0.9928 to 0.9934).
//
// A representative keeps 32-bit passage keys: the upper halves of its
// first 7 passage fingerprints, of one sampled from its third quarter
// and of its last (StoredChunks 9 in all). The last shows how a document
// holding the opening ends: with the story's ending (a copy) or without
// it (a post quoting the opening), and whether new text lies between (the
// expansion). The sample is the passage of the third quarter whose key
// ranks lowest among those the index does not hold already: any copy of
// the story's second half holds it, and it lies clear of a site footer
// running over the last passages (sampled from anywhere after the
// opening, it was often such a footer's first passage: one brought 217
// stories of a generated site into one cluster, and the replicated
// generated corpus's pair precision fell to 0.939). A copy of the second
// half, holding none of the opening, finds the story through the sample
// when the story's row indexes it (see Candidate search), and is taken to
// go on like the story when it holds the sample and the story's end, and
// the whole simhashes agree with that overlap within 3 bits of slack, not
// 6 (another story of a site whose footer the sample and the end both
// are looks just so: TestSiteFooterStaysApart), or the sample alone and
// as much text after it as the story's last quarter, which the sample
// lies before, and they agree within the same 3 bits (under another
// outlet's footer the copy does not hold the story's final passage:
// TestSecondHalfUnderFooterJoins, 40 of 60 missed when the end was
// required, 30 with no slack and no test of the text after the sample,
// 24 now; harder dev set recall in input order 0.9347 to 0.9362). A
// story sharing one paragraph with another of its event holds less
// after it (TestStoryQuotingAnothersSampleStaysApart: a cut copy held
// another story's sample three passages before its end); at 6 bits a
// short BBC story of the labelled set joined another of its event
// through a shared background paragraph. A sample that brings a
// document holding none of the opening, joined or not, is spent: it finds
// nothing more and counts for nothing, so one site's boilerplate cannot
// pull its stories in one after the other. The sample does not end a
// shared stretch for the share of the story in a document (politics 293
// with its second half reordered held 111 through it), nor, when the
// document lacks it, does it count against the rate extrapolated below
// (a copy cut short lacks the third quarter). Each passage of a new
// document is credited with cos(pi*d/32) of its shingles, where d is the
// Hamming distance of its key to the nearest stored key (the cosine
// similarity that simhash distance d of 32 implies), or nothing when 2d
// exceeds ChunkDistance (default 20, in 64-bit units). Partial credit
// matters: a dropped sentence merges two passages into one that, in the
// cases inspected, sat 9 to 11 of 32 bits from either. Half the bits gave
// higher recall than all 64 at the same threshold (0.9920 against 0.9866,
// no false pair either way). The share of the representative in the
// document counts its stored passages the same way against all of the
// document's. The row keeps no weights: a stored passage the document
// holds unchanged (within 2 bits) weighs what its copy weighs there, the
// rest share the remaining stored shingles equally; a short copy cut
// short under another outlet's footer, whose cut passage and footer are
// two of its five, is held by its story (TestCutCopyBeforeStory: 23 of
// 40 missed with equal weights, 9 so; holdout recall of cut copies
// arriving first 0.80 to 0.84). A representative stored whole that the
// document holds in order from its first passage, lacking only its last
// one to three passages (the passage the cut falls in, running on into
// the footer, and the footer, which two long lines make two passages:
// TestCutCopyUnderTwoLineFooterBeforeStory 13 of 60 apart when two were
// allowed, 5 then, 4 now) and no more than half of it, is held when the
// whole simhashes agree at the threshold within cutSlack (4 bits; the 3
// of a copy taken to go on like a story before, see cutSlack for the
// harder sets' figures) (cutUnderFooter): TestCutCopyBeforeStory none
// of 40 missed now (1 without slack), TestCutCopyOfOpeningBeforeStory 3
// of 60 (6 without slack, 16 before; harder dev set recall, originals
// last, 0.9476 without slack, 0.9513 with), TestCutCopyHalfFooterBeforeStory
// 34 of 960 (41 at 3 bits). A last passage cut inside the document's
// passage next to the run, with no footer (a copy cut to its lead), is
// credited when it lies as far from that passage as a prefix of it would
// (prefixLike): 68 fewer missed pairs in the harder sets' library cells,
// most in Cyrillic and Greek letters. It may lack its
// first passage too, when the document holds its second at its own
// opening: another outlet's byline of 8 words or more is kept and runs
// into the story's first lines (TestCutCopyUnderLongHeaderBeforeStory,
// 14 of 60 missed, 34 before; one passage only, as a quoting post's own
// text above the quote runs over as many passages as the quote). The
// harder dev set's cut copies arriving first were its largest group of
// misses (recall 0.747 originals last; 0.805 before the whole-text gap
// rules above, 0.810 now, most of the rest share
// no passage with the story unchanged). Held in any order, one short story of the generated
// corpus joined another of a site with the same footer, one passage of
// which came within 6 bits of the story's first by chance. The same shape
// is tested the other way, on a document arriving after its story: it
// lies in the story when it holds the story's stored opening from its
// first (or second) passage one passage after another, then at most
// maxCutTail passages of its own, no more than half of it, and the whole
// simhashes agree within the same slack (TestCutCopyAfterStory, 5 of 60
// apart before, 2 now; in order alone, with holes, a chance match far
// down a document spanned them). Storing
// 8-bit weights instead (index
// 45.9 to 48.5 bytes per document) gained no more and merged politics
// 111 and 293 through a variant. Tolerant matches count only between
// sure ones, and next to them only a stored passage whose nearest
// passage in the document is the neighbour of the sure one's there,
// within 8 bits: a copy starting or ending inside a paragraph has that
// passage cut elsewhere (the second half of an 8-paragraph story held by
// it, pipeline's TestKeepLongestMergesHalves: 0.64 without, 0.92 with);
// within ChunkDistance, such chance neighbours under shared outlet
// footers took the harder dev set's precision from 0.9965 to 0.9869.
// Otherwise: among a long document's many passages
// one falls within ChunkDistance of a key by chance one time in 40, and
// counting one passage more on either side of the sure ones merged one
// post in 60 quoting half a story (TestQuotingPostStaysApart) and took
// the harder dev set's precision from 0.9948 to 0.9805. The neighbour
// before the sure ones counts for no more than the other side's passage
// there: in the document, at most 3 of the representative's mean stored
// passages (passage lengths fall off geometrically, so a longer one is
// seldom one passage of the representative); in the representative
// (the row keeps no weights, so it gets an equal share of the shingles
// not held exactly), at most the document's passage it lies near. A
// post quoting a story's opening whose own words ran into the quote with
// no cut between (the short line introducing the quote is not
// fingerprinted) made a first passage of 125 shingles 8 bits from the
// story's first, of 34: counted whole, the post lay in the story at 0.77
// and the story, arriving after it, held the post at 0.83
// (TestPostRunningIntoQuoteStaysApart). On the harder sets (dev, dev2,
// holdout, seeds 1-3, four orders), the must-stay-apart pairs merged in
// holdout went from 5 of 12 cells to none (seed 1 input order, seed 2
// in every order), with 3 fewer false pairs in each of those cells, and
// on dev2 seed 2 2 more in input order and 4 fewer reversed and
// shuffled; dev and dev2 lost 6 pairs and gained 4 (recall -0.0005 to
// +0.0005 in 6 cells), the labelled set and holdout recall are unchanged.
// Likewise the document's passage holding the representative's opening
// after text of its own, a few bits from its first passage (the post's
// words run into the quote with a cut a passage earlier), counts for at
// most one mean stored passage (TestPostStraddlingQuoteStaysApart): of
// 1,940 generated posts quoting the opening of a story, at most 0.55 of
// their words, 14 merged with it in one order or the other, 10 so. On
// the harder sets (seeds 1-3, four orders) the must-stay-apart pair
// merged in dev2 seed 1, input order, and in the blind novel set seed
// 3, input order, stay apart, with 3 fewer false pairs in each; 4 pairs
// were lost in 36 dev, dev2 and holdout cells, 8 in novel's 12 (recall
// at most -0.0014 in a cell), the labelled set is unchanged.
//
// Two more shapes of a quoting post merged on the harder dev sets with
// seeds 4-9 (48 cells, four orders, none of them in the 36 cells above).
// A post's own first passage lay 6 bits from the story's first, as near
// as the post's passage straddling its words and the quote: the stored
// passage was taken at the first of the two, so the shared stretch ran
// from the post's first passage and nothing of the post counted as text
// before it. A stored opening passage held as near at two places is now
// taken just before its successor's match
// (TestPostWithChanceMatchBeforeQuoteStaysApart; taken just after its
// predecessor's as well, nothing more changed). And a story arriving
// after a post quoting its opening held the post's sample, one of the
// quote's passages, near its own start, and lay in the post by the rate
// extrapolated from it and three passages of the post's own words that
// its later ones came within ChunkDistance of by chance: holdsPastSample
// now also bounds the text after the sample by half the representative,
// give or take maxGap (TestStoryAfterPostHoldingItsSampleStaysApart).
// Both together: the 36 cells of dev, dev2 and holdout, seeds 1-3, lose
// one false pair and find as many pairs (dev seed 2 reversed 2 more found
// and one false pair fewer, dev2 seed 2 shuffled 2 fewer found); seeds 4-9,
// must-stay-apart pairs merged 13 to 11 (dev seed 9 input order, dev2
// seed 5 shuffled), false pairs 1,021 to 1,016, missed pairs 9,656 to
// 9,654 (2 more found in dev2 seed 5 reversed and shuffled, 2 fewer in
// dev2 seed 6 input order).
// Likewise a sure match that is not exact and lies before the match of
// an earlier stored opening passage is dropped as a chance one: the
// harder holdout set (seed 1, shuffled) with its letters mapped to
// Cyrillic has other passage cuts, and a post's own words held a passage
// 5 bits from its story's fifth, above the post's quote of the story's
// first four, so the stretch started there and the post joined the story
// through the command (TestPostWithChanceMatchOutOfOrderStaysApart).
// Exact matches out of order stay (a copy with reordered paragraphs). The
// 36 cells: false pairs unchanged, 4 more missed pairs (dev2 seed 2 and
// holdout seeds 1 and 2, 2 each, 2 fewer in dev seed 3); seeds 4-9, 48
// cells: false pairs unchanged, one fewer missed pair. Crediting only the
// passage before the stretch aligned with r's stored passage there (not
// any passage within gapDistance before it), which kept a Greek-mapped
// post apart, cost 58 pairs in the 36 cells for 2 false pairs fewer.
//
// A quoting post's headline repeats the story's, and with other passage
// cuts it ran into the post's first sentences as one passage 5 bits from
// the story's first (the Cyrillic-lettered holdout set, seed 2, business
// 090): the shared stretch started at the post's first passage, the
// post's own text after it took chance credit (passages come within
// ChunkDistance of one of 9 stored keys one time in 5) and counted as
// room for the story's unstored text, and the post lay in the story at
// 0.93, 0.43 of its 5-grams being the story's. When the stretch starts
// at an inexact match, the document's passages lying between two stored
// opening passages that follow each other in r get no credit and no room
// (inside, in match): r has no text between them. A stretch starting
// exactly keeps both: a copy with its second half reordered holds r's
// unstored paragraphs there (counted so at any start, 145 more pairs
// missed of reordered copies). TestPostWithInexactOpeningStaysApart, 20
// of 20 joined before. The 36 cells (dev, dev2, holdout, seeds 1-3, four
// orders): with Latin letters, false pairs 354 unchanged, missed pairs
// 4,712 to 4,749 (copies with a teaser after their lead, whose first
// passage an edit or a header made inexact, and a BBC pair with a
// rewritten lead); with Cyrillic letters, false pairs 801 to 777,
// must-stay-apart pairs merged 41 to 33, missed 5,024 to 5,034; with
// Greek, 521 to 519, 13 to 12, 4,836 to 4,852. The labelled set is
// unchanged. Through the command (clean --annotate, seeds 1-3, four
// orders): on the Cyrillic-lettered holdout set, must-stay-apart pairs
// merged 7 to 2, false pairs 52 to 37, missed 904 to 906; on the Latin
// holdout set 10 more missed (715 to 725, 5 cells), nothing else; the
// blind novel set is identical.
//
// An expansion cut short (politics 293, truncated: 111's story, then new
// comments, never reaching 111's own comments) held 111's stored opening
// at 0.83 and lacked 111's sample and end; going on past the stretch for
// more than 111's unstored text, it was taken to hold that text too, held
// 111 at 0.81 and took its place, pulling both clusters together. A
// document holding r's opening but neither r's sample nor r's end, and
// going on past the stretch for more than r's unstored text (by maxGap),
// diverges from r (divergent, in match): when it is judged to hold r, at
// most half of r's unstored text is credited, the stored part keeping
// its rate (TestExpansionCutShortDoesNotHoldStory, 20 of 20 held before).
// The 36 cells: with Latin letters, false pairs 354 to 327 and
// must-stay-apart pairs merged 6 to 3 (111 and 293 stay apart in dev seed
// 1, input, late and shuffled order), missed pairs 4,749 to 4,770 (7
// cells, at most 6 in one); with Cyrillic letters, 777 to 696, 33 to 28,
// 5,034 to 5,052; with Greek, 519 to 498, 12 to 12, 4,852 to 4,878. The
// labelled set loses one pair in late and one in reversed order (0.9948
// to 0.9947, 0.9932 to 0.9930). A first form, without the length test
// and crediting the stored part as found, missed 162 more pairs in Latin
// letters and 9 of the labelled set in late order; not counting a spent
// sample as lacking kept the Latin merges; capping, the same way, the
// extrapolation by which such a document lies in r (a shorter expansion
// cut short does, by its opening's rate and chance credit) cost 15 more
// pairs and 6 of the labelled set in late order, and is not done.
// A wrapped copy of 293 held 111's opening and, after the new comments,
// 111's sample, and its own cuts lacked 111's end, which is what let
// sketchGapOK see the new text between; it held 111 by the opening's
// rate. A sample held past more text than r has before it (give or take
// maxGap, and at least a mean stored passage: sampleFar) now refuses the
// containment, as a gap before r's end does
// (TestExpansionHoldingSampleFarDoesNotHoldStory, 20 of 20 held before,
// 1 now, through a chance match of r's end in the new text).
// The 36 cells: with Latin letters, false pairs and merges unchanged
// (327, 3), missed pairs 4,770 to 4,806 (11 cells, at most 6 in one);
// with Cyrillic letters, false pairs 696 to 654, must-stay-apart merges
// 28 to 23, missed 5,052 to 5,086; with Greek, 498 and 12 unchanged,
// missed 4,878 to 4,902. The labelled set is unchanged. Without the
// passage's slack, a short representative stored nearly whole had no room
// before its sample at all and 3 labelled pairs were missed.
//
// What still merges is left so, measured and not paying: of 1,317 posts
// made from syntheticStories (seed 1, 2; one to three paragraphs of the
// next story run together, then the first two, at most 0.55 of the post's
// words), 8 merge with their story, 4 in each order. Stored first and
// whole, the post gives its passage straddling its words and the quote
// and its last (ending inside the story's passage) an equal share of its
// shingles, about twice the story's passages they lie near. Capping the
// stretch's end passages at those keeps 3 of the 4 apart and takes 23
// false pairs off dev and dev2 (seeds 1-3, four orders), but misses 19
// more pairs there, 4 on holdout and 6 of the labelled set (recall 0.9959
// to 0.9952, input order); capped only at over twice, and only when the
// document lacks the representative's first passage, 2 false pairs fewer
// and 2 missed more in one dev2 cell, and still 4 labelled pairs missed
// in three orders: a copy cut to three paragraphs under a headline and a
// footer (business 413) has a post's shape, and without weights in the
// row the estimate cannot tell 0.54 from 0.7. Stored second, the story
// lets the post take its unstored text at the extrapolated rate up to the
// post's text from the stretch on, the straddling passage's own words
// included, and credits the post's own passage lying by chance before the
// quote within gapDistance of a later stored passage. Bounding the first
// by the straddle's excess and not crediting the second keep 3 of the 4
// apart, but add 6 false pairs on dev2 and 6 on holdout seed 2 with a
// must-stay-apart pair merged there in two orders, and 9 missed pairs.
// Later, with more rules around them, the straddle was kept out of the
// room, but only its excess over the share of it the distance implies
// for the story's passage (the credit squared, at least the mean), and
// a passage just before the stretch nearest to the story's first is
// credited by that share, not leadCutSpan means: through clean, the
// posts merged on the harder holdout and novel sets (two in Latin
// letters, two in Cyrillic) stay apart, with false pairs 64 to 58 and
// 31 to 25 and missed pairs 1,405 to 1,407 and 913 to 921; in the
// library's 36 cells, false pairs 327 and 654 to 327 and 648, missed
// 4,768 and 5,064 to 4,764 and 5,066, must-stay-apart merges with
// -extra 7 to 4 (TestPostQuotingOpeningStaysApart).
//
// When a representative is longer than its stored part, the share of
// that part which the document covers (from the first stored passage it
// shares, so a copy that lost the opening is not diluted) is extrapolated
// to the rest, bounded by both lengths and by the text around the shared
// stretch: what the document holds of the unstored part lies after the
// stretch, so its own text before the stretch (a post's words above a
// quote of the opening) is not in the representative, and the
// representative's unstored part can be in the document only as far as
// text follows the stretch. Without those bounds 14 of 72 quoting posts
// and real same-event pairs of the harder dev set merged, with them 1.
// Nor is anything extrapolated when the document does not go on like r:
// it holds r's opening from the first passage it shares, then goes on
// past where r's stored opening and a footer (maxCutTail passages) would
// end, yet holds fewer than half of those stored opening passages (surely,
// or within gapDistance between sure ones or next to the last, as the
// stretch counts them), does not surely hold r's sample anywhere, and
// does not hold r's end with room for r's unstored text before it. The
// rate was taken from everything the document's passages came near, and
// a long document's own passages come within ChunkDistance of one of 9
// keys often (one in 40 a key by chance, more for stories of one event):
// a story whose lead was the teaser on top of another's copy, and tech
// 141 after a copy of 173 (same first paragraphs and ending, half of 173
// new), lay in that representative at 0.97-1.0, holding 2 of its 5 to 7
// stored opening passages (TestStoryNotGoingOnLikeRepresentativeStaysApart).
// A copy missing paragraphs of the stored opening that holds the sample
// goes on like r (TestCopyMissingParagraphsHoldingSampleJoins; with the
// sample required in place after the opening, the holdout set's recall
// with -extra fell by 0.0006 in two orders). Pair precision, harder
// sets, seeds 1-3, four orders: dev seed 1 .9940/.9936 to .9964/.9961
// (reversed, shuffled; its apart pairs merged 2 to 1), seed 3
// .9948/.9923/.9945 to .9956/.9939/.9972 (originals last, reversed,
// shuffled); dev2 .9912/.9961, .9886/.9916, .9936/.9947 to .9937/.9969,
// .9894/.9924, .9961/.9972 (reversed, shuffled; apart pairs merged 2 to
// 1, 1 to 0, 2 to 1 and 1 to 0 in four of those cells); the other 25
// cells unchanged. Recall the same in 31 of the 36, higher in 5 (+0.0005
// to +0.0011), lower in none. Seeds 4-6: precision higher in 15 of the
// 24 cells and lower in none, apart pairs merged fewer in 5 and more in
// none, recall higher in 8 and lower in 2 (-0.0005: a copy of tech 141
// left in 173's cluster when 141 no longer joins it, and a copy of
// politics 193 with three edits holding its opening and end with half
// of it missing between, the shape of 141 and 173). Holdout, seeds 1-3:
// unchanged but seed 3, reversed and shuffled, P .9952 R .9734 and
// P .9972 R .9712 to P .9986 R .9758 and P .9992 R .9723; with -extra,
// seed 1, recall unchanged and precision originals last .9994 to 1.000,
// shuffled .9977 to .9983. The labelled set is unchanged in all four
// orders (no hard negative merged, 45.9 bytes per document); the
// generated corpus at a million, P 0.9997, recall 0.9820 to 0.9819
// (704,737 clusters against 704,725, 65.1 bytes per document).
//
// Every join must then agree with the whole-document simhashes: their
// distance may exceed the one a containment at the threshold implies
// (64*acos(cos)/pi) by at most TailSlack (6) bits.
//
// The share of such a representative in the document counts its stored
// passages the document holds in the stretch of its opening and, when
// the document holds it surely after that stretch, its sample, which
// ends no stretch (see above) but is the representative's own text, and
// then its unstored text too, as far as the document's text goes on
// past the stretch: the document holds it from its opening to its
// sample. Counted through the stretch alone, a copy of a story's second
// half under another outlet's header and footer, which arrived first,
// lay in the story at 0.60-0.69: its first and last stored passages are
// the header and footer run into the half's first and last lines, two of
// the eight counted, where they are two of 15 or 20 passages of the copy
// (TestStoryAfterSecondHalfUnderOutletJoins, 20 of 120 apart before, 13
// with the sample credited, 7 with the unstored text). Not when more
// text lies between the stretch and the sample than the representative
// has before it past its stored opening (it lies before the last
// quarter), give or take maxGap: a copy of politics 293 holds 111's
// opening and, after its new comments, 111's sample, and took 111's
// place (TestExpansionHoldingSampleStaysApart; without that test the
// harder dev2 set, seed 1, had 3, 9 and 9 more false pairs and one pair
// kept apart merged in three orders). Measured on the harder sets (dev,
// dev2, holdout, seeds 1-3, four orders): pair recall up by 0.0005 to
// 0.0090 in 33 of the 36 cells, down in none, 325 more pairs found,
// false pairs and pairs kept apart unchanged in all 36; second-half
// copies, originals last, dev 0.960, 0.934, 0.940 to 0.965, 0.939, 0.940,
// dev2 0.953, 0.950, 0.946 to 0.962, 0.973, 0.969, holdout 0.941, 0.954,
// 0.931 to 0.951, 0.964, 0.936; copies with three edits at once,
// originals last, dev2 0.884, 0.826, 0.790 to 0.898, 0.856, 0.820. With
// seeds 4-6 of dev and dev2 (24 cells) recall rose in 21 and fell in one
// (dev seed 4, input order, 0.9521 to 0.9516), with 5 more false pairs
// in one (dev2 seed 5, reversed, 0.9896 to 0.9882: a copy of politics
// 023 with another story's lead as a teaser lies in that story and now
// holds 023's copy too, so Add merges the two clusters). The labelled
// set's recall, originals last, 0.9927 to 0.9934, reversed 0.9895 to
// 0.9914, shuffled 0.9922 to 0.9927, input order and precision
// unchanged, no hard negative merged; the generated corpus at a million
// unchanged (P 0.9997 R 0.9820). Requiring as well as much text between
// the stretch and the sample as r has before it (the sample lies past
// its middle) found 23 fewer pairs on dev and dev2 and 4 on holdout
// (measured with an earlier rule on spent samples), and no fewer false
// ones.
//
// The whole simhashes also vouch for a join, not only veto one: when the
// document surely holds two of the representative's stored opening
// passages, and the overlap their distance implies at two standard
// deviations of simhash noise (bits differ independently, each with
// probability theta/pi) is at least the threshold of the longer of the
// two (wholeOverlap), each holds the other. A copy with a teaser on top
// or after its first paragraph and its second half reordered lacks its
// story's first, sampled and final passages, all recut, and the two held
// each other by 0.4 to 0.7 of their passages while their whole simhashes
// were a few bits apart (TestTeaserReorderedCopyJoins, 7 of 7 apart
// before). The two passages were required in a row, the first among the
// opening's first three, until copies with an edit or a moved paragraph
// recutting the passage between stayed apart, 7 or 8 bits from their
// stories (TestCopyHoldingOpeningRecutJoins, 4 of 6 pairs in the two
// orders apart before). Library cells of every harder set (dev, dev2,
// holdout, seeds 1-3, four orders; novel and other sites' texts), false
// / missed pairs: 2,091 / 20,919 before, 2,091 / 20,793 with the two
// anywhere among the first three's, 2,091 / 20,688 anywhere in the
// opening (fewer missed in every set each time); pairs kept apart
// merged 29 throughout. Through clean, holdout seeds 1-3, the three:
// missed 4,028, 3,984, 3,956 in the Latin, Cyrillic, Greek, -extra and
// novel sets and other sites' texts (novel alone 610, 610, 612); 1,990,
// 1,946, 1,891 in Thai, Arabic (novel) and Devanagari; Chinese 576, 576,
// 541; false pairs unchanged in all. The labelled set (through clean
// too), the lead-teaser tables of -shapes (BBC and other sites' texts)
// and the seeds unchanged, the generated corpus at 80,000 documents R
// 0.9867 to 0.9868; -shapes' other rows keep up to 35 fewer copies
// apart (a word in 20 replaced, 1,234 to 1,199 of 2,225), none more.
// Counting the sample and the final passage among the two: 33 fewer
// missed, 27 more false pairs and 3 more pairs kept apart merged (a
// site's footer is both). The bound at 1.5 standard deviations for a
// document holding three opening passages or more: 280 fewer missed, 18
// more false pairs, and a post quoting half of an article of another
// site (page-signal 104ac8ce) merged with it.
// Allowed for any sure match, or at the threshold of the shorter, a
// copy cut to one line under an outlet's header and footer, mostly that
// boilerplate, joined another story under the same outlet (the harder
// dev2 set, seed 2, input order, precision 0.9966 to 0.9958).
//
// They vouch too, at the threshold of either one's size, for a document
// holding two of the representative's stored passages (any of them)
// unchanged in two passages of its own: the two surely share text, and the
// overlap then taken at recutSigmas (2.5) standard deviations, when the
// whole simhashes can tell it from none (wholeTells), is the better
// measure when the passages are recut. A copy of a story's later two
// thirds with its paragraphs shuffled keeps a passage only inside a long
// paragraph: of 600 such pairs of synthetic stories (both orders), 412
// stayed apart, 344 now (TestReorderedLaterPartJoins); cut into paragraphs
// of 12 to 23 words, 581 and 574. Not when the representative is stored
// whole and all the two share surely is their ending (an outlet's footer:
// two copies cut to a paragraph under one outlet's frame; a longer
// representative's sample and final passage are not asked), nor over text
// before the shared stretch (TestWholeVouchingStaysApart): the document's
// own when the stretch starts at the representative's first or second
// passage (a post's own words above its quote of a story's opening), the
// representative's stored opening passages before the first the document
// holds. Library cells of every harder set (dev, dev2, holdout, seeds 1-3,
// four orders; novel and other sites' texts), false / missed pairs: 4,485
// / 38,792 before, 4,504 / 38,352 now (fewer missed in every set, 8 to 70;
// 17 of the false pairs more are in Thai, 12 in one cell, where a copy
// that had joined another story's copy by their outlet's frame now brings
// that story's cluster, which its copy joins); pairs kept apart merged 76
// throughout. At 2 standard deviations with neither test: 4,840 / 37,955
// and 94 pairs kept apart merged (copies cut to a paragraph under one
// outlet's frame); at 2.5 with the ending's test alone, 4,524 / 38,336 and
// 82 (posts quoting half a story in Devanagari and Chinese letters, which
// hold its opening exactly and 0.43-0.50 of their text in it, their whole
// simhashes about 2 standard deviations nearer than that implies). Through
// clean (holdout seeds 1-3, four orders): false / missed pairs of the
// Latin, Cyrillic, Arabic, Chinese, -extra and novel sets and other sites'
// texts 207 / 4,278 to 212 / 4,186; Thai, Greek and Devanagari missed 621,
// 626, 642 to 585, 616, 621, false pairs unchanged; pairs kept apart
// merged unchanged in all. The labelled set: recall 0.9971, 0.9953,
// 0.9935, 0.9941 (four orders) to 0.9973, 0.9955, 0.9938, 0.9943,
// precision unchanged.
//
// A document holding a run of the stored opening's passages and then more
// than maxCutTail passages of its own, none of them near the two or more
// of r's stored opening passages that follow, more than the run holds
// (diverges), is taken to go on like r only when the whole simhashes
// agree with that within sampleSlack, as for a copy of r's second half:
// a copy of a story cut to four paragraphs held another story's copy
// whose teaser was its lead, and lay in it whole by the extrapolation
// from chance credit of its own text (TestCutCopyOfTeaserStaysApart;
// refused outright, the labelled set's recall fell by 0.0011 and 0.0018
// originals last and shuffled, and the generated corpus's from 0.9820 to
// 0.9803; without the test of the run's length, to 0.9814: copies cut
// short with words changed hold five of the seven). Nor is a document
// whose stretch is hollow (hollowStretch: more than half of r's stored
// opening passages inside it lie further from all of its passages than
// a passage with words edited throughout), unless it holds r's sample or
// the whole simhashes agree with the overlap and can tell it from none
// (wholeTells: the overlap of a short text lying whole in a long one
// implies a distance that unrelated texts reach too): one-line stories
// under one outlet's header and footer hold each other's first and final
// passages exactly and little between, and extrapolated from those, four
// lay in a long one whole (TestOutletFramedOneLineStoriesStayApart).
// When all a document surely holds of r is r's first and final
// passages, with two stored passages or more between (framed), only
// those two count toward the share of r it holds, and the stretch is
// hollow (above): two stories under one outlet's header and footer share
// just those, and stored passages between lying 8 to 10 bits from some
// passage of the document are chance matches (one in 40 pairs within
// ChunkDistance, more among texts of one script and outlet). Credited,
// they made two Thai-lettered BBC stories (business 221 and 055, the
// harder dev2 set, seed 2) hold each other by 0.70, the longer taking
// the other's place and the stories that joined it after following; and
// extrapolated from, a copy of sport 092 carrying another story's lead as
// a teaser lay whole in a copy of entertainment 117 under the same frame
// (TestStoriesUnderOneFrameStayApart). Library cells of every harder set
// (324): false / missed pairs 4,498 / 38,215 to 4,216 / 38,156, all in
// Thai (1,074 / 5,180 to 801 / 5,121, lowest precision 0.9544 to 0.9807)
// and -extra (309 to 300 false); every other cell, the labelled set and
// the through-clean cells unchanged (the stripper takes the frames off);
// the generated corpus at 262,144 documents 184,307 clusters to 184,309
// (P 0.9999, R 0.9862 unchanged); -shapes keeps a few copies more apart:
// a word in 20 replaced 833 / 849 to 835 / 851 (story first / copy
// first), in 30 106 to 107 (story first), each paragraph's last sentence
// cut 39 to 40 (copy first). With the share alone and the stretch not
// taken for hollow, Thai false pairs fell to 946 only. Framed with a
// single stored passage between as well: Greek 8 false pairs fewer,
// Cyrillic 6 more and 4 more missed, Latin and -extra 2 more missed each;
// left out.
// A document sharing a single stored opening passage with r surely, and
// neither r's sample nor its end, goes on like r at most up to where r's
// sample lies (beforeSample), whatever the whole simhashes say: they
// cannot tell an overlap extrapolated from one passage from a quote of
// a passage or two (two stories of one event in Arabic letters, 0.55 of
// one's shingles in the other, were estimated at 0.72 and agreed with).
// Library cells of the harder sets (dev, dev2, holdout, seeds 1-3, four
// orders, Latin, Cyrillic, Greek, -extra; novel; other sites' texts):
// false pairs 2,091 to 1,978, missed 20,688 to 20,656, pairs kept apart
// merged 29 unchanged, all of the change in -extra (419 / 3,980 to 309 /
// 3,948) and other sites' texts (67 / 1,649 to 64 / 1,649); Thai 49 / 1,059
// to 46 / 1,057. Through clean, the holdout cells of every set are
// unchanged (the stripper takes the outlets' frames off most copies),
// but not off a one-line copy: dev2 with -extra, seed 3, originals last,
// P 0.9686 R 0.9706 to 0.9935 and 0.9762. Of the harder dev and dev2
// sets' copies with three edits at once missed in input order (seeds
// 1-6, 357 pairs), 198 share less than 0.7 of their exact 5-grams with
// their story either way (a teaser over a cut lead, a middle excerpt:
// out of reach at the threshold); of the other 159, compared with the
// story alone, 67 find no candidate (8 hold the story's sample past
// their 8 leading passages, ranking too high to be looked up; 24 hold
// only stored passages not indexed, 18 only unstored ones, 17 none
// exactly), 79 are refused (27 holding only the sample, whose whole
// simhash lies beyond the slack of the overlap assumed; most others hold
// the opening and lie in the story by 0.4-0.7 of their passages), 13
// join alone. Both rules together, dev, dev2 and holdout, seeds 1-3, four
// orders (P/R before, then with both):
//
//	dev s1      .9953/.9616 .9964/.9646 .9940/.9608 .9936/.9505  then  .9962/.9616 .9973/.9667 .9940/.9632 .9945/.9540
//	dev s2      .9989/.9519 .9964/.9534 .9956/.9508 .9986/.9458  then  .9989/.9524 .9972/.9556 .9956/.9571 .9986/.9487
//	dev s3      .9981/.9635 .9948/.9561 .9923/.9521 .9945/.9484  then  .9981/.9640 .9956/.9582 .9964/.9563 .9972/.9521
//	dev2 s1     .9961/.9569 .9956/.9608 .9912/.9524 .9961/.9484  then  .9961/.9574 .9956/.9619 .9920/.9542 .9961/.9500
//	dev2 s2     .9966/.9397 .9939/.9442 .9886/.9407 .9916/.9325  then  .9966/.9397 .9939/.9442 .9894/.9423 .9916/.9341
//	dev2 s3     .9994/.9471 .9961/.9497 .9936/.9487 .9947/.9426  then  .9994/.9481 .9961/.9524 .9953/.9524 .9964/.9421
//	holdout s1  .9983/.9761 1.000/.9808 .9992/.9789 .9994/.9706  then  .9983/.9761 1.000/.9835 .9992/.9813 .9994/.9717
//	holdout s2  .9983/.9742 .9975/.9753 .9977/.9731 .9975/.9725  then  .9983/.9753 .9975/.9764 .9978/.9769 .9975/.9742
//	holdout s3  .9994/.9778 .9994/.9819 .9952/.9734 .9972/.9712  then  .9994/.9783 .9994/.9841 .9978/.9783 .9983/.9728
//
// with the pairs that must stay apart merged as before in every cell.
// Copies with three edits at once, holdout: 0.889, 0.935, 0.931, 0.898
// with seed 1 as before; seed 2 0.890, 0.900, 0.913, 0.909 (reversed
// 0.904 before), seed 3 0.916, 0.926, 0.916, 0.921 (0.916, 0.921, 0.896,
// 0.916). The labelled set: recall 0.9959, 0.9939, 0.9919, 0.9923
// (0.9954, 0.9934, 0.9914, 0.9927 before), precision the same, no hard
// negative merged, 45.9 bytes per document; the generated corpus at a
// million P 0.9997 R 0.9821 (0.9820 before), 65.1 bytes per document.
//
// Copies with three edits at once (round 9): of the pairs within reach
// (one holds 0.7 of the other's exact word 5-grams) the harder dev and
// dev2 sets missed, seeds 1-3, four orders, 213 (57, 43, 47, 66 in
// input, late, reversed, shuffled order), 129 without an outlet's frame;
// by their edits, a middle excerpt (second half and cut short) 39, the
// second half reordered 38, a teaser over a cut copy 26, a teaser over
// the second half 21. Compared, when the later of the two arrived, with
// the representative of the earlier's cluster: 80 found no candidate
// (42 of them would have joined it: they hold none of the story's
// indexed passages exactly among those they look up; middle excerpts
// mostly); 26 were accepted but joined another cluster of their story
// (an original arriving last lies in a teaser copy, its best, and holds
// the copy with three edits without strongHeld, or the best is one it
// merely lies in); 47 were held below the threshold by an original
// arriving later (25 at 0.6-0.7), 45 lay in the story below it (a
// teaser is a third of a cut copy's fingerprinted text, while the exact
// 5-grams count its short lines too), 15 were refused the extrapolation
// (14 hold only the story's sample, the whole simhash beyond
// sampleSlack). Of those held below the threshold, a copy of a story's
// second half or middle under another outlet's frame that came first and
// is stored whole is held by the story in its passages one after another
// from the copy's second, but for its first (the header run into the
// half's first lines, or a paragraph starting inside one of the story's
// passages) and its last (run into the footer), which the row weighs as
// much as the others: 0.55 to 0.7. Such a copy (excerptShape: at least
// three passages in a row from its first or second, up to its last to
// maxCutTail, at least half of it; from its first only at the document's
// opening) is now held when the whole simhashes agree at the threshold
// within cutSlack, as a copy cut under a footer is
// (TestStoryAfterMiddleCopyJoins, 35 of 150 apart before, 13 now). On
// the 36 cells (dev, dev2, holdout, seeds 1-3, four orders) pairs missed
// fell from 5,093 to 5,017 (dev 1,868 to 1,842, dev2 2,290 to 2,252,
// holdout 935 to 923), lower in 22 cells, higher in none; false pairs
// rose from 364 to 369 (dev2 seed 3 reversed 14 to 17, dev seeds 1 and 3
// shuffled 11 to 12 and 10 to 11), the pairs that must stay apart merged
// as before in all 36. Within reach, the copies with three edits missed
// 97, 68, 68, 96 (97, 69, 72, 98 before), second halves 150, 38, 40,
// 119 (151, 43, 46, 119). The labelled set's recall went from 0.9959,
// 0.9939, 0.9919, 0.9923 to 0.9963, 0.9948, 0.9932, 0.9928, precision
// the same, no hard negative merged. Dev and dev2 with seeds 4-6 (24
// cells): missed 4,701 to 4,636 (lower in 16 cells, higher in one, dev
// seed 4 shuffled 208 to 210), false 564 to 570 (4 cells), apart as
// before; with -extra, seed 1, dev and holdout, false and apart pairs
// unchanged in the 8 cells, missed lower in 5 (dev originals last 144 to
// 138). The whole simhashes at sampleSlack: 2 more missed in the 36
// cells, no fewer false; at quarterSlack, 26 fewer missed and 3 more
// false. Of the false pairs, two are posts
// quoting a story's first half that hold a copy of the story cut short
// (they do hold it, but must stay apart from the story: the copy's
// cluster had missed its story), three are three copies cut short under
// one outlet's header and footer brought together once other clusters
// had changed (one lies in another's representative through their
// header and footer passages, the 0.4 of a short row maxRowGap allows).
// With a held run that ends the representative allowed (a footer shared
// with another story of the site), two passages in a row enough and the
// run from the representative's first passage anywhere in the document,
// false pairs went from 364 to 805; with the run's end required before
// the representative's last passage, 375 (fn 5,007); with three in a
// row and the first passage only at the document's opening (posts
// quoting a story's opening held its copy cut short from there), 369.
// Left out, on top of this rule (IndexedChunks 6 too): merging the
// representatives held by strongHeld when the best is one the document
// merely lies in, 39 more pairs and 15 more false (dev seed 3, input
// and late order: entertainment 253 and 373 and their copies); refusing a short document
// whose only sure matches with a representative stored whole are its
// first passage and its last few (an outlet's header and footer, with
// the document at most maxCutTail passages longer), 18 fewer false
// pairs and 34 more missed, and the labelled set lost 6 pairs in input
// order (0.9963 to 0.9956); IndexedChunks 6, 253 fewer missed but 46
// more false, 3 more pairs that must stay apart merged and a hard
// negative of the labelled set merged (reversed), at 50.6 bytes per
// document.
//
// Of the 26 accepted and joined to another cluster of their story, most
// are originals arriving after their copies that lie in one copy (a
// teaser copy, whose text holds the story whole) with the best score and
// lie in and hold another nearly whole, which Add did not merge: only
// the representatives the document holds or is mutual with are merged,
// and those it holds nearly whole only when it holds the one it joins.
// The pairs were lost either way, but the best a document merely lies in
// is also where chance takes it: a copy of a story cut to its lead lies
// whole in another story's copy that carries that lead as a teaser, a
// copy of politics 111 lies whole in a copy of its expansion 293, a copy
// of a short story lies in a post quoting sentences of it. So a
// representative the document lies in and holds by strongHeld (the best
// such) now wins over a best it merely lies in, and the representatives
// it is mutual with join it (TestCopyJoinsStoryNotItsExpansion, 12 of 40
// copies joined the expansion or stayed apart before, 7 now). On top of
// excerptShape, in the 36 cells: missed 5,017 to 5,008 (lower in 5
// cells, higher in one, dev2 seed 2 originals last 204 to 205), false
// pairs 369 to 357 (lower in 4 cells: dev seed 3 input and originals
// last 7 to 4 and 16 to 13, dev2 seed 1 reversed 23 to 20, holdout seed
// 1 input 3 to 0, higher in none), apart as before; within reach, copies
// with three edits missed 97, 66, 66, 94 (97, 68, 68, 96). Dev and dev2
// seeds 4-6: missed 4,636 to 4,618, false 570 to 550 (lower in 5 cells,
// higher in none), apart as before; -extra, seed 1, dev and holdout, and
// the labelled set unchanged. Both rules against main before them: the
// 36 cells' missed pairs 5,093 to 5,008 (dev 1,868 to 1,835, dev2 2,290
// to 2,251, holdout 935 to 922; lower in 24 cells, higher in none),
// false pairs 364 to 357 (higher in 3 cells, lower in 4), apart 6 as
// before. With any representative the document is mutual with winning
// so, not only one it holds by strongHeld: 6 more missed and 1 more
// false in the 36 cells (dev2 seeds 2 and 3, originals last).
//
// Tried for second-half and cut copies and left out (pairs against the
// build with maxStarts; 36 cells: dev, dev2, holdout, seeds 1-3, four
// orders; 24 more: dev, dev2, seeds 4-6). A copy holding r's sample
// alone allowed quarterSlack: with the text before the sample at most
// r's third quarter, 36 more pairs and no false one in the 36, but the
// labelled set's business 293 variant joined 209 (a shared background
// paragraph is 209's sample; ranking sample-only joins below the rest
// kept it apart in input order only); with the copy at least half of r
// instead, 44 more and the labelled set unchanged, but with seeds 4-6 14
// more false pairs (tech 101 and 123, politics 111 and 293's second
// half: stories sharing later paragraphs). cutUnderFooter at quarterSlack when 3
// (or 4) of the held passages are exact: 46 (23) more pairs, but a copy
// of another story with r's lead as a teaser on top, cut short, joined r
// (dev2 seed 3, reversed). Merging the representatives held by
// strongHeld when the document lies in the one it joins by strongHeld:
// 99 more pairs, 22 more false (dev seed 3, teaser copies). A sample
// left unspent by a join holding it alone (not its end too, a footer's
// shape): 46 more pairs, none false in the 36, but 12 false and a pair
// kept apart merged with seeds 4-6; unspent by any join, 95 and 3 false.
// The later passages looked up for r's sample too, not only its second
// passage: 75 more pairs, none false in the 36, but the labelled set
// lost precision (reversed and shuffled 1.0 to 0.9994).
// The sample taken from past the third quarter (clear of the last
// maxCutTail+1 passages) when the third quarter's lowest-ranked key is
// not below sampleRank, so that no copy looks it up (a third quarter of
// six passages has none below it one time in eleven): through clean,
// Latin holdout (12 cells) missed pairs 704 to 675 and Cyrillic 868 to
// 858, false pairs unchanged, but the labelled set lost precision again
// (reversed and shuffled 1.0 to 0.9994: business 209 found 229, and
// politics 327 328, stories of one event, through the new sample, and
// joined on credits extrapolated from one inexact passage). A mutual
// document that opens with text r lacks (r's first stored passage not
// in it, r held by strongHeld) replacing r as a longer document holding
// r does, so that a copy cut to the lead finds the story after a copy
// lacking its lead came first: Cyrillic holdout seed 2 shuffled 98 to 92
// missed through clean, but a labelled copy with an advert inside its
// opening became the representative, and its story's next copy found no
// candidate (0.9971 to 0.9967).
//
// # Candidate search
//
// Candidates come from an open-addressing table over the exact keys of
// IndexedChunks (4) of each representative's stored passages, queried with
// the new document's first 8 passages and, past them, those whose keys
// rank in the lowest third (at most 24, the final passage aside), the
// passages a representative indexes first among its later ones: a
// document holding a representative's opening finds it in its first 200
// words, and a story finds a copy of its middle or end that came first
// wherever that copy starts, unless none of the copy's four indexed
// passages ranks that low (about 1 in 17). The first 16 passages, looked
// up before, found 4.3 candidates a document on the generated corpus
// (its inline adverts and footers, indexed for up to 16 stories each)
// against 0.95 now (0.94 with the first 8 before order independence);
// pair precision there went from 0.9995 to 0.9999.
// The rest of the document's later passages (at most 48, its final
// passage and the maxCutTail before it aside, where a site's footer runs) are looked up for a
// representative's second passage only, of a row of at least 5 stored
// passages: a copy lacking its story's opening starts there (its first
// passage is another outlet's header run into its first lines), and
// that is where a story arriving after it holds it. Of the harder dev
// and dev2 sets' second-half copies that came first and missed their
// story (seeds 1-3, four orders), 50 of 148 would have joined it had it
// been a candidate. Pair recall rose in 25 of the 36 cells of dev, dev2
// and holdout, seeds 1-3, four orders (78 more pairs; dev seed 1
// .9616/.9646/.9608/.9505 to .9630/.9659/.9608/.9519, dev2 seed 1
// .9569/.9608/.9524/.9484 to .9582/.9608/.9542/.9489, holdout seed 3
// .9778/.9819/.9734/.9712 to .9778/.9830/.9745/.9717), fell in none,
// with false pairs and pairs kept apart merged unchanged in all 36 (dev
// and dev2 seeds 4-6: recall up in 16 of 24 cells, 60 more pairs, false
// and apart pairs unchanged in all); the labelled set and the generated
// corpus at a million are unchanged (P .9997 R .9820, 65.1 bytes per
// document). Looked up for any
// representative's second passage, copies cut to a paragraph under one
// outlet's header and footer, whose second passage is the footer's
// first, were found by that outlet's other stories: 100 more false pairs
// on dev2.
// The indexed passages are the first two and, of the later stored ones
// (the document's final passage, where site footers sit, aside), the two
// whose keys hash lowest. With the first three and one picked (the
// earlier choice, 0.9929 against 0.9938 on the labelled set then), a copy
// with a teaser of another story on top that arrived first was found by
// none of its original's passages: its first three were the teaser's.
// Indexing the first four found none of the copies in
// TestCopyWithoutOpeningJoins, which lack one or two opening paragraphs.
// Picking among all passages (footer included) merged short same-site
// stories of the generated corpus (precision 0.9999 at ten million).
// The sample is one of those later stored passages: among the two when
// it ranks lowest, being the lowest of its quarter, and otherwise indexed
// as a fifth entry (623 of the 1,745 long representatives of the BBC
// set), since a copy of the story's second half holds none of its opening
// and finds it through the sample alone. Indexed only when it ranked
// among the two, 37 of the 67 second-half copies of the harder dev set
// (seeds 1-3, input order) that arrived after their story and missed it
// held the sample unchanged and found no candidate (11 more were refused
// by the whole simhashes, sampleSlack; 11 start past the sample). The
// fifth entry costs a word of checks in the row and the entry: 48.6 bytes
// per document on the BBC set against 46.0, 68.0 against 65.1 on the
// generated corpus at a million. Indexed always in place of one of the
// two (measured again now: dev recall 0.9458, 0.9384, 0.9489 with seeds
// 1-3, input order, against 0.9458, 0.9407, 0.9492 with the fifth entry;
// generated corpus recall 0.9774 against 0.9798), copies that lost
// their opening passages to another headline or site's header were found
// less often (generated corpus pair recall 0.9782 to 0.9764, the harder
// dev set's precision 0.9952 to 0.9927, input order); indexed as a fifth
// entry, it gave recall (holdout, input order, 0.9572 to 0.9616) for 53.2
// bytes per document on the BBC set against 45.9, and 67.9 against 65.1
// on the generated corpus at a million (the row grew a word for the
// fifth check, 48.6 and 67.9; since the checks moved to the index, 45.9
// and 65.1 with every figure the same); measured again, the dev set's recall with seeds 1 and 2,
// input order, was that of the fifth entry only when needed.
// Precision: the holdout set's is unchanged in the four orders with seeds
// 1-3, but for one false pair with -extra, seed 2, shuffled (0.9966 to
// 0.9957); the labelled set's and the generated corpus's too. The dev
// set's with seed 1 fell from 0.9966 to 0.9942 (input order): politics
// 293's second-half copy finds 111 through 111's sample and spends it,
// and 293's copy with its second half reordered, which holds all of 111
// with 293's new comments scattered through it, then holds 111 at 0.7000
// (0.687 with the sample unspent); with seeds 2 and 3, reversed, copies
// cut short that lie in a post quoting their story's first half find the
// post through its sample (4 pairs); with seed 4, input order, a post
// quoting one sentence that is another story's sample joined it (its
// whole simhash by chance within sampleSlack; 0.9891 to 0.9883), with
// seed 6 two copies of a story with three edits joined the post quoting
// its first half (0.9914 to 0.9909). A 24-bit signature of the
// representative's second half (a weighted majority of its passages'
// fingerprints, in the spare bytes of the second checks word) against the
// copy's separated the dev set's sample-only candidates only partly (same
// story 0-9 bits apart, others 5-14): joining also at TailSlack when the
// signatures were within 5 bits raised the holdout set's recall by
// 0.001-0.003 with its precision unchanged, but merged two stories of one
// event of the dev set whose second halves share text (tech 101 and 123,
// 3 bits apart), so it was not kept.
//
// Of the second-half and mixed copies of the harder dev and dev2 sets
// that missed their story (seeds 1-3, input order, 319 pairs), 161 found
// no candidate: 106 hold no stored passage of the story unchanged (they
// start past the sample, or edits touch it), 18 only its final passage
// and 13 other unindexed ones, 12 the sample where it is not looked up
// (past their 8 leading passages, its key ranking too high), 12 would
// join alone (an earlier document changed the story's row). 52 were
// refused by the whole simhashes at sampleSlack, 3-10 bits above the
// distance expected: simhash noise. A copy holding the sample, the end
// and at least the story's last quarter of text between them is allowed
// quarterSlack (5 bits): pair recall in input order on dev with seeds
// 1-3 0.9561, 0.9489, 0.9569 to 0.9582, 0.9500, 0.9590, dev2 0.9532,
// 0.9357, 0.9418 to 0.9537, 0.9373, 0.9444, holdout 0.9736, 0.9687,
// 0.9747 to 0.9736, 0.9703, 0.9764, no lower in any other order,
// precision and the pairs that must stay apart unchanged in all 36; the
// labelled set and the generated corpus (1M: P 0.9997 R 0.9820)
// unchanged.
//
// Second-half copies arriving after their story were missed far more
// often than before it (within reach, dev, dev2 and holdout, seeds 1-3:
// 151 in input order, 119 shuffled, 43 originals last, 46 reversed). Of
// the 100 such pairs of dev and dev2 in input order, 65 found no
// candidate: 18 held the story's sample unchanged and looked it up, but
// it was spent, 16 of them by the story's other copy arriving just
// before (14 of those joined it through the sample); 18 held only the
// story's final passage unchanged (not indexed), 8 the sample past their
// 8 leading passages with a key ranking too high to be looked up, 12
// start past the sample, 6 are copies of short stories stored whole that
// hold none of the stored passages unchanged, 3 hold no passage of the
// story unchanged at all. 35 were candidates and refused: 12 holding the
// sample alone, their whole simhashes 4 to 9 bits further than the
// overlap assumed allows (sampleSlack); 14 holding the sample and the
// end, 8 of them so refused at quarterSlack or sampleSlack and 6 lying
// in the story at 0.51-0.68 (the text the extrapolation may take is
// bounded); 9 holding passages of the stored opening too, at 0.15-0.82.
// A spent sample now still finds its representative: when the document
// has the shape of another copy of its second half (resumesSample: the
// sample unchanged, then the final passage surely with at least a
// quarter of the representative's text between, and no more text before
// the sample than the representative's unstored text leaves there) the
// sample counts for it as unspent, and otherwise a representative found
// through the spent sample alone is refused, as when it was not found.
// Over the 36 cells 38 more pairs (fn 5093 to 5055), false pairs (364)
// and pairs kept apart merged (6) unchanged in every cell, recall up in
// 10 cells and down in none (input order: dev s1 .9630 to .9643, s2
// .9529 to .9545, dev2 s1 .9587 to .9593, s2 .9410 to .9415, s3 .9481 to
// .9492, holdout s1 .9761 to .9767, s2 .9753 to .9758, s3 .9783 to
// .9800; shuffled: holdout s1 .9717 to .9723, s3 .9739 to .9758);
// second-half misses within reach 151, 43, 46, 119 to 138, 44, 46, 115
// (input, originals last, reversed, shuffled; one a teaser miss before,
// in dev s2 originals last); the labelled set (45.9 bytes per document)
// and the generated corpus at a million (P 0.9997 R 0.9820, 65.1 bytes)
// unchanged (TestSecondCopyOfSecondHalfJoins). Tried and left out, in
// the 36 cells: never spending the sample, 93 more pairs, 18 fewer false
// and 3 fewer apart, but the labelled set with originals last fell from
// 0.9939 to 0.9934 (fp 2 to 5) and TestSiteFooterStaysApart merged 10
// stories of 4 sites; a spent sample making candidates that match
// judges without it, 52 more pairs, but one story of that test joined
// another (54 and 5 stories of 2 sites without the test of the text
// before the sample);
// the resumed sample held to sampleSlack rather than quarterSlack, 4
// fewer pairs; that test of the text before the sample asked of every
// join through the sample alone (the text after it estimated as 0.7 of
// a quarter when the document lacks the end), 5 more pairs instead of
// 38; the sample taken later, from 9/16 or 10/16 of the passages on
// rather than half, 35 and 154 pairs fewer (29 and 13 fewer false); the
// later passages not looked up looked up for a representative's sample
// too (as maxStarts does for its second passage), 129 more pairs and no
// false one in the 36, but on the labelled set a copy of politics 327
// joined 328, of one event (reversed and shuffled, fp 0 to 5, recall
// 0.9919 to 0.9913 and 0.9923 to 0.9919), and with such joins allowed
// only through the sample alone, 58, the labelled set merging that copy
// in both orders (with the end required too, 56, in shuffled order).
//
// Of the 9 refused holding passages of the stored opening, 4 held none of
// it: each matched one opening passage 6 bits away (within sureDistance)
// after the sketch's passage holding the sample unchanged, which took it
// from the judgement of a copy holding the sample into that of one
// holding the opening, with a stretch running backwards. Such matches are
// dropped when none of the opening is held in place, unchanged or surely
// before the sample (dropAfterSample; TestSecondHalfWithRecapJoins: 36 of
// 36 copies recapping an opening paragraph apart before, 5 now). Over the
// 36 cells, on top of resumesSample: 18 more pairs (fn 5055 to 5037),
// false pairs and pairs kept apart unchanged in every cell, recall up in
// 6 and down in none (dev s3 input .9635 to .9646, shuffled .9521 to
// .9532, dev2 s2 input .9415 to .9421, s3 shuffled .9434 to .9439,
// holdout s1 input .9767 to .9778, shuffled .9723 to .9728); second-half
// misses within reach 138, 44, 46, 115 to 133, 44, 46, 112 (one teaser
// more in reversed and in shuffled order, two mixed fewer); the labelled
// set and the generated corpus at a million unchanged. Dropped whatever
// the rest of the opening (a single sure match in place kept them), the
// story arriving after a mixed copy with its second half reordered lost
// it: 9 more mixed copies missed (originals last, reversed, shuffled),
// second halves 9 fewer, no pair more in all.
//
// A sample is spent for every document that holds it and none of the
// opening, but a story holding a representative from its opening to past
// its sample is no such document: a copy cut to four fifths arrives,
// then a copy of the story's second half spends the cut copy's sample,
// then the story comes, holds the cut copy 0.97 with the sample counted
// and 0.71 without (politics 350 of the harder holdout set, seed 1,
// shuffled), and so joins the second half's cluster
// without the cut copy's (strongHeld). The sample counts as unspent for
// a document holding the stored opening passages unchanged in their
// order, all but one at most, and the sample unchanged after them
// (opensThroughSample): about 150 shingles of the representative's text
// in place, more than one site's boilerplate holds
// (TestStoryAfterCutCopyAndSecondHalfJoinsBoth: 5 of 40 synthetic stories
// apart before, none now). Library cells of every harder set (324),
// false / missed pairs 4,504 / 38,352 to 4,498 / 38,215: fewer missed in
// every set but novel and other sites' texts (unchanged), Chinese 37,
// Latin -extra 28, Thai 24, Latin 16, Devanagari 12, Greek 10, Cyrillic
// 8, Arabic 2; the 6 false pairs fewer are Chinese; pairs kept apart
// merged 76 unchanged. Through clean (holdout seeds 1-3, four orders):
// missed pairs 4,186 to 4,162 (Latin, Cyrillic, Arabic, Chinese, -extra,
// novel, other sites' texts) and 1,822 to 1,812 (Thai, Greek,
// Devanagari), false pairs and pairs kept apart unchanged in all. The
// labelled set, the generated corpus (262,144 documents) and -shapes
// give the same figures as before.
//
// Of the 14 refused holding the sample and the end, 6 lay in the story at
// 0.51-0.68 with the whole simhashes agreeing: the extrapolation ran from
// the sample on at the rate over the two stored passages held, which a
// short final passage lowers, and left the copy's text before the sample
// (the story's stored opening recut, its unstored text) uncounted. A
// sketch holding the sample, the end and the last quarter between
// (quarterSlack) and none of the opening is now taken whole up to the
// story's end when the whole simhashes agree with that larger overlap,
// a stricter test than the rate's overlap met
// (TestSecondHalfOfShortStoryJoins: 14 of 228 apart before, 6 now). On
// top of the two rules above, 15 more pairs in the 36 cells (fn 5037 to
// 5022), false pairs and pairs kept apart unchanged in every cell, recall
// up in 6 and down in none (input order: dev s2 .9545 to .9550, dev2 s1
// .9593 to .9606, s2 .9421 to .9426, s3 .9492 to .9497; shuffled: dev2
// s2 .9354 to .9360, s3 .9439 to .9444; holdout unchanged); second-half
// misses within reach 133, 44, 46, 112 to 128, 44, 46, 110; the labelled
// set and the generated corpus at a million unchanged. With the three,
// against main: 71 more pairs (fn 5093 to 5022), recall up in 14 cells
// and down in none, second-half misses within reach 151, 43, 46, 119 to
// 128, 44, 46, 110. Of the dev and dev2 sets' second-half copies still
// missing their story in input order (85 where there were 100, diagnosed
// as above), 47 find no candidate (18 hold only unindexed stored
// passages unchanged, the final one in 17, 12 start past the sample, 8
// hold the sample unranked past their 8 leading passages, 9 hold no
// stored passage unchanged) and 38 are refused (12 holding the sample alone and 9 the sample and end,
// their whole simhashes beyond the slack; 9 reaching a spent sample
// without the shape of a second copy, most under another outlet's footer,
// which lack the end; 3 holding the sample and end with less than a
// quarter between; 4 holding opening passages; 1 joining elsewhere).
//
// The copies that find no candidate are seldom lost for want of one: in
// a measurement that made a candidate, for every document finding none,
// of every representative within 8 bits of its whole simhash (a scan of
// all rows), missed pairs fell only from 145, 134, 148, 187 to 135, 132,
// 144, 173 (dev, seed 1, four orders), 182, 176, 186, 205 to 180, 174,
// 182, 203 (seed 2), 228, 211, 224, 255 to 228, 209, 224, 253 (dev2,
// seed 2), with the same false pairs; given the nearest representative
// at any distance and no whole-simhash check, the dev set's mixed copies
// (seed 1, input order) joined at 0.929 against 0.906 and false pairs
// went from 17 to 41. Their edits (a second half cut short, with words
// swapped) leave too few stored passages within ChunkDistance for match,
// so a whole-simhash index, at least an entry per representative
// (IndexedChunks 5 took the labelled set from 45.9 to 50.6 bytes a
// document), would buy 0.001-0.003 of recall at most.
//
// A copy cut short to its lead paragraph, under another outlet's header
// and footer, often shares no passage with its story: its passage holding
// the cut ends inside the story's first passage (or runs on into the
// footer), so no exact key finds either from the other. It shares their
// opening, which the index holds in the first passage's place (a
// document sharing that passage shares the opening too) and every
// document looks up. A shared opening makes a candidate when the first
// passages are the same as well (what the first passage's own entry
// found) or one of the two has at most 2 passages (shortOpening): a
// story and its expansion share their opening (politics 111 and 293 of
// the labelled set, merged in reversed order when any shared opening
// made a candidate), and long copies are found by their passages anyway.
// An opening shared by more than 4 representatives (an outlet's byline
// kept as text) finds only those whose first passage the document shares
// (maxOpeningPosting), as the first passage's entry did; with the
// short-document rule, no figure measured here needed it (dev and dev2,
// seed 1, four orders, unchanged without it), but an outlet's
// stories would otherwise all compare with up to 16 of its short ones.
// The harder dev set's copies cut short, seed 1, found 0.828,
// 0.810, 0.787 and 0.765 of their stories (four orders), 0.891, 0.851,
// 0.833 and 0.805 now; of its 203 such copies 162 share the opening, 10
// and 11 (copy first, story first) find no candidate, and 26 and 14 are
// refused by the comparison (a cut passage lies far in bits from the
// whole one). The labelled set's recall and the generated corpus's
// (0.9821 to 0.9820) are unchanged but for shuffled order (0.9918 to
// 0.9922), precision unchanged on both, no hard negative merged. On the
// harder sets (dev, dev2 and holdout, seeds 1-3, four orders) recall rose
// in every cell (dev +0.003 to +0.010, dev2 +0.006 to +0.011, holdout
// +0.001 to +0.003), pairs kept apart were merged as before, and false
// pairs fell in 9 of the 36 cells (dev seed 3, input order, 23 to 17) and
// rose in 2 (dev2 seed 2, originals last and shuffled, 26 to 27 and 63
// to 65: cut copies joining their story's cluster, which a false member
// had joined before).
// Of those refused, most share the opening and no passage surely: the
// copy's first passage is the story's cut inside it, a part lying 9 to
// 26 bits from the whole, and what follows is a footer or nothing. When
// the sketch's first passage lies nearest the representative's first
// within ChunkDistance, their openings are equal and not crowded, and
// the cut copy (either one) has at most maxCutTail passages after its
// first, no more than half of it, the whole simhashes decide within
// sampleSlack, as for a copy cut under a footer (openingCut,
// TestLeadCutCopyJoins: 25 and 15 of 60 apart, 14 and 10 now). Copies
// cut short, seed 1, four orders: dev 0.905, 0.864, 0.846, 0.819 (0.891,
// 0.851, 0.833, 0.805 before), dev2 0.843, 0.829, 0.802, 0.820 (0.829,
// 0.797, 0.779, 0.797). Recall rose in all 36 cells of dev, dev2 and
// holdout, seeds 1-3 (dev +0.002 to +0.004, dev2 +0.001 to +0.005,
// holdout +0.001 to +0.003); pairs kept apart merged as before; false
// pairs fell in 3 cells (holdout seed 1, reversed, 6 to 3) and rose in 1
// (dev2 seed 2, shuffled, 29 to 30: a cut copy joining its story's
// cluster, which a false member had joined before); the labelled set is
// unchanged. Crediting also the passage after a sure run that lies
// within ChunkDistance of the story's next one (a title passage, then
// the cut) gained 0.0005 to 0.0016 more in 15 cells but cost precision
// on dev seed 2 (0.9989 to 0.9981, input order): left out. What is
// still refused is mostly copies half footer, whose whole simhash lies
// 28 to 35 bits from the story's: at the threshold, they are not in it.
//
// Copies cut short within reach (one holds 0.7 of the other's exact word
// 5-grams) that were still missed, traced on dev and dev2, seeds 1-3
// (209 pairs, input, originals last, reversed, shuffled: 36, 47, 59,
// 67): 55 were a copy cut to its lead paragraph alone, one passage of
// 11-24 shingles lying 11-14 bits from the story's first passage, which
// runs on into the next paragraph (past ChunkDistance, so openingCut
// never saw it); 58 were refused before any passage was compared, the
// whole simhashes lying past TailSlack at the threshold of the smaller
// (45 of them with the first passages equal: simhash noise, the distance
// over the nested-set expectation having mean 0.0 and deviation 3.5 bits
// over 674 unframed cut copies, 4.6% past 6); 45 found no candidate (25
// the copy of a story whose representative is another copy, framed or
// edited, whose indexed passages it lacks: 19 of them shuffled); 20 were
// copies that had joined a post quoting the story's first half (reversed:
// the post came first and holds them), which no rule can undo without
// chaining; 31 were held short of the threshold by the rules (the cut
// passage and a footer uncredited, cutUnderFooter's half or cutSlack).
// Two rules take the first two kinds. A representative of one passage,
// sharing the sketch's opening (not crowded) and no longer than the
// sketch's first passage, counts as that passage's beginning when its key
// lies within two standard deviations of the distance a set inside
// another implies, cosine sqrt(w/lead) (leadPrefix), and the whole
// simhashes decide within sampleSlack as for openingCut; when the story
// came first the row keeps no weight of its first passage to bound the
// distance with, and 11 such pairs (input order) stay apart. And before
// the whole-simhash prefilter refuses a pair, the smaller one's passages
// are compared with the other's at the same places: equal (within
// exactDistance) from the first passage (alone will do) or from the
// second (two at least, the first another outlet's header), with no more
// than maxCutTail passages of the smaller past the run and the run at
// least the threshold of it, the smaller one lies in the other by that
// share, no whole simhash asked (alignedHeld): equal keys at the same
// places are no chance, and the share is counted, not extrapolated.
// Over the 36 cells of dev, dev2 and holdout, seeds 1-3, each rule taken
// out of the final code: leadPrefix found 76 pairs more (21 cells),
// alignedHeld 61 (21 cells), false pairs and pairs kept apart unchanged
// in every cell, the labelled set unchanged (recall 0.9959, 0.9939,
// 0.9919, 0.9923, no hard negative merged). Copies cut short missed
// within reach (input, late, reversed, shuffled, summed over the 36
// cells): 43, 55, 71, 97 before, 35, 35, 51, 76 with both
// (TestCopiesFoundByTheirOwnPassagesJoin). Tried and left out: crediting
// a copy stored whole whose first two passages or more are the story's
// own at the same places, then one to maxCutTail, with a third of it so
// held rather than cutUnderFooter's half (alignedCut, whole simhashes
// within cutSlack and sampleSlack): 54 pairs more, 2 of them truncate
// within reach, but 4 false pairs (dev seed 1, reversed and shuffled: a
// cut copy joining another story's copy with its lead as a teaser on
// top); alignedHeld asked also after every other rule refused: 4 pairs
// more. Words-changed copies missed within reach share none of these
// causes: of 95 traced, 50 found no candidate (a word changed in every
// paragraph leaves few passages unchanged, often none the representative
// indexes) and 45 were refused by match. A first passage within
// sureDistance of the representative's, beside an equal opening not
// crowded, now makes a candidate (openingCandidate): 92 pairs more over
// the 36 cells (words-changed copies missed within reach 26, 32, 25, 39
// to 20, 28, 20, 34), false pairs 364 to 362 (dev2 seed 2, input, 15 to
// 13), pairs kept apart unchanged; allowed for crowded openings as well,
// false pairs rose to 415 (dev2's outlets with a fingerprinted byline).
// The three together, with -extra, seed 1: dev missed pairs 148, 144,
// 145, 138 to 144, 132, 141, 136, holdout unchanged, false pairs
// unchanged in both; the generated corpus (100,000 documents) P 0.9999,
// R 0.9821 to 0.9827, index bytes a document unchanged (63.7).
// Lookups are O(1) per passage whatever the corpus size; no pair
// enumeration, no scan. Exact lookup is enough when one of a copy's
// several passages comes through untouched; tolerance is applied in the
// containment check. A key indexed for 16 representatives is not indexed
// again (it is boilerplate and useless for finding a story).
//
// Anchors find the copies no passage comes through: a word changed in
// every paragraph or two keeps most of a story's shingles but few of its
// passages, often none of those its row indexes (of the 49 missed pairs
// listed for the Cyrillic holdout set, seed 2, shuffled, through clean,
// 12 found no candidate in either order, 10 of them copies of the mixed
// or words kinds; TestCopyWithWordsChangedThroughoutJoins).
// A sketch's anchors are the smallest shingle hashes of its inner
// passages, all but the first and the last (where another outlet's
// header and footer sit), one a passage, the two smallest of those. A
// representative indexes its smallest as one entry more (position
// StoredChunks of its row, see indexKey; the key the hash's lower 32 bits,
// in a word of the row, the check from bits 24-55) and a document looks
// up both. A copy keeps a given shingle of its story with about the
// share of the story's shingles it keeps, wherever its edits fall, and
// the smallest of the story's inner shingles is, in the copy, the
// smallest of its passage and likely among its two smallest. Found
// through an anchor alone, a representative is judged as one found
// through a spent sample is (refused unless the document holds two of
// its stored passages unchanged, or the whole simhashes say each holds
// the other nearly whole) and its whole simhash must agree with the
// document's without slack (anchorSlack): the anchor also finds posts
// quoting a story and stories sharing a paragraph or two of another,
// which the passage estimate had never been shown so often. Without the
// refusal, business 152 joined 138 (holdout, -extra, seed 3, shuffled:
// 0.50 of its 4-word shingles shared, 0.72 estimated); with the refusal
// but TailSlack, over the 144 cells below, a post quoting half a story
// after a paragraph of its own (0.57 held, 0.77 estimated; dev, Greek,
// seed 2, originals last) and tech 141 and 173, two versions of one
// story sharing their lead (dev2, -extra, seed 2, reversed); with both,
// no pair kept apart is merged that was not before
// (TestStoriesFoundByAnchorSharingParagraphsStayApart).
// Figures against the build before, over the harder sets' 36 cells (dev,
// dev2, holdout; seeds 1-3; four orders) in each letter set, false pairs
// / missed pairs / pairs kept apart merged: Latin 342/4,709/3 to
// 342/4,528/3, Cyrillic 655/4,967/21 to 656/4,788/21, Greek 541/4,782/12
// to 551/4,577/12 (the new false pairs in dev2 seed 2, copies cut to a
// sentence under heavy frames), -extra 460/4,184/4 to 464/4,015/4.
// Through clean (holdout, 12 cells each; novel, Latin): missed pairs
// Latin 704 to 648, Cyrillic 868 to 808, Greek 725 to 693, -extra 710 to
// 634, novel 673 to 630; false pairs 25, 25, 26, 20, 33 to 25, 25, 27,
// 20, 33; cells under recall 0.98: 0, 3, 2, 2, 0 to 0, 3, 2, 0, 0. The
// labelled set: input 1.0000/0.9971 unchanged, late 0.9998/0.9951 to
// 0.9998/0.9953, reversed 1.0000/0.9930 to 1.0000/0.9935, shuffled
// 1.0000/0.9936 to 1.0000/0.9941, no hard negative merged; through clean
// 1.0000/0.9973. -shapes, stayed apart (original first / copy first): a
// word in 60 replaced 6/11 to 4/7, in 40 108/114 to 31/29, in 30 312/321
// to 147/160, in 20 1,568/1,558 to 1,211/1,203, digits changed 42/38 to
// 25/24, lower case without punctuation 72/57 to 41/35, American
// spelling 2/4 to 0/0, none worse. The generated corpus: 80,000
// documents P 0.9999 R 0.9857 to 0.9886, cycled to 1,048,576 P 0.9998 R
// 0.9849 to 0.9884, to ten million R 0.9853 to 0.9885.
//
// The cost puts index memory past its target, within 10% of the build
// before: a word more a row and an entry more in the table,
// about 4 + 7.6 bytes a representative at the table's mean load, 63.9 to
// 66.7 bytes a document at 1,048,576 generated documents (4.4%); the
// table's growth by half makes single sizes jump by more: the BBC set
// 45.9 to 53.2 (its table grows once more, and its rows' last page
// doubled: 2,067 representatives in room for 4,096; the last page now
// grows by a quarter, and the set holds 35.7), 80,000 generated documents 58.8 to 71.1, ten million 58.9 to
// 71.4; the shard verbs' cluster step at ten million peaks at 66.6 bytes
// a document, 63.6 before (see the README). Clustering 9-16% fewer
// documents a second (thread CPU, one run each: 543,428 to 476,756 at
// 80,000, 296,860 to 281,387 at a million, 259,398 to 218,888 at ten
// million): two lookups more a document and the candidates they find.
// Fingerprinting 2.4% slower for the smallest hash of each passage (8
// A/B pairs of bench-neardup -data -passes 10, 0.976 of the build
// before). Four anchors looked up gave the same figures but for -extra
// (3,993 missed against 4,015) for twice the lookups. Two anchors a
// representative (with the refusal, before anchorSlack) found more, the
// Cyrillic holdout cells 963 to 916 missed, but merged two pairs kept
// apart there; the smallest of all shingles, passages at the ends
// included, found other stories through outlets' footers: 152 false
// pairs more in the Cyrillic holdout cells, without the refusal (37 with
// inner passages only). Storing 8 passages instead of 9 would pay for
// the row's word, but through clean it merged a pair kept apart and 18
// more false pairs (Cyrillic holdout) and missed 705 novel pairs against
// 630.
//
// Each slot names a row (see keyAt) in 3 bytes while every row fits in
// 24 bits (16.7 million rows, about 23 million documents of the generated
// corpus), else in 4, and a 1-byte tag, kept in two arrays. A slot named
// the row's position, ten a row, until rows passed 1.67 million, and took
// 4 bytes from about 2.4 million documents on: at ten million generated
// documents (bench-neardup -scale, the corpus of a million cycled) the
// clusterer held 68.7 bytes a document with it and 63.1 now, against
// 58.8 for the build the near-duplicate issue started from. The passage
// a slot is for is the one of its row's keys that the lookup's key
// matches; only a rebuild's reading of checks (slotTags) needs more, see
// rebuild. (slotArray: at 80,000 generated documents 68.7 bytes a
// document in all with 4-byte entries, 63.1 with 3; with the row's
// document word gone too, BenchmarkClustererAdd took 0.93-1.18 times as
// long as the build before, median 1.07, and BenchmarkClustererCopies
// 0.97-1.07, median 1.04, over 6 alternated pairs, the slots' loads no
// longer plain array reads; clean's whole run on those documents took
// the same time, median 1.00 of 8 alternated pairs: the README's time
// by stage puts clustering at 3% of it). Tags are 8 more bits of the passage fingerprint, from its
// lower half, so probes scan bytes and follow an entry only when the tag
// matches, and candidates match 40 bits. Without the tag, 32-bit keys met
// unrelated representatives' by chance once in about 150 lookups at ten
// million documents, and short documents whose one passage did so joined
// them: pair precision on the generated corpus fell to 0.9974. The table
// size is arbitrary (multiply-shift range reduction) and grows by half at
// load 0.8, so the load stays in 0.53-0.8 (doubling would leave it at 0.41
// at ten million documents, 34 bytes per document for the index alone).
// A rebuild reads the representatives' keys in arrival order
// (sequentially, instead of chasing each old entry to its key); passages
// the index skipped have their tag zeroed, so nothing is compared, and
// entries are grouped by the table region of their home slot before they
// are placed, so the writes land in one cache-resident region at a time.
// Grouping raised the rate over ten million documents from 621,000-689,000
// a second (rebuilds placing entries at random) to 805,000-836,000.
// The first slot of each passage is loaded before any probe chain is
// walked, so the cache misses of a document's lookups overlap; on Linux
// the table asks for huge pages.
//
// Permuted block tables (Manku, Jain and Das Sarma 2007) were the
// alternative: they find any fingerprint within k bits, but need one table
// per block combination (10 tables for k = 3), several entries per
// passage, which the memory target does not allow, and whole-document
// distance is the wrong test for truncated copies anyway (about 15 bits,
// where unrelated same-topic stories also fall).
//
// Memory per representative: one row of 56 bytes (9 keys, the whole
// simhash, the shingle count in 24 bits with the stored part's share in 7
// and the sample's spent bit, the anchor's key, 24 bits of the opening
// and the first indexed passage's check in one word; the document that
// started the row is a bit in a bitmap over documents, rowDocs, where a
// word of the row cost 2.8 bytes a document at 80,000 generated
// documents; 56 bytes with that word and before the anchor, whose word took the shard verbs' cluster step
// at ten million documents from 63.6 to 66.5 bytes per document at its
// peak, past the 64 it had been brought under; in a word of its own,
// the opening cost 2.6 bytes per document on the BBC set; a document of
// more than 16.7 million shingles counts as that long), in pages that
// never copy as they grow, so that checking a candidate reads one or two
// cache lines; plus 4.3 index slots of 4 bytes on the BBC set at load
// 0.53-0.8 (22-32 bytes). Duplicates cost nothing. The other indexed
// passages' checks (up to 4) are their slots' tags only: a rebuild reads
// them from the old table as it places the new table's tags, then, the
// old table freed, places the entries in the same order (see rebuild), so
// it holds no copy of them but a bit each (read into a list before the
// old table was freed, they held the 4 bytes a row saves while the new
// table was made, and the peak at ten million documents fell only to
// 65.6); rows whose slots do not tell (refilled since the last rebuild,
// whose earlier passages' slots still sit in the chains under other
// tags, one of whose passages meets a slot of another of them in its
// chain before its own, slotsGive, or with a passage the index skipped,
// whose chain may come to hold one of the row's slots) keep theirs
// aside. Held in the row, they took a fifth word once the sample
// had an entry of its own (60 bytes: 48.6 bytes per document on the BBC
// set against 45.9 now, 67.9 against 65.1 on the generated corpus at a
// million, and the shard verbs' cluster step peaked at 66.2 bytes per
// document at ten million, 63.6 and 64.1 now in two runs, 66.5 and 63.9
// at three million; every cluster the same). Reading the checks back
// costs a rebuild a probe of the old table per entry, and from bigTable
// on a second pass (see rebuild): clustering the generated corpus cycled
// to a million documents, runs alternated, 241,012 and 245,890 documents
// a second before, 240,750 and 226,755 after; with every rebuild in two
// passes, 200,886 and 194,310 against 215,817 and 218,186.
// A bucketed table (12 tags and entries per cache line) was tried and
// dropped: no faster at ten million documents, and 61.3 bytes
// per document against 57.4 for the two arrays.
//
// Of a long story only the first 7 passages (about 170 words), one
// sampled passage and the last are stored, so a copy of its second half
// arriving after it joins it through the sample when the whole
// simhashes agree, closely when the copy does not hold the story's final
// passage (under another outlet's footer the story's last paragraph runs
// into the footer in one passage): on the harder holdout set, input
// order, 0.926 of such copies join (0.887 when the sample was indexed
// only if it ranked among the two later entries, 0.750 with 8 keys and
// no sample, 0.711 before order independence); in the four orders 0.926,
// 0.941, 0.941, 0.926 (0.887, 0.941, 0.941, 0.897; 0.750, 0.858, 0.882,
// 0.828). A sample of the
// later passages by a content rank (bottom-k of a hash of each passage's
// first shingle, so copies sample the same passages) was tried in place
// of the lead: it found those copies but estimated containment from so
// few passages that recall on the labelled set fell to 0.960-0.972.
// Storing more costs 4 bytes per passage and representative, which the
// memory target does not leave; the ninth key came from packing the
// counts into one word.
//
// Copies with words replaced throughout are where the design falls off
// (bench-neardup -shapes, each BBC article with its copy, two at a time,
// original first / copy first): with a word in 60 replaced, 2 / 7 of
// 2,225 stay apart; one in 40, 24 / 23; one in 30, 106 / 121; one in
// 20, 833 / 850, where exact 5-gram Jaccard at 0.5 joins all. An older
// build, at one in 30 (312 apart): 269 of the 312 found no candidate,
// each indexed passage holding an edit having another key, and the
// index matching keys exactly. Of the other 43, the three looked at were
// estimated at 0.67-0.69, a few points under the threshold, against an
// exact containment of about 0.87: a passage holding an edit is
// credited by its distance (5 to 9 bits), one recut past ChunkDistance
// counts for nothing, and the whole simhashes, 12-14 bits apart, vouch
// for 0.7 only at 10 bits or fewer between texts of equal length
// (wholeOverlap's two-sigma bound). Anchors now find many of them, but a
// representative found through its anchor alone was refused unless the
// copy held two of its stored passages unchanged; three held within
// sureDistance by distinct passages of the copy now do too (match). That took one in 20 from
// 1,199 / 1,204 apart to 833 / 850 and one in 30 from 142 / 156 to 106
// / 121; library cells (324) 38,887 to 38,792 missed pairs, through
// clean (84 cells) 4,292 to 4,278, Thai, Greek and Devanagari through
// clean unchanged, false pairs and pairs kept apart merged unchanged
// everywhere, the labelled set unchanged. Of the pairs still apart at
// one in 20 (both orders, 4,450 pairs), 764 find no candidate and 919
// are refused: by the whole simhashes' test, which a representative
// found through its anchor alone must pass without slack (anchorSlack),
// or by the gap and estimate tests after it.
// Finding them all would take keys that survive an edit (min-hash
// anchors of shingles, about 12 bytes a representative each).
//
// Other sites' texts (bench-neardup -hard ../shared/bench: the harder
// set built from the extraction benchmarks' ground truths, 925 articles
// of hundreds of sites, see cmd/bench-neardup/texts.go) show where rules
// tuned on BBC stories of 15 passages or so fall short. Library, dev and
// holdout, seeds 1-3, four orders (24 cells): 96 false pairs, 1,704
// missed, 2 pairs kept apart merged, every cell under recall 0.98
// (lowest 0.9165; exact 5-gram Jaccard at 0.5 gets 0.90 on holdout seed
// 1, this 0.96-0.97). Three shapes the BBC set never shows were found
// there and mended:
//   - a post whose headline line repeats the story's, then its own
//     words, then its quote: the own words sat where the story has one
//     passage not held, and were extrapolated as the story's text
//     (newAfterOpening; a post holding 0.54 of its story was estimated
//     inside it by 0.87);
//   - a copy of another story with the story's long lead paragraph as
//     its teaser, going on with its own text far from the story's later
//     stored passages (diverges, lost);
//   - copies of a long story's second half under a headline of eight
//     words or more, whose first passage lies a few bits from the
//     story's (dropHeadlineOnly), or under another outlet's header
//     (header); and those sharing the story's anchor besides its sample
//     and end (anchoredSlack).
//
// With them: 69 false pairs, 1,669 missed, none merged. Through clean
// (holdout, seeds 1-3, 12 cells): 62, 715, 3 to 50, 685, 2. The BBC
// harder sets' library cells (dev, dev2, holdout, seeds 1-3, 36 a set)
// moved from 342, 4,528 (false, missed) to 341, 4,498 in Latin letters,
// 656, 4,788 to 657, 4,753 in Cyrillic, 551, 4,577 to 549, 4,559 in
// Greek, 464, 4,015 to 449, 3,985 with -extra; the labelled set is
// unchanged; -shapes keeps 1 to 4 more of 2,225 copies apart with a
// word in 20, 30 or 40 replaced or each paragraph's last sentence cut.
// The Chinese harder set showed one more (strays): another story
// carrying two passages from inside a long story's opening as its
// teaser, and 33 passages of its own, was extrapolated at those two
// passages' rate into the long story (tech 144's copy and business 164,
// holdout seed 5, copies first). A sketch holding a stretch of r's
// opening from two passages or more further into r than into itself,
// and neither r's sample nor its end, going on past the stretch, is now
// judged by the whole simhashes. Through clean (false pairs, missed):
// Chinese 273, 1,243 to 216, 1,241; Thai 56, 966 to 44, 966 (kept
// apart merged 2 to 1); Cyrillic 25, 798 to 16, 798; novel 33, 610 to
// 15, 610; Latin 25, 644 to 25, 646; -extra 14, 605 to 14, 607; Greek
// and other sites' texts unchanged. Library cells: Latin 341, 4,498 to
// 335, 4,504; Cyrillic 657, 4,753 to 648, 4,755; Greek 549, 4,559 to
// 546, 4,569; -extra 449, 3,985 to 449, 3,989; -shapes one more copy
// apart with a word in 20 replaced.
// Then a short story whose lead of 100 words filled the stored opening
// of another story's copy carrying it as a teaser: from the copy's
// second passage to its last stored opening passage, the story holds
// all the stored opening and goes on with its own text, which was
// extrapolated as the copy's unstored text (0.91, exactly 0.49). Such a
// stretch (through) now needs the whole simhashes' agreement within
// cutSlack. Library cells, false / missed / kept apart merged: Latin
// 335, 4,504, 3 to 320, 4,528, 1; Cyrillic 648, 4,755, 21 to 616,
// 4,787, 16; Greek 546, 4,567, 12 to 528, 4,573, 11; -extra 449, 3,991,
// 4 to 419, 4,015, 1; novel 141, 1,327 to 141, 1,335; other sites'
// texts 70, 1,665 to 67, 1,681; the labelled set unchanged; the
// generated corpus at 80,000 recall 0.9874 to 0.9867 (0.9864 at
// sampleSlack). Through clean, other sites' texts 51, 687 to 33, 689.
// Two more shapes of second-half copies were mended later, each with
// its own test: a copy of a short story's second half under its page
// title, a passage of its own, which the story, stored whole, read as
// its opening and end with its middle missing (now judged again without
// the title's match, titleOverEnd), and a second copy of a story's
// second half starting inside the story's last stored opening passage
// after a first copy had spent the story's sample (resumesSample's give
// of one mean stored passage). Through clean, holdout seeds 1-3, four
// orders, seven sets (84 cells): 4,328 to 4,292 missed pairs, other
// sites' texts 665 to 649, no false pair more; library cells (324),
// 38,973 to 38,932 missed, 4,483 to 4,484 false.
//
// Leads as teasers remain the weakest case: -shapes pairs each article
// with the next one's copy carrying its first paragraphs on top (see
// cmd/bench-neardup, leadTeasers). One paragraph, 3 and 6 of 2,216 BBC
// articles join it (article first, copy first); two (71-241 words in
// the first twenty articles), 125 and 290 of 1,798. Of the 290, the story holds the copy's stored
// opening to its end in 97 (nothing stored tells its own text from the
// copy's), all but one passage of it in 45, and stops with 2-4 left in
// most of the rest, where its text goes on for too few passages to
// tell it from a copy cut short under a footer, or its passage
// straddling the lead's end lies within gapDistance of the copy's. The
// whole simhashes cannot part an overlap of 0.5 from 0.7 (a standard
// deviation is 3.5 bits, the two 2-4 bits apart). Ruling that a story
// holding all but one stored opening passage diverges (diverges with
// one passage after the stretch, lost), and that one holding all of
// them from the first needs the whole simhashes' word (through from
// r's first passage), took 125 and 290 to 80 and 184, but the labelled
// set missed 62, 47, 67 and 96 pairs in its four orders against 25,
// 40, 55 and 50. A 32-bit simhash of the passages past the stored
// opening, in a row word of its own, checked against the text past the
// stretch, took 125 and 290 to 64 and 97 at 12 bits, but generated-corpus
// recall to 0.9796: a copy cut short holds a small part of that text.
// What would settle it is the copy's later passages themselves.
//
// What is left is mostly second halves and three-edit copies of long
// stories: a representative stores 9 passages, a third of a story of 25
// and a fifth of one of 45, so a copy of the second half is found by
// one sampled passage and judged by the whole simhashes, which lie
// 3.5 bits (one standard deviation) either side of what the overlap
// implies. Of 190 such copies of stories over 9 passages (holdout,
// seeds 1-3, each with its original, original first), 17 lack the
// sample and 24 of the 173 holding it still fall outside the slack.
// Tried for them and not kept (library cells of every harder set, 180,
// false / missed pairs in all, against 2,091 / 20,919 now):
//   - The sample drawn one passage later (from m/2+1 of m passages): a
//     copy of the second half opens with another outlet's header run
//     into its first lines, which recuts the passage at the story's
//     middle. 2,107 / 20,968: Cyrillic found 30 pairs more, Latin 36
//     fewer.
//   - anchoredSlack for a sketch holding the sample alone, with the
//     anchor required to lie in another of the sketch's passages than
//     the sample (sketches then recorded each anchor's passage): 2,121
//     / 20,800. The false pairs were stories of one event sharing two
//     paragraphs in a row, one holding the other's sample and anchor
//     (BBC politics 294 and 312, 218 and 252, 0.31 of either in the
//     other), 21 bits apart where the overlap extrapolated (all of the
//     story past its opening) implies 17; the copies it found lay 3.6
//     to 7.8 bits past what theirs implies, that pair 4.1. Requiring another passage of the existing
//     anchored rule (sample and end) changed no cell, so sketches keep
//     no positions.
//
// A short story with another story's lead as a teaser (a copy with
// three edits, 149 shingles) was estimated inside that story's copy
// (982 shingles) by 0.94, exactly 0.26, through clean (other sites'
// texts, holdout seed 1, reversed: the cell under precision 0.995). It
// holds the copy's second stored passage and, within gapDistance, the
// third (the passage straddling the lead's end), none of the next four,
// and goes on for six passages; a stretch so extended is never asked
// whether it diverges. Asking it (none of r's stored passages past the
// extended stretch within gapDistance, more than maxCutTail passages
// after it) and letting the whole simhashes decide: 2,085 / 20,951, and
// the pair still joins: a text of 149 shingles inside one of 982 lies
// 24.4 bits from it, one sharing 30 shingles 30.4 bits, and the pair
// measured 25. Without the whole simhashes' say: 2,094 / 20,985.
//
// # Measurements
//
// BBC near-duplicate set (6,267 documents, 2,057 stories, unstripped
// text), `go run ./cmd/bench-neardup -data /work/shared/bench/neardup`:
//
//	now (round 12)                  precision 1.0000 recall 0.9973, 0.9955, 0.9938, 0.9943 (four orders), 0 of 1,721 hard negatives
//	round 11                        precision 1.0000 recall 0.9971, 0.9951, 0.9930, 0.9936 (four orders), 0 of 1,721 hard negatives
//	default options                 precision 1.0000 recall 0.9954 ARI 0.9977, 0 of 1,721 hard negatives
//	  originals after their copies  precision 0.9998 recall 0.9927 (0.9998 0.9684 before order independence)
//	  reversed                      precision 1.0000 recall 0.9895 (1.0000 0.9671)
//	  shuffled                      precision 1.0000 recall 0.9922 (0.9994 0.9727, 1 hard negative merged)
//	  before the ending-only rule   precision 1.0000 recall 0.9954, 0.9932, 0.9900, 0.9922 (four orders)
//	  before the opening            precision 1.0000 recall 0.9954, 0.9932, 0.9900, 0.9918 (four orders)
//	  before the whole-text gap     precision 1.0000 recall 0.9943, 0.9902, 0.9875, 0.9894 (four orders)
//	  and sample indexed if ranked  precision 1.0000 recall 0.9939, 0.9902, 0.9875, 0.9889 (four orders)
//	  before cutUnderFooter         precision 1.0000 recall 0.9927, 0.9873, 0.9853, 0.9855 (four orders)
//	8 keys, no sample               precision 1.0000 recall 0.9903, 0.9835, 0.9801, 0.9834 (four orders)
//	through `clean --annotate`      precision 1.0000 recall 0.9933 (stripping on), 0.9901 (--strip=false), 8 keys
//	before order independence       precision 1.0000 recall 0.9942 (0.9938 before the shape changes)
//	MinHash, exact Jaccard >= 0.4   precision 0.997  recall 0.954 (README reference)
//	whole simhash, Hamming <= 15    precision 0.958  recall 0.892 (README reference)
//
// The harder set, `bench-neardup -hard /work/shared/bench/neardup/bbc
// -split dev|holdout` (each half of the BBC articles, two copies of each
// with one of eleven kinds of edit, real same-event pairs and posts
// quoting half a story that must stay apart; edit parameters and outlets
// differ between the halves; pairwise figures on the library, unstripped):
//
//	                   input order      originals last   reversed         shuffled
//	dev, before        P .9848 R .8376  P .9865 R .7709  P .9902 R .7762  P .9830 R .7963, 14 of 72 apart pairs merged
//	dev, main          P .9956 R .9048  P .9964 R .8759  P .9926 R .8833  P .9935 R .8899, 0-2 of 72
//	holdout, main      P .9965 R .9360  P .9964 R .9160  P .9979 R .9149  P .9967 R .9250, 0-1 of 75
//	dev, 8 keys        P .9954 R .9169  P .9963 R .9151  P .9898 R .9259  P .9943 R .9180, 0-2 of 72
//	holdout, 8 keys    P .9971 R .9407  P .9974 R .9454  P .9971 R .9509  P .9962 R .9443, 0-1 of 75
//	dev, recall4       P .9966 R .9347  P .9975 R .9402  P .9902 R .9386  P .9941 R .9283, 0-2 of 72
//	holdout, recall4   P .9972 R .9638  P .9983 R .9602  P .9963 R .9616  P .9966 R .9528, 0-1 of 75
//	dev, cut 2 tails   P .9966 R .9389  P .9975 R .9513  P .9903 R .9492  P .9941 R .9341, 0-2 of 72
//	holdout, same      P .9972 R .9665  P .9989 R .9723  P .9963 R .9731  P .9966 R .9599, 0-1 of 75
//	(and 4 indexed)
//	dev, then          P .9942 R .9463  P .9950 R .9534  P .9901 R .9492  P .9916 R .9399, 1-2 of 72
//	holdout, then      P .9972 R .9720  P .9989 R .9745  P .9964 R .9753  P .9966 R .9649, 0-1 of 75
//	(and the opening)
//	dev, then          P .9945 R .9561  P .9951 R .9590  P .9901 R .9553  P .9917 R .9460, 1-2 of 72
//	holdout, then      P .9980 R .9736  P .9997 R .9767  P .9964 R .9761  P .9975 R .9671, 0-1 of 75
//	(and the ending-only rule)
//	dev, then          P .9953 R .9561  P .9964 R .9590  P .9939 R .9553  P .9936 R .9460, 1-2 of 72
//	holdout, then      P .9983 R .9736  P 1.000 R .9767  P .9983 R .9761  P .9994 R .9671, 0-1 of 75
//	(and openingCut, quarterSlack)
//	dev, then          P .9953 R .9616  P .9964 R .9624  P .9940 R .9598  P .9936 R .9500, 1-2 of 72
//	holdout, then      P .9983 R .9756  P 1.000 R .9786  P .9992 R .9772  P .9994 R .9690, 0-1 of 75
//	(and the sample held after the opening credited, with r's unstored text)
//	dev, then          P .9953 R .9616  P .9964 R .9646  P .9940 R .9608  P .9936 R .9505, 1-2 of 72
//	holdout, then      P .9983 R .9761  P 1.000 R .9808  P .9992 R .9789  P .9994 R .9706, 0-1 of 75
//	(instead, the sample row with no extrapolation for a document not going on like r)
//	dev, then          P .9953 R .9616  P .9964 R .9646  P .9964 R .9608  P .9961 R .9505, 1 of 72
//	holdout, then      P .9983 R .9761  P 1.000 R .9808  P .9992 R .9789  P .9994 R .9706, 0-1 of 75
//	(instead, the sample row with a representative's second passage looked up past the leading ones)
//	dev, then          P .9954 R .9630  P .9965 R .9659  P .9940 R .9608  P .9936 R .9519, 1-2 of 72
//	holdout, then      P .9983 R .9761  P 1.000 R .9813  P .9992 R .9800  P .9994 R .9706, 0-1 of 75
//	(both rows above, with the neighbour and straddling passage capped, wholeOverlap and diverges)
//	dev, now           P .9962 R .9630  P .9973 R .9680  P .9964 R .9632  P .9970 R .9553, 1 of 72
//	holdout, now       P .9992 R .9761  P 1.000 R .9841  P .9992 R .9824  P .9994 R .9717, 0 of 75
//	(round 11, after the later rules; seed 1)
//	dev, round 11      P .9986 R .9677  P .9997 R .9725  P .9965 R .9690  P .9992 R .9595, 0-1 of 72
//	holdout, round 11  P 1.000 R .9786  P 1.000 R .9863  P .9992 R .9824  P .9994 R .9734, 0 of 75
//	novel, before      P .9948 R .9407  P .9948 R .9390  P .9939 R .9344  P .9912 R .9327, 0 of 75
//	novel, then        P .9989 R .9594  P .9994 R .9616  P .9966 R .9558  P .9963 R .9522, 0 of 75
//	novel, round 11    P .9991 R .9673  P .9992 R .9734  P .9966 R .9681  P .9957 R .9605, 0 of 75
//	(round 12: the whole simhashes vouch after two passages held unchanged)
//	dev, round 12      P .9989 R .9709  P .9997 R .9741  P .9981 R .9706  P .9992 R .9624, 0 of 72
//	holdout, round 12  P 1.000 R .9835  P 1.000 R .9863  P .9992 R .9841  P .9994 R .9778, 0 of 75
//	novel, round 12    P .9992 R .9684  P .9992 R .9750  P .9966 R .9698  P .9974 R .9629, 0 of 75
//	(round 13: a story holding a cut copy past its spent sample counts it)
//	holdout, round 13  P 1.000 R .9835  P 1.000 R .9863  P .9992 R .9852  P .9994 R .9783, 0 of 75
//	(dev and novel, seed 1, as in round 12; the same after framed)
//	exact 5-gram Jaccard >= 0.5: dev P 1.0 R .8595, holdout P 1.0 R .8979, novel P 1.0 R .8624 (any order)
//
// The novel split (the holdout articles with a third set of edit
// parameters and outlets, written after the rules above and never
// inspected beyond these aggregates; "before" is main before the narrow
// wrapping rule and the changes above) is the blind check: with seeds 2
// and 3 now P .9938-.9961, R .9602-.9709.
//
// Through clean (stripping on; bench-neardup -write, clean --annotate,
// bench-neardup -annotated), holdout seeds 1-3 in the four orders, 12
// cells per letter set, round 12: Latin 25 false and 704 missed pairs,
// lowest R .9805; Cyrillic 25 and 868, three cells under R .98 (lowest
// .9731); Greek 26 and 725, two under (.9758); -extra 20 and 710, two
// under (.9789). No pair kept apart is merged and P is .9978 or more in
// all 48; the cells under .98 are all shuffled or reversed, and the
// copies left alone there are mostly mixed, second-half and cut ones.
//
// Recall by kind, holdout, in the four orders (with 8 keys, then before
// order independence, in brackets): CRLF, entities, indentation,
// outlets, wrapping, word edits, reordered tails and teasers 0.96-1.0;
// copies cut to 50-85% of their paragraphs 0.987, 0.978, 0.946, 0.946,
// seeds 2 and 3 0.969, 0.944, 0.959, 0.923 and 0.995, 0.991, 0.981,
// 0.963 (seed 1 the same before the leadCutSpan, wholeOverlap, diverges,
// maxStarts and not-going-on rules; 0.964, 0.955, 0.946, 0.928, seeds 2
// and 3 0.929, 0.903, 0.923, 0.893 and 0.963, 0.958, 0.953, 0.930, when
// last measured here; 0.955, 0.955, 0.946, 0.924 before the cut copy
// arriving after its story was tested like one arriving first;
// 0.955, 0.892, 0.888, 0.906 before cutUnderFooter and strongHeld; 0.955,
// 0.883, 0.897, 0.915; 0.955, 0.798, 0.785, 0.861); copies of the second
// half 0.926, 0.966, 0.975, 0.941 (0.926, 0.956, 0.956, 0.936 with
// maxStarts alone, before the rules merged beside it; 0.926, 0.951,
// 0.951, 0.936 before the second passages were looked up past the
// leading ones; 0.926, 0.941, 0.941, 0.926 before
// the sample held after the opening was credited; 0.887, 0.941, 0.941,
// 0.897 with 4
// indexed passages; 0.882, 0.907, 0.912, 0.882 before;
// 0.750, 0.858, 0.882, 0.828; 0.711, 0.745, 0.770, 0.765); three edits at
// once 0.889, 0.935, 0.935, 0.898 (0.889, 0.935, 0.931, 0.898 before
// the rules merged beside maxStarts; 0.889, 0.921, 0.921, 0.884 before
// the sample held after the opening was credited; 0.889, 0.917, 0.912,
// 0.880 before the whole-text gap; 0.875, 0.903, 0.898, 0.861 before;
// 0.824, 0.875, 0.866, 0.833; 0.792, 0.773, 0.764, 0.769). A copy cut
// inside its story's first passage under another outlet's footer
// shares no passage with the story unchanged: its passage holding the cut
// runs on into the footer, so no exact key finds the story (most of the
// cut copies and a share of the mixed ones missed). Before the stretch a
// document shares with a representative's opening, a passage merely near
// a stored key (beyond 8 bits) is not credited to the share of the
// document in it: a post's own sentences above a quote of a story came
// near one of its 9 keys by chance and held the post inside the story at
// 0.72 (TestQuotingPostOfBBCStoryStaysApart; the dev set made with seeds
// 4 and 5 merged such a post in two orders; dev precision 0.9955, 0.9966,
// 0.9900, 0.9926 before, the labelled set's recall 0.9945 before). Most false pairs were
// copies cut to one paragraph under an outlet's header and footer, which
// the footer then dominates, and a teaser copy holding all of a short
// story's opening. Now, when all two documents surely share is their
// ending (endingOnly: a site's footer), the text surely shared must be at
// least half of the one inside the other: pair precision of dev seeds 1-3
// and dev2 seeds 1-3, four orders, went from .9942/.9950/.9901/.9916,
// .9969/.9955/.9944/.9975, .9936/.9914/.9869/.9911,
// .9939/.9933/.9878/.9919, .9935/.9926/.9794/.9822,
// .9983/.9938/.9899/.9918 to .9953/.9964/.9939/.9936,
// .9972/.9964/.9955/.9986, .9981/.9947/.9922/.9944,
// .9961/.9955/.9911/.9961, .9966/.9940/.9884/.9920,
// .9994/.9961/.9935/.9946, recall within -0.0008 and +0.0006 of before
// (dev2 seed 1 lost 0.0005-0.0008). The holdout set's recall is
// unchanged with seeds 1-3, its precision the same or higher (seed 1
// .9975/.9992/.9983/.9986); with -extra precision .9992/.9978/.9992/.9960,
// recall the same but reversed, 0.9742 to 0.9728 (cut copies 0.947 to
// 0.931). The labelled set lost one story's variant (politics 397, whose
// only sure match with its cluster is a shared ending): recall 0.9949,
// 0.9927, 0.9895, 0.9918 in the four orders. Text before a stretch that
// starts with the representative's first passage is not credited at all
// (a quoting post's own sentences came within gapDistance of it): dev
// seed 2, input order, 0.9972 to 0.9989 and its 2 apart pairs merged to
// none; holdout -extra precision .9992/.9986/.9992/.9969 and its apart
// pairs merged 0/1/0/1 to none, every recall figure unchanged. With `-extra` (kinds not tuned on; holdout, four
// orders, P/R): main .9979/.9303, .9973/.9135, .9979/.9050, .9955/.9116;
// 8 keys .9980/.9371, .9974/.9399, .9991/.9377, .9953/.9322; recall4
// .9989/.9572, .9974/.9599, .9991/.9533, .9951/.9519; before the
// whole-text gap and the sample's fifth entry .9989/.9616, .9975/.9671,
// .9991/.9583, .9951/.9574; before the opening and the ending-only rule
// .9989/.9736, .9975/.9772, .9992/.9742, .9952/.9687; before openingCut
// and quarterSlack 1.000/.9761, .9994/.9797, .9992/.9747, .9977/.9706;
// now 1.000/.9778, .9994/.9808, .9992/.9753, .9977/.9723, no apart pair
// merged. Of those kinds,
// a copy of the text on one line scores 0.99-1.0, the opening dropped
// 0.95-0.96, a middle excerpt 0.97-0.99, a pull quote inserted 0.99; a
// copy missing one or two paragraphs inside 0.92-0.96 (0.80-0.87 before
// the whole-text gap, see above).
//
// Through `clean --annotate` (keep first, so clusters merged after a
// document was written stay apart; 8 keys) the holdout set scores P 0.9971 R
// 0.9314 in input order and P 0.9971 R 0.9311 shuffled with
// --strip=false (0.9965/0.9355, 0.9967/0.9163 before), and P 0.9974 R
// 0.9360 and P 0.9982 R 0.9396 with stripping.
//
// The sampled passage costs no memory (45.9 bytes per document on the BBC
// set, 65.1 on the generated corpus cycled to a million documents, as
// with 8 keys); on that corpus (`gencorpus -docs 100000`, `bench-neardup
// -scale -replicate 1000000`) pair precision is 0.9997 (0.9996) and recall
// moves from 0.9804 to 0.9789: the sample takes one of the two ranked
// index entries from the opening when it ranks lower (11 of the 20 pairs
// of the first 20,000 documents found with 8 keys and not with the
// sample, when the rule on whole-stored stories above was not yet made:
// 0.9789; 0.9798 with it, before the rule on passages before the stretch;
// 0.9793 with cutUnderFooter, precision 0.9997 and 65.1 bytes per
// document as before; 0.9815 with the whole-text gap and the cut copy
// arriving after its story, precision 0.9997, 65.1 bytes; 0.9821 now, with
// the sample's fifth entry too, precision 0.9997, 67.9 bytes, and 65.1
// since a row holds only its first check).
//
// What order independence and the shape changes cost, measured against
// the build before them in the same session, runs interleaved (base, new,
// base, new) on the loaded two-core machine, so as ratios: fingerprinting
// the BBC set (-passes 5, medians) 206.5 and 208.4 MB/s before, 277.5 and
// 226.3 after (1.34 and 1.09: no loss beyond the noise; entity decoding
// and the wrap test run only at '&' and line breaks); index memory
// unchanged, 45.9 bytes per document on the BBC set and 63.7 on 100,000
// generated documents (`gencorpus -docs 100000`, `bench-neardup -scale`),
// since a row still holds 8 keys and 6 words. Clustering is slower: on
// the generated corpus 1,102,694 and 1,077,331 documents a second before,
// 314,535 after (171,170 and 151,639 when all of a document's passages
// were looked up), for 16 passages looked up instead of 8, both
// directions checked and the stretch tests; its pair precision moved from
// 1.0000 to 0.9995 and recall from 0.9832 to 0.9800.
//
// Most of that was the 16 leading passages looked up: on the generated
// corpus the 9th to 16th are often inline adverts, indexed for up to 16
// stories each, which gave 4.3 candidates a document (0.94 with 8), each
// compared passage by passage. Now (8 leading passages and the low-ranking
// third of the rest looked up; most candidates dismissed on the whole
// simhashes first; match compares stored passage by stored passage; no
// arc cosine), measured against main in one session, interleaved (main,
// new, main, new), thread CPU time, load average 10-14: clustering the
// generated corpus cycled to a million documents 234,962 and 239,914
// documents a second on main, 242,351 and 245,926 now (667,491 before
// order independence: a comparison still costs more than the one-way
// estimate did, 1.5 s against 0.26 s of a 3.5 s run in profiles), pair
// scores 0.9995/0.9806 on main, 0.9998/0.9804 now; the BBC set 487,466
// and 772,958 on main, 752,833 and 835,427 now. Fingerprinting is the
// same code (medians 281.2 and 236.9 MB/s on main, 274.4 and 261.1 now,
// -passes 5), index memory the same rows: 45.9 bytes per document on the
// BBC set on both, 65.0 and 65.1 at a million generated documents.
//
// The comparison was then made cheaper with the same results (every
// figure of bench-neardup in its four orders and of the harder set's two
// halves unchanged, clean --annotate on 200 MB of generated news byte for
// byte): the sketch's keys and running shingle counts are computed once
// per Add, not per candidate, and the text around the shared stretch is
// read off the counts; the passage comparison takes two stored keys a pass
// with branchless minimums, in a function of its own (nearest2), because
// the fallback call bits.OnesCount32 carries on the default amd64 level
// kept every value of the loop on the stack inside match. Under
// cachegrind, BenchmarkClustererCopies executes 1,547 million
// instructions against 2,019 million on main (the comparison 797 against
// 1,213) and mispredicts 10.7 million branches against 13.8. Clustering
// the generated corpus cycled to a million documents, runs interleaved
// with main's, thread CPU, load average 3-5: 251,959, 270,088, 285,677
// and 318,680 documents a second on main, 322,631, 325,058, 419,950 and
// 389,021 now; the comparison 1.04 s of Add's 2.47 s in a profile. In
// clean, on the 353,090 documents of 1 GB of generated news, Add costs
// 0.56 s of CPU, of which the comparison 0.05 s: the lookups (0.24 s,
// cache misses on the table and the candidates' rows) and the
// representatives' inserts (0.27 s) are most of it. candidates now
// gathers the slots whose checks match, then loads their entries, then
// the keys, so those cache misses overlap too. clean's cluster stage on
// 200 MB of generated news (-j 1, wall time, three runs alternated, load
// average 1.6-2.6): 0.150, 0.153 and 0.168 s on main, 0.105, 0.138 and
// 0.142 now, 0.096, 0.101 and 0.107 before order independence, which
// looked up fewer passages.
//
// How the design got there (recall; precision 1.0 and no hard negative
// merged unless noted):
//
//	32-bit passage simhash, exact (<= 3 bits)      0.805
//	  same, <= 9 bits                              0.945
//	  + boundaries from two words, not shingles    0.884 at 5 bits (0.862 before)
//	  + whole-simhash check against the threshold  0.959 at 8 bits
//	64-bit passages, cosine credit, 18 bits        0.968 (3 indexed), 0.979 (5 indexed)
//	  20 bits, 8 stored, 4 indexed                 0.986
//	  22 bits (5 indexed)                          0.995, precision 0.9996, 1 hard negative
//	passages of mean 48 or 63 shingles, 18 bits    0.965 / 0.957, 1 hard negative each
//	6 / 12 stored passages (20 bits, 4 indexed)    0.975 (precision 0.9998) / 0.990
//	new shingle loop and word hashes (64 bits)     0.9866
//	32-bit keys, 2d <= 20, first 4 indexed         0.9920
//	  + fourth indexed passage picked (default)    0.9938
//	  2d <= 16 / 18                                0.9705 / 0.9857
//	  2d <= 22 / 24                                0.9956 (precision 0.9998) / 0.9965 (0.9993, 1 hard negative)
//	  6 / 10 / 12 stored                           0.9883 / 0.9915 / 0.9920
//	  3 / 5 indexed                                0.9866 / 0.9949
//	  containment 0.6 / 0.8                        0.9960 / 0.9765
//	  tail slack 4 / 8                             0.9919 / 0.9938
//	  query 4 passages, not 8                      0.9879
//
// The defaults stay at distance 20 and containment 0.7 although 22 bits or
// containment 0.6 find more here: the held-out set has other outlets and
// edits, and 22 bits is where the first false pairs appear.
//
// Throughput, on a shared two-core machine with a load average of 1.5 to
// 7 from other jobs, timed in thread CPU time rather than wall time (and
// still noisy: the same binary varies by 20% from pass to pass):
//
//   - Fingerprinting on the BBC set (`bench-neardup -passes 15`), final
//     code, eight runs: medians 319, 320, 322, 324 and 329 MB/s per core
//     (passes 256-355) in five, and 220, 221 and 222 (passes 207-320) in
//     three, in which every pass was slow together while the load average
//     was low, which suggests the host (a busy sibling hardware thread, or
//     the clock) rather than the code. Before this design: 83-102 MB/s
//     (single passes). 320 MB/s is about 19 ns a word. A CPU profile of 60 passes (`-passes 60 -cpuprofile`,
//     256-355 MB/s, median 319) splits it: word hashing 29%, tokenising
//     38% (of which the slow path, for apostrophes, non-ASCII and numbers
//     with separators or units, 6%), shingle hashing 18%, vote counting
//     11%; the two XXH64 avalanches (word and shingle) are 28% on their
//     own.
//   - Clustering, `go run ./cmd/gencorpus -docs 100000 > c.jsonl` then
//     `go run ./cmd/bench-neardup -scale c.jsonl -replicate 10000000`
//     (the 100,000 generated documents, 30% near-duplicates, cycled with
//     each copy's fingerprints put through its own bit permutation, so
//     copies are independent corpora; 70.5% of documents start a
//     cluster). Index memory, counting every allocated page and slot: 63.8
//     bytes per document at 1,048,576 documents and 58.9 at ten million
//     (89.8 before: 64-bit passages, appended slices, a table doubled at
//     load 0.7). Rate in thread CPU time, four runs of the final code:
//     754,000-826,000 documents/s over the first million (1,048,576) and
//     641,000-737,000 over ten million, 7.7, 9.7, 15.0 and 20.9% lower;
//     six runs just before the indexed-passage pick (same layout and
//     costs): 936,000-1,060,000 and 770,000-894,000, 9.6, 10.7, 11.8,
//     21.8, 25.9 and 26.0% lower. Before this design: 602,000 and 514,000
//     in one run, 15% lower. The spread is in the first million: its index
//     and rows (about 60 MB) partly fit the 32 MB L3 cache when the other
//     jobs leave it alone, while at ten million every probe goes to
//     memory, so the 20% target is met in 6 of these 10 runs, not reliably.
//     A profile at ten million: candidate lookups 44% of the time
//     in Add (16% the first probe of each passage, a cache miss), index
//     rebuilds 23%, inserts 16%, containment checks 13%. Pair scores on
//     the generated corpus: precision 1.0000, recall 0.9838 (0.9805 before).
package simhash
