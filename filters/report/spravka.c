/* spravka.c: what makes the report an official справка: the summary
 * first, purpose, basis, sources and methodology, the dynamics against the
 * year before, the effect of last year's measures, the measures per school
 * in brief, the conclusions and management decisions, and the date. Each
 * part is written when its records are in the stream, and says so when they
 * are not. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eqreport.h"
#include "jget.h"
#include "json.h"
#include "ru.h"
#include "util.h"

/* The lists a справка follows from year to year: the record kind and the
 * field that puts a school on it. */
static const struct {
	enum kind k;
	enum part part;
	const char *field, *name, *aim;
} lists[] = {
	{ K_LOWRES, P_SHNOR, "shnor", "ШНОР", "школ с низкими образовательными результатами (ШНОР)" },
	{ K_ISBS, P_SHNSU, "shnsu", "ШНСУ", "школ, функционирующих в неблагоприятных социальных условиях (ШНСУ)" },
	{ K_RISK, P_RISK, "risk_zone", "зона риска", "школ в зоне риска" },
	{ K_OBJECTIVITY, P_OBJECTIVITY, "flagged", "признаки необъективности",
	  "школ с признаками необъективности результатов" },
};
#define NLISTS (sizeof lists / sizeof lists[0])

/* 1 on the list in year y, 0 not, -1 no record */
static int
on_list(size_t l, const char *id, int y)
{
	const json_t *o = get(lists[l].k, id, y);

	return o ? jyes(o, lists[l].field) : -1;
}

/* the list has records of year y for some school in scope */
static int
list_known(size_t l, int y)
{
	for (size_t i = 0; i < rs.nschools; i++)
		if (rs.schools[i].in_scope && get(lists[l].k, rs.schools[i].id, y))
			return 1;
	return 0;
}

struct moves {
	size_t now, before, entered, left, stayed, unknown_before;
	struct sbuf in, out; /* names */
};

static void
count_moves(size_t l, struct moves *m)
{
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < rs.nschools; i++) {
		const struct school *s = &rs.schools[i];
		int a, b;
		if (!s->in_scope)
			continue;
		a = on_list(l, s->id, rs.year), b = on_list(l, s->id, rs.year - 1);
		m->now += a == 1, m->before += b == 1;
		if (a == 1 && b == 1)
			m->stayed++;
		else if (a == 1 && b == 0) {
			m->entered++;
			sb_printf(&m->in, "%s%s", m->in.len ? "; " : "", title_of(s->id));
		} else if (a == 1 && b < 0)
			m->unknown_before++;
		else if (a == 0 && b == 1) {
			m->left++;
			sb_printf(&m->out, "%s%s", m->out.len ? "; " : "", title_of(s->id));
		}
	}
	sb_putc(&m->in, '\0');
	sb_putc(&m->out, '\0');
}

static size_t
in_scope_count(void)
{
	size_t n = 0;

	for (size_t i = 0; i < rs.nschools; i++)
		n += (size_t)rs.schools[i].in_scope;
	return n;
}

/* measure_effect records of the year in scope, by verdict */
static void
effect_counts(size_t c[4])
{
	static const char *const v[4] = { "improved", "held", "worsened", "unknown" };

	c[0] = c[1] = c[2] = c[3] = 0;
	for (size_t i = 0; i < rs.jl[J_EFFECT].n; i++) {
		const json_t *o = rs.jl[J_EFFECT].v[i];
		if (jint(o, "year") != rs.year || !in_scope(jstr(o, "school_id")))
			continue;
		for (int k = 0; k < 4; k++)
			c[k] += strcmp(jstr(o, "verdict"), v[k]) == 0;
	}
}

static size_t
measures_of_year(size_t *first)
{
	size_t n = 0;

	*first = 0;
	for (size_t i = 0; i < rs.jl[J_REC].n; i++) {
		const json_t *o = rs.jl[J_REC].v[i];
		if (jint(o, "year") == rs.year && in_scope(jstr(o, "school_id")))
			n++, *first += !jyes(o, "annex");
	}
	return n;
}

