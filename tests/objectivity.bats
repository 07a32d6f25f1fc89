#!/usr/bin/env bats
# The official signs of eq-objectivity against values worked by hand.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

# pupil NAME SCHOOL YEAR SUBJECT GRADE SCORE [JOURNAL]
pupil() {
	printf '{"type":"result","year":%d,"procedure":"VPR","subject":"%s","grade":%d,"school_id":"%s","student_id":"%s","primary_score":%s%s}\n' \
		"$3" "$4" "$5" "$2" "$1" "$6" "${7:+,\"journal_mark\":$7}"
}
near() { awk -v a="$1" -v b="$2" -v e="${3:-1e-9}" 'BEGIN { d = a - b; exit !(d < e && d > -e) }'; }

@test "mean_above_region: the CI bounds of the school and of the region" {
	# S1: 11 13 15 17, mean 14, s = sqrt(20/3) = 2.5819889, half-width
	#     1.96 s / 2 = 2.5303491: [11.4696509, 16.5303491]
	# the region, all twelve pupils: sum 100, sum of squares 1088, mean 8.3333333,
	#     s = sqrt((1088 - 100^2/12) / 11) = 4.8116022, half-width
	#     1.96 s / sqrt(12) = 2.7224208: [5.6109125, 11.0557541]
	# 11.4696509 > 11.0557541: a sign for S1; S2 and S3 are below the region
	for s in 11 13 15 17; do pupil "a$s" S1 2024 math 5 $s; done > in
	for s in 2 4 6 8; do pupil "b$s" S2 2024 math 5 $s; done >> in
	for s in 3 5 7 9; do pupil "c$s" S3 2024 math 5 $s; done >> in
	eq-objectivity --by all in > out
	read -r lo hi rlo rhi n lim < <(jq -r 'select(.type == "objectivity" and .school_id == "S1") | .signs[0] | [.school_ci[], .region_ci[], .n, .limited] | @tsv' out)
	near "$lo" 11.4696509 1e-6 && near "$hi" 16.5303491 1e-6
	near "$rlo" 5.6109125 1e-6 && near "$rhi" 11.0557541 1e-6
	[ "$n" = 4 ] && [ "$lim" = true ]
	[ "$(jq -r 'select(.type == "objectivity") | "\(.school_id) \(.flagged)"' out | tr '\n' ' ')" = "S1 true S2 false S3 false " ]
	# the objectivity level: 100 - 100 x 1/3
	read -r schools flagged index < <(jq -r 'select(.type == "objectivity_index") | [.schools, .flagged, .index] | @tsv' out)
	[ "$schools" = 3 ] && [ "$flagged" = 1 ] && near "$index" 66.6666666667 1e-9
}

@test "marks_mismatch: Spearman with ties, and the shares of lowered, confirmed, raised marks" {
	# (journal, score): (5,6) (5,8) (4,8) (3,12) (4,10). Average ranks: journal
	# 4.5 4.5 2.5 1 2.5, score 1 2.5 2.5 5 4; about the mean rank 3: cov -8,
	# var 9 and 9.5: rho = -8 / sqrt(85.5) = -0.8651809.
	# ВПР marks (2021 scale of math 5: «3» from 7, «4» from 11): 2 3 3 4 3 against
	# journal 5 5 4 3 4: lowered 4/5, confirmed 0, raised 1/5, two or more apart 2/5
	{ pupil p1 T 2024 math 5 6 5; pupil p2 T 2024 math 5 8 5; pupil p3 T 2024 math 5 8 4
	  pupil p4 T 2024 math 5 12 3; pupil p5 T 2024 math 5 10 4
	  # a school where journal and work agree: no sign
	  pupil q1 U 2024 math 5 6 2; pupil q2 U 2024 math 5 12 4; pupil q3 U 2024 math 5 16 5; } > in
	eq-objectivity --by all in > out
	read -r r n lo co ra g2 < <(jq -r 'select(.type == "objectivity" and .school_id == "T") | .signs[] | select(.sign == "marks_mismatch") | [.r, .n, .lowered, .confirmed, .raised, .gap2] | @tsv' out)
	near "$r" "$(awk 'BEGIN { printf "%.17g", -8 / sqrt(85.5) }')" 1e-12
	near "$r" -0.8651809 1e-7
	[ "$n" = 5 ] && near "$lo" 0.8 && near "$co" 0 && near "$ra" 0.2 && near "$g2" 0.4
	[ "$(jq -r 'select(.type == "objectivity" and .school_id == "U") | .flagged' out)" = false ]
}

