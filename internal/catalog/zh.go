package catalog

// zh maps each English format string of a message to its Simplified Chinese
// format. The verbs (%s, %d, %q, %v …) must be the same and in the same
// order; TestCatalogComplete checks that every message in the source is here.
var zh = map[string]string{}
