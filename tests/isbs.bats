#!/usr/bin/env bats
# eq-isbs on five schools worked by hand (tests/isbs/*.csv):
#   A 200 pupils, 60 / 40 / 10  -> shares .3 .2 .05 -> 85 + 4.5 - 4 - 3.25 = 82.25
#   B 100, 10 / 30 / 10         -> .1 .3 .1  -> 85 + 1.5 - 6 - 6.5    = 74
#   C 400, 40 / 120 / 40        -> .1 .3 .1  ->                          74 (a tie)
#   D  50, 5 / 25 / 10          -> .1 .5 .2  -> 85 + 1.5 - 10 - 13    = 63.5
#   E 250, 125 / 25 / 0         -> .5 .1 0   -> 85 + 7.5 - 2 - 0      = 90.5
# sorted 63.5 74 74 82.25 90.5: the 25th percentile (type 7) is at h = 4 x .25 = 1,
# 74 (ШНСУ: D, B, C); the 20th at h = 0.8: 63.5 + 0.8 x 10.5 = 71.9 (ШНСУ: D).
# Ranks: D 1, B 2, C 2, A 4, E 5.

setup() {
	D=$EQ_TOP/tests/isbs
	cd "$BATS_TEST_TMPDIR"
	eq-ingest --kind school "$D/schools.csv" > schools.ndjson
}

# isbs records as "school isbs rank of threshold shnsu"
summary() { jq -r 'select(.type == "isbs") | [.school_id, .isbs, .rank, .of, .threshold, .shnsu] | @tsv' "$@"; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 1e-9 && d > -1e-9) }'; }

@test "the index, the quartile cut, ranks with a tie" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - | eq-isbs > out
	summary out > got
	want="A 82.25 4 5 74 false
B 74 2 5 74 true
C 74 2 5 74 true
D 63.5 1 5 74 true
E 90.5 5 5 74 false"
	while read -r id isbs rank of thr shnsu; do
		line=$(grep "^$id	" got)
		IFS=$'\t' read -r gid gisbs grank gof gthr gshnsu <<< "$line"
		near "$gisbs" "$isbs" && near "$gthr" "$thr"
		[ "$grank" = "$rank" ] && [ "$gof" = "$of" ] && [ "$gshnsu" = "$shnsu" ]
	done <<< "$want"
	[ "$(jq -r 'select(.type == "isbs") | .group' out | sort -u)" = "Энский район" ]
}

@test "--cut quintile: the 20th percentile, 71.9, leaves only D" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - | eq-isbs --cut quintile > out
	for thr in $(jq -r 'select(.type == "isbs") | .threshold' out); do near "$thr" 71.9; done
	[ "$(jq -r 'select(.type == "isbs" and .shnsu) | .school_id' out)" = "D" ]
}

@test "counts, fractions and \"23,5%\"-style percents give identical isbs records" {
	for f in counts fractions percents; do
		eq-ingest --kind context "$D/$f.csv" | cat schools.ndjson - | eq-isbs | grep '"type":"isbs"' > "$f.out"
	done
	[ "$(wc -l < counts.out)" -eq 5 ]
	cmp counts.out fractions.out
	cmp counts.out percents.out
}

@test "every record passes through unchanged and in order; isbs records come after" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - > in
	eq-ingest --kind result "$D/results.csv" >> in
	eq-isbs in > out
	n=$(wc -l < in)
	head -n "$n" out | cmp - in
	[ "$(tail -n +$((n + 1)) out | jq -r .type | sort | uniq -c | tr -s ' ')" = " 5 isbs
 1 isbs_model" ]
}

@test "the regression agrees with the closed form computed independently (awk)" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - > in
	eq-ingest --kind result "$D/results.csv" >> in
	eq-isbs in > out
	# awk: school means from the pupil rows (present, no retake, no past graduate),
	# z among the five, OLS of z on the hand-worked ИСБШ, R², s, each residual's SE
	awk -F, 'NR > 1 && $8 == 0 && $9 == 0 && $10 != "отсутствовал" { s[$5] += $7; n[$5]++ }
	END {
		x["A"] = 82.25; x["B"] = 74; x["C"] = 74; x["D"] = 63.5; x["E"] = 90.5
		for (k in s) { m[k] = s[k] / n[k]; mm += m[k]; c++ }
		mm /= c
		for (k in m) v += (m[k] - mm) ^ 2
		sd = sqrt(v / (c - 1))
		for (k in m) { z[k] = (m[k] - mm) / sd; xm += x[k]; zm += z[k] }
		xm /= c; zm /= c
		for (k in m) { sxx += (x[k] - xm) ^ 2; sxy += (x[k] - xm) * (z[k] - zm); syy += (z[k] - zm) ^ 2 }
		b = sxy / sxx; a = zm - b * xm
		for (k in m) ssr += (z[k] - a - b * x[k]) ^ 2
		s2 = sqrt(ssr / (c - 2))
		printf "model %.12f %.12f %.12f %.12f\n", a, b, 1 - ssr / syy, s2
		for (k in m) printf "%s %.12f %.12f %.12f\n", k, z[k], z[k] - a - b * x[k], s2 * sqrt(1 - 1 / c - (x[k] - xm) ^ 2 / sxx)
	}' "$D/results.csv" > want
	read -r _ a b r2 s < <(grep '^model' want)
	read -r ga gb gr2 gs < <(jq -r 'select(.type == "isbs_model") | [.a, .b, .r2, .residual_se] | @tsv' out)
	near "$ga" "$a" && near "$gb" "$b" && near "$gr2" "$r2" && near "$gs" "$s"
	[ "$(jq -r 'select(.type == "isbs_model") | .n' out)" = 5 ]
	grep -v '^model' want | while read -r id z res se; do
		read -r gz gres gse < <(jq -r --arg id "$id" 'select(.type == "isbs" and .school_id == $id) | [.result_level, .residual, .residual_se] | @tsv' out)
		near "$gz" "$z" && near "$gres" "$res" && near "$gse" "$se"
	done
}