@test "cohort_drop and cohort_rise: K against its quartiles over eleven schools" {
	# K = S(4, 2023) / S(5, 2024); both scales have the maximum 20, so K is the
	# ratio of the mean scores. Sorted K: 0.5 0.9 0.95 0.98 1 1 1 1.02 1.05 1.1 2.
	# Q1 at h = 10 x .25 = 2.5: 0.95 + 0.5 x 0.03 = 0.965; Q3 at h = 7.5:
	# 1.02 + 0.5 x 0.03 = 1.035; IQR 0.07. Drop beyond 1.035 + 0.21 = 1.245 (C10,
	# K = 2); rise below 0.965 - 0.21 = 0.755 (C11, K = 0.5). Signs of 2024.
	i=0
	for pair in 10:10 10:10 10.5:10 9.5:10 11:10 9:10 10:10 10.2:10 9.8:10 16:8 5:10; do
		i=$((i + 1))
		pupil "x$i" "C$i" 2023 math 4 "${pair%:*}"
		pupil "y$i" "C$i" 2024 math 5 "${pair#*:}"
	done > in
	eq-objectivity --by all in > out
	read -r k q1 q3 crit n < <(jq -r 'select(.type == "objectivity" and .school_id == "C10" and .year == 2024) | .signs[] | select(.sign == "cohort_drop") | [.k, .q1, .q3, .critical, .schools] | @tsv' out)
	near "$k" 2 && near "$q1" 0.965 && near "$q3" 1.035 && near "$crit" 1.245 && [ "$n" = 11 ]
	read -r k crit < <(jq -r 'select(.type == "objectivity" and .school_id == "C11" and .year == 2024) | .signs[] | select(.sign == "cohort_rise") | [.k, .critical] | @tsv' out)
	near "$k" 0.5 && near "$crit" 0.755
	# no other school has a cohort sign, and none of them in 2023
	[ "$(jq -r 'select(.type == "objectivity") | .signs[] | select(.sign | startswith("cohort")) | .sign' out | wc -l)" -eq 2 ]
	# fewer than ten schools: the distribution is not read
	head -n 16 in > few
	[ "$(eq-objectivity --by all few | jq -r 'select(.type == "objectivity") | .signs[] | .sign' | grep -c cohort)" -eq 0 ]
}

@test "a region with planted inflation: what the official signs find, and the false alarms" {
	sh "$EQ_TOP/tests/eval-objectivity.sh" 200 7 > eval
	cat eval # shown when the test fails; the figures go into the issue notes
	# every school with dictated answers is flagged
	grep -qP '^kind\tdictated\t(\d+) of \1 flagged$' eval
	# cohort signs fall on the primary-only schools and on no honest school
	run ! grep -qP '^sign\t(typical|strong|weak)\tcohort_' eval
	grep -qP '^sign\tprimary\tcohort_drop\t[1-9]' eval
	# and marks_mismatch on no honest school of this region
	run ! grep -qP '^sign\t(typical|strong|weak)\tmarks_mismatch' eval
}

@test "the generator is deterministic for a seed" {
	"$EQ_TOOLS/tests/gen-region" -s 20 -r 3 -t t1 | md5sum > a
	"$EQ_TOOLS/tests/gen-region" -s 20 -r 3 -t t2 | md5sum > b
	cmp a b && cmp t1 t2
	"$EQ_TOOLS/tests/gen-region" -s 20 -r 4 | md5sum > c
	run ! cmp -s a c
}

