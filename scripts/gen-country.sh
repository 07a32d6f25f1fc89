#!/bin/sh
# gen-country.sh DIR REGIONS SCHOOLS PUPILS: a generated country for the
# country run (pipelines/country): REGIONS directories DIR/rNN, each a region
# of SCHOOLS schools with about PUPILS pupils per school and procedure
# (tests/tools/gen-region, a seed of its own, its municipalities, context),
# as one file of records and a manifest.tsv that lists it.
set -eu
dir=$1 regions=$2 schools=$3 pupils=$4
gen=${EQ_TOOLS:-$(cd "$(dirname "$0")/.." && pwd)/build}/tests/gen-region
mkdir -p "$dir"
i=1
while [ "$i" -le "$regions" ]; do
	r=$(printf 'r%02d' "$i")
	mkdir -p "$dir/$r"
	"$gen" -s "$schools" -m $(( (schools + 24) / 25 )) -p "$pupils" -c -l 1 -r $((1000 + i)) |
		sed "s/\"Генерированная область\"/\"Область $i\"/" > "$dir/$r/records.ndjson"
	printf 'records.ndjson\trecords\n' > "$dir/$r/manifest.tsv"
	i=$((i + 1))
done
