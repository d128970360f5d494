package deploy

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"alliance/internal/catalog"
	"alliance/internal/parallel"
)

// Target is where a site is published: a bucket, and a prefix inside it.
type Target struct {
	Endpoint  string // https://oss-cn-hangzhou.aliyuncs.com
	Region    string // cn-hangzhou
	Bucket    string
	Prefix    string // "" or a folder ending in "/"
	PathStyle bool   // bucket in the path instead of the host name
}

// Credentials are the keys a deploy signs its requests with. They come only
// from the environment (see CredentialsFromEnv), never from site.toml.
type Credentials struct {
	AccessKey, SecretKey, SessionToken string
	// From names the variables they came from, for messages.
	From string
}

// The environment variables a deploy reads its keys from.
const (
	EnvAccessKey    = "ALLIANCE_DEPLOY_ACCESS_KEY"
	EnvSecretKey    = "ALLIANCE_DEPLOY_SECRET_KEY"
	EnvAWSAccessKey = "AWS_ACCESS_KEY_ID"
	EnvAWSSecretKey = "AWS_SECRET_ACCESS_KEY"
	EnvAWSToken     = "AWS_SESSION_TOKEN"
)

// CredentialsFromEnv reads the keys from ALLIANCE_DEPLOY_ACCESS_KEY and
// ALLIANCE_DEPLOY_SECRET_KEY, or else from the standard AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys).
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	if a, s := getenv(EnvAccessKey), getenv(EnvSecretKey); a != "" || s != "" {
		if a == "" || s == "" {
			return Credentials{}, catalog.Errorf("set both %s and %s, or neither", EnvAccessKey, EnvSecretKey)
		}
		return Credentials{AccessKey: a, SecretKey: s, From: EnvAccessKey + " and " + EnvSecretKey}, nil
	}
	if a, s := getenv(EnvAWSAccessKey), getenv(EnvAWSSecretKey); a != "" || s != "" {
		if a == "" || s == "" {
			return Credentials{}, catalog.Errorf("set both %s and %s, or neither", EnvAWSAccessKey, EnvAWSSecretKey)
		}
		return Credentials{AccessKey: a, SecretKey: s, SessionToken: getenv(EnvAWSToken), From: EnvAWSAccessKey + " and " + EnvAWSSecretKey}, nil
	}
	return Credentials{}, catalog.Errorf("no keys for the bucket: set %s and %s in the environment (or %s and %s)", EnvAccessKey, EnvSecretKey, EnvAWSAccessKey, EnvAWSSecretKey)
}

// IndexName is the object, under the prefix, in which a deploy records what
// it left in the bucket: each object's hash, size and ETag. The next deploy
// takes an object's hash from it while the ETag in the listing still
// matches, and asks the object itself (a HEAD request for its
// x-amz-meta-alliance-sha256) otherwise, so the index saves requests but is
// never trusted over the objects.
const IndexName = ".alliance-deploy"

// metaSum is the user metadata key holding the content hash; S3 sends it as
// the header x-amz-meta-alliance-sha256.
const metaSum = "alliance-sha256"

// ErrCredentials is wrapped by errors that come from the bucket refusing the keys.
var ErrCredentials = errors.New("credentials refused")

// Bucket is a connection to a target's bucket.
type Bucket struct {
	c      *minio.Client
	t      Target
	creds  Credentials
	index  map[string]Object // as read from IndexName
	listed map[string]Object // as the last List found them
	stale  bool              // the index differs from what List found
}

// Open connects to the target's bucket; it sends no request yet.
func Open(t Target, c Credentials) (*Bucket, error) {
	u, err := url.Parse(t.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, catalog.Errorf("endpoint %q is not an address like https://oss-cn-hangzhou.aliyuncs.com", t.Endpoint)
	}
	lookup := minio.BucketLookupDNS
	if t.PathStyle {
		lookup = minio.BucketLookupPath
	}
	cl, err := minio.New(u.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(c.AccessKey, c.SecretKey, c.SessionToken),
		Secure:       u.Scheme == "https",
		Region:       t.Region,
		BucketLookup: lookup,
	})
	if err != nil {
		return nil, fmt.Errorf("endpoint %s: %v", t.Endpoint, err)
	}
	return &Bucket{c: cl, t: t, creds: c}, nil
}

// explain turns an error of the S3 API into a message saying what to do.
func (b *Bucket) explain(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	r := minio.ToErrorResponse(err)
	switch r.Code {
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "InvalidSecurity", "ExpiredToken", "InvalidToken":
		return catalog.Errorf("%w: %s refused the keys from %s (%s): check them, and that they may write to bucket %q", ErrCredentials, b.t.Endpoint, b.creds.From, r.Code, b.t.Bucket)
	case "NoSuchBucket":
		return catalog.Errorf("there is no bucket %q at %s: create it, or correct bucket (and path_style) in the [[deploy]] table", b.t.Bucket, b.t.Endpoint)
	}
	return fmt.Errorf("%s: %s", op, b.scrub(err.Error()))
}

// scrub removes the keys from a message, should a server ever echo them.
func (b *Bucket) scrub(s string) string {
	for _, k := range []string{b.creds.SecretKey, b.creds.SessionToken, b.creds.AccessKey} {
		if len(k) >= 4 {
			s = strings.ReplaceAll(s, k, "***")
		}
	}
	return s
}

