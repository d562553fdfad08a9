#!/usr/bin/env bash
# bench/build.sh: herald against Hugo on the same stories, same machine,
# same run. For each size it generates the corpus with ../shared/bench/gencorpus
# (the herald site and the equivalent Hugo site), then builds each RUNS times,
# alternating herald and Hugo, cold (each into a new output folder), timed
# whole-process with GNU time, and prints the medians and the ratios. Then
# it edits one story RUNS times, a new sentence each time, and times herald
# updating its output with the cache the last cold build saved, against its
# own cold build (Hugo has no such mode); again under a footer of the
# site's own that adds the site's ICP number and the number of stories,
# which fingerprints can trust as the theme's; and under one that shows
# the newest story's title, which they cannot, so that herald renders
# every page. After each pair of cold builds,
# bench/floor measures the machine's floor on the same stories: reading
# them, rendering their Markdown with goldmark, and creating the files of
# herald's output, each spread over the cores (see bench/floor/README.md).
#
#   bench/build.sh [SIZES...]            default: 1000 10000 30000 100000
#
# Each invocation deletes its outputs when it ends; ext4 then creates files
# slowly for a while (see below), so give all sizes to one invocation, or
# leave some minutes between invocations.
#
# Environment: HUGO (default: hugo on PATH; v0.165.0 was the reference:
# CGO_ENABLED=0 go install github.com/gohugoio/hugo@v0.165.0), RUNS (default
# 3), WORK (default: a temporary folder), SEED (default 1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
GEN=$ROOT/../shared/bench/gencorpus
SIZES=("${@:-1000 10000 30000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-3}
SEED=${SEED:-1}
HUGO=${HUGO:-$(command -v hugo || true)}
WORK=${WORK:-$(mktemp -d)}
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "bench: GNU time is missing (apt-get install time)" >&2; exit 1; }
[ -n "$HUGO" ] && [ -x "$HUGO" ] || { echo "bench: no hugo (set HUGO=/path/to/hugo)" >&2; exit 1; }
[ -d "$GEN" ] || { echo "bench: no corpus generator at $GEN" >&2; exit 1; }

mkdir -p "$WORK"
TRASH=$(mktemp -d "$WORK/trash-XXXXXX") # removed at the end
echo "building herald" >&2
go build -o "$WORK/herald" .
go build -o "$WORK/floor" ./bench/floor
(cd "$GEN" && go build -o "$WORK/gencorpus" .)

# run CMD...: prints "wall user sys maxrss_kb" of one run. It first
# flushes the files the run before wrote (sync, untimed), so that the
# kernel does not write them back during this run: each program pays for
# its own output, not for the other's.
run() {
	local out=$WORK/time.out
	sync
	"$TIME" -f "%e %U %S %M" -o "$out" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; return 1; }
	tail -n 1 "$out"
}

