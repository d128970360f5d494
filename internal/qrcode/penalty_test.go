package qrcode

import (
	"math"
	"math/rand/v2"
	"testing"
)

// referencePenalty is table 11 read literally, one module at a time, as
// documented on penalty: slow, but easy to check by eye.
func referencePenalty(m []byte, n int) int {
	at := func(r, c int) byte { return m[r*n+c] }
	score := 0
	for i := 0; i < n; i++ {
		row := func(j int) byte { return at(i, j) }
		col := func(j int) byte { return at(j, i) }
		for _, get := range []func(int) byte{row, col} {
			// N1: runs of five or more.
			for j := 0; j < n; {
				k := j
				for k < n && get(k) == get(j) {
					k++
				}
				if k-j >= 5 {
					score += 3 + (k - j - 5)
				}
				j = k
			}
			// N3: 1011101 with four light before, and with four light after.
			finder := []byte{1, 0, 1, 1, 1, 0, 1}
			for j := 0; j+7 <= n; j++ {
				match := true
				for d, v := range finder {
					match = match && get(j+d) == v
				}
				if !match {
					continue
				}
				light := func(from int) bool {
					if from < 0 || from+4 > n {
						return false // the quiet zone does not count
					}
					for d := 0; d < 4; d++ {
						if get(from+d) != 0 {
							return false
						}
					}
					return true
				}
				if light(j - 4) {
					score += 40
				}
				if light(j + 7) {
					score += 40
				}
			}
		}
	}
	// N2: 2×2 blocks.
	for r := 0; r+1 < n; r++ {
		for c := 0; c+1 < n; c++ {
			v := at(r, c)
			if at(r, c+1) == v && at(r+1, c) == v && at(r+1, c+1) == v {
				score += 3
			}
		}
	}
	// N4: k steps of 5 % away from half dark.
	dark := 0
	for _, v := range m {
		dark += int(v)
	}
	off := math.Abs(float64(dark)*100/float64(n*n) - 50)
	k := 0
	for off >= 5*float64(k+1) {
		k++
	}
	return score + 10*k
}

func TestReferencePenalty(t *testing.T) {
	// All light, 11×11: 22 runs of 11 (9 each), 100 blocks (3 each), and
	// 50 % from half dark (k = 10).
	if got, want := referencePenalty(make([]byte, 11*11), 11), 22*9+100*3+100; got != want {
		t.Errorf("all light: %d, want %d", got, want)
	}
	// 15×15, light but for row 2, which reads 0000 1011101 0000: the
	// finder-like pattern has four light on both sides (2 × 40) and no
	// run reaches five. 14 light rows and 10 light columns score 13 each;
	// the 5 columns through a dark module hold a run of 12 (10 each). Of
	// the 14 × 14 blocks, those at columns 3 to 10 in row pairs 1–2 and
	// 2–3 are not all light: 180 remain. 5 dark of 225 is 2.2 %: k = 9.
	const n = 15
	m := make([]byte, n*n)
	for _, c := range []int{4, 6, 7, 8, 10} {
		m[2*n+c] = 1
	}
	if got, want := referencePenalty(m, n), 2*40+14*13+10*13+5*10+180*3+9*10; got != want {
		t.Errorf("finder-like row: %d, want %d", got, want)
	}
}

func TestPenaltyMatchesReference(t *testing.T) {
	// Real symbols of one, two and three words per line, all eight masks,
	// and random matrices, whose patterns real symbols rarely show.
	rng := rand.New(rand.NewPCG(11, 3))
	for _, v := range []int{1, 2, 4, 7, 11, 12, 14, 27, 28, 40} {
		lay := layouts[v]()
		n := lay.size
		data := make([]byte, capacity(v, levelM))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		s, err := encodeMask(data, levelM, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Undo mask 0 to get back to the raw symbol.
		raw := make([]byte, n*n)
		for i := range raw {
			raw[i] = s.modules[i] ^ lay.masks[0][i]
		}
		for k := 0; k < 8; k++ {
			m := applyMask(raw, lay, levelM, k)
			rows, cols := bitlines(m, n)
			if got, want := penalty(rows, cols, &lay.valid), referencePenalty(m, n); got != want {
				t.Errorf("version %d mask %d: penalty %d, reference %d", v, k, got, want)
			}
		}
	}
	for _, n := range []int{21, 33, 63, 64, 65, 127, 128, 129, 177} {
		v := validFrom(n)
		for trial := 0; trial < 20; trial++ {
			m := make([]byte, n*n)
			dense := rng.IntN(4) // runs and finder shapes are likelier in sparse or dense matrices
			for i := range m {
				if rng.IntN(4) < dense {
					m[i] = 1
				}
			}
			// Plant finder-like patterns across and down, some at the
			// edges, some with light around them.
			for p := 0; p < 20; p++ {
				a, b := rng.IntN(n), rng.IntN(n-6)
				if p%3 == 0 {
					b = []int{0, n - 7, 4, n - 11}[p%4]
				}
				for d, v := range []byte{0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0} {
					if j := b + d - 4; j >= 0 && j < n && (d >= 4 && d < 11 || p%2 == 0) {
						if p%4 < 2 {
							m[a*n+j] = v
						} else {
							m[j*n+a] = v
						}
					}
				}
			}
			rows, cols := bitlines(m, n)
			if got, want := penalty(rows, cols, &v), referencePenalty(m, n); got != want {
				t.Fatalf("random %d×%d: penalty %d, reference %d", n, n, got, want)
			}
		}
	}
}

// TestBitlinesByTransposing: the rows and columns of a small symbol, made
// by transposing, are those read module by module.
func TestBitlinesByTransposing(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	for n := 1; n <= 64; n++ {
		m := make([]byte, n*n)
		for i := range m {
			m[i] = byte(rng.IntN(2))
		}
		rows, cols := bitlines1(m, n)
		for r := 0; r < n; r++ {
			for c := 0; c < n; c++ {
				want := uint64(m[r*n+c])
				if rows[r][0]>>c&1 != want || cols[c][0]>>r&1 != want || rows[r][1]|cols[c][1] != 0 {
					t.Fatalf("n=%d: module (%d,%d) is %d, rows say %d, columns %d", n, r, c, want, rows[r][0]>>c&1, cols[c][0]>>r&1)
				}
			}
		}
	}
}
