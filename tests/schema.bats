#!/usr/bin/env bats
# eq's validator against ajv (the reference implementation of JSON Schema
# 2020-12) on hand-written records whose verdict is known.

bats_require_minimum_version 1.5.0

setup() {
	[ -d "$EQ_TOP/tests/ajv/node_modules/ajv" ] || skip "ajv not installed (make deps)"
	SCHEMAS=$EQ_TOP/schemas/types
}

# verdicts FILE SCHEMA: the expectations, eq's, and ajv's verdicts, one per line
check() {
	local file=$1 schema=$2
	jq -c --arg s "$schema" 'select((.schema // $s) == $s) | .record' "$file" > "$BATS_TEST_TMPDIR/rec"
	jq -r --arg s "$schema" 'select((.schema // $s) == $s) | .expect' "$file" > "$BATS_TEST_TMPDIR/want"
	"$EQ_TOOLS/tests/schema-check" "$SCHEMAS/$schema.schema.json" < "$BATS_TEST_TMPDIR/rec" | cut -d: -f1 > "$BATS_TEST_TMPDIR/eq"
	node "$EQ_TOP/tests/ajv/check.js" "$SCHEMAS/$schema.schema.json" < "$BATS_TEST_TMPDIR/rec" > "$BATS_TEST_TMPDIR/ajv"
	[ -s "$BATS_TEST_TMPDIR/want" ]
	diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/eq"
	diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/ajv"
}

@test "ajv accepts every schema in strict mode" {
	for s in "$SCHEMAS"/*.schema.json "$SCHEMAS"/derived/*.schema.json; do
		echo '{}' | node "$EQ_TOP/tests/ajv/check.js" "$s" > /dev/null
	done
}

@test "result: eq and ajv give the known verdicts" { check "$EQ_TOP/tests/schema/result.ndjson" result; }
@test "context: eq and ajv give the known verdicts" { check "$EQ_TOP/tests/schema/context.ndjson" context; }
@test "school: eq and ajv give the known verdicts" { check "$EQ_TOP/tests/schema/school.ndjson" school; }

@test "olympiad, medalist, observation, risk, task_scheme: known verdicts" {
	for s in olympiad medalist observation risk task_scheme; do
		check "$EQ_TOP/tests/schema/others.ndjson" "$s"
	done
}

@test "eq and ajv agree on every record of the example municipality" {
	sh "$EQ_TOP/scripts/demo.sh" 2>/dev/null
	for s in "$SCHEMAS"/*.schema.json; do
		t=$(basename "$s" .schema.json)
		jq -c --arg t "$t" 'select(.type == $t)' "$EQ_TOP/out/records.ndjson" > "$BATS_TEST_TMPDIR/rec"
		[ -s "$BATS_TEST_TMPDIR/rec" ] || continue
		"$EQ_TOOLS/tests/schema-check" "$s" < "$BATS_TEST_TMPDIR/rec" | cut -d: -f1 | sort | uniq -c > "$BATS_TEST_TMPDIR/eq"
		node "$EQ_TOP/tests/ajv/check.js" "$s" < "$BATS_TEST_TMPDIR/rec" | sort | uniq -c > "$BATS_TEST_TMPDIR/ajv"
		diff "$BATS_TEST_TMPDIR/eq" "$BATS_TEST_TMPDIR/ajv"
		run ! grep -q invalid "$BATS_TEST_TMPDIR/eq"
	done
}

@test "the validator refuses a schema keyword it does not implement" {
	echo '{"type":"object","propertyNames":{"pattern":"^a"}}' > "$BATS_TEST_TMPDIR/s.json"
	run "$EQ_TOOLS/tests/schema-check" "$BATS_TEST_TMPDIR/s.json" < /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"s.json: #/propertyNames: keyword not supported by eq's validator"* ]]
}

# the schema of a record type: what comes in (types/) or what a filter
# writes (types/derived/)
schema_of() { for s in "$SCHEMAS/$1.schema.json" "$SCHEMAS/derived/$1.schema.json"; do [ -f "$s" ] && echo "$s" && return; done; }

@test "every record the chain writes has a schema and is valid by it, in eq's validator and ajv alike" {
	cd "$BATS_TEST_TMPDIR"
	sh "$EQ_TOP/scripts/demo.sh" 2> /dev/null
	# a generated region over two cycles: last year's recommendations come back
	# as measure_effect records
	"$EQ_TOOLS/tests/gen-region" -s 120 -m 6 -c -r 3 -l 1 | eq-isbs | eq-lowres | eq-objectivity > region.ndjson
	eq-recommend --year 2023 region.ndjson | jq -c 'select(.type == "recommendation")' > last.ndjson
	cat region.ndjson last.ndjson | eq-recommend --year 2024 > cycle.ndjson
	[ "$(jq -r 'select(.type == "measure_effect") | .type' cycle.ndjson | wc -l)" -gt 0 ]
	cat "$EQ_TOP/out/records.ndjson" cycle.ndjson > all.ndjson
	types=$(jq -r '.type' all.ndjson | sort -u)
	echo "$types" | tr '\n' ' '
	for t in $types; do
		s=$(schema_of "$t")
		[ -n "$s" ] || { echo "no schema for $t"; false; }
		jq -c --arg t "$t" 'select(.type == $t)' all.ndjson > rec
		"$EQ_TOOLS/tests/schema-check" "$s" < rec | cut -d: -f1 | sort | uniq -c > eq
		node "$EQ_TOP/tests/ajv/check.js" "$s" < rec | sort | uniq -c > ajv
		echo "$t: $(cat eq)"
		diff eq ajv
		run ! grep -q invalid eq
	done
	# the derived types are all there
	for t in isbs isbs_model procedure_result lowres risk_profile objectivity objectivity_index task_completion recommendation measure_effect indicator source; do
		echo "$types" | grep -qx "$t"
	done
}

@test "a derived record whose field was renamed upstream is rejected with its line, not read as a default" {
	cd "$BATS_TEST_TMPDIR"
	printf '{"type":"objectivity","school_id":"S","year":2024,"signs":[],"is_flagged":true}\n' > in.ndjson
	run -1 --separate-stderr eq-recommend in.ndjson
	[[ $stderr == *'in.ndjson:1: objectivity: missing required field "flagged"'* ]]
}