void
section_summary(void)
{
	struct row r = { 0 };
	size_t schools = in_scope_count(), first, measures = measures_of_year(&first), c[4];

	section("Краткие итоги");
	{
		struct sbuf aim = { 0 };
		size_t k = 0, on = 0;
		for (size_t l = 0; l < NLISTS; l++)
			on += PART_ON(lists[l].part);
		for (size_t l = 0; l < NLISTS; l++)
			if (PART_ON(lists[l].part))
				sb_printf(&aim, "%s%s", k++ ? (k == on ? " и " : ", ") : "", lists[l].aim);
		sb_putc(&aim, '\0');
		para("Справка подготовлена по итогам %d г. в целях выявления %s%s. Школ: %zu.", rs.year, aim.s,
		     PART_ON(P_RECOMMENDATIONS) ? " и подготовки адресных рекомендаций" : "", schools);
		sb_free(&aim);
	}
	cell(&r, "Показатель");
	cell(&r, "%d г.", rs.year);
	cell(&r, "%d г.", rs.year - 1);
	cell(&r, "Вошли / вышли");
	table_begin(&r);
	for (size_t l = 0; l < NLISTS; l++) {
		struct moves m;
		int known_now = list_known(l, rs.year), known_before = list_known(l, rs.year - 1);
		if (!PART_ON(lists[l].part))
			continue;
		count_moves(l, &m);
		cell(&r, "Школ: %s", lists[l].name);
		known_now ? cell(&r, "%zu из %zu", m.now, schools) : cell(&r, "нет данных");
		known_before ? cell(&r, "%zu", m.before) : cell(&r, "нет данных");
		known_now && known_before ? cell(&r, "%zu / %zu", m.entered, m.left) : cell(&r, "—");
		table_row(&r);
		sb_free(&m.in), sb_free(&m.out);
	}
	if (rs.jseen[J_REC] && PART_ON(P_RECOMMENDATIONS)) {
		cell(&r, "Адресных мер (первоочередных)");
		cell(&r, "%zu (%zu)", measures, first);
		cell(&r, "—");
		cell(&r, "—");
		table_row(&r);
	}
	effect_counts(c);
	if (c[0] + c[1] + c[2] + c[3]) {
		cell(&r, "Меры %d г.: улучшение / без изменений / ухудшение / нет данных", rs.year - 1);
		cell(&r, "%zu / %zu / %zu / %zu", c[0], c[1], c[2], c[3]);
		cell(&r, "—");
		cell(&r, "—");
		table_row(&r);
	}
	table_end();
}

