package normalize

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// LoadRules reads user rules from a file. The format is line-based UTF-8
// text; '#' starts a comment line, blank lines are ignored:
//
//	rule NAME
//	description TEXT
//	scope anywhere|edge
//	maxlen BYTES
//	after RULE-NAME
//	equal TEXT
//	prefix TEXT
//	suffix TEXT
//	contains TEXT
//	regexp RE2
//
// "rule" starts a rule; the other keys apply to the rule above them and may
// repeat (equal, prefix, suffix, contains, regexp add patterns). TEXT is
// the rest of the line after one space, so patterns can hold spaces and
// '#'. Patterns are folded like lines (lower case, accents of Latin
// letters dropped, spaces collapsed: see fold); regexps see the folded
// line, so write them in lower case without accents. Scope defaults to anywhere.
// Errors name the file and line.
func LoadRules(path string) ([]Rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	rules, err := parseRules(f, path)
	if err != nil {
		return nil, err
	}
	// Compile once here so a bad regexp or After is reported with the file.
	if _, err := compileRules(append(DefaultRules(), rules...)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rules, nil
}

func parseRules(f *os.File, path string) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimRight(sc.Text(), " \t\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		key, val, _ := strings.Cut(strings.TrimLeft(text, " \t"), " ")
		errf := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		if key == "rule" {
			if val == "" || strings.ContainsAny(val, " \t") {
				return nil, errf("rule needs a name without spaces")
			}
			rules = append(rules, Rule{Name: val})
			continue
		}
		if len(rules) == 0 {
			return nil, errf("%q before the first rule line", key)
		}
		if val == "" {
			return nil, errf("%s needs a value", key)
		}
		r := &rules[len(rules)-1]
		switch key {
		case "description":
			r.Description = val
		case "scope":
			switch val {
			case "anywhere":
				r.Scope = Anywhere
			case "edge":
				r.Scope = Edge
			default:
				return nil, errf("scope %q: want anywhere or edge", val)
			}
		case "maxlen":
			m, err := strconv.Atoi(val)
			if err != nil || m <= 0 {
				return nil, errf("maxlen %q: want a positive number of bytes", val)
			}
			r.MaxLen = m
		case "after":
			r.After = val
		case "equal":
			r.Equal = append(r.Equal, val)
		case "prefix":
			r.Prefix = append(r.Prefix, val)
		case "suffix":
			r.Suffix = append(r.Suffix, val)
		case "contains":
			r.Contains = append(r.Contains, val)
		case "regexp":
			r.Regexp = append(r.Regexp, val)
		default:
			return nil, errf("unknown key %q", key)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rules, nil
}
