#!/bin/sh
# fuzz-afl.sh SECONDS: coverage-guided fuzzing (AFL++) of the readers, on a
# build instrumented by afl-clang-fast with ASan and UBSan (build-afl/):
#   ingest-csv   eq-ingest --kind result FILE   (the CSV reader and layouts)
#   ndjson       eq-normalize FILE              (the record reader, schemas)
#   analytic     eq-objectivity FILE            (rec_type, rec_fields, reduce)
# Each target runs SECONDS (two at a time: the machine has two cores), from
# the corpus in tests/fuzz/corpus and what earlier runs found
# (build-afl/queue-*). Prints executions, paths and crashes per target; a
# crash or hang is copied to tests/fuzz/regress/ (replayed by the suite on
# the sanitizer build) and fails the run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
b=$top/build-afl
export EQ_DATADIR=$top/schemas
export EQ_ID_KEY=$top/tests/id-key
# a record eq-normalize's fast path takes goes the full path too; a difference aborts
export EQ_CHECK_FAST=1
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
export AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=0
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=0:symbolize=0
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1

command -v afl-fuzz > /dev/null || { echo "fuzz-afl: afl++ is not installed (make deps)"; exit 3; }
make -s -C "$top" B="$b" OUT="$b/bin" CC=afl-clang-fast \
	CFLAGS="-std=c11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all" \
	LDFLAGS="-fsanitize=address,undefined" "$b/bin/eq-ingest" "$b/bin/eq-normalize" \
	"$b/bin/eq-objectivity" > "$b.log" 2>&1 || { cat "$b.log"; exit 3; }

run() { # NAME CORPUS CMD...
	name=$1 corpus=$2
	shift 2
	in=$b/in-$name
	rm -rf "$in" "$b/out-$name"
	mkdir -p "$in"
	cp "$top/tests/fuzz/corpus/$corpus"/* "$in/"
	# what earlier runs found grows the corpus (kept small: the 200 newest)
	[ -d "$b/queue-$name" ] && ls -t "$b/queue-$name" | head -200 | while read -r f; do
		cp "$b/queue-$name/$f" "$in/q-$f"; done
	afl-fuzz -i "$in" -o "$b/out-$name" -m none -t 2000 -V "$secs" -- "$@" > "$b/afl-$name.log" 2>&1
	echo $? > "$b/status-$name"
}

run ingest-csv csv "$b/bin/eq-ingest" --kind result @@ &
run ndjson ndjson "$b/bin/eq-normalize" @@
wait
run analytic ndjson "$b/bin/eq-objectivity" @@

bad=0 ok=0
for name in ingest-csv ndjson analytic; do
	st=$b/out-$name/default/fuzzer_stats
	if [ ! -f "$st" ]; then
		echo "fuzz-afl: $name: no statistics (afl-fuzz exit $(cat "$b/status-$name")):"
		tail -20 "$b/afl-$name.log"
		bad=1
		continue
	fi
	get() { sed -n "s/^$1 *: //p" "$st"; }
	printf 'fuzz-afl: %s: %s executions in %s s, %s paths, %s crashes, %s hangs\n' "$name" \
		"$(get execs_done)" "$(get run_time)" "$(get corpus_count)" "$(get saved_crashes)" "$(get saved_hangs)"
	mkdir -p "$b/queue-$name"
	cp "$b/out-$name/default/queue"/id* "$b/queue-$name/" 2> /dev/null
	for kind in crashes hangs; do
		for f in "$b/out-$name/default/$kind"/id*; do
			[ -e "$f" ] || continue
			n=$top/tests/fuzz/regress/$name-$(md5sum < "$f" | cut -c1-12)
			cp "$f" "$n"
			echo "fuzz-afl: $name: $kind: kept as ${n#$top/}"
			bad=1
		done
	done
	[ -z "$(ls "$b/out-$name/default/crashes" "$b/out-$name/default/hangs" 2>/dev/null | grep id)" ] && ok=$((ok + 1))
done
echo "fuzz-afl: $ok passed, $((3 - ok)) failed"
exit $bad