void
section_basis(void)
{
	char have[200] = "";
	size_t n = 0;

	section("Цель, основания, источники данных и методика");
	para("Основания: методические рекомендации ФИОКО по выявлению школ с низкими образовательными "
	     "результатами и школ, функционирующих в неблагоприятных социальных условиях; методика "
	     "Рособрнадзора (2019) выявления признаков необъективности результатов ВПР; муниципальные и "
	     "региональные программы поддержки школ.");
	for (int y = 2000; y <= 2100; y++)
		if (rs.years_seen[y - 2000])
			n += (size_t)snprintf(have + n, n < sizeof have ? sizeof have - n : 0, "%s%d", n ? ", " : "", y);
	para("Период данных: %s гг.; отчётный год — %d.", have, rs.year);
	{
		const json_t *l = NULL, *i = NULL;
		char x[2][48];
		for (size_t k = 0; k < rs.nschools && !(l && i); k++) {
			if (!rs.schools[k].in_scope)
				continue;
			l = l ? l : get(K_LOWRES, rs.schools[k].id, rs.year);
			i = i ? i : get_recent(K_ISBS, rs.schools[k].id, rs.year);
		}
		if (!PART_ON(P_SHNOR))
			;
		else if (l)
			para("ШНОР: школа, где доля обучающихся, не достигших базового уровня (отметка «2», балл "
			     "ЕГЭ ниже минимального), не ниже %s хотя бы по двум процедурам отчётного года или хотя бы "
			     "по одной в каждом из двух последних лет (ВПР 5–6 классов, ОГЭ и ЕГЭ по русскому языку "
			     "и математике). Минимальное число участников процедуры методикой не установлено%s.",
			     ru_pct(x[0], sizeof x[0], jnum(l, "threshold")),
			     isfinite(jnum(l, "min_n")) ? "; в расчёте установлен минимум" : " и не применялось");
		else
			para("ШНОР: нет данных (в потоке нет записей отнесения к ШНОР).");
		if (!PART_ON(P_SHNSU))
			;
		else if (i)
			para("ШНСУ: школа с индексом социального благополучия (ИСБШ) ниже порога %s — границы "
			     "нижней четверти школ группы; уровень результатов школы сопоставлен с ожидаемым при её "
			     "социальных условиях.", ru_num(x[1], sizeof x[1], jnum(i, "threshold"), 1));
		else
			para("ШНСУ: нет данных (в потоке нет расчёта ИСБШ).");
	}
	if (PART_ON(P_OBJECTIVITY))
		para("Признаки необъективности: официальные признаки методики Рособрнадзора (средний балл выше "
		     "среднего по группе сравнения, расхождение с отметками по журналу, резкое изменение "
		     "результатов параллели) определяют отнесение школы к школам с признаками; дополнительные "
		     "признаки и сводная оценка служат для выбора школ для проверки и выводом не являются.");
	if (PART_ON(P_RECOMMENDATIONS))
		para("Адресные меры не назначаются по данным менее 10 участников (кроме решений об отнесении "
		     "к ШНОР и ШНСУ).");
	para("Доли групп менее %d участников в справке не показываются.", rs.min_n);
	if (rs.jseen[J_SRC])
		sources_table();
	else
		para("Сведения о файлах-источниках: нет данных (в потоке нет записей о загрузке).");
}

static void
moves_row(struct row *r, size_t l)
{
	struct moves m;

	count_moves(l, &m);
	cell(r, "%s", lists[l].name);
	cell(r, "%zu", m.before);
	cell(r, "%zu", m.now);
	cell(r, "%zu", m.stayed);
	cell(r, "%zu%s%s", m.entered, m.entered ? ": " : "", m.in.s);
	cell(r, "%zu%s%s", m.left, m.left ? ": " : "", m.out.s);
	table_row(r);
	sb_free(&m.in), sb_free(&m.out);
}

void
section_dynamics(void)
{
	struct row r = { 0 };
	size_t shown = 0, missing = 0;
	char what[200] = "";

	section("Динамика");
	for (size_t l = 0; l < NLISTS; l++) {
		if (!PART_ON(lists[l].part) || !rs.seen[lists[l].k])
			continue;
		if (!list_known(l, rs.year - 1) || !list_known(l, rs.year)) {
			size_t n = strlen(what);
			snprintf(what + n, sizeof what - n, "%s%s", missing++ ? ", " : "", lists[l].name);
			continue;
		}
		if (!shown++) {
			para("Списки школ %d и %d гг. по одним и тем же правилам; вошедшие в список и вышедшие из "
			     "него названы.", rs.year - 1, rs.year);
			cell(&r, "Список");
			cell(&r, "%d г.", rs.year - 1);
			cell(&r, "%d г.", rs.year);
			cell(&r, "Остались");
			cell(&r, "Вошли");
			cell(&r, "Вышли");
			table_begin(&r);
		}
		moves_row(&r, l);
	}
	if (shown)
		table_end();
	if (missing)
		para("Нет данных за %d г. для сравнения: %s.", rs.year - 1, what);
}