@test "boundary_peak: a peak at the «3» boundary with a dip below it, worked by hand" {
	# ВПР математика 5, «3» from 7. Eleven honest schools score 3..12 (one pupil
	# each); P lifted its 3, 4, 5, 6 to 7: 7 7 7 7 7 8 9 10 11 12.
	# Region, 120 pupils: at 7, 11 + 5 = 16 (0.1333333); at 4..6, 33 (0.275).
	# P (n 10): 5 at 7, z = (5 - 1.333333) / sqrt(10 x 0.133333 x 0.866667) = 3.41096;
	# none at 4..6, z = (2.75 - 0) / sqrt(10 x 0.275 x 0.725) = 1.94760: both beyond
	# 2.33 and 1.64. An honest school: 1 at 7, z < 0: no sign.
	for s in 1 2 3 4 5 6 7 8 9 10 11; do
		for v in 3 4 5 6 7 8 9 10 11 12; do pupil "h$s-$v" "H$s" 2024 math 5 $v; done
	done > in
	for v in 7 7 7 7 7 8 9 10 11 12; do pupil "p$RANDOM$v" P 2024 math 5 $v; done >> in
	eq-objectivity --by all in > out
	read -r b at rat below rbelow zp zd ext < <(jq -r 'select(.type == "objectivity" and .school_id == "P") | .signs[] | select(.sign == "boundary_peak") | [.boundary, .share_at, .region_share_at, .share_below, .region_share_below, .z_peak, .z_dip, .extended] | @tsv' out)
	[ "$b" = 7 ] && near "$at" 0.5 && near "$rat" 0.1333333333 1e-9 && near "$below" 0 && near "$rbelow" 0.275
	near "$zp" 3.41096 1e-5 && near "$zd" 1.94760 1e-5 && [ "$ext" = true ]
	# an extended sign informs; it does not flag
	[ "$(jq -r 'select(.type == "objectivity" and .school_id == "P") | .flagged' out)" = false ]
	[ "$(jq -r 'select(.type == "objectivity") | .signs[] | .sign' out | sort -u)" = "boundary_peak" ]
}

@test "the extended signs on the planted region: what they find, and no honest school" {
	sh "$EQ_TOP/tests/eval-objectivity.sh" 200 7 > eval
	cat eval
	# lenient marking shows as boundary_peak, dictated answers as not_confirmed
	[ "$(grep -P '^sign\tlenient\tboundary_peak\t' eval | cut -f4)" -ge 15 ]
	[ "$(grep -P '^sign\tdictated\tnot_confirmed\t' eval | cut -f4)" -ge 10 ]
	# neither sign on an honest school, gymnasiums included
	run ! grep -qP '^sign\t(typical|strong|weak)\t(boundary_peak|not_confirmed)\t' eval
}

# tasks NAME SCHOOL T1..T6: a ВПР математика 5 pupil with six one-point tasks
tasks() {
	printf '{"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"%s","student_id":"%s","tasks":[%s,%s,%s,%s,%s,%s],"primary_score":%d}\n' \
		"$2" "$1" "$3" "$4" "$5" "$6" "$7" "$8" $(($3 + $4 + $5 + $6 + $7 + $8))
}

@test "hard_tasks_easier: the hard third done better than the easy third predicts, worked by hand" {
	# Twenty pupils each. A: tasks 1-2 by all, 3-4 by 12, 5-6 by 2.
	# L: tasks 1-2 by 16, 3-4 by 12, 5-6 by 18.
	# The region: 1-2 at 0.9, 3-4 at 0.6, 5-6 at 0.5: the hard third is 5, 6,
	# the easy third 1, 2. L: hard 0.9 against 0.5, easy 0.8 against 0.9.
	# logit gap = (ln 9 - 0) - (ln 4 - ln 9) = 3.0081548;
	# SE = sqrt(1 / (20 x 0.5 x 0.5) + 1 / (20 x 0.9 x 0.1)) = 0.8692270;
	# z = 3.4607 > 3.09. A does the hard tasks worse than the region: no sign.
	for i in $(seq 1 20); do
		tasks "a$i" A 1 1 $((i <= 12)) $((i <= 12)) $((i <= 2)) $((i <= 2))
		tasks "l$i" L $((i <= 16)) $((i <= 16)) $((i <= 12)) $((i <= 12)) $((i <= 18)) $((i <= 18))
	done > in
	eq-objectivity --by all in > out
	read -r hard easy sh rh se re gap z < <(jq -r 'select(.type == "objectivity" and .school_id == "L") | .signs[] | select(.sign == "hard_tasks_easier") | [(.hard_tasks | join(",")), (.easy_tasks | join(",")), .hard_school, .hard_region, .easy_school, .easy_region, .logit_gap, .z] | @tsv' out)
	# listed hardest first and easiest first; equal shares in task order
	[ "$hard" = 5,6 ]
	[ "$easy" = 2,1 ]
	near "$sh" 0.9 && near "$rh" 0.5 && near "$se" 0.8 && near "$re" 0.9
	near "$gap" "$(awk 'BEGIN { printf "%.17g", 2 * log(9) - log(4) }')" 1e-12
	near "$z" "$(awk 'BEGIN { printf "%.17g", (2 * log(9) - log(4)) / sqrt(1 / 5 + 1 / 1.8) }')" 1e-12
	[ "$(jq -r 'select(.type == "objectivity" and .school_id == "A") | [.signs[] | select(.sign == "hard_tasks_easier")] | length' out)" = 0 ]
	# the task completions it read are in the stream, school beside region
	[ "$(jq -c 'select(.type == "task_completion" and .school_id == "L") | [.school, .region, .max]' out)" = '[[0.8,0.8,0.6,0.6,0.9,0.9],[0.9,0.9,0.6,0.6,0.5,0.5],[1,1,1,1,1,1]]' ]
	# at ten pupils the same shares are within chance: z = 3.0082 / 1.2293 = 2.45
	for i in $(seq 1 10); do
		tasks "a$i" A 1 1 $((i <= 6)) $((i <= 6)) $((i <= 1)) $((i <= 1))
		tasks "l$i" L $((i <= 8)) $((i <= 8)) $((i <= 6)) $((i <= 6)) $((i <= 9)) $((i <= 9))
	done > small
	[ "$(eq-objectivity --by all small | jq -r 'select(.type == "objectivity") | .signs[] | .sign' | grep -c hard_tasks)" = 0 ]
}

