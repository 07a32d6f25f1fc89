/* effect.c: the effect of last cycle's measures (seed 002 §9: identify,
 * recommend, check next year). For each recommendation of the year before
 * that the stream holds, the indicator it rested on, with the same
 * definition, this year: improved, held or worsened (a change of a share
 * counts only beyond chance: two proportions, |z| >= 1.96), or unknown when
 * this year's records do not say. One measure_effect record each; the
 * municipal share of measures followed by improvement is an indicator. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "jget.h"
#include "json.h"
#include "recommend.h"
#include "rederive.h"
#include "ru.h"

enum verdict { V_UNKNOWN, V_IMPROVED, V_HELD, V_WORSENED };
static const char *const verdict_code[] = { "unknown", "improved", "held", "worsened" };
static const char *const verdict_ru[] = { "нет данных", "улучшение", "без существенных изменений", "ухудшение" };
static const char *const audience_ru[NAUDIENCES] = {
	[A_ADMINISTRATION] = "администрации школы", [A_TEACHERS] = "учителям", [A_PARENTS] = "родителям",
	[A_MUNICIPALITY] = "муниципальному органу управления образованием", [A_PRIMARY] = "учителям начальных классов",
};

/* school -> the measures checked and those followed by improvement */
struct tally2 {
	double improved, known;
};
static struct strmap tallies;

int
effect_counts(const char *s, double *improved, double *known)
{
	const struct tally2 *t = strmap_get(&tallies, s, strlen(s));

	if (!t)
		return -1;
	*improved = t->improved, *known = t->known;
	return 0;
}

void
effects_free(void)
{
	strmap_free(&tallies, free);
}

static const char *
audience_words(const char *code)
{
	for (int a = 0; a < NAUDIENCES; a++)
		if (strcmp(audience_code[a], code) == 0)
			return audience_ru[a];
	return "—";
}

struct outcome {
	enum verdict v;
	double before, after, n_before, n_after;
};

/* a share of failures that fell (improved) or rose (worsened) beyond chance */
static enum verdict
share_verdict(double p0, double n0, double p1, double n1)
{
	double p, se;

	if (isnan(p0) || isnan(p1) || !(n0 > 0) || !(n1 > 0))
		return V_UNKNOWN;
	p = (p0 * n0 + p1 * n1) / (n0 + n1);
	se = sqrt(p * (1 - p) * (1 / n0 + 1 / n1));
	if (!(se > 0))
		return p1 < p0 ? V_IMPROVED : p1 > p0 ? V_WORSENED : V_HELD;
	return (p1 - p0) / se <= -1.96 ? V_IMPROVED : (p1 - p0) / se >= 1.96 ? V_WORSENED : V_HELD;
}

/* the share of «2» of a procedure this year, over the grades a pooled
 * basis covered */
static int
share_now(const char *s, const json_t *basis, double *share, double *n)
{
	const json_t *src = json_object_get(basis, "source"), *gr = json_object_get(basis, "grades");
	struct list ps = list_of(&rc.procs, s, rc.year);
	int lo = jint(src, "grade"), hi = lo;
	double f = 0;

	if (json_array_size(gr) == 2)
		lo = (int)json_integer_value(json_array_get(gr, 0)), hi = (int)json_integer_value(json_array_get(gr, 1));
	*n = 0;
	for (size_t i = 0; i < ps.n; i++) {
		const json_t *p = ps.v[i];
		if (strcmp(jstr(p, "procedure"), jstr(src, "procedure")) == 0 &&
		    strcmp(jstr(p, "subject"), jstr(src, "subject")) == 0 && jint(p, "grade") >= lo && jint(p, "grade") <= hi &&
		    !isnan(jnum(p, "n_fail")))
			*n += jnum(p, "n"), f += jnum(p, "n_fail");
	}
	if (!(*n > 0))
		return -1;
	*share = f / *n;
	return 0;
}

/* the mean gap of the listed tasks this year */
static int
gap_now(const char *s, const json_t *basis, double *gap, double *n)
{
	const json_t *c = NULL, *src = json_object_get(basis, "source"), *tasks = json_object_get(basis, "tasks");
	struct list cs = list_of(&rc.completions, s, rc.year);
	double sum = 0;
	size_t k = 0;

	for (size_t i = 0; i < cs.n && !c; i++)
		if (strcmp(jstr(cs.v[i], "procedure"), jstr(src, "procedure")) == 0 &&
		    strcmp(jstr(cs.v[i], "subject"), jstr(src, "subject")) == 0 && jint(cs.v[i], "grade") == jint(src, "grade"))
			c = cs.v[i];
	if (!c)
		return -1;
	for (size_t i = 0; i < json_array_size(tasks); i++) {
		size_t t = (size_t)jint(json_array_get(tasks, i), "task");
		const json_t *a = json_array_get(json_object_get(c, "school"), t - 1),
		             *r = json_array_get(json_object_get(c, "region"), t - 1);
		if (t >= 1 && json_is_number(a) && json_is_number(r))
			sum += json_number_value(r) - json_number_value(a), k++;
	}
	if (!k)
		return -1;
	*gap = sum / (double)k, *n = jnum(c, "n");
	return 0;
}

