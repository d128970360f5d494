package deploy

import "alliance/internal/catalog"

// The tests of this package assert the English messages.
func init() { catalog.SetCurrent(catalog.English) }
