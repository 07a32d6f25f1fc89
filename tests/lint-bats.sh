#!/bin/sh
# A bats assertion written as a bare "! cmd" is ignored by set -e unless it is
# the test's last command, so it can never fail: refuse every such line (use
# "run ! cmd", "[ ... ]" or "|| false"). Prints the offending lines; the exit
# status is the verdict.
cd "$(dirname "$0")" || exit 3
bad=$(grep -n -E '^[[:space:]]*![[:space:]]' ./*.bats | grep -v -E '\|\|[[:space:]]*false[[:space:]]*$')
if [ -n "$bad" ]; then
	echo "bare '!' assertions (they assert nothing):"
	echo "$bad"
	exit 1
fi
exit 0
