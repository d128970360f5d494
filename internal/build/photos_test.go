package build

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"alliance/internal/diag"
	"alliance/internal/testkit/imagetest"
	"alliance/internal/testkit/testfs"
)

// reportDir is the example report with a folder of its own.
const reportDir = "content/reports/yichang-forum-2023"

// addPhotos copies the example site and gives its Yichang report a phone
// photo in [[photos]] (listed first) and another in its text, both with a
// GPS position and the camera's serial number in their EXIF. It returns the
// site folder and the line of the new [[photos]] entry.
func addPhotos(t *testing.T, photo, inText []byte) (string, int) {
	t.Helper()
	site := copySite(t)
	dir := filepath.Join(site, filepath.FromSlash(reportDir))
	if err := os.WriteFile(filepath.Join(dir, "stage.jpg"), photo, 0o644); err != nil {
		t.Fatal(err)
	}
	if inText != nil {
		if err := os.WriteFile(filepath.Join(dir, "hall.jpg"), inText, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	idx := filepath.Join(dir, "index.md")
	src := testfs.Read(t, idx)
	entry := "[[photos]]\nfile = \"stage.jpg\"\ncaption = \"主席台\"\n\n"
	at := strings.Index(src, "[[photos]]")
	line := strings.Count(src[:at], "\n") + 1
	src = src[:at] + entry + src[at:]
	if inText != nil {
		src = strings.Replace(src, "## 开幕式\n", "## 开幕式\n\n![会场全景](hall.jpg)\n", 1)
	}
	testfs.Write(t, idx, src)
	return site, line
}

func gpsPhoto(w, h int, seed int64) []byte {
	return imagetest.WithEXIF(imagetest.JPEG(imagetest.Photo(w, h, seed)),
		imagetest.EXIF{Orientation: 1, GPS: true, Serial: "SN-2023-YICHANG"})
}

// TestPublishedPhotosCarryNoMetadata: a report's photos are published as
// renditions of at most 400 KB with no EXIF (no GPS position, no serial
// number), shown with srcset, sizes, width and height, lazily but for the
// first image of the page; the source file itself is not published.
func TestPublishedPhotosCarryNoMetadata(t *testing.T) {
	site, _ := addPhotos(t, gpsPhoto(1700, 1275, 1), gpsPhoto(1000, 750, 2))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: site, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	_, haveExiftool := exec.LookPath("exiftool")
	var images int
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(p))
		if ext != ".jpg" && ext != ".jpeg" && ext != ".webp" && ext != ".png" && ext != ".gif" {
			return nil
		}
		images++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("SN-2023-YICHANG")) {
			t.Errorf("%s carries EXIF", rel)
		}
		if len(b) > 400<<10 {
			t.Errorf("%s is %d KB, over 400 KB", rel, len(b)>>10)
		}
		if haveExiftool == nil {
			out, _ := exec.Command("exiftool", "-gps:all", "-SerialNumber", "-s", p).CombinedOutput()
			if bytes.Contains(out, []byte("GPS")) || bytes.Contains(out, []byte("Serial")) {
				t.Errorf("exiftool finds in %s:\n%s", rel, out)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if images < 10 {
		t.Errorf("%d raster images published, want the renditions of both photos", images)
	}
	for _, name := range []string{"stage.jpg", "hall.jpg"} {
		if _, err := os.Stat(filepath.Join(dest, "reports/yichang-forum-2023", name)); err == nil {
			t.Errorf("the source %s is published as taken", name)
		}
	}
	page := parseHTML(t, filepath.Join(dest, "reports/yichang-forum-2023/index.html"))
	imgs := findAll(page, tag("img"))
	if len(imgs) < 4 {
		t.Fatalf("%d <img> on the report, want the text's image and three photos", len(imgs))
	}
	for i, img := range imgs {
		src := attr(img, "src")
		if attr(img, "width") == "" || attr(img, "height") == "" {
			t.Errorf("<img src=%q> has no width or height", src)
		}
		if lazy := attr(img, "loading") == "lazy"; lazy == (i == 0) {
			t.Errorf("<img src=%q> (image %d of the page): loading=%q", src, i+1, attr(img, "loading"))
		}
		if !strings.HasSuffix(src, ".svg") {
			if attr(img, "srcset") == "" || attr(img, "sizes") == "" || img.Parent.Data != "picture" {
				t.Errorf("<img src=%q> is not in a <picture> with srcset and sizes", src)
			}
			source := find(img.Parent, tag("source"))
			if source == nil || attr(source, "type") != "image/webp" || !strings.Contains(attr(source, "srcset"), ".webp 480w") {
				t.Errorf("<img src=%q> has no WebP <source>", src)
			}
			for _, u := range strings.Split(attr(img, "srcset"), ", ") {
				fields := strings.Fields(u)
				if len(fields) != 2 {
					t.Errorf("<img src=%q>: srcset entry %q is not \"URL WIDTHw\"", src, u)
					continue
				}
				f := strings.TrimPrefix(fields[0], "/")
				if !strings.HasPrefix(f, "reports/") {
					f = "reports/yichang-forum-2023/" + f
				}
				if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
					t.Errorf("srcset names %s, which is not published", f)
				}
			}
		}
	}
	// The first photo is the picture of a shared link.
	og := find(page, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "property") == "og:image" })
	if og == nil || !strings.HasSuffix(attr(og, "content"), "reports/yichang-forum-2023/stage-960w.jpg") {
		t.Errorf("og:image is not the first photo's JPEG: %v", og)
	}
}

