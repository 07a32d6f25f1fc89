#!/usr/bin/env bats
# The make pipelines: the same records as the filters run by hand; an
# interrupted run leaves nothing that looks complete and a re-run gives what
# an uninterrupted run gives; touching an input redoes only what depends on it;
# the nightly run over 20 municipalities with make -j2.

bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	cp -r "$EQ_TOP/examples" data
}

annual() { make --no-print-directory -f "$EQ_TOP/pipelines/annual.mk" PERIOD=2024 DATA=data EQ="$EQ_BIN" "$@"; }
FINAL="normalized.ndjson findings.ndjson records.ndjson report.html report.md report-schools.csv report-recommendations.csv report-indicators.csv report-schools.xlsx report-recommendations.xlsx report-indicators.xlsx"

@test "annual: the pipeline's records are those of the filters run by hand on the manifest" {
	annual OUT=out > /dev/null 2>&1
	for f in $FINAL; do [ -s "out/$f" ]; done
	: > all.ndjson
	while IFS='	' read -r file kind opts; do
		case $file in ''|'#'*) continue;; esac
		eval "set -- $opts"
		eq-ingest --kind "$kind" "$@" "data/$file" >> all.ndjson 2> /dev/null
	done < data/manifest.tsv
	eq-normalize all.ndjson 2> /dev/null | eq-isbs | eq-lowres | eq-objectivity |
		eq-recommend --year 2024 > byhand.ndjson
	cmp byhand.ndjson out/records.ndjson
	eq-report --year 2024 byhand.ndjson | cmp - out/report.html
	# no rejects in the examples: no rejects files
	[ -z "$(find out -name '*rejects*')" ]
	# nothing left to do
	[ -z "$(annual OUT=out -n 2>&1 | grep -v '^eq: \|^echo ')" ]
}

@test "annual: killed mid-run, nothing looks complete; the re-run equals an uninterrupted run" {
	annual OUT=clean > /dev/null 2>&1
	# the same filters, but eq-objectivity stalls so that the kill lands mid-pipeline
	mkdir slow
	for f in "$EQ_BIN"/eq-*; do ln -s "$f" "slow/${f##*/}"; done
	rm slow/eq-objectivity
	printf '#!/bin/sh\nsleep 30\nexec "%s" "$@"\n' "$EQ_BIN/eq-objectivity" > slow/eq-objectivity
	chmod +x slow/eq-objectivity
	setsid make --no-print-directory -f "$EQ_TOP/pipelines/annual.mk" PERIOD=2024 DATA=data EQ="$PWD/slow" OUT=out > log 2>&1 &
	pid=$!
	for i in $(seq 1 300); do [ -e out/findings.ndjson.tmp ] && break; sleep 0.1; done
	[ -e out/findings.ndjson.tmp ]
	sleep 0.3
	kill -KILL -- -"$pid"
	wait "$pid" || true
	# the stage being written is only a .tmp; nothing after it exists (the
	# records are normalised in the pipe of the signs: not complete either)
	[ -n "$(ls out/ingest)" ]
	[ -e out/normalized.ndjson.tmp ] && [ ! -e out/normalized.ndjson ]
	[ ! -e out/findings.ndjson ]
	[ ! -e out/records.ndjson ]
	[ ! -e out/report.html ]
	annual OUT=out > /dev/null 2>&1
	for f in $FINAL; do cmp "clean/$f" "out/$f"; done
}

@test "annual: a failing stage leaves no target behind, and the run fails" {
	mkdir broken
	for f in "$EQ_BIN"/eq-*; do ln -s "$f" "broken/${f##*/}"; done
	rm broken/eq-lowres
	printf '#!/bin/sh\nhead -c 1000 >/dev/null; exit 3\n' > broken/eq-lowres
	chmod +x broken/eq-lowres
	run make --no-print-directory -f "$EQ_TOP/pipelines/annual.mk" PERIOD=2024 DATA=data EQ="$PWD/broken" OUT=out
	[ "$status" -ne 0 ]
	# the exports ingested; the pipe that normalises them and finds the signs
	# failed whole: neither of its targets
	[ -n "$(ls out/ingest)" ]
	[ ! -e out/normalized.ndjson ]
	[ ! -e out/findings.ndjson ]
	[ ! -e out/report.html ]
}

