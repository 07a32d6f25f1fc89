# The annual identification (September): ИСБШ and ШНСУ, ШНОР and the risk
# zone, signs of non-objectivity, recommendations, indicators, the report.
#
#   make -f pipelines/annual.mk PERIOD=2024 DATA=data/2024 OUT=out/2024
#   make -f pipelines/annual.mk ... school SCHOOL=ens05    (one school's report)
#
# DATA/manifest.tsv lists the exports (file, kind, eq-ingest options).
# Outputs in OUT: normalized.ndjson, findings.ndjson, records.ndjson,
# summaries.ndjson (records with the pupils' rows replaced by their sums),
# report.html, report.md, report-{schools,recommendations,indicators}.csv
# and the same lists as .xlsx,
# and *.rejects.ndjson beside the target whose filter rejected records.
PERIOD ?= latest
DATA   ?= data/$(PERIOD)
OUT    ?= out/$(PERIOD)
include $(dir $(lastword $(MAKEFILE_LIST)))common.mk

LISTS  = schools recommendations indicators
REPORT = $(OUT)/report.html $(OUT)/report.md $(LISTS:%=$(OUT)/report-%.csv) $(LISTS:%=$(OUT)/report-%.xlsx)

all: $(REPORT)
	@echo "eq: the report of $(PERIOD): $(OUT)/report.html" >&2

$(eval $(call dataset,all,$(DATA),$(OUT),$(OUT)/findings.ndjson))
$(eval $(call recommend,$(OUT)))
$(eval $(call render,$(OUT)/summaries.ndjson,$(OUT)/report,,,$(LISTS:%=%.csv) $(LISTS:%=%.xlsx)))

# one school's report on request
school: $(OUT)/schools/$(SCHOOL).html
	@echo "eq: the report of school $(SCHOOL): $<" >&2
$(OUT)/schools/%.html: $(OUT)/summaries.ndjson $(EQ)/eq-report
	@mkdir -p $(@D)
	$(RUN) $(EQ)/eq-report $(YEAROPT) --school $* $< > $@.tmp
	$(commit)

.PHONY: all school
