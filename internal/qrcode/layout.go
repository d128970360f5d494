package qrcode

import "sync"

// layout is what every symbol of one version shares: the function patterns,
// the path the data bits take through the rest, and the eight masks. It is
// built once per version on first use, so encoding a symbol only copies
// and XORs.
type layout struct {
	size int
	// fixed holds the function patterns' modules (1 dark), with the format
	// information areas light; the format depends on the mask.
	fixed []byte
	// order lists the data modules, as row*size+column, in the order their
	// bits are placed.
	order []uint16
	// masks[k] is 1 on the data modules that mask k inverts, 0 elsewhere;
	// maskRows and maskCols are the same as bit lines for scoring.
	masks              [8][]byte
	maskRows, maskCols [8][]bitline
	valid              valid
}

// dataModules counts the modules left for codewords in a version: all but
// the finders with their separators (3 × 64), the timing patterns, the
// alignment patterns (25 modules each, 5 fewer where they cross a timing
// pattern), the format information with the dark module (31) and, from
// version 7, the version information (36). The codewords take whole bytes
// of them; the 0 to 7 left over stay light before masking.
func dataModules(version int) int {
	n := 17 + 4*version
	m := n*n - 3*64 - 2*(n-16) - 31
	if k := len(alignment[version]); k > 0 {
		m -= 25*(k*k-3) - 2*5*(k-2)
	}
	if version >= 7 {
		m -= 36
	}
	return m
}

var layouts = func() (l [41]func() *layout) {
	for v := 1; v <= 40; v++ {
		l[v] = sync.OnceValue(func() *layout { return newLayout(v) })
	}
	return l
}()

func newLayout(version int) *layout {
	n := 17 + 4*version
	lay := &layout{size: n, fixed: make([]byte, n*n)}
	reserved := make([]bool, n*n)
	set := func(row, col int, dark bool) {
		reserved[row*n+col] = true
		if dark {
			lay.fixed[row*n+col] = 1
		}
	}

	// Finder patterns in three corners, each with its light separator: a
	// 7×7 dark ring, a light ring and a dark 3×3 centre (section 6.3.3).
	for _, c := range [3][2]int{{0, 0}, {0, n - 7}, {n - 7, 0}} {
		for dr := -1; dr <= 7; dr++ {
			for dc := -1; dc <= 7; dc++ {
				r, col := c[0]+dr, c[1]+dc
				if r < 0 || r >= n || col < 0 || col >= n {
					continue
				}
				ring := max(abs(dr-3), abs(dc-3)) // 0 centre … 3 outer ring, 4 separator
				set(r, col, ring != 2 && ring != 4)
			}
		}
	}

	// Alignment patterns: 5×5, dark ring, light ring, dark centre. Those on
	// the timing patterns agree with them.
	pos := alignment[version]
	for _, r := range pos {
		for _, col := range pos {
			if reserved[r*n+col] {
				continue // on a finder pattern
			}
			for dr := -2; dr <= 2; dr++ {
				for dc := -2; dc <= 2; dc++ {
					set(r+dr, col+dc, max(abs(dr), abs(dc)) != 1)
				}
			}
		}
	}

	// Timing patterns: row 6 and column 6 alternate, dark on even indices.
	for i := 8; i < n-8; i++ {
		set(6, i, i%2 == 0)
		set(i, 6, i%2 == 0)
	}

	// Format information areas beside the finder patterns (drawn per mask),
	// and the module that is always dark above the lower one.
	for i := 0; i < 15; i++ {
		for _, p := range formatPositions(n, i) {
			set(p[0], p[1], false)
		}
	}
	set(n-8, 8, true)

	// Version information: two 6×3 blocks beside the upper right and lower
	// left finder patterns, bit i at (i/3, n−11+i%3) and mirrored.
	if version >= 7 {
		vi := versionInfo(version)
		for i := 0; i < 18; i++ {
			dark := vi>>i&1 == 1
			a, b := i/3, n-11+i%3
			set(a, b, dark)
			set(b, a, dark)
		}
	}

	// The data path: two-module-wide columns from the right edge, upwards
	// then downwards in turn, right module before left, skipping the
	// vertical timing pattern and every function module (section 7.7.3).
	up := true
	for col := n - 1; col > 0; col -= 2 {
		if col == 6 {
			col--
		}
		for i := 0; i < n; i++ {
			r := i
			if up {
				r = n - 1 - i
			}
			for _, c := range [2]int{col, col - 1} {
				if p := r*n + c; !reserved[p] {
					lay.order = append(lay.order, uint16(p))
				}
			}
		}
		up = !up
	}

	for k := range lay.masks {
		m := make([]byte, n*n)
		for _, p := range lay.order {
			if inverts(k, int(p)/n, int(p)%n) {
				m[p] = 1
			}
		}
		lay.masks[k] = m
		lay.maskRows[k], lay.maskCols[k] = bitlines(m, n)
	}
	lay.valid = validFrom(n)
	return lay
}

// formatPositions gives the two (row, column) places of format bit i (0 the
// least significant) in a symbol of n modules (section 7.9.1, figure 25):
// around the upper left finder, and split between the other two.
func formatPositions(n, i int) [2][2]int {
	var a, b [2]int
	switch {
	case i < 6:
		a = [2]int{i, 8}
	case i < 8:
		a = [2]int{i + 1, 8} // skipping the timing pattern in row 6
	case i == 8:
		a = [2]int{8, 7}
	default:
		a = [2]int{8, 14 - i}
	}
	if i < 8 {
		b = [2]int{8, n - 1 - i}
	} else {
		b = [2]int{n - 15 + i, 8}
	}
	return [2][2]int{a, b}
}

// inverts reports whether mask k inverts the module at row r, column c
// (section 7.8.2, table 10).
func inverts(k, r, c int) bool {
	switch k {
	case 0:
		return (r+c)%2 == 0
	case 1:
		return r%2 == 0
	case 2:
		return c%3 == 0
	case 3:
		return (r+c)%3 == 0
	case 4:
		return (r/2+c/3)%2 == 0
	case 5:
		return r*c%2+r*c%3 == 0
	case 6:
		return (r*c%2+r*c%3)%2 == 0
	default:
		return ((r+c)%2+r*c%3)%2 == 0
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