@test "context classes follow the residual and its standard error" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - > in
	eq-ingest --kind result "$D/results.csv" >> in
	eq-isbs in | jq -r 'select(.type == "isbs") | [.school_id, .isbs, .threshold, .residual, .residual_se, .context_class] | @tsv' > got
	# the rule, applied by awk to the numbers eq-isbs reports (Q1 = 74 here)
	awk -F'\t' '{ want = $4 > 1.96 * $5 && $2 <= 74 ? "resilient" : $4 < -1.96 * $5 ? "underperforming" : "as_expected"
		if (want != $6) { print "school " $1 ": " $6 ", want " want; bad = 1 } } END { exit bad }' got
}

@test "invalid contexts are rejected with file and line, exit 1, nothing else lost" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - > in
	printf '%s\n' '{"type":"context","school_id":"F","year":2024,"students":0,"both_parents_higher":0,"single_parent":0,"on_register":0}' \
		'{"type":"context","school_id":"G","year":2024,"students":10,"both_parents_higher":11,"single_parent":0,"on_register":0}' \
		'{"type":"context","school_id":"A","year":2024,"students":10,"both_parents_higher":1,"single_parent":0,"on_register":0}' \
		'{"type":"other","x":1}' >> in
	run eq-isbs --rejects rej.ndjson in
	[ "$status" -eq 1 ]
	[[ "$output" == *"eq-isbs: in:13: context: students: 0 is below the minimum 1"* ]]
	[[ "$output" == *"eq-isbs: in:14: context: both_parents_higher: 11 is above students 10"* ]]
	[[ "$output" == *"eq-isbs: in:15: context: a second context of school A for 2024 (the first: in:7)"* ]]
	[[ "$output" == *"16 records read, 3 rejected"* ]]
	eq-isbs in > out 2>/dev/null || true
	# in = out - derived + rejected
	[ $(( $(wc -l < out) - $(grep -c '"type":"isbs' out) + 3 )) -eq "$(wc -l < in)" ]
	[ "$(jq -r .line rej.ndjson | tr '\n' ' ')" = "13 14 15 " ]
}

@test "a school without a school record: group \"unknown\", with a warning" {
	eq-ingest --kind context "$D/counts.csv" | eq-isbs > out 2> err
	[ "$(jq -r 'select(.type == "isbs") | .group' out | sort -u)" = "unknown" ]
	grep -q 'warning: school A has a context but no school record: it is compared within the group "unknown"' err
}

@test "--by region and --by all group as asked; bad options are usage errors" {
	eq-ingest --kind context "$D/counts.csv" | cat schools.ndjson - > in
	[ "$(eq-isbs --by region in | jq -r 'select(.type == "isbs") | .group' | sort -u)" = "Энская область" ]
	[ "$(eq-isbs --by all in | jq -r 'select(.type == "isbs") | .group' | sort -u)" = "all" ]
	run eq-isbs --by district in
	[ "$status" -eq 2 ]
	run eq-isbs --cut decile in
	[ "$status" -eq 2 ]
}

@test "a resilient and an underperforming school are found, and nobody else" {
	# 18 schools on a line: ИСБШ 85 + 0.15k (k pupils of 100 with both parents
	# with higher education), mean score 10 + k/20 +- 0.05; R at k = 0 scores 3
	# above the line, U at k = 95 scores 3 below. With 20 points s is about 1,
	# so R and U lie about 3 standard errors off the line.
	awk 'BEGIN {
		for (i = 1; i <= 18; i++) add("S" i, 5 * i, 10 + 5 * i / 20 + (i % 2 ? 0.05 : -0.05))
		add("R", 0, 13); add("U", 95, 10 + 95 / 20 - 3)
	}
	function add(id, k, score) {
		printf "{\"type\":\"school\",\"school_id\":\"%s\",\"municipality\":\"M\"}\n", id
		printf "{\"type\":\"context\",\"school_id\":\"%s\",\"year\":2024,\"students\":100,\"both_parents_higher\":%d,\"single_parent\":0,\"on_register\":0}\n", id, k
		printf "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,\"school_id\":\"%s\",\"student_id\":\"p\",\"primary_score\":%s}\n", id, score
	}' > in
	eq-isbs in | jq -r 'select(.type == "isbs") | "\(.school_id) \(.context_class)"' | sort > got
	[ "$(grep -c as_expected got)" -eq 18 ]
	grep -qx 'R resilient' got
	grep -qx 'U underperforming' got
}
