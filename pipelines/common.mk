# common.mk: what every reporting cycle shares. Each target is written to
# TARGET.tmp (its rejects to TARGET.rejects.tmp) and renamed when complete,
# so an interrupted run never leaves a result that looks complete; a failed
# recipe's target is deleted (.DELETE_ON_ERROR) and a pipeline fails when any
# of its filters does (pipefail). Distinct targets never share a file: make -j
# is safe.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDARY:

EQROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
# the source tree (schemas/, bin/) or an installation (PREFIX/share/eq holds
# the reference data beside pipelines/, the filters are in PREFIX/bin)
EQDATA := $(if $(wildcard $(EQROOT)/schemas/ref),$(EQROOT)/schemas,$(EQROOT))
EQ     ?= $(if $(wildcard $(EQROOT)/bin/eq-ingest),$(EQROOT)/bin,$(abspath $(EQROOT)/../../bin))
ALLOW_REJECTED ?= 0
RUN    := ALLOW_REJECTED=$(ALLOW_REJECTED) sh $(EQROOT)/pipelines/ok

# make names files by words: a space in a directory cannot be named
ifneq ($(words $(DATA) $(OUT)),2)
$(error DATA="$(DATA)" OUT="$(OUT)": a directory with a space in its name cannot be used by make; rename or link it)
endif
# one run at a time into an OUT: a second would interleave its files with
# the first's (the lock is held until this make exits)
ifneq ($(MAKECMDGOALS),clean)
EQ_LOCK := $(shell mkdir -p '$(OUT)' && sh '$(EQROOT)/pipelines/lock' '$(OUT)/.eq-lock' $$PPID)
ifneq ($(EQ_LOCK),ok)
$(error $(OUT): another eq run is writing here now ($(OUT)/.eq-lock); wait for it to end, or give another OUT)
endif
endif
RULES  ?= $(EQDATA)/ref/recommendations.tsv
# reference data the analytic filters read (the catalogue only eq-recommend)
REF    := $(filter-out %/recommendations.tsv,$(wildcard $(EQDATA)/ref/*.tsv))
INGEST_DEPS = $(EQ)/eq-ingest $(EQDATA)/ref/columns.tsv $(EQDATA)/ref/values.tsv
BY     ?= region
# the year to report: PERIOD when it is one, else the latest in the data
YEAR   ?= $(shell echo '$(PERIOD)' | grep -Eo '^20[0-9][0-9]$$')
YEAROPT = $(if $(YEAR),--year $(YEAR))

# Rejects first (kept only when there are some), then the target: a target
# exists only when it is complete. TARGET.STAGE-rejects.tmp becomes
# BASE.STAGE-rejects.ndjson (BASE: the target less its suffix).
define commit_as
@for r in $(1).*rejects.tmp; do [ -e "$$r" ] || continue; \
	dst=$(basename $(1)).$${r#$(1).}; dst=$${dst%.tmp}.ndjson; \
	if [ -s "$$r" ]; then mv -f "$$r" "$$dst"; else rm -f "$$r" "$$dst"; fi; done; \
mv -f $(1).tmp $(1)
endef
commit = $(call commit_as,$@)

# The signs: ИСБШ and ШНСУ, ШНОР and the risk zone, non-objectivity, in one
# pipe; $(call find_signs,TARGET) names the rejects files after TARGET.
find_signs = $(RUN) $(EQ)/eq-isbs --rejects $(1).isbs-rejects.tmp | \
	$(RUN) $(EQ)/eq-lowres --rejects $(1).lowres-rejects.tmp | \
	$(RUN) $(EQ)/eq-objectivity --by $(BY) --rejects $(1).rejects.tmp
FINDERS = $(REF) $(EQ)/eq-isbs $(EQ)/eq-lowres $(EQ)/eq-objectivity

# $(call dataset,NAME,DATADIR,OUTDIR[,FINDINGS]): OUTDIR/normalized.ndjson
# from the exports DATADIR/manifest.tsv lists, in the manifest's order. With
# FINDINGS, the findings of those records too, from the same pipe (a region
# analysed alone: the signs start as the first records are normalised).
define dataset
include $(3)/ingest.mk
$(3)/ingest.mk: $(2)/manifest.tsv $(EQROOT)/pipelines/ingest-rules.awk
	@mkdir -p $$(@D)
	awk -v data='$(2)' -v out='$(3)' -v set='$(1)' -f $(EQROOT)/pipelines/ingest-rules.awk $$< > $$@.tmp
	mv -f $$@.tmp $$@
ifeq ($(4),)
$(3)/normalized.ndjson: $$(INGESTED_$(1)) $(REF) $(EQ)/eq-normalize
	cat $$(INGESTED_$(1)) | $(RUN) $(EQ)/eq-normalize --rejects $$@.rejects.tmp > $$@.tmp
	$$(commit)
else
$(3)/normalized.ndjson $(4) &: $$(INGESTED_$(1)) $(EQ)/eq-normalize $(FINDERS)
	cat $$(INGESTED_$(1)) | $(RUN) $(EQ)/eq-normalize --rejects $(3)/normalized.ndjson.rejects.tmp | \
	    tee $(3)/normalized.ndjson.tmp | $(call find_signs,$(4)) > $(4).tmp
	$$(call commit_as,$(3)/normalized.ndjson)
	$$(call commit_as,$(4))
endif
endef

# $(call findings,IN...,OUTDIR): OUTDIR/findings.ndjson, the signs of the
# records IN (the municipalities of a region together: a school is compared
# with its region).
define findings
$(2)/findings.ndjson: $(1) $(FINDERS)
	@mkdir -p $$(@D)
	cat $(1) | $(call find_signs,$$@) > $$@.tmp
	$$(commit)
endef

# $(call recommend,OUTDIR): from OUTDIR/findings.ndjson the recommendations
# and indicators (records), then the same with each school's pupils replaced
# by their sums (summaries): the reports read the sums, not the pupils
# (thousands of records, not millions), summarised as eq-recommend writes.
define recommend
$(1)/records.ndjson $(1)/summaries.ndjson &: $(1)/findings.ndjson $(RULES) $(EQ)/eq-recommend $(EQ)/eq-summarize
	$(RUN) $(EQ)/eq-recommend $(YEAROPT) --rules $(RULES) --rejects $(1)/records.ndjson.rejects.tmp $$< | \
	    tee $(1)/records.ndjson.tmp | \
	    $(RUN) $(EQ)/eq-summarize --rejects $(1)/summaries.ndjson.rejects.tmp > $(1)/summaries.ndjson.tmp
	$$(call commit_as,$(1)/records.ndjson)
	$$(call commit_as,$(1)/summaries.ndjson)
endef

# $(call render,RECORDS,OUTDIR/NAME,eq-report options,more prerequisites,LISTS):
# NAME.html, NAME.md and, for each word LIST.EXT of LISTS (schools.csv,
# tasks.xlsx), the list NAME-LIST.EXT, from one reading of the records
# (eq-report writes each as .tmp and renames them all when complete).
define render
$(2).html $(2).md $(foreach l,$(5),$(2)-$(l)) &: $(1) $(4) $(EQ)/eq-report
	$(RUN) $(EQ)/eq-report $(YEAROPT) $(3) -o $(2).html -o $(2).md $(foreach l,$(5),-o $(basename $(l)):$(2)-$(l)) $$<
endef
