package downloads

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"

	"alliance/internal/config"
	"alliance/internal/model"
	"alliance/internal/output"
	"alliance/internal/qrcode"
)

func site() *model.Site {
	tpl := &model.Template{
		ID: "demo-application", URL: "templates/demo-application/", Title: "示例申请表",
		Blocks: []model.Block{{Kind: model.BlockFields, Fields: []model.Field{{Label: "单位名称", Blank: &model.Blank{ID: "f1", Label: "单位名称"}}}}},
	}
	n := &model.Notice{Doc: model.Doc{URL: "notices/2024-03-17/", Title: "通知", Source: "content/notices/a.md"}}
	return &model.Site{
		Config:    &config.Site{BaseURL: "https://example.org/alliance/", Title: "示例站", Organiser: "秘书处"},
		Templates: []*model.Template{tpl},
		Notices:   []*model.Notice{n},
	}
}

func TestBuildPaths(t *testing.T) {
	files, err := Build(site())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Path] = f.Data
	}
	for _, p := range []string{
		"templates/demo-application/demo-application.docx",
		"templates/demo-application/docx-kit.json",
		"templates/demo-application/qr.svg",
	} {
		if len(got[p]) == 0 {
			t.Errorf("no %s", p)
		}
	}
	if len(files) != 3 {
		t.Errorf("%d files, want 3 (notice pages draw their QR codes inline)", len(files))
	}
}

// TestQRCodesCarryAbsoluteURLs: a phone scanning a printed form has no page
// to resolve a relative URL against.
func TestQRCodesCarryAbsoluteURLs(t *testing.T) {
	files, err := Build(site())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"templates/demo-application/qr.svg": "https://example.org/alliance/templates/demo-application/",
	}
	seen := 0
	for _, f := range files {
		url, ok := want[f.Path]
		if !ok {
			continue
		}
		seen++
		exp, err := qrcode.SVG(url)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(f.Data, exp) {
			t.Errorf("%s does not encode %s", f.Path, url)
		}
		if !strings.Contains(string(f.Data), "<title>"+url+"</title>") {
			t.Errorf("%s: title is not the URL", f.Path)
		}
	}
	if seen != len(want) {
		t.Errorf("%d QR codes, want %d", seen, len(want))
	}
}

func TestWordFileNamesThePage(t *testing.T) {
	files, err := Build(site())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		switch {
		case strings.HasSuffix(f.Path, ".docx"):
			zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
			if err != nil {
				t.Fatal(err)
			}
			text := map[string]string{}
			for _, zf := range zr.File {
				rc, _ := zf.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				text[zf.Name] = string(b)
			}
			if !strings.Contains(text["word/document.xml"], "在线填写及下载：https://example.org/alliance/templates/demo-application/") {
				t.Error("the Word file does not name the template page")
			}
			if !strings.Contains(text["docProps/core.xml"], "<dc:creator>秘书处</dc:creator>") {
				t.Error("the Word file's author is not the organiser")
			}
		case strings.HasSuffix(f.Path, ".json"):
			var k struct {
				ID    string
				Slots []struct{ ID string }
			}
			if err := json.Unmarshal(f.Data, &k); err != nil {
				t.Fatal(err)
			}
			if k.ID != "demo-application" || len(k.Slots) != 1 || k.Slots[0].ID != "f1" {
				t.Errorf("kit %+v", k)
			}
		}
	}
}

func TestBrokenTableNamesTheSource(t *testing.T) {
	s := site()
	s.Templates[0].Source = "data/templates/demo-application.toml"
	s.Templates[0].Blocks = []model.Block{{Kind: model.BlockTable, Table: &model.Table{Columns: 2, Rows: []model.Row{{Cells: []model.Cell{{Text: "甲", Rowspan: 1, Colspan: 1}}}}}}}
	_, err := Build(s)
	if err == nil || !strings.Contains(err.Error(), "data/templates/demo-application.toml") {
		t.Errorf("err = %v, want one naming the template file", err)
	}
}

// TestSurvivesMinifying: the build minifies .json and .svg files as it writes
// them; the kit must mean the same afterwards (its "\u0000" slot marks
// included) and the QR code must keep its title and modules.
func TestSurvivesMinifying(t *testing.T) {
	files, err := Build(site())
	if err != nil {
		t.Fatal(err)
	}
	m := output.NewMinifier()
	for _, f := range files {
		min, err := m.Minify(f.Path, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		switch {
		case strings.HasSuffix(f.Path, ".json"):
			var a, b any
			if err := json.Unmarshal(f.Data, &a); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(min, &b); err != nil {
				t.Fatalf("minified kit: %v", err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Error("minifying changed the kit")
			}
			if !strings.Contains(string(min), `\u0000`) {
				t.Error("the minified kit lost its slot marks")
			}
		case strings.HasSuffix(f.Path, ".svg"):
			if !strings.Contains(string(min), "<title>https://example.org/alliance/") || !strings.Contains(string(min), "<path") {
				t.Errorf("minified QR code lost its title or path: %s", min)
			}
		}
	}
}
