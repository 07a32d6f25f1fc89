#!/bin/sh
# The main job on the bundled examples: ingest every export listed in
# examples/manifest.tsv, normalise, compute ИСБШ and ШНСУ, ШНОР and the
# risk group, the signs of non-objective results, the recommendations and
# the indicators. out/normalized.ndjson holds the validated input records,
# out/records.ndjson those and everything derived from them.
set -eu
bin=${EQ_BIN:-$(cd "$(dirname "$0")/.." && pwd)/bin}
cd "$(dirname "$0")/.."
out=${OUT:-out}
mkdir -p "$out"
tmp="$out/records.ndjson.tmp"
: > "$tmp"
status=0
while IFS='	' read -r file kind opts; do
	case $file in ''|'#'*) continue;; esac
	# opts holds quoted words ("subject=Русский язык"): let the shell split them
	eval "set -- $opts"
	"$bin/eq-ingest" --kind "$kind" "$@" "examples/$file" >> "$tmp" || status=$?
done < examples/manifest.tsv
# a pipeline: a stage's failure is caught through its status file
"$bin/eq-normalize" --rejects "$out/rejects.ndjson" "$tmp" > "$out/normalized.ndjson" || status=$?
"$bin/eq-isbs" --rejects "$out/rejects-isbs.ndjson" "$out/normalized.ndjson" |
	"$bin/eq-lowres" --rejects "$out/rejects-lowres.ndjson" |
	"$bin/eq-objectivity" --by municipality --rejects "$out/rejects-objectivity.ndjson" |
	"$bin/eq-recommend" --rejects "$out/rejects-recommend.ndjson" > "$out/records.ndjson" || status=$?
rm -f "$tmp"
echo "eq demo: $(wc -l < "$out/records.ndjson") records in $out/records.ndjson" >&2
jq -r '.type' "$out/records.ndjson" | sort | uniq -c | sed 's/^/  /' >&2
exit $status
