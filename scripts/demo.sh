#!/bin/sh
# The main job on the bundled examples: the annual pipeline
# (pipelines/annual.mk) over examples/ — ingest every export listed in
# examples/manifest.tsv, normalise, ИСБШ and ШНСУ, ШНОР and the risk zone,
# the signs of non-objective results, recommendations and indicators, and
# the analytic report. OUT (default out/) then holds normalized.ndjson,
# records.ndjson, report.html, report.md and the lists (CSV and XLSX).
set -eu
cd "$(dirname "$0")/.."
out=${OUT:-out}
bin=${EQ_BIN:-$PWD/bin}
make --no-print-directory -f pipelines/annual.mk PERIOD=2024 DATA=examples OUT="$out" EQ="$bin"
echo "eq demo: $(wc -l < "$out/records.ndjson") records in $out/records.ndjson" >&2
jq -r '.type' "$out/records.ndjson" | sort | uniq -c | sed 's/^/  /' >&2
echo "eq demo: the report: $out/report.html (also report.md, report-*.csv, report-*.xlsx)" >&2
