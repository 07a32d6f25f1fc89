/* indicators.c: the municipal and regional indicators of SPEC §8, as
 * numerator, denominator and value; a denominator of 0 is no data (null),
 * never 0 %. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jget.h"
#include "json.h"
#include "recommend.h"
#include "rederive.h"
#include "ru.h"


enum ind { I_BASIC_1_4, I_BASIC_5_9, I_BASIC_10_11, I_NONOBJ, I_OBSERVED, I_OGE_MIN, I_EGE_MIN,
	I_SHNOR, I_SHNSU, I_OBJ_LEVEL, I_MEASURES, NIND };
static const struct {
	const char *code;
	double target; /* NAN: none */
} indicators[NIND] = {
	[I_BASIC_1_4] = { "basic_level_1_4", NAN }, [I_BASIC_5_9] = { "basic_level_5_9", NAN },
	[I_BASIC_10_11] = { "basic_level_10_11", NAN }, [I_NONOBJ] = { "nonobjective_vpr", NAN },
	[I_OBSERVED] = { "observation_coverage", NAN }, [I_OGE_MIN] = { "below_min_oge", 5 },
	[I_EGE_MIN] = { "below_min_ege", 5 }, [I_SHNOR] = { "shnor_share", NAN },
	[I_SHNSU] = { "shnsu_share", NAN }, [I_OBJ_LEVEL] = { "objectivity_level", NAN },
	[I_MEASURES] = { "measures_improved", NAN },
};

struct tally {
	double num[NIND], den[NIND];
};

static int
official_vpr_sign(const json_t *o)
{
	const json_t *signs = json_object_get(o, "signs");

	for (size_t k = 0; k < json_array_size(signs); k++) {
		const json_t *g = json_array_get(signs, k);
		if (!jyes(g, "extended") && strcmp(jstr(g, "procedure"), "VPR") == 0)
			return 1;
	}
	return 0;
}

static int
obligatory(const json_t *p, const char *procedure)
{
	const char *s = jstr(p, "subject");

	return strcmp(jstr(p, "procedure"), procedure) == 0 &&
	       (strcmp(s, "russian") == 0 || strcmp(s, "math") == 0 || strcmp(s, "math_base") == 0 ||
	        strcmp(s, "math_profile") == 0);
}

static void
tally_school(struct tally *t, const char *s)
{
	json_t *l = get(K_LOWRES, s, rc.year), *i = get(K_ISBS, s, rc.year), *o = get(K_OBJECTIVITY, s, rc.year);
	const struct observation *ob = observation_of(s, rc.year);
	double improved, known;

	if (ob) { /* only schools the reports speak of: no report is no data, not no observers */
		int any = 0;
		for (int k = 0; k < ob->n; k++)
			any |= ob->observed[k];
		t->den[I_OBSERVED]++, t->num[I_OBSERVED] += any;
	}
	if (effect_counts(s, &improved, &known) == 0)
		t->den[I_MEASURES] += known, t->num[I_MEASURES] += improved;
	if (l)
		t->den[I_SHNOR]++, t->num[I_SHNOR] += jyes(l, "shnor");
	if (i)
		t->den[I_SHNSU]++, t->num[I_SHNSU] += jyes(i, "shnsu");
	if (o) {
		t->den[I_NONOBJ]++, t->num[I_NONOBJ] += official_vpr_sign(o);
		t->den[I_OBJ_LEVEL]++, t->num[I_OBJ_LEVEL] += !jyes(o, "flagged");
	}
}

static void
tally_proc(struct tally *t, const json_t *p)
{
	double n = jnum(p, "n"), f = jnum(p, "n_fail");
	int g = jint(p, "grade");
	enum ind k = g <= 4 ? I_BASIC_1_4 : g <= 9 ? I_BASIC_5_9 : I_BASIC_10_11;

	if (!(n > 0) || isnan(f))
		return;
	t->den[k] += n, t->num[k] += n - f;
	if (obligatory(p, "OGE"))
		t->den[I_OGE_MIN] += n, t->num[I_OGE_MIN] += f;
	if (obligatory(p, "EGE"))
		t->den[I_EGE_MIN] += n, t->num[I_EGE_MIN] += f;
}

static void
put_indicators(const char *level, const char *group, const struct tally *t)
{
	struct sbuf b = { 0 };

	for (int k = 0; k < NIND; k++) {
		int first = 1;
		b.len = 0;
		sb_putc(&b, '{');
		jw_key(&b, &first, "type");
		sb_puts(&b, "\"indicator\"");
		jw_key(&b, &first, "level");
		jw_str(&b, level, strlen(level));
		jw_key(&b, &first, "group");
		jw_str(&b, group, strlen(group));
		jw_key(&b, &first, "year");
		jw_int(&b, rc.year);
		jw_key(&b, &first, "indicator");
		jw_str(&b, indicators[k].code, strlen(indicators[k].code));
		jw_key(&b, &first, "name");
		jw_str(&b, ru_name("indicator", indicators[k].code), strlen(ru_name("indicator", indicators[k].code)));
		jw_key(&b, &first, "numerator");
		jw_num(&b, t->num[k]);
		jw_key(&b, &first, "denominator");
		jw_num(&b, t->den[k]);
		jw_key(&b, &first, "value");
		if (t->den[k] > 0)
			jw_num(&b, round(1e4 * t->num[k] / t->den[k]) / 100);
		else
			sb_puts(&b, "null");
		jw_key(&b, &first, "unit");
		sb_puts(&b, "\"%\"");
		if (!isnan(indicators[k].target)) {
			jw_key(&b, &first, "target_max");
			jw_num(&b, indicators[k].target);
		}
		sb_puts(&b, "}\n");
		rederive_mark(b.s, b.len);
		fwrite(b.s, 1, b.len, stdout);
	}
	sb_free(&b);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The year's schools tallied by municipality or by region in one pass; the
 * groups written in name order. */
static void
indicators_by(const char *level, const char *(*group)(const char *))
{
	struct strmap tallies = { 0 };
	const char **gs = emalloc((rc.nids + 1) * sizeof *gs);
	size_t ng = 0;

	for (size_t i = 0; i < rc.nids; i++) {
		const char *g = group(rc.ids[i]);
		struct tally *t = strmap_get(&tallies, g, strlen(g));
		struct list ps = list_of(&rc.procs, rc.ids[i], rc.year);

		if (!t) {
			t = ecalloc(1, sizeof *t);
			strmap_put(&tallies, g, strlen(g), t);
			gs[ng++] = g;
		}
		tally_school(t, rc.ids[i]);
		for (size_t k = 0; k < ps.n; k++)
			tally_proc(t, ps.v[k]);
	}
	qsort(gs, ng, sizeof *gs, cmp_str);
	for (size_t g = 0; g < ng; g++)
		put_indicators(level, gs[g], strmap_get(&tallies, gs[g], strlen(gs[g])));
	strmap_free(&tallies, free);
	free(gs);
}

void
indicators_write(void)
{
	if (!rc.nids)
		return;
	indicators_by("municipality", municipality_of);
	indicators_by("region", region_of);
}
