package search

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"alliance/internal/config"
	"alliance/internal/model"
)

// The benchmark's site: 10,000 notices, 20,000 members in 50 directories and
// 1,000 reports, made in memory from fixed word lists and a fixed seed, so
// every run indexes the same site. The text is a shuffle of the words such
// sites use, which gives a realistic number of distinct character pairs.

const (
	benchNotices = 10000
	benchMembers = 20000
	benchReports = 1000
	benchDirs    = 50
)

var (
	benchOnce sync.Once
	benchData *model.Site
)

var (
	genCities = []string{"枣庄", "长沙", "株洲", "湘潭", "衡阳", "宜昌", "襄阳", "荆州", "昆明", "曲靖", "玉溪", "大理",
		"济南", "青岛", "淄博", "烟台", "潍坊", "临沂", "德州", "聊城"}
	genDistricts = []string{"市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市", "芙蓉区", "天心区", "岳麓区", "开福区",
		"雨花区", "望城区", "西陵区", "伍家岗区", "点军区", "猇亭区", "夷陵区", "五华区", "盘龙区", "官渡区", "西山区", "呈贡区",
		"历下区", "市南区", "张店区", "芝罘区", "奎文区", "兰山区", "德城区", "东昌府区"}
	genPlaces = []string{"实验", "第一", "第二", "第三", "中心", "机关", "阳光", "育才", "春蕾", "蓓蕾", "红星", "光明",
		"向阳", "启明", "新城", "东城", "西城", "南湖", "北湖", "滨江", "花园", "锦绣", "金色", "童心", "博雅", "明德"}
	genStreets = []string{"荆河街道", "龙山路街道", "常庄街道", "坛山街道", "西王庄镇", "周村镇", "古邵镇", "运河街道",
		"北庄镇", "店子镇", "桥头镇", "城关镇", "白庙镇", "南津关街道", "小溪塔街道", "龙泉镇"}
	genKinds    = []string{"幼儿园", "中心幼儿园", "实验幼儿园", "附属幼儿园", "第一幼儿园", "双语幼儿园"}
	genNatures  = []string{"公办", "民办", "普惠性民办", "公办", "公办"}
	genCategory = []string{"省级示范园", "市级示范园", "一类园", "二类园", "三类园", ""}
	genTiers    = []string{model.TierCity, model.TierDistrict, model.TierTown}
	genWords    = strings.Fields(`学前教育 高质量发展 联盟 共同体 教联体 幼儿园 保育教育 质量评估 指南 实施方案 工作要点
		教研 课程 游戏 区域活动 家园共育 幼小衔接 城乡 帮扶 结对 优质 均衡 普惠 资源 共享 共建 共成长 教师 培训
		园长 骨干 名师 工作室 示范 引领 辐射 带动 督导 评估 检查 考核 申报 推荐 评审 遴选 认定 公示 通知 要求
		各区 各县 市直 教育局 教体局 幼儿 儿童 家长 社区 安全 卫生 健康 营养 膳食 体育 艺术 阅读 科学 探究
		观察 记录 反思 成长 发展 规范 办园 行为 管理 制度 建设 队伍 专业 能力 提升 水平 标准 条件 保障 经费
		场地 设施 设备 玩具 图书 环境 创设 户外 自主 游戏化 生活化 一日 活动 组织 实施 评价 改进 总结 经验
		交流 研讨 观摩 展示 论坛 年会 会议 讲座 报告 专家 学者 大学 学院 研究院 政策 文件 精神 贯彻 落实
		推进 深化 改革 创新 特色 品牌 文化 传承 数字化 信息化 平台 智慧 托育 服务 产教融合 职业 院校 实训
		基地 实习 就业 岗位 人才 培养 模式 合作 机制 协同 联动 三级 网络 主导园 联盟园 成员 单位 名单 附件
		申请表 申请书 报名 截止 日期 联系人 电话 邮箱 地址 盖章 扫描 提交 材料 内容 格式 程序 步骤 时间 安排
		第一 第二 第三 阶段 年度 学期 春季 秋季 每月 每周 定期 不定期 及时 认真 严格 切实 积极 主动 稳妥 有序`)
	genSurnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	genGiven    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞琳建国文辉力斌宇浩凯晨瑶婷雪梅兰琪欣怡")
	genPunct    = []string{"，", "，", "，", "、", "。", "；", "。"}
	genActions  = []string{"开展", "做好", "加强", "推进", "组织", "举办", "印发", "公布", "启动", "评选", "申报", "征集"}
)

