/* sections.c: the sections of the справка: indicators, ШНОР, ШНСУ, risk
 * zone, flagged schools, recommendations, sources. */
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
#include "rank.h"
#include "ru.h"
#include "scales.h"
#include "schools.h"
#include "text.h"
#include "util.h"

int
pupil_indicator(const char *code)
{
	return strncmp(code, "basic_level", 11) == 0 || strncmp(code, "below_min", 9) == 0;
}

static void
indicator_value(struct row *r, const json_t *ind)
{
	char v[48];
	double den = jnum(ind, "denominator");

	if (!ind)
		cell(r, "нет данных");
	else if (!(den > 0))
		cell(r, "нет данных");
	else if (pupil_indicator(jstr(ind, "indicator")) && den < rs.min_n)
		cell(r, "менее %d участников", rs.min_n);
	else
		cell(r, "%s %%\n(%d из %d)", ru_num(v, sizeof v, jnum(ind, "value"), 1),
		     jint(ind, "numerator"), jint(ind, "denominator"));
}

/* The indicator records by year, level, group and code (built on first
 * use: a country's municipalities make tens of thousands). */
static const json_t *
find_indicator_of(int year, const char *level, const char *group, const char *code)
{
	static struct strmap idx;
	static int built;
	struct key key;
	const json_t *o;

	if (!level) { /* the end */
		strmap_free(&idx, NULL);
		built = 0;
		return NULL;
	}
	if (!built) {
		for (size_t i = 0; i < rs.jl[J_IND].n; i++) {
			o = rs.jl[J_IND].v[i];
			key_of(&key, "dsss", jint(o, "year"), jstr(o, "level"),
			       strcmp(jstr(o, "level"), "region") == 0 ? "" : jstr(o, "group"), jstr(o, "indicator"));
			if (!strmap_get(&idx, key.s, key.n)) /* the first of a kind holds */
				strmap_put(&idx, key.s, key.n, (void *)o);
			key_free(&key);
		}
		built = 1;
	}
	key_of(&key, "dsss", year, level, group ? group : "", code);
	o = strmap_get(&idx, key.s, key.n);
	key_free(&key);
	return o;
}

static const json_t *
find_indicator(const char *level, const char *group, const char *code)
{
	return find_indicator_of(rs.year, level, group, code);
}

/* the region's indicators of the year before are in the stream */
static int
indicators_before(void)
{
	for (size_t i = 0; i < rs.jl[J_IND].n; i++)
		if (jint(rs.jl[J_IND].v[i], "year") == rs.year - 1 &&
		    strcmp(jstr(rs.jl[J_IND].v[i], "level"), "region") == 0)
			return 1;
	return 0;
}

void
indicators_free(void)
{
	find_indicator_of(0, NULL, NULL, NULL);
}

/* Municipalities as columns while they fit a page; beyond that the summary
 * (the region, the lowest, median and highest municipality) and a table of
 * municipalities by indicator number. */
#define INDICATOR_COLUMNS 6

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
indicators_wide(const struct dict_value *const *codes, size_t ncodes)
{
	int before = indicators_before();
	struct row r = { 0 };
	size_t shown = 0;
	char t[48];

	cell(&r, "Показатель");
	for (size_t m = 0; m < rs.nmunis; m++)
		cell(&r, "%s", rs.munis[m]);
	cell(&r, "Регион");
	if (before)
		cell(&r, "Регион, %d г.", rs.year - 1);
	cell(&r, "Целевое значение");
	for (size_t c = 0; c < ncodes; c++) {
		const char *code = codes[c]->code;
		const json_t *reg = find_indicator("region", NULL, code), *any = reg;
		for (size_t m = 0; m < rs.nmunis && !any; m++)
			any = find_indicator("municipality", rs.munis[m], code);
		if (!any)
			continue;
		if (!shown++)
			table_begin(&r);
		cell(&r, "%s", codes[c]->name);
		for (size_t m = 0; m < rs.nmunis; m++)
			indicator_value(&r, find_indicator("municipality", rs.munis[m], code));
		indicator_value(&r, reg);
		if (before)
			indicator_value(&r, find_indicator_of(rs.year - 1, "region", NULL, code));
		if (isfinite(jnum(any, "target_max")))
			cell(&r, "не более %s %%", ru_num(t, sizeof t, jnum(any, "target_max"), 0));
		else
			cell(&r, "—");
		table_row(&r);
	}
	if (shown)
		table_end();
	else
		para("Показатели за %d г. не рассчитаны (нет записей indicator: запустите eq-recommend).", rs.year);
	for (int i = 0; i < r.n; i++)
		free(r.c[i]);
}

