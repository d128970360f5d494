package sitegen

import (
	"strconv"
	"strings"
)

// Word pools for generated Chinese text.
var (
	cities     = []string{"枣庄", "宜昌", "昆明", "长沙", "株洲", "湘潭", "衡阳", "岳阳", "常德", "襄阳", "荆州", "曲靖", "玉溪", "临沂", "济宁", "潍坊"}
	districts  = []string{"市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市", "西陵区", "伍家岗区", "点军区", "夷陵区", "五华区", "盘龙区", "官渡区", "西山区", "芙蓉区", "天心区"}
	orgs       = []string{"教育局", "教育和体育局", "教育科学研究院", "学前教育联盟秘书处", "产教联合体理事会", "教育发展研究中心"}
	topics     = []string{"学前教育", "保育教育质量", "普惠性幼儿园", "幼小衔接", "园本教研", "教师培训", "托育服务", "安全管理", "户外游戏", "家园共育", "课程建设", "集团化办园", "产教融合", "实训基地", "师资共育", "资源共享"}
	actions    = []string{"召开", "开展", "举办", "组织", "推进", "做好", "印发", "公布", "征集", "遴选", "评选", "报送"}
	events     = []string{"工作会议", "专题培训", "观摩研讨活动", "优质课评选", "年度考核", "经验交流会", "高峰论坛", "成果展示活动", "专项督导", "申报工作", "结对帮扶活动", "主题教研活动"}
	kinds      = []string{"通知", "通知", "通知", "函", "邀请函", "公告"}
	tagPool    = []string{"学前教育", "联盟", "通知", "培训", "教研", "年会", "论坛", "评选", "申报", "督导", "安全", "托育", "幼小衔接", "产教融合", "师资", "课程", "游戏", "家园共育", "普惠", "集团化", "实训", "结对帮扶", "质量评估", "名录", "申请", "总结", "计划", "表彰", "公示", "招生"}
	sentences  = []string{"各单位要高度重视，结合实际抓好落实", "坚持儿童为本，遵循幼儿身心发展规律", "发挥优质园的示范引领作用，带动薄弱园规范办园", "以游戏为基本活动，促进幼儿全面发展", "加强教研指导，提升保育教育质量", "建立健全工作机制，形成管理共融、资源共享、师资共育、发展共赢的格局", "请各区（市）教体局做好组织动员和材料审核工作", "联盟实行动态管理，每三年为一个周期", "活动期间请严格遵守各项安全管理规定", "参训人员须按时报到，不得无故缺席", "材料须真实准确，逾期不再受理", "各成员单位要认真总结经验，积极推广成果", "深化产教融合，推动专业建设与岗位需求对接", "完善结对帮扶机制，定期开展送教下乡活动", "鼓励教师参加区域教研，提升专业能力", "强化过程性评价，注重自我评估与持续改进"}
	surnames   = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"}
	givenNames = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "红梅", "建华", "丽娟", "晓燕", "文博"}
	numerals   = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	headings   = []string{"工作目标", "主要任务", "时间安排", "参加对象", "活动内容", "申报条件", "报送要求", "组织保障", "有关事项", "工作要求", "评选办法", "联系方式"}
	unitWords  = []string{"实验", "中心", "机关", "第一", "第二", "育才", "阳光", "明德", "新城", "春晖", "启航", "蓝天", "童心", "博雅", "晨曦", "金色摇篮"}
	categories = []string{"省级示范园", "市级示范园", "一级园", "二级园", "普惠性民办园", "新建园"}
	natures    = []string{"公办", "公办", "民办", "普惠性民办"}
	tiers      = []string{"市级", "区（市）级", "镇（街）级"}
	venues     = []string{"市实验幼儿园报告厅", "职业技术学院学术报告厅", "市教育局三楼会议室", "国际会展中心", "师范高等专科学校图书馆"}
)

func (g *gen) sentence() string {
	if g.r.IntN(3) == 0 {
		return g.pick(sentences)
	}
	return "围绕" + g.pick(topics) + g.pick(actions) + g.pick(events) + "，" + g.pick(sentences)
}

func (g *gen) paragraph() string {
	n := 3 + g.r.IntN(5)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(g.sentence())
		b.WriteString("。")
	}
	return b.String()
}

func (g *gen) title() string {
	return "关于" + g.pick(actions) + g.pick([]string{"", strconv.Itoa(End.Year()-g.r.IntN(8)) + "年"}) + g.pick(cities) + g.pick(topics) + g.pick(events) + "的" + g.pick(kinds)
}

// body writes a notice or report body: numbered sections with paragraphs,
// and sometimes a list, a table or a link to an earlier page.
func (g *gen) body(links []string) string {
	var b strings.Builder
	b.WriteString(g.paragraph())
	b.WriteString("\n\n")
	sections := 2 + g.r.IntN(4)
	first := ""
	for i := 0; i < sections; i++ {
		h := g.pick(headings)
		if i == 0 {
			first = numerals[0] + h // the anchor of "一、…"
		}
		b.WriteString("## " + numerals[i] + "、" + h + "\n\n")
		b.WriteString(g.paragraph())
		b.WriteString("\n\n")
		switch g.r.IntN(6) {
		case 0:
			for j := 0; j < 3+g.r.IntN(4); j++ {
				b.WriteString(strconv.Itoa(j+1) + ". " + g.sentence() + "；\n")
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| 序号 | 单位 | 负责人 | 时间 |\n|---|---|---|---|\n")
			for j := 0; j < 4+g.r.IntN(12); j++ {
				b.WriteString("| " + strconv.Itoa(j+1) + " | " + g.pick(districts) + g.pick(unitWords) + "幼儿园 | " + g.person() + " | " +
					ymd(g.date()) + " |\n")
			}
			b.WriteString("\n")
		case 2:
			if len(links) > 0 {
				b.WriteString("具体要求参见[此前的通知](/notices/" + links[g.r.IntN(len(links))] + "/)，并对照[第一部分](#" + first + ")执行。\n\n")
			}
		}
	}
	return b.String()
}
