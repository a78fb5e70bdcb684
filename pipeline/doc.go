// Package pipeline runs clean over a corpus: read, strip boilerplate,
// fingerprint, cluster, write.
//
// # Passes
//
// A run makes one to three passes over its inputs, each streaming:
//
//  1. learn (only with site-repeat learning on): every document is read and
//     its lines counted per site, so that lines repeated across a site's
//     documents can be stripped in the later passes;
//  2. cluster (only with --keep longest): documents are stripped and
//     clustered to find each cluster's longest member;
//  3. emit: documents are stripped, clustered and written.
//
// Files are simply read again; standard input is spooled to a temporary
// file first when more than one pass is needed, so memory stays bounded
// whatever the corpus size. The default (keep first) needs no cluster pass:
// a document's fate depends only on the documents before it, so it is
// written as soon as it is decided.
//
// # Order and parallelism
//
// In the cluster and emit passes one goroutine reads documents and hands
// them out in numbered batches (64 documents or 1 MB); -j workers extract
// HTML, strip, fingerprint and encode; the caller's goroutine takes the
// batches back in number order, clusters and writes. Clustering and every
// message about a document therefore happen in input order, and the output
// is byte-identical for every number of workers. A token per batch in
// flight bounds memory: at most 4 batches per worker are read ahead of the
// writer. Batches, their item slices and their encode buffers are recycled
// through a pool.
//
// The learn pass needs no order: counting is commutative. It has as many
// readers as workers, each taking whole pieces of the input, and one
// counting goroutine. A piece is an input, except that an uncompressed
// JSON Lines file over 16 MB is cut at the first line start after every
// multiple of 16 MB; the cuts depend on the file alone and a line belongs
// to the piece it starts in, so the table learned is the same for every -j
// (TestLearnPieces). Compressed inputs cannot be cut: a single .zst file
// has one reader, which decompresses and decodes for the counter.
//
// # Performance
//
// The learn pass is the price of site-repeat learning: a second read and
// decode of the corpus, plus counting. Ways to make it cheaper, and why
// this package does what it does:
//
//   - Learning over a prefix or a sample of the corpus would cap the cost,
//     but a site first seen after the prefix would learn nothing, and early
//     and late documents would be stripped on different evidence (the
//     normalize package rejects learned windows for the same reason). Not
//     done: the table covers every document.
//   - Hashing lines in the raw JSON, without building documents, would save
//     the record copy that decoding makes (about a third of docio's time)
//     but needs a second decoding path in docio. Not done.
//   - Reading in parallel (done): the single reader of the other passes is
//     replaced by one reader per worker over pieces of the input.
//   - One counter (done): the first version gave each worker a counter and
//     merged them at the end; the merge, serial, cost about 40% of the
//     counting it had spread out, and each counter can hold 2^20 lines
//     (20-40 MB). One counting goroutine counts at about 500 MB/s, faster
//     than a single reader feeds the emit pass.
//
// On the 2-core AMD EPYC development machine (shared with other jobs, so
// wall times vary by 2x; CPU time is user+sys of the process), with the
// 210 MB, 70,662-document corpus of `gencorpus -bytes 200e6`, medians of
// 4 runs of `clean -j 2 -o /dev/null`, the learn pass (default run minus
// --site-repeat=false) cost 1.24 CPU seconds before these changes and
// 0.74 after, and peak RSS fell from 117 MB to 87 MB. Pooling the
// per-document encode buffers took the run without learning from 2.61 to
// 2.43 CPU seconds: AppendJSON into a fresh slice grew it several times
// per document.
//
// End to end, `go run ./cmd/bench-throughput -scale 100MB,1GB -runs 3`
// (clean against a kernel of read, decode, tokenise and fingerprint on the
// same file with the same cores, alternating runs):
//
//	                       clean                kernel        clean/kernel
//	1 GB, 353,090 docs     117 MB/s, 83 MB/CPU-s  211 MB/s, 157 MB/CPU-s   52%
//	100 MB, 35,365 docs     68 MB/s, 68 MB/CPU-s  160 MB/s, 164 MB/CPU-s   41%
//
// Peak RSS was 127 MB at 1 GB. Ten times the documents took 8.1 times the
// CPU time. Stage shares (summed goroutine time, 1 GB): strip 34%,
// fingerprint 27%, read and decode (both passes) 24%, learn 7%, encode 3%,
// cluster 3%, write 1%. Input compressed with zstd costs a second
// decompression in the learn pass: 77% of the plain file's speed by CPU
// time; the decompressor alone ran at 613 MB/s, eight times clean's speed.
//
// # Accounting
//
// Every document read ends in exactly one of four counts, so that
// DocsIn = DocsOut + Duplicates + EmptyAfterStrip + Errors holds after any
// run, failed or not.
package pipeline
