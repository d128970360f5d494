package qrcode

import "math/bits"

// penalty scores a masked symbol by the four rules of section 7.8.3.1,
// table 11; the mask with the lowest score is used. The whole symbol
// counts, function patterns and format information included:
//
//   - N1: each run of k ≥ 5 modules of one colour in a row or column scores
//     3 + (k − 5);
//   - N2: each 2×2 block of one colour scores 3 (a block of m×n scores
//     3(m−1)(n−1), which is the same thing);
//   - N3: each place in a row or column where dark-light-dark-dark-dark-
//     light-dark is preceded by four light modules, and each where it is
//     followed by four, scores 40;
//   - N4: a symbol whose dark share lies between 50 ± 5k % and
//     50 ± 5(k+1) % scores 10k (on a boundary, the larger k).
//
// The standard leaves N3 open in two ways. We take the reading of the
// thonky.com tutorial and of several encoders, github.com/boombuler/barcode
// among them, so that our codes are the ones it drew: the four light
// modules must lie inside the symbol (ZXing, for one, counts the quiet zone
// as light), and a pattern with light on both sides is found twice.
//
// Scoring eight masks module by module took 80 µs for a typical URL, most
// of it mispredicted branches; here each rule is a few word operations on
// 64 modules at once. rows and cols are the same symbol by rows and by
// columns.
func penalty(rows, cols []bitline, v *valid) int {
	n := len(rows)
	nw := (n + 63) / 64
	if nw == 1 {
		return penalty1(rows, cols, v)
	}
	score, dark := 0, 0
	for i := 0; i < n; i++ {
		score += line(&rows[i], nw, v) + line(&cols[i], nw, v)
	}
	for r := 0; r < n; r++ {
		a := &rows[r]
		for w := 0; w < nw; w++ {
			dark += bits.OnesCount64(a[w])
		}
		if r == n-1 {
			break
		}
		b := &rows[r+1]
		for w := 0; w < nw; w++ {
			a0, a1, b0, b1 := a[w], a.shr(w, 1), b[w], b.shr(w, 1)
			same := ^(a0 ^ b0) & ^(a1 ^ b1) & ^(a0 ^ a1) & v.to2[w]
			score += 3 * bits.OnesCount64(same)
		}
	}
	total := n * n
	return score + 10*(abs(20*dark-10*total)/total)
}

// penalty1 is penalty for symbols of up to 64 modules a side (versions 1
// to 11, every page's URL), whose lines are one word: the same rules
// without the second word that shr reads.
func penalty1(rows, cols []bitline, v *valid) int {
	n := len(rows)
	to2, to5, to6, to11 := v.to2[0], v.to5[0], v.to6[0], v.to11[0]
	score, dark := 0, 0
	for i := 0; i < n; i++ {
		score += line1(rows[i][0], to5, to6, to11) + line1(cols[i][0], to5, to6, to11)
	}
	for r := 0; r < n; r++ {
		a0 := rows[r][0]
		dark += bits.OnesCount64(a0)
		if r == n-1 {
			break
		}
		b0 := rows[r+1][0]
		a1, b1 := a0>>1, b0>>1
		same := ^(a0 ^ b0) & ^(a1 ^ b1) & ^(a0 ^ a1) & to2
		score += 3 * bits.OnesCount64(same)
	}
	total := n * n
	return score + 10*(abs(20*dark-10*total)/total)
}

// line1 is line for a line of one word l.
func line1(l, to5, to6, to11 uint64) int {
	x1, x2, x3, x4, x5 := l>>1, l>>2, l>>3, l>>4, l>>5
	x6, x7, x8, x9, x10 := l>>6, l>>7, l>>8, l>>9, l>>10
	d1, d2, d3, d4 := x1^x2, x2^x3, x3^x4, x4^x5
	five := ^(l ^ x1 | d1 | d2 | d3) & to5
	next := ^(d1 | d2 | d3 | d4) & to6
	score := bits.OnesCount64(five) + 2*bits.OnesCount64(five&^next)
	at0 := l &^ x1 & x2 & x3 & x4 &^ x5 & x6
	at4 := x4 &^ x5 & x6 & x7 & x8 &^ x9 & x10
	light0 := ^(l | x1 | x2 | x3)
	light7 := ^(x7 | x8 | x9 | x10)
	return score + 40*(bits.OnesCount64(at0&light7&to11)+bits.OnesCount64(at4&light0&to11))
}

