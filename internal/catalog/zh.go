package catalog

// zh maps each English format string of a message to its Simplified Chinese
// format. Each argument must be printed with the same verb (%s, %d, %q, %v …);
// a translation may reorder them with explicit indexes (%[2]s).
// TestCatalogComplete checks that every message in the source is here; a
// blank line between entries keeps gofmt from aligning them all.
var zh = map[string]string{
	"  --lang zh|en   messages in Chinese (the default) or English; without it, a LANG (or LC_ALL, LC_MESSAGES) starting with en means English": "  --lang zh|en   提示信息用中文（默认）或英文；不加此项时，环境变量 LANG（或 LC_ALL、LC_MESSAGES）以 en 开头则用英文",

	"  alliance <command> [flags]": "  alliance <命令> [选项]",

	"  alliance build                         build the site into public/": "  alliance build                         生成网站，放在 public/ 文件夹",

	"  alliance check --drafts                list every problem, drafts included": "  alliance check --drafts                列出全部问题（包括草稿）",

	"  alliance new notice \"关于召开联盟年会的通知\"   start a new notice": "  alliance new notice \"关于召开联盟年会的通知\"   新建一篇通知",

	"  alliance serve                         preview the site at http://127.0.0.1:1313/": "  alliance serve                         在 http://127.0.0.1:1313/ 预览网站",

	" (%d masked phone numbers left out)": "（%d 个隐去中间位的电话号码未导入）",

	" (1 masked phone number left out)": "（1 个隐去中间位的电话号码未导入）",

	" (default %s)": "（默认 %s）",

	"%d masked phone numbers, such as %s in row %d, cannot be restored and were left out: the site's downloads mask personal numbers, so add the full numbers to the TOML file by hand": "有 %d 个电话号码隐去了中间位（如 %s，第%d行），无法还原，未导入：网站下载的名单会隐去个人号码，请在 TOML 文件中手工补上完整号码",

	"1 masked phone number, %s in row %d, cannot be restored and was left out: the site's downloads mask personal numbers, so add the full number to the TOML file by hand": "有 1 个电话号码隐去了中间位（%s，第%d行），无法还原，未导入：网站下载的名单会隐去个人号码，请在 TOML 文件中手工补上完整号码",

	"%q has no host name": "%q 没有域名",

	"%q is neither a full address (https://…) nor a path starting with /": "%q 既不是完整网址（https://…），也不是以 / 开头的路径",

	"%s as GB/T 9704 requires": "%s，不符合 GB/T 9704 的要求",

	"%s in %s": "%s，分在 %s 中",

	"%s is a Word document: copy its table into Excel or WPS and save it as .xlsx": "%s 是 Word 文档：请把其中的表格复制到 Excel 或 WPS 表格，另存为 .xlsx",

	"%s is a file, %s, but %s, %s,%s must go in a folder of that name": "%s 是一个文件（%s），但 %s（%s）%s 要放在同名的文件夹中",

	"%s is a link to %s, a folder it is in, which would repeat its files without end": "%s 是指向 %s 的链接，而它就在那个文件夹里，文件会无限重复",

	"%s is a link to %s, which cannot be followed: %w": "%s 是指向 %s 的链接，无法打开：%w",

	"%s is already listed in row %d; row skipped": "%s 已在第%d行列出；本行跳过",

	"%s is an old Excel 97–2003 workbook (.xls): open it in Excel or WPS and save it as .xlsx (Excel 工作簿)": "%s 是旧版 Excel 97–2003 工作簿（.xls）：请用 Excel 或 WPS 打开，另存为 .xlsx（Excel 工作簿）",

	"%s is empty": "%s 是空的",

	"%s is missing": "缺少 %s",

	"%s is not a site folder (no site.toml); pass the site folder with --source": "%s 不是网站文件夹（没有 site.toml）；请用 --source 指定网站文件夹",

	"%s is not an absolute path": "%s 不是绝对路径",

	"%s is outside the site folder": "%s 在网站文件夹之外",

	"%s is the build's own marker; no page may have that path": "%s 是构建程序自己的标记文件；页面不能用这个路径",

	"%s not imported: the header is not one the importer knows (see docs/import.md)": "%s 未导入：导入程序不认识这个表头（见 docs/import.md）",

	"%s reads back as %s, but %s were imported": "%s 读回来是%s，但导入的是%s",

	"%s row %d: %s\n": "%s 第%d行：%s\n",

	"%s, %s in %s\n": "%s、%s，涉及 %s\n",

	"%s: %s reads back with %s %q, but %q was imported": "%s：%s 读回来 %s 为 %q，但导入的是 %q",

	"%s: cannot read %q as a year and month": "%s：无法把 %q 读作年月",

	"%s: the site build reads no directory from the file": "%s：网站构建从这个文件读不出成员名录",

	"%v; nothing was written (%s)": "%v；没有写入任何内容（%s）",

	"(the build)": "（构建）",

	") in %s": "），用时 %s",

	", %d unchanged": "，%d 个未变",

	", and %d more unknown keys after it": "，其后还有 %d 个未知设置项",

	", sheet %s": "，工作表 %s",

	"--%s: %s is not a valid value": "--%s：%s 不是有效的值",

	"--sheet is for .xlsx workbooks; %s is read as CSV": "--sheet 只用于 .xlsx 工作簿；%s 是按 CSV 读取的",

	"; %d rows or parts skipped, listed above": "；%d 行或部分被跳过，见上面列出的",

	"; 1 row or part skipped, listed above": "；1 行或部分被跳过，见上面列出的",

	"; held back: %s": "；暂不发布：%s",

	"Builds the site and serves it on this computer for previewing. Saved changes to site.toml, content/, data/, themes/, layouts/ and static/ are built at once and open pages reload by themselves; a build error is shown here and over the page until the file is fixed. The preview is built in a private folder: public/ is not touched. Stop it with Ctrl+C.": "生成网站并在本机上供预览。保存对 site.toml、content/、data/、themes/、layouts/、static/ 的修改后立即重新生成，打开的网页自动刷新；出错时错误显示在这里和网页上，直到文件改好为止。预览生成在单独的文件夹中，不改动 public/。按 Ctrl+C 停止。",

	"Builds the site in the source folder into the destination folder. The previous destination is replaced only when the whole build succeeded.": "把网站文件夹中的内容生成网站，放到目标文件夹。只有整个构建成功，才替换原来的网站。",

	"Commands:": "命令：",

	"Creates content/notices/DATE-NAME.md or content/reports/DATE-NAME.md with today's date, an ASCII NAME spelled from the title in pinyin, and the front matter to fill in, each key explained in a Chinese comment. The new file is a draft (draft = true), so nothing half-written is published; set draft = false when it is ready. An existing file is never replaced.": "新建 content/notices/日期-名称.md 或 content/reports/日期-名称.md：日期为今天，名称是标题的拼音，文件头列出要填写的各项，每项都有中文说明。新文件是草稿（draft = true），没写完的内容不会发布；写好后改为 draft = false。不会覆盖已有的文件。",

	"Example:": "示例：",

	"Examples:": "示例：",

	"Flags:": "选项：",

	"Language:": "语言：",

	"Reads a member list kept in a spreadsheet and writes it as the member directory data/alliances/ID.toml of the site folder. FILE is an .xlsx workbook, or a .csv file in UTF-8 or GBK/GB18030 (the encoding is detected). The header may be the flat one of the site's own downloads (序号, 层级, 区（市）, 角色, 主导园, 园所名称, 现类别, 办园性质, 责任人, 联系电话, 地址, 网址, 加入日期 — any of them, in any order, and common synonyms such as 单位名称 or 手机), or the two-row 主导园 / 联盟园 header of the Zaozhuang 联盟名单. Rows that cannot be read are listed with their row number. An existing file is not replaced without --force; with it, only the members are replaced and the name, governance and comments are kept. Masked numbers (138****1234) from the site's downloads cannot be restored and are left out. Exit status: 0 when the file was written (skipped rows are listed), 1 when nothing was written (no usable row, an unreadable file, the file exists, an I/O error), 2 for a mistake on the command line.": "读取电子表格中的成员名单，写成网站文件夹中的成员名录 data/alliances/ID.toml。文件可以是 .xlsx 工作簿，或 UTF-8、GBK/GB18030 编码的 .csv 文件（自动识别编码）。表头可以是网站下载名单的单行表头（序号、层级、区（市）、角色、主导园、园所名称、现类别、办园性质、责任人、联系电话、地址、网址、加入日期，任选几列、顺序不限，也认单位名称、手机等常见写法），或枣庄联盟名单的两行表头（主导园 / 联盟园）。读不了的行会列出行号。已有的文件不加 --force 不会替换；加 --force 时只替换成员，保留名称、组织机构和注释。网站下载名单中隐去中间位的号码（138****1234）无法还原，不导入。退出码：0 表示已写入（跳过的行会列出），1 表示没有写入（没有可用的行、文件读不了、文件已存在、读写出错），2 表示命令写错了。",

	"Run 'alliance help <command>' for its flags and an example.": "运行 alliance help <命令> 查看该命令的选项和示例。",

	"Runs every check of the build without writing anything and lists all problems at once, grouped by file. Besides the build's errors and warnings it warns about document numbers that do not follow GB/T 9704, links to pages or anchors that do not exist, images without alt text, pinned notices whose deadline has passed, mobile and ID-card numbers written into a text in full, and notices whose publish_date is before their date. Exit status: 0 when there is no error (warnings allowed unless --strict), 1 when there are errors (or warnings with --strict), 2 for a mistake on the command line.": "进行构建的全部检查，但不写入任何文件，按文件一次列出所有问题。除构建的错误和警告外，还提示：不符合 GB/T 9704 的发文字号、指向不存在的页面或锚点的链接、没有替代文字的图片、截止时间已过仍置顶的通知、正文中写全的手机号和身份证号、发布日期早于成文日期的通知。退出码：0 表示没有错误（不加 --strict 时允许有警告），1 表示有错误（加 --strict 时有警告也算），2 表示命令写错了。",

	"UI string %q is missing from the theme's i18n file": "主题的界面文字文件（i18n）中缺少 %q",

	"Usage:": "用法：",

	"Usage: %s\n": "用法：%s\n",

	"`tier` for members whose row has no 层级: 市级, 区（市）级 or 镇（街）级": "没有填层级的成员所用的`层级`：市级、区（市）级或镇（街）级",

	"a blank opened with { is not closed with } in %q (write {{ for a literal brace)": "%q 中以 { 开始的填空没有用 } 结束（要写大括号本身请写 {{）",

	"a key or table header has more than %d dotted parts": "有一个设置项或表头用点分成了 %d 段以上",

	"a member has no name": "有一个成员没有名称",

	"a mobile number (%s) is written into the text in full; the site shows it masked": "正文中写全了手机号（%s）；网站上会隐去中间四位",

	"a notice is published on or after the day it is written (成文日期); correct publish_date or date": "通知应在成文日期当天或之后发布；请改正 publish_date 或 date",

	"a table may have at most %d cells (rows × columns); this one has %d rows of %d columns: split it into several tables": "一个表格最多 %d 个单元格（行数×列数）；这个表格有 %d 行、%d 列：请拆成几个表格",

	"a table may have at most %d rows": "一个表格最多 %d 行",

	"a table needs [[blocks.rows]]": "表格需要 [[blocks.rows]]",

	"a table needs columns = N, the width of its grid, from 1 to %d": "表格需要写 columns = 列数，从 1 到 %d",

	"a time of day without a date": "只有时间没有日期",

	"a } without { in %q (write }} for a literal brace)": "%q 中有 } 但前面没有 {（要写大括号本身请写 }}）",

	"add %s = %s": "请加上 %s = %s",

	"add %s = 2024-04-30 to the front matter": "请在文件头加上 %s = 2024-04-30",

	"add [[blocks]] with the form's paragraphs or table": "请加上 [[blocks]]，写出表格的段落或表格",

	"add a [groups.lead] table with the lead kindergarten's name": "请加上 [groups.lead]，写出主导园的名称",

	"add alt = \"…\" describing the photo for readers who cannot see it": "请加上 alt = \"…\"，为看不见图片的读者描述照片",

	"add alt=\"…\" describing the image": "请加上 alt=\"…\" 描述图片",

	"add name = \"…\"": "请加上 name = \"…\"",

	"add name = \"……幼儿园\"": "请加上 name = \"……幼儿园\"",

	"add name = \"理事会\" (or 秘书处, 领导小组 …)": "请加上 name = \"理事会\"（或秘书处、领导小组……）",

	"add text = \"…\"": "请加上 text = \"…\"",

	"add the layout to the theme or to the site's layouts/": "请把这个版式文件放到主题中或网站的 layouts/ 文件夹",

	"add the theme's UI strings for the site's language": "请为网站的语言添加主题的界面文字",

	"add title = \"…\" with the name of the site": "请加上 title = \"…\"，写网站名称",

	"alliance %s: %s (alliance help %s lists the flags)\n": "alliance %s：%s（alliance help %s 列出全部选项）\n",

	"alliance %s: unexpected argument %q (flags start with --)\n": "alliance %s：多余的参数 %q（选项以 -- 开头）\n",

	"alliance ID %q must be lower-case ASCII letters, digits and hyphens, such as zaozhuang": "联盟 ID %q 只能用小写英文字母、数字和连字符，如 zaozhuang",

	"alliance build [flags]": "alliance build [选项]",

	"alliance check [flags]": "alliance check [选项]",

	"alliance check: --format %q: use text or json\n": "alliance check：--format %q：请用 text 或 json\n",

	"alliance import members FILE --alliance ID [flags]": "alliance import members 文件 --alliance ID [选项]",

	"alliance import members: %s (alliance import -h explains)\n": "alliance import members：%s（alliance import -h 有说明）\n",

	"alliance import members: %s exists; nothing written (pass --force to replace its members and keep its other keys)\n": "alliance import members：%s 已存在；没有写入（加 --force 可替换其中的成员并保留其他设置）\n",

	"alliance import members: %v\n": "alliance import members：%v\n",

	"alliance import members: --alliance %q: use lower-case ASCII letters, digits and hyphens, such as zaozhuang\n": "alliance import members：--alliance %q：请用小写英文字母、数字和连字符，如 zaozhuang\n",

	"alliance import members: --alliance ID is required: the ID names data/alliances/ID.toml and the URL /directories/ID/": "alliance import members：必须写 --alliance ID：ID 决定文件名 data/alliances/ID.toml 和网址 /directories/ID/",

	"alliance import members: name one file to import, such as: alliance import members 联盟名单.xlsx --alliance zaozhuang": "alliance import members：请写一个要导入的文件，如：alliance import members 联盟名单.xlsx --alliance zaozhuang",

	"alliance import members: no row could be read as a member; nothing written": "alliance import members：没有一行能读成成员；没有写入",

	"alliance import: say what to import: alliance import members FILE --alliance ID (alliance import -h explains)": "alliance import：请说明导入什么：alliance import members 文件 --alliance ID（alliance import -h 有说明）",

	"alliance new notice|report \"标题\" [flags]": "alliance new notice|report \"标题\" [选项]",

	"alliance new: --date %q: write it as 2024-04-30\n": "alliance new：--date %q：请写作 2024-04-30\n",

	"alliance new: say what to create and its title, such as: alliance new notice \"关于召开联盟年会的通知\"": "alliance new：请写明新建什么和标题，如：alliance new notice \"关于召开联盟年会的通知\"",

	"alliance new: the title is empty": "alliance new：标题是空的",

	"alliance new: unknown kind %q: use notice or report\n": "alliance new：不认识 %q：请用 notice（通知）或 report（报道）\n",

	"alliance serve [flags]": "alliance serve [选项]",

	"alliance serve: %v\n": "alliance serve：%v\n",

	"alliance serve: --port %d is not a port number (0 to 65535)\n": "alliance serve：--port %d 不是端口号（0 到 65535）\n",

	"alliance serve: cannot listen on %s port %d: %v (choose another --port, or 0 for any free one)\n": "alliance serve：无法在 %s 的 %d 端口监听：%v（请换一个 --port，或用 0 自动选空闲端口）\n",

	"alliance turns a secretariat's notices, reports, member directories and application templates into a static website.": "alliance 把联盟秘书处的通知、报道、成员名录和申请模板生成静态网站。",

	"alliance: --lang %q: use zh (Chinese) or en (English)\n": "alliance：--lang %q：请用 zh（中文）或 en（英文）\n",

	"alliance: unknown command %q\n\n": "alliance：没有 %q 这个命令\n\n",

	"also build pages marked draft = true": "草稿（draft = true）也生成",

	"also build pages whose expiry_date has passed": "已过下线日期（expiry_date）的页面也生成",

	"also build pages whose publish_date is still to come": "未到发布日期（publish_date）的页面也生成",

	"also check pages marked draft = true": "草稿（draft = true）也检查",

	"also check pages whose expiry_date has passed": "已过下线日期（expiry_date）的页面也检查",

	"also check pages whose publish_date is still to come": "未到发布日期（publish_date）的页面也检查",

	"also show pages marked draft = true": "草稿（draft = true）也显示",

	"also show pages whose expiry_date has passed": "已过下线日期（expiry_date）的页面也显示",

	"also show pages whose publish_date is still to come": "未到发布日期（publish_date）的页面也显示",

	"an <img> has no alt text for readers who cannot see it": "有一个 <img> 图片没有替代文字，看不见图片的读者无从了解",

	"an ID-card number (%s) is written into the text": "正文中写了身份证号（%s）",

	"asset %q is not in the theme's or the site's static/ folder": "主题和网站的 static/ 文件夹中都没有 %q",

	"attachment %d has %d targets": "第 %d 个附件指定了 %d 个来源",

	"attachment file %q does not exist": "附件文件 %q 不存在",

	"attachment file %q is outside the notice's folder": "附件文件 %q 不在通知的文件夹中",

	"attachment file %q: %v": "附件文件 %q：%v",

	"attachment: no application template %q": "附件：没有名为 %q 的申请模板",

	"attachment: no member directory %q": "附件：没有名为 %q 的成员名录",

	"base_url %q has no host name, so QR codes, the feed and the sitemap cannot carry addresses a phone or reader can open": "base_url %q 没有域名，二维码、订阅和网站地图里的网址在手机上打不开",

	"base_url: %v": "base_url：%v",

	"blank {%s}: the width after : must be a number of characters from 1 to 60": "填空 {%s}：冒号后的宽度须是 1 到 60 的字数",

	"block %d (%s) has no text": "第 %d 块（%s）没有文字",

	"block %d: %v": "第 %d 块：%v",

	"build failed: %d errors; the previous site was left as it was\n": "构建失败：%d 个错误；原来的网站保持不变\n",

	"build failed: %v\n": "构建失败：%v\n",

	"build failed: %v\nthe previous site was left as it was\n": "构建失败：%v\n原来的网站保持不变\n",

	"build failed: 1 error; the previous site was left as it was": "构建失败：1 个错误；原来的网站保持不变",

	"build the site and serve it locally, rebuilding on every change": "生成网站并在本机预览，改动后自动重新生成",

	"build the site into the destination folder (public/)": "生成网站，放到目标文件夹（public/）",

	"builds the site with its drafts into the folder preview, leaving public/ as it was": "连同草稿生成网站，放到 preview 文件夹，public/ 不变",

	"built %s, %s, %s, %s, %s, %s: %s, %s (%s": "已生成 %s、%s、%s、%s、%s、%s：%s，%s（%s",

	"cached %q: at most %d keys, not %d": "cached %q：最多 %d 个键，不能是 %d 个",

	"cached %q: key %d is a %T, which cannot tell outputs apart; pass a pointer, string or number": "cached %q：第 %d 个键是 %T，无法区分输出；请传指针、字符串或数字",

	"cached %q: layouts are executed only by Render": "cached %q：版式只能由 Render 执行",

	"cannot convert Markdown: %v": "无法转换 Markdown：%v",

	"cannot decode UTF-16: %v": "无法解码 UTF-16：%v",

	"cannot minify: %v": "无法压缩：%v",

	"cannot move the new site into place: %w": "无法把新网站移到位：%w",

	"cannot move the previous site aside: %w": "无法移开原来的网站：%w",

	"cannot open the site folder: %v": "无法打开网站文件夹：%v",

	"cannot read %q as a URL": "无法把 %q 读作网址",

	"cannot read %q as a date": "无法把 %q 读作日期",

	"cannot read %v as a date": "无法把 %v 读作日期",

	"cannot read UI strings: %v": "无法读取界面文字：%v",

	"cannot read it as an .xlsx workbook (%v); save it from Excel or WPS as .xlsx or CSV": "无法作为 .xlsx 工作簿读取（%v）；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",

	"cannot read layout: %v": "无法读取版式：%v",

	"cannot read the workbook (%v); open it in Excel or WPS and save it again": "无法读取工作簿（%v）；请在 Excel 或 WPS 中打开后重新保存",

	"cannot read: %v": "无法读取：%v",

	"check the TOML syntax": "请检查 TOML 写法",

	"check the TOML syntax: strings in double quotes, one key = value per line": "请检查 TOML 写法：文字放在英文双引号中，每行一个 键 = 值",

	"check the TOML syntax: text in double quotes, dates as 2024-04-30, lists in [ ]": "请检查 TOML 写法：文字放在英文双引号 \"\" 中，日期写作 2024-04-30，列表放在 [ ] 中",

	"check the layout against the page it renders": "请对照它生成的页面检查版式",

	"check the site without writing anything; exit 1 on errors": "检查网站，不写入任何文件；有错误时退出码为 1",

	"check the spelling; README.md lists every key": "请检查拼写；README.md 列出了所有设置项",

	"checks the site with its drafts and exits with 1 on any error or warning": "连同草稿检查网站，有任何错误或警告时退出码为 1",

	"copy the file into the site folder instead of linking to it, or remove the link": "请把文件复制到网站文件夹中，不要用链接，或删去这个链接",

	"copy the folder into the site folder instead of linking to it, or remove the link": "请把文件夹复制到网站文件夹中，不要用链接，或删去这个链接",

	"correct the link; site pages are linked as /notices/NAME/ and headings as #anchor": "请改正链接；网站页面写作 /notices/名称/，小标题写作 #锚点",

	"create a notice or report with today's date, as a draft": "新建一篇通知或报道（今天的日期，草稿）",

	"create data/alliances/%s.toml or use one of: %s": "请新建 data/alliances/%s.toml，或使用已有的：%s",

	"create data/templates/%s.toml or use one of: %s": "请新建 data/templates/%s.toml，或使用已有的：%s",

	"create site.toml with at least title and base_url, or pass --source with the site folder": "请新建 site.toml，至少写 title 和 base_url；或用 --source 指定网站文件夹",

	"created %s (a draft: fill in the front matter, write the text, then set draft = false)\n": "已新建 %s（草稿：填好文件头、写好正文后，把 draft 改为 false）\n",

	"creates content/notices/2024-04-30-zhao-kai-lian-meng-nian-hui.md (with today's date) to fill in": "新建 content/notices/2024-04-30-zhao-kai-lian-meng-nian-hui.md（日期为今天），供填写",

	"describe the image between the brackets: ![联盟授牌仪式现场](photo.jpg)": "请在方括号中描述图片：![联盟授牌仪式现场](photo.jpg)",

	"destination %s already holds files that alliance did not write (no %s in it); choose an empty or new --destination, or remove the folder yourself": "目标文件夹 %s 中已有不是 alliance 写的文件（其中没有 %s）；请用空的或新的 --destination，或自己删掉这个文件夹",

	"destination %s holds the site folder %s; choose a destination such as %s": "目标文件夹 %s 包含网站文件夹 %s；请另选目标文件夹，如 %s",

	"destination %s is a file, not a folder; choose another --destination": "目标 %s 是文件，不是文件夹；请另选 --destination",

	"destination %s is inside the site's %s/ folder; choose a destination such as %s": "目标文件夹 %s 在网站的 %s/ 文件夹里；请另选目标文件夹，如 %s",

	"dict key %v is not a string": "dict 的键 %v 不是字符串",

	"dict needs pairs of key and value": "dict 需要成对的键和值",

	"disclosure: unknown option %q": "disclosure：没有 %q 这种公开方式",

	"doc_number %q %s": "发文字号 doc_number %q %s",

	"doc_number %q uses [] or () around the year": "发文字号 doc_number %q 的年份用了 [] 或 ()",

	"does not end in 号 (or 號)": "结尾没有“号”",

	"does not put the year in the six-sided brackets 〔〕 (not ﹝﹞, 「」 or 〖〗)": "年份没有用六角括号〔〕（不是﹝﹞、「」或〖〗）",

	"does not write the year in full with four digits": "年份没有写全四位数字",

	"dry run: would write %s\n": "试运行：将写入 %s\n",

	"each [[menu]] needs name = \"…\" and url = \"/…/\"": "每个 [[menu]] 都要写 name = \"…\" 和 url = \"/…/\"",

	"error": "错误",

	"error: ": "错误：",

	"event end %s is before start %s": "活动结束日期 %s 早于开始日期 %s",

	"every theme needs base.html": "每个主题都需要 base.html",

	"explain a command": "说明一个命令",

	"fail (exit status 1) on warnings too": "有警告也算失败（退出码 1）",

	"feed: %w": "订阅：%w",

	"file name %q cannot be used in a URL": "文件名 %q 不能用在网址中",

	"fix the syntax error": "请改正语法错误",

	"fix the template syntax": "请改正版式模板的语法",

	"flat layout": "单行表头",

	"flat layout, grouped by 角色 and 主导园": "单行表头，按角色和主导园分组",

	"folder has no index.md and is ignored": "文件夹中没有 index.md，已忽略",

	"founded: %v": "founded（成立日期）：%v",

	"front matter must be TOML between +++ lines, not YAML between --- lines": "文件头须是写在两行 +++ 之间的 TOML，不是写在 --- 之间的 YAML",

	"give exactly one of file = \"…\", directory = \"…\" or template = \"…\"": "file = \"…\"、directory = \"…\"、template = \"…\" 三者只写一个",

	"give file = \"photo.jpg\", a file in the report's folder": "请写 file = \"photo.jpg\"，照片放在报道的文件夹中",

	"give it a path inside the site": "请给它网站内的路径",

	"give it another file name or slug": "请改用别的文件名或 slug",

	"give one of them another file name or slug": "请给其中一个改用别的文件名或 slug",

	"governing body %d has no name": "第 %d 个组织机构没有名称",

	"group %d has no lead kindergarten (主导园)": "第 %d 组没有主导园",

	"grouped layout, 主导园 and 联盟园 side by side": "分组表头，主导园与联盟园并列",

	"has no issuer's code (机关代字) before the year": "年份前没有机关代字",

	"has no serial number after the year": "年份后没有序号",

	"has no year and serial number": "没有年份和序号",

	"has something other than digits in its serial number": "序号中有数字以外的字符",

	"image %s has no alt text for readers who cannot see it": "图片 %s 没有替代文字，看不见图片的读者无从了解",

	"import a member list (.xlsx, .csv) into data/alliances/ID.toml": "把成员名单（.xlsx、.csv）导入 data/alliances/ID.toml",

	"invalid TOML: %s": "TOML 写法有误：%s",

	"invalid TOML: %s is written twice; keep one of them": "TOML 写法有误：%s 写了两次，只留一处",

	"invalid TOML: a text in quotes is not closed on its line; add the closing quote, or write a long text between \"\"\" and \"\"\"": "TOML 写法有误：引号里的文字没有在本行结束；补上后引号，长文字可写在 \"\"\" 和 \"\"\" 之间",

	"invalid TOML: a long text opened with %s is not closed; close it with the same three quotes": "TOML 写法有误：以 %s 开头的长文字没有结束，请用同样的三个引号收尾",

	"invalid TOML: a backslash in double quotes starts an escape (%s); write / instead, or put the text in single quotes": "TOML 写法有误：双引号里的反斜杠会被当作转义（%s）；请改用 /，或把文字放在单引号里",

	"invalid TOML: %s is not a date; write a date as 2024-04-30, or a date and time as 2024-04-30T17:00:00": "TOML 写法有误：%s 不是日期；日期写作 2024-04-30，日期和时间写作 2024-04-30T17:00:00",

	"invalid TOML: something follows the value on this line (%s); write one key = value per line, with a text in one pair of double quotes": "TOML 写法有误：这一行的值后面还有内容（%s）；每行只写一个 键 = 值，文字放在一对双引号里",

	"invalid TOML: the = between the key and its value is missing (found %s)": "TOML 写法有误：键和值之间缺少 =（遇到 %s）",

	"invalid TOML: the key before = is missing": "TOML 写法有误：= 前面缺少键名",

	"invalid TOML: the value is missing or not written as TOML (%s); write a text in double quotes, a date as 2024-04-30, a number, or true or false": "TOML 写法有误：缺少值，或值的写法不对（%s）；文字放在双引号里，日期写作 2024-04-30，数字直接写，是否写 true 或 false",

	"invalid TOML: the value after = is missing": "TOML 写法有误：= 后面缺少值",

	"invalid TOML: the items of a list are separated by commas and the list ends with ] (found %s)": "TOML 写法有误：列表各项之间用英文逗号隔开，并以 ] 结束（遇到 %s）",

	"invalid TOML: a table in { } is written on one line, its keys separated by commas and closed by } (found %s)": "TOML 写法有误：{ } 里的表要写在一行里，各键之间用英文逗号隔开，以 } 结束（遇到 %s）",

	"invalid TOML: a table in { } is written on one line, its keys separated by commas and closed by }": "TOML 写法有误：{ } 里的表要写在一行里，各键之间用英文逗号隔开，以 } 结束",

	"invalid TOML: a table's name ends with ] on its own line, such as [contact] or [[attachments]] (found %s)": "TOML 写法有误：表名要在本行以 ] 结束，如 [contact] 或 [[attachments]]（遇到 %s）",

	"invalid TOML: the text holds an invisible control character (%s); delete it, or type the line again": "TOML 写法有误：文字中有看不见的控制字符（%s）；请删除，或重新输入这一行",

	"invalid TOML: the file is not saved as UTF-8; save it again in UTF-8": "TOML 写法有误：文件不是以 UTF-8 保存的；请另存为 UTF-8",

	"invalid TOML: %s is a list: write it in [ ], such as %s = [\"…\", \"…\"]": "TOML 写法有误：%s 是列表，要写在 [ ] 里，如 %s = [\"…\", \"…\"]",

	"invalid TOML: %s is a list of tables: write [[%s]] on a line of its own before each one, and its keys under it": "TOML 写法有误：%s 是若干个表，每个表前单独一行写 [[%s]]，下面写它的键",

	"invalid TOML: %s is true or false, without quotes, such as %s = true": "TOML 写法有误：%s 只能写 true 或 false，不加引号，如 %s = true",

	"invalid TOML: %s is a text in double quotes, such as %s = \"…\"": "TOML 写法有误：%s 是文字，要放在双引号里，如 %s = \"…\"",

	"invalid TOML: %s is a number without quotes, such as %s = 120": "TOML 写法有误：%s 是数字，不加引号，如 %s = 120",

	"invalid TOML: %s is a table: put [%s] on a line of its own, and its keys under it, one key = value per line": "TOML 写法有误：%s 是表：单独一行写 [%s]，下面每行写一个 键 = 值",

	"the end of the line": "行尾",

	"invalid UI strings: %s": "界面文字有误：%s",

	"it is outside the site folder %s": "它在网站文件夹 %s 之外",

	"it was read as GB18030; convert it for good with: iconv -f GB18030 -t UTF-8 %s -o %s.utf8 && mv %s.utf8 %s, or save it as UTF-8 in your editor": "已按 GB18030 读取；请彻底转换：iconv -f GB18030 -t UTF-8 %s -o %s.utf8 && mv %s.utf8 %s，或在编辑器中另存为 UTF-8",

	"it would be published as /%s, which is also %s": "它将发布为 /%s，而这也是 %s",

	"it would be published inside /%s/, but /%s is a file: %s": "它将发布在 /%s/ 中，但 /%s 是文件：%s",

	"its folder %s is a link to %s": "它的文件夹 %s 是指向 %s 的链接",

	"keep only the settings in it; README.md lists them": "其中只保留设置项；README.md 列出了它们",

	"layout %s.html is missing": "缺少版式 %s.html",

	"layout base.html is missing": "缺少版式 base.html",

	"leave layouts, pages, CSS and JS as written, without minifying": "版式、页面、CSS 和 JS 保持原样，不压缩",

	"line %d: %s (%s)": "第%d行：%s（%s）",

	"link %s: %s": "链接 %s：%s",

	"make the file readable": "请让这个文件可以读取",

	"member %s joined: %v": "成员 %s 的加入日期：%v",

	"member %s: id %q cannot be used as an anchor": "成员 %s：id %q 不能用作锚点",

	"member %s: website %q is not a web address": "成员 %s：网址 %q 不是有效网址",

	"menu %q: %s": "菜单 %q：%s",

	"menu item %d has no name or url": "第 %d 个菜单项没有 name 或 url",

	"minify %s: %w": "压缩 %s：%w",

	"neither UTF-8 nor GBK/GB18030 (%v); save it as \"CSV UTF-8\"": "既不是 UTF-8 也不是 GBK/GB18030（%v）；请另存为“CSV UTF-8”",

	"no header row in the first 20 rows: the list needs a column headed 园所名称 (or 单位名称, 幼儿园名称) and another such as 区（市） or 联系电话, or the two-row 主导园 / 联盟园 header of the Zaozhuang 联盟名单": "前 20 行中没有表头：名单需要一列标题为园所名称（或单位名称、幼儿园名称），另有一列如区（市）或联系电话；或者用枣庄联盟名单的两行表头（主导园 / 联盟园）",

	"no layout %s.html": "没有版式 %s.html",

	"no problems found": "没有发现问题",

	"no site.toml in %s": "%s 中没有 site.toml",

	"no worksheet %q; the workbook has %s": "没有工作表 %q；工作簿中有 %s",

	"no 主导园 名称, and no 主导园 above it to continue; row skipped": "没有主导园名称，上面也没有可接续的主导园；本行跳过",

	"no 园所名称 (name of the kindergarten); row skipped": "没有园所名称；本行跳过",

	"not a readable CSV file: %v": "不是可读的 CSV 文件：%v",

	"nothing was written to %s: %w": "%s 没有写入：%w",

	"pads its serial number with zeros (write 5号, not 05号)": "序号前补了 0（写 5号，不写 05号）",

	"phone has unknown key %q (use number and public)": "phone 中有未知的项 %q（只能用 number 和 public）",

	"phone must be a string like \"13800001234\" or a table like { number = \"0632-3317000\", public = true }": "phone 须写成 \"13800001234\" 这样的文字，或 { number = \"0632-3317000\", public = true } 这样的表",

	"phone number must be a string in quotes, like \"13800001234\"": "phone 的 number 须写在英文双引号中，如 \"13800001234\"",

	"phone public must be true or false": "phone 的 public 须是 true 或 false",

	"photo %d has no file in the report's folder": "第 %d 张照片在报道的文件夹中没有文件",

	"photo %q has neither alt text nor caption": "照片 %q 既没有替代文字也没有说明",

	"photo file %q does not exist": "照片文件 %q 不存在",

	"photo file %q: %v": "照片文件 %q：%v",

	"point the menu at a page the site has, such as /notices/": "请让菜单指向网站中有的页面，如 /notices/",

	"publish_date %s is before date %s": "发布日期 publish_date %s 早于成文日期 date %s",

	"publish_disclosure: unknown option %q": "publish_disclosure：没有 %q 这种公开方式",

	"put contact numbers in [contact] (phone = \"…\"), or write an office line instead of a personal mobile": "联系电话请写在 [contact] 中（phone = \"…\"），或写办公电话而不是个人手机",

	"put the file in %s/ or correct the name": "请把文件放到 %s/ 中，或改正文件名",

	"put the file in the notice's folder and give its name only": "请把文件放在通知的文件夹中，只写文件名",

	"put the photo in %s/ or correct the name": "请把照片放到 %s/ 中，或改正文件名",

	"put the text in %s": "请把正文写在 %s 中",

	"put the theme in themes/%s/ or set theme to an existing one": "请把主题放到 themes/%s/，或把 theme 改为已有的主题",

	"read %s (%s; %s): %s, %s\n": "已读取 %s（%s；%s）：%s，%s\n",

	"read the file and report, write nothing": "只读取并报告，不写入",

	"reads the first sheet of 联盟名单.xlsx and writes data/alliances/zaozhuang.toml": "读取 联盟名单.xlsx 的第一个工作表，写入 data/alliances/zaozhuang.toml",

	"refusing to copy %s: %w": "不复制 %s：%w",

	"refusing to copy %s: it changed while being copied": "不复制 %s：复制过程中它被改动了",

	"refusing to copy %s: it is a link to %s": "不复制 %s：它是指向 %s 的链接",

	"refusing to copy %s: it is not a regular file": "不复制 %s：它不是普通文件",

	"refusing to write %q outside the destination": "不在目标文件夹之外写入 %q",

	"refusing to write %q outside the site": "不在网站之外写入 %q",

	"remove the ID-card number from the text; the site shows it masked, but it stays in the source": "请从正文中删去身份证号；网站上虽然隐去了部分数字，源文件中仍有全号",

	"rename it": "请改名",

	"rename one of them so that no file takes the name of a folder": "请给其中一个改名，不要让文件和文件夹同名",

	"rename one of them, or give it another slug": "请给其中一个改名，或改用别的 slug",

	"rename one of them: one would overwrite the other on a computer that does not tell upper and lower case apart": "请给其中一个改名：在不区分大小写的电脑上，一个会覆盖另一个",

	"rename the file with lower-case letters, digits and hyphens, such as zaozhuang.toml": "请用小写英文字母、数字和连字符给文件改名，如 zaozhuang.toml",

	"rendering %s (column %s): %s": "生成 %s（第 %s 列）：%s",

	"rendering %s with %s.html: %w": "用 %[2]s.html 生成 %[1]s：%[3]w",

	"replace the members of an existing file, keeping its name, governance and comments": "替换已有文件中的成员，保留名称、组织机构和注释",

	"row %d fills %d of the %d columns; add cells or widen one with colspan": "第 %d 行占了 %d 列，表格共 %d 列；请加单元格或用 colspan 加宽",

	"row %d, cell %d (%s) overlaps a cell merged from a row above": "第 %d 行第 %d 格（%s）与上面合并下来的单元格重叠",

	"row %d, cell %d (%s) runs past the %d columns of the table; check colspan and the cells merged from rows above": "第 %d 行第 %d 格（%s）超出了表格的 %d 列；请检查 colspan 和上面合并下来的单元格",

	"row %d, cell %d (%s) spans %d rows but the table ends first": "第 %d 行第 %d 格（%s）跨 %d 行，但表格先结束了",

	"row %d, cell %d (%s): rowspan and colspan count rows and columns, from 1 (leave them out for 1); this cell has rowspan = %d, colspan = %d": "第 %d 行第 %d 格（%s）：rowspan 和 colspan 是跨的行数和列数，从 1 起（为 1 时不写）；这一格是 rowspan = %d，colspan = %d",

	"row %d, cell %d (%s): rowspan must be at most %d and lines from 0 to %d": "第 %d 行第 %d 格（%s）：rowspan 最多为 %d，lines 为 0 到 %d",

	"row %d, cell %d has both label and blank; give one": "第 %d 行第 %d 格同时有 label 和 blank；只写一个",

	"save the file as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)": "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码 UTF-8）",

	"scheme %q is not http or https": "%q 不是 http 或 https",

	"search index: %w": "搜索索引：%w",

	"see README.md for the keys site.toml accepts": "site.toml 可用的设置项见 README.md",

	"see “Application templates” in README.md": "见 README.md 的“Application templates（申请模板）”一节",

	"serving the site at http://%s%s (Ctrl+C to stop)\n": "网站预览地址 http://%s%s（按 Ctrl+C 停止）\n",

	"set base_url = \"https://example.org/\" in site.toml, or pass --base-url": "请在 site.toml 中写 base_url = \"https://example.org/\"，或用 --base-url",

	"set pinned = false so that open calls lead the home page": "请改为 pinned = false，让仍在进行的通知排在首页前面",

	"sheet %s: %v": "工作表 %s：%v",

	"shorten it: long text belongs in the body of a page, many records in several files": "请缩短：长文字应写在正文中，大量记录应分成几个文件",

	"shorten it: the keys of a site have one or two parts, such as title or blocks.rows": "请缩短：网站的设置项只有一两段，如 title 或 blocks.rows",

	"show landlines (0632-3317000) and 400/800 numbers in full; mobiles stay masked": "固定电话（0632-3317000）和 400/800 号码显示全号；手机号仍隐去中间四位",

	"shows the site with its drafts at http://127.0.0.1:1313/ and reloads a page when its file is saved": "在 http://127.0.0.1:1313/ 连同草稿显示网站，保存文件后网页自动刷新",

	"sitemap: %w": "网站地图：%w",

	"slug %q is not a plain ASCII name": "slug %q 不是纯英文字母数字的名称",

	"speaker %d has no name": "第 %d 位发言嘉宾没有姓名",

	"split the form into several templates": "请把表格拆成几个模板",

	"start the address with https:// or http://": "网址请以 https:// 或 http:// 开头",

	"start the file with +++, then title = \"…\" and date = 2024-04-30, then +++": "文件开头请写一行 +++，然后写 title = \"…\" 和 date = 2024-04-30，再写一行 +++",

	"stopped": "已停止",

	"submission deadline: %v": "报送截止时间：%v",

	"tables and arrays are nested more than %d levels deep": "表和列表嵌套超过了 %d 层",

	"template downloads: %w": "模板下载：%w",

	"`text` for people, or json for programs": "`text` 供人阅读，json 供程序读取",

	"the TOML text is %s, more than the %s allowed here": "TOML 文字有 %s，超过了这里允许的 %s",

	"the `address` the site is served from, overriding base_url in site.toml": "网站的`网址`，代替 site.toml 中的 base_url",

	"the `address` to listen on; 0.0.0.0 lets other computers on the network see the preview": "监听的`地址`；0.0.0.0 让网络中的其他电脑也能看到预览",

	"the alliance's `name` (联盟名称) for a new file; default the ID": "新文件的`联盟名称`；默认用 ID",

	"the block has more than %d blanks; split it into several blocks": "这一块的填空超过 %d 个；请拆成几块",

	"the `date` to write instead of today, as 2024-04-30": "代替今天的`日期`，写作 2024-04-30",

	"the directory has both groups and members": "名录中同时有 groups 和 members",

	"the directory's `ID`: writes data/alliances/ID.toml (required; a-z, 0-9, -)": "名录的 `ID`：写入 data/alliances/ID.toml（必填；a-z、0-9、-）",

	"the event's end must not be before its start": "活动结束日期不能早于开始日期",

	"the existing %s is %s, more than the %s a data file may have; move it away and run again": "已有的 %s 有 %s，超过数据文件允许的 %s；请移走后再运行",

	"the existing file is not UTF-8; convert it (iconv -f GB18030 -t UTF-8) and run again": "已有的文件不是 UTF-8；请转换（iconv -f GB18030 -t UTF-8）后再运行",

	"the existing file is not valid TOML (%v); fix it or move it away and run again": "已有的文件 TOML 写法有误（%v）；请改正或移走后再运行",

	"the existing file lists members in a form the importer cannot replace (groups = [...] or members = [...]); write them as [[groups]] or [[members]] tables, or move the file away": "已有的文件列成员的写法导入程序无法替换（groups = [...] 或 members = [...]）；请改为 [[groups]] 或 [[members]] 表，或把文件移走",

	"the file does not start with a +++ line opening the TOML front matter": "文件开头不是一行 +++（文件头以 +++ 开始）",

	"the file is %s, more than the %s allowed": "文件有 %s，超过了允许的 %s",

	"the file is not UTF-8 but GBK/GB18030, as Windows editors save it": "文件不是 UTF-8 编码，而是 Windows 编辑器保存的 GBK/GB18030 编码",

	"the file is not UTF-8 text": "文件不是 UTF-8 编码的文字",

	"the front matter is not closed: add a line with +++ after it": "文件头没有结束：请在它后面加一行 +++",

	"the notice is pinned but its deadline passed on %s": "通知仍置顶，但截止时间 %s 已过",

	"the `port` to listen on; 0 picks a free one": "监听的`端口`；0 表示自动选空闲端口",

	"the same text %q fills the whole row, as in a merged title or note; row skipped": "整行都是同样的文字 %q（像合并的标题或备注）；本行跳过",

	"the site `folder` (holds site.toml)": "网站`文件夹`（其中有 site.toml）",

	"the site build would reject the file:\n%w": "网站构建会拒绝这个文件：\n%w",

	"the site `folder`, which holds site.toml": "网站`文件夹`，其中有 site.toml",

	"the template has %d blocks; at most %d are allowed": "模板有 %d 块；最多允许 %d 块",

	"the template has more than %d blanks; split it into several templates": "模板的填空超过 %d 个；请拆成几个模板",

	"the template has no blocks": "模板中没有内容块",

	"the workbook has no worksheet": "工作簿中没有工作表",

	"the worksheet of an .xlsx file, by `name` or number; default the first": ".xlsx 文件的工作表，写`名称`或序号；默认第一个",

	"the 所属联盟 column names %d alliances (%s): import one alliance at a time, from its own file (directories/ID/ID.xlsx) or one sheet of all.xlsx with --sheet": "所属联盟一列有 %d 个联盟（%s）：请一次导入一个联盟，用它自己的文件（directories/ID/ID.xlsx），或用 --sheet 选 all.xlsx 的一个工作表",

	"theme %q not found": "找不到主题 %q",

	"theme %q: %v": "主题 %q：%v",

	"this is a link to %s, outside the site folder": "这是指向 %s 的链接，在网站文件夹之外",

	"tier %q is not one of %s, %s, %s": "层级 %q 不是 %s、%s、%s 之一",

	"timezone: unknown zone %q": "timezone：没有 %q 这个时区",

	"title is missing": "缺少标题 title",

	"too many files named %s-N.md in %s": "%[2]s 中名为 %[1]s-N.md 的文件太多",

	"two outputs want the same file %s%s: one %s and one %s": "两个输出要写同一个文件 %s%s：一个%s，一个%s",

	"two outputs want the same file on Windows and macOS, whose file names ignore upper and lower case%s: %s, %s, and %s, %s": "在不区分大小写的 Windows 和 macOS 上，两个输出要写同一个文件%s：%s（%s）和 %s（%s）",

	"unknown block type %q; use heading, paragraph, signature, closing, fields or table": "没有 %q 这种块；请用 heading、paragraph、signature、closing、fields 或 table",

	"unknown key %q is ignored%s": "未知的设置项 %q 被忽略%s",

	"unknown tier %q": "没有 %q 这个层级",

	"updating %s: %w; the previous site was put back": "更新 %s：%w；已恢复原来的网站",

	"use %s": "请用 %s",

	"use an IANA name such as \"Asia/Shanghai\"": "请用 IANA 时区名，如 \"Asia/Shanghai\"",

	"use either [[groups]] (主导园 with 联盟园) or a flat [[members]] list": "请用 [[groups]]（主导园带联盟园）或 [[members]] 列表，二者选一",

	"use letters, digits and hyphens": "请用字母、数字和连字符",

	"use lower-case letters, digits and hyphens, such as slug = \"hunan-invitation-2024\"": "请用小写英文字母、数字和连字符，如 slug = \"hunan-invitation-2024\"",

	"use one of %s": "请用以下之一：%s",

	"value": "值",

	"warning": "警告",

	"warning: ": "警告：",

	"warning: listening on every network interface (--bind %s): other computers can read the preview\n": "警告：在所有网络接口上监听（--bind %s）：其他电脑也能看到预览\n",

	"watching %s: %w": "监视 %s：%w",

	"the `folder` to write the site into (default: public/ in the site folder)": "网站写到哪个`文件夹`（默认：网站文件夹中的 public/）",

	"widths has %d entries for %d columns": "widths 有 %d 项，但表格有 %d 列",

	"widths: column %d has width %d; each width is a relative size from 1 to %d, such as widths = [2, 3, 1]": "widths：第 %d 列宽度为 %d；每列宽度是 1 到 %d 的相对大小，如 widths = [2, 3, 1]",

	"write a date as 2024-04-30, or a date and time as 2023-12-31T17:00:00+08:00": "日期写作 2024-04-30，日期加时间写作 2023-12-31T17:00:00+08:00",

	"write it as 机关代字〔年份〕序号号, such as 枣教字〔2021〕10号": "请写作 机关代字〔年份〕序号号，如 枣教字〔2021〕10号",

	"write it like base_url = \"https://example.org/alliance/\"": "请写成 base_url = \"https://example.org/alliance/\" 这样",

	"write it like https://example.org/alliance/": "请写成 https://example.org/alliance/ 这样",

	"write the data flatter: each { }, [ ] and dotted key part counts as a level, and a site's files need no more than five": "请减少嵌套：每个 { }、[ ] 和设置项中的每一段都算一层，网站的文件最多需要五层",

	"write the month as \"2021-03\"": "月份请写作 \"2021-03\"",

	"write the year in 〔〕 as GB/T 9704 requires, such as 枣教字〔2021〕10号": "按 GB/T 9704 的要求，年份用六角括号〔〕，如 枣教字〔2021〕10号",

	"wrote %s: %s": "已写入 %s：%s",

	"主导园 %s is already listed in row %d; row skipped": "主导园 %s 已在第%d行列出；本行跳过",

	"主导园 %s of 联盟园 %s is not listed in a row of its own with 角色 %s; row skipped": "联盟园 %[2]s 的主导园 %[1]s 没有单独一行、角色为 %[3]s；本行跳过",

	"主导园 has no 园所名称; its other cells are read as those of %s above": "主导园没有园所名称；其他单元格按上面的 %s 读取",

	"加入日期 %q is not a date such as 2021-03-16; left empty": "加入日期 %q 不是 2021-03-16 这样的日期；留空",

	"层级 %q is not %s, %s or %s; left empty": "层级 %q 不是 %s、%s 或 %s；留空",

	"网址 %q is not a web address such as https://example.org/; left out": "网址 %q 不是 https://example.org/ 这样的网址；不导入",

	"联盟园 %s is its own 主导园; 联盟园 skipped": "联盟园 %s 是它自己的主导园；该联盟园跳过",

	"联盟园 %s names no 主导园, and none is listed above it; row skipped": "联盟园 %s 没有写主导园，上面也没有主导园；本行跳过",

	"联盟园 %s of %s is already listed in row %d; row skipped": "%[2]s 的联盟园 %[1]s 已在第%[3]d行列出；本行跳过",

	"联盟园 %s of %s is already listed in row %d; 联盟园 skipped": "%[2]s 的联盟园 %[1]s 已在第%[3]d行列出；该联盟园跳过",

	"联盟园 has no 园所名称; only the 主导园 %s was read": "联盟园没有园所名称；只读取了主导园 %s",

	"角色 %q is neither %s nor %s; row skipped": "角色 %q 既不是 %s 也不是 %s；本行跳过",

	"flag provided but not defined:": "没有这个选项：",

	"flag needs an argument:": "选项缺少值：",

	"bad flag syntax:": "选项写法有误：",

	": ": "：",

	", ": "、",

	"; ": "；",

	" (%s)": "（%s）",

	"made by the build itself": "由构建程序生成",

	"made from %s": "由 %s 生成",

	" and %d more files": "及其他 %d 个文件",

	" (and %d more)": "（另有 %d 个）",

	"README.md lists every key; keys of your own, for a custom layout, go under a [params] table": "请检查拼写，README.md 列出了所有设置项；自定义版式用的自己的设置项请放在 [params] 表下",

	"TOML joins them with an English equals sign: write title = \"…\", not title：\"…\"": "请改为英文等号 =：写作 title = \"…\"，不要写 title：\"…\"",

	"change them to English double quotes \"…\": switch the input method to English (or press Shift) before typing them": "请改为英文双引号 \"…\"，输入引号前先切换到英文输入法",

	"keys are English words; README.md lists them, and keys of your own for a custom layout go under [params]": "设置项名要用英文，README.md 列出了所有设置项；自定义版式用的自己的设置项请放在 [params] 下",

	"line %d: the Chinese colon “：” joins a key and its value": "第%d行：用了中文冒号“：”连接设置项和值",

	"line %d: the key “%s” is typed in Chinese": "第%d行：设置项名“%s”是中文",

	"line %d: the quotes “” are Chinese quotes": "第%d行：引号“”是中文引号",

	"line %d: the text starts with the English quote \" but ends with the Chinese quote %c": "第%d行：这段文字以英文引号 \" 开始，却以中文引号 %c 结束",

	"line %d: the text “%s” is not in quotes": "第%d行：文字“%s”没有放在引号中",

	"line %d: “%c” is a full-width (Chinese) character": "第%d行：“%c”是全角（中文）字符",

	"put text in English double quotes, such as title = \"关于召开年会的通知\"": "文字要放在英文双引号中，如 title = \"关于召开年会的通知\"",

	"the key %q is typed in Chinese; keys are English words": "设置项名 %q 是中文；设置项名要用英文",

	"the key %q is typed in Chinese; keys are English words: type %s": "设置项名 %q 是中文；设置项名要用英文：请写 %s",

	"type %s = … instead; README.md lists every key": "请改写为 %s = …；README.md 列出了所有设置项",

	"type the English %s instead: switch the input method to English (or press Shift) first": "请改为英文半角的“%s”，输入前先切换到英文输入法",

	"unknown key %q": "未知的设置项 %q",

	"unknown key %q: did you mean %s?": "未知的设置项 %q：是不是要写 %s？",

	"use English double quotes at both ends: \"…\"": "请两头都用英文双引号 \"…\"",

	"give an office line readers can call, shown in full: phone = { number = \"0632-3317000\", public = true }; a mobile is shown in full only with public = true and its owner's consent": "请写读者能拨打的办公电话，全号显示：phone = { number = \"0632-3317000\", public = true }；手机号只有加 public = true 才显示全号，须经本人同意",

	"replace it with the text of the notice, or set draft = true until it is written": "请换成通知的正文，或在写完前改回 draft = true",

	"the notice is published but still has the placeholder text %q of a new notice": "通知已发布，但还留着新建时的占位文字 %q",

	"the notice is published without an issuer (发文机关)": "通知已发布，但没有填写发文机关（issuer）",

	"the only contact number is a personal mobile, which the site shows masked (%s): readers cannot call it": "唯一的联系电话是个人手机号，网页上隐去了中间四位（%s）：读者无法拨打",

	"write the issuing body, such as issuer = \"某某市教育局\"": "请填写发文机关，如 issuer = \"某某市教育局\"",

	"attachment: the application template %s has errors": "附件：申请模板 %s 有错误",

	"attachment: the member directory %s has errors": "附件：成员名录 %s 有错误",

	"fix the problems reported for %s; the attachment works once it loads": "请先改正 %s 中报告的问题；它能读取后附件就正常了",

	"\r\x1b[Kbuilding: %s … %.1f s": "\r\x1b[K正在生成：%s … %.1f 秒",

	"%s and %d more": "%s 等（另有 %d 个）",

	"%s: built the whole site (%d pages) in %s\n": "%s：已重新生成整个网站（%d 个网页），用时 %s\n",

	"%s: rewrote %d pages, removed %d files in %s\n": "%s：重写 %d 个网页，删除 %d 个文件，用时 %s\n",
	"%s: showed %d pages in %s; building the site\n": "%s：先显示 %d 个网页（用时 %s），正在生成整个网站\n",

	"fixed: the site builds again": "已修好：网站又能正常生成了",

	"loading": "读取文件",

	"rendering pages and outputs": "生成网页和下载文件",

	"the site": "网站",

	"watching: %v\n": "监视文件变化：%v\n",

	"writing": "写入",

	"line %d: the date %s needs two digits for the month and the day": "第%d行：日期 %s 的月和日要写两位数",

	"write it as %s": "请写作 %s",

	"cannot read": "无法读取",

	"cannot read folder": "无法读取文件夹",

	"split it into several files: a directory for each alliance, a template for each form": "请拆成几个文件：每个联盟一份名录，每种表格一个模板",

	"split the text into several pages, or publish the long text as an attached file": "请把正文拆成几个页面，或把长文作为附件发布",

	"cannot be read as a URL": "无法读作网址",

	"leads outside the site": "指向网站之外",

	"the site has no page or file /%s": "网站中没有 /%s 这个页面或文件",

	"there is no heading or anchor #%s on this page": "本页没有 #%s 这个小标题或锚点",

	"there is no heading or anchor #%s on /%s": "/%[2]s 上没有 #%[1]s 这个小标题或锚点",

	"blank %s": "填空 %s",

	"blank": "填空",

	"%q looks like a credential; site.toml must not hold keys": "%q 看起来是访问密钥；site.toml 中不能写密钥",

	"%s appears twice": "%s 出现了两次",

	"%s has no bucket": "%s 没有填写存储桶（bucket）",

	"%s has no name": "%s 没有填写名称（name）",

	"%s has no region": "%s 没有填写地域（region）",

	"%s: endpoint %q is not an http(s) address": "%s：endpoint %q 不是 http(s) 地址",

	"%s: prefix %q is not a plain folder path": "%s：prefix %q 不是普通的文件夹路径",

	"; %d new or changed image(s) resized": "；新缩放了 %d 张新增或改动的图片",

	"Publishes the built site (public/ in the site folder: run alliance build first) to S3-compatible object storage, such as Aliyun OSS, Tencent COS, Huawei OBS or Qiniu Kodo, as set by a [[deploy]] table in site.toml. Only files whose content changed are sent; objects under the prefix that the site no longer has are deleted, last. Assets go first, then pages, then the home page and feeds, so a deploy stopped half way leaves a working site; run it again to finish. The keys come from the environment: ALLIANCE_DEPLOY_ACCESS_KEY and ALLIANCE_DEPLOY_SECRET_KEY, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Exit status: 0 done; 1 failed (nothing or part sent: run again); 2 wrong flags, settings or missing keys; 3 refused, more deletions than --max-deletes (nothing changed).": "把已生成的网站（网站文件夹中的 public/，请先运行 alliance build）发布到兼容 S3 的对象存储，如阿里云 OSS、腾讯云 COS、华为云 OBS 或七牛云 Kodo，目标由 site.toml 中的 [[deploy]] 表设定。只上传内容有变化的文件；网站已不再有的、前缀之下的对象最后删除。先传静态资源，再传网页，最后传首页和订阅源，因此中途中断的发布也留下一个可用的网站；再运行一次即可完成。密钥只从环境变量读取：ALLIANCE_DEPLOY_ACCESS_KEY 和 ALLIANCE_DEPLOY_SECRET_KEY，或 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY。退出状态：0 完成；1 失败（未上传或只上传了一部分：请再运行一次）；2 参数、设置有误或缺少密钥；3 要删除的对象多于 --max-deletes，已拒绝（什么都没有改动）。",

	"[[deploy]] %q": "[[deploy]] %q",

	"[[deploy]] table %d": "第 %d 个 [[deploy]] 表",

	"a tel: link to a personal mobile (%s) is published as masked text without the link": "指向个人手机号（%s）的 tel: 链接不会发布：只显示隐去中间四位的号码，不带链接",

	"add bucket = \"…\" with the bucket's name": "添加 bucket = \"…\"，写存储桶的名称",

	"add name = \"oss\" (any short name; alliance deploy --target picks a table by it)": "添加 name = \"oss\"（任意简短的名称；alliance deploy --target 按它选择目标）",

	"add the bucket's region, like region = \"cn-hangzhou\" (Aliyun) or region = \"ap-guangzhou\" (Tencent)": "添加存储桶所在地域，如 region = \"cn-hangzhou\"（阿里云）或 region = \"ap-guangzhou\"（腾讯云）",

	"alliance deploy [flags]": "alliance deploy [选项]",

	"delete the line and set ALLIANCE_DEPLOY_ACCESS_KEY and ALLIANCE_DEPLOY_SECRET_KEY in the environment instead (see README.md, 'Deploying to object storage'); if the file was shared or committed, revoke the key": "请删除这一行，改为在环境变量中设置 ALLIANCE_DEPLOY_ACCESS_KEY 和 ALLIANCE_DEPLOY_SECRET_KEY（见 README.md 的“Deploying to object storage”）；如果这个文件已经发给别人或提交到仓库，请作废这个密钥",

	"deploy even when more than --max-deletes objects would be deleted": "即使要删除的对象多于 --max-deletes 也照常发布",

	"give each [[deploy]] table its own name": "每个 [[deploy]] 表要有各自的名称",

	"how many uploads run at once": "同时进行的上传数",

	"link an office line instead, or put the number in [contact] with public = true if it may be shown": "请改为链接办公电话；如果这个号码可以公开，请写在 [contact] 中并加上 public = true",

	"list every upload and deletion, and change nothing": "列出要上传和删除的每个文件，不做任何改动",

	"lists what a deploy to the [[deploy]] table named oss would upload and delete, and changes nothing": "列出发布到名为 oss 的 [[deploy]] 目标时会上传和删除哪些文件，不做任何改动",

	"mask the number in the source (the build masks texts it knows; this one got through), or mark an office number public with phone = { number = \"…\", public = true }": "请在源文件中隐去这个号码（构建会隐去它认得的文字中的号码，这一个漏过了）；如果是办公电话，请写作 phone = { number = \"…\", public = true } 标明可以公开",

	"photo %q: %v": "照片 %q：%v",

	"save the photo again as a JPEG or PNG, or remove this entry": "请把照片重新另存为 JPEG 或 PNG，或删除这一项",

	"send the built site to object storage (OSS, COS, OBS, Kodo, S3)": "把生成的网站发布到对象存储（OSS、COS、OBS、Kodo、S3）",

	"share_image %q is %d×%d px; WeChat and QQ show only pictures of at least 300×300": "share_image %q 只有 %d×%d 像素；微信和 QQ 只显示至少 300×300 的图片",

	"share_image %q is not a PNG or JPEG image": "share_image %q 不是 PNG 或 JPEG 图片",

	"share_image %q is not in the site's static/ folder": "share_image %q 不在网站的 static/ 文件夹中",

	"share_image %q: %v": "share_image %q：%v",

	"stop before changing anything when more objects than this would be deleted (superseded hashed assets, such as an old search index, are not counted)": "要删除的对象多于这个数时，在改动任何东西之前停止（被替换的带哈希的资源文件，如旧的搜索索引，不计在内）",

	"the name of the [[deploy]] table to use (needed when site.toml has several)": "要使用的 [[deploy]] 表的名称（site.toml 中有多个时必须指定）",

	"the output %s (%s) would show a personal %s number in full (%s); nothing was written": "输出文件 %s（%s）会完整显示个人%s号码（%s）；没有写入任何文件",

	"the site folder, which holds site.toml and the built public/": "网站文件夹，其中有 site.toml 和已生成的 public/",

	"write the folder inside the bucket like prefix = \"site/\" or leave it out": "写存储桶中的文件夹，如 prefix = \"site/\"，或者不写",

	"write the provider's endpoint, like endpoint = \"https://oss-cn-hangzhou.aliyuncs.com\", without the bucket name": "写服务商的访问域名，如 endpoint = \"https://oss-cn-hangzhou.aliyuncs.com\"，不含存储桶名称",

	"made from it": "由它生成",

	"made from several files": "由多个文件生成",

	"mobile": "手机",

	"ID-card": "身份证",

	"\r\x1b[Kdeploying %s: %d/%d files, %s of %s, %s/s": "\r\x1b[K正在发布 %s：%d/%d 个文件，%s / %s，%s/秒",

	"%d files were sent and %d deleted before it stopped; the site stays whole; run alliance deploy again to finish\n": "停止前已上传 %d 个文件、删除 %d 个；网站仍然完整；请再运行一次 alliance deploy 完成发布\n",

	"%s (bucket %s%s)": "%s（存储桶 %s%s）",

	"%w: %s refused the keys from %s (%s): check them, and that they may write to bucket %q": "%w：%s 拒绝了来自 %s 的密钥（%s）：请检查密钥，以及它是否有写入存储桶 %q 的权限",

	"alliance deploy: %s: %v\n": "alliance deploy：%s：%v\n",

	"alliance deploy: %v\n": "alliance deploy：%v\n",

	"alliance deploy: --workers must be at least 1 and --max-deletes not negative": "alliance deploy：--workers 至少为 1，--max-deletes 不能为负数",

	"delete  %s\n": "删除  %s\n",

	"deploy to %s failed: %v\n": "发布到 %s 失败：%v\n",

	"deploy to %s interrupted after %d uploads and %d deletions; the site stays whole; run alliance deploy again to finish\n": "发布到 %s 在上传 %d 个、删除 %d 个之后中断；网站仍然完整；请再运行一次 alliance deploy 完成发布\n",

	"deployed to %s: sent %d files (%s), deleted %d, %d unchanged, in %s\n": "已发布到 %s：上传 %d 个文件（%s），删除 %d 个，%d 个未变，用时 %s\n",

	"dry run for %s: would upload %d files (%s) and delete %d; %d unchanged; nothing was changed\n": "%s 试运行：将上传 %d 个文件（%s），删除 %d 个；%d 个未变；没有做任何改动\n",

	"endpoint %q is not an address like https://oss-cn-hangzhou.aliyuncs.com": "endpoint %q 不是 https://oss-cn-hangzhou.aliyuncs.com 这样的地址",

	"no keys for the bucket: set %s and %s in the environment (or %s and %s)": "没有存储桶的密钥：请在环境变量中设置 %s 和 %s（或 %s 和 %s）",

	"set both %s and %s, or neither": "%s 和 %s 要么都设置，要么都不设置",

	"site.toml has %d [[deploy]] tables; choose one with --target (%s)": "site.toml 中有 %d 个 [[deploy]] 表；请用 --target 选择一个（%s）",

	"site.toml has no [[deploy]] table named %q; it has %s": "site.toml 中没有名为 %q 的 [[deploy]] 表；现有的是 %s",

	"site.toml has no [[deploy]] table; add one with name, endpoint, region and bucket (see README.md, 'Deploying to object storage')": "site.toml 中没有 [[deploy]] 表；请添加一个，写明 name、endpoint、region 和 bucket（见 README.md 的“Deploying to object storage”）",

	"the deploy would delete %d objects (not counting superseded hashed assets), more than --max-deletes %d; nothing was changed. Check the target's bucket and prefix, then run again with --force or a higher --max-deletes": "这次发布将删除 %d 个对象（不计被替换的带哈希的资源文件），多于 --max-deletes %d；没有做任何改动。请检查目标的存储桶和前缀，再加上 --force 或更大的 --max-deletes 重新运行",

	"there is no bucket %q at %s: create it, or correct bucket (and path_style) in the [[deploy]] table": "%[2]s 上没有存储桶 %[1]q：请创建它，或改正 [[deploy]] 表中的 bucket（以及 path_style）",

	"upload  %s (%s, %s)\n": "上传  %s（%s，%s）\n",

	"build everything afresh, neither reading nor writing the build cache (.alliance-cache/build in the site folder)": "全部重新生成，不读也不写生成缓存（网站文件夹中的 .alliance-cache/build）",

	"cannot read the build cache %s: %v; building without it": "无法读取生成缓存 %s：%v；本次不用缓存生成",

	"cannot save the build cache: %v": "无法保存生成缓存：%v",

	"the build cache %s holds a damaged entry; it is ignored and made again": "生成缓存 %s 中有损坏的条目；已忽略并重新生成",

	"the build cache %s is damaged; it is ignored and will be replaced": "生成缓存 %s 已损坏；已忽略，将重新写入",

	"the build cache %s is not one alliance made; it is ignored and will be replaced": "生成缓存 %s 不是 alliance 写的；已忽略，将重新写入",

	"convert every text afresh instead of reading the build cache (.alliance-cache/build), which check never writes": "不读生成缓存（.alliance-cache/build），每篇文字都重新转换；check 从不写这个缓存",

	"build again": "请重新生成",

	"the file changed while the site was built": "生成网站期间这个文件被改动了",
}
