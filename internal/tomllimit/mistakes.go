package tomllimit

import (
	"regexp"
	"strings"
	"unicode"

	"alliance/internal/catalog"
)

// Mistake finds the commonest typing mistakes of a clerk in TOML text, the
// ones a Chinese input method makes: Word-style quotes “…” for "…", a
// straight quote closed by a curly one, the full-width ＝ ： ， 【】 ［］ ｛｝
// where TOML wants = , [ ] { }, a key typed in Chinese, text without
// quotes and a date without zero padding (2024-5-1). It looks only outside strings and comments, so valid TOML never
// has one; it is for saying what to change when decoding failed, in the
// clerk's terms, instead of the decoder's. The line it returns counts from
// firstLine; nil when it finds none of these.
func Mistake(src []byte, firstLine int) *Error {
	multi := "" // the delimiter of an open multi-line string
	for i, line := range strings.Split(string(src), "\n") {
		n := firstLine + i
		if e := lineMistake(line, n, &multi); e != nil {
			e.Line = n
			return e
		}
	}
	return nil
}

// fullWidth maps each full-width character a clerk may type for TOML syntax
// to what to type instead.
var fullWidth = map[rune]string{
	'＝': "=", '：': "=", '，': ",", '【': "[", '】': "]", '［': "[", '］': "]", '｛': "{", '｝': "}",
}

// chineseKeys are the keys clerks most often type in Chinese, with the key
// to type.
var chineseKeys = map[string]string{
	"标题": "title", "日期": "date", "成文日期": "date", "发布日期": "publish_date", "下线日期": "expiry_date",
	"发文字号": "doc_number", "文号": "doc_number", "发文机关": "issuer", "主送机关": "recipients",
	"截止时间": "deadline", "截止日期": "deadline", "公开方式": "disclosure", "标签": "tags",
	"摘要": "summary", "草稿": "draft", "置顶": "pinned", "联系人": "contact", "电话": "phone",
	"联系电话": "phone", "附件": "attachments", "名称": "name", "姓名": "name", "邮箱": "email",
}

// ChineseKey returns the English key for a key typed in Chinese, or "".
func ChineseKey(k string) string { return chineseKeys[strings.TrimSpace(k)] }

// shortDate is a date written without zero padding, such as 2024-5-1,
// which TOML does not read.
var shortDate = regexp.MustCompile(`^\s*[A-Za-z0-9_.-]+\s*=\s*(\d{4})-(\d{1,2})-(\d{1,2})\b`)

func lineMistake(line string, n int, multi *string) *Error {
	if m := shortDate.FindStringSubmatch(line); *multi == "" && m != nil && (len(m[2]) == 1 || len(m[3]) == 1) {
		date := m[1] + "-" + m[2] + "-" + m[3]
		return &Error{
			Msg:  catalog.Sprintf("line %d: the date %s needs two digits for the month and the day", n, date),
			Hint: catalog.Sprintf("write it as %s", m[1]+"-"+pad2(m[2])+"-"+pad2(m[3])),
		}
	}
	rs := []rune(line)
	i := 0
	if *multi != "" {
		end := strings.Index(line, *multi)
		if end < 0 {
			return nil
		}
		i = len([]rune(line[:end+3]))
		*multi = ""
	}
	sawEquals, inHeader := false, false
	for ; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '#':
			return nil
		case r == '"' || r == '\'':
			q := string(r)
			if i+2 < len(rs) && rs[i+1] == r && rs[i+2] == r {
				rest := string(rs[i+3:])
				end := strings.Index(rest, strings.Repeat(q, 3))
				if end < 0 {
					*multi = strings.Repeat(q, 3)
					return nil
				}
				i += 3 + len([]rune(rest[:end])) + 2
				continue
			}
			j := i + 1
			for ; j < len(rs) && rs[j] != r; j++ {
				if r == '"' && rs[j] == '\\' {
					j++
				}
			}
			if j >= len(rs) {
				// The string is not closed on its line: a curly quote in
				// it is where the clerk meant to close it.
				if k := strings.IndexAny(string(rs[i+1:]), "“”"); k >= 0 {
					curly := []rune(string(rs[i+1:])[k:])[0]
					return &Error{
						Msg:  catalog.Sprintf("line %d: the text starts with the English quote \" but ends with the Chinese quote %c", n, curly),
						Hint: catalog.T("use English double quotes at both ends: \"…\""),
					}
				}
				return nil
			}
			i = j
		case r == '“' || r == '”' || r == '‘' || r == '’':
			return &Error{
				Msg:  catalog.Sprintf("line %d: the quotes “” are Chinese quotes", n),
				Hint: catalog.T("change them to English double quotes \"…\": switch the input method to English (or press Shift) before typing them"),
			}
		case fullWidth[r] != "":
			if r == '：' && !sawEquals {
				return &Error{
					Msg:  catalog.Sprintf("line %d: the Chinese colon “：” joins a key and its value", n),
					Hint: catalog.T("TOML joins them with an English equals sign: write title = \"…\", not title：\"…\""),
				}
			}
			return &Error{
				Msg:  catalog.Sprintf("line %d: “%c” is a full-width (Chinese) character", n, r),
				Hint: catalog.Sprintf("type the English %s instead: switch the input method to English (or press Shift) first", fullWidth[r]),
			}
		case r == '[' && !sawEquals:
			inHeader = true
		case r == '=':
			sawEquals = true
		case unicode.Is(unicode.Han, r):
			word := hanWord(rs[i:])
			if !sawEquals && !inHeader {
				hint := catalog.T("keys are English words; README.md lists them, and keys of your own for a custom layout go under [params]")
				if en := ChineseKey(word); en != "" {
					hint = catalog.Sprintf("type %s = … instead; README.md lists every key", en)
				}
				return &Error{Msg: catalog.Sprintf("line %d: the key “%s” is typed in Chinese", n, word), Hint: hint}
			}
			if sawEquals {
				return &Error{
					Msg:  catalog.Sprintf("line %d: the text “%s” is not in quotes", n, word),
					Hint: catalog.T("put text in English double quotes, such as title = \"关于召开年会的通知\""),
				}
			}
		}
	}
	return nil
}

// hanWord returns the run of Han characters at the start of rs.
func hanWord(rs []rune) string {
	j := 0
	for j < len(rs) && unicode.Is(unicode.Han, rs[j]) {
		j++
	}
	return string(rs[:j])
}

// pad2 writes a one-digit number with a leading zero.
func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
