package main

import (
	"math"
	"testing"
)

func TestScorePage(t *testing.T) {
	tests := []struct {
		name        string
		pred, truth string
		want        pageScore
		p, r        float64
	}{
		{"exact", "a b c d e", "a b c d e", pageScore{TP: 2, Predicted: true, HasTruth: true}, 1, 1},
		{"both empty", "", "", pageScore{}, 1, 1},
		// pred shingles: abcd bcde cdef; truth: abcd bcde.
		{"extra", "a b c d e f", "a b c d e", pageScore{TP: 2, FP: 1, Predicted: true, HasTruth: true}, 2.0 / 3, 1},
		{"missing", "a b c d", "a b c d e", pageScore{TP: 1, FN: 1, Predicted: true, HasTruth: true}, 1, 0.5},
		{"nothing predicted", "", "a b c d", pageScore{FN: 1, HasTruth: true}, 0, 0},
		{"short texts", "x y", "x y", pageScore{TP: 1, Predicted: true, HasTruth: true}, 1, 1},
		// Multiset: the truth holds "a b c d" once, the prediction twice.
		{"multiset", "a b c d . a b c d", "a b c d", pageScore{TP: 1, FP: 4, Predicted: true, HasTruth: true}, 0.2, 1},
	}
	for _, tt := range tests {
		got := scorePage(tt.pred, tt.truth)
		if got != tt.want {
			t.Errorf("%s: scorePage = %+v, want %+v", tt.name, got, tt.want)
		}
		if p, r := got.precision(), got.recall(); math.Abs(p-tt.p) > 1e-12 || math.Abs(r-tt.r) > 1e-12 {
			t.Errorf("%s: P,R = %v,%v, want %v,%v", tt.name, p, r, tt.p, tt.r)
		}
	}
}

func TestSummarize(t *testing.T) {
	pages := []pageScore{
		{TP: 1, FP: 1, Predicted: true, HasTruth: true}, // P 0.5, R 1
		{FN: 3, HasTruth: true},                         // not predicted: R 0, no P
		{FP: 2, Predicted: true},                        // no truth: P 0, no R
	}
	got := summarize(pages)
	wantP, wantR := 0.25, 0.5
	wantF := 2 * wantP * wantR / (wantP + wantR)
	if math.Abs(got.P-wantP) > 1e-12 || math.Abs(got.R-wantR) > 1e-12 || math.Abs(got.F1-wantF) > 1e-12 {
		t.Errorf("summarize = %+v, want P=%v R=%v F1=%v", got, wantP, wantR, wantF)
	}
}
