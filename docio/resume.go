package docio

// StartAt tells a reader of JSON Lines that its source starts at byte
// offset of the input, after line lines, so that a reader of a piece of a
// file (a shard) numbers lines, names documents without an id (FILE:LINE)
// and places data errors as a reader of the whole file would.
func (r *Reader) StartAt(line int, offset int64) {
	r.line, r.base = line, offset
}
