#!/usr/bin/env bats
# eq-recommend: recommendations per audience with their basis and partner, the
# catalogue as data, and the municipal indicators checked against the pupils.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

# A municipality A of five schools and one of municipality B, region R, as
# the analytic filters would describe them in 2024. X is ШНОР (criterion 1),
# ШНСУ (ИСБШ 65 below the cut 68) and flagged (marks_mismatch on 20 pupils),
# with two high risk factors, a low ВПР математика 5 whose share of «2» rose
# from 25 % to 40 % (20 pupils each year: within chance), and task 2 done by
# 30 % against 60 % in the group. Partner candidates: P1 resilient, ИСБШ 70;
# P2 high result (level 0.9), ИСБШ 66 — nearer, but resilient comes first;
# P3 resilient but first on the evidence ranking; P4 resilient in B; N a
# school with nothing to recommend.
world() {
	for s in X P1 P2 P3 N; do
		printf '{"type":"school","school_id":"%s","name":"Школа %s","municipality":"A","region":"R"}\n' $s $s
	done
	echo '{"type":"school","school_id":"P4","name":"Школа P4","municipality":"B","region":"R"}'
	isbs() { printf '{"type":"isbs","school_id":"%s","year":2024,"isbs":%s,"threshold":68,"rank":%s,"of":6,"shnsu":%s,"result_level":%s,"context_class":"%s","students":300}\n' "$@"; }
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
	echo '{"type":"objectivity","school_id":"X","year":2024,"signs":[{"sign":"marks_mismatch","procedure":"VPR","subject":"math","grade":5,"n":20,"r":-0.3}],"flagged":true,"score":1.2}'
	echo '{"type":"objectivity","school_id":"P3","year":2024,"signs":[{"sign":"mean_above_region","procedure":"VPR","subject":"math","grade":5,"n":30}],"flagged":true,"score":3.1,"evidence":[{"evidence":"task_pattern","z":3.0,"n":30,"parts":1}]}'
	echo '{"type":"objectivity","school_id":"N","year":2024,"signs":[],"flagged":false,"score":0}'
	echo '{"type":"task_completion","school_id":"X","year":2024,"group":"R","procedure":"VPR","subject":"math","grade":5,"n":20,"max":[1,1,2],"school":[0.9,0.3,0.5],"region":[0.8,0.6,0.55]}'
	echo '{"type":"task_completion","school_id":"N","year":2024,"group":"R","procedure":"VPR","subject":"math","grade":5,"n":30,"max":[1,1,2],"school":[0.85,0.6,0.5],"region":[0.8,0.6,0.55]}'
}
rec() { jq -r "select(.type == \"recommendation\") | $1" out; }

