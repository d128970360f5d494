package render

import (
	"regexp"
	"strconv"
	"strings"

	"alliance/internal/model"
)

// ownNumber matches text that begins with a number of its own, as official
// documents number their parts: 一、 （一） (1) 1. 1、 ① 第一章 附件1 附件一.
// A list item with such text gets no list marker, so it is not numbered twice.
var ownNumber = regexp.MustCompile(`^(?:` +
	`[一二三四五六七八九十百零〇]+、` +
	`|[（(]\s*[一二三四五六七八九十百零〇0-9０-９]+\s*[）)]` +
	`|[0-9０-９]+(?:[、．]|\.(?:[^0-9]|$))` +
	`|[①-⑳⑴-⒇⒈-⒛]` +
	`|第[一二三四五六七八九十百零〇0-9]+[章节条部篇款项]` +
	`|附件\s*[一二三四五六七八九十0-9０-９]` +
	`)`)

// numbered reports whether s starts with its own numbering.
func numbered(s string) bool { return ownNumber.MatchString(strings.TrimSpace(s)) }

// attachmentPrefix is the 附件 or 附件N that authors often start an
// attachment's title with; the attachment note (附件说明) says 附件 once.
var attachmentPrefix = regexp.MustCompile(`^附件\s*(?:([0-9０-９]+)\s*[：:.．、]?|[：:])\s*`)

// AttachmentNote is one line of a notice's attachment note (附件说明), as
// GB/T 9704 lays it out: 附件：1. 名称, the number only when there are several.
type AttachmentNote struct {
	Number string // "1." …, or "" for a single attachment or a title numbered by itself
	Name   string // the title without a leading 附件 or 附件N：
	model.Attachment
}

// attachmentNotes numbers a notice's attachments for its attachment note.
// A title's own 附件N gives the number, so 附件3：… stays 3 wherever it is
// listed; other titles are numbered by position.
func attachmentNotes(atts []model.Attachment) []AttachmentNote {
	out := make([]AttachmentNote, len(atts))
	for i, a := range atts {
		n := AttachmentNote{Name: a.Title, Attachment: a}
		num := strconv.Itoa(i + 1)
		if m := attachmentPrefix.FindStringSubmatchIndex(a.Title); m != nil && m[1] < len(a.Title) {
			n.Name = a.Title[m[1]:]
			if m[3] > m[2] {
				num = halfWidthDigits(a.Title[m[2]:m[3]])
			}
		}
		switch {
		case numbered(n.Name):
		case len(atts) > 1:
			n.Number = num + "."
		}
		out[i] = n
	}
	return out
}

// halfWidthDigits turns full-width digits into ASCII ones.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// addressee is the recipients line (主送机关) of a notice: the recipients
// joined by 、 and ended by one full-width colon, however the source ended them.
func addressee(recipients []string) string {
	parts := make([]string, 0, len(recipients))
	for _, r := range recipients {
		r = strings.TrimRight(strings.TrimSpace(r), "：:、，, ")
		if r != "" {
			parts = append(parts, r)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "、") + "："
}