// List returns the objects under the prefix with their hashes, taken from
// the index while it matches and from the objects' metadata otherwise.
func (b *Bucket) List(ctx context.Context, workers int) ([]Object, error) {
	b.readIndex(ctx)
	var objs []Object
	var ask []int
	for o := range b.c.ListObjects(ctx, b.t.Bucket, minio.ListObjectsOptions{Prefix: b.t.Prefix, Recursive: true}) {
		if o.Err != nil {
			return nil, b.explain("listing bucket "+b.t.Bucket, o.Err)
		}
		rel := strings.TrimPrefix(o.Key, b.t.Prefix)
		if rel == "" || rel == IndexName || strings.HasSuffix(rel, "/") {
			continue
		}
		obj := Object{Path: rel, Size: o.Size, ETag: o.ETag}
		if in, ok := b.index[rel]; ok && in.ETag == o.ETag && in.Size == o.Size && o.ETag != "" {
			obj.Sum = in.Sum
		} else {
			ask = append(ask, len(objs))
		}
		objs = append(objs, obj)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	err := parallel.Requests(ctx, len(ask), workers, func(ctx context.Context, i int) error {
		o := &objs[ask[i]]
		st, err := b.c.StatObject(ctx, b.t.Bucket, b.t.Prefix+o.Path, minio.StatObjectOptions{})
		if err != nil {
			if minio.ToErrorResponse(err).Code == "NoSuchKey" {
				return nil // deleted since the listing: nothing to compare
			}
			return b.explain("reading "+o.Path, err)
		}
		for k, v := range st.UserMetadata {
			if strings.EqualFold(k, metaSum) {
				o.Sum = v
			}
		}
		o.ETag = st.ETag
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.listed = make(map[string]Object, len(objs))
	for _, o := range objs {
		b.listed[o.Path] = o
	}
	b.stale = len(ask) > 0 || len(b.index) != len(objs)
	return objs, nil
}

// readIndex reads IndexName; an index that is missing or unreadable is
// empty, which only means more HEAD requests.
func (b *Bucket) readIndex(ctx context.Context) {
	b.index = map[string]Object{}
	r, err := b.c.GetObject(ctx, b.t.Bucket, b.t.Prefix+IndexName, minio.GetObjectOptions{})
	if err != nil {
		return
	}
	defer r.Close()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.SplitN(sc.Text(), "\t", 4)
		if len(f) != 4 {
			continue
		}
		size, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		b.index[f[3]] = Object{Path: f[3], Sum: f[0], Size: size, ETag: f[2]}
	}
	if sc.Err() != nil {
		b.index = map[string]Object{}
	}
}

// Put uploads the file for a from the site folder dir, with its headers and
// its hash in the metadata, and returns the object's ETag.
func (b *Bucket) Put(ctx context.Context, dir string, a Action) (string, error) {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(a.Path)))
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := b.c.PutObject(ctx, b.t.Bucket, b.t.Prefix+a.Path, f, a.Size, minio.PutObjectOptions{
		ContentType:  ContentType(a.Path),
		CacheControl: CacheControl(a.Path),
		UserMetadata: map[string]string{metaSum: a.Sum},
		// A plain PUT with Content-MD5, never the aws-chunked streaming
		// upload: OSS does not take chunked uploads, and some servers keep
		// "aws-chunked" as the object's Content-Encoding, which browsers
		// then fail to read. The server checks the MD5.
		DisableContentSha256: true,
		SendContentMd5:       true,
	})
	if err != nil {
		return "", b.explain("uploading "+a.Path, err)
	}
	return info.ETag, nil
}

// Remove deletes the objects for the site-relative paths ps, up to 1,000
// in one Multi-Object Delete request, as S3 allows.
func (b *Bucket) Remove(ctx context.Context, ps []string) error {
	keys := make(chan minio.ObjectInfo, len(ps))
	for _, p := range ps {
		keys <- minio.ObjectInfo{Key: b.t.Prefix + p}
	}
	close(keys)
	for e := range b.c.RemoveObjects(ctx, b.t.Bucket, keys, minio.RemoveObjectsOptions{}) {
		if e.Err != nil {
			return b.explain("deleting "+strings.TrimPrefix(e.ObjectName, b.t.Prefix), e.Err)
		}
	}
	return ctx.Err()
}

// saveIndex writes IndexName with the objects the bucket now holds.
func (b *Bucket) saveIndex(ctx context.Context, objs []Object) error {
	var buf bytes.Buffer
	for _, o := range objs {
		fmt.Fprintf(&buf, "%s\t%d\t%s\t%s\n", o.Sum, o.Size, o.ETag, o.Path)
	}
	_, err := b.c.PutObject(ctx, b.t.Bucket, b.t.Prefix+IndexName, &buf, int64(buf.Len()), minio.PutObjectOptions{
		ContentType:          "text/plain; charset=utf-8",
		CacheControl:         CacheRevalidated,
		DisableContentSha256: true,
		SendContentMd5:       true,
	})
	return b.explain("writing "+IndexName, err)
}
