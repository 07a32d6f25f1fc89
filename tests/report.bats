#!/usr/bin/env bats
# eq-report: the analytic report. Expected values are computed here from the
# pupils' rows and the analytic records with jq and awk, not by eq-report.

bats_require_minimum_version 1.5.0

setup_file() {
	export D="$BATS_FILE_TMPDIR/demo"
	OUT=$D EQ_BIN=$EQ_BIN sh "$EQ_TOP/scripts/demo.sh" > /dev/null 2>&1
}
setup() { cd "$BATS_TEST_TMPDIR"; }

# ids "(ens05)" named in the HTML section that starts with heading $1
section_ids() {
	awk -v h="$1" '/<h2/ { on = index($0, h) > 0 } on' "$D/report.html" |
		grep -o '(ens[0-9]*)' | tr -d '()' | sort -u
}

@test "the HTML report is self-contained and lists exactly the ШНОР, ШНСУ, risk and flagged schools of the records" {
	# valid UTF-8 throughout (a caption cut in a buffer once split a letter)
	for f in "$D/report.html" "$D/report.md"; do iconv -f UTF-8 -t UTF-8 "$f" > /dev/null; done
	html=$D/report.html
	[ -s "$html" ]
	grep -q '</html>' "$html"
	# nothing fetched from elsewhere: no scripts, links, images, imports, URLs
	# (url(#id) is a reference inside the document: SVG clip paths)
	run ! grep -Piq '<script|<link|<img|<iframe|src=|url\((?!#)|@import' "$html"
	[ -z "$(grep -o 'https\?://[^"]*' "$html" | grep -v '^http://www.w3.org/2000/svg$')" ]
	r=$D/records.ndjson
	[ "$(section_ids 'ШНОР')" = "$(jq -r 'select(.type=="lowres" and .year==2024 and .shnor) | .school_id' "$r" | sort -u)" ]
	[ "$(section_ids 'ШНСУ')" = "$(jq -r 'select(.type=="isbs" and .year==2024 and .shnsu) | .school_id' "$r" | sort -u)" ]
	[ "$(section_ids 'зоне риска')" = "$(jq -r 'select(.type=="risk_profile" and .year==2024 and .risk_zone) | .school_id' "$r" | sort -u)" ]
	[ "$(section_ids 'необъективности результатов')" = "$(jq -r 'select(.type=="objectivity" and .year==2024 and .flagged) | .school_id' "$r" | sort -u)" ]
	# and the lists are not empty in the example municipality
	[ "$(section_ids 'ШНОР' | wc -l)" -eq 7 ]
	# every recommendation of the year appears, with its due date as DD.MM.YYYY
	[ "$(grep -c '<td>[0-9][0-9]\.[0-9][0-9]\.20[0-9][0-9]</td>' "$html")" -eq \
	  "$(jq -r 'select(.type=="recommendation" and .year==2024) | .code' "$r" | wc -l)" ]
}

@test "mark shares by school equal the shares counted from the pupils' rows" {
	# ВПР 2024 of МБОУ «Берёзовская СОШ» (ens05), all grades and subjects
	want=$(jq -r 'select(.type=="result" and .year==2024 and .procedure=="VPR" and .school_id=="ens05"
	              and (.absent|not) and .mark != null) | .mark' "$D/normalized.ndjson" |
	       awk '{ c[$1]++; n++ } END { printf "%d", n; for (m = 2; m <= 5; m++) { s = sprintf("%.1f", 100 * c[m] / n); sub(/\./, ",", s); printf " | %s %%", s } }')
	got=$(awk '/^Доли отметок: ВПР/ { on = 1 } on && /^\| МБОУ «Берёзовская СОШ» \|/ { print; exit }' "$D/report.md" |
	      sed 's/^| МБОУ «Берёзовская СОШ» | //; s/ |$//')
	[ -n "$want" ]
	[ "$got" = "$want" ]
}

