/* words.c: the Russian wording of what the records say: procedures,
 * criteria, signs, the basis of a recommendation, dates; shares of small
 * groups hidden. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "dict.h"
#include "eqreport.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "report.h"
#include "ru.h"
#include "scales.h"
#include "schools.h"
#include "text.h"
#include "util.h"

const char *
yesno(int v)
{
	return v ? "да" : "нет";
}

/* More than one municipality in scope: lists name each school's. */
int
multi_muni(void)
{
	return rs.nmunis > 1;
}

/* "ОГЭ, математика, 9 класс" */
void
proc_words(struct sbuf *b, const char *proc, const char *subj, int grade)
{
	char low[128];

	sb_puts(b, ru_name("procedure", proc));
	if (*subj)
		sb_printf(b, ", %s", ru_lower_first(low, sizeof low, ru_name("subject", subj)));
	if (grade > 0)
		sb_printf(b, ", %d класс", grade);
}

const char *
class_words(const char *c)
{
	return strcmp(c, "resilient") == 0 ? "выше ожидаемых (резильентная школа)" :
	       strcmp(c, "underperforming") == 0 ? "ниже ожидаемых" :
	       strcmp(c, "as_expected") == 0 ? "на ожидаемом уровне" : "—";
}

/* "ОГЭ, русский язык, 9 класс, 2023 г.: «2» у 39,1 % (18 из 46)" */
void
low_proc_words(struct sbuf *b, const json_t *p)
{
	char pct[32];
	double n = jnum(p, "n");

	proc_words(b, jstr(p, "procedure"), jstr(p, "subject"), jint(p, "grade"));
	sb_printf(b, ", %d г.: ", jint(p, "year"));
	if (!(n >= rs.min_n))
		sb_printf(b, "менее %d участников", rs.min_n);
	else
		sb_printf(b, "«2» у %s (%d из %d)", ru_pct(pct, sizeof pct, jnum(p, "share_fail")),
		          jint(p, "n_fail"), jint(p, "n"));
}

void
criteria_words(struct sbuf *b, const json_t *l, const char *sep)
{
	const json_t *c = json_object_get(l, "criteria");

	for (size_t k = 0; k < json_array_size(c); k++) {
		json_int_t crit = json_integer_value(json_array_get(c, k));
		sb_puts(b, k ? sep : "");
		if (crit == 1)
			sb_printf(b, "низкие результаты не менее чем по двум процедурам %d г.", rs.year);
		else
			sb_printf(b, "низкие результаты в %d и %d гг.", rs.year - 1, rs.year);
	}
}

/* The group a school was compared with, for "по ...": «региону «X»» when
 * it is a region of the schools, «муниципалитету «X»» when a municipality. */
void
group_words(struct sbuf *b, const char *group)
{
	static char last[256];
	static int muni, region; /* of the last group asked: a report asks of one or a few */

	if (strcmp(last, group) != 0) {
		muni = region = 0;
		for (size_t i = 0; i < rs.nschools && *group; i++) {
			region |= strcmp(rs.schools[i].region, group) == 0;
			muni |= strcmp(rs.schools[i].muni, group) == 0;
		}
		snprintf(last, sizeof last, "%s", group);
	}
	if (!*group)
		sb_puts(b, "группе сравнения");
	else
		sb_printf(b, "%s «%s»", region ? "региону" : muni ? "муниципалитету" : "группе", group);
}

/* A sign's evidence in a line: the statistic and what it was compared with
 * (the group of the objectivity record). */
