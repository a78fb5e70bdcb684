package normalize

import (
	"strings"
	"testing"
)

// Text chosen by an extractor keeps lines a body search would drop (a
// results table of short lines), while rules still remove boilerplate.
func TestStripExtracted(t *testing.T) {
	prose := "The championship resumed on Sunday after a two-week break, and the leaders extended their advantage at the top of the table with a comfortable win."
	table := []string{"1. Rovers 45", "2. United 41", "3. City 40", "4. Athletic 38", "5. Wanderers 35", "6. Town 33", "7. Albion 30", "8. County 29"}
	text := prose + "\n" + strings.Join(table, "\n") + "\n© 2024 Example Media. All rights reserved."
	s, err := NewStripper(DefaultRules(), nil)
	if err != nil {
		t.Fatal(err)
	}
	kept, removed := s.StripExtracted(text, "")
	if want := prose + "\n" + strings.Join(table, "\n"); kept != want {
		t.Errorf("StripExtracted kept\n%s\nwant\n%s", kept, want)
	}
	if len(removed) != 1 || removed[0].Rule != "copyright" {
		t.Errorf("removed %+v, want the copyright line alone", removed)
	}
	if again, _ := s.StripExtracted(kept, ""); again != kept {
		t.Errorf("not idempotent: %q", again)
	}
}
