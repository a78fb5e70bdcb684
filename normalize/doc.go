// Package normalize strips boilerplate from scraped articles.
//
// # Plain text
//
// Most corpora arrive as text a scraper already flattened, one block a
// line, boilerplate and all. Strip works on lines and never rewrites one:
// every kept line is an input line, in order, and every removed line is
// reported with the rule that removed it (Removal), so `clean explain` can
// show a person exactly what went and why. Lines are judged, not kept, in
// a normalised form, and stripping runs in four steps.
//
//   - Logical lines (reflow.go). A hard-wrapped paragraph (wire copy,
//     e-mail: lines cut at 55-80 columns) is judged as one logical line:
//     its physical lines share the verdict. A line joins the next when it
//     was broken at the margin (its width plus the next line's first word
//     exceeds the wider of its neighbours, judged locally because pages
//     wrap header, footer and body at different widths) and the run shows
//     that it is one paragraph (a line visibly stopping mid-sentence, or
//     a last line ending one): widths alone also fit a list of headlines.
//     So a wrapped copyright footer goes as a block, and a wrapped
//     paragraph whose second line opens with "Copyright" is not matched
//     as one.
//   - Judged text (judged). Trimmed (indentation, CR); when it holds '&'
//     or '<', HTML entities decoded and stray tags cut; invisible format
//     characters (soft hyphens, zero-width spaces) dropped, so that
//     "Disc&shy;laimer:" is still a disclaimer's label
//     (TestInvisibleInWords); then without the
//     list marks templates put around a label (trimMarks: bullets, bars,
//     arrows, dashes followed or preceded by any space: "• ANZEIGE »",
//     "&bull; Share this story"). Measuring, the rules, the notice test
//     and echoes all read this one form; a line of marks or markup only
//     is judged as it is, so it is never taken for a blank line. The
//     output keeps the input's bytes (DecodeMarkup decodes it for callers
//     that want that); the repetition table keys the raw lines.
//
// The four steps then run on the judged logical lines:
//
//  1. Shape. Each line is measured once (measure): characters, words,
//     function words from short stop lists of 24 languages (stopwords.go),
//     sentence ends (Latin, CJK, Indic danda, Arabic), whether it ends
//     like a sentence. A line is prose when it is sentence-like
//     (isProse); everything else (menu items, headlines, bylines, dates,
//     teaser titles) is weak. Only the first 240 bytes of a line are
//     scanned, and a line that ends like a sentence and has 80 characters
//     is prose whatever its words. A prose line that opens with a
//     title-case headline (headline.go) is weak: a teaser, a headline
//     flattened together with its summary; not one without a lower-case
//     letter in a document mostly in capitals (old wire copy), whose
//     paragraphs all open so (TestDocumentInCapitals), nor one of 300
//     characters with two sentence ends inside, a paragraph opening with
//     names (paragraphOfSentences). A language the lists miss
//     (Hungarian, Finnish...) has sentences short of function words: when
//     most of a document's sentence-shaped lines (6+ words ending like a
//     sentence) are, lines vote, such lines count as prose
//     (knownLanguage; an English cookie notice does not outvote the
//     article; TestShortSentenceProse).
//  2. Rules. Rules are data (Rule; DefaultRules; LoadRules reads more from
//     a file, format documented there). The built-in ones cover English,
//     German, French, Spanish, Italian, Portuguese, Dutch and Polish, one
//     rule per kind (copyright, disclaimer, contact, comments, share,
//     newsletter and subscription prompts, paywall and log-in prompts,
//     cookies, related links, crumbs, inline ads), plus shapes no language
//     needs: ©/(c) years, rows of short links joined by pipes, bullets,
//     slashes or dashes, crumbs joined by arrows, a short line with an
//     e-mail address. A rule of scope Anywhere may remove only weak lines,
//     and prose lines whose raw text opens with a list mark ("• Sign up
//     for our newsletter."), wherever they are. A rule of scope Edge may
//     remove prose too, but only in the header or footer block: scanning
//     from each end inwards through weak and claimed lines, up to the
//     first prose line no edge rule claims. So a copyright footer goes as
//     a block, while an article about copyright law keeps every line.
//     Inside a block that has a claimed line the scan passes up to 3
//     unclaimed prose lines of at most 200 bytes that read as notices, so
//     one notice no rule knows does not shield the footer above it; such
//     a line that speaks to the reader or about the page goes itself, as
//     "notice", unless it is the document's last line.
//     Rules never remove a sentence of the article because of a word in
//     it (notice.go). A match counts when it is a shape: the whole line,
//     or a clause of it with at most 2 other words ("© 2024 El País.
//     Todos los derechos reservados."). Any other match does not remove a
//     line that reads as a sentence (capitalised, ended like one, 4 words
//     or more, not title case, no furniture), unless it addresses the
//     reader or speaks for the site (you, Sie, vous, usted, voi, você, u,
//     Państwo ...; the second person of a verb where the pronoun is
//     dropped: aceptas, wyrażasz; an imperative opening a one-sentence
//     line: Subscribe, Abonnez, Ontvang, Zapisz; "this article", "this
//     text", the newsroom) or continues a notice the same rule started on
//     the line before; reported speech ("said", "selon", "według") is
//     always the article's, unless "according to" names the site's own
//     policy ("secondo la nostra informativa"). A line longer than a
//     notice is read a sentence at a time and is the article's when one
//     of its sentences is: tight wrapping joins a notice to the paragraph
//     next to it. Every built-in rule has a trap case (TestRules,
//     TestTraps in eight languages).
//     Bylines go by their shape in any language (byline.go): in the
//     header, under a weak line no rule claimed (the headline), names
//     (two or three capitalised words that are not function words, a
//     particle between them, several joined by a function word) after one
//     lead word that is a function word or ends with a colon ("Von",
//     "Par", "Door", "Tekst:"), or before a bar, semicolon, or a comma and
//     a role in lower case ("Carla Marques, correspondente em Bruxelas").
//     Shapes a headline may have too count only directly under a headline
//     of 4+ words: a lead phrase ("Written by", "Un artículo de"), an
//     abbreviation ("Oprac."), a capitalised role or outlet ("Grace
//     Thompson, Political Correspondent"), names joined without lead
//     ("X avec Y") and a name reporting from a place ("X berichtet aus
//     Kiel"); under the site's name "Talks between Angela Merkel and
//     Emmanuel Macron" stays. A headline of its own ("Profile: David
//     Miliband") and a venue ("Lansdowne Road, Dublin") stay.
//     Inserts (insert.go): a line decorated by its template (a bullet,
//     bar, arrow or guillemet that no paragraph carries: "» Lesen Sie
//     auch: ...", "| Abbonati per leggere senza limiti.") standing alone
//     between two paragraphs goes in any language, unless a line near it
//     carries the same mark (a list), it reports speech, or the mark is
//     punctuation (dashes, quotation marks). Such a line also never
//     joins a wrapped paragraph (reflow: an item opens or closes a line
//     of its own).
//     Rules match a folded copy of the judged text: lower case, Latin
//     letters of U+00C0-U+01FF without accents, curly quotes straight,
//     spaces collapsed, with equal/prefix/suffix/contains patterns and RE2
//     regexps; every rule has a MaxLen (200 bytes by default), and lines
//     longer than every rule of a scope allows are not even folded. A
//     per-scope index (ruleIndex) finds the matching rules in one pass:
//     equal patterns by map, prefixes by their first two bytes, suffixes
//     by the last, contains patterns of 5 bytes or more by a 4-gram filter
//     (grams.go: every other position of the line hashed into a 64-kbit
//     set, each pattern indexed by two adjacent 4-grams, candidates
//     compared only where a bit is set), shorter patterns and regexp
//     literals by their rarest byte, searched for only when one pass over
//     the line saw that byte (ruleIndex.rare), regexps only when a literal
//     they require is there and, when anchored, the line starts with bytes
//     they can start with. A line's edge answer (when no After rule
//     matched), its reading (readAs), the repeat table's answer and its
//     label and byline shapes are cached for later scans and rounds (a
//     second round costs 1% of the first); the indexes' answers that do
//     not depend on the previous line, and readings, also for later
//     documents, by the line's judged text (memo.go). After lets a rule continue a
//     run another rule started (a cookie notice's further paragraphs).
//     Echoes (echo.go) are claimed next: the article again as one long
//     line, a summary cut off with "...", a headline joined to its
//     summary, a run of lines repeated; a single repeated line stays. An
//     echo weighs like a weak line in the body search. StripExtracted
//     skips echoes (the extractor already chose the copy).
//  3. Body. The article is the run of lines with the greatest total weight
//     (Kadane's maximum subarray, mainBlock): prose counts for its length,
//     weak lines against it with their length (at most 50) plus a toll of
//     20, claimed lines twice their length plus a toll (40, or the rule's
//     Toll: 1000 for comment-section headings, which the body never
//     extends across). Prose weighs less the later it comes, down to half
//     at the end. A run of at most 2 non-prose lines between two prose
//     lines (an image line, an inline ad) weighs only its tolls, and so
//     does a run of 3 or 4 that rules claimed line by line (an ad label,
//     a related link and a newsletter prompt between two paragraphs). A comment
//     heading after 300 characters of prose is a wall: prose after it
//     counts a quarter. Prose separated from the body by more boilerplate
//     than it weighs falls outside and goes as "non-body". Inside the
//     body, weak lines stay unless claimed lines fence them in on both
//     sides. The header's weak lines after its last claimed or prose line
//     stay when they are at most 4 (headline, author, caption), section
//     paths and date lines aside (labelShaped); when that run holds none,
//     the nearest weak line of 4+ words above up to 2 claimed lines (a
//     byline, a date, an ad label) stays as the headline (keepHeadline).
//     A document that ends with at most 2 weak lines, or a run that reads
//     like a list (4 words a line or more on average), keeps them. After
//     the body, past up to 4 lines that are weak or claimed by anywhere
//     rules or as inserts, prose lines that read as sentences of the
//     article stay (keepAfterInserts): prose weighs least at the end, and
//     a short last paragraph after an ad label and a prompt weighed less
//     than their tolls. A document without prose keeps everything no rule
//     claims.
//     The search runs again on the kept lines until it keeps them all (at
//     most 8 rounds): the weights depend on the whole document, so this is
//     what makes stripping idempotent. Later rounds reuse the
//     measurements, skip the anywhere rules and edge lines no edge pattern
//     matched, and hold the echo claims and the language vote again
//     (TestShapesIdempotent, FuzzStrip); they look for inserts again too:
//     a teaser next to a removed line with its mark read as an item of a
//     list with it (TestInsertNextToRemovedListMate). Rounds keep the
//     first grouping of wrapped lines, which a removed line may have
//     decided; when the kept lines would group otherwise (regroups,
//     looking only near the removed lines), the output is stripped again,
//     as a second run of the tool would strip it: 2.5-3% of genstrip's
//     documents, of which 2 in 10,600 then lose a line more
//     (TestStripAgainWhenKeptLinesRegroup). So is it when the kept lines
//     tip the document's share of text in capitals (inCapitals): notices
//     in capitals made a document with a few one-sentence paragraphs in
//     capitals read as written in them, and once the notices went, those
//     paragraphs read as headlines and a second strip removed them; now
//     the first does (TestCapitalsTippedByRemovedLines; no genstrip,
//     gencorpus or extraction page changes). Stripped again, 51 of 25,142
//     documents of six genstrip corpora lost lines before the regrouping
//     and the inserts' rounds, none since. With both, a
//     BenchmarkStripCorpus process takes 1.03 times the CPU time on
//     gencorpus's news and 1.06 on genstrip's wrapped and reshaped pages
//     (medians of 12 alternated pairs, each 0.93-1.16 on a noisy
//     machine); the inserts' search alone 0.99-1.00.
//  4. Output. Between two kept lines the original separator is copied when
//     nothing between them was removed; where lines were removed, one blank
//     line stands for any blank lines that were there, else a single line
//     break. Leading and trailing blank lines go. A document whose lines
//     break with carriage returns alone or with Unicode's line and
//     paragraph separators is read, and comes out, with '\n' (breaksToLF).
//
// Measured on cmd/genstrip's corpora (`genstrip -bytes 6e6 -split dev
// -seed 1`, 3,070 pages, and `-split holdout -seed 7`, 3,287 pages from
// other templates and texts: eight languages, seven shapes: plain,
// wrapped with and without blank lines, CRLF, indented, entities, all at
// once; `bench-strip -corpus`), dev / held-out: body word 4-grams kept
// 0.9998 / 0.9999 (every shape and language >= 0.999), pages keeping 98%
// of their body 0.997 / 0.998 (lowest: tight wrapping 0.989 / 0.991),
// boilerplate lines removed 0.985 / 0.982, trap sentences kept 0.998 /
// 1.000, headlines under a header line kept 0.997 / 0.998. A second
// held-out draw (seed 11): 0.9999 body, 0.998 pages, 0.980 boilerplate,
// 0.999 traps. -split novel (holdout texts, boilerplate templates and
// traps written after the mechanisms and never looked at; seeds 21 and
// 13): 0.9997 / 0.9999 body, 0.996 / 0.999 pages, 0.970 / 0.973
// boilerplate (every language >= 0.957 / 0.963), 0.998 / 0.999 traps.
// Before address by verb and imperative, the sentence reading of long
// and wrapped lines, keepAfterInserts, hyphen items, link rows and
// capitals labels in reflow and the paywall, newsletter, cookie,
// disclaimer, follow and comment-heading vocabulary, those were dev
// 0.9987 body, 0.990 pages, 0.993 traps; held-out 0.9998 body, 0.998
// pages, 0.966 boilerplate (paywall 0.90, newsletter 0.93, disclaimer
// 0.93, cookie 0.96, recent comments 0.96; now 0.96, 0.95, 1.00, 1.00,
// 0.98), seed 11 0.961 boilerplate, and novel 0.9993 / 0.9994 body,
// 0.995 / 0.996 pages, 0.961 / 0.962 boilerplate (newsletter 0.88 /
// 0.92, paywall 0.90 / 0.90, cookie 0.90 / 0.92, disclaimer 0.93 / 0.93,
// follow 0.96 / 0.99; now 0.92 / 0.95, 0.90 / 0.92, 0.96 / 0.96, 0.97 /
// 0.96, 0.99 / 1.00; Portuguese 0.934 -> 0.96, Spanish 0.942 -> 0.957
// on seed 21). Earlier, before bylines by shape under a headline, dates
// in figures, inserts, item lines in reflow, the site's name, judged
// repeat keys and the last short sentence, held-out boilerplate was 0.899
// (byline 0.48, date 0.83, paywall 0.80, newsletter 0.83, related 0.89,
// site 0.86), pages 0.994, and novel 0.871 (byline 0.31), pages 0.988
// (Portuguese 0.947); with them held-out byline 0.94, date 0.999,
// paywall 0.91, newsletter 0.93, related 0.97, site 0.98. What is left:
// prompts and offers that neither address the reader nor name the page
// ("Alle Artikel für 5 Euro im Monat"; novel paywall and newsletter
// 0.90-0.95), notices in wordings the rules lack, a notice that tight
// wrapping joined to a paragraph (the paragraph keeps it), recent-comment
// lines under a heading no rule knows ("Meyer schreibt: Genau das habe
// ich erwartet."), related headings run together with their teaser
// ("Noticias relacionadas <headline>": claiming them cost trap sentences
// on dev and novel draws). The reading and reflow tests and the
// vocabulary cost 1.7% more instructions outside the Go runtime in a
// whole default run (`clean -q -j 1` on a 20 MB gencorpus file under
// callgrind: 2,083M before, 2,118M). Prompts between paragraphs without
// a list mark (short prose lines looked up in the anywhere rules) were
// tried and dropped: 0.002-0.004 more boilerplate removed on the
// held-out and novel draws for 2,371M (+12%).
//
// Article-extraction benchmark, plain-text track (`go run
// ./cmd/bench-extract -data DIR -track text`; 181 pages, 126 sites): F1
// 0.922 (P 0.907, R 0.938; 0.921 before the prompts between paragraphs
// and their vocabulary), against 0.665 for the raw text and 0.811 for
// C4's line rules; the HTML track 0.978. The remaining loss: pages whose
// text is tables or short lines with little prose; teasers in sentence
// case; comment forms and "about the company" paragraphs after a short
// article; and headlines, which the benchmark's truth leaves out (keeping
// up to 4 header lines above a claimed byline instead of one headline cost
// 0.002).
//
// Clean articles: the 2,225 BBC articles of the near-duplicate set (5.0
// MB, no boilerplate; NEWSCLEAN_BBC=.../neardup/bbc go test -run
// TestCleanArticles) lose 6,641 bytes (0.13%, 207 lines), all as non-body:
// football line-ups and results after the last paragraph and sentence
// fragments a scraper split. Near-duplicate variants
// (NEWSCLEAN_NEARDUP=.../synth_bbc_neardup.jsonl go test -run
// TestNearDupBody; BBC stories with other headers, footers, inline ads):
// 30,611 article bytes lost without the repetition table (174 documents,
// 17 over a fifth), 31,850 with it (before the prompts between
// paragraphs and keepAfterInserts: 30,718 and 31,957).
//
// Speed: BenchmarkStripNews (the seed articles, `go test -run XXX -bench
// StripNews -cpu 1`, 8,000 iterations) on the loaded 2-core machine, test
// binaries alternated, ns/op: 169,000-231,000 before both branches,
// 186,000-247,000 with logical lines, 244,000-305,000 with the rules in
// eight languages, 261,000-363,000 merged; a later alternation of the
// old and final code as the load fell, 59,000-153,000 against
// 70,000-197,000 (1.19-1.52 by pair). About 1.2-1.5 times the old cost,
// within a noisy range (10 allocations per 5 documents, unchanged).
// The rule index lookup is the largest cost (about a third), then folding
// and the edge scans' readings; the 1,032 patterns against 155 before
// are what the lookup pays for.
//
// That merge cost generated news (cmd/gencorpus, whose headers, bylines
// and footers the edge scans read) more: stripping took twice the time
// of the code before it, and the whole default run 1.28 times the CPU.
// On 5 MB of that corpus (BenchmarkStripCorpus, NEWSCLEAN_CORPUS, counted
// with valgrind's cachegrind, ±15M between runs) stripping cost 145M
// instructions an iteration before the merge, 286M after it, and 188M
// with the present index. On 20 MB of it the trigram index hashed 7.2M
// positions, of which 411,000 hit a bucket, and compared 964,000
// candidates (4% matched); the 4-gram filter hashes 3.6M, of which
// 91,000 hit, and compares 137,000 (27% match). An Aho-Corasick
// automaton, tried first, compared none, but its table walk (a
// dependent load a byte, 5,000 states out of L1) cost as much as the
// trigram scan. A dozen byte searches a line for the short patterns cost
// as much as the 4-gram scan until one pass over the line told which to
// make. readAs
// and capitals (new with the merge) read a word's bytes in a loop of their
// own and look a word up once in the union of their word sets. The whole
// default run (`clean -j 1` on 21 MB of generated news, cachegrind):
// 2.24G instructions before the merge, 2.81G after it, 2.34G now (1.04
// times the old). By CPU time (user+sys, whole `clean -j 1` processes
// alternated five times on the loaded machine, 210 MB corpus): 0.87 of
// the merged code's (0.83-1.06 by pair) and 1.10 of the old's
// (1.02-1.17). bench-throughput (-bytes 200MB, -j 2) alternated with the
// main branch of the time: clean/kernel 48% and 46% by CPU time against
// 38% and 38%, stripping 31-33% of the goroutine time against 40-45%.
// Later, on the first 20 MB of the 210 MB file (cachegrind, `clean -q -j
// 1`): 2.125G instructions for the old code, 2.297G for the code of the
// autumn's stripping work, 2.256G with the site name looked for against
// host labels cut once and measure's word loop (1.06 times the old);
// BenchmarkStripCorpus 961M instructions an iteration, then 913M. What
// the old code lacks costs most of the rest: readAs, capitals and
// hasQuoteMark (60M, their notice lookups aside), the headline, label,
// insert and site-name shapes (39M).
//
// Later, with the stripper's output unchanged byte for byte: the edge
// rules' index finds readAs's notice patterns too (87% of the lines
// readAs reads on generated news had been edge-scanned first, and were
// scanned again for those), and furniture found so reads as a notice
// before its words are counted; the repeat table answers every kind of
// lookup with one hash and one map lookup; a regexp's short literals are
// looked for only when one of their rarest bytes is in the line;
// continuationBytes passes over ASCII 32 bytes at a time; and a memo of
// the lines seen before (memo.go: a site's template lines, a story's
// copies) answers for the rule indexes and readAs.
// BenchmarkStripCorpusRepeats (the first 21 MB of the 200 MB gencorpus
// file, the repetition table learned from it; cachegrind): 758M
// instructions an iteration before, 709M without the memo, 603M with it
// on the first pass over the file (673M at 65d283d, before the
// multilingual rules, headlines, bylines by shape, judged repeat keys,
// reflow and entities). The whole `clean -q -j 1` run on those 21 MB,
// instructions outside the Go runtime (whose count under valgrind swings
// by 100M with when collections fall): 2,310M before, 2,229M without the
// memo (simhash's wider passage filter included), 2,120M with it
// (65d283d 2,065M); genstrip's held-out corpus (seed 7), whole run:
// 2,102M, 2,046M, 1,946M. By CPU time, whole processes alternated on the
// loaded machine, the memo's gain did not show above the noise (ratios
// 0.99-1.04): its map costs cache misses (cachegrind's cache model: 89M
// fewer instructions, 300K more last-level misses).
// Building the rule indexes once cost 3% of a 20 MB run's instructions
// until byteCost became a table and the patterns were laid out by
// bucket with counting sorts (stable sorts hashed both patterns at each
// compare): `clean -q -j 1` on a 3 kB input, 13.1M instructions outside
// the runtime, then 10.8M; on corpus-20000000B-seed1, 1,971.8M, then
// 1,943.6M (output unchanged byte for byte).
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
// xxhash of the trimmed line as judged: entities decoded, list marks
// trimmed, so a site's footer counts once whether a page encodes it or
// not; mixed with a hash of the site) and counted
// once per document. The counter is an open-addressing table of 16-byte
// slots holding at most 2^20 (site, line) pairs (32 MB). When it is full
// it writes its pairs as a run to a temporary file (16 bytes a pair),
// grouped into 256 partitions by the key's low bits, and starts empty;
// Table sums each partition of the runs and of what is left in memory in
// a table of its own, so every count is exact at any corpus size and the
// table depends only on the documents counted, not on their order nor on
// how they were split among counters (TestRepeatSpill, TestRepeatMerge).
// The shard verbs' counts files (AppendCounts: each run and the table as
// they are) are summed the same way: counts past the cap are added as a
// run of their own (AddCounts), not through the table, so learn-merge at
// 1 GB in 4 shards took 0.50 and 0.47 CPU-s against 0.90 and 0.93 when
// each count went through the table (cache misses) and spilled it.
// Memory stays at the table's 32 MB plus, while summing, a partition's
// table (4K pairs of each run, at most 128 KB a run: 8 MB for a corpus of
// 64 runs, some 15 GB of news) and a read buffer of up to 32 KB. The per-site
// document counts are not capped (one entry per site). Partitioning
// rather than sorting the runs matters: on the 600 MB corpus below, the
// sorts and the k-way merge took 9% of a --dedup off run's CPU profile,
// the partitions and their sums 3.6%. A 600 MB
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
// and headlines the generator repeats within a site. A headline right
// above the body is also its site's teaser on other pages, and the larger
// the corpus the more often: it now goes only when it is on most of the
// site's pages (weakRepeats). With it, genstrip dev seed 1 at 20 and 200
// MB (10,263 and 102,717 documents of the same 400 sites, bench-strip):
// documents keeping 98% of their body 0.9909 and 0.9905, headlines under
// a header kept 0.9949 and 0.9924, boilerplate removed 0.9884 and 0.9906,
// strip ratio 0.3086 at both; without it the 200 MB corpus kept 0.884 of
// its documents whole and 0.864 of those headlines (a86a71b: 0.954,
// 0.952). Only when no run can be written does the counter sample as
// before (deterministically: the pairs whose key falls under a threshold
// it halves as needed), and it counts what it drops per site (Dropped),
// which the pipeline reports and warns of.
//
// Thresholds: a line is site boilerplate when it is in at least 6
// documents of its site and in at least 1/50 of them; a prose line needs
// four times that, and is only removed inside the header or footer block,
// except a short one (200 bytes at most, not reported speech) that is on
// at least half of its site's documents: a small site's template.
// Weak lines that repeat are removed anywhere. The danger is syndication:
// the near-duplicate benchmark (6,267 documents, one source, stories
// copied 2-6 times) legitimately repeats paragraphs. Measured there
// (NEWSCLEAN_NEARDUP=.../synth_bbc_neardup.jsonl go test -run
// TestRepeatNearDup): 14 table entries, 179,655 bytes stripped as
// site-repeat (the synthetic variants' shared headers and footers), 0 bytes
// of lines from the original articles. (The body search's loss on the
// BBC originals is under "Clean articles" above.)
package normalize
