package docx

import (
	"strings"

	"alliance/internal/model"
)

// The fixed parts of the package and the styles every template shares.

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="` + relFooterOdd + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="` + relFooterEven + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>`

// Relationship IDs of the footers, which the section names.
const (
	relFooterOdd  = "rId4"
	relFooterEven = "rId5"
)

// Page numbers as GB/T 9704 prints them: 4号 (14 pt) half-width 宋体 digits
// between two 一字线, — 1 —, one character in from the right edge of the
// text block on odd pages and from the left on even pages. Word numbers the
// page in the PAGE field; settings turn on different odd and even footers.
const (
	footerOdd  = xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` + `<w:p><w:pPr><w:pStyle w:val="PageNumber"/><w:ind w:right="280"/><w:jc w:val="right"/></w:pPr>` + pageNumber + `</w:p></w:ftr>`
	footerEven = xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` + `<w:p><w:pPr><w:pStyle w:val="PageNumber"/><w:ind w:left="280"/><w:jc w:val="left"/></w:pPr>` + pageNumber + `</w:p></w:ftr>`
	pageNumber = `<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r>`
)

// Fonts. 宋体, 黑体 and 楷体 come with every Chinese Windows and with WPS;
// 方正小标宋简体, the title face of GB/T 9704, often does not, so its entry
// names alternatives and describes it (GB2312 charset, Song-style panose) for
// the office suite to substitute a Song face rather than a Latin one.
const (
	fontBody     = "宋体"
	fontHeading  = "黑体"
	fontTitle    = "方正小标宋简体"
	fontSubtitle = "楷体"
	fontLatin    = "Times New Roman"
)

const fontTable = xmlHeader + `<w:fonts xmlns:w="` + nsW + `">` +
	`<w:font w:name="` + fontLatin + `"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="` + fontBody + `"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="` + fontHeading + `"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="` + fontSubtitle + `"><w:altName w:val="KaiTi,楷体_GB2312"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="` + fontTitle + `"><w:altName w:val="FZXiaoBiaoSong-B05S,方正小标宋_GBK,华文中宋,宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`</w:fonts>`

// Settings: Chinese punctuation compression, underlined trailing spaces (a
// gap at the end of a line must still show its line) and the current layout
// mode of Word.
const settings = xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>` +
	`</w:settings>`

// Sizes in half-points: 二号 22 pt for the title, 三号 16 pt for the
// subtitle, 四号 14 pt for the letter and page numbers, 小四 12 pt for the
// notes, 五号 10.5 pt for table forms, whose answer columns need the room.
// The notes (填报说明) start a page of their own, so that the page to be
// stamped carries only the form.
const styles = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:eastAsia="` + fontBody + `" w:hAnsi="` + fontLatin + `" w:cs="` + fontLatin + `" w:hint="eastAsia"/>` +
	`<w:kern w:val="2"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="360" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:rFonts w:ascii="` + fontLatin + `" w:eastAsia="` + fontTitle + `" w:hAnsi="` + fontLatin + `"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="360" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:rFonts w:eastAsia="` + fontSubtitle + `"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Addressee"><w:name w:val="Addressee"/><w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:pPr><w:spacing w:before="120"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="560"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="560"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr><w:rFonts w:eastAsia="` + fontHeading + `"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:pPr><w:keepLines/><w:jc w:val="right"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="SignatureFirst"><w:name w:val="Signature First"/><w:basedOn w:val="Signature"/><w:next w:val="Signature"/><w:pPr><w:keepNext/><w:spacing w:before="480"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Closing"><w:name w:val="Closing"/><w:basedOn w:val="Normal"/><w:pPr><w:keepLines/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ClosingFirst"><w:name w:val="Closing First"/><w:basedOn w:val="Closing"/><w:next w:val="Closing"/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="560"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="PageNumber"><w:name w:val="Page Number"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:ascii="` + fontBody + `" w:eastAsia="` + fontBody + `" w:hAnsi="` + fontBody + `" w:hint="default"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Field"><w:name w:val="Field"/><w:basedOn w:val="Normal"/><w:pPr><w:keepLines/><w:spacing w:before="120"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Form Cell"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="CellHeader"><w:name w:val="Form Cell Header"/><w:basedOn w:val="Cell"/><w:rPr><w:rFonts w:eastAsia="` + fontHeading + `"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="CellBlank"><w:name w:val="Form Cell Blank"/><w:basedOn w:val="Cell"/><w:pPr><w:jc w:val="left"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="NoteHeading"><w:name w:val="Note Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Note"/>` +
	`<w:pPr><w:keepNext/><w:pageBreakBefore/><w:spacing w:before="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:rFonts w:eastAsia="` + fontHeading + `"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="60" w:line="276" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`</w:styles>`

func appXML(creator string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	b.WriteString(`<Application>alliance</Application><DocSecurity>0</DocSecurity>`)
	if creator != "" {
		b.WriteString(`<Company>` + escape(creator) + `</Company>`)
	}
	b.WriteString(`</Properties>`)
	return b.String()
}

// coreXML writes the document properties. Its dates come from the notice
// that calls for the template, never from the clock, so rebuilding gives the
// same file.
func coreXML(t *model.Template, creator string) string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>` + escape(t.Title) + `</dc:title>`)
	if creator != "" {
		b.WriteString(`<dc:creator>` + escape(creator) + `</dc:creator>`)
	}
	b.WriteString(`<dc:language>zh-CN</dc:language>`)
	if n := t.Submission.Notice; n != nil && !n.PublishDate.IsZero() {
		d := w3cdtf(n.PublishDate)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + d + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + d + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}
