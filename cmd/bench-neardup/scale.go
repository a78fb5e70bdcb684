package main

import (
	"encoding/json"
	"fmt"
	"hash/maphash"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/newsclean/clean/simhash"
)

// runScale streams a generated corpus: batches are fingerprinted on all
// cores while the previous batch is clustered, and only the time spent in
// Clusterer.Add is counted as clustering time. With replicate > 0 the
// corpus's sketches are kept and then cycled until replicate documents
// have been clustered (see replicated).
func runScale(path string, o simhash.Options, replicate int, cpuProfile string) error {
	stopProfile, err := startCPUProfile(cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	var in io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	const batch = 8192
	fp := simhash.NewFingerprinter(o)
	seed := maphash.MakeSeed()
	jobs := make(chan *batchOut, 2)
	var readErr error
	go func() {
		defer close(jobs)
		cur := &batchOut{}
		readErr = eachLine(in, func(line []byte) error {
			var r record
			if err := json.Unmarshal(line, &r); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			cur.texts = append(cur.texts, r.Text)
			cur.labels = append(cur.labels, maphash.String(seed, r.Cluster))
			if len(cur.texts) == batch {
				jobs <- sketchAll(fp, cur.texts, cur.labels)
				cur = &batchOut{}
			}
			return nil
		})
		if len(cur.texts) > 0 {
			jobs <- sketchAll(fp, cur.texts, cur.labels)
		}
	}()
	c := simhash.NewClusterer(o)
	var labels []uint64
	var pred []int32
	var inAdd time.Duration
	bytes := 0
	lastN, lastT := 0, time.Duration(0)
	report := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		n := c.Len()
		fmt.Printf("%d docs: cluster %.0f docs/s overall, %.0f docs/s since last line (thread CPU), %d clusters, index %.1f bytes/doc, heap %.0f MB, %.0f MB text\n",
			n, float64(n)/inAdd.Seconds(), float64(n-lastN)/(inAdd-lastT).Seconds(), c.Representatives(),
			float64(c.IndexBytes())/float64(n), float64(ms.HeapInuse)/1e6, float64(bytes)/1e6)
		lastN, lastT = n, inAdd
	}
	next := 1 << 17
	var kept []simhash.Sketch
	var keptLabels []uint64
	// Add runs on this goroutine's locked thread and is timed in thread CPU
	// time, so other processes on a shared machine do not distort it.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	add := func(sk []simhash.Sketch, ls []uint64) {
		start := threadCPU()
		for _, s := range sk {
			pred = append(pred, int32(c.Add(s)))
		}
		inAdd += threadCPU() - start
		labels = append(labels, ls...)
		if c.Len() >= next {
			report()
			next *= 2
		}
	}
	for j := range jobs {
		for _, t := range j.texts {
			bytes += len(t)
		}
		if replicate > 0 {
			kept = append(kept, j.sk...)
			keptLabels = append(keptLabels, j.labels...)
			continue
		}
		add(j.sk, j.labels)
	}
	if readErr != nil {
		return readErr
	}
	if replicate > 0 {
		replicated(kept, keptLabels, replicate, add)
	}
	if c.Len() != lastN { // not reported already, as a corpus ending at a power of two is
		report()
	}
	p := make([]int, len(pred))
	for i, v := range pred {
		p[i] = int(v)
	}
	s := score(labels, p)
	fmt.Printf("pairs: precision %.4f recall %.4f F1 %.4f ARI %.4f\n", s.precision, s.recall, s.f1, s.ari)
	return nil
}

type batchOut struct {
	texts  []string
	labels []uint64
	sk     []simhash.Sketch
}

func sketchAll(fp *simhash.Fingerprinter, texts []string, labels []uint64) *batchOut {
	sk := make([]simhash.Sketch, len(texts))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(texts); i += workers {
				sk[i] = fp.Sketch(texts[i])
			}
		})
	}
	wg.Wait()
	return &batchOut{texts: texts, labels: labels, sk: sk}
}

// replicated feeds n sketches made from the corpus's: copy k of the corpus
// has every fingerprint put through a bit permutation and XOR mask drawn
// for k. The permutation moves bits within each 32-bit half, so the
// distances the clusterer measures (whole 64-bit fingerprints and the
// upper halves of passage fingerprints) are unchanged within a copy, and
// duplicates stay duplicates; across copies the same story lands at the
// distance of unrelated stories, as if each copy were another corpus. (An
// XOR mask alone keeps the distance between a story and its twin in
// another copy at the popcount of the two masks' difference, which for
// some of the 32-bit halves of 100 copies is only a few bits.) This
// measures the clusterer at sizes whose text would not fit the time or
// disk available.
func replicated(sk []simhash.Sketch, labels []uint64, n int, add func([]simhash.Sketch, []uint64)) {
	if len(sk) == 0 {
		return
	}
	const batch = 8192
	out := make([]simhash.Sketch, 0, batch)
	outL := make([]uint64, 0, batch)
	var chunks []simhash.Chunk
	var p permuter
	for i := 0; i < n; i++ {
		k, j := uint64(i/len(sk)), i%len(sk)
		if j == 0 && k > 0 {
			p = newPermuter(k)
		}
		mask := k * 0x9e3779b97f4a7c15 // k = 0 is the corpus itself
		s := sk[j]
		if k > 0 {
			s.Whole = p.apply(s.Whole)
			if s.Opening != 0 { // a replica shares no opening with the corpus
				s.Opening = p.apply(s.Opening)
			}
			for a, h := range s.Anchors { // nor anchors
				if h != 0 {
					s.Anchors[a] = max(1, p.apply(h))
				}
			}
			start := len(chunks)
			for _, ch := range s.Chunks {
				chunks = append(chunks, simhash.Chunk{FP: p.apply(ch.FP), Weight: ch.Weight})
			}
			s.Chunks = chunks[start:]
		}
		out = append(out, s)
		outL = append(outL, labels[j]^mask)
		if len(out) == batch || i == n-1 {
			add(out, outL)
			out, outL, chunks = out[:0], outL[:0], chunks[:0]
		}
	}
}

// permuter applies a fixed permutation of the bits within each 32-bit
// half of a word, then XORs a mask, by byte tables.
type permuter struct {
	tbl  [8][256]uint64
	mask uint64
}

func newPermuter(seed uint64) permuter {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var to [64]int
	for half := 0; half < 64; half += 32 {
		for i, d := range r.Perm(32) {
			to[half+i] = half + d
		}
	}
	p := permuter{mask: r.Uint64()}
	for b := range p.tbl {
		for v := range 256 {
			for bit := range 8 {
				if v>>bit&1 != 0 {
					p.tbl[b][v] |= 1 << to[8*b+bit]
				}
			}
		}
	}
	return p
}

func (p *permuter) apply(x uint64) uint64 {
	y := p.mask
	for b := range p.tbl {
		y ^= p.tbl[b][byte(x>>(8*b))]
	}
	return y
}
