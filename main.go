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
)

// theme is the default theme: templates/ and static/.
//
//go:embed templates static
var theme embed.FS

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, theme)
	stop()
	os.Exit(code)
}
