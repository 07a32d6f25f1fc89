#!/usr/bin/env bats
# The evidence kinds behind eq-objectivity's score, each against a value
# worked by hand (the formulas of man eq-objectivity, "The score"). Fewer
# than 50 schools: each kind's z is its own, not read against an empirical
# null.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

near() { awk -v a="$1" -v b="$2" -v e="${3:-1e-9}" 'BEGIN { d = a - b; exit !(d < e && d > -e) }'; }
# score PROCEDURE YEAR SUBJECT GRADE SCHOOL PUPIL SCORE
score() {
	printf '{"type":"result","year":%d,"procedure":"%s","subject":"%s","grade":%d,"school_id":"%s","student_id":"%s","primary_score":%s}\n' \
		"$2" "$1" "$3" "$4" "$5" "$6" "$7"
}
# evidence KIND SCHOOL [YEAR]: its z, n and parts, tab-separated
evidence() {
	jq -r --arg k "$1" --arg s "$2" --argjson y "${3:-2024}" \
		'select(.type == "objectivity" and .school_id == $s and .year == $y) | .evidence[] | select(.evidence == $k) | [.z, .n, .parts] | @tsv' out
}

@test "task_pattern: hard tasks right and easy ones wrong at the same sum, by hand" {
	# Four tasks of one point; every pupil has the sum 2. Five honest schools
	# of ten: 6 write (1,1,0,0), 2 (1,0,1,0), 2 (0,1,0,1). L: 5 (0,0,1,1) and
	# 5 (1,1,0,0). Done by 45, 45, 15, 15 of 60: difficulties ln(1/3), ln(1/3),
	# ln 3, ln 3 (mean 0); weights w = a (-1, -1, 1, 1), a = ln 3. A pupil's
	# pattern Σ w x: (1,1,0,0) -2a, (0,0,1,1) 2a, the mixed ones 0; at the sum
	# 2 it is expected to be -a, with variance 8/3 a² - a² = 5/3 a² (x 60/59).
	# L: 5 (2a) + 5 (-2a) - 10 (-a) = 10 a over sqrt(10 x 5/3 x 60/59) a:
	# z = 10 / sqrt(1000/59) = 2.4290. An honest school: 6 (-2a) + 10 a = -2a.
	t() { printf '{"type":"result","year":2024,"procedure":"VPR","subject":"math","grade":5,"school_id":"%s","student_id":"%s","tasks":[%s],"primary_score":2}\n' "$1" "$2" "$3"; }
	for s in 1 2 3 4 5; do
		for i in 1 2 3 4 5 6; do t "H$s" "h$s$i" 1,1,0,0; done
		for i in 7 8; do t "H$s" "h$s$i" 1,0,1,0; done
		for i in 9 10; do t "H$s" "h$s$i" 0,1,0,1; done
	done > in
	for i in 1 2 3 4 5; do t L "l$i" 0,0,1,1; t L "m$i" 1,1,0,0; done >> in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence task_pattern L)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 10 / sqrt(1000 / 59) }')" 1e-9
	[ "$n" = 10 ] && [ "$parts" = 1 ]
	near "$(evidence task_pattern H3 | cut -f1)" "$(awk 'BEGIN { printf "%.3f", -2 / sqrt(1000 / 59) }')" 1e-9
	# L's only evidence: its score is its z; no honest school points upwards
	near "$(jq -r 'select(.type == "objectivity" and .school_id == "L") | .score' out)" 2.429 1e-9
	[ "$(jq -r 'select(.type == "objectivity" and .school_id != "L") | .score' out | sort -u)" = 0 ]
}

