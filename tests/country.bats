#!/usr/bin/env bats
# The country run: regions as shards with GNU parallel, on this machine and
# across two ssh "hosts" (an sshd started on a loopback port), then the merge.

bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_TMPDIR"
	command -v parallel > /dev/null || skip "GNU parallel is not installed (make deps installs it)"
}

teardown() {
	[ -s "$BATS_TEST_TMPDIR/sshd.pid" ] && kill "$(cat "$BATS_TEST_TMPDIR/sshd.pid")" 2> /dev/null || true
}

@test "country: regions as shards across two ssh hosts on loopback equal a sequential run; the merge adds the regions' numerators and denominators" {
	[ -x /usr/sbin/sshd ] || skip "openssh-server is not installed (make deps installs it)"
	ssh_cmd=$(sh "$EQ_TOP/scripts/sshd-loopback.sh" .)
	# two "hosts": parallel tells them by their login strings
	printf '1/%s %s@127.0.0.1\n1/%s %s@localhost\n' "$ssh_cmd" "$(id -un)" "$ssh_cmd" "$(id -un)" > hosts
	sh "$EQ_TOP/scripts/gen-country.sh" country 6 30 8
	run -0 sh "$EQ_TOP/pipelines/country" country out-ssh --sshloginfile hosts
	[[ "$output" == *"country: 6 regions"* ]] || false
	# both hosts ran jobs, over ssh
	[ "$(awk -F'\t' 'NR > 1 { print $2 }' out-ssh/jobs.tsv | sed 's/.* //' | sort -u | tr '\n' ' ')" = "$(id -un)@127.0.0.1 $(id -un)@localhost " ]
	# the same regions one after another, no parallel, no ssh
	for r in r01 r02 r03 r04 r05 r06; do
		make -s -f "$EQ_TOP/pipelines/annual.mk" DATA=country/$r OUT=out-seq/$r > /dev/null 2>&1
		cmp out-ssh/$r/records.ndjson out-seq/$r/records.ndjson
		cmp out-ssh/$r/report.md out-seq/$r/report.md
	done
	sh "$EQ_TOP/pipelines/country-merge" out-seq/r0?/records.ndjson > seq.ndjson
	cmp out-ssh/country.ndjson seq.ndjson
	# the merge by hand: the regions' ШНОР numerators and denominators added up
	n=$(cat out-seq/r0?/records.ndjson | jq -s '[.[] | select(.type == "indicator" and .level == "region" and .indicator == "shnor_share" and .year == 2024)] | [(map(.numerator) | add), (map(.denominator) | add), length] | @tsv' -r)
	[ "$(jq -r 'select(.indicator == "shnor_share" and .year == 2024) | [.numerator, .denominator, .regions] | @tsv' seq.ndjson)" = "$n" ]
	[ "$(echo "$n" | cut -f2)" -eq 180 ] # 6 regions of 30 schools
	"$EQ_TOOLS/tests/schema-check" "$EQ_DATADIR/types/derived/indicator.schema.json" < seq.ndjson
}

@test "country: a region that fails is named, the country is not merged, the other regions are done" {
	sh "$EQ_TOP/scripts/gen-country.sh" country 3 10 6
	echo '{"type":"result","year":' > country/r02/records.ndjson  # not JSON: its normalisation fails
	run -1 sh "$EQ_TOP/pipelines/country" country out -j 2
	[[ "$output" == *"country: regions that failed or did not run: r02"* ]] || false
	[ ! -e out/country.ndjson ]
	[ -s out/r01/summaries.ndjson ] && [ -s out/r03/summaries.ndjson ]
	# and the merge refuses a region without its indicators
	run -1 sh "$EQ_TOP/pipelines/country-merge" out/r01/summaries.ndjson country/r02/records.ndjson
	[[ "$output" == *"r02/records.ndjson: no regional indicators"* ]] || false
}

@test "country: no region directories, no parallel options to guess: exit 2 with a reason" {
	mkdir -p empty
	run -2 sh "$EQ_TOP/pipelines/country" empty out
	[[ "$output" == *"country: "*"empty: no region directories with a manifest.tsv"* ]] || false
	run -2 sh "$EQ_TOP/pipelines/country" empty
	[[ "$output" == *"usage: country DATA OUT"* ]] || false
	run -2 sh "$EQ_TOP/pipelines/country-merge"
	[[ "$output" == *"usage: country-merge FILE"* ]] || false
}
