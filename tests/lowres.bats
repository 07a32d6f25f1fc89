#!/usr/bin/env bats
# eq-lowres on schools worked by hand: tests/lowres/spec.tsv says, row by row,
# why each procedure is low or not; ege.tsv has ЕГЭ scores around the minimum.

setup() {
	D=$EQ_TOP/tests/lowres
	cd "$BATS_TEST_TMPDIR"
	awk -f "$D/expand.awk" "$D/spec.tsv" "$D/ege.tsv" > pupils.ndjson
	awk -f "$D/aggregate.awk" "$D/spec.tsv" "$D/ege.tsv" > schools.ndjson
}

# "school shnor criteria" of each lowres record
verdicts() { jq -r 'select(.type == "lowres") | "\(.school_id) \(.shnor) \(.criteria | map(tostring) | join(","))"'; }

@test "ШНОР by the default rule: criterion 1 only, 2 only, both, neither" {
	eq-lowres pupils.ndjson | verdicts > got
	cat > want <<'W'
L1 true 1
L2 true 2
L3 false 
L4 false 
L5 false 
L6 true 1
L7 true 1,2
L8 true 2
L9 false 
W
	diff want got
}

@test "3 of 10 is low, 2 of 7 is not; retakes and past graduates do not count" {
	eq-lowres pupils.ndjson > out
	p() { jq -r --arg s "$1" --arg subj "$2" --argjson y "$3" 'select(.type == "procedure_result" and .school_id == $s and .subject == $subj and .year == $y and .grade == 5) | "\(.n) \(.n_fail) \(.share_fail) \(.low)"' out; }
	[ "$(p L1 math 2024)" = "10 3 0.3 true" ]
	[ "$(p L3 math 2024)" = "7 2 0.2857142857142857 false" ]
	[ "$(p L4 math 2024)" = "8 2 0.25 false" ]
}

