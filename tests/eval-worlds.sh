#!/bin/sh
# eval-worlds.sh [SEED...]: the evidence ranking of eq-objectivity on worlds
# drawn by tests/tools/gen-world (600 schools each). Per world: the share
# planted, the official rule's precision and recall ("flagged"), and the
# precision of the top of the ranking by score: the top 10 %, and the top k
# where k is the number of planted schools when that is fewer (a list can
# hold no more planted schools than there are). Then the median and the worst.
# The default seeds were never looked at while the current method was
# built (it was built on seeds 1-20; 101-112, 201-212, 301-312, 401-412,
# 501-512 and 601-612 judged earlier versions); a new version is to be
# judged on seeds it has not seen either.
# Issue 13.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${EQ_BIN:-$top/bin}
tools=${EQ_TOOLS:-$top/build}
export EQ_DATADIR=$top/schemas
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- 701 702 703 704 705 706 707 708 709 710 711 712
printf 'seed\tschools\tplanted\tflagged_precision\tflagged_recall\tp_at_10pct\tp_at_k\tk\n'
for seed in "$@"; do
	"$tools/tests/gen-world" -s "${SCHOOLS:-600}" -r "$seed" -t "$tmp/truth" > "$tmp/world"
	"$bin/eq-objectivity" "$tmp/world" 2> "$tmp/err" | grep '"type":"objectivity"' |
		jq -r 'select(.year == 2024) | [.school_id, .flagged, .score] | @tsv' | sort > "$tmp/scores"
	sort "$tmp/truth" | join -t "$(printf '\t')" - "$tmp/scores" |
		awk -F'\t' -v seed="$seed" -f "$top/tests/eval/rank.awk"
done | tee "$tmp/table"
awk -F'\t' -f "$top/tests/eval/summary.awk" "$tmp/table"
