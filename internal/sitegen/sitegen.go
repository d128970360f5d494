// Package sitegen writes large, realistic sites for benchmarks and load
// tests: notices in Chinese with tables, lists and attached files, forum
// reports with photos, member directories by tier and district, and
// application templates. The same seed always gives the same site.
package sitegen

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Options size the site.
type Options struct {
	Seed      uint64
	Notices   int
	Members   int // in total, spread over directories of about 1,000
	Reports   int
	Templates int
	// Theme is the theme folder to copy into themes/default, usually the
	// repository's themes/default.
	Theme string
}

// Default is the size the benchmarks use.
var Default = Options{Seed: 1, Notices: 10000, Members: 20000, Reports: 1000, Templates: 10}

// End is the newest date in a generated site; dates go back eight years
// from it. Build generated sites with a clock after it (Now).
var End = time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)

// Now is a clock for building generated sites: just after End.
var Now = time.Date(2025, 7, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// Generate writes a complete site folder into dir, which must not exist or
// be empty.
func Generate(dir string, opts Options) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; give a new folder", dir)
	}
	g := &gen{dir: dir, opts: opts, r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))}
	steps := []func() error{g.siteFile, g.theme, g.directories, g.templates, g.notices, g.reports, g.pages}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	dir  string
	opts Options
	r    *rand.Rand

	dirIDs      []string
	templateIDs []string
}

func (g *gen) write(rel, text string) error {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) siteFile() error {
	return g.write("site.toml", `title = "学前教育联盟秘书处（压力测试站）"
description = "由 alliance 的站点生成器按固定种子生成的大型示例站点，用于性能测试。"
base_url = "https://example.org/"
organiser = "学前教育联盟秘书处（生成数据）"
publish_disclosure = ["主动公开", "依申请公开"]
notices_per_page = 20

[[menu]]
name = "首页"
url = "/"
[[menu]]
name = "通知公告"
url = "/notices/"
[[menu]]
name = "活动报道"
url = "/reports/"
[[menu]]
name = "成员名录"
url = "/directories/"
[[menu]]
name = "申请模板"
url = "/templates/"
[[menu]]
name = "关于"
url = "/about/"
`)
}

// theme copies the theme folder into themes/default.
func (g *gen) theme() error {
	if g.opts.Theme == "" {
		return fmt.Errorf("no theme folder given to copy")
	}
	dst := filepath.Join(g.dir, "themes", "default")
	return filepath.WalkDir(g.opts.Theme, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(g.opts.Theme, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

func (g *gen) pages() error {
	return g.write("content/about.md", "+++\ntitle = \"关于本站\"\n+++\n"+
		"本站由 alliance 的站点生成器生成，内容为随机组合的示例文字，仅用于性能测试。\n\n"+g.paragraph()+"\n")
}

// date returns a day within eight years before End.
func (g *gen) date() time.Time {
	return End.AddDate(0, 0, -g.r.IntN(8*365))
}

func ymd(t time.Time) string { return t.Format("2006-01-02") }

// q quotes s for TOML; generated text has no quotes or backslashes.
func q(s string) string { return `"` + s + `"` }

func qs(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = q(s)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

func (g *gen) mobile() string {
	return "1" + strconv.Itoa(3+g.r.IntN(7)) + fmt.Sprintf("%09d", g.r.IntN(1e9))
}

func (g *gen) person() string { return g.pick(surnames) + g.pick(givenNames) }
