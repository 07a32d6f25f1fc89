/* Evidence from a school's level (its mean in the run's pupil SDs, with a
 * sampling variance of 1 / n), in two comparisons whose honest spread is
 * learnt from the region's schools (median and MAD, less sampling):
 *   external  ВПР against ОГЭ/ЕГЭ of the same school, checked outside it,
 *             over the year and the year before (precision-weighted);
 *   cohort    the same subject's cohort a grade later, a year later, in
 *             either direction (an inflated year drops after it or rises
 *             into it): squared z's, chi-square over the cohorts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evidence-kinds.h"

struct level {
	char *school_id, *subject;
	int year, grade, inside;
	double u, v, n;
};
static struct level *levels;
static size_t nlevels;

static void
level_run(struct run r, const struct tasks *t)
{
	double mean, sd;

	(void)t;
	if (run_level(r, &mean, &sd) < 0)
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		if (a->n_score < 1)
			continue;
		levels = erealloc(levels, (nlevels + 1) * sizeof *levels);
		levels[nlevels++] = (struct level){ a->school_id, a->subject, a->year, a->grade,
			checked_in_school(a->procedure), (a->sum / a->n_score - mean) / sd, 1 / a->n_score, a->n_score };
	}
}

/* z's of d against the honest spread of the d's of the same comparison */
static void
calibrate(double *d, const double *v, size_t n, double *z)
{
	double *tmp = emalloc((n ? n : 1) * sizeof *tmp), med, scale, vmed, vs, tau2;

	memcpy(tmp, d, n * sizeof *tmp);
	robust_scale(tmp, n, &med, &scale);
	memcpy(tmp, v, n * sizeof *tmp);
	robust_scale(tmp, n, &vmed, &vs);
	tau2 = scale * scale - vmed;
	if (tau2 < 0)
		tau2 = 0;
	for (size_t i = 0; i < n; i++)
		z[i] = (d[i] - med) / sqrt(tau2 + v[i]);
	free(tmp);
}

static int
by_school_year_level(const void *pa, const void *pb)
{
	const struct level *a = pa, *b = pb;
	int c = by_school_then_year(a->school_id, a->year, b->school_id, b->year);

	return c ? c : a->grade - b->grade ? a->grade - b->grade : strcmp(a->subject, b->subject);
}

/* ВПР against ОГЭ/ЕГЭ: per school and year Y, levels of Y - 1 and Y */
struct pair {
	const char *school_id;
	int year;
	double d, v, n;
};

static int
by_pair_year(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	return by_school_then_year("", a->year, "", b->year);
}

static void cohort_finish(void);

/* both comparisons read the levels of every run, then let them go */
static void
external_finish(void)
{
	struct pair *p = NULL;
	size_t np = 0;

	if (nlevels)
		qsort(levels, nlevels, sizeof *levels, by_school_year_level);
	for (size_t i = 0, j; i < nlevels; i = j) { /* a school */
		for (j = i; j < nlevels && strcmp(levels[j].school_id, levels[i].school_id) == 0; j++)
			;
		for (size_t y = i; y < j; y++) {
			double su[2] = { 0 }, sn[2] = { 0 };
			int year = levels[y].year;
			if (y > i && levels[y - 1].year == year)
				continue; /* each year once */
			for (size_t k = i; k < j; k++)
				if (levels[k].year == year || levels[k].year == year - 1)
					su[levels[k].inside] += levels[k].u * levels[k].n, sn[levels[k].inside] += levels[k].n;
			if (sn[0] < 1 || sn[1] < 1)
				continue;
			p = erealloc(p, (np + 1) * sizeof *p);
			p[np++] = (struct pair){ levels[i].school_id, year, su[1] / sn[1] - su[0] / sn[0],
				1 / sn[1] + 1 / sn[0], sn[0] + sn[1] };
		}
	}
	/* calibrated within each year (p is in order of school, then year) */
	if (np)
		qsort(p, np, sizeof *p, by_pair_year);
	for (size_t i = 0, j; i < np; i = j) {
		double *d, *v, *z;
		for (j = i; j < np && p[j].year == p[i].year; j++)
			;
		if (j - i < MIN_GROUP)
			continue;
		d = emalloc((j - i) * sizeof *d), v = emalloc((j - i) * sizeof *v), z = emalloc((j - i) * sizeof *z);
		for (size_t k = i; k < j; k++)
			d[k - i] = p[k].d, v[k - i] = p[k].v;
		calibrate(d, v, j - i, z);
		for (size_t k = i; k < j; k++)
			evidence_add(p[k].school_id, p[k].year, EV_EXTERNAL, z[k - i], 1, p[k].n, 0);
		free(d), free(v), free(z);
	}
	free(p);
	cohort_finish();
}

/* grade g in Y - 1 against grade g + 1 in Y, the same subject, ВПР */
static void
cohort_finish(void)
{
	struct pair *p = NULL;
	struct level **kind = NULL; /* the later level of each pair, for its subject and grade */
	size_t np = 0;

	for (size_t i = 0; i < nlevels; i++) {
		const struct level *b = &levels[i];
		if (!b->inside)
			continue;
		/* levels are sorted by school, year, grade, subject */
		for (size_t k = i; k-- > 0 && strcmp(levels[k].school_id, b->school_id) == 0;) {
			const struct level *a = &levels[k];
			if (a->year < b->year - 1)
				break;
			if (!a->inside || a->year != b->year - 1 || a->grade != b->grade - 1 || strcmp(a->subject, b->subject))
				continue;
			p = erealloc(p, (np + 1) * sizeof *p);
			kind = erealloc(kind, (np + 1) * sizeof *kind);
			p[np] = (struct pair){ b->school_id, b->year, a->u - b->u, a->v + b->v, a->n + b->n };
			kind[np++] = &levels[i];
		}
	}
	/* calibrated within each subject, grade and year */
	{
		double *d = emalloc((np ? np : 1) * sizeof *d), *v = emalloc((np ? np : 1) * sizeof *v);
		double *z = emalloc((np ? np : 1) * sizeof *z);
		size_t *idx = emalloc((np ? np : 1) * sizeof *idx);
		char *done = ecalloc(np ? np : 1, 1);
		for (size_t i = 0; i < np; i++) {
			size_t m = 0;
			if (done[i])
				continue;
			for (size_t k = i; k < np; k++)
				if (!done[k] && kind[k]->year == kind[i]->year && kind[k]->grade == kind[i]->grade &&
				    strcmp(kind[k]->subject, kind[i]->subject) == 0)
					done[k] = 1, idx[m] = k, d[m] = p[k].d, v[m] = p[k].v, m++;
			if (m < MIN_GROUP)
				continue;
			calibrate(d, v, m, z);
			for (size_t k = 0; k < m; k++)
				evidence_add(p[idx[k]].school_id, p[idx[k]].year, EV_COHORT, z[k] * z[k], 1, p[idx[k]].n, 0);
		}
		free(d), free(v), free(z), free(idx), free(done);
	}
	free(p);
	free(kind);
	free(levels);
	levels = NULL;
	nlevels = 0;
}

const struct evidence_module ev_external = { "not_confirmed_outside", POOL_Z, 1, level_run, external_finish };
const struct evidence_module ev_cohort = { "cohort_change", POOL_CHISQ, 1, NULL, NULL }; /* external_finish */
