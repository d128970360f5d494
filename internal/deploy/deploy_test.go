package deploy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"alliance/internal/build"
	"alliance/internal/testkit/s3test"
	"alliance/internal/testkit/testfs"
)

// fixedNow is the clock of the test builds, so that two builds of the same
// sources give the same files.
var fixedNow = time.Date(2024, 4, 1, 12, 0, 0, 0, time.FixedZone("CST", 8*3600))

// site is a copy of the example site's sources and its built public/.
type site struct {
	src, dest string
}

func newSite(t *testing.T) *site {
	t.Helper()
	src := t.TempDir()
	for _, name := range []string{"content", "data", "themes"} {
		if err := os.CopyFS(filepath.Join(src, name), os.DirFS(filepath.Join("../..", name))); err != nil {
			t.Fatal(err)
		}
	}
	testfs.Write(t, filepath.Join(src, "site.toml"), testfs.Read(t, "../../site.toml"))
	s := &site{src: src, dest: filepath.Join(src, "public")}
	s.build(t)
	return s
}

func (s *site) build(t *testing.T) {
	t.Helper()
	if _, err := build.Run(build.Options{Source: s.src, Destination: s.dest, Now: fixedNow}); err != nil {
		t.Fatalf("build: %v", err)
	}
}

// sums is the built site's files by path.
func (s *site) sums(t *testing.T) map[string]string {
	t.Helper()
	files, err := Local(s.dest)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = f.Sum
	}
	return out
}

