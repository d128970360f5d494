package qrcode

import (
	"bytes"
	"math/bits"
	"strings"
	"testing"
)

// The figures below are quoted from ISO/IEC 18004, so that a slip in the
// tables shows up here and not only as a mismatch with another encoder.

func TestCodewordsAndRemainderBits(t *testing.T) {
	// Table 1: total codewords and remainder bits by version.
	total := [41]int{0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404, 466, 532, 581, 655, 733, 815, 901, 991, 1085,
		1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185, 2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706}
	remainder := [41]int{0, 0, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3,
		4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0}
	for v := 1; v <= 40; v++ {
		if got, want := dataModules(v), 8*total[v]+remainder[v]; got != want {
			t.Errorf("version %d: %d data modules, want %d codewords and %d remainder bits", v, got, total[v], remainder[v])
		}
		// The layout's data path passes exactly those modules.
		if got := len(layouts[v]().order); got != dataModules(v) {
			t.Errorf("version %d: data path of %d modules, want %d", v, got, dataModules(v))
		}
	}
}

func TestBlocks(t *testing.T) {
	// Table 9 as (blocks × data codewords) in the short and long groups.
	for _, c := range []struct {
		version                    int
		l                          level
		short, shortData, long, ec int
	}{
		{1, levelL, 1, 19, 0, 7}, {1, levelH, 1, 9, 0, 17}, {4, levelM, 2, 32, 0, 18},
		{5, levelQ, 2, 15, 2, 18}, {7, levelH, 4, 13, 1, 26}, {10, levelM, 4, 43, 1, 26},
		{15, levelL, 5, 87, 1, 22}, {21, levelQ, 17, 22, 6, 28}, {33, levelH, 11, 15, 46, 30},
		{40, levelL, 19, 118, 6, 30}, {40, levelM, 18, 47, 31, 28}, {40, levelQ, 34, 24, 34, 30},
		{40, levelH, 20, 15, 61, 30},
	} {
		blocks := blockCount[c.l][c.version]
		data := dataCodewords(c.version, c.l)
		long := data % blocks
		if blocks != c.short+c.long || data/blocks != c.shortData || long != c.long || ecPerBlock[c.l][c.version] != c.ec {
			t.Errorf("version %d-%v: %d×%d + %d×%d data codewords, %d error correction codewords per block; want %d×%d + %d×%d, %d",
				c.version, c.l, blocks-long, data/blocks, long, data/blocks+1, ecPerBlock[c.l][c.version],
				c.short, c.shortData, c.long, c.shortData+1, c.ec)
		}
	}
}

func TestCapacity(t *testing.T) {
	// Table 7, byte mode.
	for _, c := range []struct {
		version int
		l       level
		bytes   int
	}{
		{1, levelL, 17}, {1, levelM, 14}, {1, levelQ, 11}, {1, levelH, 7},
		{2, levelM, 26}, {3, levelM, 42}, {4, levelM, 62}, {5, levelM, 84}, {6, levelM, 106},
		{7, levelM, 122}, {9, levelM, 180}, {10, levelM, 213}, {20, levelM, 666},
		{40, levelL, 2953}, {40, levelM, 2331}, {40, levelQ, 1663}, {40, levelH, 1273},
	} {
		if got := capacity(c.version, c.l); got != c.bytes {
			t.Errorf("version %d-%v holds %d bytes, want %d", c.version, c.l, got, c.bytes)
		}
	}
}

func TestTooLong(t *testing.T) {
	fits := strings.Repeat("a", 2331)
	m, err := Matrix(fits)
	if err != nil || len(m) != 177 {
		t.Fatalf("2331 bytes: %d modules, %v; want version 40", len(m), err)
	}
	_, err = Matrix(fits + "a")
	if err == nil || !strings.Contains(err.Error(), "2332 bytes") || !strings.Contains(err.Error(), "at most 2331") {
		t.Errorf("2332 bytes: error %v, want one that gives the length and the limit", err)
	}
}

