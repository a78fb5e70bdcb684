package normalize

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// Limits for untrusted pages.
const (
	// maxPageBytes caps the bytes parsed. Article pages run to a couple
	// of megabytes at most; past the cap the tail (usually footers and
	// scripts) is cut, which bounds parse time and memory.
	maxPageBytes = 6 << 20
	// metaScanBytes is how far into the page a <meta charset> is looked
	// for. The HTML standard says 1024 bytes, but real pages put scripts
	// and styles before it.
	metaScanBytes = 64 << 10
)

var boms = []struct {
	bom   string
	label string
}{
	{"\xef\xbb\xbf", "utf-8"},
	{"\xfe\xff", "utf-16be"},
	{"\xff\xfe", "utf-16le"},
}

// decodePage returns page as UTF-8. Precedence: a byte-order mark; then
// the bytes themselves when they are valid UTF-8 with non-ASCII runes (a
// scraper that re-encoded a page rarely fixed its meta tag, and such
// sequences almost never arise by chance in legacy encodings); then the
// <meta> charset; then windows-1252, the web's legacy default.
func decodePage(page []byte) ([]byte, error) {
	if len(page) > maxPageBytes {
		page = page[:maxPageBytes]
	}
	for _, b := range boms {
		if bytes.HasPrefix(page, []byte(b.bom)) {
			return decodeWith(b.label, page[len(b.bom):], true)
		}
	}
	label := metaCharset(page)
	if utf8.Valid(page) {
		if label == "" || !isASCII(page) {
			return page, nil
		}
		// Pure ASCII is the same in every ASCII-compatible charset, but
		// a 7-bit encoding such as ISO-2022-JP still needs decoding.
		return decodeWith(label, page, false)
	}
	if label == "" {
		label = "windows-1252"
	}
	return decodeWith(label, page, false)
}

// decodeWith decodes b from the charset label; fromBOM tells whether the
// label came from a byte-order mark rather than a meta tag.
func decodeWith(label string, b []byte, fromBOM bool) ([]byte, error) {
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil && label != "windows-1252":
		return decodeWith("windows-1252", b, false)
	case enc == nil:
		return nil, fmt.Errorf("charset %q unsupported", label)
	case name == "utf-8":
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), nil
	case (name == "utf-16le" || name == "utf-16be") && !fromBOM:
		// A meta tag can't be read in UTF-16 text, so a page whose
		// ASCII meta claims UTF-16 is really UTF-8 (HTML standard).
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD")), nil
}

