#!/usr/bin/env bats
# eq-recommend: recommendations per audience with their basis and partner, the
# catalogue as data, and the municipal indicators checked against the pupils.

setup() { cd "$BATS_TEST_TMPDIR"; }

# A municipality A of six schools and one of municipality B, as the analytic
# filters would describe them in 2024. X is ШНОР (criterion 1), ШНСУ (ИСБШ 65
# below the cut 68) and flagged (marks_mismatch), with two high risk factors,
# a low ВПР математика 5 whose share of «2» rose from 25 % to 40 %, and task 2
# done by 30 % against 60 % in the group. Partner candidates: P1 resilient,
# ИСБШ 70; P2 high result (level 0.9), ИСБШ 66 — nearer, but resilient comes
# first; P3 resilient but flagged; P4 resilient in another municipality; N a
# school with nothing to recommend.
world() {
	for s in X P1 P2 P3 N; do
		printf '{"type":"school","school_id":"%s","name":"Школа %s","municipality":"A","region":"R"}\n' $s $s
	done
	echo '{"type":"school","school_id":"P4","name":"Школа P4","municipality":"B","region":"R"}'
	isbs() { printf '{"type":"isbs","school_id":"%s","year":2024,"isbs":%s,"threshold":68,"rank":%s,"of":6,"shnsu":%s,"result_level":%s,"context_class":"%s"}\n' "$@"; }
	isbs X 65 1 true -0.9 as_expected
	isbs P1 70 3 false 0.6 resilient
	isbs P2 66 2 false 0.9 as_expected
	isbs P3 65 1 false 0.7 resilient
	isbs P4 65 1 false 0.8 resilient
	isbs N 80 6 false 0.1 as_expected
	echo '{"type":"lowres","school_id":"X","year":2024,"shnor":true,"criteria":[1],"low_procedures":[{"year":2024,"procedure":"VPR","subject":"math","grade":5,"n":20,"n_fail":8,"share_fail":0.4},{"year":2024,"procedure":"OGE","subject":"russian","grade":9,"n":10,"n_fail":3,"share_fail":0.3}],"threshold":0.3}'
	echo '{"type":"lowres","school_id":"N","year":2024,"shnor":false,"criteria":[],"low_procedures":[],"threshold":0.3}'
	echo '{"type":"procedure_result","school_id":"X","year":2023,"procedure":"VPR","subject":"math","grade":5,"n":20,"n_fail":5,"share_fail":0.25,"low":false}'
	echo '{"type":"procedure_result","school_id":"X","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":20,"n_fail":8,"share_fail":0.4,"low":true}'
	echo '{"type":"procedure_result","school_id":"N","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":30,"n_fail":1,"share_fail":0.0333,"low":false}'
	echo '{"type":"risk_profile","school_id":"X","year":2024,"risk_zone":true,"high_factors":[{"factor":"staff_shortage","value":0.8},{"factor":"ovz_students","value":0.7}],"cut":0.5}'
	echo '{"type":"objectivity","school_id":"X","year":2024,"signs":[{"sign":"marks_mismatch","procedure":"VPR","subject":"math","grade":5,"r":-0.3}],"flagged":true,"score":1.2}'
	echo '{"type":"objectivity","school_id":"P3","year":2024,"signs":[{"sign":"mean_above_region","procedure":"VPR"}],"flagged":true,"score":0.4}'
	echo '{"type":"objectivity","school_id":"N","year":2024,"signs":[],"flagged":false,"score":0}'
	echo '{"type":"task_completion","school_id":"X","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":20,"max":[1,1,2],"school":[0.9,0.3,0.5],"region":[0.8,0.6,0.55]}'
	echo '{"type":"task_completion","school_id":"N","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":30,"max":[1,1,2],"school":[0.85,0.6,0.5],"region":[0.8,0.6,0.55]}'
}