@test "the ИСБШ chart has a point per school and the regression line of isbs_model" {
	html=$D/report.html
	fig=$(awk '/<figure>/ { n++ } n == 1' "$html" | sed '/<\/figure>/q')
	[[ "$fig" == *"ИСБШ и уровень результатов"* ]]
	# points carry a <title> each: circles and the triangles of resilient schools
	[ "$(echo "$fig" | grep -o '<title>[^<]*ИСБШ [0-9]' | wc -l)" -eq \
	  "$(jq -r 'select(.type=="isbs" and .year==2024) | .school_id' "$D/records.ndjson" | wc -l)" ]
	line=$(jq -r 'select(.type=="isbs_model" and .year==2024) | [.a, .b] | @tsv' "$D/records.ndjson" |
	       awk -F'\t' '{ a = sprintf("%.2f", $1); b = sprintf("%.3f", $2); sub(/\./, ",", a); sub(/\./, ",", b); print "регрессия: " a " + " b "·ИСБШ" }')
	[[ "$fig" == *"$line"* ]]
	[[ "$fig" == *'class="fit"'* ]]
}

@test "a flagged school's score distribution is drawn against all schools, with the three mark boundaries" {
	html=$D/report.html
	# Лицей № 4 (ens04): its strongest sign is on ОГЭ математика 9 in 2024
	fig=$(awk '/<figure>/ { buf = "" } { buf = buf $0 "\n" } /<\/figure>/ && buf ~ /Распределение первичных баллов: МБОУ «Лицей № 4»/ { print buf; exit }' "$html")
	[ -n "$fig" ]
	read -r proc subj grade <<< "$(jq -r 'select(.type=="objectivity" and .school_id=="ens04" and .year==2024) |
	    [.signs[] | select(.grade != null)] | max_by(.strength) | "\(.procedure) \(.subject) \(.grade)"' "$D/records.ndjson")"
	scored() { jq -r --arg p "$proc" --arg s "$subj" --argjson g "$grade" "select(.type==\"result\" and .year==2024 and .procedure==\$p
	           and .subject==\$s and .grade==\$g and (.absent|not) and .primary_score != null $1) | .school_id" "$D/normalized.ndjson" | wc -l; }
	[[ "$fig" == *"школа (n = $(scored 'and .school_id=="ens04"'))"* ]]
	[[ "$fig" == *"все школы (n = $(scored ''))"* ]]
	[ "$(echo "$fig" | grep -o 'class="cut"' | wc -l)" -eq 3 ]
	[[ "$fig" == *"«3»"*"«4»"*"«5»"* ]]
}

