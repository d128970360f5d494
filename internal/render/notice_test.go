package render

import (
	"reflect"
	"testing"

	"alliance/internal/model"
)

func TestNumbered(t *testing.T) {
	for s, want := range map[string]bool{
		"一、指导思想":     true,
		"（一）组织领导":    true,
		"(2) 申报材料":   true,
		"1. 管理共融":    true,
		"2、资源共享":     true,
		"３．师资共育":     true,
		"① 报名":       true,
		"第三章 成员":     true,
		"附件1：领导小组名单": true,
		"附件二 申请表":    true,
		"指导思想":       false,
		"2021年工作要点":  false,
		"1.5倍的经费":    false,
		"附件：申请书（范本）": false,
		"一二三四":       false,
		"":           false,
	} {
		if got := numbered(s); got != want {
			t.Errorf("numbered(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAttachmentNotes(t *testing.T) {
	type note struct{ Number, Name string }
	notes := func(titles ...string) []note {
		var atts []model.Attachment
		for _, s := range titles {
			atts = append(atts, model.Attachment{Title: s})
		}
		var out []note
		for _, n := range attachmentNotes(atts) {
			out = append(out, note{n.Number, n.Name})
		}
		return out
	}
	for _, c := range []struct {
		titles []string
		want   []note
	}{
		{[]string{"附件1：领导小组", "附件2：联盟名单", "附件３：申请表"}, []note{{"1.", "领导小组"}, {"2.", "联盟名单"}, {"3.", "申请表"}}},
		{[]string{"附件：申请书（范本）"}, []note{{"", "申请书（范本）"}}},
		{[]string{"名单"}, []note{{"", "名单"}}},
		{[]string{"名单", "申请表"}, []note{{"1.", "名单"}, {"2.", "申请表"}}},
		{[]string{"附件3：申请表", "名单"}, []note{{"3.", "申请表"}, {"2.", "名单"}}},
		{[]string{"一、名单", "二、申请表"}, []note{{"", "一、名单"}, {"", "二、申请表"}}},
		{[]string{"附件"}, []note{{"", "附件"}}},
		{[]string{"附件一 名单", "附件二 申请表"}, []note{{"", "附件一 名单"}, {"", "附件二 申请表"}}},
	} {
		if got := notes(c.titles...); !reflect.DeepEqual(got, c.want) {
			t.Errorf("attachmentNotes(%q) = %v, want %v", c.titles, got, c.want)
		}
	}
}

func TestAddressee(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"各区（市）教体局", "市实验幼儿园"}, "各区（市）教体局、市实验幼儿园："},
		{[]string{"各区（市）教体局", "市实验幼儿园："}, "各区（市）教体局、市实验幼儿园："},
		{[]string{"各幼儿园:", " "}, "各幼儿园："},
		{nil, ""},
	} {
		if got := addressee(c.in); got != c.want {
			t.Errorf("addressee(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
