// Command gensite writes a large generated site for benchmarks:
//
//	go run ./internal/sitegen/cmd/gensite -out /tmp/big
//	go run ./cmd/alliance build --source /tmp/big
//
// The same -seed always gives the same site. Run it from the repository, or
// pass -theme with the theme folder to copy.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"alliance/internal/sitegen"
)

func main() {
	o := sitegen.Default
	out := flag.String("out", "", "the folder to write the site into (must not exist or be empty)")
	flag.Uint64Var(&o.Seed, "seed", o.Seed, "the random seed")
	flag.IntVar(&o.Notices, "notices", o.Notices, "how many notices")
	flag.IntVar(&o.Members, "members", o.Members, "how many directory members in total")
	flag.IntVar(&o.Reports, "reports", o.Reports, "how many reports")
	flag.IntVar(&o.Templates, "templates", o.Templates, "how many application templates")
	flag.StringVar(&o.Theme, "theme", "themes/default", "the theme folder to copy into the site")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gensite: give the folder to write with -out, such as -out /tmp/big")
		os.Exit(2)
	}
	start := time.Now()
	if err := sitegen.Generate(*out, o); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d notices, %d members, %d reports, %d templates into %s in %s\n",
		o.Notices, o.Members, o.Reports, o.Templates, *out, time.Since(start).Round(time.Millisecond))
}