ege() { printf '{"type":"result","year":2024,"procedure":"EGE","subject":"%s","grade":11,"school_id":"%s","student_id":"%s","test_score":%d}\n' "$3" "$2" "$1" "$4"; }
medal() { printf '{"type":"medalist","year":2024,"school_id":"%s","student_id":"%s"%s}\n' "$2" "$1" "${3:+,\"medal\":$3}"; }

@test "medalists_not_confirmed: the medal rule against ЕГЭ, by hand" {
	# M: m1 (1st) 72 and 75: meets; m2 (1st) 65 and 80: russian below 70;
	# m3 (2nd) 62 and 58: the other below 60; m4 wrote no ЕГЭ. 2 of 3 checked miss.
	# N: n1 (2nd) 60 and 60 meets (the minimum is met); n2 (no degree: the
	# second's rule) 59 and 90 misses: one miss, fewer than two: no sign.
	{ ege m1 M russian 72; ege m1 M math_profile 75; medal m1 M 1
	  ege m2 M russian 65; ege m2 M physics 80; medal m2 M 1
	  ege m3 M russian 62; ege m3 M math_profile 58; ege m3 M math_profile 50; medal m3 M 2
	  medal m4 M 1
	  ege n1 N russian 60; ege n1 N history 60; medal n1 N 2
	  medal n2 N; ege n2 N russian 59; ege n2 N history 90; } > in
	eq-objectivity --by all in > out
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "M") | .signs[] | [.sign, .medalists, .checked, .not_confirmed, .without_ege, .extended]' out)" = '["medalists_not_confirmed",4,3,2,1,true]' ]
	near "$(jq -r 'select(.type == "objectivity" and .school_id == "M") | .signs[0].share' out)" 0.6666666667 1e-9
	# N: no sign; a record for its evidence, though no procedure of it is examined
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "N") | [.signs, .flagged]' out)" = '[[],false]' ]
	# nor does M count toward the objectivity level, which reads the official signs
	[ -z "$(jq -r 'select(.type == "objectivity_index")' out)" ]
	# an extended sign: M is not flagged. As evidence, two schools are too
	# few to tell what the medalists of schools like M show (it takes ten):
	# none, and a score of 0
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "M") | [.flagged, .score, .evidence]' out)" = '[false,0,[]]' ]
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "N") | [.score, .evidence]' out)" = '[0,[]]' ]
}

oly() { printf '{"type":"olympiad","year":2024,"stage":"%s","subject":"math","school_id":"%s","student_id":"%s","score":%s,"max_score":50%s}\n' "$1" "$2" "$3" "$4" "${5:+,\"status\":\"$5\"}"; }

