# eq — GNU Make. `make` builds bin/; `make test`, `make demo` install what is
# missing first (Debian 12); `make install` honours PREFIX, DESTDIR, MANPREFIX.
.POSIX:
.SUFFIXES:

VERSION   = 0.1.0
PREFIX    = /usr/local
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/eq
MANPREFIX = $(PREFIX)/share/man

CC       = cc
CFLAGS   = -std=c11 -O2 -g -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CPPFLAGS = -D_GNU_SOURCE -Ilib -DDATADIR=\"$(DATADIR)\"
LDFLAGS  =
LDLIBS   = -lcsv -ljansson -lpcre2-8 -lzip -lexpat -lfreexl -lcrypto -lxlsxwriter -lm

FILTERS = eq-ingest eq-normalize eq-isbs eq-lowres eq-objectivity eq-recommend eq-summarize eq-report
LIBSRC  = $(wildcard lib/*.c)
LIBHDR  = $(wildcard lib/*.h)
B       = build
OUT     = bin
BIN     = $(FILTERS:%=$(OUT)/%)
TOOLS   = $(B)/tests/unit $(B)/tests/schema-check $(B)/tests/mutate $(B)/tests/gen-region $(B)/tests/gen-world \
          $(B)/tests/png-ink $(B)/tests/xls-cells $(B)/bench/gen-results

MO      = $(B)/locale/ru/LC_MESSAGES/eq.mo

all: $(BIN) $(TOOLS) $(MO)

# messages in Russian (GNU gettext): English msgids, po/ru.po; make po
# gathers the messages of the sources into po/eq.pot and merges ru.po
$(MO): po/ru.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ po/ru.po
XGETTEXT_KEYS = --keyword=tr --keyword=N_ --keyword=die:2 --keyword=weprintf:1 --keyword=warn_at:3 \
	--keyword=reject_line:6 --keyword=reject_row:6 --keyword=reject_file:4 --keyword=tsv_die:2 \
	--flag=die:2:c-format --flag=weprintf:1:c-format --flag=warn_at:3:c-format \
	--flag=reject_line:6:c-format --flag=reject_row:6:c-format --flag=reject_file:4:c-format \
	--flag=tsv_die:2:c-format
po:
	xgettext --from-code=UTF-8 --language=C $(XGETTEXT_KEYS) --package-name=eq \
	    --package-version=$(VERSION) -o po/eq.pot lib/*.c filters/*.c filters/*/*.c
	msgmerge --update --backup=none po/ru.po po/eq.pot

$(B)/lib/%.o: lib/%.c $(LIBHDR) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libeq.a: $(LIBSRC:lib/%.c=$(B)/lib/%.o)
	rm -f $@
	ar rcs $@ $^

$(OUT)/%: filters/%.c $(B)/libeq.a $(LIBHDR)
	@mkdir -p $(OUT)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libeq.a $(LDLIBS)

# a filter of several files keeps its parts in filters/NAME/ (NAME.h among
# them), eq-NAME.c being its driver
define several
$$(OUT)/eq-$(1): filters/eq-$(1).c $$(wildcard filters/$(1)/*.[ch]) $$(B)/libeq.a $$(LIBHDR)
	@mkdir -p $$(OUT)
	$$(CC) $$(CPPFLAGS) -Ifilters/$(1) $$(CFLAGS) $$(LDFLAGS) -o $$@ filters/eq-$(1).c \
	    $$(wildcard filters/$(1)/*.c) $$(B)/libeq.a $$(LDLIBS)
endef
$(foreach f,ingest objectivity recommend report,$(eval $(call several,$(f))))

$(B)/tests/%: tests/tools/%.c $(B)/libeq.a $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libeq.a $(LDLIBS)

# the screenshot check of the report test reads PNG with libpng
$(B)/tests/png-ink: tests/tools/png-ink.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -lpng

$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< -lm

# Installs what is missing (Debian packages, ajv from npm) once per checkout.
deps: $(B)/.deps
$(B)/.deps: scripts/deps.sh
	@mkdir -p $(B)
	sh scripts/deps.sh
	@touch $@

test: deps
	$(MAKE) all
	sh tests/run

# AddressSanitizer + UBSan build in build-san/, then the whole suite on it.
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SANENV   = EQ_BIN=$(CURDIR)/build-san/bin EQ_TOOLS=$(CURDIR)/build-san \
	ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87
sanitize: deps
	$(MAKE) B=build-san OUT=build-san/bin CC=clang LDFLAGS="$(SANFLAGS)" \
	    CFLAGS="-std=c11 -O1 -g -Wall -Wextra -Werror $(SANFLAGS)" all
	$(SANENV) sh tests/run
	$(SANENV) sh tests/fuzz.sh 150

# longer mutation fuzzing on the sanitizer build: make fuzz RUNS=5000
RUNS = 2000
fuzz: sanitize
	$(SANENV) sh tests/fuzz.sh $(RUNS)

# coverage-guided fuzzing (AFL++, ASan + UBSan) of the CSV and NDJSON readers:
# make fuzz-afl FUZZ_SECONDS=600 (each of three targets; crashes fail it and
# are kept in tests/fuzz/regress/, which the sanitizer suite replays)
FUZZ_SECONDS = 60
fuzz-afl: deps
	sh tests/fuzz-afl.sh $(FUZZ_SECONDS)

# valgrind over the suite's example runs (memcheck, leaks are errors)
valgrind: all
	EQ_VALGRIND=1 sh tests/run

demo: deps
	$(MAKE) all
	sh scripts/demo.sh

bench: deps
	$(MAKE) all
	sh bench/run
	sh bench/region
	sh bench/country

# the evidence ranking of eq-objectivity on generated worlds it was not
# built on (issue 13); EVAL_SEEDS to choose others
eval: all
	EQ_BIN=$(CURDIR)/$(OUT) EQ_TOOLS=$(CURDIR)/$(B) sh tests/eval-worlds.sh $(EVAL_SEEDS)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/types/derived $(DESTDIR)$(DATADIR)/ref \
	    $(DESTDIR)$(DATADIR)/pipelines $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man7
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/
	cp -f schemas/types/*.json $(DESTDIR)$(DATADIR)/types/
	cp -f schemas/types/derived/*.json $(DESTDIR)$(DATADIR)/types/derived/
	cp -f schemas/ref/*.tsv $(DESTDIR)$(DATADIR)/ref/
	cp -f pipelines/*.mk pipelines/*.awk pipelines/ok pipelines/lock pipelines/country \
	    pipelines/country-merge $(DESTDIR)$(DATADIR)/pipelines/
	mkdir -p $(DESTDIR)$(PREFIX)/share/locale/ru/LC_MESSAGES
	cp -f $(MO) $(DESTDIR)$(PREFIX)/share/locale/ru/LC_MESSAGES/eq.mo
	cp -f man/*.1 $(DESTDIR)$(MANPREFIX)/man1/
	cp -f man/*.7 $(DESTDIR)$(MANPREFIX)/man7/

uninstall:
	rm -f $(FILTERS:%=$(DESTDIR)$(BINDIR)/%) $(FILTERS:%=$(DESTDIR)$(MANPREFIX)/man1/%.1) \
	    $(DESTDIR)$(MANPREFIX)/man7/eq.7
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf bin build build-san build-afl build-afl.log out

.PHONY: all deps test sanitize fuzz fuzz-afl valgrind demo bench eval po install uninstall clean
