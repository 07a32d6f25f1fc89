/* school.c: a school's findings of the year, each turned into the measures
 * the catalogue names, with the pupils it rests on. A finding on fewer than
 * --min-n pupils calls for no measure (a share of a few pupils is chance),
 * unless the school's grades of a procedure together reach it (pooled, and
 * said so). Missing data calls for nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jget.h"
#include "json.h"
#include "recommend.h"
#include "ru.h"
#include "schools.h"

const char *
school_title(const char *id)
{
	const char *n = school_name(id);

	return n ? n : id;
}

const char *
municipality_of(const char *id)
{
	const char *m = school_group(id, BY_MUNICIPALITY);

	return m ? m : "unknown";
}

const char *
region_of(const char *id)
{
	const char *r = school_group(id, BY_REGION);

	return r ? r : "unknown";
}

char *
ru_pupils(char *buf, size_t size, double n)
{
	long k = (long)n;
	const char *w = k % 10 == 1 && k % 100 != 11 ? "участник"
	              : k % 10 >= 2 && k % 10 <= 4 && (k % 100 < 12 || k % 100 > 14) ? "участника" : "участников";

	snprintf(buf, size, "%ld %s", k, w);
	return buf;
}

void
put_source(struct sbuf *b, const char *type, const char *school, int y, const json_t *proc)
{
	sb_printf(b, "\"source\":{\"type\":\"%s\",\"school_id\":", type);
	jw_str(b, school, strlen(school));
	sb_printf(b, ",\"year\":%d", y);
	if (proc) {
		sb_puts(b, ",\"procedure\":");
		jw_str(b, jstr(proc, "procedure"), strlen(jstr(proc, "procedure")));
		sb_puts(b, ",\"subject\":");
		jw_str(b, jstr(proc, "subject"), strlen(jstr(proc, "subject")));
		sb_printf(b, ",\"grade\":%d", jint(proc, "grade"));
	}
	sb_putc(b, '}');
}

static const char *
cstr(struct sbuf *b)
{
	sb_grow(b, 1);
	b->s[b->len] = '\0';
	return b->s;
}

/* "математика, ВПР, 5 класс" */
static void
proc_words(struct sbuf *b, const char *procedure, const char *subject, int grade)
{
	char s[160];

	sb_printf(b, "%s, %s, %d класс", ru_lower_first(s, sizeof s, ru_name("subject", subject)),
	          ru_name("procedure", procedure), grade);
}

static enum audience
teachers_of(int grade)
{
	return grade >= 1 && grade <= 4 ? A_PRIMARY : A_TEACHERS;
}

/* ---- ШНОР, ШНСУ, partner ---- */

