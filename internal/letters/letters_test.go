package letters

import "testing"

func TestMapKeepsReferences(t *testing.T) {
	got := Map("It&#8217;s Zed &amp; co.", Scripts["cyrillic"])
	if want := "Ит&#8217;с Зед &amp; цо."; got != want {
		t.Errorf("Map = %q, want %q", got, want)
	}
}
