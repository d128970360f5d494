package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"alliance/internal/catalog"
	"alliance/internal/memberimport"
)

// importHelp is what `alliance help import` says.
var importHelp = helpText{
	usage:       "alliance import members FILE --alliance ID [flags]",
	about:       "Reads a member list kept in a spreadsheet and writes it as the member directory data/alliances/ID.toml of the site folder. FILE is an .xlsx workbook, or a .csv file in UTF-8 or GBK/GB18030 (the encoding is detected). The header may be the flat one of the site's own downloads (序号, 层级, 区（市）, 角色, 主导园, 园所名称, 现类别, 办园性质, 责任人, 联系电话, 地址, 网址, 加入日期 — any of them, in any order, and common synonyms such as 单位名称 or 手机), or the two-row 主导园 / 联盟园 header of the Zaozhuang 联盟名单. Rows that cannot be read are listed with their row number. An existing file is not replaced without --force; with it, only the members are replaced and the name, governance and comments are kept. Masked numbers (138****1234) from the site's downloads cannot be restored and are left out. Exit status: 0 when the file was written (skipped rows are listed), 1 when nothing was written (no usable row, an unreadable file, the file exists, an I/O error), 2 for a mistake on the command line.",
	example:     "alliance import members 联盟名单.xlsx --alliance zaozhuang --name 枣庄市学前教育联盟",
	exampleSays: "reads the first sheet of 联盟名单.xlsx and writes data/alliances/zaozhuang.toml",
}

// runImport runs `alliance import …`; args are the words after "import".
// It returns the exit status.
func runImport(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && isHelp(args[0]) {
		printImportUsage(stdout)
		return 0
	}
	if len(args) == 0 || args[0] != "members" {
		catalog.Fprintln(stderr, "alliance import: say what to import: alliance import members FILE --alliance ID (alliance import -h explains)")
		return 2
	}
	fs, o := importFlags()
	fs.SetOutput(io.Discard)
	var files []string
	rest := args[1:]
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printImportUsage(stdout)
				return 0
			}
			catalog.Fprintf(stderr, "alliance import members: %s (alliance import -h explains)\n", flagError(err))
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	switch {
	case len(files) != 1:
		catalog.Fprintln(stderr, "alliance import members: name one file to import, such as: alliance import members 联盟名单.xlsx --alliance zaozhuang")
		return 2
	case *o.alliance == "":
		catalog.Fprintln(stderr, "alliance import members: --alliance ID is required: the ID names data/alliances/ID.toml and the URL /directories/ID/")
		return 2
	case !memberimport.ValidID.MatchString(*o.alliance):
		catalog.Fprintf(stderr, "alliance import members: --alliance %q: use lower-case ASCII letters, digits and hyphens, such as zaozhuang\n", *o.alliance)
		return 2
	}
	file := files[0]

	res, err := memberimport.ReadFile(file, memberimport.Options{Sheet: *o.sheet, Tier: *o.tier, PublicLandlines: *o.landlines})
	if err != nil {
		catalog.Fprintf(stderr, "alliance import members: %v\n", err)
		return 1
	}
	base := filepath.Base(file)
	for _, p := range res.Problems {
		if p.Row > 0 {
			catalog.Fprintf(stderr, "%s row %d: %s\n", base, p.Row, p.Msg)
		} else {
			fmt.Fprintf(stderr, "%s: %s\n", base, p.Msg)
		}
	}
	d := res.Directory
	format := res.Format
	if res.Sheet != "" {
		format += catalog.Sprintf(", sheet %s", res.Sheet)
	}
	layout := map[string]string{
		"grouped": catalog.T("grouped layout, 主导园 and 联盟园 side by side"),
		"roles":   catalog.T("flat layout, grouped by 角色 and 主导园"),
		"flat":    catalog.T("flat layout"),
	}[res.Layout]
	catalog.Fprintf(stdout, "read %s (%s; %s): %s, %s\n", file, format, layout, count(res.Rows, "row"), members(res))
	if res.Members() == 0 {
		catalog.Fprintln(stderr, "alliance import members: no row could be read as a member; nothing written")
		return 1
	}
	if *o.dryRun {
		catalog.Fprintf(stdout, "dry run: would write %s\n", memberimport.Path(*o.source, *o.alliance))
		return 0
	}
	d.ID = *o.alliance
	path, err := memberimport.Write(*o.source, *o.alliance, d, memberimport.WriteOptions{Force: *o.force, Name: *o.name, Source: base})
	switch {
	case errors.Is(err, memberimport.ErrExists):
		catalog.Fprintf(stderr, "alliance import members: %s exists; nothing written (pass --force to replace its members and keep its other keys)\n", path)
		return 1
	case err != nil:
		catalog.Fprintf(stderr, "alliance import members: %v\n", err)
		return 1
	}
	msg := catalog.Sprintf("wrote %s: %s", path, members(res))
	if n := res.Skipped(); n == 1 {
		msg += catalog.T("; 1 row or part skipped, listed above")
	} else if n > 1 {
		msg += catalog.Sprintf("; %d rows or parts skipped, listed above", n)
	}
	fmt.Fprintln(stdout, msg)
	return 0
}

type importOptions struct {
	alliance, source, name, sheet, tier *string
	force, landlines, dryRun            *bool
}

func importFlags() (*flag.FlagSet, importOptions) {
	fs := flag.NewFlagSet("alliance import members", flag.ContinueOnError)
	return fs, importOptions{
		alliance:  fs.String("alliance", "", "the directory's `ID`: writes data/alliances/ID.toml (required; a-z, 0-9, -)"),
		source:    fs.String("source", ".", "the site `folder` (holds site.toml)"),
		force:     fs.Bool("force", false, "replace the members of an existing file, keeping its name, governance and comments"),
		name:      fs.String("name", "", "the alliance's `name` (联盟名称) for a new file; default the ID"),
		sheet:     fs.String("sheet", "", "the worksheet of an .xlsx file, by `name` or number; default the first"),
		tier:      fs.String("tier", "", "`tier` for members whose row has no 层级: 市级, 区（市）级 or 镇（街）级"),
		landlines: fs.Bool("public-landlines", false, "show landlines (0632-3317000) and 400/800 numbers in full; mobiles stay masked"),
		dryRun:    fs.Bool("dry-run", false, "read the file and report, write nothing"),
	}
}

func printImportUsage(w io.Writer) {
	fs, _ := importFlags()
	printHelp(w, importHelp, fs)
}

func isHelp(s string) bool {
	switch s {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// members says how many members were read, and in how many groups.
func members(res *memberimport.Result) string {
	d := res.Directory
	s := count(res.Members(), "member")
	if len(d.Groups) > 0 {
		s = catalog.Sprintf("%s in %s", s, count(len(d.Groups), "group"))
	}
	if res.Masked == 1 {
		s += catalog.T(" (1 masked phone number left out)")
	} else if res.Masked > 1 {
		s += catalog.Sprintf(" (%d masked phone numbers left out)", res.Masked)
	}
	return strings.TrimSpace(s)
}
