#!/usr/bin/env bats
# eq-ingest and eq-normalize: behaviour a user relies on.

bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# rows/records read and rejected, from the summary line
summary() { sed -n 's/.*: \([0-9]*\) \(rows\|records\) read, \([0-9]*\) rejected.*/\1 \3/p' "$1"; }

@test "every bad-input case: rows read = records written + rows rejected" {
	for c in ingest-bad-rows ingest-context ingest-nul ingest-invalid-utf8 ingest-missing-column; do
		(cd "$EQ_TOP/tests/cases/$c" && eq-ingest --kind "$(case $c in *context) echo context;; *nul) echo school;; *) echo result;; esac)" \
			--encoding "$(case $c in *utf8) echo utf-8;; *) echo auto;; esac)" in.csv) \
			> out 2> err || true
		read -r read rejected <<< "$(summary err)"
		written=$(grep -vc -e '"task_scheme"' -e '"type":"source"' out || true)
		# and the file's own account says the same
		[ "$(jq -r 'select(.type == "source") | .rows - .accepted - .rejected' out)" -eq 0 ]
		echo "$c: read $read, written $written, rejected $rejected"
		[ "$read" -eq $((written + rejected)) ]
	done
	# eq-normalize
	eq-normalize "$EQ_TOP/tests/cases/normalize-bad/in.ndjson" > out 2> err || true
	read -r read rejected <<< "$(summary err)"
	[ "$read" -eq $(($(wc -l < out) + rejected)) ]
}