@test "procedure and task records read in place give what the full reading gives: the same recommendations, the same rejects" {
	world > in
	# the same records with a space after every colon: not canonical, read by jansson
	sed -E '/"type":"(procedure_result|task_completion)"/s/":/": /g' in > spaced
	[ "$(grep -c '": ' spaced)" -eq 5 ]
	eq-recommend in > out
	eq-recommend spaced > out2
	cmp <(grep '"type":"recommendation"' out) <(grep '"type":"recommendation"' out2)
	[ "$(grep -c '"type":"recommendation"' out)" -gt 10 ]
	# a canonical record its schema refuses is rejected as before, with its line
	echo '{"type":"procedure_result","school_id":"X","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":20,"n_fail":-1,"share_fail":0.4,"low":true}' > bad
	sed -E 's/":/": /g' bad > badspaced
	run -1 eq-recommend bad
	why=$(printf '%s\n' "$output" | sed -n 's/.*bad:1: procedure_result: //p')
	[ -n "$why" ]
	run -1 eq-recommend badspaced
	[ "$(printf '%s\n' "$output" | sed -n 's/.*badspaced:1: procedure_result: //p')" = "$why" ]
}

@test "one recommendation per school, audience and measure, ordered by priority; the partner named; nothing for a school with nothing" {
	world > in
	eq-recommend in > out
	# the input passes through unchanged and in order
	head -n "$(wc -l < in)" out | cmp - in
	# X, by priority, then audience (administration, teachers, parents,
	# municipality), then code. No parents.fall: 5 of 20 against 8 of 20 is
	# within chance (z = 1.01); no observers: no observation data
	[ "$(rec 'select(.school_id == "X") | "\(.rank) \(.audience) \(.code)"' | tr '\n' ';')" = "1 administration objectivity.selfdiag;2 administration shnor.program;3 teachers procedure.low;4 municipality objectivity.recheck;5 municipality shnor.curator;6 municipality shnsu.support;7 administration partner.agreement;8 administration shnsu.plan;9 teachers tasks.training;10 municipality partner.assign;11 municipality risk.staff;12 administration risk.other;" ]
	# the first five are the school's list, the rest its annex
	[ "$(rec 'select(.school_id == "X") | .annex' | tr '\n' ' ')" = "false false false false false true true true true true true true " ]
	# P3: flagged on its ВПР mean and first on the evidence ranking (1 of 3)
	[ "$(rec 'select(.school_id != "X") | "\(.school_id) \(.code)"' | tr '\n' ';')" = "P3 objectivity.selfdiag;P3 objectivity.recheck;P3 objectivity.visit;" ]
	rec 'select(.code == "objectivity.visit") | .text' | grep -q 'входит в первые 10 % школ региона (место 1 из 3); наиболее выраженные признаки: трудные задания выполнены лучше'
	# the partner: P1 (resilient first, then the nearest ИСБШ; P3 is high on
	# the evidence ranking), in X's own municipality, and why
	rec 'select(.code == "partner.agreement") | .text' | grep -q '^Заключить соглашение о сетевом партнёрстве с Школа P1: устойчивая школа'
	rec 'select(.code == "partner.agreement") | .text' | grep -q 'сходный ИСБШ: 70,0 против 65,0 у Школа X'
	[ "$(rec 'select(.code == "partner.agreement") | .basis[0] | [.value, .same_municipality, .context_class, .source.type] | @tsv')" = "$(printf 'P1\ttrue\tresilient\tisbs')" ]
	# the weakest task against the group, with the pupils it rests on
	rec 'select(.code == "tasks.training") | .text' | grep -q 'математика, ВПР, 5 класс (20 участников): задание № 2 — 30,0 % при среднем 60,0 % (среднее — по группе «R»)'
	[ "$(rec 'select(.code == "tasks.training") | [.n, .subjects[0], (.basis | length)] | @tsv')" = "$(printf '20\tmath\t1')" ]
	# one measure per factor with a rule of its own; the rest gathered
	rec 'select(.code == "risk.other") | .text' | grep -q 'меры по снижению рисков: «Высокая доля обучающихся с ОВЗ» — 0,70 при пороге 0,50\.$'
	rec 'select(.code == "risk.staff") | .text' | grep -q '(«Дефицит педагогических кадров» — 0,80 при пороге 0,50)'
	# ШНОР: the low procedures with their pupils
	rec 'select(.code == "shnor.program") | .text' | grep -q 'русский язык, ОГЭ, 9 класс, 2024 г.: доля «2» 30,0 % (10 участников)'
	# every recommendation: a filled text, a basis of findings each with
	# indicator and source, a due date
	[ -z "$(rec 'select((.text | test("[{}]")) or (.basis | type != "array") or ([.basis[] | select(has("indicator") | not)] | length > 0) or ((.due | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")) | not)) | .code')" ]
	[ "$(rec 'select(.code == "shnor.curator") | .due')" = 2024-10-01 ]
	[ "$(rec 'select(.code == "objectivity.recheck" and .school_id == "X") | .due')" = 2025-06-01 ]
}

