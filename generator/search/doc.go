// Package search builds the full-text index of a site's stories as static
// files that the browser fetches piece by piece: no server, no framework.
//
// # Tokens
//
// Text is normalized — full-width letters, digits and punctuation become
// their half-width forms, the ideographic space a space, ASCII letters lower
// case, traditional Chinese characters simplified ones (see Folding) — and
// cut into runs. A run of Chinese (Han), kana or Hangul characters
// gives every single character and every overlapping pair of characters
// (bigrams): "退役军人" gives 退, 役, 军, 人, 退役, 役军, 军人. A run of other
// letters and digits gives one word: "5G" gives "5g". A word followed by a
// Chinese character, with nothing but spaces between them, gives one more
// token, the word and the character: "援助 11 位" gives 11位. Everything
// else separates runs. [Tokens] does this for documents.
//
// A query is cut the same way ([QueryTokens]), so it can never be cut
// differently from the text: a Chinese run of two or more characters gives
// its bigrams, a run of one its character, a word itself, and a word right
// before a Chinese character the pair. A story matches when it holds every
// token of the query. Any substring of two or more Chinese characters of a
// story therefore finds that story: each of its bigrams is in the story.
// The pairs keep a figure with its unit together: "11位" finds the stories
// with 11 位, not those with 11 somewhere and 位 elsewhere, which were most
// of its results before. A space in the query separates terms: "11 位"
// asks for no pair.
//
// # Folding
//
// Traditional characters are folded to simplified ones, in the index's
// tokens and in queries alike, so that 發展 finds 发展 and 发展 finds 發展;
// the exact-phrase test and the marks compare the folded query with the
// folded text, and results show the text as written. The table is
// OpenCC's TSCharacters.txt (Apache License 2.0), written into
// fold_table.go by internal/foldgen (go generate): 2,972 characters, each
// to its first simplified form, where both lie in the Basic Multilingual
// Plane (one UTF-16 unit each, so that positions in the browser's strings
// do not move) and differ. Folding is one way, character by character,
// and a character that is also in simplified use folds too, on both sides:
// a search for it finds the stories it found, and those with the form it
// folds to besides. 16 of the table's characters are in GB 2312, the
// simplified set: 乾 (乾坤, 乾隆) as 干, 於 as 于, 後 as 后, 徵 as 征, 夥 as
// 伙, 麽 as 么, 菸 as 烟, 醣 as 糖, 摺 as 折, 甯 as 宁, 捱 as 挨, 吒 as 咤,
// 榘 as 矩, 薹 as 苔, 麴 as 曲, and 镟 as 旋 (OpenCC's 鏇 to 镟 to 旋,
// followed to its end). 裡 folds as 里, 麼 as 么, 髮 and 發 both as 发;
// 著 stays. Words are not converted: 計算機 finds 计算机, never 电脑, and
// 公車 finds 公车, not 公交.
//
// The browser gets the table as a file of the index, fetched with the
// facets once it has the manifest, and before the dictionaries, since the
// query's tokens are folded: 6,611 bytes, the same for every site and named
// by its content, so fetched once. Inside search.js it would cost more:
// 7,625 bytes more of the script gzip-compressed as base64 of the same
// file, 8,833 uncompressed (publish's default), 13,034 and 17,849 as a
// string of pairs; and all of it again with every change to the script.
// The file costs a request, read with the manifest and the facets as soon
// as the search box has the focus, while the query is being typed: a
// page's first query then waits for the dictionaries alone.
//
// # What is indexed
//
// Each published story's title, summary, body text, tags, authors (a
// trial: a writer's name found nothing, though every story shows it),
// branch and category. Tokens from the title and tags are also kept in a second list
// per token, so that matches there can rank first. The branch's and the
// category's are not: every story of a category would rank first for its
// name.
//
// # Files
//
// Build returns files under search/, every one but the manifest named by a
// hash of its content, so they can be cached forever:
//
//	search/index.json        the manifest: counts, file names, category and branch names
//	search/s/NN.HASH.bin     shard NN's dictionary: its tokens and where their posting lists lie
//	search/p/NN.HASH.bin     shard NN's postings file: the tokens' posting lists, fetched by Range
//	search/f.HASH.bin        the facets: each story's category, branch, year and member size
//	search/fold.HASH.bin     the fold table: traditional characters to simplified, for queries
//	search/t/pack.HASH.bin   a story pack: consecutive stories' details and texts, fetched by Range
//
// Dictionaries and the facets are gzip-compressed (deterministically, with
// no time or name in the header, by github.com/klauspost/compress: at
// 10,000 stories it builds the index in two thirds of the CPU time of
// compress/gzip, for 4% more bytes) and fetched whole; the browser
// decompresses them with DecompressionStream. Postings files and story
// packs are never fetched whole by a browser that gets its Range requests
// answered: they are runs of parts, each fetched alone with one Range
// request. A server that ignores Range answers with the whole file (200);
// the browser then uses the part it wanted, keeps the file, and fetches
// every later file whole, once. A 10,000-story site has some 303 files.
//
// The fold file, gzip-compressed too, is, decompressed, a uvarint count n,
// then n uvarints, the traditional characters in ascending order, each as
// the difference from the one before (the first from 0), then n zigzag
// varints (2d for d >= 0, -2d-1 for d < 0), each simplified character
// minus its traditional one.
//
// # Manifest
//
// index.json is JSON: version (2), stories (N, the number of stories),
// base (the base URL's path; file names are relative to base + "search/"),
// dicts (the dictionaries' names, shard i's at i), facets (the facets
// file's name), fold (the fold file's name), packs (the story packs' names), packFirst (the number of
// the first story of each pack), memberUnit (64), categories and branches
// (names, by index) and firstYear (the year of the oldest story).
//
// Stories are numbered from 0, newest first, as the site lists them, so
// that a lower number is a newer story.
//
// # Shards
//
// A token lives in shard FNV-1a-32(UTF-8 bytes of the token) mod the shard
// count. The count grows with the number of distinct tokens: one shard per
// 4 kB of tokens, rounded up to a power of two (so that an edit seldom
// changes the count, which would change every file), at most 256. A
// dictionary holds 2 to 4 kB raw, under 3 kB compressed. At 10,000
// stories, 39,000 tokens in 128 shards; the words with the character after
// them are more than half of them, and doubled the dictionaries' bytes.
//
// A dictionary, decompressed, is a uvarint length and the name of its
// shard's postings file (as "p/NN.HASH.bin"), then one entry per token of
// the shard, sorted by the token's bytes: a uvarint length, the token's
// UTF-8 bytes, and a uvarint v. The token's posting lists take v>>1 bytes
// of the postings file, gzip-compressed if v&1 is 1, raw if 0; they start
// where the previous token's end (the first at 0). A token that is not in
// its shard's dictionary is in no story.
//
// A token's posting lists, decompressed, are two posting lists: all the
// stories holding it, then those holding it in the title, tags, branch or
// category. A posting list is a uvarint count n, then, when n > 0, a mode
// byte: 0 for n uvarint deltas of ascending story numbers (the first from
// 0), 1 for a bitmap of ceil(N/8) bytes, bit i%8 of byte i/8 for story i,
// whichever is smaller (the deltas when equal). Each token's two lists are
// one gzip member when that is smaller than the raw bytes (it never is
// under 128 bytes, so shorter lists are not tried), else raw bytes.
//
// # Facets
//
// The facets file, decompressed, is four columns of N uvarints each, one
// per story in story order: its category index + 1 (0 for none), its
// branch index + 1 (0 for none), its year - firstYear, and the size of its
// pack member in memberUnit bytes. About 19 kB at 10,000 stories.
//
// # Story packs
//
// Pack p holds stories packFirst[p] to packFirst[p+1]-1 (the last pack to
// N-1), each a gzip member, one after another. Packs hold half a
// megabyte on average, and no more than 2 MB unless one member does;
// they are cut by the stories they hold rather than by where they start
// (see cut in build.go), and named by their bytes: a story added, which
// moves every other story's number, usually changes only the pack it
// goes in (one of 44 at 10,000 stories), or two when it starts one. To find story i, the browser takes the last pack p with
// packFirst[p] <= i; its member starts at the sum of the sizes of stories
// packFirst[p] to i-1 and is size(i) bytes long. Members are padded to a
// multiple of memberUnit bytes, so that the facets file spends fewer bits
// on sizes: the padding is an extra field (FEXTRA) in the gzip header,
// holding one subfield "Hp" of zero bytes, which every gzip reader skips.
//
// A member, decompressed, is a JSON object: t the title, u the story's
// address (base path and page path, percent-encoded), d its date
// (2006-01-02), b and c its branch and category indexes (-1 for none), g
// its tags (left out if none), a its authors (left out if none), s its
// summary (left out if empty), x its plain text. See [Detail].
//
// # A query
//
// The browser fetches the manifest, then, at the same time, the facets and
// the fold file; then the dictionary of each token of the folded query;
// then, for each token, its posting lists with one Range request. It intersects them, counts the
// facets of the matches, applies the filters, and orders the matches:
// those holding every token in the title or tags first,
// then newer first. It shows them 10 at a time: it fetches the ten
// members with one Range request each, checks each for the exact phrase,
// ranks the ten, and lists them; "more" does the same for the next ten.
// A later query fetches only the dictionaries it has not got, the posting
// lists and the members.
//
// # Ranking
//
// Matches holding the exact query (spaces ignored) in the title, tags,
// authors, branch, category, summary or text come before those holding its tokens
// apart; among those, matches in the title or tags before matches in the
// body; then newer before older. The browser (static/js/search.js,
// mirrored in Go by [Reader.Page] for tests) applies the rule to each page
// of ten as it shows it, after ordering all matches by the last two, which
// it knows before fetching any member. [Reader.Search] applies it over all
// matches.
package search
