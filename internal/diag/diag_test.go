package diag

import (
	"testing"

	"alliance/internal/catalog"
)

// TestProblemsInBothLanguages checks that a problem is made in the current
// language and can be rendered again in the other, message and fixed hint.
func TestProblemsInBothLanguages(t *testing.T) {
	old := catalog.SetCurrent(catalog.English)
	defer catalog.SetCurrent(old)
	var dl List
	dl.Warnf("content/notices/a.md", 3, "set pinned = false so that open calls lead the home page", "the notice is pinned but its deadline passed on %s", "2024-04-30")
	p := dl.Problems()[0]
	if got := p.Error(); got != "content/notices/a.md:3: warning: the notice is pinned but its deadline passed on 2024-04-30 (set pinned = false so that open calls lead the home page)" {
		t.Errorf("English: %s", got)
	}
	zh := p.Localize(catalog.Chinese)
	if zh.Msg != "通知仍置顶，但截止时间 2024-04-30 已过" || zh.Hint != "请改为 pinned = false，让仍在进行的通知排在首页前面" {
		t.Errorf("Chinese: %q (%q)", zh.Msg, zh.Hint)
	}
	catalog.SetCurrent(catalog.Chinese)
	if got := zh.Error(); got != "content/notices/a.md:3: 警告：通知仍置顶，但截止时间 2024-04-30 已过（请改为 pinned = false，让仍在进行的通知排在首页前面）" {
		t.Errorf("Chinese Error(): %s", got)
	}
	if back := zh.Localize(catalog.English); back.Msg != p.Msg || back.Hint != p.Hint {
		t.Errorf("back to English: %q (%q)", back.Msg, back.Hint)
	}
}
