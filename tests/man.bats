#!/usr/bin/env bats
# The examples of the manual pages are tests: in each .EX/.EE block a line
# "$ command" is run from the top of the tree and must print the lines that
# follow it (standard output only).

bats_require_minimum_version 1.5.0

setup_file() {
	# some examples read the demo's output, as a user who ran make demo would
	[ -s "$EQ_TOP/out/normalized.ndjson" ] || sh "$EQ_TOP/scripts/demo.sh" 2>/dev/null
}

# examples PAGE: "cmd<TAB>expected-line" pairs, one per output line
examples() {
	awk '/^\.EX/ { on = 1; next } /^\.EE/ { on = 0; next }
		on { gsub(/\\e/, "\\"); gsub(/\\-/, "-"); print }' "$1"
}

run_examples() {
	local page=$1 n=0 cmd="" want="" got
	cd "$EQ_TOP"
	while IFS= read -r line; do
		if [[ "$line" == '$ '* ]]; then
			if [ -n "$cmd" ]; then
				got=$(sh -c "$cmd" 2>/dev/null)
				[ "$got" = "$want" ] || { echo "$page: $cmd"; diff <(echo "$want") <(echo "$got"); return 1; }
				n=$((n + 1))
			fi
			cmd=${line#\$ } want=""
		else
			want=${want:+$want$'\n'}$line
		fi
	done < <(examples "$page"; echo '$ ')
	[ "$n" -gt 0 ]
}

@test "eq-ingest(1) examples" { run_examples man/eq-ingest.1; }
@test "eq-normalize(1) examples" { run_examples man/eq-normalize.1; }
@test "eq-isbs(1) examples" { run_examples man/eq-isbs.1; }
@test "eq-lowres(1) examples" { run_examples man/eq-lowres.1; }
@test "eq-objectivity(1) examples" { run_examples man/eq-objectivity.1; }

@test "manual pages render without warnings" {
	for p in "$EQ_TOP"/man/*.[17]; do
		run sh -c "LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l '$p' 2>&1 >/dev/null"
		[ -z "$output" ] || { echo "$p: $output"; return 1; }
	done
	# no control character in a source (a form feed once stood for \f and
	# rendered as a stray letter, which man does not warn about)
	run ! grep -lP '[\x00-\x08\x0b\x0c\x0e-\x1f]' "$EQ_TOP"/man/*.[17]
}

@test "--help names every option the manual documents" {
	for prog in eq-ingest eq-normalize eq-isbs eq-lowres eq-objectivity eq-recommend eq-summarize eq-report; do
		for opt in $(grep -o '^\.B[IR]* \\-\\-[a-z-]*' "$EQ_TOP/man/$prog.1" | sed 's/.*\\-\\-/--/' | sort -u); do
			"$prog" --help | grep -q -- "$opt" || { echo "$prog --help lacks $opt"; return 1; }
		done
	done
}
@test "eq-recommend(1) examples" { run_examples man/eq-recommend.1; }
@test "eq-report(1) examples" { run_examples man/eq-report.1; }
@test "eq-summarize(1) examples" { run_examples man/eq-summarize.1; }
