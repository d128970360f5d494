package load

import (
	"os"
	"strings"
	"testing"
	"time"
)

// README's front matter section shows every string form of a date the loader
// reads, each written for 2024-01-01 17:00 (+08:00), and each example there
// reads back as that time.
func TestREADMEListsEveryDateForm(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(raw)), " ")
	loc := time.FixedZone("CST", 8*3600)
	when := time.Date(2024, 1, 1, 17, 0, 0, 0, loc)
	for _, layouts := range [][]string{dayLayouts, localLayouts, zonedLayouts} {
		for _, layout := range layouts {
			example := when.Format(layout)
			if !strings.Contains(readme, `"`+example+`"`) {
				t.Errorf("README does not show the date form %q (as \"%s\")", layout, example)
				continue
			}
			got, _, err := parseDate(example, loc)
			want := when
			if !strings.Contains(layout, "15") {
				want = time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
			}
			if err != nil || !got.Equal(want) {
				t.Errorf("parseDate(%q) = %v, %v, want %v", example, got, err, want)
			}
		}
	}
}
