#include <stdlib.h>
#include <string.h>

#include "scales.h"
#include "tsv.h"
#include "util.h"

static struct scale *scales;
static size_t nscales;
static struct {
	char *subject;
	double min;
} *egemin;
static size_t negemin;
static int loaded;

static void
scale_row(const struct tsv_row *row, void *arg)
{
	struct scale s;

	(void)arg;
	s.year = (int)tsv_num(row, 0);
	s.procedure = estrdup(row->col[1]);
	s.subject = estrdup(row->col[2]);
	s.grade = (int)tsv_num(row, 3);
	s.min3 = tsv_num(row, 4);
	s.min4 = tsv_num(row, 5);
	s.min5 = tsv_num(row, 6);
	s.max = tsv_num(row, 7);
	if (!(0 < s.min3 && s.min3 < s.min4 && s.min4 < s.min5 && s.min5 <= s.max))
		tsv_die(row, "boundaries must rise: 0 < min3 < min4 < min5 <= max");
	for (size_t i = 0; i < nscales; i++)
		if (scales[i].year == s.year && scales[i].grade == s.grade &&
		    strcmp(scales[i].procedure, s.procedure) == 0 &&
		    strcmp(scales[i].subject, s.subject) == 0)
			tsv_die(row, "a second table for the same year, procedure, subject and grade");
	scales = erealloc(scales, (nscales + 1) * sizeof *scales);
	scales[nscales++] = s;
}

static void
egemin_row(const struct tsv_row *row, void *arg)
{
	(void)arg;
	egemin = erealloc(egemin, (negemin + 1) * sizeof *egemin);
	egemin[negemin].subject = estrdup(row->col[0]);
	egemin[negemin++].min = tsv_num(row, 1);
}

void
scales_load(void)
{
	if (loaded)
		return;
	loaded = 1;
	tsv_each("ref/scales.tsv", 8, scale_row, NULL);
	tsv_each("ref/ege_min.tsv", 2, egemin_row, NULL);
}

const struct scale *
scale_find(int year, const char *procedure, const char *subject, int grade)
{
	const struct scale *before = NULL, *earliest = NULL;

	for (size_t i = 0; i < nscales; i++) {
		const struct scale *s = &scales[i];

		if (s->grade != grade || strcmp(s->procedure, procedure) != 0 ||
		    strcmp(s->subject, subject) != 0)
			continue;
		if (s->year <= year && (!before || s->year > before->year))
			before = s;
		if (!earliest || s->year < earliest->year)
			earliest = s;
	}
	return before ? before : earliest;
}

int
scale_mark(const struct scale *s, double primary)
{
	return primary >= s->min5 ? 5 : primary >= s->min4 ? 4 : primary >= s->min3 ? 3 : 2;
}

double
ege_min_score(const char *subject)
{
	for (size_t i = 0; i < negemin; i++)
		if (strcmp(egemin[i].subject, subject) == 0)
			return egemin[i].min;
	return -1;
}