@test "groups of fewer than 5 pupils are never shown: shares, ШНОР evidence, recommendation texts" {
	{
		echo '{"type":"school","school_id":"s1","name":"Малая школа","municipality":"М","region":"Р"}'
		echo '{"type":"school","school_id":"s2","name":"Большая школа","municipality":"М","region":"Р"}'
		for subj in math russian; do
			for i in 1 2 3; do
				echo "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"$subj\",\"grade\":5,\"school_id\":\"s1\",\"student_id\":\"a$subj$i\",\"primary_score\":2,\"mark\":2}"
			done
			for i in 1 2 3 4 5 6 7 8; do
				echo "{\"type\":\"result\",\"year\":2024,\"procedure\":\"VPR\",\"subject\":\"$subj\",\"grade\":5,\"school_id\":\"s2\",\"student_id\":\"b$subj$i\",\"primary_score\":12,\"mark\":4}"
			done
		done
		echo '{"type":"recommendation","school_id":"s1","year":2024,"audience":"teachers","subject":"math","priority":2,"code":"tasks.training","text":"Задания № 5 (35,9 % против 56,3 % в среднем).","basis":{"indicator":"task_completion_gap","value":0.2037,"threshold":0.15,"source":{"type":"task_completion","school_id":"s1","year":2024,"procedure":"VPR","subject":"math","grade":5}},"due":"2025-03-01"}'
	} > in.ndjson
	eq-lowres in.ndjson > rec.ndjson
	[ "$(jq -r 'select(.type=="lowres" and .school_id=="s1") | .shnor' rec.ndjson)" = true ]
	eq-report --skip shnsu,objectivity rec.ndjson > r.html
	eq-report --skip shnsu,objectivity --format md rec.ndjson > r.md
	eq-report --format csv --list recommendations rec.ndjson > r.csv
	# the full texts are in the school's own report
	eq-report --skip shnsu,objectivity --school s1 rec.ndjson > s1.html
	for f in r.html r.md r.csv s1.html; do
		# s1: 3 pupils, all «2»; the task share 35,9 % rests on them
		run ! grep -q -e '35,9' -e '«2»: 100,0 %' -e '3 из 3' "$f"
	done
	# s2's 8 pupils, all «4», are shown
	grep -q '«4»: 100,0 %' r.html
	grep -q 'менее 5 участников' r.html
	grep -q '… % против … %' s1.html
	grep -q 'менее 5 участников: не показано' r.html
	# the large school keeps its shares: 8 of 8 pupils with «4»
	grep -q '^| Большая школа | 16 | 0,0 % | 0,0 % | 100,0 % | 0,0 % |' r.md
	grep -q '^| Малая школа | менее 5 | — | — | — | — |' r.md
}

