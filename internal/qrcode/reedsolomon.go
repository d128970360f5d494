package qrcode

// QR codes compute error correction in GF(256) built on the polynomial
// x⁸+x⁴+x³+x²+1 (0x11d) with α = 2 (section 7.5.2). gfExp and gfLog turn
// multiplication into an addition; gfExp is doubled so the sum of two logs
// needs no reduction.
var gfExp, gfLog = func() (gfExp [510]byte, gfLog [256]int) {
	x := 1
	for i := 0; i < 255; i++ {
		gfExp[i], gfExp[i+255] = byte(x), byte(x)
		gfLog[x] = i
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11d
		}
	}
	return gfExp, gfLog
}()

// generators holds, by degree, the logs of the coefficients of
// (x−α⁰)(x−α¹)…(x−α^(degree−1)) below the leading 1, highest first. QR codes
// use degrees 7 to 30.
var generators = func() (g [31][]int) {
	poly := []byte{1}
	for d := 1; d <= 30; d++ {
		// Multiply by (x − α^(d−1)); in GF(256) minus is plus.
		next := make([]byte, d+1)
		for i, c := range poly {
			next[i] ^= c
			if c != 0 {
				next[i+1] ^= gfExp[gfLog[c]+d-1]
			}
		}
		poly = next
		g[d] = make([]int, d)
		for i, c := range poly[1:] {
			if c == 0 {
				panic("qrcode: generator with a zero coefficient") // none has one; the tables rely on it
			}
			g[d][i] = gfLog[c]
		}
	}
	return g
}()

// errorCorrection writes into ec the remainder of data·x^len(ec) divided by
// the generator of degree len(ec): the block's error correction codewords.
func errorCorrection(data, ec []byte) {
	g := generators[len(ec)]
	clear(ec)
	for _, d := range data {
		f := d ^ ec[0]
		copy(ec, ec[1:])
		ec[len(ec)-1] = 0
		if f == 0 {
			continue
		}
		lf := gfLog[f]
		for i, lg := range g {
			ec[i] ^= gfExp[lf+lg]
		}
	}
}
