package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"alliance/internal/catalog"
	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/slug"
)

// newNow is the clock of `alliance new`; tests replace it.
var newNow = time.Now

// newKinds are the kinds of content `alliance new` creates, with the section
// they go into and their front matter.
var newKinds = map[string]struct {
	section  string
	template string
}{
	"notice": {"notices", noticeSkeleton},
	"report": {"reports", reportSkeleton},
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", helpText{
		usage:       `alliance new notice|report "标题" [flags]`,
		about:       "Creates content/notices/DATE-NAME.md or content/reports/DATE-NAME.md with today's date, an ASCII NAME spelled from the title in pinyin, and the front matter to fill in, each key explained in a Chinese comment. The new file is a draft (draft = true), so nothing half-written is published; set draft = false when it is ready. An existing file is never replaced.",
		example:     `alliance new notice "关于召开联盟年会的通知"`,
		exampleSays: "creates content/notices/2024-04-30-zhao-kai-lian-meng-nian-hui.md (with today's date) to fill in",
	}, stderr)
	source := fs.String("source", ".", "the site `folder`, which holds site.toml")
	date := fs.String("date", "", "the `date` to write instead of today, as 2024-04-30")
	var words []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			catalog.Fprintf(stderr, "alliance %s: %s (alliance help %s lists the flags)\n", "new", flagError(err), "new")
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(words) != 2 {
		catalog.Fprintln(stderr, `alliance new: say what to create and its title, such as: alliance new notice "关于召开联盟年会的通知"`)
		return 2
	}
	kind, ok := newKinds[words[0]]
	if !ok {
		catalog.Fprintf(stderr, "alliance new: unknown kind %q: use notice or report\n", words[0])
		return 2
	}
	title := strings.TrimSpace(words[1])
	if title == "" {
		catalog.Fprintln(stderr, "alliance new: the title is empty")
		return 2
	}

	var dl diag.List
	cfg := config.Load(*source, &dl)
	if cfg == nil || dl.HasErrors() {
		for _, p := range dl.Problems() {
			fmt.Fprintln(stderr, catalog.T("error: ")+p.Error())
		}
		return 1
	}
	day := newNow().In(cfg.Location)
	if *date != "" {
		t, err := time.ParseInLocation("2006-01-02", *date, cfg.Location)
		if err != nil {
			catalog.Fprintf(stderr, "alliance new: --date %q: write it as 2024-04-30\n", *date)
			return 2
		}
		day = t
	}
	ymd := day.Format("2006-01-02")

	dir := filepath.Join(*source, "content", kind.section)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "alliance new: %v\n", err)
		return 1
	}
	text := strings.NewReplacer("{{title}}", tomlString(title), "{{date}}", ymd).Replace(kind.template)
	base := ymd
	if name := fileName(title); name != "" {
		base += "-" + name
	}
	path, err := createUnique(dir, base, []byte(text))
	if err != nil {
		fmt.Fprintf(stderr, "alliance new: %v\n", err)
		return 1
	}
	catalog.Fprintf(stdout, "created %s (a draft: fill in the front matter, write the text, then set draft = false)\n", path)
	return 0
}

// fileName spells a title as a short ASCII name. The words every notice
// shares (关于… 的通知) are left out so that the name says what it is about.
func fileName(title string) string {
	t := strings.TrimPrefix(title, "关于")
	for _, suffix := range []string{"的通知", "的函", "的邀请函", "的公告", "的报告", "通知", "邀请函"} {
		if s := strings.TrimSuffix(t, suffix); s != t && s != "" {
			t = s
			break
		}
	}
	return slug.Short(t, 40)
}

// createUnique writes data to dir/base.md, or base-2.md, base-3.md … when a
// file or folder of that name exists. It never replaces anything.
func createUnique(dir, base string, data []byte) (string, error) {
	for i := 1; i < 1000; i++ {
		name := base
		if i > 1 {
			name += "-" + strconv.Itoa(i)
		}
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			continue // a folder notice of that name
		}
		path := filepath.Join(dir, name+".md")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			os.Remove(path)
			return "", err
		}
		return path, f.Close()
	}
	return "", catalog.Errorf("too many files named %s-N.md in %s", base, dir)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// noticeSkeleton is the new notice. Its body starts with check.Placeholder,
