/* partners.c: the region's evidence ranking, and a partner school for
 * every ШНОР school (then ШНСУ) whenever the region has one: a school with
 * high results or results above what its social conditions predict
 * (resilient), not ШНОР or ШНСУ itself, not high on the evidence ranking
 * nor flagged on anything but a high mean (a high ОГЭ/ЕГЭ mean is what good
 * teaching shows too). The school's own municipality first, then the
 * region; resilient first, then the nearest ИСБШ; a partner serves at most
 * PARTNER_LOAD schools. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jget.h"
#include "json.h"
#include "key.h"
#include "rank.h"
#include "recommend.h"
#include "ru.h"

static struct rank_index places;
static int ranked;

/* The ranking within the group eq-objectivity compared the school with
 * (its record's group: the region by default). */
static void
rank_region(void)
{
	struct ranked *v = emalloc((rc.nids + 1) * sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < rc.nids; i++) {
		const json_t *o = get(K_OBJECTIVITY, rc.ids[i], rc.year);
		double sc = o ? jnum(o, "score") : NAN;
		if (o)
			v[n++] = (struct ranked){ .group = jstr(o, "group"), .id = rc.ids[i], .score = isnan(sc) ? 0 : sc };
	}
	rank_index_build(&places, v, n);
	free(v);
	ranked = 1;
}

int
evidence_rank(const char *s, int *of)
{
	const struct ranked *p;

	if (!ranked)
		rank_region();
	if (!(p = rank_index_get(&places, s)))
		return 0;
	*of = p->of;
	return p->rank;
}

int
evidence_high(const char *s, double share)
{
	const struct ranked *p;

	if (!ranked)
		rank_region();
	if (!(p = rank_index_get(&places, s)))
		return 0;
	return p->score > 0 && p->rank <= (int)ceil(share * p->of - 1e-9);
}

/* flagged on a sign other than a high mean */
static int
flagged_beyond_mean(const char *s)
{
	const json_t *o = get(K_OBJECTIVITY, s, rc.year), *signs = o ? json_object_get(o, "signs") : NULL;

	if (!o || !jyes(o, "flagged"))
		return 0;
	for (size_t k = 0; k < json_array_size(signs); k++) {
		const json_t *g = json_array_get(signs, k);
		if (!jyes(g, "extended") && strcmp(jstr(g, "sign"), "mean_above_region") != 0)
			return 1;
	}
	return 0;
}

static int
candidate(const char *c)
{
	const json_t *l = get(K_LOWRES, c, rc.year), *i = get(K_ISBS, c, rc.year);

	if (!i || (l && jyes(l, "shnor")) || jyes(i, "shnsu") || evidence_high(c, EVIDENCE_TOP) ||
	    flagged_beyond_mean(c))
		return 0;
	return strcmp(jstr(i, "context_class"), "resilient") == 0 || jnum(i, "result_level") >= 0.5;
}

struct pairing {
	const char *partner;
	char *reason, *basis;
};
static struct strmap pairings;  /* school -> struct pairing */
static struct strmap loads;     /* partner -> size_t * */

static size_t
load_of(const char *c)
{
	const size_t *l = strmap_get(&loads, c, strlen(c));

	return l ? *l : 0;
}

/* How good a partner c is for s, smaller better: another municipality,
 * not resilient, ИСБШ distance (or the level, when s has no index). */
static double
distance(const char *s, const char *c)
{
	const json_t *si = get(K_ISBS, s, rc.year), *ci = get(K_ISBS, c, rc.year);
	double sx = si ? jnum(si, "isbs") : NAN, cx = jnum(ci, "isbs");
	double d = !isnan(sx) && !isnan(cx) ? fabs(sx - cx) : 100 - jnum(ci, "result_level");

	return (strcmp(municipality_of(s), municipality_of(c)) != 0) * 1e6 +
	       (strcmp(jstr(ci, "context_class"), "resilient") != 0) * 1e3 + (d < 999 ? d : 999);
}

