// Package rawfile reads and writes whole files with as few system calls as
// the system allows. The os package also registers every file it opens with
// the runtime's poller and switches it to non-blocking mode and back: several
// more calls per file, which a build reading 10,000 notices and writing
// 40,000 files pays for in seconds where system calls are slow, as in
// virtual machines.
package rawfile

import "fmt"

// TooLargeError says that a file is larger than its reader allows.
type TooLargeError struct {
	Name      string
	Size, Max int64 // in bytes; Size is at least what was read
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %d bytes, more than the %d allowed", e.Name, e.Size, e.Max)
}