@test "annual: touching one export redoes its ingest and what follows, not the other exports" {
	# a copy of eq whose files can be made old too (the pipeline depends on the
	# filters and the reference data as well as on the exports)
	mkdir -p eq/bin && cp -r "$EQ_TOP/pipelines" "$EQ_TOP/schemas" eq/ && cp "$EQ_BIN"/eq-* eq/bin/
	run_copy() { make --no-print-directory -f eq/pipelines/annual.mk PERIOD=2024 DATA=data EQ="$PWD/eq/bin" OUT=out "$@" > /dev/null 2>&1; }
	run_copy
	find data eq -type f -exec touch -d '2020-01-01 00:00' {} +
	find out -type f -exec touch -d '2020-01-02 00:00' {} +
	run_copy
	# up to date: nothing redone (.eq-lock: the lock a run holds on out)
	[ -z "$(find out -type f ! -name .eq-lock -newermt '2021-01-01')" ]
	touch data/results/2024/vpr-math-5.csv
	run_copy
	remade=$(find out -type f ! -name .eq-lock -newermt '2021-01-01' | sed 's|^out/||' | sort | tr '\n' ' ')
	[ "$remade" = "findings.ndjson ingest/results__2024__vpr-math-5.csv.ndjson normalized.ndjson records.ndjson report-indicators.csv report-indicators.xlsx report-recommendations.csv report-recommendations.xlsx report-schools.csv report-schools.xlsx report.html report.md summaries.ndjson " ]
	# the catalogue of recommendations: eq-recommend and the report only
	touch -d '2020-01-01 00:00' data/results/2024/vpr-math-5.csv
	find out -type f -exec touch -d '2020-01-02 00:00' {} +
	touch eq/schemas/ref/recommendations.tsv
	run_copy
	remade=$(find out -type f ! -name .eq-lock -newermt '2021-01-01' | sed 's|^out/||' | sort | tr '\n' ' ')
	[ "$remade" = "records.ndjson report-indicators.csv report-indicators.xlsx report-recommendations.csv report-recommendations.xlsx report-schools.csv report-schools.xlsx report.html report.md summaries.ndjson " ]
}

