package load

import "testing"

// TestClosingBlock checks a letter's ending: type = "closing" alone gives
// 此致 and 敬礼！ as two lines, and lines = […] words it otherwise.
func TestClosingBlock(t *testing.T) {
	dir := site(t, map[string]string{"data/templates/letter.toml": `title = "申请书"
[[blocks]]
type = "paragraph"
text = "正文"
[[blocks]]
type = "closing"
[[blocks]]
type = "closing"
lines = ["  特此申请 ", "", "顺颂商祺"]
`})
	tp := loadOK(t, dir).Templates[0]
	for i, want := range [][]string{{"此致", "敬礼！"}, {"特此申请", "顺颂商祺"}} {
		b := tp.Blocks[i+1]
		if b.Kind != "closing" || len(b.Lines) != len(want) {
			t.Fatalf("block %d = %+v, want a closing of %v", i+2, b, want)
		}
		for j, w := range want {
			if len(b.Lines[j]) != 1 || b.Lines[j][0].Text != w {
				t.Errorf("block %d line %d = %+v, want %q", i+2, j+1, b.Lines[j], w)
			}
		}
	}
}