static void
shnor(const char *s, struct vars *v)
{
	json_t *l = get(K_LOWRES, s, rc.year);
	const json_t *c, *low;
	struct sbuf t = { 0 }, b = { 0 };
	char x[96], y[64];
	double n = 0;

	if (!l || !jyes(l, "shnor"))
		return;
	c = json_object_get(l, "criteria"), low = json_object_get(l, "low_procedures");
	for (size_t k = 0; k < json_array_size(c); k++) {
		int crit = (int)json_integer_value(json_array_get(c, k));
		sb_puts(&t, k ? "; " : "");
		if (crit == 1)
			sb_printf(&t, "низкие результаты не менее чем по двум процедурам %d г.", rc.year);
		else
			sb_printf(&t, "низкие результаты в %d и %d гг.", rc.year - 1, rc.year);
	}
	set(v, "criteria", cstr(&t));
	t.len = 0;
	for (size_t k = 0; k < json_array_size(low); k++) {
		const json_t *p = json_array_get(low, k);
		double pn = jnum(p, "n");
		sb_puts(&t, k ? "; " : "");
		proc_words(&t, jstr(p, "procedure"), jstr(p, "subject"), jint(p, "grade"));
		sb_printf(&t, ", %d г.: ", jint(p, "year"));
		if (pn >= rc.min_n)
			sb_printf(&t, "доля «2» %s (%s)", ru_pct(x, sizeof x, jnum(p, "share_fail")), ru_pupils(y, sizeof y, pn));
		else
			sb_printf(&t, "%s, доля не приводится", ru_pupils(y, sizeof y, pn));
		n += isnan(pn) ? 0 : pn;
	}
	set(v, "procedures", cstr(&t));
	set(v, "threshold", ru_pct(x, sizeof x, jnum(l, "threshold")));
	sb_puts(&b, "{\"indicator\":\"shnor\",\"value\":true,\"threshold\":");
	jw_num(&b, jnum(l, "threshold"));
	sb_puts(&b, ",\"n\":");
	jw_num(&b, n);
	sb_puts(&b, ",\"criteria\":");
	jw_value(&b, c);
	sb_puts(&b, ",\"low_procedures\":");
	jw_value(&b, low);
	sb_putc(&b, ',');
	put_source(&b, "lowres", s, rc.year, NULL);
	sb_putc(&b, '}');
	measure_apply(T_SHNOR, NULL, A_TEACHERS, s, &(struct finding){ NULL, cstr(&b), NULL, n, 0 }, v);
	sb_free(&t);
	sb_free(&b);
}

static void
shnsu(const char *s, struct vars *v)
{
	json_t *i = get(K_ISBS, s, rc.year);
	struct sbuf b = { 0 };
	char x[96];

	if (!i || !jyes(i, "shnsu"))
		return;
	set(v, "isbs", ru_num(x, sizeof x, jnum(i, "isbs"), 1));
	set(v, "cut", ru_num(x, sizeof x, jnum(i, "threshold"), 1));
	snprintf(x, sizeof x, "%d", jint(i, "rank"));
	set(v, "rank", x);
	snprintf(x, sizeof x, "%d", jint(i, "of"));
	set(v, "of", x);
	set(v, "students", isnan(jnum(i, "students")) ? "нет данных" : ru_num(x, sizeof x, jnum(i, "students"), 0));
	sb_puts(&b, "{\"indicator\":\"isbs\",\"value\":");
	jw_num(&b, jnum(i, "isbs"));
	sb_puts(&b, ",\"threshold\":");
	jw_num(&b, jnum(i, "threshold"));
	sb_printf(&b, ",\"rank\":%d,\"of\":%d,", jint(i, "rank"), jint(i, "of"));
	put_source(&b, "isbs", s, rc.year, NULL);
	sb_putc(&b, '}');
	measure_apply(T_SHNSU, NULL, A_TEACHERS, s, &(struct finding){ NULL, cstr(&b), NULL, NAN, 0 }, v);
	sb_free(&b);
}

/* some school of s's region has an isbs record of the year */
static int
region_has_isbs(const char *s)
{
	for (size_t i = 0; i < rc.nids; i++)
		if (get(K_ISBS, rc.ids[i], rc.year) && strcmp(region_of(rc.ids[i]), region_of(s)) == 0)
			return 1;
	return 0;
}

static void
partner(const char *s, struct vars *v)
{
	json_t *l = get(K_LOWRES, s, rc.year), *i = get(K_ISBS, s, rc.year);
	const char *p, *reason, *basis;
	struct sbuf b = { 0 };

	if (!(l && jyes(l, "shnor")) && !(i && jyes(i, "shnsu")))
		return;
	if ((p = partner_of(s, &reason, &basis))) {
		set(v, "partner", school_title(p));
		set(v, "partner_reason", reason);
		measure_apply(T_PARTNER, NULL, A_TEACHERS, s, &(struct finding){ NULL, basis, NULL, NAN, 0 }, v);
		return;
	}
	if (!region_has_isbs(s))
		set(v, "reason", "подобрать её по данным нельзя: для школ региона нет данных об ИСБШ и уровне "
		                 "результатов");
	else
		set(v, "reason", "в регионе нет школы с высокими или устойчивыми результатами, которая не относится к "
		                 "ШНОР и ШНСУ, не входит в первые 10 % школ по совокупности признаков необъективности "
		                 "и ещё не закреплена партнёром за тремя школами");
	sb_puts(&b, "{\"indicator\":\"no_partner\",\"value\":null,");
	put_source(&b, l && jyes(l, "shnor") ? "lowres" : "isbs", s, rc.year, NULL);
	sb_putc(&b, '}');
	measure_apply(T_NO_PARTNER, NULL, A_TEACHERS, s, &(struct finding){ NULL, cstr(&b), NULL, NAN, 0 }, v);
	sb_free(&b);
}