void
section_effect(void)
{
	struct row r = { 0 };
	size_t c[4], n = 0;

	section("Эффективность мер прошлого года");
	effect_counts(c);
	if (!(c[0] + c[1] + c[2] + c[3])) {
		para("Нет данных: в потоке нет рекомендаций %d г., по которым можно проверить изменение "
		     "показателей.", rs.year - 1);
		return;
	}
	para("По мерам %d г. показатель, на котором мера основана, в %d г.: улучшился — %zu, существенно не "
	     "изменился — %zu, ухудшился — %zu, нет данных — %zu (изменение долей учитывается, только если "
	     "оно больше случайного).", rs.year - 1, rs.year, c[0], c[1], c[2], c[3]);
	for (size_t i = 0; i < rs.jl[J_EFFECT].n; i++) {
		const json_t *o = rs.jl[J_EFFECT].v[i];
		const struct school *s = school_of(jstr(o, "school_id"));
		if (jint(o, "year") != rs.year || !s || !s->in_scope)
			continue;
		if (!n++) {
			school_head(&r);
			cell(&r, "Мера и результат");
			table_begin(&r);
		}
		school_cells(&r, s);
		cell(&r, "%s", jstr(o, "text"));
		table_row(&r);
	}
	if (n)
		table_end();
}

/* The first sentence of a text, for a list: up to the first colon or full
 * stop (at most 160 bytes, cut at a space). */
static void
short_text(struct sbuf *b, const char *s)
{
	size_t n = strcspn(s, ":.");

	if (n > 160) {
		n = 160;
		while (n > 0 && s[n] != ' ')
			n--;
		sb_putn(b, s, n);
		sb_puts(b, "…");
		return;
	}
	sb_putn(b, s, n);
}

/* A measure in a list: the catalogue's title, else its text's first words
 * (a small group's shares hidden). */
static void
measure_name(struct sbuf *b, const json_t *o)
{
	struct sbuf t = { 0 };

	if (*jstr(o, "title")) {
		sb_puts(b, jstr(o, "title"));
		return;
	}
	short_text(&t, jstr(o, "text"));
	sb_putc(&t, '\0');
	if (small_source(o))
		mask_percentages(b, t.s);
	else
		sb_puts(b, t.s);
	sb_free(&t);
}

static const char *
audience_words(const char *a)
{
	return strcmp(a, "administration") == 0 ? "администрация" : strcmp(a, "teachers") == 0 ? "учителя"
	     : strcmp(a, "primary_teachers") == 0 ? "учителя начальных классов"
	     : strcmp(a, "parents") == 0 ? "родители" : strcmp(a, "municipality") == 0 ? "муниципалитет" : a;
}

/* Each school's measures in brief: the list first (annex 0), or the annex. */
void
measures_brief(int annex)
{
	struct row r = { 0 };
	char due[32];
	size_t n = 0;

	for (size_t i = 0; i < rs.jl[J_REC].n; i++) {
		const json_t *o = rs.jl[J_REC].v[i];
		const struct school *s = school_of(jstr(o, "school_id"));
		struct sbuf b = { 0 };
		if (jint(o, "year") != rs.year || !s || !s->in_scope || jyes(o, "annex") != annex)
			continue;
		if (!n++) {
			school_head(&r);
			cell(&r, "№");
			cell(&r, "Мера");
			cell(&r, "Исполнитель");
			cell(&r, "Срок");
			table_begin(&r);
		}
		school_cells(&r, s);
		if (jint(o, "rank"))
			cell(&r, "%d", jint(o, "rank"));
		else
			cell(&r, "—");
		measure_name(&b, o);
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell(&r, "%s", audience_words(jstr(o, "audience")));
		cell(&r, "%s", due_words(jstr(o, "due"), due, sizeof due));
		table_row(&r);
		sb_free(&b);
	}
	if (n)
		table_end();
	else if (!annex)
		para("Рекомендаций на %d г. нет.", rs.year);
}

