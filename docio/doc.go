// Package docio reads documents from JSON Lines, plain-text and HTML files
// (optionally gzip- or zstd-compressed) and writes JSON Lines records.
package docio