// bitline is one row or column, module j in bit j%64 of word j/64. The
// largest symbol has 177 modules; the fourth word stays zero so that shr
// can read past the end.
type bitline [4]uint64

// shr returns word w of the line moved s < 64 modules towards its start:
// bit j of the result is module 64w+j+s.
func (l *bitline) shr(w int, s uint) uint64 {
	return l[w]>>s | l[w+1]<<(64-s)
}

func (l *bitline) set(j int) { l[j/64] |= 1 << (j % 64) }

// valid marks, for lines of n modules, where a window of 2, 5, 6 or 11
// modules can start: bit j is set if j+k ≤ n.
type valid struct{ to2, to5, to6, to11 bitline }

func validFrom(n int) (v valid) {
	for j := 0; j < n; j++ {
		for _, f := range [...]struct {
			l *bitline
			k int
		}{{&v.to2, 2}, {&v.to5, 5}, {&v.to6, 6}, {&v.to11, 11}} {
			if j+f.k <= n {
				f.l.set(j)
			}
		}
	}
	return v
}

// bitlines returns the rows and the columns of the n×n byte matrix m.
func bitlines(m []byte, n int) (rows, cols []bitline) {
	if n <= 64 {
		return bitlines1(m, n)
	}
	rows, cols = make([]bitline, n), make([]bitline, n)
	for r := 0; r < n; r++ {
		for c, d := range m[r*n : (r+1)*n] {
			rows[r][c/64] |= uint64(d) << (c % 64)
			cols[c][r/64] |= uint64(d) << (r % 64)
		}
	}
	return rows, cols
}

// bitlines1 is bitlines for n ≤ 64: each row gathered in a register, and
// the columns by transposing the rows as a 64×64 bit matrix, instead of
// setting a bit in memory twice per module.
func bitlines1(m []byte, n int) (rows, cols []bitline) {
	var t [64]uint64
	for r := 0; r < n; r++ {
		var w uint64
		for c, d := range m[r*n : (r+1)*n] {
			w |= uint64(d) << c
		}
		t[r] = w
	}
	rows, cols = make([]bitline, n), make([]bitline, n)
	for r := range rows {
		rows[r][0] = t[r]
	}
	transpose(&t)
	for c := range cols {
		cols[c][0] = t[c]
	}
	return rows, cols
}

// transpose turns the 64×64 bit matrix a (row i in a[i], column j in bit
// j) around its diagonal, by swapping ever smaller blocks (Hacker's
// Delight, 7-3).
func transpose(a *[64]uint64) {
	m := uint64(0x00000000FFFFFFFF)
	for j := 32; j != 0; j, m = j>>1, m^(m<<(j>>1)) {
		for k := 0; k < 64; k = (k + j + 1) &^ j {
			t := (a[k]>>j ^ a[k+j]) & m
			a[k] ^= t << j
			a[k+j] ^= t
		}
	}
}

// line scores rules N1 and N3 on one row or column of nw words.
func line(l *bitline, nw int, v *valid) int {
	score := 0
	for w := 0; w < nw; w++ {
		var x [11]uint64 // x[s] bit j: module 64w+j+s
		x[0] = l[w]
		for s := 1; s < 11; s++ {
			x[s] = l.shr(w, uint(s))
		}
		// N1 as windows: a run of k ≥ 5 holds k−4 windows of five equal
		// modules and scores k−2, so count the windows, plus 2 for each
		// window that ends a run (the next window is not all equal).
		d1, d2, d3, d4 := x[1]^x[2], x[2]^x[3], x[3]^x[4], x[4]^x[5]
		five := ^(x[0] ^ x[1] | d1 | d2 | d3) & v.to5[w]
		next := ^(d1 | d2 | d3 | d4) & v.to6[w]
		score += bits.OnesCount64(five) + 2*bits.OnesCount64(five&^next)

		// N3: 1011101 at 0 with four light at 7 to 10, or at 4 with four
		// light at 0 to 3.
		at0 := x[0] &^ x[1] & x[2] & x[3] & x[4] &^ x[5] & x[6]
		at4 := x[4] &^ x[5] & x[6] & x[7] & x[8] &^ x[9] & x[10]
		light0 := ^(x[0] | x[1] | x[2] | x[3])
		light7 := ^(x[7] | x[8] | x[9] | x[10])
		found := bits.OnesCount64(at0&light7&v.to11[w]) + bits.OnesCount64(at4&light0&v.to11[w])
		score += 40 * found
	}
	return score
}
