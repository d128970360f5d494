// Package s3test starts a real S3-compatible server for tests: Versity
// Gateway (versitygw) serving a temporary folder on 127.0.0.1. Tests find the
// binary through $VERSITYGW or PATH; without it they are skipped, except
// under CI=true, where a missing server fails them (.ci/run installs it).
package s3test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// The root keys the server is started with.
const (
	AccessKey = "alliance-test-access"
	SecretKey = "alliance-test-secret-0123456789"
	Region    = "us-east-1"
)

// Server is a running versitygw.
type Server struct {
	Endpoint string // http://127.0.0.1:PORT
	Dir      string // the folder whose subfolders are the buckets
	Client   *minio.Client
}

// binary finds versitygw, or skips (fails under CI=true) the test.
func binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("VERSITYGW"); p != "" {
		return p
	}
	p, err := exec.LookPath("versitygw")
	if err == nil {
		return p
	}
	msg := "versitygw not found: set VERSITYGW or put it on PATH (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Start runs a versitygw on a free port of 127.0.0.1 for the length of the
// test and waits until it answers.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := binary(t)
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	log := &bytes.Buffer{}
	cmd := exec.Command(bin, "--port", addr, "--quiet", "posix", dir)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+AccessKey, "ROOT_SECRET_KEY="+SecretKey)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	cl, err := minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4(AccessKey, SecretKey, ""), Region: Region, BucketLookup: minio.BucketLookupPath})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := cl.ListBuckets(ctx)
		cancel()
		if err == nil {
			break
		}
		select {
		case <-exited:
			t.Fatalf("versitygw exited: %s", log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not answer on %s: %v\n%s", addr, err, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return &Server{Endpoint: "http://" + addr, Dir: dir, Client: cl}
}

// Bucket makes a new bucket and returns its name.
func (s *Server) Bucket(t testing.TB, name string) string {
	t.Helper()
	if err := s.Client.MakeBucket(context.Background(), name, minio.MakeBucketOptions{Region: Region}); err != nil {
		t.Fatalf("making bucket %s: %v", name, err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, name)); err != nil {
		t.Fatalf("bucket %s has no folder: %v", name, err)
	}
	return name
}

// Objects returns every object of the bucket under prefix by key, with its
// ETag, so a test can tell whether anything changed.
func (s *Server) Objects(t testing.TB, bucket, prefix string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for o := range s.Client.ListObjects(context.Background(), bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			t.Fatalf("listing %s: %v", bucket, o.Err)
		}
		out[o.Key] = fmt.Sprintf("%s %d %s", o.ETag, o.Size, o.LastModified.Format(time.RFC3339Nano))
	}
	return out
}
