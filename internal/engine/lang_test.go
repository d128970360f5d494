package engine

import "alliance/internal/catalog"

// The tests of this package assert the English messages; the tests of the
// Chinese ones set the language themselves.
func init() { catalog.SetCurrent(catalog.English) }