@test "the partner search leaves the municipality when it must, says so, and names none only when the region has none" {
	world | grep -v '"P1"\|"P2"' > in
	eq-recommend in > out
	[ "$(rec 'select(.code == "partner.agreement") | .basis[0] | [.value, .same_municipality] | @tsv')" = "$(printf 'P4\tfalse')" ]
	rec 'select(.code == "partner.agreement") | .text' | grep -q 'в муниципалитете «A» подходящей школы нет, школа-партнёр — из муниципалитета «B»; устойчивая школа'
	rec 'select(.code == "partner.agreement") | .text' | grep -q 'ближайший в регионе ИСБШ: 65,0 против 65,0'
	world | grep -v '"P1"\|"P2"\|"P4"' > in
	eq-recommend in > out
	[ "$(rec 'select(.school_id == "X" and (.code | startswith("partner"))) | .code')" = partner.none ]
	rec 'select(.code == "partner.none") | .text' | grep -q 'в регионе нет школы с высокими или устойчивыми результатами'
	# a school of another region is never a partner
	world | grep -v '"P1"\|"P2"' | sed 's/"school_id":"P4","name":"Школа P4","municipality":"B","region":"R"/"school_id":"P4","name":"Школа P4","municipality":"B","region":"Q"/' > in
	eq-recommend in > out
	[ "$(rec 'select(.school_id == "X" and (.code | startswith("partner"))) | .code')" = partner.none ]
}

@test "a partner serves at most three schools; every ШНОР school gets one while the region has room" {
	# five ШНОР schools in A; one candidate in A (C1), two in B (C2 ИСБШ 71, C3 ИСБШ 90)
	{ for s in S1 S2 S3 S4 S5; do
		printf '{"type":"school","school_id":"%s","municipality":"A","region":"R"}\n' $s
		printf '{"type":"isbs","school_id":"%s","year":2024,"isbs":70,"shnsu":false,"result_level":-1,"context_class":"as_expected"}\n' $s
		printf '{"type":"lowres","school_id":"%s","year":2024,"shnor":true,"criteria":[1],"low_procedures":[],"threshold":0.3}\n' $s
	  done
	  for c in "C1 A 75" "C2 B 71" "C3 B 90"; do set -- $c
		printf '{"type":"school","school_id":"%s","municipality":"%s","region":"R"}\n' $1 $2
		printf '{"type":"isbs","school_id":"%s","year":2024,"isbs":%s,"shnsu":false,"result_level":0.8,"context_class":"as_expected"}\n' $1 $3
	  done; } > in
	eq-recommend in > out
	rec 'select(.code == "partner.agreement") | "\(.school_id) \(.basis[0].value)"' > pairs
	[ "$(cat pairs | tr '\n' ';')" = "S1 C1;S2 C1;S3 C1;S4 C2;S5 C2;" ]
	[ "$(rec 'select(.code == "partner.none") | .school_id')" = "" ]
	echo "ШНОР schools with a named partner: $(wc -l < pairs) of 5"
}

@test "no measure rests on fewer than 10 pupils unless pooled, and then it says so" {
	{ echo '{"type":"school","school_id":"T","name":"Школа T","municipality":"A","region":"R"}'
	  # a 3-pupil ВПР: all «2», low, but too small
	  echo '{"type":"procedure_result","school_id":"T","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":3,"n_fail":3,"share_fail":1,"low":true}'
	  echo '{"type":"task_completion","school_id":"T","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":3,"max":[1,1],"school":[0,0],"region":[0.8,0.9]}'
	  echo '{"type":"objectivity","school_id":"T","year":2024,"signs":[{"sign":"marks_mismatch","procedure":"VPR","subject":"math","grade":5,"n":3,"r":-0.87}],"flagged":true,"score":0}'
	  # three grades of four pupils, two «2» each: 6 of 12 pooled, 50 %
	  for g in 5 6 7; do
		echo "{\"type\":\"procedure_result\",\"school_id\":\"T\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"russian\",\"grade\":$g,\"n\":4,\"n_fail\":2,\"share_fail\":0.5,\"low\":true}"
	  done; } > in
	eq-recommend in > out
	# no share-based measure on the 3 pupils: no task training, no re-check on r = -0,87
	[ "$(rec '.code' | tr '\n' ' ')" = "procedure.low " ]
	[ "$(rec '[.n, .pooled, .basis[0].pooled, .basis[0].n_fail, (.basis[0].grades | join("-"))] | @tsv')" = "$(printf '12\ttrue\ttrue\t6\t5-7')" ]
	rec '.text' | grep -q 'русский язык, ВПР, 5–7 классы вместе: доля «2» 50,0 % (12 участников; в каждом классе менее 10)'
	run ! grep -q 'математика' <(rec '.text')
	# every basis with pupils has at least 10, or is pooled
	[ -z "$(rec 'select(.basis[] | (.n != null and .n < 10 and (.pooled | not))) | .code')" ]
	# a lower minimum is an option
	eq-recommend --min-n 3 in > out
	[ "$(rec '.code' | sort | tr '\n' ' ')" = "objectivity.recheck objectivity.selfdiag procedure.low tasks.training " ]
}