/* a municipality's value as shown: nothing for no data or a small group */
static int
shown_value(const json_t *ind, double *v)
{
	double den = jnum(ind, "denominator");

	if (!ind || !(den > 0) || (pupil_indicator(jstr(ind, "indicator")) && den < rs.min_n))
		return 0;
	*v = jnum(ind, "value");
	return isfinite(*v);
}

static void
indicators_long(const struct dict_value *const *codes, size_t ncodes)
{
	int before = indicators_before();
	struct row r = { 0 };
	const char **used = emalloc((ncodes + 1) * sizeof *used);
	double *v = emalloc((rs.nmunis + 1) * sizeof *v);
	int *with_data = emalloc((ncodes + 1) * sizeof *with_data);
	size_t nused = 0;
	char t[4][48];

	cell(&r, "№");
	cell(&r, "Показатель");
	cell(&r, "Регион");
	if (before)
		cell(&r, "Регион, %d г.", rs.year - 1);
	cell(&r, "Муниципалитеты: наименьшее");
	cell(&r, "медиана");
	cell(&r, "наибольшее");
	cell(&r, "Муниципалитетов с данными");
	cell(&r, "Целевое значение");
	for (size_t c = 0; c < ncodes; c++) {
		const char *code = codes[c]->code;
		const json_t *reg = find_indicator("region", NULL, code), *any = reg;
		size_t n = 0;
		for (size_t m = 0; m < rs.nmunis; m++) {
			const json_t *o = find_indicator("municipality", rs.munis[m], code);
			any = any ? any : o;
			n += (size_t)shown_value(o, &v[n]);
		}
		if (!any)
			continue;
		if (!nused)
			table_begin(&r);
		with_data[nused] = n > 0;
		used[nused++] = code;
		qsort(v, n, sizeof *v, cmp_double);
		cell(&r, "%zu", nused);
		cell(&r, "%s", codes[c]->name);
		indicator_value(&r, reg);
		if (before)
			indicator_value(&r, find_indicator_of(rs.year - 1, "region", NULL, code));
		if (n) {
			cell(&r, "%s %%", ru_num(t[0], sizeof t[0], v[0], 1));
			cell(&r, "%s %%", ru_num(t[1], sizeof t[1], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, 1));
			cell(&r, "%s %%", ru_num(t[2], sizeof t[2], v[n - 1], 1));
		} else {
			cell(&r, "нет данных");
			cell(&r, "—");
			cell(&r, "—");
		}
		cell(&r, "%zu из %zu", n, rs.nmunis);
		if (isfinite(jnum(any, "target_max")))
			cell(&r, "не более %s %%", ru_num(t[3], sizeof t[3], jnum(any, "target_max"), 0));
		else
			cell(&r, "—");
		table_row(&r);
	}
	if (!nused) {
		para("Показатели за %d г. не рассчитаны (нет записей indicator: запустите eq-recommend).", rs.year);
		for (int i = 0; i < r.n; i++)
			free(r.c[i]);
		free(used), free(v), free(with_data);
		return;
	}
	table_end();
	heading(3, "Показатели по муниципалитетам");
	para("Номера столбцов — номера показателей в таблице выше (показатели без данных ни по одному "
	     "муниципалитету не повторяются); значения в процентах.");
	cell(&r, "Муниципалитет");
	for (size_t c = 0; c < nused; c++)
		if (with_data[c])
			cell(&r, "%zu", c + 1);
	table_begin(&r);
	for (size_t m = 0; m < rs.nmunis; m++) {
		cell(&r, "%s", rs.munis[m]);
		for (size_t c = 0; c < nused; c++) {
			const json_t *o = find_indicator("municipality", rs.munis[m], used[c]);
			double x;
			if (!with_data[c])
				continue;
			if (shown_value(o, &x))
				cell(&r, "%s", ru_num(t[0], sizeof t[0], x, 1));
			else if (o && pupil_indicator(used[c]) && jnum(o, "denominator") > 0)
				cell(&r, "менее %d уч.", rs.min_n);
			else
				cell(&r, "нет данных");
		}
		table_row(&r);
	}
	table_end();
	free(used), free(v), free(with_data);
}

