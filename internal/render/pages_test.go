package render

import (
	"strconv"
	"testing"
)

func TestPagerWindow(t *testing.T) {
	url := func(n int) string { return "p/" + strconv.Itoa(n) + "/" }
	show := func(p *Pager) string {
		s := ""
		for _, l := range p.Pages {
			switch {
			case l.Gap:
				s += "… "
			case l.Current:
				s += "[" + strconv.Itoa(l.Number) + "] "
			default:
				s += strconv.Itoa(l.Number) + " "
			}
		}
		return s
	}
	cases := []struct {
		n, total int
		want     string
	}{
		{1, 1, "[1] "},
		{1, 4, "[1] 2 3 4 "},
		{1, 1000, "[1] 2 3 … 1000 "},
		{500, 1000, "1 … 498 499 [500] 501 502 … 1000 "},
		{4, 1000, "1 2 3 [4] 5 6 … 1000 "},
		{1000, 1000, "1 … 998 999 [1000] "},
	}
	for _, c := range cases {
		p := pager(c.n, c.total, url)
		if got := show(p); got != c.want {
			t.Errorf("pager(%d, %d) = %q, want %q", c.n, c.total, got, c.want)
		}
	}
	if p := pager(1, 3, url); p.Prev != "" || p.Next != "p/2/" {
		t.Errorf("prev/next = %q/%q", p.Prev, p.Next)
	}
}
