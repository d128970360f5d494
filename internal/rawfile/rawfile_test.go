package rawfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteAndReadBack(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("通知正文，"), 100_000) // 1.5 MB, more than one read
	for _, data := range [][]byte{nil, []byte("甲"), big} {
		name := filepath.Join(dir, "f.html")
		if err := WriteFile(name, data); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("read back %d bytes, wrote %d", len(got), len(data))
		}
		if via, _ := os.ReadFile(name); !bytes.Equal(via, data) {
			t.Errorf("os.ReadFile sees %d bytes, wrote %d", len(via), len(data))
		}
		st, err := os.Stat(name)
		if err != nil || st.Mode().Perm()&0o600 != 0o600 {
			t.Errorf("mode %v, err %v", st.Mode(), err)
		}
	}
	// Writing again truncates.
	name := filepath.Join(dir, "f.html")
	if err := WriteFile(name, []byte("短")); err != nil {
		t.Fatal(err)
	}
	if got, _ := ReadFile(name); string(got) != "短" {
		t.Errorf("after a shorter write the file holds %q", got)
	}
}

func TestErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such.md")
	if _, err := ReadFile(missing); !errors.Is(err, fs.ErrNotExist) || !bytes.Contains([]byte(err.Error()), []byte(missing)) {
		t.Errorf("reading a missing file: %v", err)
	}
	if err := WriteFile(missing, []byte("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("reading a folder gave no error")
	}
}

func TestReadFileMax(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f.md")
	if err := WriteFile(name, bytes.Repeat([]byte("x"), 1000)); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFileMax(name, 1000); err != nil || len(got) != 1000 {
		t.Errorf("at the limit: %d bytes, %v", len(got), err)
	}
	var tl *TooLargeError
	if _, err := ReadFileMax(name, 999); !errors.As(err, &tl) || tl.Size != 1000 || tl.Max != 999 {
		t.Errorf("over the limit: %v", err)
	}
}