func isASCII[S string | []byte](b S) bool {
	for i := 0; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// metaCharset returns the charset label of the first <meta> that gives
// one, as charset="x" or http-equiv content="...; charset=x".
func metaCharset(page []byte) string {
	head := page[:min(len(page), metaScanBytes)]
	for i := 0; ; {
		j := indexFold(head[i:], "<meta")
		if j < 0 {
			return ""
		}
		start := i + j + len("<meta")
		end := tagEnd(head, start)
		if end < 0 {
			return ""
		}
		tag := head[start:end]
		if k := indexFold(tag, "charset"); k >= 0 {
			v := bytes.TrimLeft(tag[k+len("charset"):], " \t\r\n")
			if len(v) > 0 && v[0] == '=' {
				v = bytes.TrimLeft(v[1:], " \t\r\n\"'")
				n := 0
				for n < len(v) && (isAlnum(v[n]) || v[n] == '-' || v[n] == '_' || v[n] == ':' || v[n] == '.') {
					n++
				}
				if n > 0 {
					return string(bytes.ToLower(v[:n]))
				}
			}
		}
		i = end
	}
}

// slimHTML cuts what the extractor never reads before the parser sees
// it: the content of <script>, <style> and <svg> elements, comments, and
// every attribute but the few that inspect reads (all of them on <meta>).
// That is three quarters of the bytes of the benchmark's pages, and
// parsing runs about twice as fast without them (see html.go). Tags are
// scanned with their quoted attribute values, so a "<script" inside an
// attribute does not start a cut. From JSON-LD scripts it keeps the
// longest schema.org articleBody, which the page offers as its text.
func slimHTML(b []byte) (out []byte, articleBody string) {
	out = make([]byte, 0, len(b)/2)
	done, pos := 0, 0 // b[:done] is copied or cut; scanning resumes at pos
	for {
		j := bytes.IndexByte(b[pos:], '<')
		if j < 0 {
			break
		}
		lt := pos + j
		if bytes.HasPrefix(b[lt:], []byte("<!--")) {
			k := bytes.Index(b[lt+4:], []byte("-->"))
			out = append(out, b[done:lt]...)
			if k < 0 {
				return out, articleBody
			}
			pos = lt + 4 + k + 3
			done = pos
			continue
		}
		if lt+1 == len(b) || !isASCIILetter(b[lt+1]) {
			pos = lt + 1
			continue
		}
		n := 1 // the tag name runs to a space, '/' or '>', as in the tokenizer
		for lt+1+n < len(b) && !isHTMLSpace(b[lt+1+n]) && b[lt+1+n] != '/' && b[lt+1+n] != '>' {
			n++
		}
		name := b[lt+1 : lt+1+n]
		gt := tagEnd(b, lt+1+n)
		if gt < 0 {
			break
		}
		out = append(out, b[done:lt+1+n]...)
		if bytes.EqualFold(name, []byte("meta")) {
			out = append(out, b[lt+1+n:gt+1]...)
		} else {
			out = appendKeptAttrs(out, b[lt+1+n:gt])
			if b[gt-1] == '/' {
				out = append(out, '/')
			}
			out = append(out, '>')
		}
		pos, done = gt+1, gt+1
		var raw string
		switch {
		case bytes.EqualFold(name, []byte("script")):
			raw = "script"
		case bytes.EqualFold(name, []byte("style")):
			raw = "style"
		case bytes.EqualFold(name, []byte("svg")) && b[gt-1] != '/':
			raw = "svg"
		case bytes.EqualFold(name, []byte("title")):
			// The parser reads a title as text up to "</title>": one
			// never closed swallows the whole page. A tag inside the
			// title text means it was cut off there.
			if k := unclosedTitle(b[pos:]); k >= 0 {
				out = append(out, b[done:pos+k]...)
				out = append(out, "</title>"...)
				pos, done = pos+k, pos+k
			}
			continue
		default:
			continue
		}
		closing := indexFold(b[pos:], "</"+raw)
		if closing < 0 {
			return out, articleBody
		}
		if raw == "script" && indexFold(b[lt:gt], "ld+json") >= 0 {
			if ab := jsonLDArticleBody(b[pos : pos+closing]); len(ab) > len(articleBody) {
				articleBody = ab
			}
		}
		pos += closing
		done = pos
	}
	return append(out, b[done:]...), articleBody
}

// jsonLDArticleBody returns the longest "articleBody" string in a JSON-LD
// script, decoded, or "". It looks for the key rather than parsing the
// script: JSON-LD on real pages is often invalid as a whole (trailing
// commas, unescaped newlines) while the string itself is fine.
func jsonLDArticleBody(script []byte) string {
	var best string
	for i := 0; ; {
		k := bytes.Index(script[i:], []byte(`"articleBody"`))
		if k < 0 {
			return best
		}
		i += k + len(`"articleBody"`)
		j := i
		for j < len(script) && (isHTMLSpace(script[j]) || script[j] == ':') {
			j++
		}
		if j == len(script) || script[j] != '"' {
			continue
		}
		end := j + 1
		for end < len(script) && script[end] != '"' {
			if script[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(script) {
			return best
		}
		var v string
		if json.Unmarshal(script[j:end+1], &v) == nil && len(v) > len(best) {
			best = v
		}
		i = end + 1
	}
}

// unclosedTitle returns where the text of a title starting b ends when a
// tag interrupts it before "</title>" (the title was cut off), or -1.
func unclosedTitle(b []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		switch {
		case indexFold(b[i:min(len(b), i+7)], "</title") == 0 && (i+7 == len(b) || isHTMLSpace(b[i+7]) || b[i+7] == '/' || b[i+7] == '>'):
			return -1
		case i+1 < len(b) && (isASCIILetter(b[i+1]) || b[i+1] == '/' || b[i+1] == '!'):
			return i
		}
		i++
	}
}

// keptAttrs are the attributes inspect reads.
var keptAttrs = []string{"class", "id", "style", "hidden", "aria-hidden", "role", "rel", "itemprop"}

// appendKeptAttrs appends the kept attributes of a tag's attribute text
// (between the tag name and '>'), parsing values the way tagEnd does.
func appendKeptAttrs(out, attrs []byte) []byte {
	for i := 0; i < len(attrs); {
		for i < len(attrs) && (isHTMLSpace(attrs[i]) || attrs[i] == '/') {
			i++
		}
		start := i
		for i < len(attrs) && !isHTMLSpace(attrs[i]) && attrs[i] != '=' && attrs[i] != '/' {
			i++
		}
		key := attrs[start:i]
		k := i
		for k < len(attrs) && isHTMLSpace(attrs[k]) {
			k++
		}
		if k < len(attrs) && attrs[k] == '=' {
			k++
			for k < len(attrs) && isHTMLSpace(attrs[k]) {
				k++
			}
			if k < len(attrs) && (attrs[k] == '"' || attrs[k] == '\'') {
				q := bytes.IndexByte(attrs[k+1:], attrs[k])
				if q < 0 {
					q = len(attrs) - k - 2
				}
				k += q + 2
			} else {
				for k < len(attrs) && !isHTMLSpace(attrs[k]) {
					k++
				}
			}
			i = k
		}
		if i == start {
			i++ // a stray '=': skip it
			continue
		}
		for _, a := range keptAttrs {
			if len(key) == len(a) && bytes.EqualFold(key, []byte(a)) {
				out = append(out, ' ')
				out = append(out, attrs[start:i]...)
				break
			}
		}
	}
	return out
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// tagEnd returns the index of the '>' closing the tag whose attributes
// start at i, skipping quoted attribute values, or -1.
func tagEnd(b []byte, i int) int {
	for ; i < len(b); i++ {
		switch b[i] {
		case '>':
			return i
		case '=':
			k := i + 1
			for k < len(b) && isHTMLSpace(b[k]) {
				k++
			}
			if k < len(b) && (b[k] == '"' || b[k] == '\'') {
				q := bytes.IndexByte(b[k+1:], b[k])
				if q < 0 {
					return -1
				}
				i = k + 1 + q
			}
		}
	}
	return -1
}

// indexFold is bytes.Index for an ASCII lower-case pattern, ignoring the
// case of b, without allocating.
// Patterns starting with a non-letter ("</script") use the fast
// bytes.IndexByte to find candidates.
func indexFold(b []byte, pat string) int {
	first := pat[0]
	for i := 0; i+len(pat) <= len(b); i++ {
		if isASCIILetter(first) {
			if lowerASCII(b[i]) != first {
				continue
			}
		} else {
			j := bytes.IndexByte(b[i:], first)
			if j < 0 || i+j+len(pat) > len(b) {
				return -1
			}
			i += j
		}
		k := 1
		for k < len(pat) && lowerASCII(b[i+k]) == pat[k] {
			k++
		}
		if k == len(pat) {
			return i
		}
	}
	return -1
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isAlnum(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' }
