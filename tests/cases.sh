#!/bin/sh
# Regression cases as data: each directory of tests/cases holds
#   cmd      a shell command, run in that directory
#   expout   the expected stdout (required)
#   experr   the expected stderr (when present)
#   status   the expected exit status (0 when absent)
# Inputs live next to them. Prints "ok NAME"/"not ok NAME" and a count.
set -u
cd "$(dirname "$0")/cases" || exit 3
pass=0 fail=0
tmp=$(mktemp -d)
for d in */; do
	d=${d%/}
	[ -f "$d/cmd" ] || continue
	want=0
	[ -f "$d/status" ] && want=$(cat "$d/status")
	(cd "$d" && sh ./cmd > "$tmp/out" 2> "$tmp/err")
	got=$?
	ok=1
	if [ "$got" != "$want" ]; then
		echo "# $d: exit status $got, want $want"; ok=0
	fi
	if ! cmp -s "$tmp/out" "$d/expout"; then
		echo "# $d: stdout differs:"; diff "$d/expout" "$tmp/out" | head -20 | sed 's/^/#   /'; ok=0
	fi
	if [ -f "$d/experr" ] && ! cmp -s "$tmp/err" "$d/experr"; then
		echo "# $d: stderr differs:"; diff "$d/experr" "$tmp/err" | head -20 | sed 's/^/#   /'; ok=0
	fi
	if grep -q -e 'AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$tmp/err"; then
		echo "# $d: sanitizer report:"; head -20 "$tmp/err" | sed 's/^/#   /'; ok=0
	fi
	if [ $ok = 1 ]; then echo "ok $d"; pass=$((pass + 1)); else echo "not ok $d"; fail=$((fail + 1)); fi
done
rm -rf "$tmp"
echo "cases: $pass passed, $fail failed"
