package qrcode

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

// The encoder is checked module for module against github.com/boombuler/
// barcode, which the package used before. boombuler is asked for byte mode
// (qr.Unicode): with qr.Auto it would pick numeric or alphanumeric mode for
// digits or upper-case text, which we never use.
//
// Two comparisons per input:
//   - with the mask fixed to the one boombuler chose (read back from its
//     format information), every module must agree: this checks the data
//     encoding, error correction, interleaving, function patterns, format
//     and version information, placement and the masks themselves;
//   - left to choose, we must choose the same mask. boombuler scores masks
//     by the reading of table 11 that penalty documents: N3 only inside the
//     symbol, and a finder-like pattern with four light modules on both
//     sides counted twice; its N4 is 10·⌊|dark% − 50| / 5⌋, as ours. So
//     the choices must agree everywhere, and they did on every input here.
//     TestPenaltyReference checks our scores against a literal reading of
//     the rules.

func TestMatchesBoombuler(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(18004, 2015))
	var inputs []string
	// URLs of every length from 1 to 300.
	for n := 1; n <= 300; n++ {
		inputs = append(inputs, randomURL(rng, n))
	}
	// Chinese text, short and long.
	for _, n := range []int{1, 2, 5, 20, 60, 150, 400, 777} {
		inputs = append(inputs, randomChinese(rng, n))
	}
	inputs = append(inputs, "短文本 & <标签>", "关于邀请优质幼儿园加入学前教育高质量发展联盟的函", "https://example.org/通知/2024-03-17/")
	// Every byte value, one at a time and all together; invalid UTF-8 too.
	var all []byte
	for b := 0; b < 256; b++ {
		inputs = append(inputs, string([]byte{byte(b)}))
		all = append(all, byte(b))
	}
	inputs = append(inputs, string(all), "\x00\x00\x00", "\xff\xfe\xfd", "digits 0123456789", "0123456789", "HELLO WORLD")
	for _, text := range inputs {
		compare(t, text, levelM)
	}
}

func TestMatchesBoombulerEveryVersion(t *testing.T) {
	t.Parallel()
	// For each level and version, random bytes that just fit, so every
	// block structure, alignment layout and version code is drawn at least
	// once. boombuler needs a second for the largest; -short skips them.
	rng := rand.New(rand.NewPCG(7, 40))
	for l := levelL; l <= levelH; l++ {
		for v := 1; v <= 40; v++ {
			if testing.Short() && v > 12 {
				break
			}
			data := make([]byte, capacity(v, l))
			for i := range data {
				data[i] = byte(rng.Uint32())
			}
			compare(t, string(data), l)
		}
	}
}

func compare(t *testing.T, text string, l level) {
	t.Helper()
	name := fmt.Sprintf("%v %.24q (%d bytes)", l, text, len(text))
	code, err := qr.Encode(text, qr.ErrorCorrectionLevel(l), qr.Unicode)
	if err != nil {
		t.Fatalf("%s: boombuler: %v", name, err)
	}
	n := code.Bounds().Dx()
	want := make([]byte, n*n)
	for r := 0; r < n; r++ {
		for c := 0; c < n; c++ {
			if color.GrayModel.Convert(code.At(c, r)).(color.Gray).Y < 128 {
				want[r*n+c] = 1
			}
		}
	}
	f := 0
	for i := 0; i < 15; i++ {
		p := formatPositions(n, i)[0]
		f |= int(want[p[0]*n+p[1]]) << i
	}
	f ^= 0x5412
	mask := f >> 10 & 7
	if f>>13 != l.indicator() {
		t.Fatalf("%s: boombuler's format information %015b is not for level %v", name, f^0x5412, l)
	}

	forced, err := encodeMask([]byte(text), l, mask)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if forced.size != n {
		t.Fatalf("%s: version %d, boombuler's has %d modules", name, forced.version, n)
	}
	for i := range want {
		if forced.modules[i] != want[i] {
			t.Fatalf("%s, mask %d: module row %d column %d is %d, boombuler's %d", name, mask, i/n, i%n, forced.modules[i], want[i])
		}
	}

	chosen, err := encode([]byte(text), l)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if chosen.mask != mask {
		t.Errorf("%s: we chose mask %d, boombuler mask %d", name, chosen.mask, mask)
	}
	if l == levelM && chosen.mask == mask {
		m, err := Matrix(text)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if m[i/n][i%n] != (want[i] == 1) {
				t.Fatalf("%s: Matrix differs from encode at %d", name, i)
			}
		}
	}
}

func randomURL(rng *rand.Rand, n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789-._~/?=&%#"
	prefixes := []string{"https://example.org/", "http://jyj.zaozhuang.gov.cn/", "https://alliance.example.cn/notices/"}
	var b strings.Builder
	b.WriteString(prefixes[rng.IntN(len(prefixes))])
	for b.Len() < n {
		b.WriteByte(chars[rng.IntN(len(chars))])
	}
	return b.String()[:n]
}

func randomChinese(rng *rand.Rand, runes int) string {
	punct := []rune("，。、；：？！“”（）《》 ")
	var b strings.Builder
	for i := 0; i < runes; i++ {
		if rng.IntN(8) == 0 {
			b.WriteRune(punct[rng.IntN(len(punct))])
		} else {
			b.WriteRune(rune(0x4e00 + rng.IntN(0x9fa5-0x4e00)))
		}
	}
	return b.String()
}