updates=()
# edits FILE: edits $story RUNS times, a new sentence each time, and times
# herald updating $dir's output after each edit, into FILE.
edits() {
	: >"$1"
	for r in $(seq "$RUNS"); do
		printf '\n第 %s 次修改：支部又走访了一户。\n' "$r" >>"$story"
		run "$WORK/herald" build --source "$dir" >>"$1"
	done
}
floors=()
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "# herald against Hugo, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB"
echo "# herald $(git describe --always --dirty 2>/dev/null || echo '?'), $("$HUGO" version | cut -d' ' -f1-2), $(go version | cut -d' ' -f3)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n| stories | herald wall | Hugo wall | ratio | herald CPU | Hugo CPU | herald peak RSS | Hugo peak RSS | ratio | herald files | Hugo files |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${SIZES[@]}"; do
	dir=$WORK/corpus-$n
	if [ ! -d "$dir/hugo" ]; then
		echo "generating $n stories" >&2
		"$WORK/gencorpus" -n "$n" -seed "$SEED" -out "$dir" -hugo >&2
	fi
	: >"$WORK/h.$n" ; : >"$WORK/g.$n" ; : >"$WORK/f.$n"
	# Each run writes into a folder of its own, and nothing is deleted until
	# the end: right after a large tree is deleted, ext4 creates files
	# slowly (its inode allocator skips recently deleted inodes), which
	# doubled the system time of both programs when each run followed an
	# rm -rf. A build in CI writes into a fresh clone. Earlier outputs and
	# caches are moved aside, which costs nothing.
	out=$TRASH/out-$n
	mkdir -p "$out"
	for old in "$dir/public" "$dir/hugo/public" "$dir/.herald"; do
		[ ! -e "$old" ] || mv "$old" "$(mktemp -d "$TRASH/old-XXXXXX")"
	done
	for r in $(seq "$RUNS"); do
		echo "run $r of $RUNS at $n stories" >&2
		[ ! -e "$dir/.herald" ] || mv "$dir/.herald" "$(mktemp -d "$TRASH/cache-XXXXXX")" # cold: no cache either
		run "$WORK/herald" build --source "$dir" --out "$out/herald-$r" >>"$WORK/h.$n"
		run "$HUGO" --quiet --source "$dir/hugo" --destination "$out/hugo-$r" >>"$WORK/g.$n"
		sync
		"$WORK/floor" -content "$dir/content" -like "$out/herald-$r" -out "$out/floor-$r" >>"$WORK/f.$n" 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
	done
	mv "$out/herald-$RUNS" "$dir/public"
	mv "$out/hugo-$RUNS" "$dir/hugo/public"
	hw=$(awk '{print $1}' "$WORK/h.$n" | median); gw=$(awk '{print $1}' "$WORK/g.$n" | median)
	hc=$(awk '{print $2+$3}' "$WORK/h.$n" | median); gc=$(awk '{print $2+$3}' "$WORK/g.$n" | median)
	hm=$(awk '{print $4/1024}' "$WORK/h.$n" | median); gm=$(awk '{print $4/1024}' "$WORK/g.$n" | median)
	hf=$(find "$dir/public" -type f | wc -l); gf=$(find "$dir/hugo/public" -type f | wc -l)
	printf '| %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.0f MiB | %.0f MiB | %.2f | %s | %s |\n' \
		"$n" "$hw" "$gw" "$(echo "$hw / $gw" | bc -l)" "$hc" "$gc" "$hm" "$gm" "$(echo "$hm / $gm" | bc -l)" "$hf" "$gf"
	fw=$(awk '{print $1}' "$WORK/f.$n" | median)
	floors+=("$(printf '| %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f | %.2f | %.3f ms | %.3f ms |' "$n" "$fw" \
		"$(awk '{print $2}' "$WORK/f.$n" | median)" "$(awk '{print $3}' "$WORK/f.$n" | median)" "$(awk '{print $4}' "$WORK/f.$n" | median)" \
		"$hw" "$(echo "$hw / $fw" | bc -l)" "$(echo "$gw / $fw" | bc -l)" "$(echo "1000 * $hw / $n" | bc -l)" "$(echo "1000 * $fw / $n" | bc -l)")")
	# One story edited: herald updates the output the cold run left.
	story=$(find "$dir/content" -name '*.md' | LC_ALL=C sort | sed -n 2p)
	cp "$story" "$WORK/story.bak"
	edits "$WORK/u.$n"
	cp "$WORK/story.bak" "$story"
	"$WORK/herald" build --source "$dir" --lang en >"$WORK/last" # back to the corpus as generated
	# The same edits under a footer of the site's own, as a site that must
	# show its ICP number has, with the number of stories: it shows what
	# every page's fingerprint holds, so the update renders what changed,
	# as under the theme's. The first build with it, untimed, changes
	# every page.
	mkdir -p "$dir/templates/partials"
	sed 's|</footer>|<p>备案号：湘ICP备00000000号　本站共 {{len .Site.Stories}} 篇报道</p>\n</footer>|' templates/partials/footer.html >"$dir/templates/partials/footer.html"
	"$WORK/herald" build --source "$dir" >/dev/null 2>&1
	edits "$WORK/o.$n"
	cp "$WORK/story.bak" "$story"
	# And under one that shows the newest story's title, which fingerprints
	# leave out: every page renders, the changed ones are written.
	sed 's|</footer>|<p>最新报道：{{with index .Site.Stories 0}}{{.Title}}{{end}}</p>\n</footer>|' templates/partials/footer.html >"$dir/templates/partials/footer.html"
	"$WORK/herald" build --source "$dir" >/dev/null 2>&1
	edits "$WORK/a.$n"
	cp "$WORK/story.bak" "$story"
	rm -r "$dir/templates"
	"$WORK/herald" build --source "$dir" >/dev/null 2>&1
	uw=$(awk '{print $1}' "$WORK/u.$n" | median); um=$(awk '{print $4/1024}' "$WORK/u.$n" | median)
	ow=$(awk '{print $1}' "$WORK/o.$n" | median); om=$(awk '{print $4/1024}' "$WORK/o.$n" | median)
	aw=$(awk '{print $1}' "$WORK/a.$n" | median); am=$(awk '{print $4/1024}' "$WORK/a.$n" | median)
	updates+=("$(printf '| %s | %.2f s | %.2f s | %.2f | %.0f MiB | %s | %.2f s | %.2f | %.0f MiB | %.2f s | %.2f | %.0f MiB |' "$n" "$hw" "$uw" "$(echo "$uw / $hw" | bc -l)" "$um" "$(grep -o 'updated [0-9]*' "$WORK/last" | cut -d' ' -f2)" \
		"$ow" "$(echo "$ow / $hw" | bc -l)" "$om" "$aw" "$(echo "$aw / $hw" | bc -l)" "$am")")
done
printf '\n| stories | herald cold | herald update, one story edited | ratio | update peak RSS | files written | the same, under a footer with an ICP number and the number of stories | ratio | peak RSS | under a footer with the newest story'"'"'s title | ratio | peak RSS |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${updates[@]}"
printf '\n| stories | floor | read | Markdown | create | herald | herald/floor | Hugo/floor | herald per story | floor per story |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${floors[@]}"
echo
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$TRASH"
echo "# What differs: herald also writes archives by year and month, /search/ and its index, achievements pages,"
echo "# 404.html, robots.txt, JSON Feed and an RSS feed per category, branch and tag; Hugo writes a /stories/ section list."