/* Decisions for the municipality: its measures, each with its schools. */
void
section_decisions(void)
{
	struct sbuf seen = { 0 };
	size_t n = 0;

	section("Выводы и управленческие решения");
	for (size_t i = 0; i < rs.jl[J_REC].n; i++) {
		const json_t *o = rs.jl[J_REC].v[i];
		const char *code = jstr(o, "code");
		struct sbuf names = { 0 }, key = { 0 };
		size_t k = 0;
		if (jint(o, "year") != rs.year || strcmp(jstr(o, "audience"), "municipality") != 0 ||
		    !in_scope(jstr(o, "school_id")))
			continue;
		sb_printf(&key, "|%s|", code);
		sb_putc(&key, '\0');
		sb_putc(&seen, '\0');
		seen.len--;
		if (seen.s && strstr(seen.s, key.s)) {
			sb_free(&key);
			continue;
		}
		sb_puts(&seen, key.s);
		for (size_t j = i; j < rs.jl[J_REC].n; j++) {
			const json_t *p = rs.jl[J_REC].v[j];
			if (jint(p, "year") == rs.year && strcmp(jstr(p, "code"), code) == 0 &&
			    strcmp(jstr(p, "audience"), "municipality") == 0 && in_scope(jstr(p, "school_id")))
				sb_printf(&names, "%s%s", k++ ? "; " : "", title_of(jstr(p, "school_id")));
		}
		sb_putc(&names, '\0');
		if (!n++)
			para("Муниципальному органу управления образованием (по адресным рекомендациям):");
		{
			struct sbuf t = { 0 };
			measure_name(&t, o);
			sb_putc(&t, '\0');
			para("%zu. %s — школ: %zu (%s).", n, t.s, k, names.s);
			sb_free(&t);
		}
		sb_free(&names), sb_free(&key);
	}
	if (!n)
		para("Решений муниципального уровня по адресным рекомендациям %d г. нет.", rs.year);
	sb_free(&seen);
}

/* The date the справка was made: SOURCE_DATE_EPOCH when set (reproducible
 * output), else today. */
void
spravka_date(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = e && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
	struct tm tm;
	char d[32];

	gmtime_r(&t, &tm);
	strftime(d, sizeof d, "%d.%m.%Y", &tm);
	para("Дата формирования справки: %s. Подготовлено eq %s.", d, EQ_VERSION);
}

/* ---- the report of one school ---- */

