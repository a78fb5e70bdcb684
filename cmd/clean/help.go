package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

// Each verb has its own manual; `clean VERB --help` prints it on standard
// output, followed by the flags that verb uses.
var usageHeads = map[string]string{
	"clean": usageHead,
	"check": `clean check reads and analyses exactly like a run but writes no documents: it
prints a summary of the corpus on standard output and exits 1 when a --max-*
limit is exceeded, naming which. A limit left negative is reported, not checked.

Usage:
  clean check [flags] [PATH ...]

Examples:
  clean check --max-duplicate-ratio 0.05 --max-errors 0 data/
  clean check --max-boilerplate-ratio 0.3 --report report.json corpus.jsonl.zst
  zstdcat dump.jsonl.zst | clean check --max-errors 0

Exit codes: 0 every limit held; 1 a limit was exceeded, a data error under
--strict, or a damaged compressed input; 2 usage or I/O error; 130 interrupted.

Flags:
`,
	"explain": `clean explain shows, for each document, every line stripping removed and the
rule that removed it, and whether the document was dropped as a duplicate, and
of which document. It writes this account on standard output instead of records.

Usage:
  clean explain [flags] [PATH ...]

Examples:
  clean explain fixtures/seeds | less
  clean explain --dedup off --rules ours.rules corpus.jsonl
  clean explain --disable-rule site-byline corpus.jsonl

Flags:
`,
	"rules": `clean rules lists the stripping rules in force: the built-in ones, those added
with --rules FILE (less those turned off with --disable-rule), and the
mechanisms that strip without a rule.

Usage:
  clean rules [--rules FILE] [--disable-rule NAME]

Examples:
  clean rules
  clean rules --rules ours.rules        # check a rules file: errors name its line

A rules file is line-based text; '#' starts a comment line:

  rule paywall
  description subscription prompts of our sites
  scope edge
  prefix subscribe to read
  contains to continue reading
  regexp ^\d+ free articles? left$

"rule NAME" starts a rule; the keys below it apply to it:
  description TEXT         shown by clean rules
  scope anywhere|edge      anywhere: only lines that are not prose, anywhere;
                           edge: only inside the header or footer block
  maxlen BYTES             longer lines never match
  after RULE               match only right after a line RULE removed
  equal, prefix, suffix, contains TEXT, regexp RE2
                           the patterns; each may repeat
Patterns are compared with the line folded to ASCII lower case and runs of
space collapsed to one.

Flags:
`,
}

// flagModes names the verbs a flag is shown for (all when absent).
var flagModes = map[string][]string{
	"o":                     {"clean"},
	"annotate":              {"clean"},
	"explain":               {"clean"},
	"clusters":              {"clean", "check", "explain"},
	"max-duplicate-ratio":   {"check"},
	"max-boilerplate-ratio": {"check"},
	"max-errors":            {"check"},
	"rules":                 {"clean", "check", "explain", "rules"},
	"disable-rule":          {"clean", "check", "explain", "rules"},
	"version":               {"clean"},
}

func shownIn(name, mode string) bool {
	modes, ok := flagModes[name]
	if !ok {
		return mode != "rules"
	}
	for _, m := range modes {
		if m == mode {
			return true
		}
	}
	return false
}

// printUsage prints the manual of mode, with its flags spelled as the
// README spells them: --name, and -x for the one-letter ones.
func printUsage(w io.Writer, fs *flag.FlagSet, mode string) {
	fmt.Fprint(w, usageHeads[mode])
	fs.VisitAll(func(f *flag.Flag) {
		if !shownIn(f.Name, mode) {
			return
		}
		arg, usage := flag.UnquoteUsage(f)
		line := "  " + dashes(f.Name)
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintf(w, "%s\n        %s", line, strings.ReplaceAll(usage, "\n", "\n        "))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			if fmt.Sprintf("%T", f.Value) == "*flag.stringValue" {
				fmt.Fprintf(w, " (default %q)", f.DefValue)
			} else {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
		}
		fmt.Fprintln(w)
	})
}

func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagSpelling matches a flag name as the flag package writes it (-name).
var flagSpelling = regexp.MustCompile(`(^|[ :])-([a-z][a-z0-9-]+)`)

// usageError rewrites an error of the flag package in one line, with the
// flag spelled --name: "unknown flag --foo" rather than Go's "flag
// provided but not defined: -foo".
func usageError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag %s", dashes(strings.TrimPrefix(name, "-")))
	}
	return fmt.Errorf("%s", flagSpelling.ReplaceAllString(msg, "$1--$2"))
}

// buildVersion may be set at link time (-ldflags "-X main.buildVersion=v1.2.3");
// otherwise the module version and VCS revision Go records are used.
var buildVersion string

func version() string {
	v := buildVersion
	if bi, ok := debug.ReadBuildInfo(); ok && v == "" {
		v = bi.Main.Version
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && (v == "" || v == "(devel)") {
			v = "(devel) " + rev[:min(12, len(rev))]
			if modified == "true" {
				v += "+dirty"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return fmt.Sprintf("clean %s %s/%s %s", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
}
