package normalize

import (
	"bytes"
	"fmt"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ExtractHTML returns the main text of an HTML page, one block a line.
// The charset comes from a BOM or meta tag; nothing is fetched.
func ExtractHTML(page []byte) (string, error) {
	src, err := decodePage(page)
	if err != nil {
		return "", fmt.Errorf("extract html: %w", err)
	}
	src = slimHTML(src)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(src))
	if err != nil {
		// The parser refuses pages nested past its limit (512 open
		// elements); such a page still has text worth keeping.
		return flatText(src), nil
	}
	d := &htmlDoc{hints: make(map[string]hint)}
	d.walk(doc.Nodes[0], -1, 0, false)
	d.aggregate()
	d.score()
	roots := d.pick()
	em := emitter{d: d, clean: true, label: -1}
	for _, r := range roots {
		em.prose += d.elems[r].prose
	}
	for _, r := range roots {
		em.visit(r, 0)
	}
	em.flush()
	return string(em.out), nil
}

// flatText is the fallback when the parser gives up: the text of every
// token, a line per block, without choosing the main content.
func flatText(src []byte) string {
	z := html.NewTokenizer(bytes.NewReader(src))
	em := emitter{label: -1}
	for {
		switch z.Next() {
		case html.ErrorToken:
			em.flush()
			return string(em.out)
		case html.TextToken:
			em.text(string(z.Text()))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); a == atom.Br || isBlock(a) {
				em.flush()
			}
		}
	}
}