/* ---- risk factors ---- */

static void
risk(const char *s, struct vars *v)
{
	json_t *r = get(K_RISK, s, rc.year);
	const json_t *hf = r ? json_object_get(r, "high_factors") : NULL;
	struct sbuf b = { 0 }, t = { 0 };
	char x[64], y[64];

	for (size_t k = 0; k < json_array_size(hf); k++) {
		const json_t *f = json_array_get(hf, k);
		const char *code = jstr(f, "factor");

		t.len = 0, b.len = 0;
		sb_printf(&t, "«%s» — %s при пороге %s", ru_name("factor", code), ru_num(x, sizeof x, jnum(f, "value"), 2),
		          ru_num(y, sizeof y, jnum(r, "cut"), 2));
		sb_puts(&b, "{\"indicator\":\"risk_factor\",\"factor\":");
		jw_str(&b, code, strlen(code));
		sb_puts(&b, ",\"value\":");
		jw_num(&b, jnum(f, "value"));
		sb_puts(&b, ",\"threshold\":");
		jw_num(&b, jnum(r, "cut"));
		sb_putc(&b, ',');
		put_source(&b, "risk_profile", s, rc.year, NULL);
		sb_putc(&b, '}');
		measure_apply(T_RISK, code, A_TEACHERS, s, &(struct finding){ cstr(&t), cstr(&b), NULL, NAN, 0 }, v);
	}
	sb_free(&b);
	sb_free(&t);
}

/* ---- objectivity ---- */

/* ОГЭ, ЕГЭ and ГВЭ are checked by regional commissions, not by the school:
 * a sign on them calls for no re-check of the school's own marking. */
static int
checked_in_school(const char *procedure)
{
	return strcmp(procedure, "OGE") != 0 && strcmp(procedure, "EGE") != 0 && strcmp(procedure, "GVE") != 0;
}

/* The pupils of a school's procedure (procedure_result n), NAN if unknown. */
static double
proc_n(const char *s, int y, const char *procedure, const char *subject, int grade)
{
	struct list ps = list_of(&rc.procs, s, y);

	for (size_t i = 0; i < ps.n; i++) {
		const json_t *p = ps.v[i];
		if (strcmp(jstr(p, "procedure"), procedure) == 0 && strcmp(jstr(p, "subject"), subject) == 0 &&
		    jint(p, "grade") == grade)
			return jnum(p, "n");
	}
	return NAN;
}

/* The pupils an official sign rests on: its n, or for a cohort sign the
 * fewer of its two years' participants. */
static double
sign_n(const char *s, const json_t *g)
{
	const json_t *gr = json_object_get(g, "grades"), *yr = json_object_get(g, "years");
	double a, b;

	if (!isnan(jnum(g, "n")))
		return jnum(g, "n");
	if (json_array_size(gr) != 2 || json_array_size(yr) != 2)
		return NAN;
	a = proc_n(s, (int)json_integer_value(json_array_get(yr, 0)), jstr(g, "procedure"), jstr(g, "subject"),
	           (int)json_integer_value(json_array_get(gr, 0)));
	b = proc_n(s, (int)json_integer_value(json_array_get(yr, 1)), jstr(g, "procedure"), jstr(g, "subject"),
	           (int)json_integer_value(json_array_get(gr, 1)));
	return a < b ? a : b; /* NAN when either is unknown */
}

