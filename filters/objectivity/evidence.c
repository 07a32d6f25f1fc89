/* evidence.c: the parts of each school's evidence, pooled, combined into
 * the score, and written with the record. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evidence-kinds.h"

static const struct evidence_module *const modules[NEVIDENCE] = {
	[EV_PATTERN] = &ev_pattern, [EV_BOUNDARY] = &ev_boundary, [EV_SPREAD] = &ev_spread,
	[EV_MARKS] = &ev_marks, [EV_EXTERNAL] = &ev_external, [EV_COHORT] = &ev_cohort,
	[EV_MEDALS] = &ev_medals, [EV_OLYMPIAD] = &ev_olympiad,
};

struct school_evidence {
	int year;
	struct surprise s[NEVIDENCE];
	double z[NEVIDENCE];  /* against the empirical null, by evidence_finish */
};
static struct strmap pools; /* school and year -> struct school_evidence */

static struct surprise *
pool_of(const char *school_id, int year, enum evidence_kind k)
{
	struct key key;
	struct school_evidence *e;

	key_of(&key, "sd", school_id, year);
	if (!(e = strmap_get(&pools, key.s, key.n))) {
		e = ecalloc(1, sizeof *e);
		e->year = year;
		strmap_put(&pools, key.s, key.n, e);
	}
	key_free(&key);
	return &e->s[k];
}

void
evidence_add(const char *school_id, int year, enum evidence_kind k, double dev, double var,
             double n, int window)
{
	for (int y = year; y <= year + !!window; y++)
		surprise_add(pool_of(school_id, y, k), dev, var, n);
}

void
evidence_runs(struct run r, const struct tasks *t)
{
	for (int k = 0; k < NEVIDENCE; k++)
		if (modules[k]->run)
			modules[k]->run(r, t);
}

static double
kind_z(const struct surprise *s, enum pooling p)
{
	if (!(s->var > 0))
		return NAN;
	switch (p) {
	case POOL_CHISQ:
		return norm_isf(fmax(chisq_sf(s->dev, (int)s->parts), 1e-300));
	case POOL_Z_SPARSE:
		return surprise_z_dense_or_sparse(s);
	default:
		return s->dev / sqrt(s->var);
	}
}

/* A school's evidence of a kind is pooled over procedures and years as if
 * they were independent; an honest school's trait (a homogeneous intake, a
 * way of teaching) repeats in each, and the pooled z's of honest schools
 * spread wider than N(0, 1). So each kind's z's of a year are read against
 * their empirical null (Efron 2004): centred on their median and scaled by
 * their MAD when that is wider than 1, from EMPIRICAL_NULL_MIN schools on. */
#define EMPIRICAL_NULL_MIN 50

static void
read_against_empirical_null(void)
{
	double *v = emalloc((pools.n ? pools.n : 1) * sizeof *v);
	int first = 0, last = -1;

	for (size_t i = 0; i < pools.cap; i++) {
		const struct school_evidence *e = pools.vals[i];
		if (pools.keys[i] && (last < first || e->year < first))
			first = e->year;
		if (pools.keys[i] && e->year > last)
			last = e->year;
	}
	for (int k = 0; k < NEVIDENCE; k++)
		for (int year = first; year <= last; year++) {
			size_t n = 0;
			double centre, scale;
			for (size_t i = 0; i < pools.cap; i++) {
				const struct school_evidence *e = pools.vals[i];
				if (pools.keys[i] && e->year == year && !isnan(e->z[k]))
					v[n++] = e->z[k];
			}
			if (!n)
				continue;
			empirical_null(v, n, EMPIRICAL_NULL_MIN, &centre, &scale);
			for (size_t i = 0; i < pools.cap; i++) {
				struct school_evidence *e = pools.vals[i];
				if (pools.keys[i] && e->year == year && !isnan(e->z[k]))
					e->z[k] = (e->z[k] - centre) / scale;
			}
		}
	free(v);
}

void
evidence_finish(void)
{
	for (int k = 0; k < NEVIDENCE; k++)
		if (modules[k]->finish)
			modules[k]->finish();
	for (size_t i = 0; i < pools.cap; i++) {
		struct school_evidence *e = pools.vals[i];
		if (pools.keys[i])
			for (int k = 0; k < NEVIDENCE; k++)
				e->z[k] = kind_z(&e->s[k], modules[k]->pooling);
	}
	read_against_empirical_null();
}

void
evidence_put(struct sbuf *b, const char *school_id, int year)
{
	struct key key;
	const struct school_evidence *e;
	double z[NEVIDENCE], scored[NEVIDENCE];
	int first = 1;

	key_of(&key, "sd", school_id, year);
	e = strmap_get(&pools, key.s, key.n);
	key_free(&key);
	for (int k = 0; k < NEVIDENCE; k++) {
		z[k] = e ? e->z[k] : NAN;
		scored[k] = modules[k]->scored ? z[k] : NAN;
	}
	sb_puts(b, ",\"score\":");
	jw_num(b, round(combine_one_sided(scored, NEVIDENCE) * 1000) / 1000);
	sb_puts(b, ",\"evidence\":[");
	for (int k = 0; k < NEVIDENCE; k++) {
		if (isnan(z[k]))
			continue;
		sb_puts(b, first ? "{\"evidence\":" : ",{\"evidence\":");
		first = 0;
		jw_str(b, modules[k]->name, strlen(modules[k]->name));
		sb_puts(b, ",\"z\":");
		jw_num(b, round(z[k] * 1000) / 1000);
		if (!modules[k]->scored)
			sb_puts(b, ",\"scored\":false");
		sb_puts(b, ",\"n\":");
		jw_num(b, e->s[k].n);
		sb_puts(b, ",\"parts\":");
		jw_num(b, e->s[k].parts);
		sb_putc(b, '}');
	}
	sb_putc(b, ']');
}

void
evidence_free(void)
{
	strmap_free(&pools, free);
	outside_levels_free();
}

size_t
kind_neighbours(size_t n)
{
	return n / 10 > 20 ? n / 10 : 20;
}

int
checked_in_school(const char *procedure)
{
	return strcmp(procedure, "OGE") != 0 && strcmp(procedure, "EGE") != 0 && strcmp(procedure, "GVE") != 0;
}
