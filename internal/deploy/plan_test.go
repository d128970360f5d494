package deploy

import (
	"slices"
	"testing"
)

func TestPlanSendsOnlyChangesInStageOrder(t *testing.T) {
	local := []File{
		{Path: "index.html", Sum: "h2", Size: 10},
		{Path: "feed.xml", Sum: "f1", Size: 5},
		{Path: "notices/a/index.html", Sum: "a2", Size: 7},
		{Path: "notices/b/index.html", Sum: "b1", Size: 7},
		{Path: "css/main.3f2a1b9c0d.css", Sum: "c2", Size: 3},
		{Path: "search/meta.json", Sum: "m2", Size: 2},
		{Path: "search/e5a69b077fb4/p0.json", Sum: "p0", Size: 4},
		{Path: "directories/all.xlsx", Sum: "x1", Size: 9},
		{Path: "about/index.html", Sum: "ab", Size: 6},
	}
	remote := []Object{
		{Path: "index.html", Sum: "h1", Size: 10},             // changed hash
		{Path: "feed.xml", Sum: "f1", Size: 5},                // unchanged
		{Path: "notices/a/index.html", Sum: "a2", Size: 8},    // same hash, other size
		{Path: "notices/b/index.html", Sum: "b1", Size: 7},    // unchanged
		{Path: "css/main.0000aaaa00.css", Sum: "c1", Size: 3}, // gone
		{Path: "search/meta.json", Sum: "m1", Size: 2},
		{Path: "directories/all.xlsx", Sum: "", Size: 9}, // no hash: put there by hand
		{Path: "notices/old/index.html", Sum: "o", Size: 1},
	}
	p := NewPlan(local, remote)
	var got []string
	for _, a := range p.Actions {
		got = append(got, a.Stage.String()+" "+a.Path)
	}
	want := []string{
		"assets css/main.3f2a1b9c0d.css",
		"assets search/e5a69b077fb4/p0.json",
		"files directories/all.xlsx",
		"files search/meta.json",
		"pages about/index.html",
		"pages notices/a/index.html",
		"home page and feeds index.html",
		"deletions css/main.0000aaaa00.css",
		"deletions notices/old/index.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("plan:\n%q\nwant:\n%q", got, want)
	}
	if p.Unchanged != 2 {
		t.Errorf("unchanged %d, want 2", p.Unchanged)
	}
	up, del, bytes := p.Count()
	if up != 7 || del != 2 || bytes != 3+4+9+2+6+7+10 {
		t.Errorf("count %d uploads, %d deletes, %d bytes", up, del, bytes)
	}
	var stages []Stage
	for _, s := range p.Stages() {
		for _, a := range s {
			if a.Stage != s[0].Stage {
				t.Errorf("stage %v holds %v", s[0].Stage, a)
			}
		}
		stages = append(stages, s[0].Stage)
	}
	if !slices.Equal(stages, []Stage{Assets, Files, Pages, Entries, Deletes}) {
		t.Errorf("stages %v", stages)
	}
	if p := NewPlan(local[:2], remote[:2]); len(p.Actions) != 1 || p.Actions[0].Path != "index.html" {
		t.Errorf("small plan: %+v", p.Actions)
	}
}

func TestHeaders(t *testing.T) {
	hashed := []string{"css/main.3f2a1b9c0d.css", "js/search.99aef0d6eb.js", "search/e5a69b077fb4/b0.json", "search/fold-db07bbb9db2b.txt"}
	plain := []string{"css/main.css", "search/meta.json", "notices/2024031501/index.html", "notices/20240315/a.pdf",
		"notices/deadbeefcafe/index.html", "directories/all.xlsx", "robots.txt", "feed.xml"}
	for _, p := range hashed {
		if !Hashed(p) || CacheControl(p) != CacheImmutable {
			t.Errorf("%s: not taken for a hashed asset", p)
		}
	}
	for _, p := range plain {
		if Hashed(p) || CacheControl(p) != CacheRevalidated {
			t.Errorf("%s: taken for a hashed asset", p)
		}
	}
	types := map[string]string{
		"a/index.html":        "text/html; charset=utf-8",
		"site.webmanifest":    "application/manifest+json; charset=utf-8",
		"all.CSV":             "text/csv; charset=utf-8",
		"t.docx":              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"t.xlsx":              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"sitemap.xml":         "application/xml; charset=utf-8",
		"x.unknown-extension": "application/octet-stream",
	}
	for p, want := range types {
		if got := ContentType(p); got != want {
			t.Errorf("ContentType(%s) = %q, want %q", p, got, want)
		}
	}
	stages := map[string]Stage{"index.html": Entries, "sitemap.xml": Entries, "robots.txt": Entries, "404.html": Pages,
		"notices/index.html": Pages, "favicon.svg": Files, "search/meta.json": Files, "js/main.d020155d26.js": Assets}
	for p, want := range stages {
		if got := StageOf(p); got != want {
			t.Errorf("StageOf(%s) = %v, want %v", p, got, want)
		}
	}
}

func TestCredentialsFromEnv(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, err := CredentialsFromEnv(env(map[string]string{EnvAccessKey: "a", EnvSecretKey: "s", EnvAWSAccessKey: "x", EnvAWSSecretKey: "y"}))
	if err != nil || c.AccessKey != "a" || c.SecretKey != "s" {
		t.Errorf("alliance keys first: %+v %v", c, err)
	}
	c, err = CredentialsFromEnv(env(map[string]string{EnvAWSAccessKey: "x", EnvAWSSecretKey: "y", EnvAWSToken: "t"}))
	if err != nil || c.AccessKey != "x" || c.SessionToken != "t" {
		t.Errorf("AWS keys: %+v %v", c, err)
	}
	for _, kv := range []map[string]string{{}, {EnvAccessKey: "a"}, {EnvAWSSecretKey: "y"}} {
		if _, err := CredentialsFromEnv(env(kv)); err == nil {
			t.Errorf("%v accepted", kv)
		}
	}
}

func TestGuardedDeletesLeaveOutHashedAssets(t *testing.T) {
	remote := []Object{{Path: "search/e5a69b077fb4/p0.json"}, {Path: "search/e5a69b077fb4/p1.json"}, {Path: "css/main.3f2a1b9c0d.css"},
		{Path: "notices/a/index.html"}, {Path: "directories/all.csv"}}
	p := NewPlan(nil, remote)
	if _, del, _ := p.Count(); del != 5 || p.Guarded() != 2 {
		t.Errorf("%d deletions, %d guarded; want 5 and 2", del, p.Guarded())
	}
}
