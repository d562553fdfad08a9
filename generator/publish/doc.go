// Package publish uploads a built site to object storage — S3 and the
// services that speak its protocol (Aliyun OSS, Tencent COS, Huawei OBS,
// MinIO), or a local folder — so that the bucket ends up holding exactly the
// output folder, and a reader never meets a broken page on the way.
//
// # Target
//
// The target is a gocloud.dev/blob URL: s3://BUCKET?endpoint=…&region=…
// (add use_path_style=true for MinIO and most self-hosted servers; leave it
// out for OSS, which wants virtual-hosted style), or file:///PATH. A
// "prefix" parameter publishes under a folder of the bucket. A parameter
// the target's scheme does not take fails the run, with
// [ErrUnknownParameter], naming those it takes: for s3://, gocloud.dev's
// (endpoint, region, use_path_style, prefix, profile, disable_https, …);
// for file://, prefix, create_dir, dir_file_mode and no_tmp_dir.
// A file:// target is a folder that a web server serves as it is: publish
// writes the output's files there unchanged, without gocloud.dev's
// "*.attrs" sidecars (it removes those an earlier publish left), never
// compressed (gzip, and rules' gzip, are left to the web server, said once
// with an Event "warning"), and compares them with the output by content,
// read back; the headers are in [StateName] only. A folder that does not
// exist is an error, unless create_dir=true.
// Credentials come
// from the standard AWS environment variables or shared config files and are
// never printed. When the SDK finds none, publish says so in its own words,
// not the SDK's (whose last is the machine's metadata service's), and
// names the half of a pair that is set without the other:
// AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY, or the reverse.
//
// # What is uploaded
//
// Publish reads every file of the output's manifest (written by herald
// build), and refuses to start when one no longer has the size and hash the
// manifest gives it: edited or cut short since the build. It refuses, too,
// an output whose manifest says the build included drafts or stories dated
// in the future (herald build --drafts, --future: a build for internal
// review), with [ErrForReview], unless AllowDrafts. [Plan] compares
// the files with the bucket: an object is uploaded when it is missing ("not
// found"), when its content's MD5 differs ("content differs": the
// listing's ETag, or for objects uploaded in parts the md5 metadata herald
// writes), when the headers herald would give it differ from those it has
// ("headers differ"), or with Force ("forced"). Remote objects that are not
// in the output are deleted, except those under a folder that holds a
// [StateName] of its own: another herald site, published with prefix= into
// the same bucket, which publish leaves alone ([Plan.Others]).
//
// Headers are known without a request per object: after each run, publish
// writes [StateName] into the bucket, recording the MD5 and headers of every
// object it put there; an object missing from it, or whose MD5 differs from
// the listing (changed by something else), is asked for its headers.
//
// # Headers
//
// Content-Type carries charset=utf-8 for text (html, css, js, json, xml,
// txt, svg). Cache-Control is "public, max-age=31536000, immutable" for
// files named by their content's hash (fingerprinted css and js, the search
// index), "public, max-age=300" for pages, feeds, the sitemap and the search
// manifest, and "public, max-age=86400" for other files. site.yaml's
// publish.rules override both, the first matching rule winning. With gzip,
// text files are compressed at upload with Content-Encoding: gzip; a file
// that is already gzip never is, nor, whatever the rules say, the search
// index's data files, which the browser reads in pieces with Range requests.
//
// # Order
//
// Uploads go in groups, each finished before the next starts: (1) assets
// and images, (2) story pages, (3) list, term and archive pages, (4) the
// home page, feeds, sitemap, robots.txt and the search manifest. Deletes
// come last, only when every upload succeeded, and only when there are no
// more than MaxDeletes of them: over the limit, nothing is deleted and
// publish fails, saying how many and what the limit is; with NoDelete,
// nothing is deleted either. Either way the plan lists those objects in
// Plan.Kept, not in Plan.Deletes. Files named by their content stay for
// Grace after they left the output (Plan.Retained): pages cached before
// the run still ask for them.
//
// # Dry run
//
// With DryRun, publish plans and changes nothing: the plan is the one the
// real run would carry out, NoDelete and MaxDeletes included, and a plan
// the real run would refuse fails the dry run too, with the same error
// after "dry run: ".
//
// # Failures
//
// Every request has a timeout; throttling (503 SlowDown), server errors and
// network errors are retried with exponential backoff and jitter. When
// files still fail, publish goes on with the others, then reports every
// failed file and fails; running it again converges. A request that
// reaches no server (refused, or a name without an address) is not retried
// beyond the SDK's own attempts, and stops the run: the other requests go
// to the same server. [Explain] says what to check for the causes herald
// knows: such a server, refused credentials or access, a missing bucket.
package publish
