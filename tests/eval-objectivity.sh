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
	jq -r 'select(.year == 2024) | "\(.school_id)\t\(.flagged)\t\([.signs[].sign] | unique | join(","))\t\(.score)"' |
	sort > "$tmp/flags"
sort "$tmp/truth" | join -t "$(printf '\t')" - "$tmp/flags" | awk -F'\t' '
{
	planted = $2 !~ /^(typical|strong|weak)$/; f = $3 == "true"
	tp += planted && f; fp += !planted && f; fn += planted && !f
	n[$2]++; flagged[$2] += f; N++; kind[N] = $2; score[N] = $5 + 0; plant[N] = planted
	k = split($4, s, ","); for (i = 1; i <= k; i++) if (s[i] != "") sign[$2 "\t" s[i]]++
}
END {
	printf "official flagged: precision %.2f (%d of %d flagged are planted), recall %.2f (%d of %d planted)\n",
		tp / (tp + fp), tp, tp + fp, tp / (tp + fn), tp, tp + fn
	for (x in n) printf "kind\t%s\t%d of %d flagged\n", x, flagged[x], n[x]
	# the top 10 % by score (ties broken by the order of the schools)
	top = int(N / 10 + 0.5)
	for (i = 1; i <= N; i++) used[i] = 0
	for (r = 1; r <= top; r++) {
		best = 0
		for (i = 1; i <= N; i++) if (!used[i] && (!best || score[i] > score[best])) best = i
		used[best] = 1; hit += plant[best]; topkind[kind[best]]++
	}
	printf "score: top %d (10 %%): %d planted, precision %.2f\n", top, hit, hit / top
	# and as many as the official rule flags
	for (i = 1; i <= N; i++) used[i] = 0
	for (r = 1; r <= tp + fp; r++) {
		best = 0
		for (i = 1; i <= N; i++) if (!used[i] && (!best || score[i] > score[best])) best = i
		used[best] = 1; hit2 += plant[best]
	}
	printf "score: top %d (as many as flagged): %d planted, precision %.2f\n", tp + fp, hit2, hit2 / (tp + fp)
	for (x in topkind) printf "top\t%s\t%d\n", x, topkind[x]
	for (x in sign) printf "sign\t%s\t%d\n", x, sign[x]
}' | sort
rm -rf "$tmp"
