// Package output holds the files a build produces and writes them into the
// destination folder: minified, and swapped into place only when every file
// was written, so a failed build leaves the previous site as it was.
package output

// File is one file of the built site.
type File struct {
	Path string // relative to the destination, forward slashes, such as "notices/a/index.html"
	Data []byte
	Src  string // when Data is nil: a source file copied as it is

	// Source is the site file the output is made from (relative to the site
	// folder, such as content/notices/a.md), for problems; "" for outputs
	// made from many, such as lists, the feed and the search index.
	Source string

	// Minified marks data that is already minified (hashed assets), so the
	// writer does not minify it again.
	Minified bool

	// Sum, when set on a Minified file, is the SHA-256 of Data, which its
	// maker had to work out anyway (a file named by its content), so that
	// the writer does not hash the bytes a second time.
	Sum [32]byte
}

// Keeper keeps the file of the previous build at path in place of one a
// stage would make again with the same bytes, without making them: sum is
// the bytes' SHA-256. It returns false when the destination no longer
// holds that file as the build left it; the stage then makes the file.
type Keeper func(path string, sum [32]byte, size int64) bool
