// Package output writes a build's files to disk atomically and
// deterministically.
//
// [Begin] creates a temporary folder beside the target (".public.tmp-…" for
// "public"), files are written into it, in any order and from any number of
// goroutines, and [Writer.Commit] swaps it in: the old folder is renamed
// aside, the new one renamed into place, and the old one removed. Until
// Commit, the target is untouched; [Writer.Abort] removes the temporary
// folder, so a failed build leaves the previous output exactly as it was.
//
// # Updates
//
// [Update] brings an output folder that holds a previous build up to date
// in place, for a build that changes few files: [Updater.Keep] keeps a file
// whose fingerprint is unchanged, WriteFile stages only bytes that differ,
// and [Updater.Commit] writes the staged files (each through a temporary
// file renamed over the old one), deletes the files the build no longer
// has, and rewrites the manifest. Before it writes, it marks the files it
// is about to replace in the manifest, so that an update killed midway is
// repaired by the next one; until Commit, the folder is untouched.
// [Updater.Limit] bounds the files an update stages (ErrTooMany past it),
// for a build that learns what changed only by rendering every page.
// [Updater.Lend] puts a file whose fingerprint is unchanged into a new
// output instead, for a build that writes one afresh: a hard link, or a
// copy with the same modification time. A Writer that reuses the previous
// output ([Writer.Reuse]) links each file whose bytes that output holds
// already, and [Writer.Take] takes what an update that was not made had
// staged and kept. A Writer creates each file anew, removing one already
// at its path rather than writing into it, so that no write reaches the
// previous output through such a link.
//
// # Manifest
//
// Commit writes [ManifestName] at the top of the output: every file's path,
// size, hash ([Hash]) and fingerprint, sorted by path (UTF-8 byte order),
// as JSON, and the name of the program that built it. A build that
// includes drafts, or stories dated after its time, says so ("drafts":
// true, "future": true; [Manifest.Drafts]): it is for review, and publish
// refuses it; other manifests have neither line, and an update that no
// longer includes them rewrites the manifest without them. Publish reads it to
// know the files, and refuses one whose bytes no longer have its hash. Its
// presence also marks a folder as herald's output: Begin refuses to replace
// a non-empty folder without one, so that a mistyped --out never deletes
// someone's files.
//
// # Errors
//
// Writing the same path twice in one build is an error naming the path:
// two pages would otherwise overwrite one another depending on timing.
package output
