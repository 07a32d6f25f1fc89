#!/bin/sh
# fuzz.sh [RUNS]: mutated exports through eq-ingest and mutated records
# through eq-normalize; any exit other than 0/1, a signal, or a sanitizer
# report is a failure (the input is kept in build/fuzz-fail/). Meant for the
# ASan/UBSan build: EQ_BIN=build-san/bin.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-200}
bin=${EQ_BIN:-$top/bin}
mutate=${EQ_TOOLS:-$top/build}/tests/mutate
export EQ_DATADIR=$top/schemas
# a fixed key: the seeds hold pseudonymous ids, and a key made anew on each
# machine would make every run fuzz different inputs
export EQ_ID_KEY=$top/tests/id-key
# eq-normalize's fast path checked against its full path on every mutant
export EQ_CHECK_FAST=1
tmp=$(mktemp -d)
fails=0
mkdir -p "$top/build/fuzz-fail"

# seeds: example exports of every shape, and normalised records
set -- "result:examples/results/2024/vpr-russian-5.csv" "result:examples/results/2023/vpr-math-4.csv" \
	"context:examples/context-2024.csv" "risk:examples/risk-2024.csv" \
	"result:tests/cases/ingest-bad-rows/in.csv" "result:tests/cases/equivalence-cp1251/in.csv" \
	"olympiad:examples/olympiad-2024.csv"
"$bin/eq-ingest" --kind result "$top/examples/results/2023/vpr-math-5.csv" 2>/dev/null | head -300 > "$tmp/records"
cat "$top/tests/cases/normalize-bad/in.ndjson" "$top/tests/cases/normalize-derive/in.ndjson" >> "$tmp/records"
for k in school context; do
	"$bin/eq-ingest" --kind $k "$top/examples/${k}s.csv" 2>/dev/null
done >> "$tmp/records"
"$bin/eq-ingest" --kind context "$top/examples/context-2023.csv" >> "$tmp/records" 2>/dev/null
awk -f "$top/tests/lowres/aggregate.awk" "$top/tests/lowres/spec.tsv" "$top/tests/lowres/ege.tsv" | head -8 >> "$tmp/records"
"$bin/eq-ingest" --kind risk "$top/examples/risk-2024.csv" >> "$tmp/records" 2>/dev/null
# and what the analytic filters derive from them, for eq-recommend
"$bin/eq-isbs" "$tmp/records" 2>/dev/null | "$bin/eq-lowres" 2>/dev/null | "$bin/eq-objectivity" 2>/dev/null |
	grep -v '"type":"result"' | head -400 > "$tmp/derived" || true
# the same records summarised: school_summary records, and the school records beside them
{ grep '"type":"school"' "$tmp/records"; "$bin/eq-summarize" "$tmp/records" 2>/dev/null | grep '"type":"school_summary"' | head -200; } > "$tmp/summaries" || true

check() { # NAME STATUS ERRFILE INPUT
	case $2 in 0|1|4) grep -q -e Sanitizer -e 'runtime error' "$3" || return 0 ;; esac
	fails=$((fails + 1))
	cp "$4" "$top/build/fuzz-fail/$1"
	echo "fuzz: $1: exit $2: $(grep -m1 -e Sanitizer -e 'runtime error' "$3")"
}

i=0
while [ $i -lt "$RUNS" ]; do
	n=$(( $# - i % $# ))
	eval "spec=\${$n}"
	kind=${spec%%:*} file=$top/${spec#*:}
	"$mutate" $i < "$file" > "$tmp/in.csv"
	"$bin/eq-ingest" --kind "$kind" "$tmp/in.csv" > /dev/null 2> "$tmp/err"
	check "ingest-$i.csv" $? "$tmp/err" "$tmp/in.csv"
	"$mutate" $i < "$tmp/records" > "$tmp/in.ndjson"
	"$bin/eq-normalize" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "normalize-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	"$bin/eq-isbs" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "isbs-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	"$bin/eq-lowres" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "lowres-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	"$bin/eq-objectivity" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "objectivity-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	"$mutate" $i < "$tmp/derived" > "$tmp/in.ndjson"
	"$bin/eq-recommend" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "recommend-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	# eq-report: exit 2 is its answer to input without school records
	"$bin/eq-report" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"; s=$?
	check "report-$i.ndjson" "$([ $s = 2 ] && echo 0 || echo $s)" "$tmp/err" "$tmp/in.ndjson"
	"$mutate" $i < "$tmp/records" > "$tmp/in.ndjson"
	"$bin/eq-report" --format md "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"; s=$?
	check "report-records-$i.ndjson" "$([ $s = 2 ] && echo 0 || echo $s)" "$tmp/err" "$tmp/in.ndjson"
	# summaries: made from mutated pupils, and mutated themselves (read in place or whole)
	"$bin/eq-summarize" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "summarize-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	"$mutate" $i < "$tmp/summaries" > "$tmp/in.ndjson"
	"$bin/eq-summarize" "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"
	check "summarize-summaries-$i.ndjson" $? "$tmp/err" "$tmp/in.ndjson"
	"$bin/eq-report" --format html "$tmp/in.ndjson" > /dev/null 2> "$tmp/err"; s=$?
	check "report-summaries-$i.ndjson" "$([ $s = 2 ] && echo 0 || echo $s)" "$tmp/err" "$tmp/in.ndjson"
	i=$((i + 1))
done
# what coverage-guided fuzzing found once (tests/fuzz-afl.sh) stays a case
nreg=0
for f in "$top"/tests/fuzz/regress/*; do
	[ -e "$f" ] || continue
	nreg=$((nreg + 3))
	"$bin/eq-ingest" --kind result "$f" > /dev/null 2> "$tmp/err"
	check "regress-ingest-${f##*/}" $? "$tmp/err" "$f"
	"$bin/eq-normalize" "$f" > /dev/null 2> "$tmp/err"
	check "regress-normalize-${f##*/}" $? "$tmp/err" "$f"
	"$bin/eq-objectivity" "$f" > /dev/null 2> "$tmp/err"
	check "regress-objectivity-${f##*/}" $? "$tmp/err" "$f"
done
rm -rf "$tmp"
echo "fuzz: $((11 * RUNS + nreg - fails)) passed, $fails failed"
[ $fails = 0 ]
