// Package axetest runs axe-core, Deque's accessibility rules, in a page a
// test has opened in chromium (browsertest). axe-core is the npm package
// axe-core, read from disk and evaluated in the page, since the browser
// reaches no network; without it a test skips on a developer's machine and
// fails under CI (CI set), where .ci/run installs it.
//
// A test reads:
//
//	src := axetest.Source(t)
//	ctx := browsertest.New(t)
//	chromedp.Do(ctx, chromedp.Navigate(url))
//	vs, err := axetest.Run(ctx, src)
package axetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// ToolsDir is the npm prefix .ci/run installs the test tools into; the
// environment variable ALLIANCE_TEST_TOOLS names another.
const ToolsDir = "/usr/local/lib/alliance-test-tools"

// Source returns the text of axe.min.js: the file AXE_JS names, or
// axe-core's under ALLIANCE_TEST_TOOLS (else ToolsDir). Without it the test
// is skipped, or failed when the environment variable CI is set.
func Source(t testing.TB) string {
	t.Helper()
	path := os.Getenv("AXE_JS")
	if path == "" {
		dir := os.Getenv("ALLIANCE_TEST_TOOLS")
		if dir == "" {
			dir = ToolsDir
		}
		path = filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		how := "axe-core not found at " + path + "; install it (npm install --prefix " + ToolsDir + " axe-core) or set AXE_JS, or run bash .ci/run"
		if os.Getenv("CI") != "" {
			t.Fatal(how + " (CI is set, so the accessibility rules must run)")
		}
		t.Skip(how)
	}
	return string(b)
}

// Violation is one rule that failed, with the elements it failed on.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// String is the violation as a test prints it: the rule, its impact, what
// it asks for, and each element's selector with why it failed.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// Run evaluates src (axe.min.js) in the page ctx shows, unless an earlier
// call already did, and runs every rule axe enables by default (WCAG 2.x A
// and AA, and axe's best practices) over the whole document. It returns the
// violations of any impact.
func Run(ctx context.Context, src string) ([]Violation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+"\n;true")); err != nil {
			return nil, fmt.Errorf("loading axe-core: %w", err)
		}
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]Violation](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
}
