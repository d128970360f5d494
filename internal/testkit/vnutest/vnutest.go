// Package vnutest runs the Nu Html Checker (vnu, the W3C's checker of HTML,
// CSS and SVG) over built files in tests. vnu is the npm package vnu-jar and
// needs Java; without them a test skips on a developer's machine and fails
// under CI (CI set), where .ci/run installs both.
//
// A test reads:
//
//	msgs := vnutest.Check(t, files)
//	for _, m := range vnutest.Errors(msgs) { t.Error(m) }
package vnutest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// ToolsDir is the npm prefix .ci/run installs the test tools into; the
// environment variable ALLIANCE_TEST_TOOLS names another.
const ToolsDir = "/usr/local/lib/alliance-test-tools"

// Jar returns the paths of java and of vnu.jar: the file VNU_JAR names, or
// vnu-jar's jar under ALLIANCE_TEST_TOOLS (else ToolsDir). Without them the
// test is skipped, or failed when the environment variable CI is set.
func Jar(t testing.TB) (java, jar string) {
	t.Helper()
	missing := func(what string) {
		t.Helper()
		how := what + "; install them (apt-get install default-jre-headless; npm install --prefix " + ToolsDir + " --ignore-scripts vnu-jar) or set VNU_JAR, or run bash .ci/run"
		if os.Getenv("CI") != "" {
			t.Fatal(how + " (CI is set, so the checker must run)")
		}
		t.Skip(how)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing("java not found")
	}
	jar = os.Getenv("VNU_JAR")
	if jar == "" {
		dir := os.Getenv("ALLIANCE_TEST_TOOLS")
		if dir == "" {
			dir = ToolsDir
		}
		jar = filepath.Join(dir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	if _, err := os.Stat(jar); err != nil {
		missing("vnu.jar not found at " + jar)
	}
	return java, jar
}

// Message is one finding of vnu's JSON output.
type Message struct {
	Type      string `json:"type"`    // "error", "info" or "non-document-error"
	SubType   string `json:"subType"` // "warning" for an info that is one, "fatal", …
	URL       string `json:"url"`
	FirstLine int    `json:"firstLine"`
	LastLine  int    `json:"lastLine"`
	Column    int    `json:"firstColumn"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
}

// String is the message as a test prints it: file:line: type: text, and the
// extract of the source it points at.
func (m Message) String() string {
	line := m.FirstLine
	if line == 0 {
		line = m.LastLine
	}
	kind := m.Type
	if m.SubType != "" {
		kind += "/" + m.SubType
	}
	s := fmt.Sprintf("%s:%d: %s: %s", m.URL, line, kind, m.Message)
	if m.Extract != "" {
		s += fmt.Sprintf(" (at %q)", m.Extract)
	}
	return s
}

// Check runs vnu once over files, each checked as what its extension says
// (.html, .css, .svg), and returns every message it printed.
func Check(t testing.TB, files []string) []Message {
	t.Helper()
	java, jar := Jar(t)
	if len(files) == 0 {
		t.Fatal("vnutest.Check: no files to check")
	}
	args := append([]string{"-jar", jar, "--format", "json", "--stdout", "--also-check-css", "--also-check-svg"}, files...)
	cmd := exec.Command(java, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	runErr := cmd.Run() // vnu exits 1 when it finds an error; the JSON says which.
	var report struct {
		Messages []Message `json:"messages"`
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("vnu printed no JSON report (%v, exit %v): %s%s", err, runErr, out.String(), errOut.String())
	}
	return report.Messages
}

// Errors returns the messages that are errors: an invalid document, or one
// vnu could not read.
func Errors(msgs []Message) []Message {
	var out []Message
	for _, m := range msgs {
		if m.Type == "error" || m.Type == "non-document-error" {
			out = append(out, m)
		}
	}
	return out
}