void
section_indicators(void)
{
	const struct dict_value *const *codes;
	size_t ncodes = dict_codes("indicator", &codes);

	section("Показатели");
	if (rs.nmunis <= INDICATOR_COLUMNS)
		indicators_wide(codes, ncodes);
	else
		indicators_long(codes, ncodes);
}

/* A cell of the items of an array, a line each. */
static void
cell_lines(struct row *r, const json_t *items, void (*words)(struct sbuf *, const json_t *))
{
	struct sbuf b = { 0 };

	for (size_t k = 0; k < json_array_size(items); k++) {
		if (k)
			sb_putc(&b, '\n');
		words(&b, json_array_get(items, k));
	}
	sb_putc(&b, '\0');
	cell(r, "%s", b.s);
	sb_free(&b);
}

void
school_cells(struct row *r, const struct school *s)
{
	if (*s->name)
		cell(r, "%s\n(%s)", s->name, s->id);
	else
		cell(r, "%s", s->id);
	if (multi_muni())
		cell(r, "%s", s->muni);
}

void
school_head(struct row *r)
{
	cell(r, "Школа");
	if (multi_muni())
		cell(r, "Муниципалитет");
}

void
section_shnor(void)
{
	struct row r = { 0 };
	size_t n = 0;

	section("Школы с низкими образовательными результатами (ШНОР)");
	for (size_t i = 0; i < rs.nschools; i++) {
		const struct school *s = &rs.schools[i];
		json_t *l = s->in_scope ? get(K_LOWRES, s->id, rs.year) : NULL;
		struct sbuf b = { 0 };
		if (!l || !jyes(l, "shnor"))
			continue;
		if (!n++) {
			school_head(&r);
			cell(&r, "Критерии");
			cell(&r, "Процедуры с низкими результатами");
			table_begin(&r);
		}
		school_cells(&r, s);
		criteria_words(&b, l, ";\n");
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell_lines(&r, json_object_get(l, "low_procedures"), low_proc_words);
		table_row(&r);
		sb_free(&b);
	}
	if (n)
		table_end();
	else
		para("Школ с низкими образовательными результатами в %d г. нет.", rs.year);
}

/* The inputs and what became of their rows; an input not read at all is
 * said first: the report lacks its data. */
void
section_sources(void)
{
	section("Источники данных");
	sources_table();
}

void
sources_table(void)
{
	struct row r = { 0 };
	size_t whole = 0;

	for (size_t i = 0; i < rs.jl[J_SRC].n; i++)
		whole += jyes(rs.jl[J_SRC].v[i], "rejected_whole");
	if (whole)
		para("Не приняты целиком (их данных в справке нет): %zu из %zu файлов; причины — в "
		     "журнале отклонённых записей.", whole, rs.jl[J_SRC].n);
	cell(&r, "Файл");
	cell(&r, "Вид данных");
	cell(&r, "Строк");
	cell(&r, "Принято");
	cell(&r, "Отклонено");
	cell(&r, "Пропущено (заголовки, пустые, итоговые строки)");
	table_begin(&r);
	for (size_t i = 0; i < rs.jl[J_SRC].n; i++) {
		const json_t *o = rs.jl[J_SRC].v[i], *sk = json_object_get(o, "skipped");
		cell(&r, "%s%s", jstr(o, "file"), jyes(o, "rejected_whole") ? " — не принят" : "");
		cell(&r, "%s", *jstr(o, "kind") ? ru_name("kind", jstr(o, "kind")) :
		               "не определён");
		cell(&r, "%d", jint(o, "rows"));
		cell(&r, "%d", jint(o, "accepted"));
		cell(&r, "%d", jint(o, "rejected"));
		{ /* every rule of eq-ingest's account: titles, blanks, footers, appeals, ... */
			const char *key;
			json_t *v;
			json_int_t skipped = 0;
			json_object_foreach((json_t *)sk, key, v)
				skipped += json_integer_value(v);
			cell(&r, "%lld", (long long)skipped);
		}
		table_row(&r);
	}
	table_end();
}

