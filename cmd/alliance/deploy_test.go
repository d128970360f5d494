package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"alliance/internal/deploy"
	"alliance/internal/testkit/s3test"
	"alliance/internal/testkit/testfs"
)

func TestDeployCommand(t *testing.T) {
	srv := s3test.Start(t)
	bucket := srv.Bucket(t, "site")
	src := t.TempDir()
	for _, name := range []string{"content", "data", "themes"} {
		if err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join("../..", name))); err != nil {
			t.Fatal(err)
		}
	}
	testfs.Write(t, filepath.Join(src, "site.toml"), testfs.Read(t, "../../site.toml")+`
[[deploy]]
name = "local"
endpoint = "`+srv.Endpoint+`"
region = "`+s3test.Region+`"
bucket = "`+bucket+`"
prefix = "alliance"
path_style = true
`)
	if code, _, errOut := runT("build", "--source", src); code != 0 {
		t.Fatalf("build: %s", errOut)
	}
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "ALLIANCE_DEPLOY_ACCESS_KEY", "ALLIANCE_DEPLOY_SECRET_KEY"} {
		t.Setenv(k, "")
	}
	objects := func() int { return len(srv.Objects(t, bucket, "")) }

	if code, _, errOut := runT("deploy", "--source", src); code != 2 || !strings.Contains(errOut, "ALLIANCE_DEPLOY_ACCESS_KEY") {
		t.Errorf("no keys: code %d, stderr %q", code, errOut)
	}
	t.Setenv("ALLIANCE_DEPLOY_ACCESS_KEY", s3test.AccessKey)
	t.Setenv("ALLIANCE_DEPLOY_SECRET_KEY", "wrong-secret-1234567")
	code, out, errOut := runT("deploy", "--source", src)
	if code != 1 || !strings.Contains(errOut, "refused the keys from ALLIANCE_DEPLOY_ACCESS_KEY and ALLIANCE_DEPLOY_SECRET_KEY") ||
		strings.Contains(errOut+out, "wrong-secret-1234567") || objects() != 0 {
		t.Errorf("wrong secret: code %d, stdout %q, stderr %q, %d objects", code, out, errOut, objects())
	}
	t.Setenv("ALLIANCE_DEPLOY_SECRET_KEY", s3test.SecretKey)
	if code, _, errOut := runT("deploy", "--source", src, "--target", "oss"); code != 2 || !strings.Contains(errOut, `no [[deploy]] table named "oss"; it has local`) {
		t.Errorf("unknown target: code %d, stderr %q", code, errOut)
	}

	code, out, errOut = runT("deploy", "--source", src, "--dry-run")
	if code != 0 || !strings.Contains(out, "upload  index.html (") || !regexp.MustCompile(`dry run for local \(bucket site/alliance\): would upload \d+ files`).MatchString(out) || objects() != 0 {
		t.Errorf("dry run: code %d, stdout %q, stderr %q, %d objects", code, out, errOut, objects())
	}
	code, out, errOut = runT("deploy", "--source", src)
	if code != 0 || !regexp.MustCompile(`^deployed to local \(bucket site/alliance\): sent \d+ files \(.+\), deleted 0, 0 unchanged, in \S+\n$`).MatchString(out) {
		t.Fatalf("deploy: code %d, stdout %q, stderr %q", code, out, errOut)
	}

	// An object the site does not have, over --max-deletes 0: refused, exit 3.
	if _, err := srv.Client.PutObject(context.Background(), bucket, "alliance/old.html", strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runT("deploy", "--source", src, "--max-deletes", "0")
	if code != 3 || !strings.Contains(errOut, "--force") {
		t.Errorf("--max-deletes 0: code %d, stderr %q", code, errOut)
	}
	if _, err := srv.Client.StatObject(context.Background(), bucket, "alliance/old.html", minio.StatObjectOptions{}); err != nil {
		t.Errorf("the refused deploy deleted the object: %v", err)
	}
	code, out, _ = runT("deploy", "--source", src, "--max-deletes", "0", "--force")
	if code != 0 || !strings.Contains(out, "sent 0 files (0 B), deleted 1,") {
		t.Errorf("--force: code %d, stdout %q", code, out)
	}
	if code, _, _ := runT("deploy", "--source", src, "--workers", "0"); code != 2 {
		t.Errorf("--workers 0: code %d", code)
	}
}

// TestDeployProgressLine checks the one rewritten line: files, bytes and
// rate, drawn at most five times a second but always at the end, and cleared.
func TestDeployProgressLine(t *testing.T) {
	var buf bytes.Buffer
	if newDeployProgress(&buf) != nil {
		t.Error("progress shown in a buffer")
	}
	var none *deployProgress
	none.update(deploy.Progress{}) // a nil progress does nothing
	none.stop()
	p := &deployProgress{w: &buf, start: time.Now().Add(-2 * time.Second)}
	p.update(deploy.Progress{Stage: deploy.Pages, Done: 5, Total: 10, Bytes: 4 << 20, TotalBytes: 8 << 20})
	p.update(deploy.Progress{Stage: deploy.Pages, Done: 6, Total: 10, Bytes: 5 << 20, TotalBytes: 8 << 20}) // too soon
	p.update(deploy.Progress{Stage: deploy.Entries, Done: 10, Total: 10, Bytes: 8 << 20, TotalBytes: 8 << 20})
	p.stop()
	want := regexp.MustCompile(`^\r\x1b\[Kdeploying pages: 5/10 files, 4\.0 MB of 8\.0 MB, [12]\.\d MB/s` +
		`\r\x1b\[Kdeploying home page and feeds: 10/10 files, 8\.0 MB of 8\.0 MB, \d+\.\d MB/s\r\x1b\[K$`)
	if got := buf.String(); !want.MatchString(got) {
		t.Errorf("progress output %q", got)
	}
}
