package tomllimit

import "alliance/internal/catalog"

// Check scans src, outside strings and comments, for tables and arrays
// nested deeper than MaxDepth and for keys or table headers with more than
// MaxKeyParts dotted parts, and returns an *Error for the first it finds, or
// nil. It reads src once and allocates nothing while src is within the
// limits; text that is not valid TOML is left for the decoder to report.
func Check(src []byte) *Error {
	s := scanner{src: src, line: 1}
	s.document()
	return s.err
}

// scanner walks TOML text the way the TOML grammar nests it, but only far
// enough to count levels: it never builds anything.
type scanner struct {
	src  []byte
	i    int
	line int
	err  *Error
}

func (s *scanner) more() bool { return s.err == nil && s.i < len(s.src) }

func (s *scanner) peek() byte { return s.src[s.i] }

// document reads statements: table headers and key = value lines.
func (s *scanner) document() {
	base := 0 // levels opened by the last table header
	for s.more() {
		s.blank(true)
		if !s.more() {
			return
		}
		switch c := s.peek(); {
		case c == '[':
			base = s.header()
		case c == '=':
			s.i++ // a value without a key: the decoder says so
		default:
			s.pair(base)
		}
		s.restOfLine()
	}
}

// header reads [a.b] or [[a.b]] and returns the levels it opens.
func (s *scanner) header() int {
	line := s.line
	s.i++
	levels := 0
	if s.more() && s.peek() == '[' {
		s.i++
		levels = 1 // the array of tables
	}
	parts := s.key()
	if s.err == nil && parts+levels > MaxDepth {
		s.depthError(line)
	}
	return parts + levels
}

// key reads a bare, quoted or dotted key up to = or ] or the end of the
// line and returns its number of parts.
func (s *scanner) key() int {
	line := s.line
	parts := 1
	for s.more() {
		switch c := s.peek(); c {
		case '=', ']', '\n', '#', '}', ',':
			return parts
		case '"', '\'':
			s.str()
		case '.':
			parts++
			s.i++
			if parts > MaxKeyParts {
				s.err = &Error{Line: line,
					Msg:  catalog.Sprintf("a key or table header has more than %d dotted parts", MaxKeyParts),
					Hint: catalog.T("shorten it: the keys of a site have one or two parts, such as title or blocks.rows")}
				return parts
			}
		default:
			s.i++
		}
	}
	return parts
}

// pair reads key = value in a table depth levels deep; each dotted part
// of the key but the last opens a table.
func (s *scanner) pair(depth int) {
	line := s.line
	parts := s.key()
	if s.err == nil && depth+parts-1 > MaxDepth {
		s.depthError(line)
	}
	if s.more() && s.peek() == '=' {
		s.i++
		s.value(depth + parts - 1)
	}
}

// value reads one value that sits depth levels deep.
func (s *scanner) value(depth int) {
	s.blank(false)
	if !s.more() {
		return
	}
	switch s.peek() {
	case '"', '\'':
		s.str()
	case '[':
		s.open(depth)
		s.array(depth + 1)
	case '{':
		s.open(depth)
		s.table(depth + 1)
	default:
		// A number, date, boolean or a mistake: up to the next delimiter.
		for s.more() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#', '[', '{', '"', '\'':
				return
			}
			s.i++
		}
	}
}

// open steps over [ or { that opens a level inside depth levels.
func (s *scanner) open(depth int) {
	if depth+1 > MaxDepth {
		s.depthError(s.line)
		return
	}
	s.i++
}

func (s *scanner) depthError(line int) {
	s.err = &Error{Line: line,
		Msg:  catalog.Sprintf("tables and arrays are nested more than %d levels deep", MaxDepth),
		Hint: catalog.T("write the data flatter: each { }, [ ] and dotted key part counts as a level, and a site's files need no more than five")}
}

// array reads the elements of an array up to its ].
func (s *scanner) array(depth int) {
	for s.more() {
		s.blank(true)
		if !s.more() {
			return
		}
		switch s.peek() {
		case ']':
			s.i++
			return
		case ',':
			s.i++
		case '}':
			s.i++ // a mistake the decoder reports
		default:
			start := s.i
			s.value(depth)
			if s.i == start {
				s.i++
			}
		}
	}
}

// table reads the key = value pairs of an inline table up to its }.
func (s *scanner) table(depth int) {
	for s.more() {
		s.blank(true)
		if !s.more() {
			return
		}
		switch s.peek() {
		case '}':
			s.i++
			return
		case ',', ']':
			s.i++
		default:
			start := s.i
			s.pair(depth)
			if s.i == start {
				s.i++
			}
		}
	}
}

// blank steps over spaces, comments and, when newlines is set, line ends.
func (s *scanner) blank(newlines bool) {
	for s.more() {
		switch s.peek() {
		case ' ', '\t', '\r':
			s.i++
		case '#':
			s.skipComment()
		case '\n':
			if !newlines {
				return
			}
			s.line++
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) skipComment() {
	for s.more() && s.peek() != '\n' {
		s.i++
	}
}

// restOfLine steps to the start of the next line. Anything but a comment
// left there is a mistake the decoder reports before it reads further, so
// what it holds does not matter.
func (s *scanner) restOfLine() {
	for s.more() {
		c := s.peek()
		s.i++
		if c == '\n' {
			s.line++
			return
		}
	}
}

// str steps over a string starting at a quote, "…" or '…' or either
// tripled for a multi-line string, counting the lines of a multi-line string.
func (s *scanner) str() {
	q := s.peek()
	if s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q {
		s.i += 3
		for s.i < len(s.src) {
			c := s.src[s.i]
			switch {
			case c == '\\' && q == '"':
				if s.i+1 < len(s.src) && s.src[s.i+1] == '\n' {
					s.line++
				}
				s.i += 2
			case c == '\n':
				s.line++
				s.i++
			case c == q && s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q:
				// Up to two more quotes belong to the string: """a""""" ends in a"".
				s.i += 3
				for n := 0; n < 2 && s.i < len(s.src) && s.src[s.i] == q; n++ {
					s.i++
				}
				return
			default:
				s.i++
			}
		}
		s.i = len(s.src)
		return
	}
	s.i++
	for s.i < len(s.src) {
		switch c := s.src[s.i]; {
		case c == '\\' && q == '"':
			s.i += 2
			if s.i > len(s.src) {
				s.i = len(s.src)
			}
		case c == q:
			s.i++
			return
		case c == '\n':
			return // not closed: the decoder says so
		default:
			s.i++
		}
	}
}
