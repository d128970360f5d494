package build_test

import (
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"alliance/internal/build"
	"alliance/internal/check"
	"alliance/internal/diag"
)

// TestCheckFailsWhereBuildFails breaks the example site in every way the
// build refuses and runs both commands on it: check must fail too, and
// report every error the build reports with the same file, line, message
// and hint, since check is what a site's CI runs before it builds.
func TestCheckFailsWhereBuildFails(t *testing.T) {
	for _, bad := range build.BadSites() {
		t.Run(bad.Name, func(t *testing.T) {
			src := bad.Make(t)
			_, err := build.Run(build.Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), Now: build.FixedNow})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			found := map[string]bool{}
			for _, p := range check.Run(check.Options{Source: src, Now: build.FixedNow}).Problems() {
				if !p.Warning {
					found[p.Error()] = true
				}
			}
			if len(found) == 0 {
				t.Fatalf("check found no error; the build failed with:\n%v", err)
			}
			for _, line := range buildErrors(err) {
				if !found[line] {
					t.Errorf("the build reports\n\t%s\nbut check does not; check reports:\n\t%s", line, strings.Join(slices.Sorted(maps.Keys(found)), "\n\t"))
				}
			}
		})
	}
}

// buildErrors returns the errors of a failed build as alliance build prints
// them: one line per problem, or the error itself when it is no list of
// problems (which check reports as a problem of no file).
func buildErrors(err error) []string {
	var errs diag.Errors
	if !errors.As(err, &errs) {
		return []string{diag.Problem{Msg: err.Error()}.Error()}
	}
	lines := make([]string, len(errs))
	for i, p := range errs {
		lines[i] = p.Error()
	}
	return lines
}
