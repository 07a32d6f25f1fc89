#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "ru.h"
#include "tsv.h"
#include "util.h"

struct entry {
	char *code, *name, *unit;
	double scale;   /* NAN: not shown as a number */
};
static struct entry *entries;
static size_t nentries;
static int loaded;

static void
row(const struct tsv_row *r, void *arg)
{
	(void)arg;
	entries = erealloc(entries, (nentries + 1) * sizeof *entries);
	entries[nentries++] = (struct entry){ estrdup(r->col[0]), estrdup(r->col[1]), estrdup(r->col[2]),
		strcmp(r->col[3], "-") == 0 ? NAN : tsv_num(r, 3) };
}

static const struct entry *
find(const char *code)
{
	if (!loaded) {
		tsv_each("ref/basis.tsv", 4, row, NULL);
		loaded = 1;
	}
	for (size_t i = 0; i < nentries; i++)
		if (strcmp(entries[i].code, code) == 0)
			return &entries[i];
	return NULL;
}

const char *
basis_name(const char *code)
{
	const struct entry *e = find(code);

	return e ? e->name : code;
}

char *
basis_value(char *buf, size_t size, const char *code, double v)
{
	const struct entry *e = find(code);
	double x;

	buf[0] = '\0';
	if (!e || isnan(e->scale) || !isfinite(v))
		return buf;
	x = v * e->scale;
	ru_num(buf, size, x, x == floor(x) ? 0 : e->scale == 100 ? 1 : 2);
	if (strcmp(e->unit, "-") != 0) {
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, " %s", e->unit);
	}
	return buf;
}

void
basis_free(void)
{
	for (size_t i = 0; i < nentries; i++)
		free(entries[i].code), free(entries[i].name), free(entries[i].unit);
	free(entries);
	entries = NULL, nentries = 0, loaded = 0;
}