@test "ШНОР, ШНСУ and flagged: every audience gets its measures, the partner is named; nothing for a school with nothing" {
	world > in
	eq-recommend in > out
	# the input passes through unchanged and in order
	head -n "$(wc -l < in)" out | cmp - in
	got=$(jq -r 'select(.type == "recommendation" and .school_id == "X") | "\(.audience) \(.code)"' out | tr '\n' ';')
	[ "$got" = "administration objectivity.selfdiag;administration shnor.program;administration partner.agreement;administration shnsu.plan;administration risk.other;teachers procedure.low;teachers tasks.training;parents parents.fall;municipality objectivity.observers;municipality objectivity.recheck;municipality shnor.curator;municipality shnsu.support;municipality partner.assign;municipality risk.staff;" ]
	# P3 (flagged) gets the objectivity measures; P1, P2, P4 and N nothing
	[ "$(jq -r 'select(.type == "recommendation" and .school_id != "X") | "\(.school_id) \(.code)"' out | tr '\n' ';')" = "P3 objectivity.selfdiag;P3 objectivity.observers;P3 objectivity.recheck;" ]
	# the partner: P1 (resilient first, then the nearest ИСБШ), and why
	jq -r 'select(.code == "partner.agreement") | .text' out | grep -q '^Заключить соглашение о сетевом партнёрстве с Школа P1: устойчивая школа'
	jq -r 'select(.code == "partner.agreement") | .text' out | grep -q 'сходный ИСБШ: 70,0 против 65,0 у Школа X'
	[ "$(jq -c 'select(.code == "partner.agreement") | [.basis.value, .basis.context_class, .basis.source.type, .basis.source.school_id]' out)" = '["P1","resilient","isbs","P1"]' ]
	# the weakest task against the group, and the fall of the share of «2»
	jq -r 'select(.code == "tasks.training") | .text' out | grep -q '№ 2 (30,0 % против 60,0 % в среднем)'
	[ -z "$(jq -r 'select(.code == "tasks.training") | .text' out | grep '№ 3')" ]
	# the rise 0.4 - 0.25 against the threshold 0.1
	[ "$(jq -c 'select(.code == "parents.fall") | .basis | [.value, .threshold, .share_fail, .share_fail_before]' out)" = '[0.15000000000000002,0.1,0.4,0.25]' ]
	jq -r 'select(.code == "parents.fall") | .text' out | grep -q 'выросла с 25,0 % до 40,0 %'
	# one measure per high factor: the factor's own, or the general one
	jq -r 'select(.code == "risk.other") | .text' out | grep -q '«Высокая доля обучающихся с ОВЗ» (значение 0,70 при пороге 0,50)'
	# every recommendation: a filled text, a basis with indicator, threshold and source, a due date
	[ -z "$(jq -r 'select(.type == "recommendation") | select((.text | test("[{}]")) or ((.basis | has("indicator") and has("threshold") and (.source.type | length > 0)) | not) or ((.due | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")) | not)) | .code' out)" ]
	[ "$(jq -r 'select(.type == "recommendation") | .code' out | wc -l)" -eq 17 ]
	[ "$(jq -r 'select(.code == "shnor.curator") | .due' out)" = 2024-10-01 ]
	[ "$(jq -r 'select(.code == "objectivity.recheck" and .school_id == "X") | .due' out)" = 2025-06-01 ]
	# teachers' recommendations name their subject
	[ "$(jq -r 'select(.audience == "teachers") | .subject' out | sort -u)" = math ]
}

@test "no partner when every candidate is excluded; a school with only a high score gets the visit" {
	world | grep -v '"P1"\|"P2"' > in
	eq-recommend in > out
	[ "$(jq -r 'select(.type == "recommendation" and .school_id == "X" and (.code | startswith("partner"))) | .code' out)" = partner.none ]
	jq -r 'select(.code == "partner.none") | .text' out | grep -q 'в муниципалитете «A» нет школы'
	echo '{"type":"objectivity","school_id":"N","year":2024,"signs":[{"sign":"boundary_peak","extended":true}],"flagged":false,"score":2.5}' >> in
	eq-recommend in > out
	[ "$(jq -r 'select(.type == "recommendation" and .school_id == "N") | .code' out)" = objectivity.visit ]
	jq -r 'select(.type == "recommendation" and .school_id == "N") | .text' out | grep -q 'сводный балл признаков необъективности 2,50 при пороге 2,00 (пик баллов на границе отметки «3»)'
}

@test "the catalogue is data: an edited rules file changes the output without a rebuild" {
	world > in
	grep -v '^objectivity\.' "$EQ_DATADIR/ref/recommendations.tsv" |
		sed 's/^shnor\.program\tshnor\t-\tadministration\t1\t{year}-12-31\t.*/shnor.program\tshnor\t-\tadministration\t1\t{next}-01-15\tПересмотреть программу {school} до {next} г./' > rules.tsv
	printf 'extra.note\tobjectivity_flagged\t-\tparents\t3\t{next}-09-01\tСообщить родителям о мерах по объективности.\n' >> rules.tsv
	eq-recommend --rules rules.tsv in > out
	[ "$(jq -r 'select(.code == "shnor.program") | "\(.text) \(.due)"' out)" = "Пересмотреть программу Школа X до 2025 г. 2025-01-15" ]
	[ -z "$(jq -r 'select(.type == "recommendation" and (.code | startswith("objectivity."))) | .code' out)" ]
	[ "$(jq -r 'select(.code == "extra.note") | "\(.school_id) \(.audience)"' out | tr '\n' ';')" = "P3 parents;X parents;" ]
}

