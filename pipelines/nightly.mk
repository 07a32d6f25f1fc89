# The nightly run over every municipality of a region: one output tree per
# municipality and the regional summary.
#
#   make -j2 -f pipelines/nightly.mk DATA=data/region OUT=out/nightly
#
# DATA has a directory per municipality, each with its manifest.tsv. The
# municipalities are ingested and normalised apart (in parallel with -j), then
# analysed together (the signs compare a school with its region), then each
# gets its report from the region's records. Outputs:
#   OUT/<dir>/normalized.ndjson, report.html, report.md, report-*.csv
#   OUT/region/findings.ndjson, records.ndjson, summaries.ndjson (the
#   records with pupils' rows replaced by their sums), summary.html, summary.md,
#   summary-{schools,indicators}.csv
DATA ?= data/region
OUT  ?= out/nightly
include $(dir $(lastword $(MAKEFILE_LIST)))common.mk

SPACED := $(shell cd '$(DATA)' 2>/dev/null && find . -mindepth 2 -maxdepth 2 -name manifest.tsv | sed -n 's|^\./\(.* .*\)/manifest\.tsv$$|«\1»|p')
ifneq ($(SPACED),)
$(error $(DATA): a municipality directory with a space in its name: $(SPACED); make cannot name it: rename it (reports take the municipality's name from the school records, not from the directory))
endif
MUNIS := $(sort $(patsubst $(DATA)/%/manifest.tsv,%,$(wildcard $(DATA)/*/manifest.tsv)))
ifeq ($(MUNIS),)
$(error $(DATA): no municipality directories with a manifest.tsv)
endif
LISTS = schools recommendations indicators
MUNI_OUT = $(foreach m,$(MUNIS),$(OUT)/$(m)/report.html $(OUT)/$(m)/report.md \
             $(LISTS:%=$(OUT)/$(m)/report-%.csv))
REGION_OUT = $(OUT)/region/summary.html $(OUT)/region/summary.md \
             $(OUT)/region/summary-schools.csv $(OUT)/region/summary-indicators.csv

all: $(MUNI_OUT) $(REGION_OUT)
	@echo "eq: $(words $(MUNIS)) municipalities in $(OUT)/*/report.html, the summary in $(OUT)/region/summary.html" >&2

$(foreach m,$(MUNIS),$(eval $(call dataset,$(m),$(DATA)/$(m),$(OUT)/$(m))))
$(eval $(call findings,$(MUNIS:%=$(OUT)/%/normalized.ndjson),$(OUT)/region))
$(eval $(call recommend,$(OUT)/region))

# A municipality's name is what its school records say (one name per directory).
$(OUT)/%/municipality.txt: $(OUT)/%/normalized.ndjson
	jq -r 'select(.type == "school") | .municipality' $< | sort -u > $@.tmp
	[ "$$(wc -l < $@.tmp)" -eq 1 ] || { echo "$(DATA)/$*: the schools name $$(wc -l < $@.tmp) municipalities, not one" >&2; exit 1; }
	$(commit)

# The regional summary and every municipality's report from one reading of
# the region's records (eq-report -o, each output in the scope of the
# --municipality before it); a municipality's name is read from its
# municipality.txt when the recipe runs.
MUNI_OUTPUTS = -o $(OUT)/$$m/report.html -o $(OUT)/$$m/report.md \
	$(foreach l,$(LISTS),-o $(l):$(OUT)/$$m/report-$(l).csv)
$(REGION_OUT) $(MUNI_OUT) &: $(OUT)/region/summaries.ndjson $(MUNIS:%=$(OUT)/%/municipality.txt) $(EQ)/eq-report
	munis=(); for m in $(MUNIS); do \
	    munis+=(--municipality "$$(cat $(OUT)/$$m/municipality.txt)" $(MUNI_OUTPUTS)); done; \
	$(RUN) $(EQ)/eq-report $(YEAROPT) -o $(OUT)/region/summary.html -o $(OUT)/region/summary.md \
	    -o schools:$(OUT)/region/summary-schools.csv -o indicators:$(OUT)/region/summary-indicators.csv \
	    "$${munis[@]}" $<

.PHONY: all
