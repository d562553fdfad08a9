// Package search builds the full-text index of a site's stories as static
// files that the browser fetches piece by piece: no server, no framework.
//
// # Tokens
//
// Text is normalized — full-width letters, digits and punctuation become
// their half-width forms, the ideographic space a space, ASCII letters lower
// case — and cut into runs. A run of Chinese (Han), kana or Hangul characters
// gives every single character and every overlapping pair of characters
// (bigrams): "退役军人" gives 退, 役, 军, 人, 退役, 役军, 军人. A run of other
// letters and digits gives one word: "5G" gives "5g". Everything else
// separates runs. [Tokens] does this for documents.
//
// A query is cut the same way ([QueryTokens]), so it can never be cut
// differently from the text: a Chinese run of two or more characters gives
// its bigrams, a run of one its character, a word itself. A story matches
// when it holds every token of the query. Any substring of two or more
// Chinese characters of a story therefore finds that story: each of its
// bigrams is in the story.
//
// # What is indexed
//
// Each published story's title, summary, body text, tags, branch and
// category. Tokens from the title, tags, branch and category are also kept
// in a second list per token, so that matches there can rank first.
//
// # Files
//
// Build returns files under search/, every one but the manifest named by a
// hash of its content, so they can be cached forever:
//
//	search/index.json           the manifest: counts, file names, category and branch names
//	search/s/NN.HASH.bin        a shard: the postings of the tokens whose hash falls in it
//	search/d/NN.HASH.bin        details of a run of stories: title, address, date, branch, summary
//	search/f.HASH.bin           facets of every story: category, branch, year
//	search/t/NN.HASH.bin        story texts, for excerpts, each fetched alone with a Range request
//
// Shards, details and facets are gzip-compressed (deterministically, without
// a time or name in the header) and decompressed in the browser with
// DecompressionStream; each text in a pack is its own gzip member. A token
// lives in shard FNV-1a-32(UTF-8 bytes of the token) mod the shard count,
// which grows with the index so that a shard stays near 16 kB compressed;
// a 10,000-story site has a few hundred files in all.
//
// # Shard format
//
// A shard is a sequence of tokens sorted by their bytes, each written as a
// uvarint length, the token's bytes, and two posting lists: all the stories
// holding it, then those holding it in the title, tags, branch or category.
// A posting list is a uvarint count n, then, when n > 0, a mode byte: 0 for n
// uvarint deltas of ascending story numbers (the first from 0), 1 for a
// bitmap of ceil(N/8) bytes, bit i%8 of byte i/8 for story i, chosen when
// smaller. Stories are numbered from 0, newest first, as the site lists them,
// so that a lower number is a newer story.
//
// # Ranking
//
// The browser (static/js/search.js, mirrored in Go by [Index.Search] for
// tests) ranks matches: those holding the exact query (spaces ignored) before
// those holding its tokens apart; among those, matches in the title or tags
// before matches in the body; then newer before older.
package search