static double
gap_before(const json_t *basis)
{
	const json_t *tasks = json_object_get(basis, "tasks");
	double sum = 0;
	size_t k = 0;

	for (size_t i = 0; i < json_array_size(tasks); i++, k++)
		sum += jnum(json_array_get(tasks, i), "region") - jnum(json_array_get(tasks, i), "school");
	return k ? sum / (double)k : NAN;
}

static struct outcome
check(const char *s, const json_t *basis)
{
	const char *ind = jstr(basis, "indicator");
	struct outcome o = { V_UNKNOWN, NAN, NAN, NAN, NAN };

	if (strcmp(ind, "share_fail") == 0 || strcmp(ind, "share_fail_change") == 0) {
		o.before = strcmp(ind, "share_fail") == 0 ? jnum(basis, "value") : jnum(basis, "share_fail");
		o.n_before = jnum(basis, "n");
		if (share_now(s, basis, &o.after, &o.n_after) == 0)
			o.v = share_verdict(o.before, o.n_before, o.after, o.n_after);
	} else if (strcmp(ind, "task_completion_gap") == 0) {
		o.before = gap_before(basis), o.n_before = jnum(basis, "n");
		if (gap_now(s, basis, &o.after, &o.n_after) == 0 && o.n_before > 0 && o.n_after > 0) {
			double se = sqrt(0.25 / o.n_before + 0.25 / o.n_after); /* the widest a share's error gets */
			o.v = o.after - o.before <= -1.96 * se ? V_IMPROVED : o.after - o.before >= 1.96 * se ? V_WORSENED : V_HELD;
		}
	} else if (strcmp(ind, "shnor") == 0 || strcmp(ind, "isbs") == 0) {
		const json_t *r = strcmp(ind, "shnor") == 0 ? get(K_LOWRES, s, rc.year) : get(K_ISBS, s, rc.year);
		const char *field = strcmp(ind, "shnor") == 0 ? "shnor" : "shnsu";
		o.before = 1;
		if (r)
			o.after = jyes(r, field), o.v = jyes(r, field) ? V_HELD : V_IMPROVED;
	} else if (strcmp(ind, "objectivity_sign") == 0) {
		const json_t *r = get(K_OBJECTIVITY, s, rc.year);
		o.before = 1;
		if (r)
			o.after = jyes(r, "flagged"), o.v = jyes(r, "flagged") ? V_HELD : V_IMPROVED;
	} else if (strcmp(ind, "evidence_rank") == 0) {
		int of, rank = evidence_rank(s, &of);
		o.before = jnum(basis, "value");
		if (rank)
			o.after = rank, o.v = evidence_high(s, jnum(basis, "threshold")) ? V_HELD : V_IMPROVED;
	} else if (strcmp(ind, "unobserved") == 0) {
		const struct observation *ob = observation_of(s, rc.year);
		int none = 0;
		for (int k = 0; ob && k < ob->n; k++)
			none += !ob->observed[k];
		o.before = (double)json_array_size(json_object_get(basis, "value"));
		if (ob)
			o.after = none, o.v = none ? V_HELD : V_IMPROVED;
	} else if (strcmp(ind, "risk_factor") == 0) {
		const json_t *r = get(K_RISK, s, rc.year), *hf = r ? json_object_get(r, "high_factors") : NULL;
		o.before = jnum(basis, "value");
		if (r) { /* a factor no longer among the high ones has fallen below the cut */
			o.after = jnum(r, "cut"), o.v = V_IMPROVED;
			for (size_t k = 0; k < json_array_size(hf); k++)
				if (strcmp(jstr(json_array_get(hf, k), "factor"), jstr(basis, "factor")) == 0) {
					o.after = jnum(json_array_get(hf, k), "value");
					o.v = o.after > o.before ? V_WORSENED : V_HELD; /* still high: no better yet */
				}
		}
	}
	return o;
}

static int
checked_indicator(const char *ind)
{
	return strcmp(ind, "partner") != 0 && strcmp(ind, "no_partner") != 0 && *ind;
}