@test "CSV lists open in Russian Excel: BOM, semicolons, CRLF, decimal comma, one row per school" {
	csv=$D/report-schools.csv
	[ "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]
	[ "$(grep -c $'\r$' "$csv")" -eq "$(wc -l < "$csv")" ]
	[ "$(wc -l < "$csv")" -eq 11 ]
	isbs=$(jq -r 'select(.type=="isbs" and .year==2024 and .school_id=="ens06") | .isbs' "$D/records.ndjson" |
	       awk '{ s = sprintf("%.2f", $1); sub(/\./, ",", s); print s }')
	row=$(tr -d '\r' < "$csv" | mlr --icsv --ifs ';' --ojson filter '$["Код школы"] == "ens06"')
	[ "$(echo "$row" | jq -r '.[0]["ИСБШ"]')" = "$isbs" ]
	[ "$(echo "$row" | jq -r '.[0]["ШНСУ"]')" = "да" ]
	# the indicators list: the ОГЭ minimum row against the pupils' rows
	n=$(jq -r 'select(.type=="result" and .year==2024 and .procedure=="OGE" and (.absent|not) and .mark != null) | .mark' "$D/normalized.ndjson" | wc -l)
	f=$(jq -r 'select(.type=="result" and .year==2024 and .procedure=="OGE" and (.absent|not) and .mark == 2) | .mark' "$D/normalized.ndjson" | wc -l)
	tr -d '\r' < "$D/report-indicators.csv" | grep -q "^\"муниципалитет\";\"Энский район\";\"2024\";\"below_min_oge\";\"[^\"]*\";\"$f\";\"$n\";"
}

@test "bad use and bad input: exit 2 with a reason; a broken record is counted, the report still written" {
	run eq-report --municipality Nowhere "$D/records.ndjson"
	[ "$status" -eq 2 ]
	[[ "$output" == *'eq-report: no school of municipality "Nowhere" in the input'* ]]
	run eq-report --list schools "$D/records.ndjson"
	[ "$status" -eq 2 ]
	run eq-report --format pdf "$D/records.ndjson"
	[ "$status" -eq 2 ]
	run eq-report --min-n 3 "$D/records.ndjson"
	[ "$status" -eq 2 ]
	{ head -20 "$D/records.ndjson"; echo '{"type":"lowres","school_id":'; tail -n +21 "$D/records.ndjson"; } > broken.ndjson
	run eq-report broken.ndjson
	[ "$status" -eq 1 ]
	[[ "$output" == *"eq-report: broken.ndjson:21: "* ]]
	[[ "$output" == *"</html>"* ]]
}

@test "-o: every output from one reading, each the bytes of its own run; nothing left behind when the run fails" {
	export SOURCE_DATE_EPOCH=1700000000
	for src in "$D/records.ndjson" "$D/summaries.ndjson"; do
		# the Markdown first: the histograms the HTML reads must not change it
		eq-report -o r.md -o r.html -o schools:r-schools.csv -o recommendations:r-recs.xlsx \
			-o indicators:r-ind.csv -o tasks:r-tasks.csv -o r-default.xlsx "$src"
		eq-report "$src" > s.html
		eq-report --format md "$src" > s.md
		eq-report --format csv --list schools "$src" > s-schools.csv
		eq-report --format xlsx --list recommendations "$src" > s-recs.xlsx
		eq-report --format csv --list indicators "$src" > s-ind.csv
		eq-report --format csv --list tasks "$src" > s-tasks.csv
		eq-report --format xlsx "$src" > s-default.xlsx
		for f in .html .md -schools.csv -recs.xlsx -ind.csv -tasks.csv -default.xlsx; do
			[ -s "r$f" ] && cmp "r$f" "s$f"
		done
		# one municipality's outputs too
		m=$(jq -r 'select(.type == "school") | .municipality' "$src" | sort -u | head -1)
		eq-report --municipality "$m" -o m.html -o m-schools.csv "$src"
		eq-report --municipality "$m" "$src" | cmp - m.html
		eq-report --municipality "$m" --format csv "$src" | cmp - m-schools.csv
	done
	# what -o takes
	run -2 eq-report -o r.pdf "$D/records.ndjson"
	[[ "$output" == *"--output r.pdf: the name ends in .html, .md, .csv or .xlsx"* ]]
	run -2 eq-report -o schools:r.html "$D/records.ndjson"
	run -2 eq-report -o a.md -o a.md "$D/records.ndjson"
	run -2 eq-report --format md -o a.md "$D/records.ndjson"
	run -2 eq-report --list schools -o a.csv "$D/records.ndjson"
	[ ! -e a.md ] && [ ! -e a.csv ] && [ ! -e a.md.tmp ]
	# a document whose records are missing: exit 2 before anything is written
	jq -c 'select(.type != "objectivity")' "$D/records.ndjson" > noobj.ndjson
	mkdir fail && cd fail
	run -2 eq-report -o l.csv -o d.html ../noobj.ndjson
	[ -z "$(ls)" ] || { ls; false; }
	# an output that cannot be written (no such directory) after one that
	# could: exit 3, no output and no .tmp left
	run -3 eq-report -o l.csv -o nodir/d.html "$D/records.ndjson"
	[ -z "$(ls)" ] || { ls; false; }
	cd ..
	# a broken record: counted (exit 1), every output still written
	{ head -20 "$D/records.ndjson"; echo '{"type":"lowres","school_id":'; tail -n +21 "$D/records.ndjson"; } > broken.ndjson
	run -1 eq-report -o b.html -o b.csv broken.ndjson
	grep -q '</html>' b.html && [ -s b.csv ] && [ ! -e b.html.tmp ]
}

@test "-o in the scope of the --municipality before it: many municipalities from one reading, each the bytes of its own run" {
	export SOURCE_DATE_EPOCH=1700000000
	"$EQ_TOOLS/tests/gen-region" -s 40 -m 3 -c -r 5 -l 1 -p 10 | eq-isbs | eq-lowres | eq-objectivity |
		eq-recommend > r.ndjson
	mapfile -t m < <(jq -r 'select(.type == "school") | .municipality' r.ndjson | sort -u)
	[ "${#m[@]}" -eq 3 ]
	eq-report -o all.md -o schools:all.csv -m "${m[0]}" -o a.html -o recommendations:a.csv \
		-m "${m[2]}" -o c.md -o indicators:c.xlsx r.ndjson
	eq-report --format md r.ndjson | cmp - all.md
	eq-report --format csv r.ndjson | cmp - all.csv
	eq-report -m "${m[0]}" r.ndjson | cmp - a.html
	eq-report -m "${m[0]}" --format csv --list recommendations r.ndjson | cmp - a.csv
	eq-report -m "${m[2]}" --format md r.ndjson | cmp - c.md
	eq-report -m "${m[2]}" --format xlsx --list indicators r.ndjson | cmp - c.xlsx
	# the scope is the one named: its title, and a list of its schools only
	grep -q "^# Аналитическая справка: ${m[2]}, " c.md
	[ "$(tr -d '\r' < a.csv | mlr --icsv --ifs ';' --onidx cut -f 'Код школы' | sort -u)" = \
	  "$(jq -r --arg m "${m[0]}" 'select(.type == "school" and .municipality == $m) | .school_id' r.ndjson |
	     sort | comm -12 - <(jq -r 'select(.type == "recommendation") | .school_id' r.ndjson | sort -u))" ]
	# a municipality after the last output names nothing: refused; a scope
	# with no school: exit 2 before anything is written
	run -2 eq-report -o x.md -m "${m[0]}" r.ndjson
	[[ "$output" == *"--municipality ${m[0]} after the last --output"* ]]
	run -2 eq-report -m "${m[1]}" -o y.md -m Nowhere -o z.md r.ndjson
	[[ "$output" == *'no school of municipality "Nowhere" in the input'* ]]
	[ ! -e x.md ] && [ ! -e y.md ] && [ ! -e z.md ] && [ ! -e y.md.tmp ]
}

@test "one school's report on request names that school only" {
	eq-report --school ens05 "$D/records.ndjson" > s.html
	grep -q 'Аналитическая справка: МБОУ «Берёзовская СОШ» (ens05), 2024 г.' s.html
	# the lists' rows (the charts show the school among its municipality's)
	[ "$(grep -o '<tr><td>[^<]*<br>(ens[0-9]*)' s.html | grep -o 'ens[0-9]*' | sort -u)" = "ens05" ]
	[ "$(grep -c '<tr><td>[^<]*<br>(ens05)' s.html)" -gt 3 ]
	# built for the school: its own ИСБШ, place and threshold, not a list that says «ШНСУ нет»
	eq-report --format md --school ens05 "$D/records.ndjson" > s.md
	read -r isbs rank of cut <<< "$(jq -r 'select(.type == "isbs" and .school_id == "ens05" and .year == 2024) |
		[(.isbs * 10 | round / 10 | tostring | sub("\\."; ",")), .rank, .of, (.threshold * 10 | round / 10 | tostring | sub("\\."; ","))] | @tsv' "$D/records.ndjson")"
	grep -q "^ИСБШ $isbs: место $rank из $of в группе «[^»]*» (1 — наименьший индекс), порог ШНСУ $cut — школа не относится" s.md
	grep -q '^## 1. Положение школы$' s.md
	run ! grep -q -e 'Показатели$' -e 'Школы, функционирующие в неблагоприятных социальных условиях' -e '^Школ: ' s.md
	# its procedures with their pupils, from the records
	[ "$(grep -c '^| \(ВПР\|ОГЭ\), ' s.md)" -eq "$(jq -r 'select(.type == "procedure_result" and .school_id == "ens05" and .year == 2024) | .n' "$D/records.ndjson" | wc -l)" ]
}

@test "headless Chromium renders the report's charts (a screenshot, not blank)" {
	command -v chromium > /dev/null || skip "chromium is not installed (make deps installs it)"
	shot=$BATS_TEST_TMPDIR/report.png
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1000,16000 --screenshot="$shot" "file://$D/report.html" 2> /dev/null
	[ -s "$shot" ]
	# width height non-white distinct then pixels near the «2» red, the «5»
	# green and the region's orange line: colours only the SVG charts use
	read -r w h ink ncol red green orange <<< "$("$EQ_TOOLS/tests/png-ink" "$shot" d62728 2e7d32 e67e22)"
	[ "$w" -eq 1000 ] && [ "$h" -eq 16000 ]
	[ "$ink" -gt 100000 ]
	[ "$ncol" -gt 50 ]
	[ "$red" -gt 1000 ]
	[ "$green" -gt 1000 ]
	[ "$orange" -gt 200 ]
	# a blank page gives none of it: the check can fail
	echo '<!DOCTYPE html><html><body></body></html>' > blank.html
	timeout 120 chromium --headless --no-sandbox --disable-gpu --window-size=1000,800 \
		--screenshot="$BATS_TEST_TMPDIR/blank.png" "file://$BATS_TEST_TMPDIR/blank.html" 2> /dev/null
	read -r w h ink ncol red green orange <<< "$("$EQ_TOOLS/tests/png-ink" "$BATS_TEST_TMPDIR/blank.png" d62728 2e7d32 e67e22)"
	[ "$ink" -eq 0 ] && [ "$red" -eq 0 ]
}

@test "the year: the latest present whatever the order of records; a year with no data exits 2" {
	tac "$D/records.ndjson" > shuffled.ndjson
	eq-report --format md shuffled.ndjson | head -1 | grep -q ', 2024 г\.$'
	run eq-report --year 2030 "$D/records.ndjson"
	[ "$status" -eq 2 ]
	[[ "$output" == *"no records of 2030 in the input"* ]]
	# a stream without the records of a section is an error, naming them
	jq -c 'select(.type != "lowres")' "$D/records.ndjson" > nolowres.ndjson
	run eq-report nolowres.ndjson
	[ "$status" -eq 2 ]
	[[ "$output" == *"no records of lowres (eq-lowres) for the section on ШНОР"* ]]
	# unless the section is left out on purpose
	run eq-report --skip shnor nolowres.ndjson
	[ "$status" -eq 0 ]
	run ! grep -q 'Школы с низкими образовательными результатами (ШНОР)</h2>' <<< "$output"
}

@test "every comparison with the group names the group and its n as the records say" {
	# each «выше среднего по региону «G» M (ДИ a–b, n = N)» of the report
	grep -o 'выше среднего по [^«]*«[^»]*» [0-9,]* (ДИ [0-9,–]*, n = [0-9]*)' "$D/report.md" |
		sed 's/выше среднего по [^«]*«\([^»]*\)» \([0-9,]*\) (ДИ [0-9,–]*, n = \([0-9]*\))/\1|\2|\3/' | sort > got
	[ -s got ]
	# from the records: every mean_above_region sign of the flagged schools
	jq -r 'select(.type == "objectivity" and .year == 2024 and .flagged) | .group as $g |
		.signs[] | select(.sign == "mean_above_region") | "\($g)|\(.region_mean * 10 | round / 10 | tostring | sub("\\."; ","))|\(.region_n)"' \
		"$D/records.ndjson" | sed 's/|\([0-9]*\)|/|\1,0|/' | sort > want
	cat got want
	[ "$(cat got)" = "$(cat want)" ]
	# the group is the region of the schools, as the methodology compares
	[ "$(cut -d'|' -f1 got | sort -u)" = "$(jq -r 'select(.type == "school") | .region' "$D/records.ndjson" | sort -u)" ]
}

@test "printed by Chromium the example's report is at most 12 pages, the summary on page 1" {
	command -v chromium > /dev/null || skip "chromium is not installed (make deps installs it)"
	command -v pdfinfo > /dev/null || skip "poppler-utils is not installed (make deps installs it)"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$PWD/r.pdf" "file://$D/report.html" 2> /dev/null
	pages=$(pdfinfo r.pdf | awk '/^Pages:/ { print $2 }')
	echo "pages: $pages"
	[ "$pages" -ge 2 ] && [ "$pages" -le 12 ]
	pdftotext -f 1 -l 1 r.pdf p1.txt
	grep -q 'Краткие итоги' p1.txt
	grep -q 'Школ: ШНОР' p1.txt
	# and the appendices are not on it
	run ! grep -q 'Приложение' p1.txt
}

@test "dynamics of the lists between two years, worked by hand" {
	# ШНОР 2023: A B C, 2024: B C D (stayed 2, entered D, left A); ШНСУ 2023:
	# E, 2024: E F (stayed 1, entered F); flagged 2023: A, 2024: none (left A)
	{ for s in A B C D E F; do
		printf '{"type":"school","school_id":"%s","name":"Школа %s","municipality":"М","region":"Р"}\n' $s $s
		for y in 2023 2024; do
			shnor=false shnsu=false flagged=false
			case "$y$s" in 2023[ABC]|2024[BCD]) shnor=true;; esac
			case "$y$s" in 2023E|2024[EF]) shnsu=true;; esac
			case "$y$s" in 2023A) flagged=true;; esac
			printf '{"type":"lowres","school_id":"%s","year":%d,"shnor":%s,"criteria":[],"low_procedures":[],"threshold":0.3}\n' $s $y $shnor
			printf '{"type":"isbs","school_id":"%s","year":%d,"isbs":70,"threshold":72,"rank":1,"of":6,"shnsu":%s,"result_level":0,"context_class":"as_expected"}\n' $s $y $shnsu
			printf '{"type":"objectivity","school_id":"%s","year":%d,"group":"Р","signs":[],"flagged":%s,"score":0}\n' $s $y $flagged
		done
	  done; } > in.ndjson
	eq-report --skip recommendations --format md in.ndjson > r.md
	grep -qxF '| ШНОР | 3 | 3 | 2 | 1: Школа D | 1: Школа A |' r.md
	grep -qxF '| ШНСУ | 1 | 2 | 1 | 1: Школа F | 0 |' r.md
	grep -qxF '| признаки необъективности | 1 | 0 | 0 | 0 | 1: Школа A |' r.md
	# the summary: this year, last year, entered / left
	grep -qxF '| Школ: ШНОР | 3 из 6 | 3 | 1 / 1 |' r.md
	# no risk data: said, not a finding
	grep -q 'Нет данных: в потоке нет анкет факторов риска' r.md
	# without last year's records: said too
	jq -c 'select(.year != 2023)' in.ndjson > one.ndjson
	eq-report --skip recommendations --format md one.ndjson > one.md
	grep -q 'Нет данных за 2023 г. для сравнения: ШНОР, ШНСУ, признаки необъективности' one.md
	# indicators: last year's beside this year's when their records are in the stream
	jq -c 'select(.type == "indicator" and .level == "region" and .indicator == "shnor_share") | .year = 2023 |
		.numerator = 5 | .value = 50' "$D/records.ndjson" > ind2023.ndjson
	cat "$D/records.ndjson" ind2023.ndjson | eq-report --format md > both.md
	grep -q '^| Доля школ с низкими результатами обучения (ШНОР) | 70,0 %<br>(7 из 10) | 70,0 %<br>(7 из 10) | 50,0 %<br>(5 из 10) | — |$' both.md
	run ! grep -q 'Регион, 2023 г.' "$D/report.md"
}