static void
objectivity(const char *s, struct vars *v)
{
	json_t *o = get(K_OBJECTIVITY, s, rc.year);
	const json_t *signs = o ? json_object_get(o, "signs") : NULL;
	const struct observation *obs = observation_of(s, rc.year);
	struct sbuf items = { 0 }, names = { 0 }, b = { 0 }, t = { 0 };
	char x[64], subj[160];
	double n = 0;
	size_t found = 0;

	if (!o || !jyes(o, "flagged"))
		return;
	sb_puts(&b, "{\"indicator\":\"objectivity_sign\",\"value\":true,\"signs\":[");
	for (size_t k = 0; k < json_array_size(signs); k++) {
		const json_t *g = json_array_get(signs, k);
		double gn = sign_n(s, g);
		if (jyes(g, "extended") || !(gn >= rc.min_n) || !checked_in_school(jstr(g, "procedure")))
			continue;
		sb_puts(&items, found ? "; " : "");
		if (!strstr(cstr(&names), ru_name("sign", jstr(g, "sign")))) {
			sb_puts(&names, names.len ? "; " : "");
			sb_puts(&names, ru_name("sign", jstr(g, "sign")));
		}
		sb_puts(&items, ru_name("sign", jstr(g, "sign")));
		sb_puts(&items, " (");
		if (*jstr(g, "subject"))
			sb_printf(&items, "%s, %s", ru_lower_first(subj, sizeof subj, ru_name("subject", jstr(g, "subject"))),
			          ru_name("procedure", jstr(g, "procedure")));
		else
			sb_puts(&items, ru_name("procedure", jstr(g, "procedure")));
		if (jint(g, "grade"))
			sb_printf(&items, ", %d класс", jint(g, "grade"));
		sb_printf(&items, "; %s)", ru_pupils(x, sizeof x, gn));
		sb_printf(&b, "%s{\"sign\":", found ? "," : "");
		jw_str(&b, jstr(g, "sign"), strlen(jstr(g, "sign")));
		sb_puts(&b, ",\"n\":");
		jw_num(&b, gn);
		sb_putc(&b, '}');
		n += gn, found++;
	}
	if (!found) { /* every sign on too few pupils: no measure rests on it */
		sb_free(&items), sb_free(&names), sb_free(&b);
		return;
	}
	sb_puts(&b, "],\"n\":");
	jw_num(&b, n);
	sb_putc(&b, ',');
	put_source(&b, "objectivity", s, rc.year, NULL);
	sb_putc(&b, '}');
	measure_apply(T_FLAGGED, NULL, A_TEACHERS, s, &(struct finding){ cstr(&items), cstr(&b), NULL, n, 0 }, v);
	/* observers where the reports say a procedure had none; no report, no word */
	for (int k = 0; obs && k < obs->n; k++)
		if (!obs->observed[k]) {
			sb_puts(&t, t.len ? ", " : "");
			sb_puts(&t, ru_name("procedure", obs->procedure[k]));
		}
	if (t.len) {
		b.len = 0;
		sb_puts(&b, "{\"indicator\":\"unobserved\",\"value\":[");
		for (int k = 0, m = 0; k < obs->n; k++)
			if (!obs->observed[k]) {
				sb_puts(&b, m++ ? "," : "");
				jw_str(&b, obs->procedure[k], strlen(obs->procedure[k]));
			}
		sb_puts(&b, "],");
		put_source(&b, "observation", s, rc.year, NULL);
		sb_putc(&b, '}');
		set(v, "signs", cstr(&names));
		measure_apply(T_UNOBSERVED, NULL, A_TEACHERS, s, &(struct finding){ cstr(&t), cstr(&b), NULL, n, 0 }, v);
	}
	sb_free(&items), sb_free(&names), sb_free(&b), sb_free(&t);
}

/* the kinds of evidence behind a school's place, strongest first */
static void
evidence_words(struct sbuf *t, const json_t *o, double *n)
{
	const json_t *ev = json_object_get(o, "evidence");
	int used[64] = { 0 };
	char x[64];

	*n = 0;
	for (int shown = 0; shown < 3; shown++) {
		size_t best = (size_t)-1;
		double bz = 2;
		for (size_t k = 0; k < json_array_size(ev) && k < 64; k++) {
			const json_t *e = json_array_get(ev, k);
			if (!used[k] && json_is_false(json_object_get(e, "scored")) == 0 && jnum(e, "z") >= bz)
				bz = jnum(e, "z"), best = k;
		}
		if (best == (size_t)-1)
			break;
		used[best] = 1;
		sb_puts(t, shown ? "; " : "");
		sb_printf(t, "%s (%s)", ru_name("evidence", jstr(json_array_get(ev, best), "evidence")),
		          ru_pupils(x, sizeof x, jnum(json_array_get(ev, best), "n")));
		if (jnum(json_array_get(ev, best), "n") > *n)
			*n = jnum(json_array_get(ev, best), "n");
	}
	if (!t->len)
		sb_puts(t, "признаки разных видов, ни один в отдельности не выражен сильно");
}

static void
ranking(const char *s, struct vars *v)
{
	json_t *o = get(K_OBJECTIVITY, s, rc.year);
	struct sbuf b = { 0 }, t = { 0 };
	char x[64];
	int rank, of;
	double n;

	if (!o || !(rank = evidence_rank(s, &of)))
		return;
	for (size_t i = 0; i < rc.nrules; i++) { /* each rule has its own share */
		const struct rule *r = &rc.rules[i];
		if (r->trigger != T_RANK || !evidence_high(s, r->threshold))
			continue;
		t.len = 0, b.len = 0;
		evidence_words(&t, o, &n);
		set(v, "evidence", cstr(&t));
		snprintf(x, sizeof x, "%d", rank);
		set(v, "rank", x);
		snprintf(x, sizeof x, "%d", of);
		set(v, "of", x);
		set(v, "threshold", ru_num(x, sizeof x, 100 * r->threshold, 0));
		sb_printf(&b, "{\"indicator\":\"evidence_rank\",\"value\":%d,\"of\":%d,\"threshold\":", rank, of);
		jw_num(&b, r->threshold);
		sb_puts(&b, ",\"score\":");
		jw_num(&b, jnum(o, "score"));
		sb_putc(&b, ',');
		put_source(&b, "objectivity", s, rc.year, NULL);
		sb_putc(&b, '}');
		measure_add(r, r->audience, s, &(struct finding){ NULL, cstr(&b), NULL, n > 0 ? n : NAN, 0 }, v);
	}
	sb_free(&b);
	sb_free(&t);
}

/* ---- tasks ---- */

struct gap {
	size_t task;
	double school, region;
};

static int
by_gap(const void *pa, const void *pb)
{
	const struct gap *a = pa, *b = pb;
	double da = a->region - a->school, db = b->region - b->school;

	return da > db ? -1 : da < db ? 1 : (a->task > b->task) - (a->task < b->task);
}

#define WEAKEST 3
static void
tasks(const char *s, struct vars *v)
{
	struct list cs = list_of(&rc.completions, s, rc.year);
	struct sbuf b = { 0 }, t = { 0 };
	char x[64], y[64];

	for (size_t i = 0; i < cs.n; i++) {
		const json_t *c = cs.v[i], *sc = json_object_get(c, "school"), *rg = json_object_get(c, "region");
		struct gap *g = emalloc((json_array_size(sc) + 1) * sizeof *g);
		size_t n = 0;

		for (size_t k = 0; k < json_array_size(sc) && k < json_array_size(rg); k++) {
			const json_t *a = json_array_get(sc, k), *r = json_array_get(rg, k);
			if (json_is_number(a) && json_is_number(r))
				g[n++] = (struct gap){ k + 1, json_number_value(a), json_number_value(r) };
		}
		qsort(g, n, sizeof *g, by_gap);
		for (size_t r = 0; r < rc.nrules && jnum(c, "n") >= rc.min_n; r++) {
			const struct rule *rule = &rc.rules[r];
			if (rule->trigger != T_LOW_TASKS || !n || !(g[0].region - g[0].school >= rule->threshold))
				continue;
			t.len = 0, b.len = 0;
			proc_words(&t, jstr(c, "procedure"), jstr(c, "subject"), jint(c, "grade"));
			sb_printf(&t, " (%s): задани%s ", ru_pupils(x, sizeof x, jnum(c, "n")),
			          n > 1 && g[1].region - g[1].school >= rule->threshold ? "я" : "е");
			sb_puts(&b, "{\"indicator\":\"task_completion_gap\",\"value\":");
			jw_num(&b, round(1e4 * (g[0].region - g[0].school)) / 1e4);
			sb_puts(&b, ",\"threshold\":");
			jw_num(&b, rule->threshold);
			sb_puts(&b, ",\"n\":");
			jw_num(&b, jnum(c, "n"));
			sb_puts(&b, ",\"tasks\":[");
			for (size_t k = 0; k < n && k < WEAKEST && g[k].region - g[k].school >= rule->threshold; k++) {
				sb_printf(&t, "%s№ %zu — %s при среднем %s", k ? ", " : "", g[k].task,
				          ru_pct(x, sizeof x, g[k].school), ru_pct(y, sizeof y, g[k].region));
				sb_printf(&b, "%s{\"task\":%zu,\"school\":", k ? "," : "", g[k].task);
				jw_num(&b, g[k].school);
				sb_puts(&b, ",\"region\":");
				jw_num(&b, g[k].region);
				sb_putc(&b, '}');
			}
			if (*jstr(c, "group"))
				sb_printf(&t, " (среднее — по группе «%s»)", jstr(c, "group"));
			sb_puts(&b, "],");
			put_source(&b, "task_completion", s, rc.year, c);
			sb_putc(&b, '}');
			set(v, "threshold", ru_num(x, sizeof x, 100 * rule->threshold, 0));
			measure_add(rule, rule->audience == A_TEACHERS ? teachers_of(jint(c, "grade")) : rule->audience, s,
			            &(struct finding){ cstr(&t), cstr(&b), jstr(c, "subject"), jnum(c, "n"), 0 }, v);
		}
		free(g);
	}
	sb_free(&b);
	sb_free(&t);
}

/* ---- procedures: low results, and a rise of «2» ---- */

static void
low_item(struct sbuf *t, struct sbuf *b, const json_t *p, double thr)
{
	char x[64], y[64];

	proc_words(t, jstr(p, "procedure"), jstr(p, "subject"), jint(p, "grade"));
	sb_printf(t, ": доля «2» %s (%s)", ru_pct(x, sizeof x, jnum(p, "share_fail")), ru_pupils(y, sizeof y, jnum(p, "n")));
	sb_puts(b, "{\"indicator\":\"share_fail\",\"value\":");
	jw_num(b, jnum(p, "share_fail"));
	sb_puts(b, ",\"threshold\":");
	jw_num(b, thr);
	sb_puts(b, ",\"n\":");
	jw_num(b, jnum(p, "n"));
	sb_puts(b, ",\"n_fail\":");
	jw_num(b, jnum(p, "n_fail"));
	sb_putc(b, ',');
	put_source(b, "procedure_result", jstr(p, "school_id"), rc.year, p);
	sb_putc(b, '}');
}

/* Grades of one procedure and subject too small each: pooled, when together
 * they reach the minimum and their share of «2» the threshold. Primary
 * grades pool apart from the others (other teachers). */
static void
low_pooled(const char *s, const struct list *ps, double thr, struct vars *v)
{
	int *done = ecalloc(ps->n + 1, sizeof *done);
	struct sbuf t = { 0 }, b = { 0 };
	char x[64], y[64], u[160];

	for (size_t i = 0; i < ps->n; i++) {
		const json_t *p = ps->v[i];
		double n = 0, f = 0;
		int lo = 99, hi = 0, primary = jint(p, "grade") <= 4, k = 0;
		if (done[i] || !(jnum(p, "n") < rc.min_n) || isnan(jnum(p, "n_fail")))
			continue;
		for (size_t j = i; j < ps->n; j++) {
			const json_t *q = ps->v[j];
			if (done[j] || !(jnum(q, "n") < rc.min_n) || isnan(jnum(q, "n_fail")) ||
			    strcmp(jstr(q, "procedure"), jstr(p, "procedure")) != 0 ||
			    strcmp(jstr(q, "subject"), jstr(p, "subject")) != 0 || (jint(q, "grade") <= 4) != primary)
				continue;
			done[j] = 1, k++;
			n += jnum(q, "n"), f += jnum(q, "n_fail");
			lo = jint(q, "grade") < lo ? jint(q, "grade") : lo;
			hi = jint(q, "grade") > hi ? jint(q, "grade") : hi;
		}
		if (k < 2 || n < rc.min_n || !(f / n >= thr))
			continue;
		t.len = 0, b.len = 0;
		sb_printf(&t, "%s, %s, %d–%d классы вместе: доля «2» %s (%s; в каждом классе менее %g)",
		          ru_lower_first(u, sizeof u, ru_name("subject", jstr(p, "subject"))), ru_name("procedure", jstr(p, "procedure")), lo, hi,
		          ru_pct(x, sizeof x, f / n), ru_pupils(y, sizeof y, n), rc.min_n);
		sb_puts(&b, "{\"indicator\":\"share_fail\",\"value\":");
		jw_num(&b, f / n);
		sb_puts(&b, ",\"threshold\":");
		jw_num(&b, thr);
		sb_printf(&b, ",\"n\":%.0f,\"n_fail\":%.0f,\"pooled\":true,\"grades\":[%d,%d],", n, f, lo, hi);
		put_source(&b, "procedure_result", s, rc.year, p);
		sb_putc(&b, '}');
		measure_apply(T_LOW_PROC, NULL, primary ? A_PRIMARY : A_TEACHERS, s,
		              &(struct finding){ cstr(&t), cstr(&b), jstr(p, "subject"), n, 1 }, v);
	}
	free(done);
	sb_free(&t);
	sb_free(&b);
}

static const json_t *
proc_before(const json_t *p)
{
	struct list before = list_of(&rc.procs, jstr(p, "school_id"), rc.year - 1);

	for (size_t i = 0; i < before.n; i++) {
		const json_t *q = before.v[i];
		if (strcmp(jstr(q, "procedure"), jstr(p, "procedure")) == 0 &&
		    strcmp(jstr(q, "subject"), jstr(p, "subject")) == 0 && jnum(q, "grade") == jnum(p, "grade"))
			return q;
	}
	return NULL;
}

/* a rise of the share of «2» beyond chance: two proportions, z >= 1.96 */
static int
rise_beyond_chance(double f1, double n1, double f0, double n0)
{
	double p = (f1 + f0) / (n1 + n0), se = sqrt(p * (1 - p) * (1 / n1 + 1 / n0));

	return se > 0 && (f1 / n1 - f0 / n0) / se >= 1.96;
}

