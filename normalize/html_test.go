package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const htmlFixtures = "../fixtures/html"

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(htmlFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExtractHTML(t *testing.T) {
	const cafe = "Le café “naïve” coûte 3€, a dit le gérant du restaurant"
	tests := []struct {
		file    string
		want    []string // lines (or line prefixes) that must be there
		notWant []string // substrings that must be gone
	}{
		{
			file: "article.html",
			want: []string{
				"The city council voted on Tuesday night",
				"Residents divided",
				"We have waited twenty years for this",
				"Construction starts in the spring of next year.",
				"Foundations and piers 15 million dollars",
				"The council will publish the final design in January",
			},
			notWant: []string{
				"SCRIPT TEXT", "STYLE TEXT", "SITE HEADER TEXT", "NAV LINK TEXT", "BREADCRUMB TEXT",
				"SHARE BAR TEXT", "HIDDEN STYLE TEXT", "HIDDEN ATTRIBUTE TEXT", "ARIA HIDDEN TEXT",
				"FORM BUTTON TEXT", "RELATED LINK", "TAG CLOUD TEXT", "COMMENT TEXT", "ASIDE TEXT",
				"FOOTER TEXT", "By Jane Reporter", "Council approves the new river bridge",
				"FIGCAPTION TEXT", "PHOTO CREDIT TEXT", "META TEXT", "MORE LABEL TEXT", "LINK LIST",
			},
		},
		{file: "cp1252.html", want: []string{cafe, "Les clients apprécient l’accueil"}},
		{file: "cp1252-nometa.html", want: []string{cafe}},
		{file: "bom-utf8.html", want: []string{cafe}},
		{file: "bom-utf16le.html", want: []string{cafe}},
		{
			file:    "spacereview.html",
			want:    []string{"Earlier this month, NASA announced the newest milestone"},
			notWant: []string{"Home", "Subscribe"},
		},
		{file: "comwrap.html", want: []string{"Am 12. Bis 13. September startet wieder die DMEXCO 2018"}},
		{file: "lhpat.html", want: []string{"先日、不正に改造したiPhoneを販売したとして"}},
		{
			file:    "nbcnews.html",
			want:    []string{"VIENNA — The house where Adolf Hitler was born will be turned into a police station"},
			notWant: []string{"Hitler was born in will become a police station, Austria says"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ExtractHTML(readFixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(got) {
				t.Error("output is not valid UTF-8")
			}
			lines := strings.Split(got, "\n")
			for _, w := range tt.want {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, w)
				}
				if !found {
					t.Errorf("no line starts with %q in:\n%s", w, got)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(got, nw) {
					t.Errorf("output keeps %q:\n%s", nw, got)
				}
			}
		})
	}
}

// TestExtractHTMLHostile feeds inputs built to exhaust the extractor:
// each must come back quickly, as valid UTF-8, without a panic.
func TestExtractHTMLHostile(t *testing.T) {
	para := "<p>" + strings.Repeat("Some words of an article, with commas. ", 5) + "</p>"
	tests := []struct {
		name string
		page []byte
		want string // a substring the output must hold ("" for none)
	}{
		{"deep divs", []byte(strings.Repeat("<div>", 100000) + para), "Some words of an article"},
		{"deep inline", []byte(strings.Repeat("<span><b>", 50000) + para), "Some words of an article"},
		{"deep tables", []byte(strings.Repeat("<table><tr><td>", 20000) + para), "Some words of an article"},
		{"huge", []byte(para + strings.Repeat("<p>filler text in a big page</p>", maxPageBytes/20)), "Some words of an article"},
		{"unclosed script", []byte(para + "<script>" + strings.Repeat("x<", 1000)), "Some words of an article"},
		{"unclosed comment", []byte(para + "<!-- " + strings.Repeat("a", 1000)), "Some words of an article"},
		{"unclosed tag", []byte(para + `<div class="a`), "Some words of an article"},
		{"invalid utf-8", []byte("<meta charset=utf-8>" + para + "<p>bad \xff\xfe bytes here in a paragraph of some length</p>"), "Some words"},
		{"label dropped inside its parent", []byte("<A>0<div> <p>00"), ""}, // found by FuzzExtractHTML
		{"json-ld string unclosed", []byte(`<script type="application/ld+json">{"articleBody": "abc\` + para), ""},
		{"json-ld body of markup", []byte(`<script type="application/ld+json">{"articleBody": "<p` + strings.Repeat(`\u003c/p\u003e<b>x`, 500) + `"}</script>` + para), "Some words of an article"},
		{"title never closed", []byte("<title>abc"), ""},
		{"empty", nil, ""},
		{"text only", []byte("just some text, no markup at all, but long enough to be a paragraph"), "just some text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := ExtractHTML(tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 20*time.Second { // generous: the machine may be loaded; a blow-up takes minutes
				t.Errorf("took %v", d)
			}
			if !utf8.ValidString(got) {
				t.Error("output is not valid UTF-8")
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks %q: %.200q", tt.want, got)
			}
		})
	}
}

func TestDecodePage(t *testing.T) {
	tests := []struct {
		name string
		page string
		want string
	}{
		{"utf-8 despite latin-1 meta", `<meta charset="iso-8859-1">café`, `<meta charset="iso-8859-1">café`},
		{"latin-1 meta", "<meta charset=\"iso-8859-1\">caf\xe9", `<meta charset="iso-8859-1">café`},
		{"http-equiv", "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=KOI8-R\">\xf0\xd2\xc9", "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=KOI8-R\">При"},
		{"no meta, not utf-8", "caf\xe9 \x80", "café €"},
		{"utf-16 meta on ascii page", `<meta charset="utf-16">abc`, `<meta charset="utf-16">abc`},
		{"unknown label", "<meta charset=\"x-nonsense\">caf\xe9", "<meta charset=\"x-nonsense\">café"},
		{"iso-2022-jp", "<meta charset=\"iso-2022-jp\">\x1b$B$3$s\x1b(B", "<meta charset=\"iso-2022-jp\">こん"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodePage([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSlimHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script", `a<script type="text/javascript">if (a<b) x = "</div>";</script>b`, `a<script></script>b`},
		{"case", `a<STYLE>p{}</Style>b`, `a<STYLE></Style>b`},
		{"svg", `a<svg viewBox="0 0 1 1"><path d="M0"/></svg>b<svg/>c`, `a<svg></svg>b<svg/>c`},
		{"comment", `a<!-- <script> -->b`, `ab`},
		{"attribute holds a tag", `<div title="<script>">x</div>`, `<div>x</div>`},
		{"kept attributes", `<div class="a b" data-x='1>' id=main hidden>`, `<div class="a b" id=main hidden>`},
		{"meta kept whole", `<meta property="og:title" content="T">`, `<meta property="og:title" content="T">`},
		{"custom element", `<my-el class=x data-y>t</my-el>`, `<my-el class=x>t</my-el>`},
		{"json-ld", `<script type="application/ld+json">{"a":1}</script>`, `<script></script>`},
		{"prefix is not the tag", `<scripts>x</scripts>`, `<scripts>x</scripts>`},
		{"unclosed title", `<title>Cut off<script>x</script></head><p>a`, `<title>Cut off</title><script></script></head><p>a`},
		{"title end tag misspelt", `<title>T</titlevalue="1" --></head><p>a`, `<title>T</title></titlevalue="1" --></head><p>a`},
		{"title with a less-than sign", `<title>a < b, <3</title><p>a`, `<title>a < b, <3</title><p>a`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := slimHTML([]byte(tt.in)); string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClassifyName(t *testing.T) {
	tests := []struct {
		name string
		want hint
	}{
		{"post-comments", hintGood | hintBad | hintJunk | hintThread},
		{"relatedStories", hintBad | hintJunk},
		{"article-body", hintGood | hintMaybe},
		{"header", 0},
		{"top-ad", hintBad | hintJunk},
		{"byline", hintBad | hintByline},
	}
	for _, tt := range tests {
		if got := classifyName(tt.name); got != tt.want {
			t.Errorf("classifyName(%q) = %b, want %b", tt.name, got, tt.want)
		}
	}
}

// BenchmarkExtractHTML runs the extractor over the real fixture pages;
// bytes/s is over the raw HTML.
func BenchmarkExtractHTML(b *testing.B) {
	var pages [][]byte
	size := 0
	for _, f := range []string{"spacereview.html", "comwrap.html", "lhpat.html", "nbcnews.html"} {
		p := readFixture(b, f)
		pages = append(pages, p)
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := ExtractHTML(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
}

// FuzzExtractHTML checks that no input panics or yields invalid UTF-8.
