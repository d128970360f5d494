package build

import "testing"

// What the tests of package build_test use from this package's tests. They
// live in their own package because they import check, which imports build.

// FixedNow is the clock of test builds.
var FixedNow = fixedNow

// BadSite is one case of bad input: Make copies the example site, breaks it
// as the case says and returns its folder.
type BadSite struct {
	Name string
	Make func(t *testing.T) string
}

// BadSites returns every case of badCases.
func BadSites() []BadSite {
	out := make([]BadSite, len(badCases))
	for i, c := range badCases {
		out[i] = BadSite{Name: c.name, Make: func(t *testing.T) string {
			src := copySite(t)
			c.write(t, src)
			return src
		}}
	}
	return out
}
