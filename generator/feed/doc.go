// Package feed holds the structures of the feeds herald writes, RSS 2.0 and
// JSON Feed 1.1, and their marshalling. It knows nothing of stories: package
// render fills the structures.
//
// # RSS 2.0
//
// [RSS.Encode] writes an XML declaration and an <rss version="2.0"> with the
// content, Dublin Core and Atom namespaces: items carry the story's HTML in
// content:encoded, its authors in dc:creator and the channel its own address
// in atom:link rel="self". Dates are RFC 1123 with a numeric zone, as RSS asks.
//
// # JSON Feed 1.1
//
// [JSON.Marshal] writes https://jsonfeed.org/version/1.1, dates in RFC 3339,
// indented for readers. HTML in titles is never interpreted: titles are text
// in both formats.
package feed