@test "a malformed catalogue is refused with file:line before any input is read" {
	check() { # LINE-TEXT EXPECTED-REASON
		{ echo '# code	trigger	threshold	audience	priority	due	text'; printf '%s\n' "$1"; } > bad.tsv
		run eq-recommend --rules bad.tsv /nonexistent/input
		[ "$status" -eq 2 ]
		echo "$output" | grep -q "^eq-recommend: ./bad.tsv:2: $2"
		[[ "$output" != *nonexistent* ]]
	}
	check "$(printf 'a\tshnor\t-\tadministration\t1\t{year}-12-31\tТекст {partner}.')" '{partner} in the text: trigger shnor fills only'
	check "$(printf 'a\tshnor\t-\tpupils\t1\t{year}-12-31\tТекст.')" 'unknown audience "pupils"'
	check "$(printf 'a\tno_such\t-\tparents\t1\t{year}-12-31\tТекст.')" 'unknown trigger "no_such"'
	check "$(printf 'a\tlow_tasks\t-\tteachers\t1\t{year}-12-31\tТекст.')" 'trigger low_tasks needs a threshold'
	check "$(printf 'a\tshnor\t-\tparents\t0\t{year}-12-31\tТекст.')" 'priority "0"'
	check "$(printf 'a\tshnor\t-\tparents\t1\t31.12.{year}\tТекст.')" 'due "31.12.{year}"'
	check "$(printf 'a\trisk_factor:no_such\t-\tparents\t1\t{year}-12-31\tТекст.')" '"risk_factor:no_such"'
	check "$(printf 'a\tshnor\tmany\tparents\t1\t{year}-12-31\tТекст.')" ''
	check "$(printf 'a\tshnor\t-\tparents\t1\t{year}-12-31\tТекст {school\nb')" ''
	{ printf 'a\tshnor\t-\tparents\t1\t{year}-12-31\tТекст.\n'; printf 'a\tshnsu\t-\tparents\t1\t{year}-12-31\tТекст.\n'; } > dup.tsv
	run eq-recommend --rules dup.tsv /nonexistent/input
	[ "$status" -eq 2 ] && echo "$output" | grep -q '^eq-recommend: ./dup.tsv:2: code "a" given twice'
}

@test "indicators of the example municipality, checked against the pupils' own rows" {
	OUT=$PWD/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" 2> /dev/null
	n=demo/normalized.ndjson
	cp demo/records.ndjson out
	ind() { jq -r --arg i "$1" 'select(.type == "indicator" and .level == "municipality" and .indicator == $i) | "\(.numerator)/\(.denominator) \(.value)"' out; }
	# basic level and ОГЭ minimum, counted from the pupils' rows with jq and awk
	jq -r 'select(.type == "result" and .year == 2024 and (.absent | not) and (.retake | not) and (.past_graduate | not) and .mark != null) | [.grade, .mark, .procedure, .subject] | @tsv' "$n" |
		awk -F'\t' '{ l = $1 <= 4 ? "p" : $1 <= 9 ? "b" : "s"; n[l]++; ok[l] += $2 >= 3
			if ($3 == "OGE" && ($4 == "russian" || $4 == "math")) { on++; of += $2 < 3 } }
			END { printf "%d/%d %d/%d %d/%d\n", ok["p"], n["p"], ok["b"], n["b"], of, on }' > expect
	[ "$(ind basic_level_1_4 | cut -d' ' -f1) $(ind basic_level_5_9 | cut -d' ' -f1) $(ind below_min_oge | cut -d' ' -f1)" = "$(cat expect | tr ' ' ' ')" ]
	[ "$(cat expect)" = "487/584 1187/1469 110/598" ]
	[ "$(ind basic_level_1_4)" = "487/584 83.39" ]  # 83.390...
	[ "$(ind below_min_oge)" = "110/598 18.39" ]    # 18.394...
	# no ЕГЭ in the example: no denominator, no value
	[ "$(ind below_min_ege)" = "0/0 null" ]
	# observation: schools of the observation export with observers or video
	obs=$(awk -F, 'NR > 1 && $1 == 2024 && ($6 == 1 || $7 == 1) { s[$5] = 1 } END { print length(s) }' "$EQ_TOP/examples/observation-2024.csv")
	[ "$(ind observation_coverage)" = "$obs/10 $((obs * 10))" ]
	# ШНОР, ШНСУ, objectivity: the analytic filters' own verdicts, counted
	shnor=$(jq -r 'select(.type == "lowres" and .year == 2024 and .shnor) | .school_id' out | wc -l)
	shnsu=$(jq -r 'select(.type == "isbs" and .year == 2024 and .shnsu) | .school_id' out | wc -l)
	flagged=$(jq -r 'select(.type == "objectivity" and .year == 2024 and .flagged) | .school_id' out | wc -l)
	[ "$(ind shnor_share)" = "$shnor/10 $((shnor * 10))" ]
	[ "$(ind shnsu_share)" = "$shnsu/10 $((shnsu * 10))" ]
	[ "$(ind objectivity_level)" = "$((10 - flagged))/10 $((100 - flagged * 10))" ]
	# and it agrees with eq-objectivity's own objectivity_index
	[ "$(jq -r 'select(.type == "objectivity_index" and .year == 2024) | .index' out)" = "$((100 - flagged * 10))" ]
}
