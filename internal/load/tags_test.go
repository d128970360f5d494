package load

import (
	"slices"
	"testing"

	"alliance/internal/model"
)

// tagsOf groups notices tagged as given, one notice per list, in that order.
func tagsOf(tagLists ...[]string) *model.Site {
	s := &model.Site{}
	for _, tags := range tagLists {
		s.Notices = append(s.Notices, &model.Notice{Doc: model.Doc{Tags: tags}})
	}
	s.SetTags((&loader{site: s}).tags())
	return s
}

// urls maps each tag name to its URL.
func urls(s *model.Site) map[string]string {
	m := map[string]string{}
	for _, t := range s.Tags {
		m[t.Name] = t.URL
	}
	return m
}

// The Traditional and Simplified spellings of a tag are one tag, whose URL
// does not move when the other spelling appears.
func TestTraditionalAndSimplifiedTagsAreOne(t *testing.T) {
	alone := tagsOf([]string{"年會"})
	if got := alone.TagNamed("年會"); got == nil || got.URL != "tags/nian-hui/" {
		t.Fatalf("年會 alone: %+v", got)
	}
	both := tagsOf([]string{"年會"}, []string{"年会", "年會"})
	if len(both.Tags) != 1 {
		t.Fatalf("年會 and 年会 make %d tags, want one: %+v", len(both.Tags), both.Tags)
	}
	tag := both.Tags[0]
	if tag.URL != "tags/nian-hui/" || len(tag.Notices) != 2 || !slices.Equal(tag.Names, []string{"年会", "年會"}) {
		t.Errorf("tag = %+v, want both notices at tags/nian-hui/ under both spellings", tag)
	}
	// One page each: the Simplified spelling names it; more pages: theirs.
	if tag.Name != "年会" {
		t.Errorf("tie: name %q, want the Simplified 年会", tag.Name)
	}
	if got := tagsOf([]string{"年會"}, []string{"年會"}, []string{"年会"}).Tags[0].Name; got != "年會" {
		t.Errorf("two pages say 年會, one 年会: name %q, want 年會", got)
	}
	if both.TagNamed("年會") != tag || both.TagNamed("年会") != tag {
		t.Errorf("TagNamed does not find the tag by both spellings")
	}
}

// Two tags of the same pinyin keep distinct URLs that do not depend on the
// order of the pages or on which of them came first.
func TestSamePinyinTagsHaveStableURLs(t *testing.T) {
	a := urls(tagsOf([]string{"年会"}, []string{"年慧"}, []string{"年汇"}))
	b := urls(tagsOf([]string{"年汇"}, []string{"年慧", "年会"}))
	if len(a) != 3 {
		t.Fatalf("tags = %v, want three", a)
	}
	seen := map[string]bool{}
	for name, u := range a {
		if seen[u] {
			t.Errorf("two tags at %s: %v", u, a)
		}
		seen[u] = true
		if b[name] != u {
			t.Errorf("%s: %s in one order of pages, %s in another", name, u, b[name])
		}
	}
	// Only the first by name of the tags sharing a pinyin has no suffix; a new
	// tag of that pinyin moves no other one, unless it sorts first, when the
	// former first takes its suffix.
	later := urls(tagsOf([]string{"年会"}, []string{"年慧"}, []string{"年汇"}, []string{"年晦"}))
	for name, u := range a {
		if later[name] != u {
			t.Errorf("%s moved from %s to %s when 年晦 was added", name, u, later[name])
		}
	}
	before := urls(tagsOf([]string{"年慧"}, []string{"年汇"}))
	if before["年慧"] != "tags/nian-hui/" || before["年汇"] != a["年汇"] || a["年会"] != "tags/nian-hui/" || a["年慧"] == "tags/nian-hui/" {
		t.Errorf("without 年会: %v; with it: %v", before, a)
	}
}
