#!/usr/bin/env bats
# eq-summarize: the sums a report reads in place of the pupils' rows.

bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
}

@test "eq-summarize: sums worked by hand; other records pass first, unchanged; the absent are not counted" {
	r='"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1"'
	{
		echo '{"type":"school","school_id":"s1","municipality":"m1"}'
		printf '{%s,"student_id":"p1","primary_score":5,"mark":2}\n' "$r"
		printf '{%s,"student_id":"p2","primary_score":12,"mark":4}\n' "$r"
		echo '{"type":"note","text":"kept"}'
		printf '{%s,"student_id":"p3","primary_score":12,"mark":4}\n' "$r"
		printf '{%s,"student_id":"p4","absent":true}\n' "$r"
	} > in.ndjson
	run -0 eq-summarize in.ndjson
	[ "${lines[0]}" = '{"type":"school","school_id":"s1","municipality":"m1"}' ]
	[ "${lines[1]}" = '{"type":"note","text":"kept"}' ]
	[ "${#lines[@]}" -eq 3 ]
	# 3 counted; failed 1 (p1); 5 + 12 + 12 = 29; 25 + 144 + 144 = 313; one «2», two «4»;
	# one pupil at 5 points, two at 12
	[ "${lines[2]}" = '{"type":"school_summary","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1","participants":3,"scored":3,"score_sum":29,"score_sumsq":313,"failed":1,"unmarked":0,"marks":[1,0,2,0],"scores":[0,0,0,0,0,1,0,0,0,0,0,0,2]}' ]
	# the summary validates against its schema
	echo "${lines[2]}" | "$EQ_TOOLS/tests/schema-check" "$EQ_DATADIR/types/derived/school_summary.schema.json"
}

@test "eq-summarize: the summaries of two parts, summarised again, are the summary of the whole; a report reads them as it reads the pupils" {
	OUT=$BATS_TEST_TMPDIR/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" > /dev/null 2>&1
	rec=$BATS_TEST_TMPDIR/demo/records.ndjson
	# every other pupil's row in the second part: every school's pupils split
	awk '/^{"type":"result"/ && n++ % 2 { print > "b.ndjson"; next } { print > "a.ndjson" }' "$rec"
	eq-summarize "$rec" > whole.ndjson
	eq-summarize a.ndjson > sa.ndjson
	eq-summarize b.ndjson > sb.ndjson
	cat sa.ndjson sb.ndjson | eq-summarize > merged.ndjson
	[ "$(grep -c school_summary whole.ndjson)" -gt 100 ]
	# the parts split schools' pupils: summaries really are added
	[ "$(jq -r 'select(.type == "school_summary") | [.school_id, .year, .procedure, .subject, .grade] | @tsv' sa.ndjson sb.ndjson | sort | uniq -d | wc -l)" -gt 0 ]
	[ "$(jq -cS 'select(.type == "school_summary")' merged.ndjson | sort)" = "$(jq -cS 'select(.type == "school_summary")' whole.ndjson | sort)" ]
	# every report eq-report makes is the same from the summaries
	for f in html md; do
		eq-report --format $f "$rec" > pupils.$f
		eq-report --format $f whole.ndjson > summary.$f
		cmp pupils.$f summary.$f
	done
	for l in schools recommendations indicators; do
		eq-report --format csv --list $l "$rec" > pupils.csv
		eq-report --format csv --list $l merged.ndjson > summary.csv
		cmp pupils.csv summary.csv
	done
	eq-report --school ens05 "$rec" > pupils.html
	eq-report --school ens05 merged.ndjson > summary.html
	cmp pupils.html summary.html
	# and it is much smaller
	[ "$(wc -c < whole.ndjson)" -lt $(( $(wc -c < "$rec") / 2 )) ]
}

@test "eq-summarize: a malformed summary is rejected with its line, the rest summarised" {
	printf '%s\n' '{"type":"school_summary","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1","participants":3,"marks":[1,2]}' \
		'{"type":"school_summary","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1","participants":2.5,"marks":[1,0,1,0]}' \
		'{"type":"school_summary","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1","participants":2,"marks":[1,0,1,0]}' > in.ndjson
	run -1 --separate-stderr eq-summarize in.ndjson
	[ "$output" = '{"type":"school_summary","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1","participants":2,"scored":0,"score_sum":0,"score_sumsq":0,"failed":0,"unmarked":0,"marks":[1,0,1,0]}' ]
	[[ "$stderr" == *"in.ndjson:1: "*"marks"* ]] || false
	[[ "$stderr" == *"in.ndjson:2: participants: a count must be a whole number"* ]] || false
}

@test "eq-summarize: summaries as written (read in place) and spaced out (read whole) add up the same" {
	OUT=$BATS_TEST_TMPDIR/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" > /dev/null 2>&1
	eq-summarize "$BATS_TEST_TMPDIR/demo/records.ndjson" | grep '"school_summary"' > s.ndjson
	sed 's/,/, /g; s/:/: /g' s.ndjson > spaced.ndjson
	[ "$(cmp s.ndjson spaced.ndjson | wc -l)" -eq 1 ] # they differ
	cat s.ndjson spaced.ndjson | eq-summarize > twice.ndjson
	# every sum doubled, whichever way it was read
	[ "$(jq -c '[.participants, .failed, .score_sum, .marks, .scores]' twice.ndjson)" = "$(jq -c '[.participants * 2, .failed * 2, .score_sum * 2, (.marks | map(. * 2)), (.scores // null | if . then map(. * 2) else . end)]' s.ndjson)" ]
}
