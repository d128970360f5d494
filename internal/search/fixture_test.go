package search

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"alliance/internal/config"
	"alliance/internal/model"
	"alliance/internal/output"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func notice(url, title, date, docNumber, body string) *model.Notice {
	n := &model.Notice{Doc: model.Doc{URL: url, Title: title, Body: model.NewBody("", body)},
		Date: day(date), PublishDate: day(date), DocNumber: docNumber}
	return n
}

// fixtureSite is a small site with the cases the issue names.
func fixtureSite() *model.Site {
	zz := notice("notices/zaozhuang-plan/", "关于印发《枣庄市幼儿园“共建 共享 共成长”联盟实施方案》的通知", "2021-03-16",
		"枣教字〔2021〕10号", "为推进学前教育优质均衡发展，现将实施方案印发给你们。这是一段简单的说明。")
	zz.Issuer = "枣庄市教育局"
	zz.Recipients = []string{"各区（市）教体局", "市实验幼儿园"}
	hn := notice("notices/hunan-2024/", "关于开展学前教育高质量发展联盟单位申报工作的通知", "2024-03-20",
		"湘学前联〔2024〕1号", "各市州：请于４月３０日前提交申请书。联系电话见附件。")
	hn.Issuer = "湖南省学前教育联盟"
	// 段简 occurs only in zz ("一段简单"); decoy has 段 and 简 apart, and
	// side by side only across a full stop.
	decoy := notice("notices/decoy/", "简单的工作安排", "2022-05-01", "", "本段落讲述简单的事情，分成两段。简要说明如下。")
	body := notice("notices/body-only/", "工作通报", "2023-01-10", "", "本次会议讨论了枣庄市实验幼儿园的经验。")
	title := notice("notices/title-parts/", "实验幼儿班和幼儿园工作要点", "2023-06-01", "", "全市实验幼儿园都要落实。")
	return &model.Site{
		Config:  &config.Site{Title: "测试", BaseURL: "/"},
		Notices: []*model.Notice{hn, title, body, decoy, zz},
		Reports: []*model.Report{{
			Doc:      model.Doc{URL: "reports/kunming-forum/", Title: "昆明市教聯體建設推進會召開", Lang: "zh-Hant", Body: model.NewBody("", "會議總結了教聯體一年來的工作。")},
			Date:     day("2023-11-20"),
			Event:    model.Event{Name: "教聯體建設推進會", Venue: "昆明學院"},
			Speakers: []model.Speaker{{Name: "李明", Affiliation: "昆明學院", Talk: "教聯體的實踐"}},
		}},
		Pages: []*model.Page{{Doc: model.Doc{URL: "about/", Title: "关于我们", Body: model.NewBody("", "联盟秘书处设在枣庄市实验幼儿园。")}}},
		Directories: []*model.Directory{{
			ID: "zaozhuang", URL: "directories/zaozhuang/", Name: "枣庄市幼儿园“共建 共享 共成长”联盟", ShortName: "枣庄联盟",
			Founded: day("2021-03-16"),
			Groups: []model.Group{{Tier: model.TierCity, District: "市直",
				Lead: model.Member{ID: "m-shiyan", Name: "枣庄市实验幼儿园", District: "市直", Tier: model.TierCity, Nature: "公办", Category: "省级示范园", Responsible: "黄俐", Joined: day("2021-03-16")},
				Partners: []model.Member{
					{ID: "m-xuecheng", Name: "薛城区实验幼儿园", District: "薛城区", Tier: model.TierCity, Nature: "公办", Category: "市级示范园", Joined: day("2021-03-16")},
					{ID: "m-tengzhou", Name: "滕州市荆河街道中心幼儿园", District: "滕州市", Tier: model.TierTown, Nature: "公办", Joined: day("2021-03-16")},
				}}},
		}},
		Templates: []*model.Template{{URL: "templates/hunan-application/", Title: "联盟单位入围申请书",
			Fields: []model.Blank{{Label: "单位名称"}, {Label: "联系人姓名"}}}},
	}
}

// memFetcher serves built files from memory and counts what was fetched.
type memFetcher struct {
	files   map[string][]byte
	fetched []string
}

func newMemFetcher(files []output.File) *memFetcher {
	m := &memFetcher{files: map[string][]byte{}}
	for _, f := range files {
		m.files[strings.TrimPrefix(f.Path, Dir)] = f.Data
	}
	return m
}

func (m *memFetcher) fetch(p string) ([]byte, error) {
	b, ok := m.files[p]
	if !ok {
		return nil, fmt.Errorf("no file %s", p)
	}
	m.fetched = append(m.fetched, p)
	return b, nil
}

func openFixture(t *testing.T, site *model.Site, lim limits) *Index {
	t.Helper()
	files, err := buildFiles(collect(site), nil, lim)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(newMemFetcher(files).fetch)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// buildFiles is build collecting the files it emits, sorted by path.
func buildFiles(docs []document, c DocCache, lim limits) ([]output.File, error) {
	return collected(func(emit func([]output.File)) error { return build(docs, c, nil, lim, emit) })
}
