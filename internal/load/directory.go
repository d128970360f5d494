package load

import (
	"path/filepath"
	"time"

	"alliance/internal/config"
	"alliance/internal/diag"
	"alliance/internal/model"
	"alliance/internal/tomllimit"
)

// Directory reads one member directory, the text src of the file rel
// (data/alliances/ID.toml, relative to the site folder), as a build reads it:
// the same decoding, the same checks and the same masking of personal
// numbers. rel names the file in problems and gives the directory its ID.
// Dates without a zone are read in loc, the site's time zone (UTC when nil).
//
// Problems go to dl, as for Site. Directory returns nil when the file gives
// no directory at all (a file name that cannot be an ID, or text that is not
// TOML), as a build then skips the file; otherwise the directory, which has
// what could be read when dl has errors. src must be UTF-8 text: unlike a
// build, Directory does not convert a file saved as GB18030.
//
// It lets a tool that writes a directory file, such as the member import,
// check what it made with the loader itself instead of a copy of its schema.
func Directory(rel string, src []byte, loc *time.Location, dl *diag.List) *model.Directory {
	if loc == nil {
		loc = time.UTC
	}
	l := &loader{root: ".", cfg: &config.Site{Location: loc}, dl: dl}
	path := filepath.FromSlash(rel)
	id, ok := l.dataID(path)
	if !ok {
		return nil
	}
	var f directoryFile
	if !decodeTOML(src, &f, rel, 1, tomllimit.MaxDataFile, dl) {
		return nil
	}
	return l.directory(rel, id, src, &f)
}
