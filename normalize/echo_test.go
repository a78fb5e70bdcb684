package normalize

import (
	"strings"
	"testing"
)

func TestHeadlineLike(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Michigan To Mail Redistricting Panel Applications To 250,000 The state of Michigan will mail 250,000 applications.", true},
		{"Detroit's 5 Best Spots For Desserts Need more desserts in your life? Hoodline crunched the numbers.", true},
		{"Storm Knocks Out Power Across The Region Crews worked through the night to restore it.", true},
		// Prose: names are capitalised, small words are not.
		{"Berrien County Health Department officials said Monday the victim was one of two people infected.", false},
		{"U.S. Defense Secretary Mark Esper on Wednesday accused China of using coercion and intimidation.", false},
		{"The report, he said. In the end it was the council that decided. On Friday it voted.", false},
		{"Der Minister sagte, Sie hätten das Gesetz nicht gelesen, und Ihr Antrag sei abgelehnt worden.", false},
		{"Residents who use the crossing every day said they had not been told how long the work would take.", false},
	}
	for _, tt := range tests {
		if got := headlineLike(tt.line); got != tt.want {
			t.Errorf("headlineLike(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestTeaserHeadlines: title-case teasers (headline joined to summary) are
// not taken for the body, while a body paragraph that quotes a title stays.
func TestTeaserHeadlines(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p0, p1, p2 := bodyParas[0], bodyParas[1], bodyParas[2]
	teasers := []string{
		"Storm Knocks Out Power Across The Region Crews worked through the night to restore electricity to thousands of homes in the valley.",
		"Council To Vote On New Parking Rules In March The proposal would double the fees charged in the town centre and end free Sunday parking.",
		"Local Team Wins Title After Dramatic Final The club beat its rivals on penalties on Saturday, ending a wait of more than thirty years.",
		"School Board Approves Budget For Next Year The budget adds six teachers and repairs the roof of the old gymnasium, officials said.",
	}
	quote := "The report, titled Lessons From The Flood For The Valley, was published on Monday and is now on the council's website."
	tests := []struct {
		name string
		line string
		text string
		want string
	}{
		{"teaser list", teasers[0], doc(append(append([]string{"News", "Weather"}, teasers...), "Sports", "Video", "Bridge to close", "By Jane Smith", p0, p1, p2)...), RuleNonBody},
		{"title quoted in body", quote, doc(p0, quote, p1, p2), ""},
	}
	for _, tt := range tests {
		if got := removedBy(t, s, tt.text, tt.line); got != tt.want {
			t.Errorf("%s: removed by %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEchoes(t *testing.T) {
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p0, p1, p2 := bodyParas[0], bodyParas[1], bodyParas[2]
	head := "Council closes the old bridge for the summer"
	q := "What made you want to open a restaurant in the first place?"
	tests := []struct {
		name string
		line string
		text string
		want string
	}{
		{"joined repeat", p0 + " " + p1 + " " + p2, doc(p0, p1, p2, "Share", p0+" "+p1+" "+p2), RuleEcho},
		{"cut-off summary", p0[:70] + "...", doc(p0[:70]+"...", p0, p1, p2), RuleEcho},
		{"headline with summary", head + " " + p2, doc(head, p0, p1, p2, "More news", head+" "+p2), RuleEcho},
		{"repeated run", p2, doc(p0, p1, p2, "Read more", p1, p2), RuleEcho},
		// A question asked of every guest is one line repeated, not a run.
		{"single repeat", q, doc("Ann", q, p0, "Bob", q, p1, "Cy", q, p2), ""},
		// A paragraph that starts like another one goes on differently.
		{"shared opening", p0[:60] + " and the ferry will run all year.", doc(p0, p1, p0[:60]+" and the ferry will run all year.", p2), ""},
	}
	for _, tt := range tests {
		if got := removedBy(t, s, tt.text, tt.line); got != tt.want {
			t.Errorf("%s: removed by %q, want %q", tt.name, got, tt.want)
		}
	}
	// The first copy of a repeated run stays.
	text := doc(p0, p1, p2, "Read more", p1, p2)
	if kept, _ := s.Strip(text, ""); strings.Count(kept, p2) != 1 {
		t.Errorf("repeated run: kept %d copies, want 1", strings.Count(kept, p2))
	}
}

// TestCapsAfterSpace checks the 8-byte test against the byte-by-byte one,
// including bytes above 0x7F and neighbours of ' ', 'A' and 'Z'.
func TestCapsAfterSpace(t *testing.T) {
	alphabet := []byte{' ', '!', '@', 'A', 'M', 'Z', '[', 'a', 'z', 0x7F, 0x80, 0xA0, 0xC0, 0xDA, 0xE2, 0xFF, 0x00, 0x1F}
	var b [9]byte
	seed := uint32(1)
	for n := 0; n < 200000; n++ {
		for i := range b {
			seed = seed*1664525 + 1013904223
			b[i] = alphabet[seed>>24%uint32(len(alphabet))]
		}
		s := string(b[:])
		got := capsAfterSpace(load64(s, 0), load64(s, 1))
		var want uint64
		for k := 0; k < 8; k++ {
			if s[k] == ' ' && 'A' <= s[k+1] && s[k+1] <= 'Z' {
				want |= 0x80 << (8 * k)
			}
		}
		if got != want {
			t.Fatalf("capsAfterSpace(%q) = %#x, want %#x", s, got, want)
		}
	}
}
