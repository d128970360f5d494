package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDoesNotFollowLinksOutOfTheBuild: a link in the served folder, to a
// file or a folder outside it, is not followed.
func TestDoesNotFollowLinksOutOfTheBuild(t *testing.T) {
	const secret = "SECRET-outside-the-build"
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, addr := startServer(t, copySite(t))
	dir := srv.Session().Dir()
	for name, target := range map[string]string{"leak.txt": filepath.Join(outside, "secret.txt"), "leak": outside, "notices/leak": outside} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	base := srv.Session().Site().Config.BasePath()
	for _, p := range []string{"leak.txt", "leak/secret.txt", "notices/leak/secret.txt", "leak/"} {
		status, body := get(t, addr+base+p)
		if status != 404 || strings.Contains(body, secret) {
			t.Errorf("GET %s%s: status %d; want 404 and nothing from outside", base, p, status)
		}
	}
	if status, _ := get(t, addr+base+"notices/"); status != 200 {
		t.Errorf("the notices page: status %d", status)
	}
}