@test "boundary_excess: pupils moved up to the lowest «3», against schools of its level, by hand" {
	# ВПР math 5: «3» from b = 7; the window is the scores 4 .. 9. Ten honest
	# schools: 4 5 6 7 8 9 (and 12 14 16 18 outside the window); A: 4 7 7 7 8 9
	# (and the same four). Eleven schools: each one's neighbours are all the
	# others. A expects 1/6 at every score: U = 3 / (1/6) - (1 / (1/6)) / 3 = 16,
	# variance 6 (6 + 3 / (9 x 1/6)) = 48, z = 16 / sqrt 48 = 2.309. An honest
	# school expects (9/6 + A's shares) / 10 = 1/6, .15, .15, .2, 1/6, 1/6:
	# U = 1 / .2 - (6 + 2 / .15) / 3, variance 6 (1 / .2 + (6 + 2 / .15) / 9).
	for y in 2023 2024; do
		for p in 4 7 7 7 8 9 12 14 16 18; do score VPR $y math 5 A "a$y-$RANDOM-$p" $p; done
		for s in 0 1 2 3 4 5 6 7 8 9; do
			for p in 4 5 6 7 8 9 12 14 16 18; do score VPR $y math 5 "H$s" "h$s$y-$RANDOM-$p" $p; done
		done
	done > in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence boundary_excess A 2023)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 16 / sqrt(48) }')" 1e-9
	near "$z" 2.309 1e-9
	[ "$n" = 6 ] && [ "$parts" = 1 ]
	near "$(evidence boundary_excess H4 2023 | cut -f1)" \
		"$(awk 'BEGIN { u = 1 / .2 - (6 + 2 / .15) / 3; v = 6 * (1 / .2 + (6 + 2 / .15) / 9); printf "%.3f", u / sqrt(v) }')" 1e-9
	# 2024 pools 2023 and 2024 (the same again): twice the score over twice
	# the variance, sqrt(2) times the z, on 12 pupils of two parts
	read -r z n parts < <(evidence boundary_excess A)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 32 / sqrt(96) }')" 1e-9
	[ "$n" = 12 ] && [ "$parts" = 2 ]
}

@test "low_spread: a school whose pupils all score alike, against schools of its mean, by hand" {
	# Eleven schools of ten pupils 2 4 6 8 10 10 12 14 16 18 (mean 10 of 20,
	# variance 240/9), and D, ten pupils of 10 (variance 0). All have m = 0.5,
	# the most a mean allows is m (1 - m) 20² = 100. y = ln((var + 0.25) /
	# (100 + 0.25)); expected: the mean of the eleven others (all are
	# neighbours). D's residual y_D - y_h; an honest school's (y_h - y_D) / 11,
	# the median; MAD 0 leaves only sampling: the variance of a log sample
	# variance of 10 pupils, trigamma(9/2) = pi^2/2 - 4 - 4/9 - 4/25 - 4/49
	# (the recurrence from trigamma(1/2); the bias digamma(9/2) - ln(9/2) is
	# the same for every school and cancels):
	# low_spread of D = (y_h - y_D) (1 + 1/11) / sqrt(trigamma(9/2)) = 10.24.
	for s in 1 2 3 4 5 6 7 8 9 10 11; do
		for p in 2 4 6 8 10 10 12 14 16 18; do score VPR 2024 math 5 "H$s" "h$s-$RANDOM-$p" $p; done
	done > in
	for i in 1 2 3 4 5 6 7 8 9 10; do score VPR 2024 math 5 D "d$i" 10; done >> in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence low_spread D)
	near "$z" "$(awk 'BEGIN { pi = atan2(0, -1); t = pi * pi / 2 - 4 - 4 / 9 - 4 / 25 - 4 / 49
		printf "%.3f", log((240 / 9 + 0.25) / 0.25) * 12 / 11 / sqrt(t) }')" 1e-9
	[ "$n" = 10 ] && [ "$parts" = 1 ]
	[ "$(evidence low_spread H7 | cut -f1)" = 0 ]
	# D of five pupils instead: a log sample variance of 5 lies lower by
	# itself, b5 = digamma(2) - ln 2 against b10 = digamma(9/2) - ln(9/2) of
	# the others, and spreads by trigamma(2) = pi^2/6 - 1; the expectation of
	# an honest school weighs its neighbours by pupils (100 and 5): its
	# residual (y_h - y_D) / 21. low_spread of D = (ln((240/9 + 0.25) / 0.25)
	# + b5 - b10) (1 + 1/21) / sqrt(trigamma(2)) = 5.901 (6.104 without the
	# bias: a small class is not uniform merely for being small)
	head -110 in > in5
	for i in 1 2 3 4 5; do score VPR 2024 math 5 D "d$i" 10; done >> in5
	eq-objectivity --by all in5 > out
	read -r z n parts < <(evidence low_spread D)
	near "$z" "$(awk 'BEGIN { pi = atan2(0, -1); g = 0.5772156649015329; b5 = 1 - g - log(2)
		b10 = -g - 2 * log(2) + 2 + 2 / 3 + 2 / 5 + 2 / 7 - log(4.5)
		printf "%.3f", (log((240 / 9 + 0.25) / 0.25) + b5 - b10) * (1 + 1 / 21) / sqrt(pi * pi / 6 - 1) }')" 1e-9
	near "$z" 5.901 1e-9
	[ "$n" = 5 ] && [ "$parts" = 1 ]
}