static void
describe(const char *s, const char *c, struct pairing *p)
{
	const json_t *si = get(K_ISBS, s, rc.year), *ci = get(K_ISBS, c, rc.year);
	double sx = si ? jnum(si, "isbs") : NAN, cx = jnum(ci, "isbs");
	int same = strcmp(municipality_of(s), municipality_of(c)) == 0, resilient, of, rank;
	struct sbuf r = { 0 }, b = { 0 };
	char x[32], y[32];

	resilient = strcmp(jstr(ci, "context_class"), "resilient") == 0;
	if (!same)
		sb_printf(&r, "в муниципалитете «%s» подходящей школы нет, школа-партнёр — из муниципалитета «%s»; ",
		          municipality_of(s), municipality_of(c));
	sb_puts(&r, resilient ? "устойчивая школа: её результаты выше ожидаемых при её социальных условиях"
	                      : "школа с высокими результатами");
	sb_printf(&r, " (уровень результатов %s стандартного отклонения от среднего)",
	          ru_num(x, sizeof x, jnum(ci, "result_level"), 2));
	if (!isnan(cx) && !isnan(sx))
		sb_printf(&r, ", %s ИСБШ: %s против %s у %s", same ? "сходный" : "ближайший в регионе",
		          ru_num(x, sizeof x, cx, 1), ru_num(y, sizeof y, sx, 1), school_title(s));
	if ((rank = evidence_rank(c, &of)))
		sb_printf(&r, "; по совокупности признаков необъективности не входит в первые 10 %% школ региона "
		              "(место %d из %d)", rank, of);
	else
		sb_puts(&r, "; объективность её результатов не оценивалась");
	sb_putc(&r, '\0');
	sb_puts(&b, "{\"indicator\":\"partner\",\"value\":");
	jw_str(&b, c, strlen(c));
	sb_puts(&b, ",\"municipality\":");
	jw_str(&b, municipality_of(c), strlen(municipality_of(c)));
	sb_printf(&b, ",\"same_municipality\":%s,\"context_class\":", same ? "true" : "false");
	jw_str(&b, jstr(ci, "context_class"), strlen(jstr(ci, "context_class")));
	sb_puts(&b, ",\"result_level\":");
	jw_num(&b, jnum(ci, "result_level"));
	sb_puts(&b, ",\"isbs\":");
	isnan(cx) ? sb_puts(&b, "null") : jw_num(&b, cx);
	sb_puts(&b, ",\"school_isbs\":");
	isnan(sx) ? sb_puts(&b, "null") : jw_num(&b, sx);
	sb_printf(&b, ",\"threshold\":{\"result_level\":0.5,\"evidence_top\":%g,\"load\":%d},", EVIDENCE_TOP,
	          PARTNER_LOAD);
	put_source(&b, "isbs", c, rc.year, NULL);
	sb_putc(&b, '}');
	sb_putc(&b, '\0');
	p->partner = c, p->reason = r.s, p->basis = b.s;
}

struct needy {
	const char *id;
	int shnor;
	size_t near;   /* candidates in its own municipality */
};

static int
by_need(const void *pa, const void *pb)
{
	const struct needy *a = pa, *b = pb;

	if (a->shnor != b->shnor)
		return b->shnor - a->shnor;
	if (a->near != b->near)
		return a->near < b->near ? -1 : 1;
	return strcmp(a->id, b->id);
}

void
partners_assign(void)
{
	const char **cand = emalloc((rc.nids + 1) * sizeof *cand);
	struct needy *need = emalloc((rc.nids + 1) * sizeof *need);
	size_t nc = 0, nn = 0;

	for (size_t i = 0; i < rc.nids; i++) {
		const char *s = rc.ids[i];
		const json_t *l = get(K_LOWRES, s, rc.year), *is = get(K_ISBS, s, rc.year);
		int shnor = l && jyes(l, "shnor"), shnsu = is && jyes(is, "shnsu");
		if (candidate(s))
			cand[nc++] = s;
		else if (shnor || shnsu)
			need[nn++] = (struct needy){ s, shnor, 0 };
	}
	for (size_t i = 0; i < nn; i++)
		for (size_t k = 0; k < nc; k++)
			need[i].near += strcmp(municipality_of(need[i].id), municipality_of(cand[k])) == 0;
	if (nn)
		qsort(need, nn, sizeof *need, by_need);
	for (size_t i = 0; i < nn; i++) {
		const char *best = NULL;
		double bd = INFINITY;
		for (size_t k = 0; k < nc; k++) {
			double d;
			if (load_of(cand[k]) >= PARTNER_LOAD || strcmp(region_of(need[i].id), region_of(cand[k])) != 0)
				continue;
			if ((d = distance(need[i].id, cand[k])) < bd)
				bd = d, best = cand[k];
		}
		if (best) {
			struct pairing *p = ecalloc(1, sizeof *p);
			size_t *l = strmap_get(&loads, best, strlen(best));
			if (!l) {
				l = ecalloc(1, sizeof *l);
				strmap_put(&loads, best, strlen(best), l);
			}
			(*l)++;
			describe(need[i].id, best, p);
			strmap_put(&pairings, need[i].id, strlen(need[i].id), p);
		}
	}
	free(cand);
	free(need);
}

const char *
partner_of(const char *s, const char **reason, const char **basis)
{
	const struct pairing *p = strmap_get(&pairings, s, strlen(s));

	if (!p)
		return NULL;
	*reason = p->reason, *basis = p->basis;
	return p->partner;
}

static void
free_pairing(void *v)
{
	struct pairing *p = v;

	free(p->reason);
	free(p->basis);
	free(p);
}

void
partners_free(void)
{
	strmap_free(&pairings, free_pairing);
	strmap_free(&loads, free);
	rank_index_free(&places);
	ranked = 0;
}
