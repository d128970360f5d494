package hanzi

import "testing"

func TestTableHasNoChains(t *testing.T) {
	tsOnce.Do(initTS)
	if len(tsMap) < 3000 {
		t.Fatalf("Traditional→Simplified table has %d pairs, want the full OpenCC table", len(tsMap))
	}
	for tr, s := range tsMap {
		if _, ok := tsMap[s]; ok {
			t.Errorf("%c → %c, which maps again", tr, s)
		}
	}
}

func TestSimplify(t *testing.T) {
	for in, want := range map[string]string{
		"年會":           "年会",
		"宜產教聯〔2024〕3號": "宜产教联〔2024〕3号",
		"已是简体 abc":     "已是简体 abc",
		"":             "",
	} {
		if got := Simplify(in); got != want {
			t.Errorf("Simplify(%q) = %q, want %q", in, got, want)
		}
	}
	if s, ok := Simplified('聯'); !ok || s != '联' {
		t.Errorf("Simplified('聯') = %c, %v", s, ok)
	}
	if s, ok := Simplified('联'); ok || s != '联' {
		t.Errorf("Simplified('联') = %c, %v, want it unchanged", s, ok)
	}
}
