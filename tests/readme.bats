#!/usr/bin/env bats
# The README's commands run exactly as written: after make install into a
# fresh PREFIX, in a directory holding only the examples and make demo's out/.

bats_require_minimum_version 1.5.0

setup() { cd "$BATS_TEST_TMPDIR"; }

# the indented block under a heading, continuation lines joined, comments out
block() {
	awk -v h="$1" '/^## / { on = ($0 == "## " h); next } on && /^    / { print substr($0, 5) }' "$EQ_TOP/README.md" |
		sed -e '/^#/d' | awk '{ if (sub(/\\$/, "")) { buf = buf $0; next } print buf $0; buf = "" }'
}

@test "the README's ad-hoc commands run as written, after make install" {
	make --no-print-directory -C "$EQ_TOP" install PREFIX="$PWD/prefix" OUT="$(basename "$EQ_BIN")" > /dev/null
	mkdir work && cd work
	ln -s "$EQ_TOP/examples" examples
	ln -s ../prefix/bin bin # what the README's PATH line names
	env -u EQ_DATADIR PATH="$PWD/../prefix/bin:/usr/bin:/bin" \
		make --no-print-directory -f ../prefix/share/eq/pipelines/annual.mk PERIOD=2024 DATA=examples OUT=out > /dev/null 2>&1
	block 'Ad-hoc use' > cmds.sh
	[ "$(grep -c . cmds.sh)" -ge 12 ]
	cat cmds.sh
	run env -u EQ_DATADIR PATH="/usr/bin:/bin" bash -euo pipefail cmds.sh
	echo "$output"
	[ "$status" -eq 0 ]
	# what the issue found: each ШНСУ school once, its index to one place
	shnsu=$(echo "$output" | grep -E '^ens[0-9]+ [0-9]+(\.[0-9])?$')
	[ -n "$shnsu" ]
	[ -z "$(echo "$shnsu" | cut -d' ' -f1 | sort | uniq -d)" ]
	[ "$(echo "$shnsu" | wc -l)" -eq "$(jq -r 'select(.type == "isbs" and .year == 2024 and .shnsu) | .school_id' out/records.ndjson | wc -l)" ]
	[ -s vpr.ndjson ] && [ -s ens.html ] && [ -s context.ndjson ]
}

@test "the README's pipeline commands name make files that exist, with the variables they read" {
	block 'Pipelines per reporting cycle' | grep '^make' > pipes
	[ "$(wc -l < pipes)" -ge 4 ]
	for f in $(grep -o 'pipelines/[a-z-]*\.mk' pipes | sort -u); do
		[ -f "$EQ_TOP/$f" ] || { echo "no $f"; false; }
		for v in DATA OUT; do grep -q "$v" "$EQ_TOP/$f" "$EQ_TOP/pipelines/common.mk"; done
	done
}
