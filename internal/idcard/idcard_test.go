package idcard

import "testing"

func TestFindAndMask(t *testing.T) {
	// 11010519491231002X is the standard's own example number.
	const id = "11010519491231002X"
	if !Valid(id) || Valid("110105194912310021") {
		t.Fatal("check character not verified")
	}
	if got := Find("身份证号：" + id + "，电话略"); len(got) != 1 || got[0] != id {
		t.Errorf("Find = %v", got)
	}
	if got := Find("订单 110105194912310021 不是身份证"); len(got) != 0 {
		t.Errorf("a number with a wrong check character was found: %v", got)
	}
}

func TestValid(t *testing.T) {
	for id, want := range map[string]bool{
		"11010519491231002X": true,
		"11010519491231002x": true,
		"110105194912310021": false,
		"440524188001010014": true,
		"44052418800101001":  false,
	} {
		if got := Valid(id); got != want {
			t.Errorf("Valid(%s) = %v, want %v", id, got, want)
		}
	}
}
