// Package normalize strips boilerplate from scraped articles.
//
// # Plain text
//
// Most corpora arrive as text a scraper already flattened, one block a
// line, boilerplate and all. Strip works on lines and never rewrites one:
// every kept line is an input line, in order, and every removed line is
// reported with the rule that removed it (Removal), so `clean explain` can
// show a person exactly what went and why. It runs in four steps.
//
//  1. Shape. Each line is measured once (measure): characters, words,
//     function words from short stop lists of eight languages (stopwords.go),
//     sentence ends, whether it ends like a sentence. A line is prose when
//     it is sentence-like (isProse); everything else (menu items, headlines,
//     bylines, dates, teaser titles) is weak. Only the first 240 bytes of a
//     line are scanned, so the cost per line is constant. On the extraction
//     benchmark's baseline text the prose test accepts 92% of the article
//     characters and 29% of the rest; steps 3 and 4 remove most of that rest.
//  2. Rules. Rules are data (Rule; DefaultRules; LoadRules reads more from
//     a file, format documented there). A rule of scope Anywhere may remove
//     only weak lines, wherever they are: "Advertisement", "Share this",
//     "Related stories". A rule of scope Edge may remove prose too, but only
//     in the header or footer block: scanning from each end of the document
//     inwards through weak and claimed lines, up to the first prose line no
//     edge rule claims. So a copyright footer, a disclaimer or a cookie
//     notice goes as a block, while an article about copyright law keeps
//     every line: the scan never gets past its last paragraph. Rules match a
//     folded copy of the line (ASCII lower case, spaces collapsed) with
//     equal/prefix/suffix/contains patterns and RE2 regexps; every rule has
//     a MaxLen (200 bytes by default) because long lines are article text
//     far more often than boilerplate; regexps run only when a literal they
//     require is present (requiredLiteral). After lets a rule continue a run
//     another rule started (a comment widget's excerpt lines, a cookie
//     notice's further paragraphs).
//  3. Body. The article is the run of lines with the greatest total weight
//     (Kadane's maximum subarray, mainBlock): prose counts for its length,
//     weak lines against it with a toll of 20 characters each, claimed lines
//     twice their length plus a toll (40, or the rule's Toll: 1000 for
//     comment-section headings, which the body never extends across).
//     Prose weighs less the later it comes, down to half at the end, so an
//     article beats a footer's legal prose of the same size. Prose separated
//     from the body by more boilerplate than it weighs (comment threads,
//     teaser lists, sidebars) falls outside and goes as "non-body". Inside
//     the body, weak lines stay (subheadings, short sentences such as
//     "Derna lies nearly 185 miles (300 kilometers) from Egypt.") unless
//     claimed lines fence them in on both sides. A document that opens with
//     at most 4 unclaimed weak lines (headline, author, caption) keeps them;
//     so does one that ends with at most 2. A document without any prose
//     keeps everything no rule claims: there is no body to locate.
//  4. Output. Between two kept lines the original separator is copied when
//     nothing between them was removed; where lines were removed, one blank
//     line stands for any blank lines that were there, else a single line
//     break. Leading and trailing blank lines go. Stripping twice gives the
//     result of stripping once (tested on the seeds).
//
// Measured on the article-extraction benchmark's plain-text track
// (`go run ./cmd/bench-extract -data DIR -track text`; 181 pages, 126
// sites): F1 0.899 (P 0.886, R 0.913), against 0.665 for the raw text and
// 0.811 for C4's line rules. The remaining loss is mostly pages where the
// single body block is the wrong one: an open thread whose comments are
// the article, a meal plan whose text is split into many short lines,
// sports calendars that are tables.
//
// Speed: BenchmarkStripNews (the seed articles) runs at 150-190 MB/s on one
// core of the shared 2-core machine this was written on, with 47
// allocations for 5 documents; the benchmark pages, heavy with menus,
// strip at about 45 MB/s (4,700 pages/s), because weak lines are matched
// against the rules. This is short of the 300 MB/s target; the measuring
// loop (measure) and folding for rules dominate the profile.
//
// # Corpus-level repetition
//
// A line that recurs in many documents of the same site is boilerplate
// even when no rule knows it (a footer in a language the rules don't
// cover). The pipeline makes a first pass with a RepeatCounter per worker
// (Observe, then Merge), freezes it into a RepeatTable and strips with it.
// The site is the host of the record's url when present, otherwise the
// source file (JSON Lines) or directory (text files). For standard input
// the pipeline spools to a temporary file and reads it twice: a learned
// window would strip early documents differently from late ones and make
// the output depend on order.
//
// Counting: each non-blank line of at most 400 bytes is hashed (64-bit
// xxhash of the trimmed line, mixed with a hash of the site) and counted
// once per document; RepeatCounter.Observe runs at about 2.5 GB/s. The
// counter holds at most 2^20 (site, line) pairs (about 20 MB); past that it
// keeps only pairs whose key is below a threshold it halves as needed, a
// deterministic sample, so the counts it keeps are exact and the table does
// not depend on how documents were split among workers (TestRepeatMerge).
// The per-site document counts are not capped (one entry per site).
//
// Thresholds: a line is site boilerplate when it is in at least 6
// documents of its site and in at least 1/50 of them; a prose line needs
// four times that, and is only removed inside the header or footer block.
// Weak lines that repeat are removed anywhere. The danger is syndication:
// the near-duplicate benchmark (6,267 documents, one source, stories
// copied 2-6 times) legitimately repeats paragraphs. Measured there
// (NEWSCLEAN_NEARDUP=.../synth_bbc_neardup.jsonl go test -run
// TestRepeatNearDup): 14 table entries, 179,655 bytes stripped as
// site-repeat (the synthetic variants' shared headers and footers), 0 bytes
// of lines from the original articles.
//
// Known loss: on the BBC originals of that set the body search removes
// 16,711 bytes (375 lines, 0.36% of their 4.6 MB), chiefly lists that end an
// article (award winners, cast lists) longer than the 2-line footer
// allowance.
package normalize
