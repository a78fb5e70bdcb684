package docio

import (
	"bytes"
	"cmp"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
)

// pageHostScan bounds how much of a page pageHost reads when it finds no
// end of the head: the head's links come first, and a page without a
// head must not be tokenized whole for them.
const pageHostScan = 256 << 10

// pageHost returns the host a page names for itself in its head: its
// canonical link, else its og:url, else its <base href>, each only when
// absolute (or protocol-relative); "" when it names none. Site-repeat
// learning groups pages by it: the files of one directory may come from
// many sites, and one site's pages from many directories.
//
// It scans for tags rather than tokenizing the head: heads carry large
// inline scripts and styles, which the tokenizer took 0.27 ms a page to
// walk through on the extraction benchmark's pages (a quarter of the
// extraction's own time). Comments and the raw text of script, style,
// template, noscript and title elements are skipped, so a tag written
// inside them does not count; the tags of interest are read by the HTML
// tokenizer, which unescapes their attributes.
func pageHost(page []byte) string {
	if len(page) > pageHostScan {
		page = page[:pageHostScan]
	}
	var canonical, ogURL, base string
	for {
		i := bytes.IndexByte(page, '<')
		if i < 0 {
			break
		}
		page = page[i:]
		if bytes.HasPrefix(page, commentOpen) {
			end := bytes.Index(page, commentClose)
			if end < 0 {
				break
			}
			page = page[end+len(commentClose):]
			continue
		}
		name := tagName(page[1:])
		switch name {
		case "body", "/head":
			return cmp.Or(canonical, ogURL, base)
		case "script", "style", "template", "noscript", "title":
			// An element never closed (a broken <title>) is not
			// skipped: what follows is read as tags.
			if end := indexClose(page[1+len(name):], name); end >= 0 {
				page = page[1+len(name)+end:]
				continue
			}
		case "link", "meta", "base":
			var a string
			a, page = headLink(page[1+len(name):], name)
			switch {
			case name == "link" && canonical == "":
				canonical = a
			case name == "meta" && ogURL == "":
				ogURL = a
			case name == "base" && base == "":
				base = a
			}
			continue
		}
		page = page[1:]
	}
	return cmp.Or(canonical, ogURL, base)
}

var (
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
)

// tagName returns the lower-case name of the tag whose '<' precedes b
// ("/head" for an end tag), or "" when b does not start one of the tags
// pageHost looks at (longer names are cut short, which is enough to tell
// those few).
func tagName(b []byte) string {
	var buf [9]byte
	n := 0
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !(c >= 'a' && c <= 'z' || n == 0 && c == '/') {
			if c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
				return string(buf[:n])
			}
			return ""
		}
		if n == len(buf) {
			return ""
		}
		buf[n] = c
		n++
	}
	return ""
}

// indexClose returns where the end tag of element name ("</name", in any
// case) starts in b, or -1.
func indexClose(b []byte, name string) int {
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte("</"))
		if i < 0 {
			return -1
		}
		at := off + i
		if rest := b[at+2:]; len(rest) >= len(name) && strings.EqualFold(string(rest[:len(name)]), name) {
			return at
		}
		off = at + 2
	}
}

// headLink reads the attributes of a link, meta or base tag from b
// (just past its name) and returns the host of the URL it gives for the
// page, if any (a canonical link's href, an og:url meta's content, a
// base's href), and what follows the tag.
func headLink(b []byte, name string) (host string, rest []byte) {
	var rel, href, property, content string
	for {
		b = bytes.TrimLeft(b, " \t\n\r\f/")
		if len(b) == 0 || b[0] == '>' {
			break
		}
		var key, val []byte
		key, val, b = attr(b)
		switch strings.ToLower(string(key)) {
		case "rel":
			rel = string(val)
		case "href":
			href = string(val)
		case "property", "name":
			property = string(val)
		case "content":
			content = string(val)
		}
	}
	if len(b) > 0 {
		b = b[1:]
	}
	switch {
	case name == "link" && hasToken(rel, "canonical"):
		return urlHost(href), b
	case name == "meta" && strings.EqualFold(property, "og:url"):
		return urlHost(content), b
	case name == "base":
		return urlHost(href), b
	}
	return "", b
}

// attr splits the attribute that starts b (key, key=value, key="value"
// or key='value') from what follows it, as the HTML tokenizer does.
func attr(b []byte) (key, val, rest []byte) {
	i := 0
	for i < len(b) && !isAttrEnd(b[i]) && b[i] != '=' {
		i++
	}
	if i == 0 { // a stray '=': skip it
		i = 1
	}
	key, b = b[:i], bytes.TrimLeft(b[i:], " \t\n\r\f")
	if len(b) == 0 || b[0] != '=' {
		return key, nil, b
	}
	b = bytes.TrimLeft(b[1:], " \t\n\r\f")
	if len(b) > 0 && (b[0] == '"' || b[0] == '\'') {
		if end := bytes.IndexByte(b[1:], b[0]); end >= 0 {
			return key, unescape(b[1 : 1+end]), b[end+2:]
		}
		return key, unescape(b[1:]), nil
	}
	i = 0 // an unquoted value ends at a space or the tag's end only
	for i < len(b) && (b[i] == '/' || !isAttrEnd(b[i])) {
		i++
	}
	return key, unescape(b[:i]), b[i:]
}

func isAttrEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '>' || c == '/'
}

// unescape decodes character references in an attribute value.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return []byte(html.UnescapeString(string(v)))
}

// hasToken reports whether the space-separated list s holds tok, in any
// case (a rel attribute).
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// urlHost returns the host of an absolute or protocol-relative URL, or "".
func urlHost(u string) string {
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "//") {
		u = "http:" + u
	}
	return hostOf(u)
}

// fileSite is the site of a whole-file document: the host its page names
// (HTML), else the directory holding it.
func fileSite(path string, in Format, data []byte) string {
	if in == FormatHTML {
		if h := pageHost(data); h != "" {
			return h
		}
	}
	if path == "-" {
		return path
	}
	return filepath.Dir(path)
}
