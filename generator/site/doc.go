// Package site builds the model of a site from its configuration and its
// loaded content: which stories are published, where each page lives, what
// each story refers to, and every list the pages show.
//
// # References
//
// [New] resolves each story's branch and category against the registry in
// site.yaml, by name or slug, and reports an unknown one with the nearest
// known name as a hint. Drafts and scheduled stories are checked like the
// others, then left out unless [Options.Drafts] or [Options.Future] ask for
// them. A story is scheduled when its date is after [Options.Now].
//
// # Paths
//
// A page's path is its URL path under the base URL, in UTF-8:
//
//	/                                      home; /page/N/ for page N ≥ 2
//	/<folder>/<slug>/                      a story: its folder under content/, then its slug
//	                                       (front matter slug, else the file or bundle name)
//	/<slug>/                               a standalone page (content/about.md)
//	/categories/  /categories/<slug>/      a category's slug from site.yaml
//	/branches/    /branches/<slug>/        a branch's slug from site.yaml
//	/tags/        /tags/<slug>/            a tag's slug from site.yaml, else the tag
//	                                       itself with spaces and URL-breaking characters
//	                                       made "-" and Latin letters lower-cased
//	/archives/  /archives/YYYY/  /archives/YYYY/MM/
//	/search/  /404.html
//
// A slug that is not one path segment ("../x", "a/b") is an error. Two
// pages that would have the same path — two stories, a story and a term, two
// tags that differ only in case — is an error naming both sources: a file's
// path, or a [diag.Phrase] such as "herald's own search page" or "page 2 of
// category \"为民办实事\"", which a catalog translates.
//
// # Files beside the stories
//
// Files under content/ that are not stories — beside them, or in a page
// bundle — are copied to the output only when a published story or page
// uses them: a link or image leads to the file, or its front matter names
// it, as cover: or under another key a site's own templates may read
// (pdf: 通知.pdf), relative to the story as its links are, or from the
// site's root. [Site.Seal] decides, once every story's Markdown is
// converted, drafts and scheduled stories included, and [Site.Publishes]
// tells the renderer. A file that no story, page, draft or scheduled story
// uses is listed by [Site.Unused], for a warning at the file: internal
// originals and review notes left beside the stories stay off the site.
// A file used only by a draft or a scheduled story is published with it.
// With markdown.unsafe every such file is copied, since raw HTML in a story
// may use it and herald does not read the links in HTML; Unused still
// lists those no link uses. A file in the folder of a doc whose Markdown
// was not converted, left out for its problems, is copied and listed as
// though that doc used it.
//
// # Order
//
// Every list is in a total order: stories newest first, then by file path;
// categories and branches in the order of site.yaml; tags by number of
// stories, most first, then by name; years and months newest first.
//
// # Derived lists
//
// Each story has its older and newer neighbours and up to five related
// stories: those sharing the most (and the rarest) tags, then the same branch
// and category, then the nearest in time, with the path as the last
// tie-break. Each branch adds up the achievements of its stories by label and
// unit.
package site
