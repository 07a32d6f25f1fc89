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
$(eval $(call render,$(OUT)/region/summaries.ndjson,$(OUT)/region/summary,,,schools.csv indicators.csv))

# A municipality's name is what its school records say (one name per directory).
$(OUT)/%/municipality.txt: $(OUT)/%/normalized.ndjson
	jq -r 'select(.type == "school") | .municipality' $< | sort -u > $@.tmp
	[ "$$(wc -l < $@.tmp)" -eq 1 ] || { echo "$(DATA)/$*: the schools name $$(wc -l < $@.tmp) municipalities, not one" >&2; exit 1; }
	$(commit)

# each municipality's report from the region's records; its name is read
# from municipality.txt when the recipe runs
MUNI_NAME = --municipality "$$$$(cat $(OUT)/$(1)/municipality.txt)"
$(foreach m,$(MUNIS),$(eval $(call render,$(OUT)/region/summaries.ndjson,$(OUT)/$(m)/report,$(call MUNI_NAME,$(m)),$(OUT)/$(m)/municipality.txt,$(LISTS:%=%.csv))))

.PHONY: all
