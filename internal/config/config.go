// Package config reads site.toml, the settings a secretariat keeps for its site.
package config

import (
	"errors"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"alliance/internal/catalog"
	"alliance/internal/diag"
	"alliance/internal/rawfile"
	"alliance/internal/sitefs"
	"alliance/internal/tomllimit"
)

// File is the name of the settings file at the top of a site folder.
const File = "site.toml"

// Site holds the settings from site.toml. Every key is documented in README.md.
type Site struct {
	Title       string     `toml:"title"`
	Description string     `toml:"description"`
	BaseURL     string     `toml:"base_url" mask:"-"`
	Language    string     `toml:"language" mask:"-"`
	Organiser   string     `toml:"organiser"`
	ICP         string     `toml:"icp" mask:"-"`
	Theme       string     `toml:"theme" mask:"-"`
	TimeZone    string     `toml:"timezone" mask:"-"`
	Publish     []string   `toml:"publish_disclosure" mask:"-"`
	UnsafeHTML  bool       `toml:"unsafe_html"`
	PerPage     int        `toml:"notices_per_page"`
	ShareImage  string     `toml:"share_image" mask:"-"` // a PNG or JPEG in static/ shown when a page is shared
	Menu        []MenuItem `toml:"menu"`
	Deploy      []Target   `toml:"deploy" mask:"-"`
	// Params holds the site's own settings for a custom layout, the
	// [params] table, which layouts read as .Config.Params.
	Params map[string]any `toml:"params"`

	// Location is TimeZone resolved; dates without a zone are read in it.
	Location *time.Location `toml:"-"`
}

// MenuItem is one entry of the main navigation.
type MenuItem struct {
	Name string `toml:"name"`
	URL  string `toml:"url" mask:"-"`
}

// Target is one [[deploy]] table: an S3-compatible bucket that alliance
// deploy publishes the built site to. The keys to it come from the
// environment, never from site.toml.
type Target struct {
	Name      string `toml:"name"`
	Endpoint  string `toml:"endpoint"`
	Region    string `toml:"region"`
	Bucket    string `toml:"bucket"`
	Prefix    string `toml:"prefix"`
	PathStyle bool   `toml:"path_style"`
}

// Disclosure options (公开方式) a notice may carry.
const (
	Public     = "主动公开"
	OnRequest  = "依申请公开"
	NotPublic  = "不予公开"
	defaultTZ  = "Asia/Shanghai"
	defaultPer = 10
)

// Disclosures lists the valid disclosure options.
var Disclosures = []string{Public, OnRequest, NotPublic}

// Load reads site.toml from dir and fills defaults. Problems are added to dl.
func Load(dir string, dl *diag.List) *Site {
	s := &Site{}
	root, err := sitefs.Open(dir)
	var data []byte
	if err == nil {
		data, err = root.ReadFileMax(File, tomllimit.MaxSettings)
	}
	if err != nil {
		var tl *rawfile.TooLargeError
		if oe := sitefs.Outside(err); oe != nil {
			dl.Errorf(File, 0, oe.Hint(), "%s", oe.Msg(File))
		} else if errors.As(err, &tl) {
			dl.Errorf(File, 0, "keep only the settings in it; README.md lists them", "the file is %s, more than the %s allowed", tomllimit.Bytes(int(tl.Size)), tomllimit.Bytes(tomllimit.MaxSettings))
		} else if errors.Is(err, os.ErrNotExist) {
			dl.Errorf(File, 0, "create site.toml with at least title and base_url, or pass --source with the site folder", "no site.toml in %s", dir)
		} else {
			dl.Errorf(File, 0, "", "cannot read: %v", err)
		}
		return nil
	}
	data = stripBOM(data)
	md, err := tomllimit.Decode(data, tomllimit.MaxSettings, s)
	if err != nil {
		tomllimit.Report(dl, File, data, 1, err, s, catalog.Key("check the TOML syntax: strings in double quotes, one key = value per line"))
		return nil
	}
	unknown := tomllimit.Unknowns(md, data, s)
	rest := unknown[:0:0] // the unknown keys that are not credentials
	for _, u := range unknown {
		if secretKey(u.Key) {
			dl.Errorf(File, u.Line, "delete the line and set ALLIANCE_DEPLOY_ACCESS_KEY and ALLIANCE_DEPLOY_SECRET_KEY in the environment instead (see README.md, 'Deploying to object storage'); if the file was shared or committed, revoke the key", "%q looks like a credential; site.toml must not hold keys", u.Key.String())
			continue
		}
		rest = append(rest, u)
	}
	for i, u := range rest[:min(len(rest), tomllimit.MaxUnknown)] {
		more := 0
		if i == tomllimit.MaxUnknown-1 {
			more = len(rest) - tomllimit.MaxUnknown
		}
		msg, hint := u.Report(more)
		dl.Errorf(File, u.Line, hint, "%s", msg)
	}
	if strings.TrimSpace(s.Title) == "" {
		dl.Errorf(File, 0, `add title = "…" with the name of the site`, "title is missing")
	}
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	if err := s.SetBaseURL(s.BaseURL); err != nil {
		dl.Errorf(File, diag.LineOf(data, "base_url", 1), `write it like base_url = "https://example.org/alliance/"`, "base_url: %v", err)
	}
	if s.Language == "" {
		s.Language = "zh-CN"
	}
	if s.Theme == "" {
		s.Theme = "default"
	}
	if s.PerPage <= 0 {
		s.PerPage = defaultPer
	}
	if len(s.Publish) == 0 {
		s.Publish = []string{Public}
	}
	for _, d := range s.Publish {
		if !validDisclosure(d) {
			dl.Errorf(File, diag.LineOf(data, "publish_disclosure", 1), catalog.Sprintf("use %s", strings.Join(Disclosures, ", ")), "publish_disclosure: unknown option %q", d)
		}
	}
	if s.TimeZone == "" {
		s.TimeZone = defaultTZ
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		dl.Errorf(File, diag.LineOf(data, "timezone", 1), `use an IANA name such as "Asia/Shanghai"`, "timezone: unknown zone %q", s.TimeZone)
		loc = time.FixedZone("CST", 8*3600)
	}
	s.Location = loc
	for i, m := range s.Menu {
		if m.Name == "" || m.URL == "" {
			dl.Errorf(File, 0, `each [[menu]] needs name = "…" and url = "/…/"`, "menu item %d has no name or url", i+1)
		}
	}
	checkDeploy(s, data, dl)
	return s
}

