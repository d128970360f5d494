package load

import "alliance/internal/privacy"

// Personal mobile and ID-card numbers typed into any text are masked as the
// model is built, so that no later stage (pages, feed, search index,
// downloads) can publish them: a Markdown body in its syntax tree (see
// markdown), everything else by privacy.Mask, which masks every string of a
// notice, report, page, directory or template except the fields tagged
// `mask:"-"` (URLs, file names, ids). Numbers in phone fields are masked
// where they are shown, unless marked public.

func mask(s string) string { return privacy.Text(s) }
