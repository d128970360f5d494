package feed

import (
	"encoding/xml"
	"html/template"
	"strings"
	"testing"
	"time"

	"alliance/internal/config"
	"alliance/internal/model"
)

// TestLongNoticeHasNoContent checks that a notice longer than MaxContent is
// in the feed with its summary and link but without its text, and that a
// short one keeps its text.
func TestLongNoticeHasNoContent(t *testing.T) {
	day := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	long := template.HTML(strings.Repeat("<p>联盟秘书处组织各成员单位开展保教质量提升活动。</p>\n", 4<<20/80))
	site := &model.Site{
		Config: &config.Site{Title: "站", BaseURL: "https://example.org/"},
		Notices: []*model.Notice{
			{Doc: model.Doc{Title: "长", URL: "notices/long/", Summary: "长通知的摘要", Body: model.NewBody(long, "")}, PublishDate: day},
			{Doc: model.Doc{Title: "短", URL: "notices/short/", Summary: "短", Body: model.NewBody("<p>正文</p>", "")}, PublishDate: day},
		},
	}
	files, err := Build(site)
	if err != nil {
		t.Fatal(err)
	}
	data := files[0].Data
	if len(data) > 64<<10 {
		t.Errorf("the feed is %d bytes for a %d-byte notice; want its text left out", len(data), len(long))
	}
	var f struct {
		Entries []struct {
			Summary string `xml:"summary"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != 2 || f.Entries[0].Summary != "长通知的摘要" || f.Entries[0].Content != "" || f.Entries[1].Content != "<p>正文</p>" {
		t.Errorf("entries: %d; the long one has summary %q and %d bytes of content, the short one content %q",
			len(f.Entries), f.Entries[0].Summary, len(f.Entries[0].Content), f.Entries[1].Content)
	}
}