// TestUnchangedPhotosAreNotProcessedAgain: a second build takes every
// rendition from the cache, and a changed photo alone is processed again.
func TestUnchangedPhotosAreNotProcessedAgain(t *testing.T) {
	site, _ := addPhotos(t, gpsPhoto(900, 675, 3), gpsPhoto(600, 450, 4))
	dest := filepath.Join(t.TempDir(), "public")
	run := func() *Summary {
		t.Helper()
		sum, err := Run(Options{Source: site, Destination: dest, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if sum := run(); sum.Images != 2 {
		t.Fatalf("first build processed %d images, want 2", sum.Images)
	}
	if _, err := os.Stat(filepath.Join(site, ".alliance-cache", "images")); err != nil {
		t.Fatalf("no cache folder: %v", err)
	}
	if sum := run(); sum.Images != 0 {
		t.Errorf("second build processed %d images, want 0", sum.Images)
	}
	testfs.Write(t, filepath.Join(site, reportDir, "hall.jpg"), string(gpsPhoto(600, 450, 5)))
	if sum := run(); sum.Images != 1 {
		t.Errorf("after changing one photo the build processed %d images, want 1", sum.Images)
	}
}

// TestUndecodablePhotoIsAnError: a photo that is not an image, or is cut
// off, is an error at the line of its [[photos]] entry.
func TestUndecodablePhotoIsAnError(t *testing.T) {
	good := imagetest.JPEG(imagetest.Photo(800, 600, 6))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"not an image", []byte("这是一份文字说明，不是照片")},
		{"cut off", good[:len(good)/2]},
	} {
		t.Run(c.name, func(t *testing.T) {
			site, line := addPhotos(t, c.data, nil)
			_, err := Run(Options{Source: site, Destination: filepath.Join(t.TempDir(), "public"), Now: fixedNow})
			var errs diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want a diag.Errors", err)
			}
			if len(errs) != 1 || errs[0].File != reportDir+"/index.md" || errs[0].Line != line || !strings.Contains(errs[0].Msg, "stage.jpg") {
				t.Errorf("got %v, want one error at %s/index.md:%d naming stage.jpg", err, reportDir, line)
			}
		})
	}
}

// TestCopiedImagesLoseTheirMetadata: an image attached to a notice and one
// in static/ are published at their own size and quality but without EXIF.
func TestCopiedImagesLoseTheirMetadata(t *testing.T) {
	site := copySite(t)
	photo := gpsPhoto(640, 480, 8)
	notice := filepath.Join(site, "content/notices/kunming-community-invitation")
	testfs.Write(t, filepath.Join(notice, "scan.jpg"), string(photo))
	testfs.Write(t, filepath.Join(site, "static/images/logo.jpg"), string(photo))
	idx := filepath.Join(notice, "index.md")
	src := testfs.Read(t, idx)
	end := strings.Index(src[4:], "+++\n") + 4 // the line closing the front matter
	src = src[:end] + "\n[[attachments]]\ntitle = \"附件：扫描件\"\nfile = \"scan.jpg\"\n" + src[end:]
	testfs.Write(t, idx, src)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(Options{Source: site, Destination: dest, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"notices/kunming-community-invitation/scan.jpg", "images/logo.jpg"} {
		b, err := os.ReadFile(filepath.Join(dest, p))
		if err != nil {
			t.Fatalf("%s not published: %v", p, err)
		}
		if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("SN-2023-YICHANG")) {
			t.Errorf("%s keeps its EXIF", p)
		}
		scan := bytes.Index(photo, []byte{0xFF, 0xDA})
		if !bytes.HasSuffix(b, photo[scan:]) {
			t.Errorf("%s: the image itself changed", p)
		}
	}
}
