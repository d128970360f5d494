// Package testkit groups the packages that only tests import: a real
// browser, HTML and office-file readers, test images, a temporary site
// folder and an S3 server. Nothing the alliance binary ships imports them.
package testkit
