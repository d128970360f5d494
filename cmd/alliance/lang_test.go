package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"alliance/internal/catalog"
)

// The tests of this package assert the English messages; the tests of the
// Chinese ones set the language themselves.
func init() { catalog.SetCurrent(catalog.English) }

// TestMain runs the command itself, in the language of the environment, when
// a test starts this binary with ALLIANCE_RUN_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("ALLIANCE_RUN_MAIN") == "1" {
		catalog.SetCurrent(catalog.FromEnv(os.Getenv))
		main()
	}
	os.Exit(m.Run())
}

// runEnv runs alliance with args in a process whose locale variables are env.
func runEnv(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = []string{"ALLIANCE_RUN_MAIN=1", "PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// TestLanguageFromEnvironment checks that messages are Chinese by default
// and English when LC_ALL, LC_MESSAGES or LANG (the first set) starts with
// en, and that --lang overrides the environment.
func TestLanguageFromEnvironment(t *testing.T) {
	en := []string{"Usage: alliance build [flags]", "Flags:", "--destination", "Example:"}
	zh := []string{"用法：alliance build [选项]", "选项：", "--destination", "示例："}
	for _, c := range []struct {
		env  map[string]string
		args []string
		want []string
	}{
		{map[string]string{}, []string{"help", "build"}, zh},
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"help", "build"}, en},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, []string{"help", "build"}, zh},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, []string{"help", "build"}, en},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, []string{"help", "build"}, zh},
		{map[string]string{"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, []string{"help", "build"}, en},
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"--lang", "zh", "help", "build"}, zh},
		{map[string]string{}, []string{"help", "build", "--lang=en"}, en},
	} {
		out := runEnv(t, c.env, c.args...)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("env %v, alliance %v: output lacks %q:\n%s", c.env, c.args, w, out)
			}
		}
		if regexp.MustCompile(`(?m)^\s+-[a-z]`).MatchString(out) {
			t.Errorf("env %v, alliance %v: a flag is written with one dash:\n%s", c.env, c.args, out)
		}
	}
}

// TestMistakeInBothLanguages checks a build's error about a clerk's mistake
// end to end: the file:line prefix stays, the message follows the language.
func TestMistakeInBothLanguages(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join("..", "..", "themes"), filepath.Join(dir, "themes"))
	files := map[string]string{
		"site.toml":            "title = \"测试站\"\nbase_url = \"https://example.org/\"\n",
		"content/notices/a.md": "+++\ntitle = “关于召开年会的通知”\ndate = 2024-01-02\nissuer = \"某局\"\n+++\n正文。\n",
	}
	for name, body := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := runEnv(t, map[string]string{"LANG": "en_US.UTF-8"}, "build", "--source", dir)
	if !strings.Contains(out, "error: content/notices/a.md:2: line 2: the quotes “” are Chinese quotes") || !strings.Contains(out, "build failed: 1 error;") {
		t.Errorf("English build output:\n%s", out)
	}
	out = runEnv(t, map[string]string{"LANG": "zh_CN.UTF-8"}, "build", "--source", dir)
	if !strings.Contains(out, "错误：content/notices/a.md:2: 第2行：引号“”是中文引号") || !strings.Contains(out, "构建失败：1 个错误") {
		t.Errorf("Chinese build output:\n%s", out)
	}
	out = runEnv(t, map[string]string{}, "check", "--source", dir, "--format", "json")
	if !strings.Contains(out, `"message": "第2行：引号“”是中文引号"`) || !strings.Contains(out, `"severity": "error"`) || !strings.Contains(out, `"file": "content/notices/a.md"`) {
		t.Errorf("Chinese check --format json: the field names must stay, the message follow the language:\n%s", out)
	}
}