@test "observers only where observation reports say a procedure had none; no reports, no measure and no coverage" {
	{ echo '{"type":"school","school_id":"F","name":"Школа F","municipality":"A","region":"R"}'
	  echo '{"type":"school","school_id":"G","name":"Школа G","municipality":"A","region":"R"}'
	  for s in F G; do
		echo "{\"type\":\"objectivity\",\"school_id\":\"$s\",\"year\":2024,\"signs\":[{\"sign\":\"marks_mismatch\",\"procedure\":\"VPR\",\"subject\":\"math\",\"grade\":5,\"n\":20}],\"flagged\":true,\"score\":0}"
	  done; } > base
	eq-recommend base > out
	[ -z "$(rec 'select(.code == "objectivity.observers") | .school_id')" ]
	[ "$(jq -r 'select(.type == "indicator" and .level == "region" and .indicator == "observation_coverage") | "\(.denominator) \(.value)"' out)" = "0 null" ]
	# and the report says so
	eq-report --skip shnor,shnsu --format md out | grep -q '^| Доля школ, охваченных общественным или независимым наблюдением при проведении процедур | нет данных |' 
	# F observed at every procedure, G's ВПР without observers, its ОГЭ with video
	{ cat base
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"F","public_observers":1,"video":0}'
	  echo '{"type":"observation","year":2024,"procedure":"OGE","school_id":"F","public_observers":0,"video":1}'
	  echo '{"type":"observation","year":2024,"procedure":"VPR","school_id":"G","public_observers":0,"video":0}'
	  echo '{"type":"observation","year":2024,"procedure":"OGE","school_id":"G","public_observers":0,"video":1}'; } > in
	eq-recommend in > out
	[ "$(rec 'select(.code == "objectivity.observers") | .school_id')" = G ]
	rec 'select(.code == "objectivity.observers") | .text' | grep -q 'без наблюдателей и видеонаблюдения прошли: ВПР\.$'
	[ "$(jq -r 'select(.type == "indicator" and .level == "region" and .indicator == "observation_coverage") | "\(.numerator)/\(.denominator)"' out)" = "2/2" ]
}

@test "grade 4 goes to primary-school teachers; parents are those of the cohort still ahead, the change labelled as another cohort's" {
	{ echo '{"type":"school","school_id":"G","name":"Школа G","municipality":"A","region":"R"}'
	  echo '{"type":"procedure_result","school_id":"G","year":2024,"procedure":"VPR","subject":"math","grade":4,"n":20,"n_fail":8,"share_fail":0.4,"low":true}'
	  echo '{"type":"procedure_result","school_id":"G","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":20,"n_fail":8,"share_fail":0.4,"low":true}'
	  # ОГЭ русский язык: 10 of 50 in 2023, 25 of 50 in 2024: z = 0.3 / 0.0954 = 3.14
	  echo '{"type":"procedure_result","school_id":"G","year":2023,"procedure":"OGE","subject":"russian","grade":9,"n":50,"n_fail":10,"share_fail":0.2,"low":false}'
	  echo '{"type":"procedure_result","school_id":"G","year":2024,"procedure":"OGE","subject":"russian","grade":9,"n":50,"n_fail":25,"share_fail":0.5,"low":true}'; } > in
	eq-recommend in > out
	[ "$(rec 'select(.code == "procedure.low") | "\(.audience) \(.subjects | join(","))"' | tr '\n' ';')" = "teachers math,russian;primary_teachers math;" ]
	rec 'select(.audience == "primary_teachers") | .text' | grep -q 'математика, ВПР, 4 класс: доля «2» 40,0 % (20 участников)'
	[ "$(rec 'select(.code == "parents.fall") | [.audience, .basis[0].same_cohort, .basis[0].n_before] | @tsv')" = "$(printf 'parents\tfalse\t50')" ]
	rec 'select(.code == "parents.fall") | .text' | grep -q 'русский язык, ОГЭ: родители обучающихся 8 классов (работа в 2025 г.) — в 9 классах доля «2» выросла с 20,0 % (2023 г., 50 участников) до 50,0 % (2024 г., 50 участников; это разные выпуски)'
}