void
sign_words(struct sbuf *b, const json_t *g, const char *group)
{
	static const char *const skip[] = { "sign", "procedure", "subject", "grade", "strength",
		"contribution", "extended", "limited", "year", NULL };
	const char *sign = jstr(g, "sign"), *key;
	char x[4][48];
	json_t *v;

	sb_puts(b, ru_name("sign", sign));
	if (jyes(g, "extended"))
		sb_puts(b, " (дополнительный признак)");
	if (*jstr(g, "procedure")) {
		sb_puts(b, " — ");
		proc_words(b, jstr(g, "procedure"), jstr(g, "subject"), jint(g, "grade"));
		if (jint(g, "year"))
			sb_printf(b, ", %d г.", jint(g, "year"));
	}
	if (strcmp(sign, "mean_above_region") == 0) {
		sb_puts(b, ": ");
		const json_t *ci = json_object_get(g, "school_ci"), *rci = json_object_get(g, "region_ci");
		sb_printf(b, "средний балл %s (95 %% ДИ %s–%s, n = %d) выше среднего по ",
		          ru_num(x[0], 48, jnum(g, "mean"), 1),
		          ru_num(x[1], 48, json_number_value(json_array_get(ci, 0)), 1),
		          ru_num(x[2], 48, json_number_value(json_array_get(ci, 1)), 1), jint(g, "n"));
		group_words(b, group);
		sb_printf(b, " %s (ДИ %s–%s, n = %d)", ru_num(x[3], 48, jnum(g, "region_mean"), 1),
		          ru_num(x[0], 48, json_number_value(json_array_get(rci, 0)), 1),
		          ru_num(x[1], 48, json_number_value(json_array_get(rci, 1)), 1), jint(g, "region_n"));
	} else if (strcmp(sign, "marks_mismatch") == 0) {
		sb_printf(b, ": корреляция с отметками по журналу r = %s; понизили %s, подтвердили %s, "
		          "повысили %s (n = %d)", ru_num(x[0], 48, jnum(g, "r"), 2),
		          ru_pct(x[1], 48, jnum(g, "lowered")), ru_pct(x[2], 48, jnum(g, "confirmed")),
		          ru_pct(x[3], 48, jnum(g, "raised")), jint(g, "n"));
	} else { /* the evidence as it is: names and values */
		int first = 1;
		json_object_foreach((json_t *)g, key, v) {
			int s = 0;
			for (int i = 0; skip[i]; i++)
				s |= strcmp(skip[i], key) == 0;
			if (s || !(json_is_number(v) || json_is_string(v) || json_is_array(v)))
				continue;
			sb_printf(b, "%s%s = ", first ? ": " : "; ", key);
			first = 0;
			if (json_is_number(v)) {
				double d = json_number_value(v);
				sb_puts(b, ru_num(x[0], 48, d, d == floor(d) ? 0 : 3));
			} else if (json_is_string(v)) {
				sb_puts(b, json_string_value(v));
			} else {
				for (size_t i = 0; i < json_array_size(v) && i < 4; i++) {
					double d = json_number_value(json_array_get(v, i));
					sb_printf(b, "%s%s", i ? "–" : "", ru_num(x[0], 48, d, d == floor(d) ? 0 : 2));
				}
			}
		}
	}
	if (jyes(g, "limited"))
		sb_puts(b, " (малая выборка)");
}

static void
proc_key(struct key *k, const json_t *o)
{
	key_of(k, "sdssd", jstr(o, "school_id"), jint(o, "year"), jstr(o, "procedure"),
	       jstr(o, "subject"), jint(o, "grade"));
}

/* The participants of the procedure a record's basis rests on (to hide small
 * groups), from the procedure_result records indexed on first use. */
double
source_n(const json_t *src)
{
	static struct strmap idx;
	static int built;
	struct key key = { 0 };
	const json_t *p;

	if (!src) { /* the end */
		strmap_free(&idx, NULL);
		return NAN;
	}
	if (!built) {
		for (size_t i = 0; i < rs.jl[J_PROC].n; i++) {
			proc_key(&key, rs.jl[J_PROC].v[i]);
			strmap_put(&idx, key.s, key.n, rs.jl[J_PROC].v[i]);
		}
		built = 1;
	}
	proc_key(&key, src);
	p = strmap_get(&idx, key.s, key.n);
	key_free(&key);
	return p ? jnum(p, "n") : NAN;
}

/* A recommendation's text with every percentage replaced by "…" (its group is
 * too small to show shares). */
void
mask_percentages(struct sbuf *b, const char *s)
{
	while (*s) {
		const char *p = s;
		while ((*p >= '0' && *p <= '9') || (*p == ',' && p > s && p[1] >= '0' && p[1] <= '9'))
			p++;
		if (p > s && strncmp(p, " %", 2) == 0 && (s[0] >= '0' && s[0] <= '9')) {
			sb_puts(b, "… %");
			s = p + 2;
		} else {
			sb_putc(b, *s++);
		}
	}
}

/* A recommendation's basis: its findings (an array; one object in records
 * of eq 0.1 before the findings were gathered). */
static size_t
basis_count(const json_t *rec)
{
	const json_t *basis = json_object_get(rec, "basis");

	return json_is_array(basis) ? json_array_size(basis) : basis ? 1 : 0;
}

