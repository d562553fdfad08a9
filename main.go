// Command herald builds, previews and publishes the news site of a
// district's Party organisations. See README.md.
package main

import (
	"context"
	"embed"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"herald/generator/cli"
	"herald/generator/gcfloor"
)

// theme is the default theme: templates/ and static/.
//
//go:embed templates static
var theme embed.FS

// gcPercent is the garbage collector's headroom over the live heap, unless
// GOGC says otherwise. On this project's machine, where a page of memory
// touched for the first time costs about 24 µs, a cold build of 10,000
// stories peaked at 273–276 MiB with Go's default of 100, 243–248 MiB with
// 75 and 211–220 MiB with 50, in times the machine's noise hid (three runs
// each). At 100,000 stories 50 cost 46 s more CPU than 100 (150 s against
// 104 s), and 75 none (96 s): 75 keeps most of the saving at no cost.
const gcPercent = 75

// tuneGC sets the collector's headroom to gcPercent, unless the GOGC
// variable is set. A build that reads its cache raises the heap's floor
// (gcfloor).
func tuneGC() { gcfloor.Start(gcPercent) }

func main() {
	tuneGC()
	adviseHugePages()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, theme)
	stop()
	os.Exit(code)
}
