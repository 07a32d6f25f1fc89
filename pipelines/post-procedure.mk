# The analysis after a ВПР/ОГЭ/ЕГЭ round (within 14 days): signs of
# non-objective results, score distributions, task completion.
#
#   make -f pipelines/post-procedure.mk PERIOD=2024-vpr DATA=data/2024-vpr OUT=out/2024-vpr
#
# DATA/manifest.tsv lists the round's exports and the schools (and, for the
# signs that read them, last year's results, observation, medalists,
# olympiads). Outputs in OUT: normalized.ndjson, objectivity.ndjson,
# report.html, report.md, report-tasks.csv.
PERIOD ?= latest
DATA   ?= data/$(PERIOD)
OUT    ?= out/$(PERIOD)
include $(dir $(lastword $(MAKEFILE_LIST)))common.mk

all: $(OUT)/report.html $(OUT)/report.md $(OUT)/report-tasks.csv
	@echo "eq: the analysis of $(PERIOD): $(OUT)/report.html" >&2

$(eval $(call dataset,all,$(DATA),$(OUT)))

$(OUT)/objectivity.ndjson: $(OUT)/normalized.ndjson $(REF) $(EQ)/eq-objectivity
	$(RUN) $(EQ)/eq-objectivity --by $(BY) --rejects $@.rejects.tmp $< > $@.tmp
	$(commit)

# the round is read for its signs alone: the other sections are left out on purpose
SIGNS_ONLY = --skip shnor,shnsu,risk,recommendations
$(eval $(call render,$(OUT)/objectivity.ndjson,$(OUT)/report,$(SIGNS_ONLY),,tasks.csv))

.PHONY: all