@test "olympiad_not_confirmed: school-stage winners below half the municipal maximum" {
	# O: four awarded at the school stage, three wrote the municipal stage
	# (max 50): 20 and 24 are below 25, 30 is not: 2 of 3. A school-stage
	# participant below half does not count. Q: 3 of 3 at 25 or more.
	{ oly school O o1 40 winner; oly school O o2 38 prizer; oly school O o3 37 prizer; oly school O o4 36 prizer
	  oly school O o5 10 participant; oly municipal O o5 5
	  oly municipal O o1 20; oly municipal O o2 30; oly municipal O o3 24
	  for i in 1 2 3; do oly school Q "q$i" 40 winner; oly municipal Q "q$i" 25; done; } > in
	eq-objectivity --by all in > out
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "O") | .signs[] | [.sign, .school_stage_awarded, .at_municipal_stage, .below_half]' out)" = '["olympiad_not_confirmed",4,3,2]' ]
	[ -z "$(jq -r 'select(.type == "objectivity" and .school_id == "Q")' out)" ]
}

@test "no_observation: only where an observation record says none" {
	{ pupil p1 P 2024 math 5 10; pupil p2 P 2024 math 5 12
	  pupil q1 Q 2024 math 5 10; pupil q2 Q 2024 math 5 12
	  pupil r1 R 2024 math 5 10; pupil r2 R 2024 math 5 12
	  pupil r3 R 2023 math 5 10; pupil r4 R 2023 math 5 12
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"P","public_observers":1,"video":0}'
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"Q","public_observers":0,"video":0}'
	  # two records of S's procedure: observed at one of them is observed
	  pupil s1 S 2024 math 5 10; pupil s2 S 2024 math 5 12
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"S","public_observers":0,"video":0}'
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"S","public_observers":0,"video":1}'
	  # T reported unobserved, and its record comes before its results
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"T","public_observers":0,"video":0}'
	  pupil t1 T 2024 math 5 10; pupil t2 T 2024 math 5 12; } > in
	eq-objectivity --by all in > out
	[ "$(jq -r 'select(.type == "objectivity") | "\(.school_id) \(.year) \([.signs[] | select(.sign == "no_observation") | .procedure] | join(","))"' out | tr '\n' ' ')" = "P 2024  Q 2024 VPR R 2023  R 2024  S 2024  T 2024 VPR " ]
	# unobserved is not evidence of anything: it never flags nor scores
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "Q") | [.flagged, .score]' out)" = '[false,0]' ]
}

@test "score: a mean above the region weighs nothing by itself; the official sign still flags" {
	# The mean_above_region example of the first test: S1's interval clears the
	# region's by 11.4696509 - 11.0557535 = 0.4138974, in S1's standard errors
	# (2.5819889 / 2 = 1.2909944): strength 0.3206035. A high mean is what good
	# teaching shows too: no evidence kind reads it, advanced or not.
	for s in 11 13 15 17; do pupil "a$s" S1 2024 math 5 $s; done > in
	for s in 2 4 6 8; do pupil "b$s" S2 2024 math 5 $s; done >> in
	for s in 3 5 7 9; do pupil "c$s" S3 2024 math 5 $s; done >> in
	eq-objectivity --by all in > out
	near "$(jq -r 'select(.type == "objectivity" and .school_id == "S1") | .signs[0].strength' out)" 0.3206035 1e-7
	[ "$(jq -c 'select(.type == "objectivity" and .school_id == "S1") | [.flagged, .score]' out)" = '[true,0]' ]
	echo '{"type":"school","school_id":"S1","municipality":"M","advanced":1}' | cat - in > adv
	[ "$(eq-objectivity --by all adv | jq -c 'select(.type == "objectivity" and .school_id == "S1") | [.flagged, .score]')" = '[true,0]' ]
}

@test "score on the planted region: the top 10 % are inflators, far above the official rule" {
	sh "$EQ_TOP/tests/eval-objectivity.sh" 200 7 > eval
	cat eval
	# official precision is about 0.6 (every gymnasium trips mean_above_region)
	awk '/^official/ { exit !($4 < 0.7) }' eval
	# all 20 of the top 10 % by score are planted, and no gymnasium among them
	grep -q '^score: top 20 (10 %): 20 planted' eval
	run ! grep -qP '^top\t(typical|strong|weak)\t' eval
	# hard_tasks_easier: on leaked and dictated schools, on no honest one
	[ "$(grep -P '^sign\tleaked\thard_tasks_easier\t' eval | cut -f4)" -ge 12 ]
	run ! grep -qP '^sign\t(typical|strong|weak)\thard_tasks_easier\t' eval
}
