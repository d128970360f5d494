package qrcode

import "fmt"

// symbol is an encoded QR code: size×size modules, row by row, 1 dark.
type symbol struct {
	version, size, mask int
	modules             []byte
}

// encode makes the smallest symbol at level l that holds data in byte mode,
// with the mask the penalty rules prefer. Strictly, bytes that are not
// ISO 8859-1 text call for an ECI header naming UTF-8; like boombuler we
// leave it out, since readers recognise UTF-8 without it (zbarimg reads our
// Chinese test texts) and the header would change every code we print.
func encode(data []byte, l level) (*symbol, error) {
	return encodeMask(data, l, -1)
}

// encodeMask is encode with the mask fixed, or chosen when mask is -1.
func encodeMask(data []byte, l level, mask int) (*symbol, error) {
	version := 0
	for v := 1; v <= 40; v++ {
		if capacity(v, l) >= len(data) {
			version = v
			break
		}
	}
	if version == 0 {
		return nil, fmt.Errorf("%d bytes of text do not fit in a QR code, which holds at most %d at error correction level %v", len(data), capacity(40, l), l)
	}
	lay := layouts[version]()
	stream := codewords(data, version, l)

	// Place the bits along the data path; leftover modules stay light.
	raw := make([]byte, len(lay.fixed))
	copy(raw, lay.fixed)
	for i, p := range lay.order[:8*len(stream)] {
		raw[p] = stream[i/8] >> (7 - i%8) & 1
	}

	s := &symbol{version: version, size: lay.size, mask: mask}
	if mask < 0 {
		s.mask = chooseMask(raw, lay, l)
	}
	s.modules = applyMask(raw, lay, l, s.mask)
	return s, nil
}

// chooseMask returns the mask with the lowest penalty for the unmasked
// symbol raw; ties go to the lower mask number.
func chooseMask(raw []byte, lay *layout, l level) int {
	n := lay.size
	nw := (n + 63) / 64
	rawRows, rawCols := bitlines(raw, n)
	rows, cols := make([]bitline, n), make([]bitline, n)
	best, bestScore := 0, -1
	for k := 0; k < 8; k++ {
		for i := 0; i < n; i++ {
			for w := 0; w < nw; w++ {
				rows[i][w] = rawRows[i][w] ^ lay.maskRows[k][i][w]
				cols[i][w] = rawCols[i][w] ^ lay.maskCols[k][i][w]
			}
		}
		f := formatInfo(l, k)
		for i := 0; i < 15; i++ {
			if f>>i&1 == 1 {
				for _, p := range formatPositions(n, i) {
					rows[p[0]].set(p[1])
					cols[p[1]].set(p[0])
				}
			}
		}
		if score := penalty(rows, cols, &lay.valid); bestScore < 0 || score < bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// applyMask returns the symbol raw with mask k applied and its format
// information drawn.
func applyMask(raw []byte, lay *layout, l level, k int) []byte {
	dst := make([]byte, len(raw))
	m := lay.masks[k]
	for i := range dst {
		dst[i] = raw[i] ^ m[i]
	}
	f := formatInfo(l, k)
	for i := 0; i < 15; i++ {
		bit := byte(f >> i & 1)
		for _, p := range formatPositions(lay.size, i) {
			dst[p[0]*lay.size+p[1]] = bit
		}
	}
	return dst
}

// capacity is how many bytes a version holds at level l in byte mode.
func capacity(version int, l level) int {
	bits := 8 * dataCodewords(version, l)
	bits -= 4 + countBits(version) // mode indicator and character count
	return bits / 8
}

// dataCodewords is how many of the version's codewords carry data at level l.
func dataCodewords(version int, l level) int {
	return dataModules(version)/8 - blockCount[l][version]*ecPerBlock[l][version]
}

// countBits is the width of byte mode's character count (table 3).
func countBits(version int) int {
	if version < 10 {
		return 8
	}
	return 16
}

// codewords returns the final codeword sequence of a symbol: data in byte mode, terminator, padding, cut into blocks, each
// block followed by its error correction, and the blocks interleaved
// (sections 7.4 to 7.6).
func codewords(data []byte, version int, l level) []byte {
	nd := dataCodewords(version, l)
	msg := make([]byte, 0, nd)
	var acc, n uint // bits not yet written, most significant first
	put := func(v, width uint) {
		acc, n = acc<<width|v, n+width
		for n >= 8 {
			msg = append(msg, byte(acc>>(n-8)))
			n -= 8
		}
	}
	put(0b0100, 4) // byte mode
	put(uint(len(data)), uint(countBits(version)))
	for _, b := range data {
		put(uint(b), 8)
	}
	// Terminator: up to four zero bits, then zeros to the byte boundary.
	if len(msg) < nd {
		put(0, min(4, uint(8*(nd-len(msg)))-n))
		if n > 0 {
			put(0, 8-n)
		}
	}
	for pad := byte(0xec); len(msg) < nd; pad ^= 0xec ^ 0x11 {
		msg = append(msg, pad)
	}

	blocks := blockCount[l][version]
	ec := ecPerBlock[l][version]
	short := nd / blocks       // data codewords in a short block
	long := blocks - nd%blocks // index of the first long block
	out := make([]byte, dataModules(version)/8)
	ecc := make([]byte, blocks*ec)
	start := 0
	for b := 0; b < blocks; b++ {
		size := short
		if b >= long {
			size++
		}
		block := msg[start : start+size]
		errorCorrection(block, ecc[b*ec:(b+1)*ec])
		// Data codeword i of block b goes to position i*blocks+b, except
		// that the long blocks' last codewords come after all the others.
		for i, c := range block {
			if i < short {
				out[i*blocks+b] = c
			} else {
				out[short*blocks+b-long] = c
			}
		}
		start += size
	}
	for i := 0; i < ec; i++ {
		for b := 0; b < blocks; b++ {
			out[nd+i*blocks+b] = ecc[b*ec+i]
		}
	}
	return out
}
