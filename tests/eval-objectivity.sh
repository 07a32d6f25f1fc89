#!/bin/sh
# eval-objectivity.sh [SCHOOLS] [SEED]: a generated region with planted
# inflation (tests/tools/gen-region.c) through eq-objectivity; prints, for the
# year 2024, the precision and recall of the official "flagged", and the signs
# each kind of school trips (honest kinds: the false alarms).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${EQ_BIN:-$top/bin}
export EQ_DATADIR=$top/schemas
tmp=$(mktemp -d)
"${EQ_TOOLS:-$top/build}/tests/gen-region" -s "${1:-200}" -r "${2:-7}" -t "$tmp/truth" > "$tmp/region"
"$bin/eq-objectivity" "$tmp/region" | grep '"type":"objectivity"' |
	jq -r 'select(.year == 2024) | "\(.school_id)\t\(.flagged)\t\([.signs[].sign] | unique | join(","))"' |
	sort > "$tmp/flags"
sort "$tmp/truth" | join -t "$(printf '\t')" - "$tmp/flags" | awk -F'\t' '
{
	planted = $2 !~ /^(typical|strong|weak)$/; f = $3 == "true"
	tp += planted && f; fp += !planted && f; fn += planted && !f
	n[$2]++; flagged[$2] += f
	k = split($4, s, ","); for (i = 1; i <= k; i++) if (s[i] != "") sign[$2 "\t" s[i]]++
}
END {
	printf "official flagged: precision %.2f (%d of %d flagged are planted), recall %.2f (%d of %d planted)\n",
		tp / (tp + fp), tp, tp + fp, tp / (tp + fn), tp, tp + fn
	for (x in n) printf "kind\t%s\t%d of %d flagged\n", x, flagged[x], n[x]
	for (x in sign) printf "sign\t%s\t%d\n", x, sign[x]
}' | sort
rm -rf "$tmp"