// secretKey reports whether an unknown key of site.toml looks like it holds
// a credential, which belongs in the environment: any *key* in a [[deploy]]
// table, and secrets, passwords and tokens anywhere.
func secretKey(k toml.Key) bool {
	n := strings.ToLower(k[len(k)-1])
	if k[0] == "deploy" && strings.Contains(n, "key") {
		return true
	}
	for _, w := range []string{"secret", "password", "token", "access_key", "accesskey", "access_key_id", "key_id"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// checkDeploy checks the [[deploy]] tables and normalises each prefix to ""
// or a folder path ending in "/".
func checkDeploy(s *Site, data []byte, dl *diag.List) {
	var lines []int // where each [[deploy]] table starts
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "[[deploy]]" {
			lines = append(lines, i+1)
		}
	}
	seen := map[string]bool{}
	for i := range s.Deploy {
		t := &s.Deploy[i]
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		where := catalog.Sprintf("[[deploy]] table %d", i+1)
		if t.Name != "" {
			where = catalog.Sprintf("[[deploy]] %q", t.Name)
		}
		switch {
		case t.Name == "":
			dl.Errorf(File, line, `add name = "oss" (any short name; alliance deploy --target picks a table by it)`, "%s has no name", where)
		case seen[t.Name]:
			dl.Errorf(File, line, "give each [[deploy]] table its own name", "%s appears twice", where)
		}
		seen[t.Name] = true
		if u, err := url.Parse(t.Endpoint); t.Endpoint == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
			dl.Errorf(File, line, `write the provider's endpoint, like endpoint = "https://oss-cn-hangzhou.aliyuncs.com", without the bucket name`, "%s: endpoint %q is not an http(s) address", where, t.Endpoint)
		}
		if t.Region == "" {
			dl.Errorf(File, line, `add the bucket's region, like region = "cn-hangzhou" (Aliyun) or region = "ap-guangzhou" (Tencent)`, "%s has no region", where)
		}
		if t.Bucket == "" {
			dl.Errorf(File, line, `add bucket = "…" with the bucket's name`, "%s has no bucket", where)
		}
		p := strings.Trim(t.Prefix, "/")
		for _, part := range strings.Split(p, "/") {
			if p != "" && (part == "" || part == "." || part == "..") {
				dl.Errorf(File, line, `write the folder inside the bucket like prefix = "site/" or leave it out`, "%s: prefix %q is not a plain folder path", where, t.Prefix)
				break
			}
		}
		if p != "" {
			p += "/"
		}
		t.Prefix = p
	}
}

// SetBaseURL sets and normalises the base URL so that it ends in a slash.
func (s *Site) SetBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return catalog.Errorf("cannot read %q as a URL", raw)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return catalog.Errorf("scheme %q is not http or https", u.Scheme)
	}
	if u.Scheme != "" && u.Host == "" {
		return catalog.Errorf("%q has no host name", raw)
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		return catalog.Errorf("%q is neither a full address (https://…) nor a path starting with /", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	s.BaseURL = u.String()
	return nil
}

// BasePath is the path part of the base URL, such as "/" or "/alliance/".
// Every internal link starts with it, so a site works under a sub-path.
func (s *Site) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// Publishes reports whether notices with disclosure option d are built.
func (s *Site) Publishes(d string) bool {
	for _, p := range s.Publish {
		if p == d {
			return true
		}
	}
	return false
}

func validDisclosure(d string) bool {
	for _, v := range Disclosures {
		if v == d {
			return true
		}
	}
	return false
}

func stripBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}
