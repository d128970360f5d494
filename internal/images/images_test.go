package images

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/testkit/imagetest"
)

// write puts data into dir/name and returns the path.
func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// site is a site with one report showing the given photos.
func site(photos ...*model.Image) *model.Site {
	r := &model.Report{Doc: model.Doc{URL: "reports/a/"}}
	for _, im := range photos {
		r.Photos = append(r.Photos, model.Photo{URL: im.URL, Image: im})
	}
	return &model.Site{Reports: []*model.Report{r}}
}

func TestPlanNeverEnlarges(t *testing.T) {
	for _, c := range []struct {
		w, h   int
		widths []int
	}{
		{4000, 3000, []int{480, 960, 1600}},
		{1200, 900, []int{480, 960, 1200}},
		{960, 540, []int{480, 960}},
		{300, 200, []int{300}},
		{1600, 1600, []int{480, 960, 1600}},
	} {
		rs := plan("reports/a/p.jpg", c.w, c.h)
		var got []int
		for _, r := range rs {
			if r.Type == model.JPEG {
				got = append(got, r.Width)
				if want := (c.h*r.Width + c.w/2) / c.w; r.Height != want {
					t.Errorf("%dx%d at %d: height %d, want %d", c.w, c.h, r.Width, r.Height, want)
				}
			}
		}
		if len(rs) != 2*len(got) {
			t.Errorf("%dx%d: %d renditions for %d widths: want a WebP and a JPEG each", c.w, c.h, len(rs), len(got))
		}
		if len(got) != len(c.widths) || got[len(got)-1] != c.widths[len(c.widths)-1] || got[0] != c.widths[0] {
			t.Errorf("%dx%d: widths %v, want %v", c.w, c.h, got, c.widths)
		}
	}
	if rs := plan("reports/a/Photo.JPEG", 4000, 3000); rs[0].URL != "reports/a/Photo-480w.webp" || rs[1].URL != "reports/a/Photo-480w.jpg" {
		t.Errorf("names: %q, %q", rs[0].URL, rs[1].URL)
	}
}

// TestOrientation: a photo stored sideways with EXIF orientation 6 (turn
// 90° clockwise) is published upright: the left half of the stored pixels
// (red) becomes the top.
func TestOrientation(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 80, 40))
	for y := range 40 {
		for x := range 80 {
			c := color.RGBA{200, 0, 0, 255}
			if x >= 40 {
				c = color.RGBA{0, 0, 200, 255}
			}
			m.Set(x, y, c)
		}
	}
	dir := t.TempDir()
	src := write(t, dir, "side.jpg", imagetest.WithEXIF(imagetest.JPEG(m), imagetest.EXIF{Orientation: 6}))
	im, err := Inspect(src, "reports/a/side.jpg", "content/reports/a/index.md", 7)
	if err != nil {
		t.Fatal(err)
	}
	if im.Width != 40 || im.Height != 80 || im.Orientation != 6 {
		t.Fatalf("Inspect: %dx%d orientation %d, want 40x80 orientation 6", im.Width, im.Height, im.Orientation)
	}
	data, _ := os.ReadFile(src)
	out, err := process(data, im)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range im.Renditions {
		got, _, err := image.Decode(bytes.NewReader(out[i]))
		if err != nil {
			t.Fatalf("%s: %v", r.URL, err)
		}
		if b := got.Bounds(); b.Dx() != 40 || b.Dy() != 80 {
			t.Fatalf("%s is %dx%d, want 40x80", r.URL, b.Dx(), b.Dy())
		}
		top, _, _, _ := got.At(20, 10).RGBA()
		bottom, _, _, _ := got.At(20, 70).RGBA()
		if top>>8 < 150 || bottom>>8 > 60 {
			t.Errorf("%s: red at top %d, at bottom %d: not turned upright", r.URL, top>>8, bottom>>8)
		}
	}
}