// which check reports once the notice is published.
const noticeSkeleton = `+++
# 新建的通知是草稿（draft = true），不会发布，以免未写完的内容上网。
# 填好下面各项、写完正文并核对无误后，把 draft 改为 false 再构建发布。
# 以 # 开头的行是说明或可选项；需要某个可选项时删去行首的 # 并填写。
title = {{title}}   # 标题（必填）
date = {{date}}   # 成文日期（必填），写作 2024-04-30
# publish_date = {{date}}   # 发布日期；不填则与成文日期相同；填将来的日期，到那天才发布
# expiry_date = 2099-12-31   # 下线日期；过了这一天页面不再发布；不填则一直发布
doc_number = ""   # 发文字号，如 某教字〔2024〕5号：年份用六角括号〔〕，序号不加 0，以“号”结尾；没有可留空
issuer = ""   # 发文机关，如 某某市教育局
recipients = []   # 主送机关，如 ["各区（市）教体局", "各幼儿园"]
# deadline = 2024-04-30   # 截止时间（报名、报送材料等）；也可写 "2024-04-30 17:00"
disclosure = "主动公开"   # 公开方式：主动公开、依申请公开或不予公开；只发布 site.toml 中 publish_disclosure 列出的方式
tags = []   # 标签，如 ["学前教育", "联盟"]
pinned = false   # 是否置顶：true 时在首页置顶显示
draft = true   # 是否草稿：true 时不发布（alliance build --drafts 可预览草稿）
summary = ""   # 摘要，用于列表和订阅；留空则取正文开头

# [contact]   # 联系人（可选）
# name = "王老师"   # 联系人姓名
# phone = { number = "0632-3317000", public = true }   # 联系电话：办公电话加 public = true，网页上显示全号，读者可以拨打；只写 phone = "号码" 时，手机号在网页上隐去中间四位，读者无法拨打
# email = "example@example.org"   # 电子邮箱

# [[attachments]]   # 附件（可选），每个附件写一段
# title = "附件1：……"   # 附件标题
# file = "plan.pdf"   # 与通知同一文件夹中的文件（通知须改为 文件夹/index.md 的形式）
# directory = "zaozhuang"   # 或者：成员名录，data/alliances/ 下的文件名（不含 .toml）
# template = "zaozhuang-application"   # 或者：申请模板，data/templates/ 下的文件名（不含 .toml）
+++
在此撰写正文。正文用 Markdown：## 一、标题 是小标题，空一行分段。

请勿在正文中写出个人手机号或身份证号；联系电话请写在上面的 [contact] 中。
`

const reportSkeleton = `+++
# 新建的报道是草稿（draft = true），不会发布，以免未写完的内容上网。
# 填好下面各项、写完正文并核对无误后，把 draft 改为 false 再构建发布。
# 以 # 开头的行是说明或可选项；需要某个可选项时删去行首的 # 并填写。
title = {{title}}   # 标题（必填）
date = {{date}}   # 发布日期（必填），写作 2024-04-30
# publish_date = {{date}}   # 定时发布：填将来的日期，到那天才发布
# expiry_date = 2099-12-31   # 下线日期；过了这一天页面不再发布；不填则一直发布
tags = []   # 标签，如 ["产教联盟", "年会"]
summary = ""   # 摘要，用于列表和订阅；留空则取正文开头
draft = true   # 是否草稿：true 时不发布（alliance build --drafts 可预览草稿）
# lang = "zh-Hant"   # 正文语言与网站不同时填写，如繁体中文 zh-Hant

[event]   # 报道的活动；不是活动报道可删去这一段
name = ""   # 活动名称，如 2024年联盟年会暨高峰论坛
# start = {{date}}   # 活动开始日期
# end = {{date}}   # 活动结束日期；一天的活动不填
venue = ""   # 活动地点
hosts = []   # 主办单位，如 ["某某联盟"]
organisers = []   # 承办单位
theme = ""   # 活动主题
attendance = ""   # 参加人数，如 "近300人"

# [[speakers]]   # 发言嘉宾（可选），每位写一段
# name = "……"   # 姓名
# affiliation = "……"   # 单位
# post = "……"   # 职务
# talk = "……"   # 报告题目

# [[photos]]   # 照片（可选），每张写一段；报道须改为 文件夹/index.md 的形式，照片放在同一文件夹
# file = "opening.jpg"   # 照片文件名
# caption = "开幕式"   # 照片说明，显示在照片下方
# alt = "……"   # 替代文字，供看不见图片的读者使用；不填则用照片说明

[credits]   # 署名
writers = []   # 撰稿
photographers = []   # 图片
reviewers = []   # 审核
final_review = []   # 终审
editors = []   # 责编
+++
在此撰写正文。正文用 Markdown：## 一、标题 是小标题，空一行分段。

请勿在正文中写出个人手机号或身份证号。
`