// benchSite returns the benchmark's site, made once.
func benchSite() *model.Site {
	benchOnce.Do(func() { benchData = genSite(rand.New(rand.NewPCG(2024, 11))) })
	return benchData
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// genText writes about words words. Like a real notice, most of them come
// from the few topics the text is about, the rest from the whole vocabulary.
func genText(r *rand.Rand, words int) string {
	topic := make([]string, 30)
	for i := range topic {
		topic[i] = pick(r, genWords)
	}
	var b strings.Builder
	for i := 0; i < words; i++ {
		if r.IntN(5) == 0 {
			b.WriteString(pick(r, genWords))
		} else {
			b.WriteString(pick(r, topic))
		}
		if r.IntN(6) == 0 {
			b.WriteString(pick(r, genPunct))
		}
		if r.IntN(40) == 0 {
			fmt.Fprintf(&b, "%d年%d月%d日", 2015+r.IntN(11), 1+r.IntN(12), 1+r.IntN(28))
		}
	}
	b.WriteString("。")
	return b.String()
}

func genName(r *rand.Rand) string {
	n := string(pick(r, genSurnames)) + string(pick(r, genGiven))
	if r.IntN(2) == 0 {
		n += string(pick(r, genGiven))
	}
	return n
}

func genSite(r *rand.Rand) *model.Site {
	site := &model.Site{Config: &config.Site{Title: "基准站点", BaseURL: "/", Language: "zh-CN", Theme: "default",
		PerPage: 10, Location: time.UTC}, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < benchNotices; i++ {
		city := pick(r, genCities)
		d := start.AddDate(0, 0, r.IntN(3900))
		paras := make([]string, 3+r.IntN(4))
		for p := range paras {
			paras[p] = genText(r, 20+r.IntN(40))
		}
		body := strings.Join(paras, "\n\n")
		n := &model.Notice{
			Doc: model.Doc{URL: fmt.Sprintf("notices/n%05d/", i),
				Title: fmt.Sprintf("关于%s%s%s%s的通知", pick(r, genActions), city, pick(r, genWords), pick(r, genWords)),
				Body:  model.NewBody(paragraphs(paras), strings.ReplaceAll(body, "\n\n", "\n"))},
			Date: d, PublishDate: d,
			DocNumber:  fmt.Sprintf("%s教字〔%d〕%d号", city[:3], d.Year(), 1+r.IntN(60)),
			Issuer:     city + "市教育局",
			Recipients: []string{"各区（市）教体局", "市直各幼儿园"},
		}
		site.Notices = append(site.Notices, n)
	}
	for i := 0; i < benchReports; i++ {
		d := start.AddDate(0, 0, r.IntN(3900))
		body := genText(r, 150+r.IntN(150))
		rep := &model.Report{
			Doc:   model.Doc{URL: fmt.Sprintf("reports/r%04d/", i), Title: fmt.Sprintf("%s%s%s召开", pick(r, genCities), pick(r, genWords), pick(r, []string{"年会", "论坛", "推进会", "研讨会"})), Body: model.NewBody(paragraphs([]string{body}), body)},
			Date:  d,
			Event: model.Event{Name: fmt.Sprintf("%d年%s学前教育%s", d.Year(), pick(r, genCities), pick(r, []string{"年会", "高峰论坛", "推进会"})), Venue: pick(r, genCities) + "市" + pick(r, genPlaces) + "幼儿园"},
		}
		for s := 0; s < 3; s++ {
			rep.Speakers = append(rep.Speakers, model.Speaker{Name: genName(r), Affiliation: pick(r, genCities) + "师范学院", Talk: pick(r, genWords) + pick(r, genWords)})
		}
		site.Reports = append(site.Reports, rep)
	}
	per := benchMembers / benchDirs
	for di := 0; di < benchDirs; di++ {
		city := genCities[di%len(genCities)]
		founded := start.AddDate(0, 0, r.IntN(3000))
		dir := &model.Directory{ID: fmt.Sprintf("d%02d", di), URL: fmt.Sprintf("directories/d%02d/", di),
			Name: fmt.Sprintf("%s市学前教育%s联盟（第%d批）", city, pick(r, genWords), di/len(genCities)+1), Founded: founded}
		for m := 0; m < per; m++ {
			// Members join when the alliance is founded or in a later yearly intake.
			joined := founded.AddDate(r.IntN(3), 0, 0)
			dist := pick(r, genDistricts)
			name := city + "市" + dist + pick(r, genPlaces) + pick(r, genKinds)
			if r.IntN(3) == 0 {
				name = dist + pick(r, genStreets) + pick(r, genKinds)
			}
			dir.Members = append(dir.Members, model.Member{ID: fmt.Sprintf("m%d", m), Name: name, District: dist,
				Tier: pick(r, genTiers), Nature: pick(r, genNatures), Category: pick(r, genCategory), Joined: joined})
		}
		site.Directories = append(site.Directories, dir)
	}
	// Newest first, as the loader gives them.
	slices.SortStableFunc(site.Notices, func(a, b *model.Notice) int { return b.PublishDate.Compare(a.PublishDate) })
	slices.SortStableFunc(site.Reports, func(a, b *model.Report) int { return b.Date.Compare(a.Date) })
	return site
}

// paragraphs is text as the Markdown converter would give it.
func paragraphs(ps []string) template.HTML {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + template.HTMLEscapeString(p) + "</p>\n")
	}
	return template.HTML(b.String())
}