// changed lists the paths whose content differs between two sums, and
// those that are gone.
func changed(before, after map[string]string) (differ, gone []string) {
	for p, s := range after {
		if before[p] != s {
			differ = append(differ, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			gone = append(gone, p)
		}
	}
	sort.Strings(differ)
	sort.Strings(gone)
	return differ, gone
}

func open(t *testing.T, srv *s3test.Server, bucket, prefix string, c Credentials) *Bucket {
	t.Helper()
	b, err := Open(Target{Endpoint: srv.Endpoint, Region: s3test.Region, Bucket: bucket, Prefix: prefix, PathStyle: true}, c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var goodKeys = Credentials{AccessKey: s3test.AccessKey, SecretKey: s3test.SecretKey, From: "the test"}

func run(t *testing.T, b *Bucket, o Options) Result {
	t.Helper()
	if o.Workers == 0 {
		o.Workers = 4
	}
	if o.MaxDeletes == 0 {
		o.MaxDeletes = 256
	}
	res, err := Deploy(context.Background(), b, o)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	return res
}

// checkComplete checks that the bucket holds exactly the site's files under
// prefix, each with the site's hash in its metadata.
func checkComplete(t *testing.T, srv *s3test.Server, bucket, prefix string, want map[string]string) {
	t.Helper()
	objs := srv.Objects(t, bucket, prefix)
	delete(objs, prefix+IndexName)
	if len(objs) != len(want) {
		t.Errorf("bucket holds %d objects under %q, the site %d files", len(objs), prefix, len(want))
	}
	for p, sum := range want {
		st, err := srv.Client.StatObject(context.Background(), bucket, prefix+p, minio.StatObjectOptions{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if got := st.UserMetadata["Alliance-Sha256"]; got != sum {
			t.Errorf("%s: x-amz-meta-alliance-sha256 %q, want %q", p, got, sum)
		}
	}
}

func TestDeployToS3Server(t *testing.T) {
	srv := s3test.Start(t)
	s := newSite(t)
	bucket := srv.Bucket(t, "site")
	const prefix = "alliance/"
	// An object outside the prefix, which no deploy may touch.
	if _, err := srv.Client.PutObject(context.Background(), bucket, "other/keep.txt", strings.NewReader("keep"), 4, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	b := func() *Bucket { return open(t, srv, bucket, prefix, goodKeys) }
	sums := s.sums(t)

	first := run(t, b(), Options{Dir: s.dest})
	if len(first.Sent) != len(sums) || len(first.Deleted) != 0 {
		t.Fatalf("first deploy sent %d files and deleted %d; the site has %d", len(first.Sent), len(first.Deleted), len(sums))
	}
	checkComplete(t, srv, bucket, prefix, sums)

	again := run(t, b(), Options{Dir: s.dest})
	if len(again.Sent) != 0 || len(again.Deleted) != 0 || again.Plan.Unchanged != len(sums) {
		t.Fatalf("deploy without a change sent %v, deleted %v, %d unchanged", again.Sent, again.Deleted, again.Plan.Unchanged)
	}

	// One notice's title and text edited: exactly the files whose content changed go up.
	notice := filepath.Join(s.src, "content/notices/zaozhuang-alliance-plan.md")
	text := strings.Replace(testfs.Read(t, notice), `title = "`, `title = "（修订）`, 1)
	testfs.Write(t, notice, text+"\n\n补充说明：联盟期满后另行通知。\n")
	s.build(t)
	edited := s.sums(t)
	differ, gone := changed(sums, edited)
	// The search index moves to a folder named by its content's hash, so
	// its old shards are gone and its new ones differ.
	for _, p := range gone {
		if !strings.HasPrefix(p, "search/") || !Hashed(p) {
			t.Fatalf("editing a notice removed %s", p)
		}
	}
	for _, p := range []string{"notices/zaozhuang-alliance-plan/index.html", "notices/index.html", "feed.xml"} {
		if !slices.Contains(differ, p) {
			t.Errorf("editing the notice did not change %s; changed: %v", p, differ)
		}
	}
	if !slices.ContainsFunc(differ, func(p string) bool { return strings.HasPrefix(p, "search/") && Hashed(p) }) {
		t.Errorf("editing the notice changed no search shard: %v", differ)
	}
	if len(differ) > len(sums)/2 {
		t.Errorf("editing one notice changed %d of %d files", len(differ), len(sums))
	}
	objsBefore := srv.Objects(t, bucket, prefix)

	// A dry run lists the same uploads and changes nothing.
	dry := run(t, b(), Options{Dir: s.dest, DryRun: true})
	var planned []string
	for _, a := range dry.Plan.Actions {
		planned = append(planned, a.Path)
	}
	sort.Strings(planned)
	if want := slices.Sorted(slices.Values(append(slices.Clone(differ), gone...))); !slices.Equal(planned, want) || len(dry.Sent) != 0 {
		t.Errorf("dry run planned %v, want %v (sent %v)", planned, want, dry.Sent)
	}
	if after := srv.Objects(t, bucket, prefix); !equalMaps(after, objsBefore) {
		t.Errorf("the dry run changed the bucket")
	}

	res := run(t, b(), Options{Dir: s.dest})
	if !slices.Equal(res.Sent, differ) || !slices.Equal(res.Deleted, gone) {
		t.Errorf("after editing a notice the deploy sent %v and deleted %v, want the changed files %v and the old ones %v", res.Sent, res.Deleted, differ, gone)
	}
	checkComplete(t, srv, bucket, prefix, edited)

	// A notice deleted: more deletions than --max-deletes stop the deploy
	// before it changes anything; then its objects go.
	if err := os.RemoveAll(filepath.Join(s.src, "content/notices/kunming-community-invitation")); err != nil {
		t.Fatal(err)
	}
	s.build(t)
	pruned := s.sums(t)
	_, gone = changed(edited, pruned)
	for _, p := range []string{"notices/kunming-community-invitation/index.html", "notices/kunming-community-invitation/canjian-zhengming.txt"} {
		if !slices.Contains(gone, p) {
			t.Fatalf("deleting the notice did not remove %s: gone %v", p, gone)
		}
	}
	objsBefore = srv.Objects(t, bucket, "")
	// Superseded hashed assets (the old search index) are not counted.
	counted := slices.DeleteFunc(slices.Clone(gone), Hashed)
	if len(counted) < 2 || len(counted) == len(gone) {
		t.Fatalf("deleting a notice removes %v; want pages and hashed assets", gone)
	}
	_, err := Deploy(context.Background(), b(), Options{Dir: s.dest, MaxDeletes: len(counted) - 1, Workers: 4})
	var tooMany *TooManyDeletesError
	if !errors.As(err, &tooMany) || tooMany.Deletes != len(counted) {
		t.Fatalf("deploy with %d deletions over --max-deletes %d: %v", len(counted), len(counted)-1, err)
	}
	if after := srv.Objects(t, bucket, ""); !equalMaps(after, objsBefore) {
		t.Errorf("the deploy stopped by --max-deletes changed the bucket")
	}
	res = run(t, b(), Options{Dir: s.dest, MaxDeletes: len(counted)})
	if !slices.Equal(res.Deleted, gone) {
		t.Errorf("deleted %v, want %v", res.Deleted, gone)
	}
	checkComplete(t, srv, bucket, prefix, pruned)
	if _, err := srv.Client.StatObject(context.Background(), bucket, "other/keep.txt", minio.StatObjectOptions{}); err != nil {
		t.Errorf("the object outside the prefix is gone: %v", err)
	}

	// An object replaced by hand (another ETag, no hash) is sent again;
	// without the index every object is asked for its hash, and nothing is sent.
	about, err := os.Stat(filepath.Join(s.dest, "about/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	hand := strings.Repeat("x", int(about.Size())) // the same size: only the ETag tells
	if _, err := srv.Client.PutObject(context.Background(), bucket, prefix+"about/index.html", strings.NewReader(hand), about.Size(), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if res := run(t, b(), Options{Dir: s.dest}); !slices.Equal(res.Sent, []string{"about/index.html"}) || len(res.Deleted) != 0 {
		t.Errorf("after a hand edit the deploy sent %v and deleted %v", res.Sent, res.Deleted)
	}
	if err := srv.Client.RemoveObject(context.Background(), bucket, prefix+IndexName, minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if res := run(t, b(), Options{Dir: s.dest}); len(res.Sent)+len(res.Deleted) != 0 || res.Plan.Unchanged != len(pruned) {
		t.Errorf("without the index the deploy sent %v and deleted %v", res.Sent, res.Deleted)
	}
	checkComplete(t, srv, bucket, prefix, pruned)

	t.Run("headers", func(t *testing.T) { checkHeaders(t, srv, bucket, prefix, pruned) })
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// checkHeaders asks the server (HEAD) for each kind of file's headers, and
// fetches the home page by a plain GET.
func checkHeaders(t *testing.T, srv *s3test.Server, bucket, prefix string, files map[string]string) {
	kinds := map[string]struct{ typ, cache string }{
		".html": {"text/html; charset=utf-8", CacheRevalidated},
		".css":  {"text/css; charset=utf-8", CacheImmutable},
		".js":   {"text/javascript; charset=utf-8", CacheImmutable},
		".json": {"application/json; charset=utf-8", ""},
		".xml":  {"application/xml; charset=utf-8", CacheRevalidated},
		".txt":  {"text/plain; charset=utf-8", ""},
		".csv":  {"text/csv; charset=utf-8", CacheRevalidated},
		".svg":  {"image/svg+xml", ""},
		".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", CacheRevalidated},
		".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", CacheRevalidated},
	}
	seen := map[string]int{}
	var immutable, revalidated int
	for p := range files {
		k, ok := kinds[filepath.Ext(p)]
		if !ok {
			continue
		}
		st, err := srv.Client.StatObject(context.Background(), bucket, prefix+p, minio.StatObjectOptions{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		seen[filepath.Ext(p)]++
		if st.ContentType != k.typ {
			t.Errorf("%s: Content-Type %q, want %q", p, st.ContentType, k.typ)
		}
		cache := st.Metadata.Get("Cache-Control")
		want := k.cache
		if want == "" { // depends on the name: search shards are hashed, meta.json is not
			want = CacheRevalidated
			if Hashed(p) {
				want = CacheImmutable
			}
		}
		if cache != want {
			t.Errorf("%s: Cache-Control %q, want %q", p, cache, want)
		}
		if cache == CacheImmutable {
			immutable++
		} else {
			revalidated++
		}
		if enc := st.Metadata.Get("Content-Encoding"); enc != "" {
			t.Errorf("%s: Content-Encoding %q; nothing is sent compressed", p, enc)
		}
	}
	for ext := range kinds {
		if seen[ext] == 0 {
			t.Errorf("the example site has no %s file to check", ext)
		}
	}
	if immutable == 0 || revalidated == 0 {
		t.Errorf("%d immutable and %d revalidated files; want both kinds", immutable, revalidated)
	}

	u, err := srv.Client.PresignedGetObject(context.Background(), bucket, prefix+"index.html", time.Minute, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(string(body), "<html") {
		t.Errorf("GET index.html: %s, Content-Type %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
	}
}

// A deploy cancelled part way leaves the home page and feeds as they were
// and no page before its assets; running it again completes the site.
func TestInterruptedDeployFinishesOnTheNextRun(t *testing.T) {
	srv := s3test.Start(t)
	s := newSite(t)
	bucket := srv.Bucket(t, "site")
	b := open(t, srv, bucket, "", goodKeys)
	const stopAfter = 20
	ctx, cancel := context.WithCancel(context.Background())
	res, err := Deploy(ctx, b, Options{Dir: s.dest, Workers: 2, MaxDeletes: 256, Progress: func(p Progress) {
		if p.Done >= stopAfter {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled deploy returned %v", err)
	}
	objs := srv.Objects(t, bucket, "")
	if len(res.Sent) < stopAfter || len(objs) >= len(s.sums(t)) {
		t.Fatalf("cancelled deploy sent %d files, bucket holds %d", len(res.Sent), len(objs))
	}
	for key := range objs {
		if StageOf(key) == Entries {
			t.Errorf("%s went up before the deploy was cancelled; the home page and feeds go last", key)
		}
	}
	if _, ok := objs[IndexName]; ok {
		t.Errorf("the cancelled deploy wrote %s", IndexName)
	}

	sums := s.sums(t)
	res = run(t, open(t, srv, bucket, "", goodKeys), Options{Dir: s.dest})
	// An upload under way when the deploy was cancelled may still have
	// finished on the server: it is complete, and not sent again.
	if len(res.Sent)+res.Plan.Unchanged != len(sums) || res.Plan.Unchanged < len(objs) {
		t.Errorf("the second run sent %d files and found %d unchanged; %d were there after the cancel, the site has %d", len(res.Sent), res.Plan.Unchanged, len(objs), len(sums))
	}
	for _, p := range res.Sent {
		if _, ok := objs[p]; ok {
			t.Errorf("the second run sent %s again", p)
		}
	}
	checkComplete(t, srv, bucket, "", sums)
	if res := run(t, open(t, srv, bucket, "", goodKeys), Options{Dir: s.dest}); len(res.Sent) != 0 {
		t.Errorf("a third run sent %v", res.Sent)
	}
}

func TestWrongKeysAreRefusedClearly(t *testing.T) {
	srv := s3test.Start(t)
	s := newSite(t)
	bucket := srv.Bucket(t, "site")
	bad := Credentials{AccessKey: s3test.AccessKey, SecretKey: "not-the-secret-at-all", From: "ALLIANCE_DEPLOY_ACCESS_KEY and ALLIANCE_DEPLOY_SECRET_KEY"}
	_, err := Deploy(context.Background(), open(t, srv, bucket, "", bad), Options{Dir: s.dest, Workers: 2, MaxDeletes: 256})
	if !errors.Is(err, ErrCredentials) || !strings.Contains(err.Error(), "ALLIANCE_DEPLOY_SECRET_KEY") || strings.Contains(err.Error(), bad.SecretKey) {
		t.Fatalf("wrong secret: %v", err)
	}
	if objs := srv.Objects(t, bucket, ""); len(objs) != 0 {
		t.Errorf("a refused deploy left %d objects", len(objs))
	}
}