func TestFormatAndVersionInfo(t *testing.T) {
	// Annex C gives M with mask 5 (data 00101) as 100000011001110; level M
	// with mask 0 is all zeros before the XOR.
	if got := formatInfo(levelM, 5); got != 0b100000011001110 {
		t.Errorf("format M/5 = %015b, want 100000011001110", got)
	}
	if got := formatInfo(levelM, 0); got != 0b101010000010010 {
		t.Errorf("format M/0 = %015b, want 101010000010010", got)
	}
	// Annex D: version 7 is 000111110010010100, version 40 101000110001101001.
	if got := versionInfo(7); got != 0b000111110010010100 {
		t.Errorf("version 7 information = %018b", got)
	}
	if got := versionInfo(40); got != 0b101000110001101001 {
		t.Errorf("version 40 information = %018b", got)
	}
	// The codes are BCH codes: any two format codes differ in at least 7
	// bits, any two version codes in at least 8.
	var formats, versions []int
	for l := levelL; l <= levelH; l++ {
		for k := 0; k < 8; k++ {
			formats = append(formats, formatInfo(l, k))
		}
	}
	for v := 7; v <= 40; v++ {
		versions = append(versions, versionInfo(v))
	}
	for _, c := range []struct {
		codes []int
		min   int
	}{{formats, 7}, {versions, 8}} {
		for i := range c.codes {
			for j := i + 1; j < len(c.codes); j++ {
				if d := bits.OnesCount(uint(c.codes[i] ^ c.codes[j])); d < c.min {
					t.Errorf("codes %b and %b differ in %d bits, want ≥ %d", c.codes[i], c.codes[j], d, c.min)
				}
			}
		}
	}
}

func TestErrorCorrection(t *testing.T) {
	for _, c := range []struct {
		name     string
		data, ec []byte
	}{
		// Annex I: "01234567" as version 1-M.
		{"annex I", []byte{0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11},
			[]byte{0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55}},
		// "HELLO WORLD" as version 1-M in alphanumeric mode.
		{"hello world", []byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17},
			[]byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}},
	} {
		ec := make([]byte, len(c.ec))
		errorCorrection(c.data, ec)
		if !bytes.Equal(ec, c.ec) {
			t.Errorf("%s: error correction % x, want % x", c.name, ec, c.ec)
		}
	}
}

func TestAlignmentSpacing(t *testing.T) {
	// Annex E: 2 + version/7 coordinates from 6 to size−7, spaced evenly
	// (and even) but for the first gap, which takes up the slack (it is
	// the larger one only in version 32).
	for v := 2; v <= 40; v++ {
		p := alignment[v]
		n := 17 + 4*v
		if len(p) != 2+v/7 || p[0] != 6 || p[len(p)-1] != n-7 {
			t.Errorf("version %d: alignment %v", v, p)
			continue
		}
		if len(p) > 2 {
			gap := p[2] - p[1]
			for i := 2; i < len(p); i++ {
				if p[i]-p[i-1] != gap || gap%2 != 0 || (p[1]-p[0] > gap) != (v == 32) {
					t.Errorf("version %d: alignment %v unevenly spaced", v, p)
					break
				}
			}
		}
	}
}

func TestLayout(t *testing.T) {
	for v := 1; v <= 40; v++ {
		lay := layouts[v]()
		n := lay.size
		// Timing patterns alternate from finder to finder.
		for i := 8; i < n-8; i++ {
			if want := byte(1 - i%2); lay.fixed[6*n+i] != want || lay.fixed[i*n+6] != want {
				t.Fatalf("version %d: timing pattern broken at %d", v, i)
			}
		}
		if lay.fixed[(n-8)*n+8] != 1 {
			t.Errorf("version %d: no dark module", v)
		}
		// Every data module appears once on the path.
		seen := make([]bool, n*n)
		for _, p := range lay.order {
			if seen[p] {
				t.Fatalf("version %d: module %d placed twice", v, p)
			}
			seen[p] = true
		}
	}
}