// TestStripsMetadata: the renditions of a photo with GPS position and a
// serial number in its EXIF carry neither, nor any APP segment but JFIF.
func TestStripsMetadata(t *testing.T) {
	dir := t.TempDir()
	raw := imagetest.WithEXIF(imagetest.JPEG(imagetest.Photo(1200, 900, 1)), imagetest.EXIF{Orientation: 1, GPS: true, Serial: "SN-98765-GPS"})
	src := write(t, dir, "gps.jpg", raw)
	if !bytes.Contains(raw, []byte("SN-98765-GPS")) || jpegOrientation(raw) != 1 {
		t.Fatal("the test photo does not carry its EXIF")
	}
	haveExiftool := false
	if _, err := exec.LookPath("exiftool"); err == nil {
		haveExiftool = true
		out, _ := exec.Command("exiftool", "-gps:all", "-SerialNumber", "-s", src).CombinedOutput()
		if !strings.Contains(string(out), "GPSLatitude") || !strings.Contains(string(out), "SN-98765-GPS") {
			t.Fatalf("exiftool finds no GPS or serial in the test photo:\n%s", out)
		}
	}
	im, err := Inspect(src, "reports/a/gps.jpg", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Build(site(im), &Cache{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 6 {
		t.Fatalf("%d files, want 6", len(files))
	}
	for _, f := range files {
		if bytes.Contains(f.Data, []byte("Exif")) || bytes.Contains(f.Data, []byte("SN-98765")) || bytes.Contains(f.Data, []byte("EXIF")) {
			t.Errorf("%s still has EXIF", f.Path)
		}
		if strings.HasSuffix(f.Path, ".jpg") {
			for _, seg := range appSegments(f.Data) {
				if seg != 0xE0 {
					t.Errorf("%s has an APP%d segment", f.Path, seg-0xE0)
				}
			}
		}
		if haveExiftool {
			p := write(t, dir, filepath.Base(f.Path), f.Data)
			out, _ := exec.Command("exiftool", "-gps:all", "-SerialNumber", "-s", p).CombinedOutput()
			if strings.Contains(string(out), "GPS") || strings.Contains(string(out), "Serial") {
				t.Errorf("exiftool finds in %s:\n%s", f.Path, out)
			}
		}
	}
}

// appSegments lists the APPn markers of a JPEG up to its first scan.
func appSegments(b []byte) []byte {
	var out []byte
	for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
		m := b[i+1]
		if m == 0xDA {
			break
		}
		if m >= 0xE0 && m <= 0xEF {
			out = append(out, m)
		}
		i += 2 + int(b[i+2])<<8 | int(b[i+3])
	}
	return out
}

// TestSizes: a 12-megapixel photo makes renditions at 480, 960 and 1600 px,
// the 960 px JPEG within about 200 KB and none over MaxBytes.
func TestSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("makes a 12-megapixel photo")
	}
	dir := t.TempDir()
	src := write(t, dir, "big.jpg", imagetest.JPEG(imagetest.Photo(4000, 3000, 2)))
	im, err := Inspect(src, "reports/a/big.jpg", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(src)
	out, err := process(data, im)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range im.Renditions {
		t.Logf("%s: %d×%d, %d KB", r.URL, r.Width, r.Height, len(out[i])>>10)
		if len(out[i]) > MaxBytes {
			t.Errorf("%s is %d bytes, over %d", r.URL, len(out[i]), MaxBytes)
		}
		if r.Width == 960 && len(out[i]) > 210<<10 {
			t.Errorf("%s is %d KB, want about 200 KB at most", r.URL, len(out[i])>>10)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(out[i]))
		if err != nil || cfg.Width != r.Width || cfg.Height != r.Height || "image/"+format != r.Type {
			t.Errorf("%s decodes as %s %d×%d (%v), want %s %d×%d", r.URL, format, cfg.Width, cfg.Height, err, r.Type, r.Width, r.Height)
		}
	}
}

// TestCache: a second build of the same photo takes its renditions from the
// cache, byte for byte, and processes nothing.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	src := write(t, dir, "p.jpg", imagetest.JPEG(imagetest.Photo(1000, 750, 3)))
	im, err := Inspect(src, "reports/a/p.jpg", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	c := &Cache{Dir: filepath.Join(dir, "cache")}
	first, err := Build(site(im), c)
	if err != nil {
		t.Fatal(err)
	}
	if c.Made() != 1 {
		t.Fatalf("first build processed %d images, want 1", c.Made())
	}
	c2 := &Cache{Dir: c.Dir}
	second, err := Build(site(im), c2)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Made() != 0 {
		t.Errorf("second build processed %d images, want 0", c2.Made())
	}
	for i, f := range second {
		if f.Src == "" || f.Data != nil {
			t.Fatalf("%s not taken from the cache", f.Path)
		}
		b, err := os.ReadFile(f.Src)
		if err != nil || !bytes.Equal(b, first[i].Data) {
			t.Errorf("%s: cached copy differs from the one made", f.Path)
		}
	}
	// A changed photo is processed again.
	write(t, dir, "p.jpg", imagetest.JPEG(imagetest.Photo(1000, 750, 4)))
	c3 := &Cache{Dir: c.Dir}
	if _, err := Build(site(im), c3); err != nil || c3.Made() != 1 {
		t.Errorf("changed photo: processed %d (%v), want 1", c3.Made(), err)
	}
}

// TestUndecodable: a photo whose header reads but whose data is cut off is
// an error naming the file and line that list it.
func TestUndecodable(t *testing.T) {
	dir := t.TempDir()
	good := imagetest.JPEG(imagetest.Photo(600, 400, 5))
	src := write(t, dir, "cut.jpg", good[:len(good)/3])
	im, err := Inspect(src, "reports/a/cut.jpg", "content/reports/a/index.md", 12)
	if err != nil {
		t.Fatalf("the header should still read: %v", err)
	}
	_, err = Build(site(im), &Cache{Dir: t.TempDir()})
	var errs diag.Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].File != "content/reports/a/index.md" || errs[0].Line != 12 || !strings.Contains(errs[0].Msg, "cut.jpg") {
		t.Fatalf("got %v, want one error at content/reports/a/index.md:12 naming cut.jpg", err)
	}
	// Not an image at all: Inspect says so.
	txt := write(t, dir, "notes.jpg", []byte("这不是图片"))
	if _, err := Inspect(txt, "reports/a/notes.jpg", "", 0); err == nil || !strings.Contains(err.Error(), "JPEG, PNG") {
		t.Errorf("Inspect of a text file: %v", err)
	}
}

