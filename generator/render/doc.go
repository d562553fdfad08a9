// Package render turns the site model into the files of the site: HTML
// pages from html/template templates, feeds, the sitemap, robots.txt, and
// copies of static files, and of the content assets and page bundles'
// resources that the model publishes (site.Site.Publishes).
//
// # Templates
//
// The theme's templates/ folder (embedded in the herald binary) is overlaid,
// file by file, by the site's own templates/ folder. base.html defines the
// "base" template, the frame of every page; files under partials/ define
// shared pieces (the masthead, the footer, a story's card on lists, a tag's
// and a related story's link on story pages); every other file is a page
// template that defines "main" (and may define "head" for extra tags in
// <head>), executed through "base":
//
//	story.html     a story            page.html      a standalone page
//	list.html      home, category, branch and tag pages, paginated
//	terms.html     the index of categories, branches or tags, with counts
//	archives.html  /archives/, a year, a month
//	404.html       the page for a missing address
//	search.html    /search/, which static/js/search.js brings to life
//	achievements.html  /achievements/, and one page per figure (kind "figure")
//
// Templates are parsed once per build with missingkey=error, and receive a
// [*Page]: a misspelt field or key fails the build with the template's file
// and line instead of printing nothing. Page.UI holds the theme's strings in
// the site's language ({{.UI.home}}); stories, terms, years and months carry
// their URL ({{.URL}}, under the base path, percent-encoded) and stories their
// dates as text ({{.DateISO}}, {{.DateText}}), so that templates need no
// function call for the links and dates a list repeats.
//
// # Problems
//
// Each template file is parsed on its own, so that every file that does
// not parse is a problem in one run; a broken partial stands as an empty
// template meanwhile, for the pages that call it. [New] returns these
// problems as a [*diag.Error], with a renderer for [Renderer.Check], which
// renders every page in memory, writing nothing, and adds the problems
// the templates meet as they run, once per position in the templates;
// when a template calls itself without end (see Calls), New returns the
// problems with no renderer, and nothing is rendered.
// Each problem is at templates/FILE:LINE, the innermost template's (a
// partial's, not its caller's), with the nearest name as a hint for a
// misspelt field or method of the type at hand, function or template:
//
//	templates/story.html:29: <$s.Titel>: a story (.Story) has no field or method Titel
//		hint: did you mean "Title"?
//		on 24 pages, the first being the page of content/stories/2026/03/a.md
//
// The last line names the pages the problem was met on. Go's templates
// stop a page at its first error: Check renders the pages that failed
// again with the part that failed set aside, and so on, to tell the
// problems past it too, and on how many pages each is met (beyond).
//
// The values a page cannot use get a problem of their own, with an
// example of the right use: a field of a nil pointer (.Story on a list
// page), a value of another type than a function or an action wants, an
// index or slice past the end, a comparison of two types, a range over
// what is no list (runtimeProblem).
//
// # Execution
//
// Once html/template has escaped a set of templates, herald compiles it
// into Go closures (exec.go) that write the same bytes without reflecting
// on every action: a story's page renders in a third of the time. A set is
// compiled when its templates use fields, methods and map keys, variables,
// if, with, range over slices, template calls, eq, ne, lt, le, gt, ge,
// and, or, not, len and the functions below; one that uses more (printf,
// index, break, a range over a map) is executed by html/template, as is a
// page that meets a nil pointer or a function's error, so that what it
// writes, or the error it reports, is always html/template's.
//
// # Functions
//
//	url PATH        the site path PATH under the base URL, percent-encoded: href="{{url .Path}}"
//	absURL PATH     the same, with scheme and host
//	asset NAME      the path of a static file, fingerprinted for css and js: {{asset "css/site.css"}}
//	date T LAYOUT   T formatted with a Go layout; isodate T gives RFC 3339
//	t KEY ARGS...   the UI string KEY in the site's language (zh-CN or en), formatted with ARGS
//	number F        a figure without trailing zeros: 4.8, 11
//	trusted STRING  trusted HTML (a story's converted body)
//	monthChart STORIES        an SVG bar chart of stories per month, made at build time
//	figureChart TALLY URL N   an SVG bar chart of a figure's yearly totals, bars linking to URL#y{year}-{N}
//	partialCached NAME DATA KEYS...
//	                the output of template NAME with DATA, rendered once per list of
//	                KEYS and reused: the masthead is the same on every story page, a
//	                story's card the same on every list. KEYS must name everything
//	                of DATA the template shows; each is a string, a number, a
//	                boolean or nil. Only the theme's own templates are kept (see
//	                Cached partials); any other is rendered on every call.
//	add A B, sub A B
//	base PATH       the last element of PATH: {{base .Path}}
//	hasPrefix S P   whether the text S begins with P: {{if hasPrefix .Path "/stories/"}}
//
// # Cached partials
//
// partialCached keeps the output of NAME only when NAME and every template
// it can reach, through {{template}} or partialCached with literal names,
// are the theme's own (a site's file with the same bytes as the theme's
// counts as the theme's). A template of the site's own, one that reaches
// one, or one that calls partialCached with a name that is not a literal,
// is executed on every call, as {{template}} would: the theme's base.html
// calls the footer without keys, and a site's footer that shows the page
// ({{.Title}}, {{.Story.Date}}) must show each page's own. The theme's
// keys are the theme's promise about its own templates, which a site's
// cannot keep; a site's template that does not show the page costs the
// time of its execution on every page, nothing else.
//
// # Calls
//
// When the templates are loaded, a template that calls itself, directly or
// through others, by calls made whenever it is executed (not under if,
// with or range, nor a later argument of and or or), is a problem at the
// call: its execution would never end.
//
//	templates/partials/contact.html:1: "partials/contact.html" calls itself without end: partialCached "partials/contact.html"
//		hint: call it only inside an {{if}}, {{with}} or {{range}} that stops, or call another template
//
// A template that calls itself for the children of a tree, inside a range
// or an if, is not one.
//
// # Output
//
// [Renderer.Run] renders every file in parallel into a [Sink], each job
// writing its own file, so the bytes do not depend on the number of workers.
// A story's cover, when it is a JPEG or PNG wider than 480 pixels, also
// gets smaller copies (package images), offered through srcset; so does an
// image in the body of a story or page whose img element offers them
// (markdown.Link.Copies). Each image's copies are made once, however many
// stories show it, as cover or in their bodies ([LocalImages]). Each copy
// is a job and a file of its own, but the copies of one image that
// [Renderer.RunJobs] runs share one reading and decoding of it
// ([images.Decode]): the first of them to run decodes it, the others wait
// for it, and the last to be made lets it go, before its file is written.
// So the image is decoded once for all the copies a build makes, however
// many others it takes from the previous output. Only one copy a core is
// made at once, whatever the number of workers (the scaler's rows for a
// 1440 copy of a 12-megapixel photo are 138 MB), so few images are held
// decoded at once; [Renderer.Decodes] counts the decodings. A copy rendered alone ([Renderer.Render],
// [Renderer.RunJob], as the dev server does) decodes the image for itself.
// Every copy has the bytes [images.Resize] gives. An image damaged within
// its data, which cannot be resized, fails its copies with a problem at
// every place that shows it: the cover: line of each story that has it
// as cover, and each line of a body that shows it.
//
// # Fingerprints
//
// Each [Job] names the stories whose fields it shows; with each story's
// Version and a hash of the templates, static paths and site-wide data,
// [Renderer.Fingerprint] changes exactly when the file's bytes would, as far
// as the default theme goes: it shows nothing else of .Site on every page. A
// site's own template that shows no more (a footer with the site's ICP
// number, a story page or a card that shows what the theme's do) keeps
// them exact: the templates are read for what they show (trust.go); one
// that shows how many stories the site has puts that number into them.
// One that shows more (the list of all tags on every page, say) may see
// stale pages in the dev server until a full rebuild; herald build
// renders every page under it ([Renderer.Exact]).
// Fingerprints are xxHash, the same in every process: herald build keeps
// them in the output's manifest, to render only what changed next time. [Dependents] answers which files show a story.
// Paths are the site paths without the leading slash, with "index.html" for a
// folder: "/tags/退役军人/" is written as "tags/退役军人/index.html".
//
// # Feeds
//
// The home page has /index.xml (RSS 2.0) and /feed.json (JSON Feed 1.1);
// every category, branch and tag has index.xml in its folder. A feed holds the
// newest stories, as many as site.yaml's feeds.limit; its date is its newest
// story's, never the time of the build.
package render
