package search

// Cutting is dictionary-free: every word of folded text is indexed by its
// single characters (unigrams), each pair of neighbouring characters
// (bigrams) and each run of three (trigrams). A query word of up to three
// characters is then looked up exactly, and a longer one by trigrams that
// cover it, after which the candidates are checked against their folded
// text. So a query is cut exactly as the index was, and 段简 finds 一段简单
// without knowing where words begin.

// Token keys pack one, two or three runes into a map key; the ranges do not
// overlap because a rune is below 1<<21.
func unigramKey(r rune) uint64       { return uint64(r) }
func bigramKey(a, b rune) uint64     { return uint64(a+1)<<21 | uint64(b) }
func trigramKey(a, b, c rune) uint64 { return uint64(a+1)<<42 | uint64(b)<<21 | uint64(c) }

// keyString turns a token key back into its text.
func keyString(k uint64) string {
	const m = 1<<21 - 1
	switch {
	case k < 1<<21:
		return string(rune(k))
	case k < 1<<42:
		return string([]rune{rune(k>>21) - 1, rune(k & m)})
	default:
		return string([]rune{rune(k>>42) - 1, rune(k >> 21 & m), rune(k & m)})
	}
}

// TokenHash is FNV-1a over the token's code points. It picks the shard
// that holds a token; search.js computes the same.
func TokenHash(tok string) uint32 {
	h := uint32(2166136261)
	for _, r := range tok {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}
