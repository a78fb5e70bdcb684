package main

import "github.com/newsclean/clean/internal/shingle"

// The metric of the article-extraction-benchmark, as its README states it:
// \w+ tokens (case kept), word 4-gram shingles (a text of fewer than four
// tokens is one shingle; package shingle), multiset TP/FP/FN per page,
// precision averaged over pages with a prediction, recall over pages with
// a truth, F1 of the means.

// pageScore is one page's shingle match against its truth.
type pageScore struct {
	TP, FP, FN int
	Predicted  bool // the prediction has at least one shingle
	HasTruth   bool // the truth has at least one shingle
}

// precision and recall are both 1 when nothing is wrong (FP = FN = 0), so
// an empty prediction for an empty truth is perfect.
func (p pageScore) precision() float64 { return p.ratio(p.FP) }
func (p pageScore) recall() float64    { return p.ratio(p.FN) }

// ratio is TP/(TP+wrong), with the benchmark's convention for a page
// where nothing at all is wrong.
func (p pageScore) ratio(wrong int) float64 {
	if p.FP == 0 && p.FN == 0 {
		return 1
	}
	if p.TP == 0 {
		return 0
	}
	return float64(p.TP) / float64(p.TP+wrong)
}

// scorePage compares predicted text with the true text of one page.
func scorePage(pred, truth string) pageScore {
	ps, ts := shingle.Shingles(pred), shingle.Shingles(truth)
	var s pageScore
	for k, n := range ps {
		t := ts[k]
		s.TP += min(n, t)
		s.FP += max(n-t, 0)
	}
	for k, t := range ts {
		s.FN += max(t-ps[k], 0)
	}
	s.Predicted = len(ps) > 0
	s.HasTruth = len(ts) > 0
	return s
}

// summary is the benchmark's headline: mean precision, mean recall, and
// the F1 of those means.
type summary struct {
	P, R, F1 float64
}

func summarize(pages []pageScore) summary {
	var sp, sr float64
	var np, nr int
	for _, p := range pages {
		if p.Predicted {
			sp += p.precision()
			np++
		}
		if p.HasTruth {
			sr += p.recall()
			nr++
		}
	}
	var s summary
	if np > 0 {
		s.P = sp / float64(np)
	}
	if nr > 0 {
		s.R = sr / float64(nr)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}
