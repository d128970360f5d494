package qrcode

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// These tests read our codes back with a real decoder, zbarimg from
// Debian's zbar-tools, so that a mistake shared with boombuler cannot hide.

// zbarimg returns the path of zbarimg, skipping the test where it is not
// installed, but failing in CI, which installs it.
func zbarimg(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("zbarimg not found; CI must install zbar-tools")
		}
		t.Skip("zbarimg not found; apt-get install zbar-tools to run this test")
	}
	return path
}

// scan draws the symbol at 4 pixels a module inside a quiet zone of four
// modules and returns what zbarimg reads from it.
func scan(t *testing.T, zbar string, s *symbol) string {
	t.Helper()
	const px = 4
	side := (s.size + 2*quiet) * px
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			r, c := y/px-quiet, x/px-quiet
			dark := r >= 0 && c >= 0 && r < s.size && c < s.size && s.modules[r*s.size+c] == 1
			img.SetGray(x, y, color.Gray{Y: map[bool]uint8{true: 0, false: 255}[dark]})
		}
	}
	file := filepath.Join(t.TempDir(), "qr.png")
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbar, "--raw", "-q", file).Output()
	if err != nil {
		t.Fatalf("zbarimg could not read version %d (mask %d): %v", s.version, s.mask, err)
	}
	return strings.TrimSuffix(string(out), "\n")
}

func TestZbarReadsBack(t *testing.T) {
	t.Parallel()
	zbar := zbarimg(t)
	long := func(n int) string { return randomURLText(n) }
	for _, text := range []string{
		pageURL,
		long(200),
		long(1000),
		long(2331), // the most version 40-M holds
		"关于邀请优质幼儿园加入学前教育高质量发展联盟的函（湖南国际教育科学研究院，2024年3月17日）",
		"https://example.org/通知/2024-03-17/?q=扫码在手机上打开",
	} {
		s, err := encode([]byte(text), levelM)
		if err != nil {
			t.Fatal(err)
		}
		if got := scan(t, zbar, s); got != text {
			t.Errorf("version %d, %d bytes: zbarimg read %.60q, want %.60q", s.version, len(text), got, text)
		}
	}
}

func TestZbarReadsEveryMaskAndLevel(t *testing.T) {
	t.Parallel()
	zbar := zbarimg(t)
	for l := levelL; l <= levelH; l++ {
		for k := 0; k < 8; k++ {
			text := fmt.Sprintf("%s?level=%v&mask=%d", pageURL, l, k)
			s, err := encodeMask([]byte(text), l, k)
			if err != nil {
				t.Fatal(err)
			}
			if got := scan(t, zbar, s); got != text {
				t.Errorf("level %v mask %d: zbarimg read %q", l, k, got)
			}
		}
	}
}

// randomURLText is a URL of exactly n bytes, the same on every run.
func randomURLText(n int) string {
	var b strings.Builder
	b.WriteString("https://example.org/alliance/notices/")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%d-%s/", i, []string{"zaozhuang", "hunan", "yichang", "form"}[i%4])
	}
	return b.String()[:n]
}