@test "a region of 60 municipalities: the report renders in Chromium, its charts and the comparison of every municipality" {
	command -v chromium > /dev/null || skip "chromium is not installed (make deps installs it)"
	command -v pdftoppm > /dev/null || skip "poppler-utils is not installed (make deps installs it)"
	"$EQ_TOOLS/tests/gen-region" -s 600 -m 60 -c -r 7 -l 1 -p 12 | eq-isbs | eq-lowres | eq-objectivity |
		eq-recommend > region.ndjson
	run eq-report region.ndjson
	[ "$status" -eq 0 ]
	echo "$output" > region.html
	[ "$(grep -o '<td>m0[0-9][0-9]</td>' region.html | sort -u | wc -l)" -eq 60 ]
	# rendered and printed by Chromium; the pages of the comparison table and of
	# the charts found by their text, and looked at
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$PWD/region.pdf" "file://$PWD/region.html" 2> /dev/null
	pages=$(pdfinfo region.pdf | awk '/^Pages:/ { print $2 }')
	table= chart=
	for p in $(seq 1 "$pages"); do
		pdftotext -f "$p" -l "$p" region.pdf page.txt
		[ -n "$table" ] || ! grep -q 'Показатели по муниципалитетам' page.txt || table=$p
		[ -n "$chart" ] || ! grep -q 'Доли отметок' page.txt || chart=$p
	done
	echo "pages $pages, comparison table on $table, mark shares on $chart"
	[ -n "$table" ] && [ -n "$chart" ]
	pdftoppm -r 60 -f "$table" -l "$table" -png region.pdf t
	read -r w h ink ncol red green orange <<< "$("$EQ_TOOLS/tests/png-ink" t-*.png d62728 2e7d32 e67e22)"
	[ "$ink" -gt 20000 ] # a page of table, not blank
	grep -q 'm059' <(pdftotext -f "$table" -l "$((table + 2))" region.pdf -)
	pdftoppm -r 60 -f "$chart" -l "$chart" -png region.pdf c
	read -r w h ink ncol red green orange <<< "$("$EQ_TOOLS/tests/png-ink" c-*.png d62728 2e7d32 e67e22)"
	echo "chart page: $ink ink, $red red, $green green"
	[ "$red" -gt 100 ] && [ "$green" -gt 100 ]
}

