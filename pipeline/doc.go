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
// HTML, strip and fingerprint; the caller's goroutine takes the batches
// back in number order, clusters, and encodes and writes the documents
// kept (duplicates are never encoded). Clustering and every message about
// a document therefore happen in input order, and the output is
// byte-identical for every number of workers. A token per batch in flight
// bounds memory: at most 4 batches per worker are read ahead of the
// writer.
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
// # Memory
//
// A run aims at a peak of 200 MB plus 64 bytes per document. The
// clusterer's index keeps about 60 bytes per document live, and with the
// Go collector's default pacing (GOGC=100) the heap grows to twice what is
// live: 10.5 GB of news (3.5M documents) peaked at 512 MB. So Run sets the
// runtime's soft memory limit to the target, raised as documents are read,
// and puts the old limit back at the end; the same run then peaked at 398
// MB (target 426) in the same CPU time. A limit already set, by GOMEMLIMIT
// or by the caller, is left alone. The limit is soft: a run whose live
// memory exceeds it (a 256 MB document) collects more often, at most half
// the CPU, rather than fail.
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
//   - Borrowed documents (done): the learn pass keeps nothing of a
//     document but its line keys and site, so its readers use
//     docio's Reader.NextText, which lends the document until the next
//     call and unescapes the text over the line buffer instead of copying
//     the record (2.3x Next's speed on docio's benchmark, no allocation
//     per record).
//   - Reading in parallel (done): the single reader of the other passes is
//     replaced by one reader per worker over pieces of the input.
//   - One counter (done): the first version gave each worker a counter and
//     merged them at the end; the merge, serial, cost about 40% of the
//     counting it had spread out, and each counter can hold 2^20 lines
//     (20-40 MB). The readers hash the lines (normalize.LineKeys) and the
//     one counting goroutine only counts keys (ObserveKeys), in an
//     open-addressing table rather than a Go map: the 1 GB corpus below
//     counts 5.9M keys, 4.7M of them distinct, so the counter runs at its
//     cap of 2^20 and samples.
//
// The last two changes together (BenchmarkLearn, -cpu 1 so that time is
// CPU time, 2 alternating runs each) took the learn pass from 21.5 to
// 13.3 ms per 9.9 MB (460 to 750 MB per CPU-second), its allocations
// from 24 MB to 2.6 MB. On the 1 GB corpus of bench-throughput (medians
// of 3 runs, -zst=false, two A/B pairs at different loads) clean's CPU
// time fell from 14.75 to 13.67 s and from 12.84 to 11.78 s (81.8 to 89.1
// MB/CPU-s), the learn stage's share from 9-12% to 6-7%, with
// byte-identical output; peak RSS was 113 MB against 113-125 MB. A
// counter that rebuilt its table to drop sampled keys had peaked at 147
// MB, hence the deletion in place.
//
// On the 2-core AMD EPYC development machine (shared with other jobs, so
// wall times vary by 2x; CPU time is user+sys of the process), with the
// 210 MB, 70,662-document corpus of `gencorpus -bytes 200e6`, medians of
// 4 runs of `clean -j 2 -o /dev/null`, the learn pass (default run minus
// --site-repeat=false) cost 1.24 CPU seconds before these changes and
// 0.74 after, and peak RSS fell from 117 MB to 87 MB. Encoding into
// reused buffers (per batch in the build measured; now one buffer in the
// collector, which also skips duplicates) took the run without learning
// from 2.61 to 2.43 CPU seconds: AppendJSON into a fresh slice grew it
// several times per document.
//
// End to end, cmd/bench-throughput times clean against a kernel of read,
// decode, tokenise and fingerprint on the same file with the same two
// cores, in alternating runs. Medians of 5 runs of
// `go run ./cmd/bench-throughput -bytes 1GB -runs 5` (load average 2 to 4
// from other jobs, so the CPU-time ratio is the steadier figure):
//
//	1 GB, 353,090 docs   MB/s   MB/CPU-s   peak RSS
//	clean                105    76         126 MB
//	kernel               220    170
//	clean/kernel         54% by wall time, 45% by CPU time
//
// In the quieter minutes that followed, the same build ran at 161 MB/s
// (best 167) and 84 MB/CPU-s; two cores at 84 MB per CPU-second is the
// ceiling of this build, 168 MB/s. On 10.5 GB (3,527,427 documents) clean
// ran at 131 MB/s, 80 MB/CPU-s, peak RSS 398 MB (one run of `clean -j 2
// -o /dev/null`). With the build before the memory limit and the
// collector's encoding, `-scale 1GB,10GB -runs 1` found that ten times the
// documents took 9.6 times the CPU time.
// Stage shares at 1 GB, in summed goroutine time: strip 31%, read and
// decode (both passes) 28%, fingerprint 23%, learn 11%, cluster 3%, encode
// 2%, write 1%. The 200 MB/s target needs 100 MB per CPU-second on 2
// cores: stripping (normalize) and fingerprinting the stripped text
// (simhash) take over half of clean's time, and the learn pass's second
// read and decode, about 1.5 CPU-seconds per GB, is the largest cost left
// in this package.
//
// A .zst input is decompressed in both passes, and the learn pass of a
// single compressed file has one reader: on the 1 GB corpus clean ran at
// 127 MB/s on the .zst file against 161 on the plain one (79%; 82% by CPU
// time), while the decompressor alone ran at 691 MB/s. Clean runs at a
// fifth of the decompressor's speed, so decompression is never the slow
// stage; moving record decoding from the reader to the workers (docio
// would have to split lines and decode them separately) would let the
// learn pass of one compressed file use both cores.
//
// # Accounting
//
// Every document read ends in exactly one of four counts, so that
// DocsIn = DocsOut + Duplicates + EmptyAfterStrip + Errors holds after any
// run, failed or not.
package pipeline