void
section_shnsu(void)
{
	struct row r = { 0 };
	char x[4][48];
	size_t n = 0;

	section("Школы, функционирующие в неблагоприятных социальных условиях (ШНСУ)");
	for (size_t i = 0; i < rs.nschools; i++) {
		const struct school *s = &rs.schools[i];
		json_t *o = s->in_scope ? get_recent(K_ISBS, s->id, rs.year) : NULL;
		if (!o || !jyes(o, "shnsu"))
			continue;
		if (!n++) {
			school_head(&r);
			cell(&r, "ИСБШ");
			cell(&r, "Место по ИСБШ");
			cell(&r, "Порог ШНСУ");
			cell(&r, "Уровень результатов, стандартных отклонений от среднего (ожидаемый при ИСБШ)");
			cell(&r, "Результаты относительно ожидаемых");
			table_begin(&r);
		}
		school_cells(&r, s);
		cell(&r, "%s", ru_num(x[0], 48, jnum(o, "isbs"), 1));
		cell(&r, "%d из %d", jint(o, "rank"), jint(o, "of"));
		cell(&r, "%s", ru_num(x[1], 48, jnum(o, "threshold"), 1));
		cell(&r, "%s (%s)", ru_num(x[2], 48, jnum(o, "result_level"), 2),
		     ru_num(x[3], 48, jnum(o, "expected"), 2));
		cell(&r, "%s", class_words(jstr(o, "context_class")));
		table_row(&r);
	}
	if (n)
		table_end();
	else
		para("Школ, функционирующих в неблагоприятных социальных условиях, нет.");
}

void
section_risk(void)
{
	struct row r = { 0 };
	char x[48];
	size_t n = 0;

	section("Школы в зоне риска снижения образовательных результатов");
	if (!rs.seen[K_RISK]) {
		para("Нет данных: в потоке нет анкет факторов риска (записей risk_profile); зона риска "
		     "не определялась.");
		return;
	}
	for (size_t i = 0; i < rs.nschools; i++) {
		const struct school *s = &rs.schools[i];
		json_t *o = s->in_scope ? get(K_RISK, s->id, rs.year) : NULL;
		const json_t *hf;
		struct sbuf b = { 0 };
		if (!o || !jyes(o, "risk_zone"))
			continue;
		if (!n++) {
			school_head(&r);
			cell(&r, "Факторы риска высокой значимости (значение)");
			table_begin(&r);
		}
		school_cells(&r, s);
		hf = json_object_get(o, "high_factors");
		for (size_t k = 0; k < json_array_size(hf); k++) {
			const json_t *f = json_array_get(hf, k);
			sb_printf(&b, "%s%s: %s", k ? "\n" : "", jstr(f, "name"),
			          ru_num(x, sizeof x, jnum(f, "value"), 2));
		}
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		table_row(&r);
		sb_free(&b);
	}
	if (n)
		table_end();
	else
		para("Школ в зоне риска в %d г. нет.", rs.year);
}

static int
cmp_score(const void *a, const void *b)
{
	double x = jnum(*(json_t *const *)a, "score"), y = jnum(*(json_t *const *)b, "score");

	if (x != y)
		return x < y ? 1 : -1;
	return strcmp(jstr(*(json_t *const *)a, "school_id"), jstr(*(json_t *const *)b, "school_id"));
}

/* The place of an objectivity record's score among its group's of the
 * year (1: the highest; equal scores share a place), of how many; counted
 * once for every record (a region has thousands). */
static struct rank_index places;
static int placed;

int
evidence_rank_of(const json_t *o, int *of)
{
	const struct ranked *p;

	if (!placed) {
		const struct strmap *m = &rs.byschool[K_OBJECTIVITY];
		struct ranked *v = emalloc((m->n + 1) * sizeof *v);
		size_t n = 0;
		for (size_t i = 0; i < m->cap; i++) {
			const json_t *q = m->keys[i] ? m->vals[i] : NULL;
			if (q && jint(q, "year") == rs.year)
				v[n++] = (struct ranked){ .group = jstr(q, "group"), .id = jstr(q, "school_id"),
					.score = isnan(jnum(q, "score")) ? 0 : jnum(q, "score") };
		}
		rank_index_build(&places, v, n);
		free(v);
		placed = 1;
	}
	if (!(p = rank_index_get(&places, jstr(o, "school_id")))) {
		*of = 0;
		return 0;
	}
	*of = p->of;
	return p->rank;
}

void
places_free(void)
{
	rank_index_free(&places);
	placed = 0;
}

