package sitegen

import (
	"fmt"
	"strconv"
	"strings"
)

// notices writes content/notices: about one in ten is a folder notice with
// attached files, some attach a directory or a template, some have deadlines.
func (g *gen) notices() error {
	var published []string
	for i := 1; i <= g.opts.Notices; i++ {
		name := fmt.Sprintf("n-%05d", i)
		d := g.date()
		city := g.pick(cities)
		var fm strings.Builder
		fm.WriteString("+++\n")
		fm.WriteString("title = " + q(g.title()) + "\n")
		fm.WriteString("date = " + ymd(d) + "\n")
		if g.r.IntN(4) == 0 {
			fm.WriteString("publish_date = " + ymd(d.AddDate(0, 0, g.r.IntN(5))) + "\n")
		}
		if g.r.IntN(2) == 0 {
			fm.WriteString("doc_number = " + q(city[:3]+"教字〔"+strconv.Itoa(d.Year())+"〕"+strconv.Itoa(1+g.r.IntN(200))+"号") + "\n")
		}
		fm.WriteString("issuer = " + q(city+"市"+g.pick(orgs)) + "\n")
		fm.WriteString("recipients = " + qs([]string{"各区（市）教体局", "各联盟成员单位"}) + "\n")
		if g.r.IntN(3) == 0 {
			fm.WriteString("deadline = " + ymd(d.AddDate(0, 0, 10+g.r.IntN(50))) + "\n")
		}
		disclosure := "主动公开"
		switch x := g.r.IntN(100); {
		case x < 5:
			disclosure = "依申请公开"
		case x < 8:
			disclosure = "不予公开"
		}
		fm.WriteString("disclosure = " + q(disclosure) + "\n")
		tags := map[string]bool{}
		for j := 0; j < 1+g.r.IntN(4); j++ {
			tags[g.pick(tagPool)] = true
		}
		var tagList []string
		for _, t := range tagPool {
			if tags[t] {
				tagList = append(tagList, t)
			}
		}
		fm.WriteString("tags = " + qs(tagList) + "\n")
		if i > g.opts.Notices-20 && g.r.IntN(4) == 0 {
			fm.WriteString("pinned = true\n")
		}
		draft := g.r.IntN(100) == 0
		if draft {
			fm.WriteString("draft = true\n")
		}
		fm.WriteString("\n[contact]\nname = " + q(g.pick(surnames)+"老师") + "\nphone = " + q(g.mobile()) + "\nemail = \"office@example.org\"\n")

		folder := g.r.IntN(10) == 0
		var files []string
		if folder {
			for j := 0; j < 1+g.r.IntN(2); j++ {
				f := fmt.Sprintf("fujian-%d.txt", j+1)
				files = append(files, f)
				fm.WriteString("\n[[attachments]]\ntitle = " + q("附件"+strconv.Itoa(j+1)+"："+g.pick(topics)+"工作方案") + "\nfile = " + q(f) + "\n")
			}
		}
		if len(g.dirIDs) > 0 && g.r.IntN(20) == 0 {
			fm.WriteString("\n[[attachments]]\ntitle = \"附件：联盟成员名单\"\ndirectory = " + q(g.pick(g.dirIDs)) + "\n")
		}
		if len(g.templateIDs) > 0 && g.r.IntN(20) == 0 {
			fm.WriteString("\n[[attachments]]\ntitle = \"附件：申请表\"\ntemplate = " + q(g.pick(g.templateIDs)) + "\n")
		}
		fm.WriteString("+++\n")
		text := fm.String() + g.body(published)
		rel := "content/notices/" + name + ".md"
		if folder {
			rel = "content/notices/" + name + "/index.md"
			for _, f := range files {
				if err := g.write("content/notices/"+name+"/"+f, g.paragraph()+"\n"+g.paragraph()+"\n"); err != nil {
					return err
				}
			}
		}
		if err := g.write(rel, text); err != nil {
			return err
		}
		if !draft && disclosure != "不予公开" {
			published = append(published, name)
		}
	}
	return nil
}

// reports writes content/reports: one in five is a folder with photos.
func (g *gen) reports() error {
	for i := 1; i <= g.opts.Reports; i++ {
		name := fmt.Sprintf("r-%04d", i)
		d := g.date()
		var fm strings.Builder
		fm.WriteString("+++\n")
		fm.WriteString("title = " + q(g.pick(cities)+g.pick(topics)+g.pick(events)+"顺利举行") + "\n")
		fm.WriteString("date = " + ymd(d) + "\n")
		fm.WriteString("tags = " + qs([]string{g.pick(tagPool), "活动报道"}) + "\n")
		fm.WriteString("\n[event]\nname = " + q(strconv.Itoa(d.Year())+"年"+g.pick(cities)+g.pick(events)) + "\n")
		fm.WriteString("start = " + ymd(d.AddDate(0, 0, -2)) + "\nend = " + ymd(d.AddDate(0, 0, -1)) + "\n")
		fm.WriteString("venue = " + q(g.pick(venues)) + "\nhosts = " + qs([]string{g.pick(cities) + "学前教育联盟"}) + "\n")
		fm.WriteString("attendance = " + strconv.Itoa(50+g.r.IntN(400)) + "\n")
		for j := 0; j < g.r.IntN(4); j++ {
			fm.WriteString("\n[[speakers]]\nname = " + q(g.person()) + "\naffiliation = " + q(g.pick(cities)+"市"+g.pick(orgs)) + "\npost = \"主任\"\ntalk = " + q("《"+g.pick(topics)+"的实践与思考》") + "\n")
		}
		folder := g.r.IntN(5) == 0
		var photos []string
		if folder {
			for j := 0; j < 1+g.r.IntN(3); j++ {
				f := fmt.Sprintf("photo-%d.svg", j+1)
				photos = append(photos, f)
				fm.WriteString("\n[[photos]]\nfile = " + q(f) + "\ncaption = " + q(g.pick(events)+"现场") + "\n")
			}
		}
		fm.WriteString("\n[credits]\nwriters = " + qs([]string{g.person()}) + "\nreviewers = " + qs([]string{g.person()}) + "\n")
		fm.WriteString("+++\n")
		text := fm.String() + g.body(nil)
		rel := "content/reports/" + name + ".md"
		if folder {
			rel = "content/reports/" + name + "/index.md"
			for _, f := range photos {
				svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#%06x"/></svg>`, g.r.IntN(1<<24))
				if err := g.write("content/reports/"+name+"/"+f, svg); err != nil {
					return err
				}
			}
		}
		if err := g.write(rel, text); err != nil {
			return err
		}
	}
	return nil
}

