package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"testing"

	"github.com/gen2brain/webp"

	"alliance/internal/testkit/imagetest"
)

// sameImage fails unless a and b decode to the same pixels.
func sameImage(t *testing.T, a, b []byte) {
	t.Helper()
	ma, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	mb, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("stripped file does not decode: %v", err)
	}
	if ma.Bounds() != mb.Bounds() {
		t.Fatalf("bounds %v became %v", ma.Bounds(), mb.Bounds())
	}
	for y := ma.Bounds().Min.Y; y < ma.Bounds().Max.Y; y += 7 {
		for x := ma.Bounds().Min.X; x < ma.Bounds().Max.X; x += 7 {
			if ma.At(x, y) != mb.At(x, y) {
				t.Fatalf("pixel %d,%d changed", x, y)
			}
		}
	}
}

func TestStripJPEGKeepsPixelsAndOrientation(t *testing.T) {
	plain := imagetest.JPEG(imagetest.Photo(300, 200, 1))
	raw := imagetest.WithEXIF(plain, imagetest.EXIF{Orientation: 6, GPS: true, Serial: "SN-STRIP-1"})
	got, err := Strip(raw, ".JPG")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(got, []byte("SN-STRIP-1")) || bytes.Contains(got, []byte{0x25, 0x88}) {
		t.Error("serial number or GPS pointer left in the JPEG")
	}
	if jpegOrientation(got) != 6 {
		t.Errorf("orientation %d, want 6 kept", jpegOrientation(got))
	}
	if !bytes.HasSuffix(got, plain[bytes.Index(plain, []byte{0xFF, 0xDA}):]) {
		t.Error("the compressed image changed")
	}
	sameImage(t, raw, got)
	if _, err := Strip([]byte("not a jpeg"), ".jpg"); err == nil {
		t.Error("a text file named .jpg was accepted")
	}
}

func TestStripPNGDropsText(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, imagetest.Photo(64, 48, 2)); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	// A tEXt chunk with a GPS note, after IHDR (8 + 25 bytes).
	data := []byte("Comment\x00GPS 30.69N 111.28E")
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	chunk = append(chunk, "tEXt"...)
	chunk = append(chunk, data...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(append([]byte("tEXt"), data...)))
	withText := append(append(append([]byte{}, raw[:33]...), chunk...), raw[33:]...)
	got, err := Strip(withText, ".png")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(got, []byte("GPS")) || !bytes.Equal(got, raw) {
		t.Error("the tEXt chunk was not removed, or more than it")
	}
	sameImage(t, withText, got)
}

func TestStripWebPDropsEXIF(t *testing.T) {
	var b bytes.Buffer
	if err := webp.Encode(&b, imagetest.Photo(64, 48, 3), webp.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	simple := b.Bytes() // RIFF, WEBP, one VP8 chunk
	le := binary.LittleEndian
	vp8x := []byte("VP8X")
	vp8x = le.AppendUint32(vp8x, 10)
	vp8x = append(vp8x, 0x08, 0, 0, 0, 63, 0, 0, 47, 0, 0) // EXIF flag, canvas 64×48
	exif := append(le.AppendUint32([]byte("EXIF"), 9), "GPS-WEBP!"...)
	exif = append(exif, 0) // pad to even
	file := append([]byte("RIFF\x00\x00\x00\x00WEBP"), vp8x...)
	file = append(file, simple[12:]...)
	file = append(file, exif...)
	le.PutUint32(file[4:], uint32(len(file)-8))
	got, err := Strip(file, ".webp")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(got, []byte("GPS-WEBP")) || bytes.Contains(got, []byte("EXIF")) {
		t.Error("EXIF chunk left in the WebP")
	}
	if got[20]&0x08 != 0 {
		t.Error("the VP8X flag still says there is EXIF")
	}
	if int(le.Uint32(got[4:])) != len(got)-8 {
		t.Error("RIFF size not corrected")
	}
	sameImage(t, file, got)
}