@test "no code or field name in any text a person reads" {
	world > in
	eq-recommend in > out
	OUT=$PWD/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" 2> /dev/null
	jq -r 'select(.type == "recommendation" or .type == "measure_effect") | .text' out demo/records.ndjson > texts
	[ "$(wc -l < texts)" -gt 30 ]
	# Latin words of three letters or more, or with an underscore: codes
	run ! grep -nE '[A-Za-z]*_[A-Za-z_]*|\b[a-z]{3,}\b' texts
	[ "$status" -eq 1 ]
}

@test "the effect of last cycle's measures, worked by hand" {
	# 2023 measures and 2024 records. A: «2» 20 of 50 -> 10 of 50 (z = -2.18):
	# improved. B: 20 of 50 -> 19 of 50: held. C: 10 of 50 -> 20 of 50 (z =
	# 2.18): worsened. D: ШНОР in 2023, no lowres record in 2024: unknown.
	# E: flagged in 2023, not in 2024: improved. F: a partner measure, not
	# an indicator of results: not checked. Checked and known: 4; improved 2.
	proc() { printf '{"type":"procedure_result","school_id":"%s","year":%d,"procedure":"VPR","subject":"math","grade":5,"n":50,"n_fail":%d,"share_fail":%s,"low":false}\n' "$@"; }
	low() { printf '{"type":"recommendation","school_id":"%s","year":2023,"audience":"teachers","priority":1,"code":"procedure.low","text":"…","basis":[{"indicator":"share_fail","value":%s,"threshold":0.3,"n":50,"n_fail":%d,"source":{"type":"procedure_result","school_id":"%s","year":2023,"procedure":"VPR","subject":"math","grade":5}}],"due":"2023-12-31"}\n' "$1" "$2" "$3" "$1"; }
	{ for s in A B C D E F; do printf '{"type":"school","school_id":"%s","municipality":"M","region":"R"}\n' $s; done
	  low A 0.4 20; low B 0.4 20; low C 0.2 10
	  proc A 2024 10 0.2; proc B 2024 19 0.38; proc C 2024 20 0.4
	  echo '{"type":"recommendation","school_id":"D","year":2023,"audience":"administration","priority":1,"code":"shnor.program","text":"…","basis":[{"indicator":"shnor","value":true,"threshold":0.3,"source":{"type":"lowres","school_id":"D","year":2023}}],"due":"2023-12-31"}'
	  echo '{"type":"procedure_result","school_id":"D","year":2024,"procedure":"OGE","subject":"math","grade":9,"n":20,"n_fail":1,"share_fail":0.05,"low":false}'
	  echo '{"type":"recommendation","school_id":"E","year":2023,"audience":"administration","priority":1,"code":"objectivity.selfdiag","text":"…","basis":[{"indicator":"objectivity_sign","value":true,"signs":[{"sign":"marks_mismatch","n":20}],"source":{"type":"objectivity","school_id":"E","year":2023}}],"due":"2024-02-01"}'
	  echo '{"type":"objectivity","school_id":"E","year":2024,"signs":[],"flagged":false,"score":0}'
	  echo '{"type":"recommendation","school_id":"F","year":2023,"audience":"administration","priority":2,"code":"partner.agreement","text":"…","basis":[{"indicator":"partner","value":"A","source":{"type":"isbs","school_id":"A","year":2023}}],"due":"2023-11-01"}'
	  echo '{"type":"procedure_result","school_id":"F","year":2024,"procedure":"VPR","subject":"math","grade":5,"n":50,"n_fail":5,"share_fail":0.1,"low":false}'; } > in
	eq-recommend in > out
	[ "$(jq -r 'select(.type == "measure_effect") | "\(.school_id) \(.verdict)"' out | tr '\n' ';')" = "A improved;B held;C worsened;D unknown;E improved;" ]
	[ "$(jq -c 'select(.type == "measure_effect" and .school_id == "A") | .checks[0] | [.before, .after, .n_before, .n_after]' out)" = '[0.4,0.2,50,50]' ]
	jq -r 'select(.type == "measure_effect" and .school_id == "A") | .text' out | grep -q '^Мера 2023 г. (учителям; основание — доля отметок «2»): улучшение — доля «2» (математика, ВПР, 5 класс): 40,0 % (50 участников) в 2023 г. и 20,0 % (50 участников) в 2024 г.\.$'
	[ "$(jq -r 'select(.type == "indicator" and .level == "municipality" and .indicator == "measures_improved") | "\(.numerator)/\(.denominator) \(.value)"' out)" = "2/4 50" ]
}

