package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cjkEmphasis parses * emphasis so that **「重点」** is bold in Chinese text.
// CommonMark's flanking rules refuse to open emphasis between a Chinese
// character and Chinese punctuation; here an East Asian character next to the
// delimiter counts as a word boundary, which is what a Chinese writer means.
// Underscores keep the standard rules.
type cjkEmphasis struct{}

func (cjkEmphasis) Trigger() []byte { return []byte{'*'} }

func (cjkEmphasis) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, emphasisProcessor{})
	if d == nil {
		return nil
	}
	after := rune(' ')
	if d.OriginalLength < len(line) {
		after = util.ToRune(line, d.OriginalLength)
	}
	if util.IsEastAsianWideRune(before) && !util.IsSpaceRune(after) {
		d.CanOpen = true
	}
	if util.IsEastAsianWideRune(after) && !util.IsSpaceRune(before) && before != '\n' {
		d.CanClose = true
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }
