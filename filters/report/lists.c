/* lists.c: the lists for Excel (CSV: UTF-8 with BOM, ";", CRLF). */
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

void
csv_schools(void)
{
	struct row r = { 0 };
	const char *head[] = { "Код школы", "Школа", "Муниципалитет", "Год", "ИСБШ", "Место по ИСБШ",
		"ШНСУ", "Уровень результатов", "Результаты относительно ожидаемых", "ШНОР",
		"Критерии ШНОР", "Зона риска", "Факторы риска", "Признаки необъективности",
		"Сводная оценка признаков необъективности (z)", "Рекомендаций", NULL };
	char x[3][48];
	int *nrec = ecalloc(rs.nschools + 1, sizeof *nrec);

	for (size_t k = 0; k < rs.jl[J_REC].n; k++) /* recommendations per school, in one pass */
		if (jint(rs.jl[J_REC].v[k], "year") == rs.year) {
			const char *id = jstr(rs.jl[J_REC].v[k], "school_id");
			nrec[(size_t)strmap_get(&rs.school_idx, id, strlen(id))]++; /* [0]: no school record */
		}
	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < rs.nschools; i++) {
		const struct school *s = &rs.schools[i];
		json_t *is = get_recent(K_ISBS, s->id, rs.year), *l = get(K_LOWRES, s->id, rs.year),
		       *rk = get(K_RISK, s->id, rs.year), *o = get(K_OBJECTIVITY, s->id, rs.year);
		struct sbuf b = { 0 };
		if (!s->in_scope)
			continue;
		cell(&r, "%s", s->id);
		cell(&r, "%s", s->name);
		cell(&r, "%s", s->muni);
		cell(&r, "%d", rs.year);
		cell(&r, "%s", is ? ru_num(x[0], 48, jnum(is, "isbs"), 2) : "");
		if (is)
			cell(&r, "%d из %d", jint(is, "rank"), jint(is, "of"));
		else
			cell(&r, "%s", "");
		cell(&r, "%s", is ? yesno(jyes(is, "shnsu")) : "");
		cell(&r, "%s", is ? ru_num(x[1], 48, jnum(is, "result_level"), 3) : "");
		cell(&r, "%s", is ? class_words(jstr(is, "context_class")) : "");
		cell(&r, "%s", l ? yesno(jyes(l, "shnor")) : "");
		if (l)
			criteria_words(&b, l, "; ");
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell(&r, "%s", rk ? yesno(jyes(rk, "risk_zone")) : "");
		b.len = 0;
		if (rk) {
			const json_t *hf = json_object_get(rk, "high_factors");
			for (size_t k = 0; k < json_array_size(hf); k++)
				sb_printf(&b, "%s%s", k ? "; " : "", jstr(json_array_get(hf, k), "name"));
		}
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell(&r, "%s", o ? yesno(jyes(o, "flagged")) : "");
		cell(&r, "%s", o ? ru_num(x[2], 48, jnum(o, "score"), 3) : "");
		cell(&r, "%d", nrec[i + 1]);
		table_row(&r);
		sb_free(&b);
	}
	free(nrec);
}

void
csv_recommendations(void)
{
	struct row r = { 0 };
	const char *head[] = { "Код школы", "Школа", "Муниципалитет", "Адресат", "Предметы",
		"Приоритет", "№ в списке школы", "Приложение", "Код меры", "Рекомендация", "Основание", "Срок", NULL };

	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < rs.jl[J_REC].n; i++) {
		const json_t *o = rs.jl[J_REC].v[i];
		const struct school *s = school_of(jstr(o, "school_id"));
		struct sbuf b = { 0 };
		int small;
		if (jint(o, "year") != rs.year || !s || !s->in_scope)
			continue;
		small = small_source(o);
		cell(&r, "%s", s->id);
		cell(&r, "%s", s->name);
		cell(&r, "%s", s->muni);
		cell(&r, "%s", ru_name("audience", jstr(o, "audience")));
		subjects_words(&b, o);
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		b.len = 0;
		cell(&r, "%d", jint(o, "priority"));
		cell(&r, "%d", jint(o, "rank"));
		cell(&r, "%s", jyes(o, "annex") ? "да" : "нет");
		cell(&r, "%s", jstr(o, "code"));
		recommendation_cells(&r, o, small, 0);
		table_row(&r);
		sb_free(&b);
	}
}

void
csv_indicators(void)
{
	struct row r = { 0 };
	const char *head[] = { "Уровень", "Территория", "Год", "Код показателя", "Показатель",
		"Числитель", "Знаменатель", "Значение, %", "Целевое значение, %", NULL };
	char x[2][48];

	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < rs.jl[J_IND].n; i++) {
		const json_t *o = rs.jl[J_IND].v[i];
		int muni = strcmp(jstr(o, "level"), "municipality") == 0, mine = !muni;
		int hide = pupil_indicator(jstr(o, "indicator")) && jnum(o, "denominator") < rs.min_n;
		for (size_t m = 0; m < rs.nmunis && muni; m++)
			mine |= strcmp(rs.munis[m], jstr(o, "group")) == 0;
		if (jint(o, "year") != rs.year || !mine)
			continue;
		cell(&r, "%s", muni ? "муниципалитет" : "регион");
		cell(&r, "%s", jstr(o, "group"));
		cell(&r, "%d", jint(o, "year"));
		cell(&r, "%s", jstr(o, "indicator"));
		cell(&r, "%s", jstr(o, "name"));
		cell(&r, "%s", hide ? "" : ru_num(x[0], 48, jnum(o, "numerator"), 0));
		cell(&r, "%s", hide ? "" : ru_num(x[1], 48, jnum(o, "denominator"), 0));
		cell(&r, "%s", hide ? "" : ru_num(x[0], 48, jnum(o, "value"), 2));
		cell(&r, "%s", isfinite(jnum(o, "target_max")) ? ru_num(x[1], 48, jnum(o, "target_max"), 0) : "");
		table_row(&r);
	}
}

void
csv_tasks(void)
{
	struct row r = { 0 };
	const char *head[] = { "Код школы", "Школа", "Процедура", "Предмет", "Класс", "Год",
		"Участников", "Задание", "Максимальный балл", "Выполнение в школе, %",
		"Выполнение в группе, %", NULL };
	char x[3][48];

	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < rs.jl[J_TASK].n; i++) {
		const json_t *o = rs.jl[J_TASK].v[i], *mx = json_object_get(o, "max"),
		             *sc = json_object_get(o, "school"), *rg = json_object_get(o, "region");
		const struct school *s = school_of(jstr(o, "school_id"));
		if (jint(o, "year") != rs.year || !s || !s->in_scope || jnum(o, "n") < rs.min_n)
			continue;
		for (size_t k = 0; k < json_array_size(sc); k++) {
			cell(&r, "%s", s->id);
			cell(&r, "%s", s->name);
			cell(&r, "%s", ru_name("procedure", jstr(o, "procedure")));
			cell(&r, "%s", ru_name("subject", jstr(o, "subject")));
			cell(&r, "%d", jint(o, "grade"));
			cell(&r, "%d", jint(o, "year"));
			cell(&r, "%d", jint(o, "n"));
			cell(&r, "%zu", k + 1);
			cell(&r, "%s", ru_num(x[0], 48, json_number_value(json_array_get(mx, k)), 0));
			cell(&r, "%s", ru_num(x[1], 48, 100 * json_number_value(json_array_get(sc, k)), 1));
			cell(&r, "%s", ru_num(x[2], 48, 100 * json_number_value(json_array_get(rg, k)), 1));
			table_row(&r);
		}
	}
}