@test "recommendations per school on the example and on a 400-school region; partners there as promised" {
	OUT=$PWD/demo EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" 2> /dev/null
	per_school() { jq -r 'select(.type == "recommendation") | .school_id' "$1" | sort | uniq -c | awk '{ print $1 }' | sort -n |
		awk '{ a[NR] = $1 } END { printf "%d schools, median %d, max %d\n", NR, a[int((NR + 1) / 2)], a[NR] }'; }
	echo "example: $(per_school demo/records.ndjson)"
	"$EQ_TOOLS/tests/gen-region" -s 400 -m 20 -c -r 5 -l 1 | eq-isbs | eq-lowres | eq-objectivity | eq-recommend |
		grep -v '"type":"result"' > region
	echo "region: $(per_school region)"
	for f in demo/records.ndjson region; do
		# one recommendation per school, audience and measure
		[ -z "$(jq -r 'select(.type == "recommendation") | "\(.school_id) \(.audience) \(.code)"' "$f" | sort | uniq -d)" ]
	done
	jq -r 'select(.type == "lowres" and .year == 2024 and .shnor) | .school_id' region | sort > shnor
	jq -r 'select(.type == "isbs" and .year == 2024 and .shnsu) | .school_id' region | sort > shnsu
	jq -r 'select(.type == "recommendation" and .code == "partner.agreement") | "\(.school_id)\t\(.basis[0].value)"' region | sort > pairs
	echo "ШНОР schools: $(wc -l < shnor), with a named partner: $(join shnor pairs | wc -l)"
	[ "$(wc -l < shnor)" -ge 20 ]
	[ "$(join shnor pairs | wc -l)" -eq "$(wc -l < shnor)" ]
	# no partner serves more than 3; none is ШНОР, ШНСУ or in the top 10 % by score
	[ "$(cut -f2 pairs | sort | uniq -c | sort -rn | awk 'NR == 1 { print $1 }')" -le 3 ]
	jq -r 'select(.type == "objectivity" and .year == 2024) | [.school_id, .group, .score] | @tsv' region |
		sort -t"$(printf '\t')" -k2,2 -k3,3gr | awk -F'\t' '{ n[$2]++; r[$1] = n[$2]; g[$1] = $2; s[$1] = $3 }
			END { for (k in r) if (s[k] > 0 && r[k] <= int(n[g[k]] * 0.1 + 0.999)) print k }' | sort > top
	[ "$(wc -l < top)" -gt 0 ]
	[ -z "$(cut -f2 pairs | sort -u | comm -12 - <(sort -u shnor shnsu top))" ]
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