@test "examples: every export is read without a reject, and no pupil name gets through" {
	OUT=$BATS_TEST_TMPDIR/demo run sh "$EQ_TOP/scripts/demo.sh"
	[ "$status" -eq 0 ]
	[ ! -s "$BATS_TEST_TMPDIR/demo/rejects.ndjson" ]
	# result rows in the CSVs (less headers and title rows) = result records
	rows=0
	for f in "$EQ_TOP"/examples/results/*/*.csv; do
		n=$(grep -a -c -E '^(ens[0-9]+;|20[0-9][0-9],)' "$f")
		rows=$((rows + n))
	done
	[ "$(grep -c '"type":"result"' "$BATS_TEST_TMPDIR/demo/records.ndjson")" -eq "$rows" ]
	[[ "$output" == *"dropped columns with personal names: ФИО"* ]]
	# the 2024 exports carry a column of names: none of them may appear
	for name in Иванов Петрова Сидоров Кузнецова Смирнов Попова; do
		run ! grep -q "$name" "$BATS_TEST_TMPDIR/demo/records.ndjson"
	done
}

@test "context percent with a decimal comma reads as the share of the count" {
	# ens05: 60 single-parent families of 230 pupils, written as 26,1 %
	OUT=$BATS_TEST_TMPDIR/demo sh "$EQ_TOP/scripts/demo.sh" 2>/dev/null
	run jq -c 'select(.type=="context" and .school_id=="ens05" and .year==2024) | .single_parent_share' "$BATS_TEST_TMPDIR/demo/records.ndjson"
	[ "$output" = "0.261" ]
}

@test "risk: wide form (a column per factor) and long form give the same records" {
	printf 'Логин ОО;Год;Дефицит педагогических кадров;ОВЗ\ns1;2024;0,6;\ns2;2024;10%%;0,2\n' > wide.csv
	printf 'school_id,year,factor,value\ns1,2024,staff_shortage,0.6\ns2,2024,staff_shortage,0.1\ns2,2024,ovz_students,0.2\n' > long.csv
	eq-ingest --kind risk wide.csv | eq-normalize | grep -v '"type":"source"' > a
	eq-ingest --kind risk long.csv | eq-normalize | grep -v '"type":"source"' > b
	diff a b
	[ "$(wc -l < a)" -eq 3 ]
	grep -qx '{"type":"risk","school_id":"s2","year":2024,"factor":"staff_shortage","value":0.1}' a
}

@test "stdin, a BOM, tab-separated, and - as a file name" {
	printf '\357\273\277school_id\tmunicipality\ns1\tM\n' > bom.tsv
	run sh -c "eq-ingest --kind school < bom.tsv | grep -v '\"type\":\"source\"'"
	[ "$status" -eq 0 ]
	[ "$output" = '{"type":"school","school_id":"s1","municipality":"M"}' ]
	run sh -c "cat bom.tsv | eq-ingest --kind school --delimiter tab - | grep -v '\"type\":\"source\"'"
	[ "$output" = '{"type":"school","school_id":"s1","municipality":"M"}' ]
	printf 'school_id,municipality\ns1,"M, ""Энский"""\n' | eq-ingest --kind school > q
	grep -qx '{"type":"school","school_id":"s1","municipality":"M, \\"Энский\\""}' q
}

@test "pass-through of unknown records is byte for byte, in order, at scale" {
	awk 'BEGIN { for (i = 0; i < 20000; i++)
		if (i % 3) printf "{\"type\":\"derived\",\"i\":%d,\"x\":%.17g,\"s\":\"\\u00e9\\t%d\"}\n", i, i / 7, i;
		else printf "{\"type\":\"school\",\"school_id\":\"s%d\",\"municipality\":\"M\"}\n", i }' > mixed
	eq-normalize mixed > out
	cmp mixed out
}

@test "reference data: a broken dictionary is refused with FILE:LINE, exit 2" {
	cp -r "$EQ_DATADIR" data
	printf 'subject\tmath2\tМатематика-2\tматематика\n' >> data/ref/values.tsv
	EQ_DATADIR=$PWD/data run eq-normalize < /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == "eq-normalize: $PWD/data/ref/values.tsv:$(wc -l < data/ref/values.tsv): alias \"математика\" is already used on an earlier line" ]]
	cp "$EQ_DATADIR/ref/values.tsv" data/ref/values.tsv
	printf '2024\tVPR\tmath\t5\t7\t11\tx\t20\n' >> data/ref/scales.tsv
	EQ_DATADIR=$PWD/data run eq-normalize < /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"scales.tsv:$(wc -l < data/ref/scales.tsv): column 7: \"x\" is not a number" ]]
}

@test "dictionary codes and schema enums name the same values" {
	for pair in procedure:result subject:result stage:olympiad status:olympiad locality:school factor:risk; do
		field=${pair%%:*} type=${pair#*:}
		awk -F'\t' -v f="$field" '$1 == f { print $2 }' "$EQ_DATADIR/ref/values.tsv" | sort > dict
		jq -r --arg f "$field" '(.properties[$f]["$ref"] // "") as $r
			| if $r != "" then .["$defs"][$r | sub("#/\\$defs/"; "")].enum else .properties[$f].enum end | .[]' \
			"$EQ_DATADIR/types/$type.schema.json" | sort > enum
		diff dict enum
	done
}

@test "a missing input file is reported, the others are still read, exit 3" {
	printf 'school_id,municipality\ns1,M\n' > a.csv
	run eq-ingest --kind school nope.csv a.csv
	[ "$status" -eq 3 ]
	[[ "$output" == *"eq-ingest: nope.csv: No such file or directory"* ]]
	[[ "$output" == *'{"type":"school","school_id":"s1","municipality":"M"}'* ]]
}

@test "a write error is an I/O error (exit 3), not silence" {
	[ -w /dev/full ] || skip "no /dev/full"
	printf 'school_id,municipality\ns1,M\n' > a.csv
	run sh -c 'eq-ingest --kind school a.csv > /dev/full'
	[ "$status" -eq 3 ]
	[[ "$output" == *"write error on stdout"* ]]
	run sh -c 'echo "{\"type\":\"x\"}" | eq-normalize > /dev/full'
	[ "$status" -eq 3 ]
}

@test "make install honours DESTDIR and PREFIX; the installed filters find their data" {
	make -s -C "$EQ_TOP" install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/eq > /dev/null
	r=$BATS_TEST_TMPDIR/root/opt/eq
	[ -x "$r/bin/eq-ingest" ] && [ -x "$r/bin/eq-normalize" ]
	[ -f "$r/share/man/man1/eq-ingest.1" ] && [ -f "$r/share/man/man7/eq.7" ]
	[ -f "$r/share/eq/types/result.schema.json" ] && [ -f "$r/share/eq/ref/values.tsv" ]
	run env -u EQ_DATADIR "$r/bin/eq-ingest" --kind school "$EQ_TOP/examples/schools.csv"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 11 ] # 10 schools and the file's source record
	make -s -C "$EQ_TOP" uninstall DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/eq
	[ ! -e "$r/bin/eq-ingest" ] && [ ! -e "$r/share/eq" ]
}

@test "eq-normalize: a procedure with no mark table is said once, naming it, and its results get no mark; one with a table gets marks" {
	for p in p1 p2 p3; do
		printf '{"type":"result","year":2024,"procedure":"VPR","subject":"french","grade":7,"school_id":"s1","student_id":"%s","primary_score":20}\n' "$p"
	done > in.ndjson
	# VPR math 5 has a table (2021: 3 from 7, 4 from 11, 5 from 15 points): 12 points is «4»
	printf '{"type":"result","year":2021,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1","student_id":"p4","primary_score":12}\n' >> in.ndjson
	run -0 --separate-stderr eq-normalize in.ndjson
	[ "$(echo "$output" | jq -c '[.student_id, .mark]' | paste -sd' ')" = '["p1",null] ["p2",null] ["p3",null] ["p4",4]' ]
	[ "$stderr" = "eq-normalize: in.ndjson:1: warning: no mark table for VPR french 7 (schemas/ref/scales.tsv): its results have no mark" ]
}

@test "a filter re-run on its own output replaces what it derived, never duplicates it" {
	OUT=$BATS_TEST_TMPDIR/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" > /dev/null 2>&1
	n=$BATS_TEST_TMPDIR/demo/normalized.ndjson
	for f in eq-isbs eq-lowres eq-objectivity; do
		$f "$n" > once 2> /dev/null
		$f once > twice 2> /dev/null
		cmp once twice
	done
	eq-recommend "$BATS_TEST_TMPDIR/demo/findings.ndjson" > once
	eq-recommend once > twice
	cmp once twice
	# a record of the same type the filter does not derive anew (another year)
	# is kept, once
	{ cat "$n"; echo '{"type":"isbs","school_id":"ens01","year":2019,"isbs":50,"shnsu":false}'; } > old.ndjson
	eq-isbs old.ndjson > out1
	eq-isbs out1 > out2
	[ "$(grep -c '"year":2019' out2)" -eq 1 ]
	[ "$(jq -r 'select(.type == "isbs") | "\(.school_id) \(.year)"' out2 | sort | uniq -d)" = "" ]
}

@test "messages in Russian under a Russian locale, English under C; the records are the same either way" {
	locale -a | grep -qi '^ru_RU\.utf-\?8$' || skip "the ru_RU.UTF-8 locale is not generated (make deps generates it)"
	run env LANG=ru_RU.UTF-8 LC_ALL= eq-ingest --kind nosuch /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == 'eq-ingest: --kind: неизвестный вид данных «nosuch»'* ]]
	run env LANG=C LC_ALL= eq-ingest --kind nosuch /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == 'eq-ingest: --kind: unknown kind "nosuch"'* ]]
	# the closing summary, with its line positions kept
	printf '{"type":"context","school_id":"s1","year":2024}\nnot json\n' > bad.ndjson
	run --separate-stderr env LANG=ru_RU.UTF-8 LC_ALL= eq-isbs bad.ndjson
	[ "$status" -eq 1 ]
	[[ "$stderr" == *'eq-isbs: прочитано записей: 2, отклонено: '[12]'; сохранить их: --rejects ФАЙЛ'* ]]
	# a Russian locale changes the words, never the numbers of the records
	OUT=$BATS_TEST_TMPDIR/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" > /dev/null 2>&1
	n=$BATS_TEST_TMPDIR/demo/normalized.ndjson
	env LANG=ru_RU.UTF-8 LC_ALL= eq-isbs "$n" | eq-lowres | env LANG=ru_RU.UTF-8 LC_ALL= eq-objectivity > ru.ndjson 2> /dev/null
	env LANG=C LC_ALL= eq-isbs "$n" | eq-lowres | env LANG=C LC_ALL= eq-objectivity > c.ndjson 2> /dev/null
	cmp ru.ndjson c.ndjson
}

@test "--help in Russian under a Russian locale, every filter, the common options too" {
	locale -a | grep -qi '^ru_RU\.utf-\?8$' || skip "the ru_RU.UTF-8 locale is not generated (make deps generates it)"
	for p in eq-ingest eq-normalize eq-isbs eq-lowres eq-objectivity eq-recommend eq-summarize eq-report; do
		run env LANG=ru_RU.UTF-8 LC_ALL= "$p" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "использование: $p "* ]]
		[[ "$output" == *'показать эту справку и выйти'* ]]
		# the filter's own text is Russian too: no English sentence left
		run ! grep -qE '^(Pass every|Turn exports|Validate every|Write the analytic)' <<< "$output"
		run env LANG=C LC_ALL= "$p" --help
		[[ "${lines[0]}" == "usage: $p "* ]]
	done
}

@test "eq-normalize: records already canonical (fast path) and the same records spaced out (full path) come out the same, rejects and warnings too" {
	r='"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s1"'
	{
		printf '{%s,"student_id":"p1","class_name":"5А","tasks":[1,0,null],"primary_score":12,"mark":4}\n' "$r"
		printf '{%s,"student_id":"p2","primary_score":3,"mark":2}\n' "$r"
		printf '{%s,"student_id":"p1","class_name":"5Б","primary_score":12,"mark":4}\n' "$r"   # the same pupil again
		printf '{%s,"student_id":"p3","primary_score":12,"mark":5}\n' "$r"                      # contradicts the scale
		printf '{%s,"student_id":"p4","primary_score":12}\n' "$r"                               # mark to derive
		printf '{%s,"student_id":"p5","mark":7}\n' "$r"                                         # invalid
	} > canon.ndjson
	sed 's/,/, /g; s/:/: /g' canon.ndjson > spaced.ndjson
	# not under the suite's proof mode: the fast path alone
	run -1 --separate-stderr env -u EQ_CHECK_FAST eq-normalize canon.ndjson
	fast=$output fast_err=$stderr
	run -1 --separate-stderr env -u EQ_CHECK_FAST eq-normalize spaced.ndjson
	[ "$output" = "$fast" ]
	[ "$(echo "$stderr" | sed 's/spaced/canon/g')" = "$fast_err" ]
	# the first two come out as they came, byte for byte; p4 gets its «4» (12 points, 2021 table)
	[ "$(echo "$fast" | sed -n 1,2p)" = "$(sed -n 1,2p canon.ndjson)" ]
	[ "$(echo "$fast" | jq -c 'select(.student_id == "p4") | .mark')" = 4 ]
	[[ "$fast_err" == *"canon.ndjson:3: "*"duplicate result"*"canon.ndjson:1"* ]] || false
	[[ "$fast_err" == *"canon.ndjson:4: warning: mark 5 contradicts"* ]] || false
	[[ "$fast_err" == *"canon.ndjson:6: "*"mark"* ]] || false
}
