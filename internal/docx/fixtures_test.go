package docx

import (
	"strconv"
	"strings"
	"time"

	"alliance/internal/model"
)

// The fixtures follow data/templates/: the Hunan application letter (running
// text with blanks) and the Zaozhuang application form (a seven-column table
// with merged cells), numbered as the loader numbers them.

// numberer hands out blank IDs f1, f2, … in document order.
type numberer struct{ n int }

func (n *numberer) blank(label string, width, lines int) *model.Blank {
	n.n++
	return &model.Blank{ID: "f" + strconv.Itoa(n.n), Label: label, Width: width, Lines: lines}
}

// runs reads the README's {label} / {label:width} notation.
func (n *numberer) runs(s string) []model.Run {
	var out []model.Run
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			out = append(out, model.Run{Text: s})
			break
		}
		if i > 0 {
			out = append(out, model.Run{Text: s[:i]})
		}
		j := strings.IndexByte(s, '}')
		label, width := s[i+1:j], 0
		if c := strings.IndexByte(label, ':'); c >= 0 {
			width, _ = strconv.Atoi(label[c+1:])
			label = label[:c]
		}
		out = append(out, model.Run{Blank: n.blank(label, width, 1)})
		s = s[j+1:]
	}
	return out
}

func hunan() *model.Template {
	n := &numberer{}
	para := func(s string) model.Block { return model.Block{Kind: model.BlockParagraph, Runs: n.runs(s)} }
	head := func(num, s string) model.Block {
		return model.Block{Kind: model.BlockHeading, Number: num, Runs: n.runs(s)}
	}
	t := &model.Template{
		ID:        "hunan-application",
		URL:       "templates/hunan-application/",
		Title:     "新时代学前教育高质量发展联盟单位入围申请书",
		Subtitle:  "（范本）",
		Addressee: "学前教育高质量发展联盟评审委员会：",
		Blocks: []model.Block{
			para("我代表{市:6}市{县:6}县（市、区）{单位名称:12}，向贵联盟提交入围申请书。"),
			head("一、", "单位背景与实力"),
			para("{单位名称:12}自创办以来，一直专注于{领域:10}领域，与{合作单位:12}建立了稳定的合作关系。"),
			head("二、", "对联盟的认识与期望"),
			para("我们理解并认同联盟的宗旨。"),
			{Kind: model.BlockClosing, Lines: [][]model.Run{{{Text: "此致"}}, {{Text: "敬礼！"}}}},
			{Kind: model.BlockSignature, Lines: [][]model.Run{
				n.runs("单位名称（盖章）：{单位名称:12}"),
				n.runs("申请日期：{年:4}年{月:2}月{日:2}日"),
			}},
		},
		Submission: model.Submission{
			Method:   "填写申请书并加盖单位公章，扫描后将电子档以电子邮件发送至指定邮箱",
			Email:    "104460625@qq.com",
			Deadline: &model.Deadline{Time: time.Date(2024, 4, 30, 23, 59, 59, 999999999, time.FixedZone("CST", 8*3600))},
			FileName: "共同体+单位名称",
			Notes:    []string{"每个县（市、区）原则上遴选3至5所幼儿园。"},
		},
	}
	var fields []model.Field
	for _, l := range []string{"联系人姓名", "职务", "联系方式"} {
		fields = append(fields, model.Field{Label: l, Blank: n.blank(l, 0, 1)})
	}
	t.Blocks = append(t.Blocks, model.Block{Kind: model.BlockFields, Fields: fields})
	return t
}

func zaozhuang() *model.Template {
	n := &numberer{}
	label := func(s string, rows, cols int) model.Cell {
		return model.Cell{Text: s, Rowspan: max(rows, 1), Colspan: max(cols, 1)}
	}
	header := func(s string, rows int) model.Cell {
		c := label(s, rows, 1)
		c.Header = true
		return c
	}
	blank := func(s string, rows, cols, lines int) model.Cell {
		return model.Cell{Blank: n.blank(s, 0, lines), Rowspan: max(rows, 1), Colspan: max(cols, 1)}
	}
	row := func(cells ...model.Cell) model.Row { return model.Row{Cells: cells} }
	return &model.Template{
		ID:    "zaozhuang-application",
		URL:   "templates/zaozhuang-application/",
		Title: "枣庄市幼儿园“共建 共享 共成长”联盟申请表",
		Blocks: []model.Block{{Kind: model.BlockTable, Table: &model.Table{
			Columns: 7,
			Widths:  []int{2, 3, 3, 2, 3, 2, 3},
			Rows: []model.Row{
				row(header("联盟园基本信息", 5), label("单位名称", 1, 1), blank("单位名称", 1, 3, 0), label("园所规模", 1, 1), blank("园所规模", 1, 1, 0)),
				row(label("通讯地址", 1, 1), blank("通讯地址", 1, 3, 0), label("邮政编码", 1, 1), blank("邮政编码", 1, 1, 0)),
				row(label("法定代表人", 1, 1), blank("法定代表人", 1, 1, 0), label("职务", 1, 1), blank("职务", 1, 1, 0), label("电话", 1, 1), blank("电话", 1, 1, 0)),
				row(label("联系人", 2, 1), blank("联系人", 2, 1, 0), label("移动电话", 2, 1), blank("移动电话", 2, 1, 0), label("固定电话", 1, 1), blank("固定电话", 1, 1, 0)),
				row(label("业务邮箱", 1, 1), blank("业务邮箱", 1, 1, 0)),
				row(header("主导园信息", 2), label("单位名称", 1, 1), blank("主导园单位名称", 1, 3, 0), label("电话", 1, 1), blank("主导园电话", 1, 1, 0)),
				row(label("联系地址", 1, 1), blank("主导园联系地址", 1, 3, 0), label("业务邮箱", 1, 1), blank("主导园业务邮箱", 1, 1, 0)),
				row(header("联盟事宜", 2), label("联盟项目内容", 1, 1), blank("联盟项目内容", 1, 5, 3)),
				row(label("预期效果", 1, 1), blank("预期效果", 1, 5, 3)),
				row(header("推荐单位", 1), blank("推荐单位", 1, 6, 0)),
				row(header("推荐意见", 1), blank("推荐意见", 1, 6, 3)),
			},
		}}},
		Submission: model.Submission{
			Method: "联盟园填写申请表，经所在区（市）教体局审核推荐，由区（市）教体局报送",
			Notes:  []string{"本届联盟时间为2021年3月至2023年12月。"},
		},
	}
}
