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
/* school and year -> its level checked outside it (ОГЭ/ЕГЭ of the year and
 * the year before), kept for the kinds that expect by it (ev-rates.c) */
static struct strmap outside;

/* The mean and pupil SD of a run's scores. */
static int
run_level(struct run r, double *mean, double *sd)
{
	double n = 0, sum = 0, sumsq = 0;

	for (size_t j = 0; j < r.n; j++)
		n += r.v[j]->n_score, sum += r.v[j]->sum, sumsq += r.v[j]->sumsq;
	if (n < 2 || !((*sd = sqrt((sumsq - sum * sum / n) / (n - 1))) > 0))
		return -1;
	*mean = sum / n;
	return 0;
}

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

static int
by_school_year_level(const void *pa, const void *pb)
{
	const struct level *a = pa, *b = pb;
	int c = by_school_then_year(a->school_id, a->year, b->school_id, b->year);

	return c ? c : a->grade - b->grade ? a->grade - b->grade : strcmp(a->subject, b->subject);
}

/* A difference of two levels of a school, and the comparison it belongs to
 * (its year; for a cohort, the later grade and the subject). */
struct pair {
	const char *school_id, *subject;
	int year, grade;
	double d, v, n;
};
static struct pair *pairs;
static size_t npairs;

static void
pair_add(struct pair p)
{
	pairs = erealloc(pairs, (npairs + 1) * sizeof *pairs);
	pairs[npairs++] = p;
}

static int
by_comparison(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->year != b->year)
		return a->year - b->year;
	return a->grade != b->grade ? a->grade - b->grade : strcmp(a->subject, b->subject);
}

/* Each comparison's differences against their honest spread (of at least
 * MIN_GROUP schools); squared: a two-sided z, for chi-square pooling. */
static void
calibrate_pairs(enum evidence_kind k, int squared)
{
	double *d = emalloc((npairs ? npairs : 1) * sizeof *d), *v = emalloc((npairs ? npairs : 1) * sizeof *v);
	double *z = emalloc((npairs ? npairs : 1) * sizeof *z);

	if (npairs)
		qsort(pairs, npairs, sizeof *pairs, by_comparison);
	for (size_t i = 0, j; i < npairs; i = j) {
		for (j = i; j < npairs && by_comparison(&pairs[i], &pairs[j]) == 0; j++)
			d[j - i] = pairs[j].d, v[j - i] = pairs[j].v;
		if (j - i < MIN_GROUP)
			continue;
		calibrated_z(d, v, j - i, z);
		for (size_t m = i; m < j; m++)
			evidence_add(pairs[m].school_id, pairs[m].year, k,
			             squared ? z[m - i] * z[m - i] : z[m - i], 1, pairs[m].n, 0);
	}
	free(d), free(v), free(z);
	npairs = 0;
}

/* ВПР against ОГЭ/ЕГЭ: per school and year Y, the levels of Y - 1 and Y,
 * each side weighted by its pupils; levels is sorted by school and year */
static void
external(void)
{
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
			if (sn[0] >= 1) {
				struct key key;
				double *u = emalloc(sizeof *u);
				*u = su[0] / sn[0];
				key_of(&key, "sd", levels[i].school_id, year);
				strmap_put(&outside, key.s, key.n, u);
				key_free(&key);
			}
			if (sn[0] >= 1 && sn[1] >= 1)
				pair_add((struct pair){ levels[i].school_id, "", year, 0, su[1] / sn[1] - su[0] / sn[0],
					1 / sn[1] + 1 / sn[0], sn[0] + sn[1] });
		}
	}
	calibrate_pairs(EV_EXTERNAL, 0);
}

/* grade g in Y - 1 against grade g + 1 in Y, the same subject, ВПР */
static void
cohort(void)
{
	for (size_t i = 0; i < nlevels; i++) {
		const struct level *b = &levels[i];
		if (!b->inside)
			continue;
		/* levels are sorted by school, year, grade, subject */
		for (size_t k = i; k-- > 0 && strcmp(levels[k].school_id, b->school_id) == 0;) {
			const struct level *a = &levels[k];
			if (a->year < b->year - 1)
				break;
			if (a->inside && a->year == b->year - 1 && a->grade == b->grade - 1 && strcmp(a->subject, b->subject) == 0)
				pair_add((struct pair){ b->school_id, b->subject, b->year, b->grade, a->u - b->u,
					a->v + b->v, a->n + b->n });
		}
	}
	calibrate_pairs(EV_COHORT, 1);
}

/* both comparisons read the levels of every run, then let them go */
static void
levels_finish(void)
{
	if (nlevels)
		qsort(levels, nlevels, sizeof *levels, by_school_year_level);
	external();
	cohort();
	free(levels);
	free(pairs);
	levels = NULL, pairs = NULL;
	nlevels = 0;
}

int
outside_level(const char *school_id, int year, double *u)
{
	struct key key;
	const double *v;

	key_of(&key, "sd", school_id, year);
	v = strmap_get(&outside, key.s, key.n);
	key_free(&key);
	if (!v)
		return -1;
	*u = *v;
	return 0;
}

void
outside_levels_free(void)
{
	strmap_free(&outside, free);
}

const struct evidence_module ev_external = { "not_confirmed_outside", POOL_Z, 1, level_run, levels_finish };
const struct evidence_module ev_cohort = { "cohort_change", POOL_CHISQ, 1, NULL, NULL }; /* levels_finish */