static const json_t *
basis_item(const json_t *rec, size_t k)
{
	const json_t *basis = json_object_get(rec, "basis");

	return json_is_array(basis) ? json_array_get(basis, k) : basis;
}

/* some finding rests on a group too small to show shares of */
int
small_source(const json_t *rec)
{
	for (size_t k = 0; k < basis_count(rec); k++) {
		const json_t *one = basis_item(rec, k), *src = json_object_get(one, "source");
		double n = isfinite(jnum(one, "n")) ? jnum(one, "n") : *jstr(src, "procedure") ? source_n(src) : NAN;
		if (isfinite(n) && n < rs.min_n)
			return 1;
	}
	return 0;
}

void
basis_words(struct sbuf *b, const json_t *rec, int small)
{
	char x[2][64];

	for (size_t k = 0; k < basis_count(rec); k++) {
		const json_t *one = basis_item(rec, k), *src = json_object_get(one, "source");
		const char *ind = jstr(one, "indicator");
		double v = jnum(one, "value"), t = jnum(one, "threshold");

		sb_puts(b, k ? "\n" : "");
		sb_puts(b, basis_name(ind));
		if (strcmp(ind, "risk_factor") == 0)
			sb_printf(b, " «%s»", ru_name("factor", jstr(one, "factor")));
		if (isfinite(v) && !small && *basis_value(x[0], sizeof x[0], ind, v))
			sb_printf(b, ": %s", x[0]);
		if (isfinite(t) && strcmp(ind, "evidence_rank") == 0)
			sb_printf(b, " (первые %s %% школ региона)", ru_num(x[1], sizeof x[1], 100 * t, 0));
		else if (isfinite(t) && *basis_value(x[1], sizeof x[1], ind, t))
			sb_printf(b, " (порог %s)", x[1]);
		if (isfinite(jnum(one, "n")))
			sb_printf(b, "; участников: %s", ru_num(x[0], sizeof x[0], jnum(one, "n"), 0));
		if (jyes(one, "pooled"))
			sb_puts(b, " (классы вместе)");
		if (!src)
			continue;
		sb_printf(b, "; источник: %s", ru_name("record", jstr(src, "type")));
		if (*jstr(src, "procedure")) {
			sb_puts(b, ", ");
			proc_words(b, jstr(src, "procedure"), jstr(src, "subject"), jint(src, "grade"));
		}
		if (jint(src, "year"))
			sb_printf(b, ", %d г.", jint(src, "year"));
	}
}

const char *
due_words(const char *iso, char *buf, size_t size)
{
	int y, m, d;

	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(buf, size, "%02d.%02d.%04d", d, m, y);
	else
		snprintf(buf, size, "%s", *iso ? iso : "—");
	return buf;
}

/* A subject list of a recommendation, in Russian ("математика, русский
 * язык"); the single "subject" of eq 0.1 records too. */
void
subjects_words(struct sbuf *b, const json_t *o)
{
	const json_t *subj = json_object_get(o, "subjects");
	char x[160];

	if (*jstr(o, "subject"))
		sb_puts(b, ru_name("subject", jstr(o, "subject")));
	for (size_t k = 0; k < json_array_size(subj); k++) {
		const char *c = json_string_value(json_array_get(subj, k));
		sb_puts(b, k ? ", " : "");
		sb_puts(b, k ? ru_lower_first(x, sizeof x, ru_name("subject", c ? c : "")) : ru_name("subject", c ? c : ""));
	}
}

/* A recommendation's text (a small group's shares hidden, and said when
 * note), its basis and its due date, as three cells of a row. */
void
recommendation_cells(struct row *r, const json_t *o, int small, int note)
{
	struct sbuf b = { 0 };
	char due[32];

	if (small) {
		mask_percentages(&b, jstr(o, "text"));
		if (note)
			sb_printf(&b, " (доли не показаны: менее %d участников)", rs.min_n);
	} else {
		sb_puts(&b, jstr(o, "text"));
	}
	sb_putc(&b, '\0');
	cell(r, "%s", b.s);
	b.len = 0;
	basis_words(&b, o, small);
	sb_putc(&b, '\0');
	cell(r, "%s", b.s);
	cell(r, "%s", due_words(jstr(o, "due"), due, sizeof due));
	sb_free(&b);
}
