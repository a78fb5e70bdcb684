package docio

import (
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestWARCReadSpeed compares reading a WARC file's documents (framing,
// HTTP parsing, no extraction) with decompression alone by the system's
// zcat, interleaved on the same file, best of two runs each:
//
//	CLEAN_WARC_FILES=/tmp/a.warc.gz,/tmp/b.warc.wet.gz go test ./docio -run WARCReadSpeed -v
func TestWARCReadSpeed(t *testing.T) {
	files := os.Getenv("CLEAN_WARC_FILES")
	if files == "" {
		t.Skip("set CLEAN_WARC_FILES to WARC files to time")
	}
	for _, path := range strings.Split(files, ",") {
		best := func(b *time.Duration, f func()) {
			start := time.Now()
			f()
			if d := time.Since(start); *b == 0 || d < *b {
				*b = d
			}
		}
		var zcat, reader time.Duration
		var docs int
		var bytesOut int64
		for range 2 { // interleaved, so that load on the machine hits both alike
			best(&zcat, func() {
				if err := exec.Command("sh", "-c", "zcat "+path+" | wc -c").Run(); err != nil {
					t.Fatal(err)
				}
			})
			best(&reader, func() {
				rc, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				r := NewReader(rc, Input{Path: path, Format: FormatWARC}, Options{})
				docs, bytesOut = 0, 0
				for {
					d, err := r.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					docs++
					bytesOut += int64(d.Bytes)
				}
			})
		}
		st, _ := os.Stat(path)
		t.Logf("%s: %d documents, %.0f MB compressed: zcat|wc -c %.2fs, docio reader %.2fs: %.2f of zcat's throughput",
			path, docs, float64(st.Size())/1e6, zcat.Seconds(), reader.Seconds(), zcat.Seconds()/reader.Seconds())
	}
}
