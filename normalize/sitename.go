package normalize

import (
	"bytes"
	"strings"
)

// The site's own name. A page's masthead, its credit line and the
// outlet under a byline say the site's name, and the site is known: the
// host of the page (Strip's site). A short line no rule claimed whose
// letters are those of a label of the host ("Rouen Info" on
// rouen-info.fr, "The Guardian" on theguardian.com, "IL MESSAGGERO DI
// CATANIA" on ilmessaggerodicatania.it) goes, in any language, as
// "site-name". Letters are compared folded (lower case, without accents)
// and also with non-ASCII letters dropped, as hosts are often spelled
// ("Notícias de Leiria" on noticias-de-leiria.pt and notcias-de-leiria.pt).

// RuleSiteName removes a short line that is the site's own name.
const RuleSiteName = "site-name"

const ruleSiteName = -7

// Bounds of a site-name line: at least siteNameMinLetters letters (a
// word of four is a common word as often: "News", "Info"), at most
// siteNameMaxLen bytes.
const (
	siteNameMinLetters = 5
	siteNameMaxLen     = 60
)

// hostLabels returns the letters and digits of each label of site's
// host but the last (the top-level domain), or nil when site is no host
// (a path: the file or directory a document came from).
func hostLabels(site string) [][]byte {
	if strings.ContainsAny(site, "/\\ ") || !strings.Contains(site, ".") {
		return nil
	}
	labels := strings.Split(site, ".")
	switch strings.ToLower(labels[len(labels)-1]) {
	case "jsonl", "ndjson", "json", "txt", "text", "md", "html", "htm", "warc", "gz", "zst":
		return nil // a file name (the site of its records when they have no url)
	}
	var out [][]byte
	for _, l := range labels[:len(labels)-1] {
		if a := alnum(nil, []byte(l)); len(a) >= siteNameMinLetters && string(a) != "www" {
			out = append(out, a)
		}
	}
	return out
}

// alnum appends the ASCII letters and digits of s to dst, in lower case.
func alnum(dst, s []byte) []byte {
	for _, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}

// claimSiteName claims the weak lines of ls that are the site's name
// (see above), given the host's labels (hostLabels).
func claimSiteName(ls []line, labels [][]byte) {
	if len(labels) == 0 {
		return
	}
	var buf, plain, folded []byte
	for i := range ls {
		l := &ls[i]
		if l.class != weak || len(l.text) > siteNameMaxLen {
			continue
		}
		plain = alnum(plain[:0], []byte(l.text)) // non-ASCII letters dropped
		buf = fold(buf[:0], l.text)
		folded = alnum(folded[:0], buf) // accents folded
		if len(folded) < siteNameMinLetters {
			continue
		}
		for _, h := range labels {
			if names(h, folded) || names(h, plain) {
				l.claim(ruleSiteName)
				break
			}
		}
	}
}

// names reports whether line letters a are most of host label h: in it,
// and at least two thirds of its letters ("Guardian" of theguardian, not
// "Allgemeine", a wrapped byline's last word, of dresdenerallgemeine).
func names(h, a []byte) bool {
	letters := 0
	for _, c := range h {
		if c > '9' {
			letters++
		}
	}
	return len(a) >= siteNameMinLetters && 3*len(a) >= 2*letters && bytes.Contains(h, a)
}
