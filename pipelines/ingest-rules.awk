# Make rules that ingest the exports a data directory's manifest.tsv lists.
# Each line: file (relative to the directory), kind (an eq-ingest kind, or
# "records" for a file of eq records already), then eq-ingest options.
# awk -v data=DIR -v out=DIR -v set=NAME -f ingest-rules.awk DIR/manifest.tsv
BEGIN { FS = "\t"; n = 0 }
{ sub(/\r$/, "") }  # a manifest saved on Windows
/^#/ || /^[ \t]*$/ { next }
{
	file = $1; kind = $2; opts = ""
	for (i = 3; i <= NF; i++) opts = opts " " $i
	if (file ~ /[ :%#$\\]/ || file ~ /^\// || file ~ /\.\./) {
		printf "%s:%d: %s: file names may not have spaces, ':', '%%', '#', '$' or '..' " \
		       "(make cannot name them)\n", FILENAME, NR, file > "/dev/stderr"
		bad = 1; exit 1
	}
	if (kind == "") {
		printf "%s:%d: %s: no kind\n", FILENAME, NR, file > "/dev/stderr"
		bad = 1; exit 1
	}
	flat = file; gsub(/\//, "__", flat)
	target = out "/ingest/" flat ".ndjson"
	gsub(/\$/, "$$", opts)
	printf "INGESTED_%s += %s\n", set, target
	printf "%s: %s/%s %s/manifest.tsv $(INGEST_DEPS)\n", target, data, file, data
	printf "\t@mkdir -p $(@D)\n"
	if (kind == "records")
		printf "\tcp %s/%s $@.tmp\n", data, file
	else
		printf "\t$(RUN) $(EQ)/eq-ingest --kind %s%s --rejects $@.rejects.tmp %s/%s > $@.tmp\n",
		       kind, opts, data, file
	printf "\t$(commit)\n\n"
	n++
}
END {
	if (!bad && n == 0) {
		printf "%s: no exports listed\n", FILENAME > "/dev/stderr"
		exit 1
	}
}
