package qrcode

import "math/bits"

// level is an error correction level: how many codewords a damaged symbol
// can lose and still be read (L 7 %, M 15 %, Q 25 %, H 30 %).
type level int

const (
	levelL level = iota
	levelM
	levelQ
	levelH
)

// indicator is the level's two bits in the format information, which are
// not in L, M, Q, H order (ISO/IEC 18004 table 12).
func (l level) indicator() int {
	return [4]int{1, 0, 3, 2}[l]
}

func (l level) String() string {
	return [4]string{"L", "M", "Q", "H"}[l]
}

// ecPerBlock is the number of error correction codewords in each block,
// [level][version] (ISO/IEC 18004 table 9). Every block of a symbol has the
// same number.
var ecPerBlock = [4][41]int{
	levelL: {0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	levelM: {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	levelQ: {0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	levelH: {0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

// blockCount is the number of Reed–Solomon blocks, [level][version] (table
// 9). Where the data codewords do not divide evenly, the first blocks are
// one codeword shorter than the rest.
var blockCount = [4][41]int{
	levelL: {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	levelM: {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	levelQ: {0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	levelH: {0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// alignment lists the row and column coordinates of the alignment pattern
// centres by version (annex E, table E.1); every pairing is a centre except
// the three that fall on finder patterns.
var alignment = [41][]int{
	2:  {6, 18},
	3:  {6, 22},
	4:  {6, 26},
	5:  {6, 30},
	6:  {6, 34},
	7:  {6, 22, 38},
	8:  {6, 24, 42},
	9:  {6, 26, 46},
	10: {6, 28, 50},
	11: {6, 30, 54},
	12: {6, 32, 58},
	13: {6, 34, 62},
	14: {6, 26, 46, 66},
	15: {6, 26, 48, 70},
	16: {6, 26, 50, 74},
	17: {6, 30, 54, 78},
	18: {6, 30, 56, 82},
	19: {6, 30, 58, 86},
	20: {6, 34, 62, 90},
	21: {6, 28, 50, 72, 94},
	22: {6, 26, 50, 74, 98},
	23: {6, 30, 54, 78, 102},
	24: {6, 28, 54, 80, 106},
	25: {6, 32, 58, 84, 110},
	26: {6, 30, 58, 86, 114},
	27: {6, 34, 62, 90, 118},
	28: {6, 26, 50, 74, 98, 122},
	29: {6, 30, 54, 78, 102, 126},
	30: {6, 26, 52, 78, 104, 130},
	31: {6, 30, 56, 82, 108, 134},
	32: {6, 34, 60, 86, 112, 138},
	33: {6, 30, 58, 86, 114, 142},
	34: {6, 34, 62, 90, 118, 146},
	35: {6, 30, 54, 78, 102, 126, 150},
	36: {6, 24, 50, 76, 102, 128, 154},
	37: {6, 28, 54, 80, 106, 132, 158},
	38: {6, 32, 58, 84, 110, 136, 162},
	39: {6, 26, 54, 82, 110, 138, 166},
	40: {6, 30, 58, 86, 114, 142, 170},
}

// formatInfo is the 15-bit format information for a level and mask: five
// data bits, a BCH(15,5) remainder so that a reader can correct three bit
// errors, and the fixed XOR 101010000010010 that keeps it from being all
// light (section 7.9.1).
func formatInfo(l level, mask int) int {
	data := l.indicator()<<3 | mask
	return (data<<10 | bchRemainder(data<<10, 0x537)) ^ 0x5412
}

// versionInfo is the 18-bit version information of versions 7 and up: the
// version in six bits and a BCH(18,6) remainder (section 7.10, annex D).
func versionInfo(version int) int {
	return version<<12 | bchRemainder(version<<12, 0x1f25)
}

// bchRemainder divides v by the generator polynomial g over GF(2).
func bchRemainder(v, g int) int {
	deg := bits.Len(uint(g)) - 1
	for n := bits.Len(uint(v)); n > deg; n = bits.Len(uint(v)) {
		v ^= g << (n - 1 - deg)
	}
	return v
}