void
effects_write(void)
{
	struct sbuf b = { 0 }, t = { 0 };
	char x[4][64];

	for (size_t i = 0; i < rc.previous.n; i++) {
		const json_t *rec = rc.previous.v[i], *basis = json_object_get(rec, "basis");
		const char *s = jstr(rec, "school_id");
		int first = 1, counts[4] = { 0 };
		enum verdict overall;
		struct tally2 *tl;
		const char *first_ind = NULL;
		size_t nb = json_is_array(basis) ? json_array_size(basis) : 1, checked = 0;

		if (jint(rec, "year") != rc.year - 1)
			continue;
		b.len = 0, t.len = 0;
		sb_putc(&b, '{');
		jw_key(&b, &first, "type");
		sb_puts(&b, "\"measure_effect\"");
		jw_key(&b, &first, "school_id");
		jw_str(&b, s, strlen(s));
		jw_key(&b, &first, "year");
		jw_int(&b, rc.year);
		jw_key(&b, &first, "measure_year");
		jw_int(&b, rc.year - 1);
		jw_key(&b, &first, "code");
		jw_str(&b, jstr(rec, "code"), strlen(jstr(rec, "code")));
		jw_key(&b, &first, "audience");
		jw_str(&b, jstr(rec, "audience"), strlen(jstr(rec, "audience")));
		jw_key(&b, &first, "checks");
		sb_putc(&b, '[');
		for (size_t k = 0; k < nb; k++) {
			const json_t *one = json_is_array(basis) ? json_array_get(basis, k) : basis;
			struct outcome o;
			if (!checked_indicator(jstr(one, "indicator")))
				continue;
			o = check(s, one);
			counts[o.v]++;
			if (!first_ind)
				first_ind = jstr(one, "indicator");
			sb_printf(&b, "%s{\"indicator\":", checked++ ? "," : "");
			jw_str(&b, jstr(one, "indicator"), strlen(jstr(one, "indicator")));
			sb_puts(&b, ",\"before\":");
			isnan(o.before) ? sb_puts(&b, "null") : jw_num(&b, o.before);
			sb_puts(&b, ",\"after\":");
			isnan(o.after) ? sb_puts(&b, "null") : jw_num(&b, o.after);
			if (!isnan(o.n_before)) {
				sb_puts(&b, ",\"n_before\":");
				jw_num(&b, o.n_before);
			}
			if (!isnan(o.n_after)) {
				sb_puts(&b, ",\"n_after\":");
				jw_num(&b, o.n_after);
			}
			sb_printf(&b, ",\"verdict\":\"%s\"", verdict_code[o.v]);
			if (json_object_get(one, "source")) {
				sb_puts(&b, ",\"source\":");
				jw_value(&b, json_object_get(one, "source"));
			}
			sb_putc(&b, '}');
			if (strncmp(jstr(one, "indicator"), "share_fail", 10) == 0 && o.v != V_UNKNOWN) {
				const json_t *src = json_object_get(one, "source");
				char subj[160];
				sb_printf(&t, "%sдоля «2» (%s, %s, %d класс): %s (%s) в %d г. и %s (%s) в %d г.", t.len ? "; " : "",
				          ru_lower_first(subj, sizeof subj, ru_name("subject", jstr(src, "subject"))),
				          ru_name("procedure", jstr(src, "procedure")), jint(src, "grade"),
				          ru_pct(x[0], 64, o.before), ru_pupils(x[1], 64, o.n_before), rc.year - 1,
				          ru_pct(x[2], 64, o.after), ru_pupils(x[3], 64, o.n_after), rc.year);
			}
		}
		if (!checked)
			continue; /* a partner measure: no indicator of results to check */
		overall = counts[V_WORSENED] && !counts[V_IMPROVED] ? V_WORSENED
		        : counts[V_IMPROVED] && !counts[V_WORSENED] ? V_IMPROVED
		        : counts[V_HELD] || (counts[V_IMPROVED] && counts[V_WORSENED]) ? V_HELD : V_UNKNOWN;
		sb_printf(&b, "],\"verdict\":\"%s\"", verdict_code[overall]);
		jw_key(&b, &first, "text");
		{
			struct sbuf u = { 0 };
			sb_printf(&u, "Мера %d г. (%s; основание — %s): %s", rc.year - 1, audience_words(jstr(rec, "audience")),
			          basis_name(first_ind), verdict_ru[overall]);
			if (t.len) {
				sb_puts(&u, " — ");
				sb_putn(&u, t.s, t.len);
			}
			sb_putc(&u, '.');
			jw_str(&b, u.s, u.len);
			sb_free(&u);
		}
		sb_puts(&b, "}\n");
		rederive_mark(b.s, b.len);
		fwrite(b.s, 1, b.len, stdout);
		if (!(tl = strmap_get(&tallies, s, strlen(s)))) {
			tl = ecalloc(1, sizeof *tl);
			strmap_put(&tallies, s, strlen(s), tl);
		}
		tl->known += overall != V_UNKNOWN, tl->improved += overall == V_IMPROVED;
	}
	sb_free(&b);
	sb_free(&t);
}