/* Flagged schools in scope, highest score first. */
json_t **
flagged_schools(size_t *n)
{
	json_t **v = emalloc((rs.nschools + 1) * sizeof *v), *o;

	*n = 0;
	for (size_t i = 0; i < rs.nschools; i++)
		if (rs.schools[i].in_scope && (o = get(K_OBJECTIVITY, rs.schools[i].id, rs.year)) &&
		    jyes(o, "flagged"))
			v[(*n)++] = o;
	qsort(v, *n, sizeof *v, cmp_score);
	return v;
}

void
section_flagged(void)
{
	struct row r = { 0 };
	size_t n;
	json_t **v = flagged_schools(&n);
	char x[48];

	section("Школы с признаками необъективности результатов");
	if (n) {
		para("Признаки необъективности не являются доказательством нарушений: это основание для "
		     "проверки. Место по совокупности признаков — место школы среди школ своей группы "
		     "сравнения по сводной оценке признаков (z: насколько результаты школы неожиданны для "
		     "честно работающих школ того же уровня; 0 — ничего неожиданного).");
		school_head(&r);
		cell(&r, "Место по совокупности признаков");
		cell(&r, "Официальные признаки и их основания");
		table_begin(&r);
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *signs = json_object_get(v[i], "signs");
		struct sbuf b = { 0 };
		int of, rank = evidence_rank_of(v[i], &of);
		school_cells(&r, school_of(jstr(v[i], "school_id")));
		cell(&r, "%d из %d (z = %s)", rank, of, ru_num(x, sizeof x, jnum(v[i], "score"), 1));
		for (size_t k = 0; k < json_array_size(signs); k++) {
			sb_puts(&b, k ? "\n" : "");
			sign_words(&b, json_array_get(signs, k), jstr(v[i], "group"));
		}
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		sb_free(&b);
		table_row(&r);
	}
	if (n)
		table_end();
	else
		para("Школ с признаками необъективности результатов %d г. нет.", rs.year);
	free(v);
}

/* The recommendations of the year for one audience, in the short lists
 * (annex 0) or in the annex (annex 1). */
static size_t
recommendation_table(const char *audience, const char *title, int annex)
{
	struct row r = { 0 };
	size_t n = 0;

	for (size_t i = 0; i < rs.jl[J_REC].n; i++) {
		const json_t *o = rs.jl[J_REC].v[i];
		const struct school *s = school_of(jstr(o, "school_id"));
		int small;
		if (jint(o, "year") != rs.year || strcmp(jstr(o, "audience"), audience) != 0 || !s || !s->in_scope ||
		    jyes(o, "annex") != annex)
			continue;
		if (!n++) {
			heading(3, title);
			school_head(&r);
			cell(&r, "№");
			cell(&r, "Рекомендация");
			cell(&r, "Основание");
			cell(&r, "Срок");
			table_begin(&r);
		}
		small = small_source(o);
		school_cells(&r, s);
		if (jint(o, "rank"))
			cell(&r, "%d", jint(o, "rank"));
		else
			cell(&r, "%d", jint(o, "priority"));
		recommendation_cells(&r, o, small, 1);
		table_row(&r);
	}
	if (n)
		table_end();
	return n;
}

void
section_recommendations(void)
{
	static const char *const aud[][2] = {
		{ "administration", "Администрациям школ" }, { "teachers", "Учителям-предметникам" },
		{ "primary_teachers", "Учителям начальных классов" },
		{ "parents", "Родителям (законным представителям)" },
		{ "municipality", "Муниципальному органу управления образованием" },
	};
	size_t total = 0, annex = 0;

	section("Адресные рекомендации");
	for (size_t a = 0; a < sizeof aud / sizeof aud[0]; a++)
		total += recommendation_table(aud[a][0], aud[a][1], 0);
	if (!total)
		para("Рекомендаций на %d г. нет.", rs.year);
	for (size_t i = 0; i < rs.jl[J_REC].n && !annex; i++)
		annex += jint(rs.jl[J_REC].v[i], "year") == rs.year && jyes(rs.jl[J_REC].v[i], "annex");
	if (!annex)
		return;
	section("Приложение. Прочие рекомендации");
	para("Рекомендации сверх первых по значимости для каждой школы: их выполнение планируется "
	     "после основных.");
	for (size_t a = 0; a < sizeof aud / sizeof aud[0]; a++)
		recommendation_table(aud[a][0], aud[a][1], 1);
}