@test "the lists as real .xlsx: the same cells as the CSV, numbers as numbers, codes kept as text" {
	for l in schools recommendations indicators; do
		eq-report --format xlsx --list "$l" "$D/records.ndjson" > "$l.xlsx"
		# read back by openpyxl (Python's well-known reader), every cell against the CSV
		/usr/bin/python3 - "$l.xlsx" "$D/report-$l.csv" <<'PY'
import csv, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(csv.reader(open(sys.argv[2], encoding='utf-8-sig', newline=''), delimiter=';'))
assert ws.max_row == len(rows), (ws.max_row, len(rows))
for r, row in enumerate(rows, 1):
    for c, want in enumerate(row, 1):
        got = ws.cell(r, c).value
        if isinstance(got, (int, float)):
            assert float(want.replace(',', '.').replace(' ', '')) == got, (r, c, got, want)
        else:
            assert (got or '') == want.lstrip("'"), (r, c, got, want)
print(sys.argv[1], ws.max_row, 'rows match')
PY
	done
	# a code with a leading zero stays text, a number is a number
	/usr/bin/python3 -c "
import openpyxl
ws = openpyxl.load_workbook('schools.xlsx').active
assert ws.cell(2, 1).value == 'ens01' and isinstance(ws.cell(2, 4).value, int), ws.cell(2, 4).value
assert ws.auto_filter.ref and ws.freeze_panes == 'A2'"
	# a numeric code with a leading zero (as ФИС ОКО logins are) stays text
	{ echo '{"type":"school","school_id":"01234","name":"Школа","municipality":"М","region":"Р"}'
	  echo '{"type":"lowres","school_id":"01234","year":2024,"shnor":false,"criteria":[],"low_procedures":[],"threshold":0.3}'; } > z.ndjson
	eq-report --format xlsx --list schools z.ndjson > z.xlsx
	/usr/bin/python3 -c "
import openpyxl
ws = openpyxl.load_workbook('z.xlsx').active
assert ws.cell(2, 1).value == '01234', repr(ws.cell(2, 1).value)"
	run eq-report --format xlsx "$D/records.ndjson"
	[ "$status" -eq 0 ]
	run eq-report --list schools "$D/records.ndjson"
	[ "$status" -eq 2 ]
}
