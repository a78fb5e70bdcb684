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

// hostLabel returns the letters and digits of label i of site's host
// (the last, the top-level domain, excluded), appended to dst, and
// whether there is such a label; none when site is no host (a path or a
// file name: the site of records without a url).
func hostLabel(dst []byte, site string, i int) ([]byte, bool) {
	last := strings.LastIndexByte(site, '.')
	if last < 0 || notHost(site) {
		return dst, false
	}
	switch strings.ToLower(site[last+1:]) {
	case "jsonl", "ndjson", "json", "txt", "text", "md", "html", "htm", "warc", "gz", "zst":
		return dst, false
	}
	site = site[:last]
	for ; i > 0; i-- {
		j := strings.IndexByte(site, '.')
		if j < 0 {
			return dst, false
		}
		site = site[j+1:]
	}
	if j := strings.IndexByte(site, '.'); j >= 0 {
		site = site[:j]
	}
	return alnum(dst, site), true
}

// notHost reports whether site has a byte no host has: '/', '\\' or a
// space (strings.ContainsAny builds a byte set at each call, and this one
// is made a few times a document).
func notHost(site string) bool {
	for i := 0; i < len(site); i++ {
		switch site[i] {
		case '/', '\\', ' ':
			return true
		}
	}
	return false
}

// alnum appends the ASCII letters and digits of s to dst, in lower case.
func alnum[S string | []byte](dst []byte, s S) []byte {
	dst, _ = alnumOf(dst, s, &allBytes)
	return dst
}

var allBytes = func() (set [256]bool) {
	for c := range set {
		set[c] = true
	}
	return set
}()

// claimSiteName claims the weak lines of ls that are the site's name
// (see above). Buffers are on the stack: this looks at every short weak
// line of every document. The host's labels are cut out once per
// document, and an ASCII line is given up at its first letter that no
// label has (most are: "Sport" on theguardian.com at its "s"), which
// took this function from 3.5% of the stripping instructions to 1%
// (cachegrind, BenchmarkStripCorpus).
func claimSiteName(ls []line, site string) {
	if site == "" {
		return
	}
	var hostBuf [2 * siteNameMaxLen]byte
	var endBuf [8]int
	host, ends := hostBuf[:0], endBuf[:0] // label k is host[ends[k-1]:ends[k]]
	var letters [256]bool                 // of the labels compared (not "www")
	for k := 0; ; k++ {
		from := len(host)
		var ok bool
		if host, ok = hostLabel(host, site, k); !ok {
			break
		}
		if h := host[from:]; string(h) == "www" {
			host = host[:from]
			continue
		}
		for _, c := range host[from:] {
			letters[c] = true
		}
		ends = append(ends, len(host))
	}
	if len(ends) == 0 {
		return // no host, or only "www"
	}
	var bufs [3][siteNameMaxLen + 4]byte
	for i := range ls {
		l := &ls[i]
		if l.class != weak || len(l.text) > siteNameMaxLen {
			continue
		}
		var plain, folded []byte
		if isASCII(l.text) {
			var ok bool
			if plain, ok = alnumOf(bufs[0][:0], l.text, &letters); !ok {
				continue
			}
			folded = plain
		} else {
			plain = alnum(bufs[0][:0], l.text) // non-ASCII letters dropped
			folded = alnum(bufs[1][:0], fold(bufs[2][:0], l.text))
		}
		if len(folded) < siteNameMinLetters {
			continue
		}
		from := 0
		for _, to := range ends {
			if h := host[from:to]; names(h, folded) || names(h, plain) {
				l.claim(ruleSiteName)
				break
			}
			from = to
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

// alnumOf is alnum, and false at the first letter or digit of s that is
// not in set.
func alnumOf[S string | []byte](dst []byte, s S, set *[256]bool) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if !set[c] {
				return dst, false
			}
			dst = append(dst, c)
		}
	}
	return dst, true
}
