package build

import (
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"alliance/internal/testkit/testfs"
)

// TestThemeColoursContrast reads the default theme's colour variables and
// checks that every text colour reaches WCAG AA (4.5:1) on the backgrounds
// it is used on.
func TestThemeColoursContrast(t *testing.T) {
	css := testfs.Read(t, filepath.Join(repoRoot, "themes/default/static/css/main.css"))
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b`).FindAllStringSubmatch(css, -1) {
		h := m[2]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		vars[m[1]] = "#" + h
	}
	backgrounds := []string{"#ffffff", vars["bg-soft"]}
	for _, fg := range []string{"text", "muted", "link", "accent", "open", "closed"} {
		if vars[fg] == "" {
			t.Fatalf("main.css has no --%s colour", fg)
		}
		for _, bg := range backgrounds {
			if r := contrast(vars[fg], bg); r < 4.5 {
				t.Errorf("--%s %s on %s has contrast %.2f:1, below 4.5:1", fg, vars[fg], bg, r)
			}
		}
	}
	// White text on the accent colour (buttons).
	if r := contrast("#ffffff", vars["accent"]); r < 4.5 {
		t.Errorf("white on --accent has contrast %.2f:1", r)
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}