@test "nightly: 20 generated municipalities with make -j2, a report each and the regional summary; -j2 equals -j1" {
	sh "$EQ_TOP/scripts/gen-nightly-data.sh" region -s 60 -m 20 -p 12 -r 5
	[ "$(ls region | wc -l)" -eq 20 ]
	night() { make --no-print-directory -f "$EQ_TOP/pipelines/nightly.mk" DATA=region EQ="$EQ_BIN" "$@" > /dev/null 2>&1; }
	night -j2 OUT=n2
	night -j1 OUT=n1
	for m in region/m*; do
		m=${m#region/}
		for f in report.html report.md report-schools.csv report-recommendations.csv report-indicators.csv; do
			[ -s "n2/$m/$f" ]
		done
		# the municipality's report lists its own schools, all of them
		want=$(jq -r 'select(.type=="school") | .school_id' "region/$m/records.ndjson" | sort | tr '\n' ' ')
		got=$(tr -d '\r' < "n2/$m/report-schools.csv" | tail -n +2 | cut -d';' -f1 | tr -d '"' | sort | tr '\n' ' ')
		[ "$got" = "$want" ]
		grep -q "Аналитическая справка: $m, 2024 г." "n2/$m/report.html"
	done
	for f in summary.html summary.md summary-schools.csv summary-indicators.csv; do [ -s "n2/region/$f" ]; done
	# the region's ШНОР count is the sum over the municipalities' (from their own CSVs)
	sum=$(for m in n2/m*; do tr -d '\r' < "$m/report-indicators.csv" | grep '"муниципалитет";[^;]*;"2024";"shnor_share"' | cut -d';' -f6 | tr -d '"'; done | awk '{ s += $1 } END { print s }')
	reg=$(tr -d '\r' < n2/region/summary-indicators.csv | grep '^"регион";[^;]*;"2024";"shnor_share"' | cut -d';' -f6 | tr -d '"')
	[ "$sum" = "$reg" ]
	[ "$reg" -gt 0 ]
	# the summary names every municipality in its indicators table (a row
	# each: more than fit as columns)
	[ "$(grep -o '<td>m0[0-9][0-9]</td>' n2/region/summary.html | sort -u | wc -l)" -eq 20 ]
	diff -r -x ingest.mk -x .eq-lock n1 n2
}

@test "post-procedure: the flagged schools of the round and task completion checked against the pupils' rows" {
	make --no-print-directory -f "$EQ_TOP/pipelines/post-procedure.mk" PERIOD=2024 DATA=data EQ="$EQ_BIN" OUT=pp > /dev/null 2>&1
	for f in normalized.ndjson objectivity.ndjson report.html report.md report-tasks.csv; do [ -s "pp/$f" ]; done
	# only what the round's records support: no ШНОР or recommendation sections
	run ! grep -q 'ШНОР' pp/report.md
	[ "$(grep -o '<td>[^<]*<br>(ens[0-9]*)' pp/report.html | grep -o 'ens[0-9]*' | sort -u)" = \
	  "$(jq -r 'select(.type=="objectivity" and .year==2024 and .flagged) | .school_id' pp/objectivity.ndjson | sort -u)" ]
	# task 2 of ОГЭ математика 9, ens01: points / (pupils x max), from the pupils' rows
	want=$(jq -r 'select(.type=="result" and .year==2024 and .procedure=="OGE" and .subject=="math" and .school_id=="ens01" and (.absent|not) and .tasks != null) | .tasks[1]' pp/normalized.ndjson |
	       awk '{ s += $1; n++ } END { v = sprintf("%.1f", 100 * s / n); sub(/\./, ",", v); print n ";" v }')
	got=$(tr -d '\r"' < pp/report-tasks.csv | awk -F';' '$1 == "ens01" && $3 == "ОГЭ" && $4 == "Математика" && $8 == 2 { print $7 ";" $10 }')
	[ "$got" = "$want" ]
}

@test "two runs into one OUT: the second is refused at once, the first completes as a single run would" {
	annual OUT=single > /dev/null 2>&1
	annual OUT=both > first.log 2>&1 &
	sleep 0.3
	run annual OUT=both
	[ "$status" -eq 2 ]
	[[ "$output" == *"both: another eq run is writing here now"* ]]
	wait $!
	for f in $FINAL; do cmp "single/$f" "both/$f"; done
	# the lock ends with the run
	annual OUT=both > /dev/null 2>&1
}

@test "a whole export rejected fails the cycle unless ALLOW_REJECTED=1, and the report then names it" {
	# Excel's «Текст Юникод»: UTF-16 with its byte order mark
	{ printf '\377\376'; cat data/results/2024/vpr-math-5.csv; } > u16 && mv u16 data/results/2024/vpr-math-5.csv
	run annual OUT=out
	[ "$status" -ne 0 ]
	[[ "$output" == *"UTF-16"* ]]
	[[ "$output" == *"ALLOW_REJECTED=1 goes on without it"* ]]
	[ ! -e out/report.html ]
	annual OUT=out ALLOW_REJECTED=1 > /dev/null 2>&1
	grep -q 'Не приняты целиком (их данных в справке нет): 1 из' out/report.md
	grep -q 'data/results/2024/vpr-math-5.csv — не принят' out/report.md
}

@test "a period with no data fails instead of reporting «ШНОР нет»" {
	run make --no-print-directory -f "$EQ_TOP/pipelines/annual.mk" PERIOD=2025 DATA=data EQ="$EQ_BIN" OUT=out
	[ "$status" -ne 0 ]
	[[ "$output" == *"no records of 2025 in the input: nothing to report for it (years in the input: 2023, 2024)"* ]]
	[ ! -e out/report.html ]
}

@test "a manifest with CRLF line ends is read as one with LF" {
	annual OUT=lf > /dev/null 2>&1
	sed -i 's/$/\r/' data/manifest.tsv
	annual OUT=crlf > /dev/null 2>&1
	for f in $FINAL; do cmp "lf/$f" "crlf/$f"; done
}

@test "a municipality directory with a space in its name is refused with a message that names it" {
	mkdir -p "region/m 1" region/m2
	cp -r data/* "region/m 1/" && cp -r data/* region/m2/
	run make --no-print-directory -f "$EQ_TOP/pipelines/nightly.mk" DATA=region EQ="$EQ_BIN" OUT=n
	[ "$status" -ne 0 ]
	[[ "$output" == *"a municipality directory with a space in its name: «m 1»"* ]]
}

@test "installed: make install PREFIX=..., then the annual pipeline from anywhere with make -f PREFIX/share/eq/pipelines/annual.mk" {
	make --no-print-directory -C "$EQ_TOP" install PREFIX="$PWD/inst" OUT="$(basename "$EQ_BIN")" > /dev/null
	for f in bin/eq-ingest bin/eq-report bin/eq-summarize share/eq/pipelines/annual.mk share/eq/pipelines/common.mk share/eq/pipelines/ok \
	         share/eq/pipelines/country share/eq/pipelines/country-merge share/eq/types/derived/school_summary.schema.json \
	         share/eq/ref/recommendations.tsv share/eq/types/result.schema.json share/eq/types/derived/lowres.schema.json \
	         share/man/man1/eq-report.1; do
		[ -e "inst/$f" ] || { echo "not installed: $f"; false; }
	done
	mkdir elsewhere && cd elsewhere
	# no EQ_DATADIR, no source tree on the way: what was installed is enough
	env -u EQ_DATADIR PATH="/usr/bin:/bin" make --no-print-directory -f "$PWD/../inst/share/eq/pipelines/annual.mk" \
		PERIOD=2024 DATA="$EQ_TOP/examples" OUT=out > /dev/null 2>&1
	[ -s out/report.html ] && [ -s out/report-schools.xlsx ]
	grep -q 'Аналитическая справка: Энская область, 2024 г.' out/report.html
	# the example's seven ШНОР schools, as from the source tree
	[ "$(jq -r 'select(.type == "lowres" and .shnor) | .school_id' out/records.ndjson | sort | tr '\n' ' ')" = \
	  "ens03 ens05 ens06 ens07 ens08 ens09 ens10 " ]
	# the country run too: two regions, installed scripts only (make deps installs parallel)
	sh "$EQ_TOP/scripts/gen-country.sh" country 2 10 6
	env -u EQ_DATADIR PATH="/usr/bin:/bin" sh "$PWD/../inst/share/eq/pipelines/country" country cout -j 2 2> /dev/null
	[ "$(jq -r 'select(.indicator == "shnor_share") | .regions' cout/country.ndjson | sort -u)" = 2 ]
}
