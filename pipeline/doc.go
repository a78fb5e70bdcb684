// Package pipeline runs clean over a corpus: read, strip boilerplate,
// fingerprint, cluster, write.
//
// # Layout
//
// Each stage has its file, and every driver composes the same functions:
// run.go (Config, Report, Run and the pass loop), read.go (inputs, spools
// of pipes, batches of documents), learn.go (the site-repeat counting
// pass), extracted.go (the text of pages kept from the learn pass for the
// later ones), process.go (extract, strip and fingerprint one batch), cluster.go
// (the decider: which documents are kept), emit.go (records, the
// --clusters file, explain output) and late.go (keep first's corrections
// of what a later merge of clusters changed).
//
// Run is a composition of the stage methods (open, learn, prepare, the
// cluster pass, emit); the shard verbs of shard.go (Learn, MergeTables,
// Sketch, Cluster, Apply) compose the same methods over one shard of the
// inputs, a byte range cut at line starts (a compressed, text or HTML
// file goes whole to the shard its first byte is in), and pass what the
// next step needs in checked files (shardfile.go). Concatenated in shard
// order, their outputs are Run's byte for byte, for every mode, n = 1, 2
// and 7 (cmd/clean TestShardVerbsMatchSingleRun). index.go keeps the
// representatives of earlier runs for --index.
//
// The Apache Beam pipeline (beam/, its own module) is the third driver of
// the same functions: learn as a combine whose accumulator is the sum of
// the shards' counts (Counts: they add up in any grouping), Sketch per
// shard with the table as a side input, one ordered step over every
// shard's sketches (Cluster; the decider is sequential by design: no
// chaining, first representative), then Apply per shard with the table
// and the decisions as side inputs, written in shard order. Its files are
// elements, held in memory (File.Data).
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
// Files are simply read again; an input that can be read only once
// (standard input, a named pipe) is spooled to a temporary file first
// when more than one pass is needed, so memory stays bounded whatever the
// corpus size. A compressed JSON Lines file is decompressed once: the
// learn pass keeps its records in a temporary file, which the later passes
// read. The spool is given up (and the input decompressed again) when it
// cannot be written or when free space on its file system falls below
// 1 GiB or a tenth of the file system, checked every 64 MiB written (so
// each spool may overshoot by that much); the output is the same either
// way (TestDecompressedSpool). Without a learn pass (--site-repeat=false
// with --keep longest) there is no spool, and compressed text and HTML
// files, one document each, are decompressed in every pass.
// On the 2-core machine, with a 315 MB corpus, this took a gzip file from
// 16.5 to 12.1 s (18.0 to 13.8 s in a second pair of runs) and a zstd file
// from 8.5 to 8.3 s (9.9 to 8.5 s); the plain file took 5.3 to 5.7 s.
//
// A page is extracted once per run: the learn pass keeps the text it
// extracted from each page in spool files (extracted.go, given up like the
// decompressed spool), and the later passes take it from there; an HTML
// file is not even opened again. Over the 181 pages of the extraction
// benchmark, one core (-j 1), default flags, best of 10 to 12 runs on the
// loaded 2-core machine (load average 10 to 18; go run ./cmd/bench-pages
// -dir .../bench/extract/html -runs 12): the command ran at 221 pages per
// CPU-second before, 0.25 to 0.31 of extraction and stripping in process
// (873), and at 533 to 698 now, 0.67 to 0.79 of it in eight rounds (750
// to 950 in the same runs; the runs swing that much). What is left: the extraction itself runs
// about 40% slower in a fresh process with a small heap than in the
// benchmark's warm one (1.56 against 1.1 ms a page), then reading the
// files, fingerprinting and the page hosts (4%, 3%, 2%).
//
// The default (keep first) needs no cluster pass: a document is decided
// when it comes, from the documents before it. A later document can still
// show a kept one to be a duplicate (it joins two clusters), so records
// to a file are held in a temporary file and written corrected at the
// end (late.go); a stream (a pipe) gets them 32 MB behind, or as soon as
// they are decided when the input pauses.
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
// writer. A pipe read in the emit pass itself (no learn pass) is read
// ahead by a goroutine of its own (idle.go), so that its reader sees when
// the producer pauses: the documents read so far then go on in a short
// batch, marked, and the writer flushes after it. A record from a pipe is
// so written as soon as it is decided, and a busy pipe still fills whole
// batches (46 MB through cat took no longer than before).
//
// The learn pass needs no order: counting is commutative. It has as many
// readers as workers, each taking whole pieces of the input, and one
// counting goroutine. A piece is an input, except that an uncompressed
// JSON Lines file over 16 MB is cut at the first line start after every
// multiple of 16 MB; the cuts depend on the file alone and a line belongs
// to the piece it starts in, so the table learned is the same for every -j
// (TestLearnPieces). A compressed file cannot be cut by offset: its reader
// only decompresses it and cuts runs of whole lines (docio's ReadLines),
// which as many hashers decode and hash, so a single compressed file uses
// every core for all but decompression. On the 2-core machine this took
// the learn pass of a 315 MB gzip file from 8.6 to 7.3 s and 8.5 to 7.9 s
// (two interleaved pairs of runs); gzip's own inflating, serial, is most
// of what is left. For zstd it changed nothing there: the decompressor
// already runs in two goroutines, and both cores were busy.
//
// # Memory
//
// A run aims at a peak of 200 MB plus 72 bytes per document (64 until
// each representative kept an anchor, a row word and an index entry more:
// simhash's Candidate search; at or under the clusterer's live bytes the
// soft limit would make the collector run without pause). The
// clusterer's index keeps about 60 bytes per document live (67-71 with
// anchors at one to ten million generated documents; the check
// for reused ids adds 11 to 21, a hash in an open-addressing table; not
// yet measured on a whole run), and with the
// Go collector's default pacing (GOGC=100) the heap grows to twice what is
// live: 10.5 GB of news (3.5M documents) peaked at 512 MB. So Run sets the
// runtime's soft memory limit to the target, raised as documents are read,
// and puts the old limit back at the end; the same run then peaked at 398
// MB (target 426) in the same CPU time. A limit already set, by GOMEMLIMIT
// or by the caller, is left alone. Under its own limit, Run also lets the
// learn pass collect at GOGC=1000: that pass keeps little (the counter's
// 32 MB table, key batches) but extracting pages makes much garbage, and
// with a heap of a few MB the collector ran 53 times over the 181 pages of
// the extraction benchmark (10 at GOGC=1000; 0.60 and 0.70 to 0.72 of the
// in-process rate, above). The limit still bounds the heap. Over a 100 MB
// JSON Lines corpus the peak RSS did not rise (47 against 64 MB, one run
// each); setting GOGC=1000 for the whole run took a 600 MB one from 111 to
// 190 MB, so the later passes keep GOGC=100. The limit is soft: a run whose live
// memory exceeds it (a 256 MB document) collects more often, at most half
// the CPU, rather than fail.
//
// The shard verbs' cluster step (Cluster) streams the sketch files and,
// once the clusterer is no longer needed, reads the ids of the
// representatives with duplicates (which the decisions carry for apply)
// in a second pass over them, so it holds the clusterer and 4 bytes per
// document: at 10M synthetic documents, a third
// of them copies, a peak of 63.6 bytes per document at GOGC=5 (62.9 at
// 1M; BenchmarkClusterVerb; with the ids' pass, 62.3-63.0 at 1M in
// three runs, 62.6-64.0 without it in the same window); 66.2 once the
// clusterer's rows grew from 56 to 60 bytes, and 63.6 and 64.1 (two runs)
// with 56-byte rows again (66.5 and 63.9 at 3M; 70.4 and 69.7 at 1M,
// where the peak is an index rebuild, which holds the old table and the
// new at once). An index of earlier runs
// (--index) holds 82 MB per million representatives once loaded (98.4
// with the clusterer's 60-byte rows, 94.4 with 56; one run each); it keeps
// their clusterer rows, which load without matching: median 1.06 s per
// million over five runs against 7.6 s when it kept sketches and clustered
// them again, on the 2-core machine at load 7-9 (BenchmarkIndexLoad).
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
//     (20-40 MB). The readers hash the lines (normalize.LineKeysAt, cut
//     where the JSON decoder found their breaks, docio.Doc.LineEnds, as
//     the strip of the later pass cuts them) and the
//     one counting goroutine only counts keys (ObserveKeys), in an
//     open-addressing table rather than a Go map: the 1 GB corpus of
//     bench-throughput counts 5.9M keys, 4.7M of them distinct, so the
//     counter runs at its cap of 2^20 and spills runs to a temporary
//     file, summed at the end (the normalize package comment
//     says why and what it costs).
//
// Measured with `go run ./cmd/bench-throughput -scale 100MB,1GB -runs 3
// -zst=false` (medians of 3 runs, gencorpus news, -j 2) on two 2-core
// machines: an AMD EPYC (an earlier build) and the Intel Xeon at 2.0 GHz
// of the latest session, about three times slower on this work (xxhash
// 7.1 GB/s, the zstd decompressor 185-310 MB/s against 658):
//
//	1.05 GB, 353,090 docs   MB/s   MB/CPU-s   peak RSS
//	clean, EPYC             192    100        114 MB
//	kernel, EPYC            341    190
//	clean, Xeon             62.7   32.1       113 MB
//	kernel, Xeon            116.9  61.0
//	clean/kernel            EPYC 56% by wall time, 54% by CPU time;
//	                        Xeon 54% and 53% (47% and 48% at 105 MB)
//
// Ten times the documents (105 MB to 1.05 GB) took 9.23 times the CPU
// time on the EPYC, 10.21 times on the Xeon. Stage shares, in summed
// goroutine time: fingerprint 33%, strip 30%, read and decode (both
// passes) 23%, learn 7%, cluster 3%, encode 3%, write 1%. Of the learn
// pass's own time (BenchmarkLearn), JSON validation is about a quarter,
// hashing a tenth.
//
// The shard verbs cost little more CPU than a single run when sketch
// keeps its stripped texts for apply (--texts): on a 105 MB corpus in 4
// shards, -j 1, 1.03, 1.17 and 1.09 times the single run's user+system time in
// three runs; without the texts apply extracts and strips again, 2.37 times.
// At 1 GB (bench-throughput -bytes 1GB -shards 4 -runs 3, -j 1 per
// process) the sequence took a median 1.52 times the single run (1.38,
// 1.52, 1.70; load 7 to 9 from other work) when apply read and decoded its
// input again beside the texts, and 1.31 (1.22, 1.31, 1.33; load under 2)
// since apply replays the sketch step's batches without reading the input
// (texts.go), learn-merge sizes its table at once and a shard's lines
// before it are counted only by the pass that reads its documents. Run 1
// then: single 19.21 CPU-s; learn 3.14, learn-merge 0.71, sketch 18.42,
// cluster 1.08, apply 1.76. Sketch costs more than the single run's emit
// pass (it writes every document's record to the texts, duplicates too,
// and counts the lines before its shard). Since each shard's counter is
// sized for its lines up front, its counts are written unsummed and
// learn-merge sums counts past the counter's cap a partition at a time
// (normalize), learn took 3.15 and learn-merge 0.49 CPU-s in a run 1
// where the build before took 3.63 and 0.84; the sequence's median
// ratio was 1.27 for both builds (1.22, 1.27, 1.31 against 1.23, 1.27,
// 1.31; load 1 to 2, one build after the other), and 1.33 against 1.39
// with both benches running at once (load 6 to 10). Keeping edits of each
// document's own text in the texts instead of its record (texts of 0.5
// MB instead of 53 MB per shard at 200 MB) cost more than it saved:
// apply then reads and decodes its input again, 1.8 to 2.6 CPU-s at 1 GB
// against the 0.8 to 1.8 that writing the records costs sketch.
//
// A compressed input costs its decompression once (see Passes). On the
// Xeon, `-bytes 1GB -runs 3` ran clean at 46.5 MB/s on the .zst file
// against 64.4 on the plain one (72%; before the spool, 41.3 against
// 63.4, 65%), the decompressor alone at 282 MB/s. What is left of the
// difference is CPU: decompressing (6 CPU-seconds per GB there) and
// writing the spool, on 2 cores that everything else keeps busy too.
//
// # Accounting
//
// Every document read ends in exactly one of four counts, so that
// DocsIn = DocsOut + Duplicates + EmptyAfterStrip + Errors holds after any
// run, failed or not. An error is counted by its reason (docio.Reject)
// and, with Config.Rejects, its record is written there as read (so are
// the WARC records skipped, which are not documents). An input
// that cannot be listed or opened fails in its place in the input order
// (docio.Input.Err), after the inputs before it and before those after
// it; a file the run writes (Config.Outputs, compared by identity) is
// never read.
package pipeline
