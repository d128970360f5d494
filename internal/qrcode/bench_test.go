package qrcode

import (
	"testing"

	"github.com/boombuler/barcode/qr"
)

// BenchmarkMatrix measures one notice's code: a 61-byte page URL, version 4.
func BenchmarkMatrix(b *testing.B) {
	for b.Loop() {
		if _, err := Matrix(pageURL); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatrixLong is a 1000-byte text, version 22.
func BenchmarkMatrixLong(b *testing.B) {
	text := randomURLText(1000)
	for b.Loop() {
		if _, err := Matrix(text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSVG is Matrix plus drawing, what internal/downloads pays per notice.
func BenchmarkSVG(b *testing.B) {
	for b.Loop() {
		if _, err := SVG(pageURL); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBoombuler is the encoder the package used before, for comparison.
func BenchmarkBoombuler(b *testing.B) {
	for b.Loop() {
		if _, err := qr.Encode(pageURL, qr.M, qr.Unicode); err != nil {
			b.Fatal(err)
		}
	}
}