@test "not_confirmed_outside: ВПР above ОГЭ of the same school, against the region's differences" {
	# Ten schools write ВПР 8 and 12, ОГЭ 8 and 12; X writes ВПР 16 and 20,
	# ОГЭ 8 and 12. ОГЭ levels are all 0. ВПР: 22 pupils, sum 236, sum of
	# squares 2736, s = sqrt((2736 - 236²/22) / 21); levels (10 - 236/22) / s
	# and (18 - 236/22) / s. Differences with sampling variance 1/2 + 1/2; the
	# median is an honest school's, the MAD 0: z of X = 8 / s = 2.5645.
	for s in 0 1 2 3 4 5 6 7 8 9 X; do
		hi=0; [ $s = X ] && hi=8
		score VPR 2024 math 5 "S$s" "v$s-1" $((8 + hi)); score VPR 2024 math 5 "S$s" "v$s-2" $((12 + hi))
		score OGE 2024 math 9 "S$s" "o$s-1" 8; score OGE 2024 math 9 "S$s" "o$s-2" 12
	done > in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence not_confirmed_outside SX)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 8 / sqrt((2736 - 236 * 236 / 22) / 21) }')" 1e-9
	near "$z" 2.564 1e-9
	[ "$n" = 4 ] && [ "$parts" = 1 ]
	[ "$(evidence not_confirmed_outside S4 | cut -f1)" = 0 ]
	# the same ОГЭ a year earlier counts too (the year and the year before)
	sed 's/"year":2024,"procedure":"OGE"/"year":2023,"procedure":"OGE"/' in > in2
	eq-objectivity --by all in2 > out
	near "$(evidence not_confirmed_outside SX | cut -f1)" 2.564 1e-9
}

ege() { printf '{"type":"result","year":2024,"procedure":"EGE","subject":"%s","grade":11,"school_id":"%s","student_id":"%s","test_score":%d}\n' "$3" "$2" "$1" "$4"; }
# graduate PUPIL SCHOOL SCORE [MEDAL]: ЕГЭ russian and math_profile at SCORE
graduate() {
	ege "$1" "$2" russian "$3"; ege "$1" "$2" math_profile "$3"
	[ -z "${4:-}" ] || printf '{"type":"medalist","year":2024,"school_id":"%s","student_id":"%s","medal":%d}\n' "$2" "$1" "$4"
}

@test "medals_not_confirmed: the medalists' margin against the region's where levels are few, by hand" {
	# Medals of the 2nd degree (the rule wants 60 in both subjects). N1-N9:
	# four medalists each at 60, 70, 60, 70: margins 0, 10, 0, 10, mean 5.
	# M: 50, 60, 50, 60: margins -10, 0, -10, 0, mean -5 (two miss the rule).
	# Ten schools with a level outside, fewer than the 20 neighbours a line
	# needs: each against the region's mean margin, 160 / 40 = 4. Within
	# schools: 10 x 100 over 10 x 3 degrees of freedom, 100/3 a medalist, so
	# a mean of four varies by 25/3. Differences 1 (N) and -9 (M), median 1,
	# MAD 0: no spread between schools beyond that. M: (-9 - 1) / sqrt(25/3)
	# = -2 sqrt(3), a shortfall of 3.4641. (A count of misses, 2 of 4, says
	# the same of M as of a school whose two missed by a point.)
	for i in 1 2 3 4; do
		graduate "m$i" M $((50 + (i % 2 == 0) * 10)) 2
		for s in 1 2 3 4 5 6 7 8 9; do graduate "n$s$i" "N$s" $((60 + (i % 2 == 0) * 10)) 2; done
	done > in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence medals_not_confirmed M)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 2 * sqrt(3) }')" 1e-9
	near "$z" 3.464 1e-9
	[ "$n" = 4 ] && [ "$parts" = 1 ]
	[ "$(evidence medals_not_confirmed N2 | cut -f1)" = 0 ]
}