@test "ЕГЭ: a test score at the minimum passes, one below fails" {
	eq-lowres pupils.ndjson > out
	[ "$(jq -r 'select(.type == "procedure_result" and .school_id == "L5") | "\(.subject) \(.n) \(.n_fail) \(.low)"' out | sort)" = "math_profile 3 1 true
russian 4 1 false" ]
}

@test "the regional variants: the same procedure in both years; both criteria" {
	eq-lowres --same-procedure pupils.ndjson | verdicts | grep -E '^L(2|7|8) ' > got
	printf 'L2 false \nL7 true 1\nL8 true 2\n' | diff - got
	eq-lowres --and pupils.ndjson | verdicts | grep -E '^L(1|2|7) ' > got
	printf 'L1 false 1\nL2 false 2\nL7 true 1,2\n' | diff - got
}

@test "--min-n: a small procedure is listed as not assessable and never low" {
	eq-lowres --min-n 5 pupils.ndjson > out
	[ "$(verdicts < out | grep '^L6 ')" = "L6 false " ]
	[ "$(jq -c 'select(.type == "lowres" and .school_id == "L6") | [.min_n, [.not_assessable[] | .subject, .n]]' out)" = '[5,["math",4]]' ]
	[ "$(jq -r 'select(.type == "procedure_result" and .school_id == "L6" and .subject == "math") | "\(.low) \(.assessable)"' out)" = "false false" ]
	# without the option the output says there is no minimum
	[ "$(eq-lowres pupils.ndjson | jq -r 'select(.type == "lowres" and .school_id == "L6") | .min_n')" = null ]
}

@test "pupil rows and ФИС ОКО school reports of the same data give identical results" {
	eq-lowres pupils.ndjson | grep -E '"type":"(procedure_result|lowres)"' > a
	eq-lowres schools.ndjson | grep -E '"type":"(procedure_result|lowres)"' > b
	[ "$(wc -l < a)" -gt 20 ]
	diff a b
}

@test "--threshold as 0,3 or 30% is the same rule; 40% moves the verdicts" {
	eq-lowres pupils.ndjson | verdicts > a
	eq-lowres --threshold 0,3 pupils.ndjson | verdicts > b
	eq-lowres --threshold 30% pupils.ndjson | verdicts > c
	diff a b && diff a c
	[ "$(eq-lowres --threshold 0.4 pupils.ndjson | verdicts | grep '^L1 ')" = "L1 false " ]
	run eq-lowres --threshold 1.5 pupils.ndjson
	[ "$status" -eq 2 ]
}

@test "unknown codes, marks outside 2..5, negative counts are reported rejects" {
	printf '%s\n' '{"type":"result","year":2024,"procedure":"XYZ","subject":"math","grade":5,"school_id":"s","student_id":"a","mark":3}' \
		'{"type":"result","year":2024,"procedure":"VPR","subject":"algebra","grade":5,"school_id":"s","student_id":"b","mark":3}' \
		'{"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s","student_id":"c","mark":7}' \
		'{"type":"school_result","year":2024,"procedure":"VPR","subject":"math","grade":6,"school_id":"s","mark2":-1,"mark3":4}' \
		'{"type":"school_result","year":2024,"procedure":"VPR","subject":"math","grade":6,"school_id":"t","participants":5,"mark2":1,"mark3":3}' \
		'{"type":"risk","school_id":"s","year":2024,"factor":"weather","value":0.9}' \
		'{"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"s","student_id":"d","mark":3}' > bad.ndjson
	run eq-lowres bad.ndjson
	[ "$status" -eq 1 ]
	[[ "$output" == *"bad.ndjson:1: result: procedure or subject is not a known code (run eq-normalize first)"* ]]
	[[ "$output" == *"bad.ndjson:2: result: procedure or subject is not a known code"* ]]
	[[ "$output" == *"bad.ndjson:3: result: mark outside 2..5"* ]]
	[[ "$output" == *"bad.ndjson:4: school_result: mark2: a count must be a whole number >= 0"* ]]
	[[ "$output" == *"bad.ndjson:5: school_result: participants 5 differ from the sum of the marks 4"* ]]
	[[ "$output" == *'bad.ndjson:6: risk: factor: "weather" is not one of'* ]]
	[[ "$output" == *"7 records read, 6 rejected"* ]]
}

@test "risk profiles: a factor at the cut is high; --risk-cut moves it" {
	# high factors come in the order of the catalogue (schemas/ref/values.tsv)
	printf '%s\n' '{"type":"risk","school_id":"s","year":2024,"factor":"staff_shortage","value":0.5}' \
		'{"type":"risk","school_id":"s","year":2024,"factor":"ovz_students","value":0.49}' \
		'{"type":"risk","school_id":"t","year":2024,"factor":"ovz_students","value":0.2}' > risk.ndjson
	eq-lowres risk.ndjson > out
	[ "$(jq -c 'select(.type == "risk_profile") | [.school_id, .risk_zone, [.high_factors[].factor], .factors_known]' out)" = '["s",true,["staff_shortage"],2]
["t",false,[],1]' ]
	[ "$(jq -r 'select(.type == "risk_profile" and .school_id == "s") | .high_factors[0].name' out)" = "Дефицит педагогических кадров" ]
	[ "$(eq-lowres --risk-cut 0.45 risk.ndjson | jq -c 'select(.type == "risk_profile" and .school_id == "s") | [.high_factors[].factor]')" = '["staff_shortage","ovz_students"]' ]
}

@test "--procedures: a list of codes replaces the default; a name instead of a code is refused" {
	printf 'VPR\tmath\t6\n' > list.tsv
	# only ВПР математика 6 counts: L8 (low in it both years) stays ШНОР, L1 does not
	eq-lowres --procedures list.tsv pupils.ndjson | verdicts | grep -E '^L(1|8) ' > got
	printf 'L1 false \nL8 true 2\n' | diff - got
	printf 'ВПР\tmath\t6\n' > names.tsv
	run eq-lowres --procedures names.tsv pupils.ndjson
	[ "$status" -eq 2 ]
	[[ "$output" == *'./names.tsv:1: "ВПР math": not codes of a procedure and a subject'* ]]
}
