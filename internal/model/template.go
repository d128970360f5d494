package model

// Template is an application template (申请书, 申请表): a form that applicants
// print, fill in and stamp. It describes the document, not its HTML, so the
// page, the print view and the Word download are all made from it.
type Template struct {
	ID         string `mask:"-"`
	Source     string `mask:"-"`
	URL        string `mask:"-"` // site-relative, such as "templates/hunan-application/"
	Title      string
	Subtitle   string
	Addressee  string // such as 学前教育高质量发展联盟评审委员会：
	Blocks     []Block
	Submission Submission
	Fields     []Blank        // every blank in document order
	Params     map[string]any // the file's [params] table, for custom layouts
}

// Block kinds.
const (
	BlockHeading   = "heading"   // a numbered section heading
	BlockParagraph = "paragraph" // running text with inline blanks
	BlockSignature = "signature" // right-aligned lines: stamp line, date line
	BlockClosing   = "closing"   // a letter's ending: 此致 indented two characters, 敬礼！ flush left below
	BlockFields    = "fields"    // label: blank lines, such as contact fields
	BlockTable     = "table"     // a table form with merged cells
)

// Block is one part of a template, in document order.
type Block struct {
	Kind   string  `mask:"-"`
	Number string  // for headings: 一、二、…
	Runs   []Run   // heading and paragraph text
	Lines  [][]Run // signature lines; closing lines (此致, then 敬礼！)
	Fields []Field // fields block
	Table  *Table
}

// Run is a stretch of text or one blank.
type Run struct {
	Text  string
	Blank *Blank
}

// Blank is a gap the applicant fills in.
type Blank struct {
	ID    string `mask:"-"` // f1, f2, … in document order; stable while the template is unchanged
	Label string // what goes in it, such as 市 or 单位名称
	Width int    // in characters (full-width); 0 means the default
	Lines int    // lines of writing space; 0 or 1 means one line
}

// Field is a labelled blank on its own line.
type Field struct {
	Label string
	Blank *Blank
}

// Table is a table form. Columns is the width of the grid; cells span rows
// and columns as in the printed form.
type Table struct {
	Columns int
	Widths  []int // relative column widths; empty means equal
	Rows    []Row
}

// Row is one row of a table.
type Row struct {
	Cells []Cell
}

// Cell is a label or a blank in a table.
type Cell struct {
	Text    string // label text; empty for a blank cell
	Blank   *Blank // nil for a label cell
	Rowspan int    // at least 1
	Colspan int    // at least 1
	Header  bool   // a group label such as 联盟园基本信息
}

// Submission says how to send the completed template.
type Submission struct {
	Method   string // such as 填写并盖章后扫描为 PDF，以电子邮件发送
	Email    string
	Address  string
	Deadline *Deadline
	FileName string // naming rule, such as 共同体+单位名称
	Notes    []string
	Notice   *Notice // the notice that calls for it, when one does
}
