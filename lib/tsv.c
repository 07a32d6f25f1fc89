#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "text.h"
#include "i18n.h"
#include "tsv.h"
#include "util.h"

void
tsv_die(const struct tsv_row *row, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, tr(fmt), ap);
	va_end(ap);
	die(EQ_USAGE, "%s:%lu: %s", row->file, row->line, msg);
}

double
tsv_num(const struct tsv_row *row, size_t col)
{
	double v;
	int is_int;

	if (parse_number(row->col[col], strlen(row->col[col]), &v, &is_int) < 0)
		tsv_die(row, "column %zu: \"%s\" is not a number", col + 1, row->col[col]);
	return v;
}

void
tsv_each(const char *rel, size_t mincols,
         void (*fn)(const struct tsv_row *, void *), void *arg)
{
	/* shipped data is named relative to the data directory; a user's file
	 * (absolute, or ./ and ../) is taken as it is */
	int as_is = rel[0] == '/' || strncmp(rel, "./", 2) == 0 || strncmp(rel, "../", 3) == 0;
	char *path = as_is ? estrdup(rel) : eq_datapath(rel);
	struct input in;
	struct tsv_row row = { .file = path };
	char *line, *copy;
	size_t len;
	unsigned long nrows = 0;
	enum line_status st;

	if (in_open(&in, path, 0) < 0)
		exit(EQ_USAGE);
	while ((st = in_getline(&in, &line, &len)) != LINE_EOF) {
		row.line = in.lineno;
		if (st == LINE_TOO_LONG)
			tsv_die(&row, "line too long");
		if (len == 0 || line[0] == '#')
			continue;
		if (memchr(line, '\0', len) || !utf8_valid(line, len))
			tsv_die(&row, "not UTF-8 text");
		copy = estrndup(line, len);
		row.ncols = 0;
		for (char *p = copy, *tab;; p = tab + 1) {
			if (row.ncols == TSV_MAXCOLS)
				tsv_die(&row, "more than %d columns", TSV_MAXCOLS);
			row.col[row.ncols++] = p;
			if (!(tab = strchr(p, '\t')))
				break;
			*tab = '\0';
		}
		if (row.ncols < mincols)
			tsv_die(&row, "expected %zu tab-separated columns, found %zu", mincols, row.ncols);
		fn(&row, arg);
		free(copy);
		nrows++;
	}
	if (in.error)
		die(EQ_IO, "%s: read error", path);
	in_close(&in);
	if (!nrows) /* no reference data is optional: an empty file is a mistake */
		die(EQ_USAGE, "%s: no data rows (only blank lines and # comments)", path);
	free(path);
}

void
tsv_each_user(const char *path, size_t mincols, void (*fn)(const struct tsv_row *row, void *arg), void *arg)
{
	char *here = NULL;

	if (path[0] != '/' && strncmp(path, "./", 2) != 0 && strncmp(path, "../", 3) != 0) {
		here = emalloc(strlen(path) + 3);
		sprintf(here, "./%s", path);
		path = here;
	}
	tsv_each(path, mincols, fn, arg);
	free(here);
}
