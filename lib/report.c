#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "util.h"

static FILE *rejects_fp;
static const char *rejects_name;
static unsigned long nrejected;

struct warnkind {
	const char *fmt;
	unsigned long n;
};
static struct warnkind *warnkinds;
static size_t nwarnkinds;

void
report_open(const char *path)
{
	if (!path)
		return;
	if (!(rejects_fp = fopen(path, "w")))
		die(EQ_IO, "%s:", path);
	rejects_name = path;
}

static void
vreport(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	if (file && line)
		fprintf(stderr, "%s: %s:%lu: ", argv0, file, line);
	else if (file)
		fprintf(stderr, "%s: %s: ", argv0, file);
	else
		fprintf(stderr, "%s: ", argv0);
	vfprintf(stderr, tr(fmt), ap);
	fputc('\n', stderr);
}

/* A JSON string of text that may not be valid UTF-8 (rejected input). */
static void
jw_text(struct sbuf *b, const char *s, size_t n)
{
	struct sbuf t = { 0 };

	if (utf8_valid(s, n)) {
		jw_str(b, s, n);
		return;
	}
	utf8_sanitize(&t, s, n);
	jw_str(b, t.s, t.len);
	sb_free(&t);
}

/* 1 when s[0..n) is one JSON value in valid UTF-8. */
static int
json_text(const char *s, size_t n)
{
	json_t *v;

	if (memchr(s, '\0', n) || !utf8_valid(s, n) ||
	    !(v = json_loadb(s, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL)))
		return 0;
	json_decref(v);
	return 1;
}

/* Count the reject, show it, and start its NDJSON entry in b (or not). */
static int
reject_begin(struct sbuf *b, const char *file, unsigned long line,
             const char *fmt, va_list ap)
{
	char reason[1024];
	va_list aq;
	int first = 1;

	va_copy(aq, ap);
	vsnprintf(reason, sizeof reason, fmt, aq);
	va_end(aq);
	if (++nrejected <= REPORT_SHOWN)
		vreport(file, line, fmt, ap);
	if (!rejects_fp)
		return 0;
	sb_putc(b, '{');
	jw_key(b, &first, "file");
	jw_text(b, file, strlen(file));
	jw_key(b, &first, "line");
	jw_int(b, line);
	jw_key(b, &first, "reason");
	/* a reason cut by the buffer is cut at a character, not inside one */
	jw_text(b, reason, utf8_prefix(reason, strlen(reason), sizeof reason - 1));
	jw_key(b, &first, "record");
	return 1;
}

static void
reject_end(struct sbuf *b)
{
	sb_puts(b, "}\n");
	fwrite(b->s, 1, b->len, rejects_fp);
	sb_free(b);
}

void
reject_line(const char *file, unsigned long line, const char *rec, size_t len,
            int json_ok, const char *fmt, ...)
{
	struct sbuf b = { 0 };
	va_list ap;
	int on;

	va_start(ap, fmt);
	on = reject_begin(&b, file, line, fmt, ap);
	va_end(ap);
	if (!on)
		return;
	if (!rec)
		sb_puts(&b, "null");
	else if (json_ok && json_text(rec, len))
		sb_putn(&b, rec, len);
	else /* what is not JSON is kept as a string, so the file stays NDJSON */
		jw_text(&b, rec, len);
	reject_end(&b);
}

void
reject_row(const char *file, unsigned long line, char *const *cells,
           const size_t *lens, size_t ncells, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreject_row(file, line, cells, lens, ncells, fmt, ap);
	va_end(ap);
}

void
vreject_row(const char *file, unsigned long line, char *const *cells,
            const size_t *lens, size_t ncells, const char *fmt, va_list ap)
{
	struct sbuf b = { 0 };
	size_t i;

	if (!reject_begin(&b, file, line, fmt, ap))
		return;
	if (!cells) {
		sb_puts(&b, "null");
		reject_end(&b);
		return;
	}
	sb_putc(&b, '[');
	for (i = 0; i < ncells; i++) {
		if (i)
			sb_putc(&b, ',');
		if (!cells[i])
			sb_puts(&b, "null"); /* withheld: a personal column */
		else
			jw_text(&b, cells[i], lens[i]);
	}
	sb_putc(&b, ']');
	reject_end(&b);
}

void
reject_file(const char *file, unsigned long line, unsigned long nrows,
            const char *fmt, ...)
{
	struct sbuf b = { 0 };
	va_list ap;
	int on;

	va_start(ap, fmt);
	on = reject_begin(&b, file, line, fmt, ap);
	va_end(ap);
	nrejected += nrows > 1 ? nrows - 1 : 0;
	if (!on)
		return;
	sb_puts(&b, "null,\"rows\":");
	jw_int(&b, nrows ? nrows : 1);
	reject_end(&b);
}

void
warn_at(const char *file, unsigned long line, const char *fmt, ...)
{
	struct warnkind *k = NULL;
	va_list ap;
	size_t i;

	for (i = 0; i < nwarnkinds; i++)
		if (warnkinds[i].fmt == fmt)
			k = &warnkinds[i];
	if (!k) {
		warnkinds = erealloc(warnkinds, ++nwarnkinds * sizeof *warnkinds);
		k = &warnkinds[nwarnkinds - 1];
		k->fmt = fmt;
		k->n = 0;
	}
	if (++k->n > REPORT_SHOWN)
		return;
	va_start(ap, fmt);
	vreport(file, line, fmt, ap);
	va_end(ap);
}


int
report_finish(unsigned long in_count, const char *unit)
{
	size_t i;
	int status = nrejected ? EQ_REJECTED : EQ_OK;

	for (i = 0; i < nwarnkinds; i++)
		if (warnkinds[i].n > REPORT_SHOWN)
			weprintf("%lu more warnings like \"%s\" not shown",
			         warnkinds[i].n - REPORT_SHOWN, warnkinds[i].fmt);
	free(warnkinds);
	warnkinds = NULL;
	nwarnkinds = 0;
	if (nrejected) {
		char shown[96] = "";
		if (nrejected > REPORT_SHOWN)
			snprintf(shown, sizeof shown, tr(" (the first %d shown)"), REPORT_SHOWN);
		weprintf(rejects_fp ? N_("%lu %s read, %lu rejected%s") : N_("%lu %s read, %lu rejected%s; --rejects FILE keeps them"),
		         in_count, tr(unit), nrejected, shown);
	}
	if (rejects_fp && fshut(rejects_fp, rejects_name))
		status = EQ_IO;
	return status;
}
