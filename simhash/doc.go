// Package simhash fingerprints documents and clusters near-duplicate
// stories: the same wire story republished by several outlets, with
// another header and footer, adverts between paragraphs, a rewritten
// headline, a few words changed, or cut short.
//
// # Fingerprints
//
// Text is split into words after normalisation: simple Unicode case
// folding, NFKC (applied only to runs of non-ASCII bytes, so ASCII text
// never pays for it), typographic apostrophes and quotes folded to their
// ASCII roles, digit groups joined ("1,000" = "1000") and number units
// split and spelt out ("$1.13bn" = "$1.13 billion"). Each word is hashed
// with xxhash; words of up to 8 bytes, most of them, are loaded as one
// masked 64-bit word and finished with the XXH64 round and avalanche.
// Shingles of 4 consecutive words are hashed from the word hashes.
//
// Lines of fewer than 8 words are left out (a document with only short
// lines is taken whole). In scraped news those are bylines, datelines,
// headlines, share prompts, "Advertisement" and related-story links: they
// differ between copies of one story and repeat across different stories.
// Dropping them made the largest single difference measured on the BBC set
// below: with exact shingle sets, the share of a copy's 5-gram shingles
// found in its original separates copies from hard negatives with a
// threshold of 0.7 at pair recall 0.988 without the filter and 0.999 with
// it (no hard negative merged either way).
//
// Two 64-bit simhashes are accumulated at once: one over the whole
// document and one per passage. Passages are cut where the hash of the
// last two words has its low bits zero, after at least 8 shingles (mean
// about 24, at most 128), so an inserted or deleted sentence moves at most
// the boundaries next to it and the passages after it come out identical.
// Simhash bits are majority votes; the votes are kept in bit-sliced
// counters (plane i holds bit i of all 64 counters), so adding a shingle
// is a ripple carry that stops after two planes on average instead of 64
// increments, and the majority of a passage is read off with one
// bit-sliced comparison.
//
// A Sketch holds the whole simhash, the shingle count, the normalised
// length and each passage's fingerprint and shingle count. It is computed
// per document, with no shared state, so shards can be fingerprinted in
// parallel anywhere; AppendBinary/Decode give a compact stream form so
// clustering can run later on the merged sketches, in input order.
//
// # Clustering
//
// Documents arrive in order. Each is compared with representatives only
// (the first document of each cluster), never with other members, so
// clusters cannot chain: A~B and B~C do not pull in a C far from A.
// Results are deterministic: among qualifying representatives the best
// score wins, the earliest on ties.
//
// A document joins a representative when at least Containment (default
// 0.7) of its shingles are estimated to occur in it. The measure is
// asymmetric on purpose. A copy truncated to three paragraphs holds 15% of
// its original but is 100% inside it; an updated, longer version of an
// earlier story is mostly new text and is kept. On the BBC set the
// shortest copies contain 15% of their originals, while the pair that
// must not merge with the highest symmetric containment (politics 111 and
// 293, 0.94 of the shorter inside the longer) is the short original
// followed by its expansion, so the direction is what tells them apart.
// Whole-document Jaccard cannot: at J >= 0.4 it finds 0.954 of pairs.
//
// Containment is estimated from passages: each passage of the new
// document is credited with cos(pi*d/64) of its shingles, where d is the
// Hamming distance to the nearest stored passage of the representative
// (the cosine similarity that simhash distance d implies), or nothing
// beyond ChunkDistance (default 20 bits). Partial credit matters: a
// dropped sentence merges two passages into one that, in the cases
// inspected, sat 9 to 11 of 32 bits from either. Only the first StoredChunks (8) passages of a
// representative are kept; when it is longer, the share of that stored
// part which the new document covers is extrapolated to the rest, bounded
// by both lengths, and only if the whole-document distance is no larger
// than a containment at the threshold allows (64*acos(cos)/pi plus
// TailSlack bits): so a copy of a long story matches, while a story
// that merely shares its lead diverges in the whole simhash and does not.
//
// # Candidate search
//
// Candidates come from an open-addressing table over the exact 64-bit
// fingerprints of each representative's first IndexedChunks (4) passages,
// queried with the new document's first passages. Lookups are O(1) per
// passage whatever the corpus size; no pair enumeration, no scan. Exact
// lookup is enough because a copy has several passages and only one must
// come through untouched; tolerance is applied in the containment check.
// A fingerprint indexed for 16 representatives is not indexed again (it
// is boilerplate and useless for finding a story). Permuted block tables
// (Manku, Jain and Das Sarma 2007) were the alternative: they find any
// fingerprint within k bits, but need one table per block combination
// (10 tables for k = 3), several entries per passage, which the memory
// target does not allow, and whole-document distance is the wrong test
// for truncated copies anyway (about 15 bits, where unrelated same-topic
// stories also fall).
//
// Memory per representative: 8 stored fingerprints (64 bytes), the whole
// simhash, shingle counts and document number (20 bytes), and 4 index
// slots at load factor 0.35-0.7 (23-46 bytes); duplicates cost nothing.
//
// # Measurements
//
// BBC near-duplicate set (6,267 documents, 2,057 stories, unstripped
// text), `go run ./cmd/bench-neardup -data ../shared/bench/neardup`:
//
//	default options                 precision 1.0000 recall 0.9859 ARI 0.9929, 0 of 1,721 hard negatives
//	MinHash, exact Jaccard >= 0.4   precision 0.997  recall 0.954 (README reference)
//	whole simhash, Hamming <= 15    precision 0.958  recall 0.892 (README reference)
//
// How the design got there (recall; precision 1.0 and no hard negative
// merged unless noted):
//
//	32-bit passage simhash, exact (<= 3 bits)      0.805
//	  same, <= 9 bits                              0.945
//	  + boundaries from two words, not shingles    0.884 at 5 bits (0.862 before)
//	  + whole-simhash check against the threshold  0.959 at 8 bits
//	64-bit passages, cosine credit, 18 bits        0.968 (3 indexed), 0.979 (5 indexed)
//	  20 bits, 8 stored, 4 indexed (default)       0.986
//	  22 bits (5 indexed)                          0.995, precision 0.9996, 1 hard negative
//	passages of mean 48 or 63 shingles, 18 bits    0.965 / 0.957, 1 hard negative each
//	6 / 12 stored passages (20 bits, 4 indexed)    0.975 (precision 0.9998) / 0.990
//
// Throughput, on a shared two-core machine with a load average of 6 to 11
// from other jobs, so timed in thread CPU time rather than wall time:
//
//   - Fingerprinting: 83-102 MB/s per core on the BBC set
//     (bench-neardup), short of the 300 MB/s target. Profiles split the
//     time roughly evenly between tokenising, shingle hashing and the two
//     bit-sliced accumulators; wall-clock `go test -bench` figures were
//     meaningless under that load.
//   - Clustering, `go run ./cmd/gencorpus -docs 100000 > c.jsonl` then
//     `go run ./cmd/bench-neardup -scale c.jsonl -replicate 10000000`
//     (the 100,000 generated documents, 30% near-duplicates, cycled under
//     per-copy fingerprint masks): 775,000 documents/s over the first
//     million and 625,000 over ten million (19% lower; the rate between
//     8.4 and 10 million was 742,000/s, the dip comes from rehashing the
//     index); 96.4 bytes per document at one million and 89.8 at ten
//     million, counting slice capacity, over the 64-byte target. The
//     stored passages alone are 64 bytes per representative (70% of
//     documents here), and storing 6 instead of 8 costs 1.1 points of
//     recall. Pair scores on the generated corpus: precision 1.0000,
//     recall 0.9805.
package simhash
