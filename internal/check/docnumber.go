package check

import (
	"strings"
	"unicode"

	"alliance/internal/catalog"
)

// docNumber checks a document number (发文字号) against GB/T 9704-2012: the
// issuer's code (机关代字), the year in full in 〔〕, the serial number without
// leading zeros, and 号 at the end, such as 枣教字〔2021〕10号. Numbers written
// in Traditional characters (宜產教聯〔2024〕3號) are as valid, so 號 ends one
// as well. It returns what is wrong and how to fix it, or "" when the number
// is well formed or empty.
func docNumber(s string) (msg, hint string) {
	if s == "" {
		return "", ""
	}
	example := catalog.T("write it as 机关代字〔年份〕序号号, such as 枣教字〔2021〕10号")
	r := []rune(s)
	// The year is the first run of digits.
	start := -1
	for i, c := range r {
		if unicode.IsDigit(c) {
			start = i
			break
		}
	}
	if start < 0 {
		return catalog.T("has no year and serial number"), example
	}
	end := start
	for end < len(r) && unicode.IsDigit(r[end]) {
		end++
	}
	year := string(r[start:end])
	var problems []string
	open, close := rune(0), rune(0)
	if start > 0 {
		open = r[start-1]
	}
	if end < len(r) {
		close = r[end]
	}
	// [] and () around the year are the loader's warning already.
	if !strings.ContainsAny(s, "[]()（）【】［］") && (open != '〔' || close != '〕') {
		problems = append(problems, catalog.T("does not put the year in the six-sided brackets 〔〕 (not ﹝﹞, 「」 or 〖〗)"))
	}
	prefixEnd, restStart := start, end
	if strings.ContainsRune("〔[(（【［﹝「〖", open) && open != 0 {
		prefixEnd--
	}
	if strings.ContainsRune("〕])）】］﹞」〗", close) && close != 0 {
		restStart++
	}
	if strings.TrimSpace(string(r[:prefixEnd])) == "" {
		problems = append(problems, catalog.T("has no issuer's code (机关代字) before the year"))
	}
	if len(year) != 4 {
		problems = append(problems, catalog.T("does not write the year in full with four digits"))
	}
	rest, hao := strings.CutSuffix(string(r[restStart:]), "号")
	if !hao {
		rest, hao = strings.CutSuffix(rest, "號")
	}
	serial := strings.TrimSpace(rest)
	switch {
	case serial == "":
		problems = append(problems, catalog.T("has no serial number after the year"))
	case !allDigits(serial):
		problems = append(problems, catalog.T("has something other than digits in its serial number"))
	case serial[0] == '0':
		problems = append(problems, catalog.T("pads its serial number with zeros (write 5号, not 05号)"))
	}
	if !hao {
		problems = append(problems, catalog.T("does not end in 号 (or 號)"))
	}
	if len(problems) == 0 {
		return "", ""
	}
	return catalog.Sprintf("%s as GB/T 9704 requires", strings.Join(problems, catalog.T("; "))), example
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
