#!/bin/bash
# Core parse throughput by form of real text, against the parser of an
# earlier revision, measured in the same run (a development machine with
# git, make, a C compiler, ICU and libxml2 headers: the ones the build
# needs).
#
#   bash bench/forms.sh [BASE_REV] [TEXTS_DIR] [ROUNDS]
#
# BASE_REV (default 1400d71, the parser before line breaks became hints
# and before text in drawing order was read) is built in a temporary
# worktree; TEXTS_DIR (default ../shared/corpus/texts) holds real texts,
# sorted into forms by their names:
#
#   crawler    *.page.txt of reports since 2019 (the article on one line)
#   legacy     *.page.txt of reports before 2019 (legacy, pre2019)
#   html       *.html, whole site pages
#   layout     *pdftotext-layout*
#   raw        *pdftotext-raw* (plain pdftotext: drawing order)
#
# For each form, bench/core of both revisions runs three times in
# alternation (A B A B A B, each the best of five runs of ROUNDS parses of
# every file); the best figure of each is printed with their ratio.  Not a
# test: nothing here fails on a slow result.
set -eu
cd "$(dirname "$0")/.."

base=${1:-1400d71}
texts=${2:-../shared/corpus/texts}
rounds=${3:-30}
[ -d "$texts" ] || { echo "bench/forms.sh: no texts in $texts" >&2; exit 1; }

work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
make -s -C "$work/base" bench/core >/dev/null
make -s bench/core >/dev/null

for form in crawler legacy html layout raw; do
	mkdir -p "$work/forms/$form"
done
for f in "$texts"/*; do
	name=$(basename "$f")
	case "$name" in
		*legacy* | *pre2019*) form=legacy ;;
		*.page.txt) form=crawler ;;
		*.html) form=html ;;
		*pdftotext-layout*) form=layout ;;
		*pdftotext-raw*) form=raw ;;
		*) continue ;;
	esac
	# bench/core reads *.txt; it tells HTML by content
	cp "$f" "$work/forms/$form/${name%.*}.txt"
done

# the byte-weighted parse rate over a form's files, from bench/core's table
rate() {
	"$1" "$2" "$rounds" 2>&1 | awk '
		/^  / && $1 != "all" && $1 != "layout" && $(NF-2) ~ /^[0-9.]+$/ {
			bytes += $(NF-3); seconds += $(NF-3) / $(NF-2)
		}
		END { if (seconds > 0) printf "%.1f", bytes / seconds; else print 0 }'
}

printf '%-8s %6s %12s %12s %8s\n' form files "$base MB/s" "HEAD MB/s" ratio
for form in crawler legacy html layout raw; do
	dir="$work/forms/$form"
	files=$(find "$dir" -name '*.txt' | wc -l)
	[ "$files" -gt 0 ] || continue
	a=0 b=0
	for _ in 1 2 3; do
		x=$(rate "$work/base/bench/core" "$dir")
		y=$(rate bench/core "$dir")
		a=$(awk -v p="$a" -v q="$x" 'BEGIN { print (q > p ? q : p) }')
		b=$(awk -v p="$b" -v q="$y" 'BEGIN { print (q > p ? q : p) }')
	done
	printf '%-8s %6d %12.1f %12.1f %8.3f\n' "$form" "$files" "$a" "$b" \
		"$(awk -v p="$a" -v q="$b" 'BEGIN { print (p > 0 ? q / p : 0) }')"
done