static void
school_status(const char *id)
{
	const json_t *i = get_recent(K_ISBS, id, rs.year), *l = get(K_LOWRES, id, rs.year),
	             *k = get(K_RISK, id, rs.year), *o = get(K_OBJECTIVITY, id, rs.year);
	struct sbuf b = { 0 };
	char x[4][48];

	if (i) {
		sb_printf(&b, "ИСБШ %s: место %d из %d в группе «%s» (1 — наименьший индекс), порог ШНСУ %s — школа %s к "
		          "школам, функционирующим в неблагоприятных социальных условиях. Уровень результатов: %s "
		          "стандартного отклонения от среднего по группе при ожидаемом при её ИСБШ %s — %s.",
		          ru_num(x[0], 48, jnum(i, "isbs"), 1), jint(i, "rank"), jint(i, "of"), jstr(i, "group"),
		          ru_num(x[1], 48, jnum(i, "threshold"), 1), jyes(i, "shnsu") ? "относится" : "не относится",
		          ru_num(x[2], 48, jnum(i, "result_level"), 2), ru_num(x[3], 48, jnum(i, "expected"), 2),
		          class_words(jstr(i, "context_class")));
		sb_putc(&b, '\0');
		para("%s", b.s);
		b.len = 0;
	} else if (PART_ON(P_SHNSU)) {
		para("ИСБШ: нет данных (социальный паспорт школы не представлен).");
	}
	if (l && jyes(l, "shnor")) {
		criteria_words(&b, l, "; ");
		sb_puts(&b, "; процедуры с низкими результатами: ");
		for (size_t k2 = 0; k2 < json_array_size(json_object_get(l, "low_procedures")); k2++) {
			sb_puts(&b, k2 ? "; " : "");
			low_proc_words(&b, json_array_get(json_object_get(l, "low_procedures"), k2));
		}
		sb_putc(&b, '\0');
		para("Школа отнесена к школам с низкими образовательными результатами (ШНОР): %s.", b.s);
		b.len = 0;
	} else if (l) {
		para("Школа не относится к школам с низкими образовательными результатами (ШНОР).");
	} else if (PART_ON(P_SHNOR)) {
		para("ШНОР: нет данных.");
	}
	if (k && jyes(k, "risk_zone")) {
		const json_t *hf = json_object_get(k, "high_factors");
		for (size_t f = 0; f < json_array_size(hf); f++)
			sb_printf(&b, "%s%s (%s)", f ? "; " : "", ru_name("factor", jstr(json_array_get(hf, f), "factor")),
			          ru_num(x[0], 48, jnum(json_array_get(hf, f), "value"), 2));
		sb_putc(&b, '\0');
		para("Школа в зоне риска снижения образовательных результатов: %s.", b.s);
		b.len = 0;
	} else if (k) {
		para("Высоких факторов риска нет.");
	} else if (PART_ON(P_RISK)) {
		para("Факторы риска: нет данных.");
	}
	if (o) {
		int of, rank = evidence_rank_of(o, &of);
		para("Признаки необъективности результатов: %s; по совокупности признаков — место %d из %d в "
		     "группе «%s» (z = %s; признаки — основание для проверки, не вывод).",
		     jyes(o, "flagged") ? "есть официальные (раздел ниже)" : "официальных нет", rank, of,
		     jstr(o, "group"), ru_num(x[0], 48, jnum(o, "score"), 1));
	} else if (PART_ON(P_OBJECTIVITY)) {
		para("Признаки необъективности результатов: нет данных.");
	}
	sb_free(&b);
}

/* the school on each list last year and this */
static void
school_dynamics(const char *id)
{
	struct sbuf b = { 0 };

	for (size_t l = 0; l < NLISTS; l++) {
		int a, p;
		if (!PART_ON(lists[l].part))
			continue;
		a = on_list(l, id, rs.year), p = on_list(l, id, rs.year - 1);
		sb_printf(&b, "%s%s: %s в %d г., %s в %d г.", b.len ? "; " : "", lists[l].name,
		          p < 0 ? "нет данных" : p ? "да" : "нет", rs.year - 1, a < 0 ? "нет данных" : a ? "да" : "нет",
		          rs.year);
	}
	sb_putc(&b, '\0');
	para("Динамика: %s", b.s); /* it ends with «г.» */
	sb_free(&b);
}

static void
school_results(const char *id)
{
	struct row r = { 0 };
	char x[48];
	size_t n = 0;

	for (size_t i = 0; i < rs.jl[J_PROC].n; i++) {
		const json_t *p = rs.jl[J_PROC].v[i];
		struct sbuf b = { 0 };
		if (jint(p, "year") != rs.year || strcmp(jstr(p, "school_id"), id) != 0)
			continue;
		if (!n++) {
			heading(3, "Результаты процедур");
			cell(&r, "Процедура");
			cell(&r, "Участников");
			cell(&r, "Доля «2»");
			cell(&r, "Низкие результаты");
			table_begin(&r);
		}
		proc_words(&b, jstr(p, "procedure"), jstr(p, "subject"), jint(p, "grade"));
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell(&r, "%d", jint(p, "n"));
		if (jnum(p, "n") >= rs.min_n)
			cell(&r, "%s", ru_pct(x, sizeof x, jnum(p, "share_fail")));
		else
			cell(&r, "менее %d участников", rs.min_n);
		cell(&r, "%s", jyes(p, "low") ? "да" : "нет");
		table_row(&r);
		sb_free(&b);
	}
	if (n)
		table_end();
}

void
section_school(void)
{
	const char *id = rs.want_school;

	section("Положение школы");
	school_status(id);
	school_dynamics(id);
	school_results(id);
}
