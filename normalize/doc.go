// Package normalize strips boilerplate from scraped articles.
//
// # Plain text
//
// Most corpora arrive as text a scraper already flattened, one block a
// line, boilerplate and all. Strip works on lines and never rewrites one:
// every kept line is an input line, in order, and every removed line is
// reported with the rule that removed it (Removal), so `clean explain` can
// show a person exactly what went and why. It runs in four steps, on
// lines as judged (reflow.go):
//
//   - A hard-wrapped paragraph (wire copy, e-mail: lines cut at 55-80
//     columns) is judged as one logical line: its physical lines share
//     the verdict. A line joins the next when it was broken at the
//     margin (its width plus the next line's first word exceeds the
//     wider of its neighbours, judged locally because pages wrap header,
//     footer and body at different widths) and the run shows that it is
//     one paragraph (a line visibly stopping mid-sentence: the next in
//     lower case, a comma or "the"/"von"/"de" at its end; or a last line
//     ending a sentence): widths alone also fit a list of headlines. So
//     a wrapped copyright footer goes as a block, and a wrapped paragraph
//     whose second line opens with "Copyright" is not matched as one.
//   - The judged text of a line is trimmed (indentation, CR), stripped
//     of template decoration ("· ", "> ", " ›") and, when it holds '&'
//     or '<', of HTML entities and tags. The output keeps the input's
//     bytes; the repetition table keys the raw lines.
//
// Measured on genstrip corpora (cmd/genstrip; `bench-strip -corpus`; 7
// shapes: plain, wrapped with and without blank lines, CRLF, indented,
// entities, all at once), body word 4-grams kept, before this work and
// now: English dev half, seed 1 (5 MB, 2,955 pages) 0.570 -> 0.997,
// every shape >= 0.995, documents keeping 98% of their body 0.16 ->
// 0.97; German, French, Spanish, Italian, Portuguese, Dutch and Polish
// (4 MB, 2,081 pages) 0.587 -> 0.997, every language >= 0.994, 0.93 of
// documents keep 98%; the held-out half, seed 7, all eight languages
// (4 MB, 2,195 pages) 0.593 -> 0.998, every shape and language >= 0.995,
// 0.96 keep 98%. What is left is mostly not shape: trap sentences
// opening an article ("Copyright lawyers ...", "The views expressed by
// ...") that an edge rule takes, with the headline above them, and
// boilerplate in languages the rules do not know, which splits a body
// when three such lines stand between two paragraphs.
//
//  1. Shape. Each line is measured once (measure): characters, words,
//     function words from short stop lists of 24 languages (stopwords.go),
//     sentence ends (Latin, CJK, Indic danda, Arabic), whether it ends
//     like a sentence. A line is prose when
//     it is sentence-like (isProse); everything else (menu items, headlines,
//     bylines, dates, teaser titles) is weak. Only the first 240 bytes of a
//     line are scanned, so the cost per line is constant, and a line that
//     ends like a sentence and has 80 characters is prose whatever its
//     words, so for those (most of a news text's bytes) only characters
//     are counted. A prose line that opens with a title-case headline
//     (headline.go: six capitalised words in a row, or two small words
//     such as "To", "In", "After" capitalised mid-clause) is weak: it is
//     a teaser, a headline flattened together with its summary. A line
//     whose second word is lower case is ruled out at once, so the check
//     costs most prose lines one byte search. On the extraction
//     benchmark's baseline text the prose test accepts 92% of the article
//     characters and 29% of the rest; steps 3 and 4 remove most of that rest.
//     A language the lists miss (Hungarian, Finnish...) has sentences
//     short of function words: when most of a document's sentence-shaped
//     lines (6+ words ending like a sentence) are, lines vote, such lines
//     count as prose (knownLanguage; an English cookie notice or "about
//     us" paragraph does not outvote the article). Articles of short
//     sentences in Polish, Czech, Swedish, Hindi, Turkish, Finnish and
//     Indonesian under English furniture lost their whole body to its
//     one English paragraph before (TestShortSentenceProse).
//  2. Rules. Rules are data (Rule; DefaultRules; LoadRules reads more from
//     a file, format documented there). The built-in ones cover English,
//     German, French, Spanish, Italian, Portuguese, Dutch and Polish, one
//     rule per kind (copyright, disclaimer, contact, comments and comment
//     forms, share, newsletter and subscription prompts, paywall and log-in
//     prompts, cookies, related links, crumbs, inline ads), plus shapes no
//     language needs: ©/(c) years, rows of short links joined by pipes,
//     bullets, slashes or dashes, crumbs joined by arrows, a short line
//     with an e-mail address. A rule of scope Anywhere may remove only weak
//     lines (and prose lines opening with a list mark), wherever they are:
//     "Advertisement", "Share this", "Related stories". A rule of scope
//     Edge may remove prose too, but only in the header or footer block:
//     scanning from each end of the document inwards through weak and
//     claimed lines, up to the first prose line no edge rule claims. So a
//     copyright footer, a disclaimer or a cookie notice goes as a block,
//     while an article about copyright law keeps every line: the scan
//     never gets past its last paragraph. Inside a block that has a
//     claimed line the scan passes up to 3 unclaimed prose lines of at
//     most 200 bytes that read as notices (below), so that one notice no
//     rule knows no longer shields the footer above it; such a line that
//     speaks to the reader or about the page ("Enter your e-mail to
//     receive our briefing.") goes itself, as "notice", unless it is the
//     document's last line.
//     Rules never remove a sentence of the article because of a word in
//     it (notice.go). A match counts when it is a shape: the whole line,
//     or a clause of it (between punctuation, bars, dashes or the line's
//     ends) with at most 2 other words ("© 2024 El País. Todos los
//     derechos reservados."; "Disclaimer: ..."). Any other match (a prefix
//     followed by a sentence, a phrase inside one, any regexp) does not
//     remove a line that reads as a sentence: capitalised, ended like one,
//     4 words or more, not title case, no furniture (©, a pipe, a link),
//     unless it addresses the reader or speaks for the site (you, your,
//     we, our, Sie, vous, usted, voi, você, u, Państwo ...; "this
//     article", "ce site"; a site declining responsibility) or continues a
//     notice the same rule started on the line before. Reported speech
//     ("said", "selon", "według", opinion verbs) is always the article's.
//     So "Copyright lawyers for the studio said the ruling would be
//     appealed." and "The views expressed by the minister were not shared
//     by the cabinet, officials said." stay as an article's last
//     paragraph, where both were removed before; every built-in rule has
//     such a trap case (TestRules, TestTraps in eight languages).
//     Rules match a folded copy of the line: lower case, the Latin letters
//     of U+00C0-U+01FF without accents ("TOUS DROITS RÉSERVÉS", "Tous
//     droits reserves"; ß to ss, Ł to l), curly quotes straight, spaces
//     collapsed, and bullets, bars and arrows around it trimmed ("•
//     ANZEIGE »"), with equal/prefix/suffix/contains patterns and RE2
//     regexps; every rule has a MaxLen (200 bytes by default) because long
//     lines are article text far more often than boilerplate, and lines
//     longer than every rule of a scope allows are not even folded. A
//     per-scope index (ruleIndex) finds the matching rules in one pass
//     over the line, however many rules there are: equal patterns by map,
//     prefixes and suffixes by first and last byte, contains patterns by
//     a trigram bit set (each by its rarest trigram, so "to continue
//     reading" is not looked at after every "to "), regexps only when the
//     trigram scan saw one of the literals they require (requiredLiterals:
//     "(comments|kommentare)" needs either) and, when anchored, the line
//     starts with a byte and a pair of bytes they can start with
//     (firstBytes, firstPairs). An edge line's answer is kept for the
//     later scans and rounds when no After rule matched it. After lets a
//     rule continue a run another rule started (a comment widget's excerpt
//     lines, a cookie notice's further paragraphs).
//     Echoes (echo.go) are claimed next: the article again as one long
//     line (a line that starts with another and goes on with the one after
//     it), a summary cut off with "...", a headline joined to its summary,
//     and a run of lines repeated (a teaser list above and below the
//     article); a single repeated line stays (a question asked of each
//     guest). Lines are matched by a hash of their first 40 bytes. An
//     echo weighs like a weak line in the body search, so a repeated
//     paragraph cannot split the body. StripExtracted skips echoes: on the
//     HTML track they cost 0.001 (the extractor already chose the copy).
//  3. Body. The article is the run of lines with the greatest total weight
//     (Kadane's maximum subarray, mainBlock): prose counts for its length,
//     weak lines against it with their length (at most 50: a long
//     non-sentence is a table row or a recipe step as often as a menu)
//     plus a toll of 20 characters each, claimed lines twice their length
//     plus a toll (40, or the rule's Toll: 1000 for comment-section
//     headings, which the body never extends across). Prose weighs less
//     the later it comes (by its rank among non-blank lines), down to half
//     at the end, so an article beats a footer's legal prose of the same
//     size. A run of at most 2 non-prose lines between two prose lines
//     (an image line, an inline ad, a sentence the headline test took for
//     a teaser) weighs only its tolls: at full weight two such lines after
//     a short first paragraph cut the body in two and the opening went
//     (near-duplicate variants, below). A comment heading that is not one of a row of claimed lines
//     (the "Comments" link of a share bar) and comes after 300 characters
//     of prose is a wall: prose after it counts a quarter, so a short post
//     above a long thread stays the body. Prose separated
//     from the body by more boilerplate than it weighs (comment threads,
//     teaser lists, sidebars) falls outside and goes as "non-body". Inside
//     the body, weak lines stay (subheadings, short sentences such as
//     "Derna lies nearly 185 miles (300 kilometers) from Egypt.") unless
//     claimed lines fence them in on both sides. A document that opens with
//     at most 4 unclaimed weak lines (headline, author, caption) after its
//     last claimed line ("Advertisement") keeps them, but not section
//     paths or date lines (labelShaped);
//     so does one that ends with at most 2, or with a run of any length
//     that reads like a list (4 words a line or more on average: results,
//     award winners, line-ups; menus have 1-2). A document without any
//     prose keeps everything no rule claims: there is no body to locate.
//     The search runs again on the kept lines until it keeps them all
//     (usually one more round, at most 8): the weights depend on the whole
//     document, so this is what makes stripping idempotent (FuzzStrip
//     found a case where one round was not). Later rounds reuse the
//     measurements, skip the anywhere rules (they can only claim what the
//     first round claimed) and skip edge lines no edge pattern matched;
//     they claim echoes again (when the first round saw two lines share
//     an echo key) and hold the language vote again, since both depend
//     on lines a round removed (FuzzStrip found an echo case; 4 of the
//     extraction benchmark's pages changed when stripped twice, none
//     now; TestShapesIdempotent strips random wrapped pages twice).
//  4. Output. Between two kept lines the original separator is copied when
//     nothing between them was removed; where lines were removed, one blank
//     line stands for any blank lines that were there, else a single line
//     break. Leading and trailing blank lines go. Stripping twice gives the
//     result of stripping once (tested on the seeds).
//
// Measured on the article-extraction benchmark's plain-text track
// (`go run ./cmd/bench-extract -data DIR -track text`; 181 pages, 126
// sites): F1 0.923 (P 0.908, R 0.937), against 0.665 for the raw text and
// 0.811 for C4's line rules. What each step bought, latest first: shape
// and languages 0.000 (P 0.914 -> 0.908: the benchmark's truth leaves
// out headlines, which a header with an ad marker now keeps; R 0.933 ->
// 0.937: an Indonesian and two English pages whose short sentences were
// weak); inline
// runs weighing their tolls +0.003 (R 0.923 to 0.933); echoes
// +0.006 (two pages that repeat the article as one long line went from P
// 0.28-0.30 to 1.0, teaser lists repeated around an article), title-case
// teasers +0.004 (a local-news page's teaser section had been taken for
// the body: P 0.12 to 1.0); before those, comment
// walls +0.008 (an open thread and a forum page whose comments had been
// taken for the body), capping a weak line's cost at 50 +0.003 (recipe
// steps, results tables), the share-bar rule +0.001; idempotent rounds
// cost 0.002 and list-like endings 0.001 (kept for clean articles, below).
// The remaining loss: three pages score 0 because their text is tables or
// a meal plan of short lines with little prose in them (the body found is
// elsewhere on the page: the legal footer, a teaser list); teasers in
// sentence case, which nothing tells from a short article; comment forms
// and "about the company" paragraphs after a short article.
//
// Rules in eight languages and the sentence test (notice.go), measured on
// cmd/genstrip's held-out pools (`genstrip -bytes 6e6 -split holdout`,
// 3,276 pages of 400 sites in en, de, fr, es, it, pt, nl and pl, seven
// text shapes; `bench-strip -corpus`): boilerplate lines removed went from
// 0.841 to 0.923 (copyright 0.897 to 0.987, cookies 0.845 to 0.964,
// comments 0.866 to 0.980, ads 0.829 to 0.969, disclaimers 0.801 to
// 0.918, newsletter prompts 0.770 to 0.892, paywall prompts 0.703 to
// 0.821; English 0.926 to 0.965, Polish 0.613 to 0.820). Of the 534 trap
// sentences (an article's sentence with a rule's trigger word) in the
// unwrapped shapes (plain, CRLF, entities), rules removed 7 before ("The
// views expressed by minister ... were not shared by the cabinet,
// officials said.") and none now; the 7 lost are lost as non-body: six
// short Polish sentences (no Polish stop words) and a Dutch first
// paragraph cut off by the two inline ad lines under it. What is left:
// dates and bylines (no rule: the extraction benchmark keeps them),
// prompts written as plain sentences between paragraphs (anywhere rules
// only judge weak lines and lines opening with a list mark; judging
// every short prose line cost 70% more time), phrasings the rules lack.
// The extraction benchmark is unchanged by the rules (text 0.923, HTML
// 0.978). Claiming more header lines (link rows, section crumbs) cost headlines
// while a header holding a claimed line kept no weak lines (bench-strip's
// headlines under a header kept 0.198 to 0.127); with the header's weak
// lines counted from its last claimed line (decide) they are kept: 0.645,
// pages keeping 98% of their body 0.238 to 0.567, body 0.591 to 0.617
// (0.999 in the plain shape), while bylines and dates under that line now
// stay (boilerplate removed 0.887; extraction text F1 0.920, HTML 0.978:
// the benchmark's truth leaves headlines out). Speed: BenchmarkStripNews
// in user CPU time, the old and new test binaries alternated on the
// loaded 2-core machine (20,000 iterations, 4 pairs): 0.80-1.08 s against
// 1.00-1.35 s, about 1.25 times the old time (1.14-1.45 by pair), spent
// in the larger index (1,032 patterns against 155) and in reading
// boundary lines; the first versions of this work took 3 times as long
// until readAs was cached per line and run only on short lines of
// blocks that hold a claimed line, edge answers were cached, patterns
// were indexed by their rarest trigram and list marks were looked for
// only behind a byte table.
//
// Clean articles: the 2,225 BBC articles of the near-duplicate set
// (5.0 MB, no boilerplate; NEWSCLEAN_BBC=.../neardup/bbc go test -run
// TestCleanArticles) lose 6,545 bytes (0.13%, 204 lines), down from
// 6,876 before the shape and language work, 8,625 before inline runs
// and 16,711 before that: what remains is
// football line-ups and results (short lines of
// names, "Riise 1, Nunez 113.", "78,000") after the last paragraph and
// sentence fragments that a scraper split mid-sentence. None is removed
// by a rule.
//
// Near-duplicate variants (NEWSCLEAN_NEARDUP=.../synth_bbc_neardup.jsonl
// go test -run TestNearDupBody; BBC stories with other headers, footers,
// inline ads and image lines): article bytes removed (lines whose words
// are 70% the original's) went from 90,662 to 49,589 without the
// repetition table and from 156,498 to 107,776 with it (which claims the
// image and ad lines, so they weigh more), 31 to 22 documents losing over
// a fifth. Most of the rest were headlines under a claimed header line;
// keeping a header's weak lines after its last claimed line brought the
// loss to 27,482 bytes without the table and 31,606 with it (170
// documents losing any, 17 over a fifth).
// Speed is unchanged within the noise (BenchmarkStripNews, old and new
// binaries alternated: 302/248/272 against 275/248/307 MB/s).
//
// Speed on generated news (cmd/gencorpus: many short lines and per-site
// boilerplate; BenchmarkStripCorpus with NEWSCLEAN_CORPUS set to its
// output, 20 MB of texts): strip ran at about 190 MB/s of CPU time there
// against 300 on the seeds, and its profile was led by the rune count of
// prose lines (12%), folding (11%), the scan for regexp literals (8%)
// and the share-bar regexp (4%, run on every line opening with a letter
// a network name can start with). Counting continuation bytes and
// folding eight bytes at a time (foldWord), IndexByte for the literal,
// and a two-byte opening filter for anchored regexps cut the CPU time of
// that benchmark by 30% (10 iterations, best of 5 alternated runs: 0.78
// s to 0.55 s; seeds, 20,000 iterations: 1.01 s to 0.77 s), with output
// byte-identical on the extraction baseline texts and 50,000 corpus
// documents. In `clean` on the first 300 MB of the 1 GB corpus, Strip
// went from 1.52 s to 1.06 s of CPU (33% to 29% of the profile); what
// remains is spread: finding line ends (10%, repeat.go's nextLine), the
// rule index's trigram scan, measure's word scan of short lines.
//
// Speed, after headlines and echoes: the seeds have few title-case or
// repeated lines, so both mostly cost their tests (headlineLike tests 8
// bytes at a time for a space before a capital; echoes hash 40 bytes a
// line). Folding each line once per document (an arena shared by the
// anywhere and edge scans, in place of folding again per scope and
// round) and a byte table in fold pay for most of it; allocations went
// from 23 to 10 per 5 documents. Alternating runs of the old and new
// benchmark binaries on the loaded machine (user CPU time, 60,000
// iterations each) measured the new code 0-10% slower, within the
// run-to-run spread there (up to 20%).
//
// Speed, after judging by logical line: documents without a full line
// that leaves its sentence open (the seeds) skip the width pass; every
// line costs a search for '&' and '<' and a look at its first and last
// character (about 3% of the time on the seeds), and header lines a
// label test. Alternated runs of the old and new benchmark binaries
// (user CPU time, 8,000 iterations, 6 runs each, load 20-27) measured
// 0.41-0.43 s against 0.45-0.52 s: up to a tenth slower, within what
// the load lets this machine tell.
//
// Before that: BenchmarkStripNews (the seed articles, `go test -run XXX -bench
// StripNews -cpu 1`) runs at 256-308 MB/s wall-clock on one core of the
// shared 2-core machine this was written on while other jobs ran (load
// 3-6), 350 MB/s in thread CPU time; 23 allocations for 5 documents. It
// was 150-190 MB/s: measure now packs words while scanning and skips the
// word scan for long sentence-ended lines, and the rule index replaced
// trying every pattern of every rule. Folding lines for the rules and the
// index lookup are now the largest costs (about 20% and 35%).
//
// E-mail protection artefacts ("[email protected]") are removed as
// whole lines (the email-protection rule), not as spans inside a
// sentence: the artefact stands where an address was, and "write to
// [email protected] for a copy" says no more with the artefact cut out,
// while span removal would give up the guarantee that every kept line is
// an input line, which `clean explain` and the fuzz test rely on.
//
// # Corpus-level repetition
//
// A line that recurs in many documents of the same site is boilerplate
// even when no rule knows it (a footer in a language the rules don't
// cover). The pipeline makes a first pass in which its readers hash lines
// (LineKeys) and one RepeatCounter counts them (ObserveKeys); it freezes
// the counts into a RepeatTable and strips with it.
// The site is the host of the record's url when present; for a page (an
// HTML file or record) the host its head names (canonical link, og:url,
// <base href>); otherwise the source file (JSON Lines) or directory (text
// and HTML files). docio determines it. For standard input
// the pipeline spools to a temporary file and reads it twice: a learned
// window would strip early documents differently from late ones and make
// the output depend on order.
//
// Counting: each non-blank line of at most 400 bytes is hashed (64-bit
// xxhash of the trimmed line, mixed with a hash of the site) and counted
// once per document. The counter is an open-addressing table of 16-byte
// slots holding at most 2^20 (site, line) pairs (32 MB). When it is full
// it writes its pairs, sorted by key, as a run to a temporary file (16
// bytes a pair) and starts empty; Table merges the runs with what is left
// in memory, summing each key's counts, so every count is exact at any
// corpus size and the table depends only on the documents counted, not on
// their order nor on how they were split among counters (TestRepeatSpill,
// TestRepeatMerge). Memory stays at the table's 32 MB plus a 32 KB read
// buffer per run while merging (a run per million distinct pairs); the
// per-site document counts are not capped (one entry per site). A 600 MB
// gencorpus corpus (211k documents, 937 sites) spilled two runs, 34 MB.
// Before, the counter sampled pairs by hash past the cap, so most sites'
// template lines went uncounted in large corpora: with 1000 sites, the
// share of text stripped as site-repeat fell from 2.08% of a 60 MB corpus
// to 0.86% of the 600 MB one of the same sites (0.41 times); it is now
// 3.10% there (more documents per site bring more lines over the
// thresholds). On genstrip's stress corpus (400 sites, -split dev -seed
// 1) the share went from 11.5% at 20 MB to 8.2% at 200 MB (0.72 times),
// and now to 16.5% (1.44 times). The exact counts also find more of what
// recurs in bodies there: site-repeat removed 0.30% of the 200 MB
// corpus's bytes from body units (0.15% when sampled), mostly the last
// word of a hard-wrapped paragraph alone on its line ("debate", "said.")
// and headlines the generator repeats within a site. Only when no run can be written does the counter sample as
// before (deterministically: the pairs whose key falls under a threshold
// it halves as needed), and it counts what it drops per site (Dropped),
// which the pipeline reports and warns of.
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
// of lines from the original articles. (The body search's loss on the
// BBC originals is under "Clean articles" above.)
package normalize
