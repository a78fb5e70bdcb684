package pipeline

import "testing"

func TestIDSet(t *testing.T) {
	var s idSet
	const n = 100000 // past several growths
	for i := uint64(1); i <= n; i++ {
		if s.add(i * 0x9E3779B97F4A7C15) {
			t.Fatalf("%d: new hash reported as seen", i)
		}
	}
	if s.add(0) || !s.add(0) || !s.add(1) { // 0 stands as 1
		t.Error("hash 0 mishandled")
	}
	for i := uint64(1); i <= n; i++ {
		if !s.add(i * 0x9E3779B97F4A7C15) {
			t.Fatalf("%d: hash seen before reported as new", i)
		}
	}
	if s.n != n+1 || 4*s.n > 3*len(s.slots) {
		t.Errorf("%d members in %d slots", s.n, len(s.slots))
	}
}
