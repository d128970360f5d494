package load

import (
	"strings"
	"time"

	"alliance/internal/catalog"
)

// The layouts of dates written as strings: a day, a day and time in the
// site's zone, and a day and time with a zone. README's front matter section
// lists an example of each (dates_test.go checks it).
var (
	dayLayouts   = []string{"2006-01-02", "2006/01/02", "2006年1月2日", "2006.01.02"}
	localLayouts = []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006年1月2日15:04", "2006年1月2日 15:04"}
	zonedLayouts = []string{time.RFC3339, "2006-01-02 15:04-07:00", "2006-01-02 15:04:05-07:00"}
)

// parseDate reads a date written in TOML (2021-03-16, 2023-12-31T17:00:00+08:00,
// 2023-12-31T17:00:00) or as a string in one of the layouts above ("2021-03-16",
// "2023-12-31 17:00", "2024年4月30日"). Dates without a zone are in loc. hasTime
// tells whether a time of day was given.
func parseDate(v any, loc *time.Location) (t time.Time, hasTime bool, err error) {
	switch d := v.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		// BurntSushi/toml marks dates written without a zone by these zone names.
		switch d.Location().String() {
		case "date-local":
			return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), false, nil
		case "datetime-local":
			return time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, loc), true, nil
		case "time-local":
			return time.Time{}, false, catalog.Errorf("a time of day without a date")
		}
		return d, true, nil
	case string:
		s := strings.TrimSpace(d)
		if s == "" {
			return time.Time{}, false, nil
		}
		for _, layout := range dayLayouts {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t, false, nil
			}
		}
		for _, layout := range localLayouts {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t, true, nil
			}
		}
		for _, layout := range zonedLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true, nil
			}
		}
		return time.Time{}, false, catalog.Errorf("cannot read %q as a date", s)
	}
	return time.Time{}, false, catalog.Errorf("cannot read %v as a date", v)
}

var dateHint = catalog.Key("write a date as 2024-04-30, or a date and time as 2023-12-31T17:00:00+08:00")