// TestPNGWithAlpha: a transparent PNG is laid onto white, so its JPEG
// fallback is not black where it was transparent.
func TestPNGWithAlpha(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 100, 50))
	var b bytes.Buffer
	if err := encodePNG(&b, m); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := write(t, dir, "clear.png", b.Bytes())
	im, err := Inspect(src, "a/clear.png", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	out, err := process(b.Bytes(), im)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range im.Renditions {
		if r.Type != model.JPEG {
			continue
		}
		got, err := jpeg.Decode(bytes.NewReader(out[i]))
		if err != nil {
			t.Fatal(err)
		}
		if c, _, _, _ := got.At(50, 25).RGBA(); c>>8 < 240 {
			t.Errorf("%s: transparent area is %d, want white", r.URL, c>>8)
		}
	}
}

func encodePNG(w *bytes.Buffer, m image.Image) error { return png.Encode(w, m) }

// TestSmallDetailedPictureFitsItsBudget: a small picture full of detail
// cannot be squeezed to 0.3 bytes a pixel, and must not fail the build.
func TestSmallDetailedPictureFitsItsBudget(t *testing.T) {
	if got := budget(64, 48); got < 16<<10 {
		t.Errorf("budget(64, 48) = %d bytes, too small for any real JPEG of that size", got)
	}
	if got := budget(4000, 3000); got != MaxBytes {
		t.Errorf("budget(4000, 3000) = %d, want MaxBytes", got)
	}
}