// directories writes data/alliances: directories of about 1,000 members in
// groups of one lead kindergarten and its partners.
func (g *gen) directories() error {
	if g.opts.Members <= 0 {
		return nil
	}
	count := max(1, (g.opts.Members+999)/1000)
	left := g.opts.Members
	for i := 0; i < count; i++ {
		id := fmt.Sprintf("alliance-%02d", i+1)
		g.dirIDs = append(g.dirIDs, id)
		size := left / (count - i)
		left -= size
		city := cities[i%len(cities)]
		var b strings.Builder
		b.WriteString("name = " + q(city+"市幼儿园“共建 共享 共成长”联盟（第"+strconv.Itoa(i+1)+"片区）") + "\n")
		b.WriteString("short_name = " + q(city+"联盟") + "\nfounded = " + ymd(g.date()) + "\nterm_start = \"2021-03\"\nterm_end = \"2026-12\"\n")
		b.WriteString("description = " + q(g.paragraph()) + "\nsample = true\nsample_note = \"名录为生成的示例数据，电话均为虚构号码。\"\n")
		b.WriteString("\n[[governance]]\nname = \"领导小组\"\n")
		for _, role := range []string{"组长", "副组长", "副组长", "成员", "成员"} {
			b.WriteString("[[governance.people]]\nrole = " + q(role) + "\nname = " + q(g.person()) + "\npost = " + q(city+"市"+g.pick(orgs)+"干部") + "\n")
		}
		n := 0
		for n < size {
			partners := min(3+g.r.IntN(7), size-n-1)
			district := g.pick(districts)
			b.WriteString("\n[[groups]]\ntier = " + q(g.pick(tiers)) + "\ndistrict = " + q(district) + "\n")
			b.WriteString("[groups.lead]\n")
			g.member(&b, district, n)
			n++
			for j := 0; j < partners; j++ {
				b.WriteString("[[groups.partners]]\n")
				g.member(&b, district, n)
				n++
			}
		}
		if err := g.write("data/alliances/"+id+".toml", b.String()); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) member(b *strings.Builder, district string, n int) {
	b.WriteString("name = " + q(district+g.pick(unitWords)+"幼儿园第"+strconv.Itoa(n+1)+"分园") + "\n")
	b.WriteString("category = " + q(g.pick(categories)) + "\nnature = " + q(g.pick(natures)) + "\n")
	b.WriteString("responsible = " + q(g.person()) + "\nphone = " + q(g.mobile()) + "\n")
	b.WriteString("address = " + q(district+g.pick(unitWords)+"路"+strconv.Itoa(1+g.r.IntN(300))+"号") + "\n")
	b.WriteString("joined = " + ymd(g.date()) + "\n")
}

// templates writes data/templates: forms with running text, fields and a
// table grid.
func (g *gen) templates() error {
	for i := 1; i <= g.opts.Templates; i++ {
		id := fmt.Sprintf("form-%02d", i)
		g.templateIDs = append(g.templateIDs, id)
		var b strings.Builder
		b.WriteString("title = " + q(g.pick(cities)+g.pick(topics)+"联盟成员单位申请表") + "\n")
		b.WriteString("addressee = \"联盟评审委员会：\"\n")
		b.WriteString("\n[[blocks]]\ntype = \"paragraph\"\ntext = \"我单位{单位名称:12}申请加入联盟，承诺遵守联盟章程。\"\n")
		b.WriteString("\n[[blocks]]\ntype = \"heading\"\ntext = \"单位基本情况\"\n")
		b.WriteString("\n[[blocks]]\ntype = \"fields\"\nfields = [\"联系人姓名\", \"职务\", \"联系方式\"]\n")
		b.WriteString("\n[[blocks]]\ntype = \"table\"\ncolumns = 4\n")
		for r := 0; r < 4+g.r.IntN(6); r++ {
			a, c := g.pick(headings), g.pick(topics)
			b.WriteString("[[blocks.rows]]\ncells = [{ label = " + q(a) + " }, { blank = " + q(a) + " }, { label = " + q(c) + " }, { blank = " + q(c) + " }]\n")
		}
		b.WriteString("\n[[blocks]]\ntype = \"signature\"\nlines = [\"单位名称（盖章）：{单位名称:12}\", \"申请日期：{年:4}年{月:2}月{日:2}日\"]\n")
		b.WriteString("\n[submission]\nmethod = \"填写并加盖公章后扫描，以电子邮件发送\"\nemail = \"office@example.org\"\n")
		if err := g.write("data/templates/"+id+".toml", b.String()); err != nil {
			return err
		}
	}
	return nil
}