@test "medals_not_confirmed: a weak school expected by the medalists of schools of its level" {
	# 25 weak schools K (ЕГЭ 60 and 50: mean 55), a medalist who meets the
	# rule (margin 0) and one who misses it by 10: mean -5; 25 strong T (90
	# and 90: margins 30 and 30). W at the weak level (medalists at 50 and
	# 50, a non-medalist at 65: mean 55): margins -10 and -10. W's 20 nearest
	# in level are K's, all at one level: no line, their mean, -5 (the
	# region's mean would be 1230 / 102 = 12.06). Within schools: 25 x 50
	# over 51 degrees of freedom, 1250/51 a medalist; W: (-10 - (-5)) /
	# sqrt(1250/51/2) = -1.4283 against its kind (-6.3013 against the
	# region). The median school differs by 0 and the MAD is 0: no spread
	# beyond sampling. 51 schools: read against the empirical null, whose
	# centre is 0 and whose spread is no wider than 1.
	for s in $(seq 1 25); do
		graduate "a$s" "K$s" 60 2; graduate "b$s" "K$s" 50 2
		graduate "c$s" "T$s" 90 2; graduate "d$s" "T$s" 90 2
	done > in
	{ graduate w1 W 50 2; graduate w2 W 50 2; graduate w3 W 65; } >> in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence medals_not_confirmed W)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 5 / sqrt(1250 / 51 / 2) }')" 1e-9
	near "$z" 1.428 1e-9
	[ "$n" = 2 ]
	[ "$(evidence medals_not_confirmed T3 | cut -f1)" = 0 ]
	[ "$(evidence medals_not_confirmed K1 | cut -f1)" = 0 ]
	# the region's mean alone would have made it far more surprising
	[ "$(awk 'BEGIN { printf "%.4f", (1230 / 102 + 10) / sqrt(1250 / 51 / 2) }')" = 6.3013 ]
}

# oly STAGE SCHOOL PUPIL SCORE [STATUS]: an olympiad result of 2024 in math, of 50
oly() { printf '{"type":"olympiad","year":2024,"stage":"%s","subject":"math","school_id":"%s","student_id":"%s","score":%s,"max_score":50%s}\n' "$1" "$2" "$3" "$4" "${5:+,\"status\":\"$5\"}"; }

@test "olympiad_not_confirmed: the school stage's awardees at the municipal stage, by hand" {
	# N1-N9: four school-stage winners each, at the municipal stage 30, 40,
	# 30, 40 of 50 (shares 0.6, 0.8, 0.6, 0.8: mean 0.7); O: 10, 20, 10, 20
	# (0.2, 0.4: mean 0.3). No school has a level outside: the region's mean
	# share, 26.4 / 40 = 0.66. Within schools 10 x 0.04 over 30: a mean of
	# four varies by 0.04/30 = 1/750. Differences 0.04 (N) and -0.36 (O),
	# median 0.04, MAD 0. O: -0.4 / sqrt(1/750) = -4 sqrt(3), a shortfall of
	# 6.9282. Awardees without a municipal result are not counted.
	for i in 1 2 3 4; do
		oly school O "o$i" 45 winner; oly municipal O "o$i" $((10 + (i % 2 == 0) * 10))
		for s in 1 2 3 4 5 6 7 8 9; do
			oly school "N$s" "n$s$i" 45 winner; oly municipal "N$s" "n$s$i" $((30 + (i % 2 == 0) * 10))
		done
	done > in
	oly school O o5 45 prizer >> in
	eq-objectivity --by all in > out
	read -r z n parts < <(evidence olympiad_not_confirmed O)
	near "$z" "$(awk 'BEGIN { printf "%.3f", 4 * sqrt(3) }')" 1e-9
	near "$z" 6.928 1e-9
	[ "$n" = 4 ] && [ "$parts" = 1 ]
}
