package main

import (
	"reflect"
	"testing"
)

func TestTablePeers(t *testing.T) {
	const md = `# A set
| extractor | F1 | P | R | pages/s |
|---|---|---|---|---|
| tool A, default | 0.962 | 0.945 | 0.979 | 183 |
| parsing alone | – | – | – | 803 |

| set | tool B | tool C |
|---|---|---|
| news | .856 / .942 / .897 | .75 / .95 / .84 |
| other | .1 / .2 / .3 | .4 / .5 / .6 |
`
	want := []peer{
		{"tool A, default", 0.945, 0.979, 0.962},
		{"tool B", 0.856, 0.942, 0.897},
		{"tool C", 0.75, 0.95, 0.84},
	}
	if got := tablePeers(md, "news"); !reflect.DeepEqual(got, want) {
		t.Errorf("tablePeers = %v, want %v", got, want)
	}
}
