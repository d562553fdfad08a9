// Package serve is herald's live preview: it builds a site, serves it over
// HTTP, watches its files and shows every saved change in the browser.
//
// # Serving
//
// [Server.Run] builds the site with its base URL's scheme and host replaced
// by the server's address as a browser on this machine opens it
// ([BrowserHost]: 127.0.0.1 for a server listening on every interface; the
// path is kept), then serves it. Pages are
// rendered when first asked for and kept, keyed by their fingerprint
// (render.Renderer.Fingerprint); copied files are served from the site's
// folder. Every HTML page loads a small script, /_herald/livereload.js.
//
// # Watching
//
// The site's site.yaml and its content/, templates/ and static/ folders are
// watched with fsnotify, recursively: a folder created later is watched
// from its creation. Hidden files, editors' leftovers and the output folder
// are ignored. An editor's atomic save (write a temporary file, then rename
// it over the story), a truncate-then-write save, deletes and renames all
// arrive as events; a burst of events is collected until the files have been
// quiet for [Options.Delay] (80 ms by default), so a file is not read while it
// is being written. Of a burst, the files that changed are those that exist
// once it is over and those that existed before it and are gone: a file
// that came and went within it, such as the temporary file of sed -i, is
// neither rebuilt for nor counted in the log. With [Options.Poll], the folders are scanned at that
// interval instead, for file systems where inotify does not work (WSL's
// /mnt/c, network drives). When the system's limit of inotify watches is
// reached, serve says so, says how to raise it, and polls.
//
// # Rebuilding
//
// Rebuilds run one at a time on one goroutine. Each reuses what has not
// changed (build.Cache: unchanged files are not parsed again, unchanged
// bodies not converted again), builds a new model and renderer, and compares
// every page's fingerprint with the previous build's: the pages that
// changed — an edited story's page, the lists, feeds and archives it appears
// on, its neighbours when its title changed — are rendered before the switch;
// a template or site.yaml change changes every fingerprint, and pages are
// then rendered as they are asked for. The new build replaces the old one
// atomically: a request is answered wholly from one build. Each rebuild's
// duration is logged, and so are its warnings when they differ from the
// previous build's; when the last of them is fixed, the log says the
// warnings are gone.
//
// Without [Options.Future], a story dated in the future is left out, and
// the log says so when it is saved. The server waits for the soonest such
// story of the last good build: when its date comes it rebuilds, as after
// a save, and logs that the story is shown now. Dates are instants, so the
// site's time zone and the machine's may differ. The server looks at the
// time at least once a minute, so a story dated years away needs no timer
// of years, and one due while the machine slept shows soon after it
// wakes. After a failed rebuild it waits for the next save.
//
// # Live reload
//
// After each rebuild, the server sends a Server-Sent Event on /_herald/events
// to every open page: when one story changed, its path, and the page
// navigates there; otherwise the page reloads. A browser's pages share one
// stream, which one of them holds and passes on to the others: a browser
// opens six connections to a server at most. Each stream has a buffer of
// one event, so a slow or departed browser never holds up the others.
//
// # Errors
//
// When a rebuild finds problems, the last good build stays served and every
// HTML page carries an overlay counting and listing its errors as
// "path:line: message" (also at /_herald/status, as JSON), the count the
// log gives; the next good rebuild removes it. The rebuild's warnings are
// not among them: they go in a folded bar at the bottom of the page, where
// a good build's warnings go too.
// They are the problems herald build reports: while the content has
// errors, those, the templates that do not parse, no page being rendered,
// and the warnings of the rest of the site (links that lead nowhere, text
// pasted from Word, files nothing uses); otherwise every problem of the
// templates.
// When site.yaml is removed or renamed while the server runs, the problem
// says so and to restore it. A
// failing rebuild, even a panic, never stops the server.
package serve