/* Parents of the pupils who write the procedure next year: a grade below. */
static void
fall(const char *s, const json_t *p, struct vars *v)
{
	const json_t *q = proc_before(p);
	double now = jnum(p, "share_fail"), before, n = jnum(p, "n"), n0;
	struct sbuf t = { 0 }, b = { 0 };
	char x[64], y[64], z[64], w[64], u[160];
	int grade = jint(p, "grade");

	if (!q || grade < 2 || isnan(now) || isnan(before = jnum(q, "share_fail")) || !(n >= rc.min_n) ||
	    !((n0 = jnum(q, "n")) >= rc.min_n) || !rise_beyond_chance(now * n, n, before * n0, n0))
		return;
	for (size_t r = 0; r < rc.nrules; r++) {
		const struct rule *rule = &rc.rules[r];
		if (rule->trigger != T_FALL || !(now - before >= rule->threshold))
			continue;
		t.len = 0, b.len = 0;
		sb_printf(&t, "%s, %s: родители обучающихся %d классов (работа в %d г.) — в %d классах доля «2» "
		              "выросла с %s (%d г., %s) до %s (%d г., %s; это разные выпуски)",
		          ru_lower_first(u, sizeof u, ru_name("subject", jstr(p, "subject"))),
		          ru_name("procedure", jstr(p, "procedure")), grade - 1, rc.year + 1, grade,
		          ru_pct(x, sizeof x, before), rc.year - 1, ru_pupils(y, sizeof y, n0), ru_pct(z, sizeof z, now),
		          rc.year, ru_pupils(w, sizeof w, n));
		sb_puts(&b, "{\"indicator\":\"share_fail_change\",\"value\":");
		jw_num(&b, now - before);
		sb_puts(&b, ",\"threshold\":");
		jw_num(&b, rule->threshold);
		sb_puts(&b, ",\"share_fail\":");
		jw_num(&b, now);
		sb_puts(&b, ",\"share_fail_before\":");
		jw_num(&b, before);
		sb_puts(&b, ",\"n\":");
		jw_num(&b, n);
		sb_puts(&b, ",\"n_before\":");
		jw_num(&b, n0);
		sb_puts(&b, ",\"same_cohort\":false,");
		put_source(&b, "procedure_result", s, rc.year, p);
		sb_putc(&b, '}');
		set(v, "threshold", ru_num(x, sizeof x, 100 * rule->threshold, 0));
		measure_add(rule, rule->audience == A_TEACHERS ? teachers_of(grade) : rule->audience, s,
		            &(struct finding){ cstr(&t), cstr(&b), jstr(p, "subject"), n + n0, 0 }, v);
	}
	sb_free(&t);
	sb_free(&b);
}

static void
procedures(const char *s, struct vars *v)
{
	struct list ps = list_of(&rc.procs, s, rc.year);
	json_t *l = get(K_LOWRES, s, rc.year);
	double thr = l ? jnum(l, "threshold") : 0.3;
	struct sbuf t = { 0 }, b = { 0 };
	char x[64];

	set(v, "threshold", ru_pct(x, sizeof x, thr));
	for (size_t i = 0; i < ps.n; i++) {
		const json_t *p = ps.v[i];
		if (jyes(p, "low") && jnum(p, "n") >= rc.min_n) {
			t.len = 0, b.len = 0;
			low_item(&t, &b, p, thr);
			measure_apply(T_LOW_PROC, NULL, teachers_of(jint(p, "grade")), s,
			              &(struct finding){ cstr(&t), cstr(&b), jstr(p, "subject"), jnum(p, "n"), 0 }, v);
		}
		fall(s, p, v);
	}
	low_pooled(s, &ps, thr, v);
	sb_free(&t);
	sb_free(&b);
}

void
school_measures(const char *s)
{
	struct vars v = { 0 };
	char y[16];

	set(&v, "school", school_title(s));
	snprintf(y, sizeof y, "%d", rc.year);
	set(&v, "year", y);
	snprintf(y, sizeof y, "%d", rc.year + 1);
	set(&v, "next", y);
	set(&v, "group", municipality_of(s));
	shnor(s, &v);
	shnsu(s, &v);
	partner(s, &v);
	risk(s, &v);
	objectivity(s, &v);
	ranking(s, &v);
	tasks(s, &v);
	procedures(s, &v);
	vars_free(&v);
}
