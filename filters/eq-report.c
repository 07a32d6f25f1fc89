/* eq-report: the analytic report (аналитическая справка) of a region, a
 * municipality or a school: HTML with inline SVG charts, Markdown of the same
 * content, or one of its lists as CSV for Excel. A sink: it reads what the
 * analytic filters wrote (and the pupils' results, reduced to counts and
 * score histograms for the charts) and writes the report, not records. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "dict.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "opt.h"
#include "reduce.h"
#include "report.h"
#include "ru.h"
#include "schools.h"
#include "scales.h"
#include "stream.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

static const char usage[] =
	"[--format html|md|csv] [--list LIST] [--municipality NAME | --school ID] [--year Y] "
	"[--min-n N] [FILE...]";
static const char help[] =
	"Write the analytic report (аналитическая справка) of the records: summary\n"
	"indicators, the lists of ШНОР, ШНСУ, risk-zone and flagged schools with their\n"
	"evidence, the recommendations per audience, and charts as inline SVG (ИСБШ\n"
	"against result level, score distributions of flagged schools against the\n"
	"region's with the mark boundaries, mark shares by school). Reads the output\n"
	"of eq-recommend (or any part of the chain); writes no records.\n"
	"\n"
	"  -f, --format F         html (default; one self-contained file), md, or csv\n"
	"  -l, --list LIST        with csv: schools (default), recommendations,\n"
	"                         indicators or tasks; UTF-8 with BOM, ';', CRLF\n"
	"  -m, --municipality M   the report of municipality M (default: all schools\n"
	"                         in the input, the regional summary)\n"
	"  -s, --school ID        the report of one school\n"
	"  -y, --year Y           the year to report (default: the latest in the input)\n"
	"  -n, --min-n N          groups of fewer than N pupils are not shown (default 5;\n"
	"                         at least 5)\n"
	COMMON_HELP;

enum fmt { F_HTML, F_MD, F_CSV };
enum list { L_SCHOOLS, L_RECS, L_INDICATORS, L_TASKS };
static enum fmt fmt = F_HTML;
static enum list list = L_SCHOOLS;
static const char *want_muni, *want_school;
static int year, max_year, min_n = 5;

/* ---- what the input says ---- */

/* Municipalities of the schools in scope, sorted. */
static const char **munis;
static size_t nmunis;

struct school {
	char *id, *name, *muni, *region;
	int in_scope;
};
static struct school *schools;
static size_t nschools;
static struct strmap school_idx; /* id -> index + 1 */

enum kind { K_ISBS, K_LOWRES, K_RISK, K_OBJECTIVITY, NKINDS };
static const char *const kind_type[NKINDS] = { "isbs", "lowres", "risk_profile", "objectivity" };
static struct strmap byschool[NKINDS]; /* "school\x1fyear" -> json_t */

struct jlist {
	json_t **v;
	size_t n;
};
enum { J_MODEL, J_REC, J_IND, J_PROC, J_TASK, J_SRC, NJ };
static const char *const jlist_type[NJ] = { "isbs_model", "recommendation", "indicator",
	"procedure_result", "task_completion", "source" };
static unsigned char years_seen[101]; /* 2000..2100: a year the records speak of */
static struct jlist jl[NJ];
static int seen[NKINDS], jseen[NJ]; /* a section is written only for what the input has */
static struct reduce red;

static void
jlist_add(struct jlist *l, json_t *o)
{
	if ((l->n & (l->n - 1)) == 0) /* 0, 1, 2, 4, ...: double */
		l->v = erealloc(l->v, (l->n ? 2 * l->n : 1) * sizeof *l->v);
	l->v[l->n++] = o;
}

static struct school *
school_of(const char *id)
{
	size_t i = (size_t)strmap_get(&school_idx, id, strlen(id));

	return i ? &schools[i - 1] : NULL;
}

static int
in_scope(const char *id)
{
	const struct school *s = school_of(id);

	return s && s->in_scope;
}

static const char *
title_of(const char *id)
{
	const struct school *s = school_of(id);

	return s && *s->name ? s->name : id;
}

static json_t *
get(enum kind k, const char *id, int y)
{
	struct key key;
	json_t *o;

	key_of(&key, "sd", id, y);
	o = strmap_get(&byschool[k], key.s, key.n);
	key_free(&key);
	return o;
}

/* The record of the year, else of the nearest year before it (ИСБШ is
 * computed from the context of a year that may lag the results). */
static json_t *
get_recent(enum kind k, const char *id, int y)
{
	json_t *o;

	for (int d = 0; d <= 3; d++)
		if ((o = get(k, id, y - d)))
			return o;
	return NULL;
}

static void
put_school(const char *id, const char *name, const char *muni, const char *region)
{
	struct school *s;

	if (strmap_get(&school_idx, id, strlen(id)))
		return; /* the same record again */
	if ((nschools & (nschools - 1)) == 0)
		schools = erealloc(schools, (nschools ? 2 * nschools : 1) * sizeof *schools);
	s = &schools[nschools++];
	s->id = estrdup(id);
	s->name = estrdup(name);
	s->muni = estrdup(muni);
	s->region = estrdup(region);
	s->in_scope = 0;
	strmap_put(&school_idx, id, strlen(id), (void *)nschools);
}

static const char no_muni[] = "муниципалитет не указан";

/* The school as its records so far tell it (they complete each other). */
static void
add_school(const char *id)
{
	const char *name = school_name(id), *muni = school_group(id, BY_MUNICIPALITY),
	           *region = school_group(id, BY_REGION);
	struct school *s = school_of(id);

	if (!s) {
		put_school(id, name ? name : "", muni ? muni : no_muni,
		           region ? region : "");
		return;
	}
	if (name && !*s->name)
		free(s->name), s->name = estrdup(name);
	if (muni && strcmp(s->muni, no_muni) == 0)
		free(s->muni), s->muni = estrdup(muni);
	if (region && !*s->region)
		free(s->region), s->region = estrdup(region);
}

/* A school the records speak of: one without a school record is still
 * reported (under «муниципалитет не указан»), and said. */
static struct strmap spoken_of;

static void
note_school(const char *id)
{
	if (*id && !strmap_get(&spoken_of, id, strlen(id)))
		strmap_put(&spoken_of, id, strlen(id), &spoken_of);
}

static void
add_unrecorded_schools(void)
{
	for (size_t i = 0; i < red.n; i++)
		note_school(red.v[i]->school_id);
	for (size_t i = 0; i < spoken_of.cap; i++) {
		char *id;
		if (!spoken_of.keys[i])
			continue;
		id = estrndup(spoken_of.keys[i], spoken_of.klens[i]);
		if (!school_of(id)) {
			warn_at(NULL, 0, "warning: school %s has records but no school record: it is "
			        "reported under «муниципалитет не указан»", id);
			put_school(id, "", no_muni, "");
		}
		free(id);
	}
	strmap_free(&spoken_of, NULL);
}

static int
take(const struct record *r)
{
	json_t *rec, *old;
	char err[600];
	struct key key;
	size_t k, j;
	int y;

	if (!r->type)
		return -1;
	if (type_is(r->type, r->tlen, "result")) {
		const char *why;
		if (fmt == F_CSV) /* the lists read no pupil rows */
			return -1;
		if (reduce_result(&red, r->line, r->len, &why) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", why);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school_result")) {
		char where[300];
		if (fmt == F_CSV)
			return -1;
		snprintf(where, sizeof where, "%s:%lu", r->file, r->lineno);
		if (reduce_school_result(&red, r->line, r->len, where, err, sizeof err) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	for (k = 0; k < NKINDS && !type_is(r->type, r->tlen, kind_type[k]); k++)
		;
	for (j = 0; j < NJ && !type_is(r->type, r->tlen, jlist_type[j]); j++)
		;
	if (k == NKINDS && j == NJ && !type_is(r->type, r->tlen, "school"))
		return -1; /* not read by the report */
	if (j == J_TASK && !(fmt == F_CSV && list == L_TASKS))
		return -1; /* only the task list reads them */
	if (!(rec = json_parse_line(r->line, r->len, err, sizeof err))) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school")) {
		/* the rule of every filter: the first record of a school holds */
		if (schools_take(r) == 0)
			add_school(jstr(rec, "school_id"));
		json_decref(rec);
		return -1;
	}
	if (j == J_SRC) {
		jlist_add(&jl[j], rec);
		jseen[j] = 1;
		return -1;
	}
	y = jint(rec, "year");
	if (y < 2000 || y > 2100 || (k < NKINDS && !*jstr(rec, "school_id"))) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%.*s: no school_id or year",
		            (int)r->tlen, r->type);
		json_decref(rec);
		return -1;
	}
	if (j != J_MODEL && j != J_PROC && y > max_year)
		max_year = y;
	years_seen[y - 2000] = 1;
	if (k < NKINDS)
		seen[k] = 1;
	else
		jseen[j] = 1;
	note_school(jstr(rec, "school_id"));
	if (k < NKINDS) {
		key_of(&key, "sd", jstr(rec, "school_id"), y);
		if ((old = strmap_get(&byschool[k], key.s, key.n)))
			json_decref(old); /* the later record of a school-year wins */
		strmap_put(&byschool[k], key.s, key.n, rec);
		key_free(&key);
	} else {
		jlist_add(&jl[j], rec);
	}
	return -1;
}

/* ---- writing: the same calls make HTML, Markdown and CSV ---- */

static void
out_esc(const char *s)
{
	for (; *s; s++) {
		const char *e = NULL;
		switch (fmt) {
		case F_HTML:
			e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
			    *s == '"' ? "&quot;" : *s == '\n' ? "<br>" : NULL;
			break;
		case F_MD:
			e = *s == '|' ? "\\|" : *s == '\n' ? "<br>" : *s == '<' ? "&lt;" :
			    *s == '*' ? "\\*" : *s == '_' ? "\\_" : NULL;
			break;
		case F_CSV:
			e = *s == '"' ? "\"\"" : NULL;
			break;
		}
		if (e)
			fputs(e, stdout);
		else
			putchar(*s);
	}
}

static void
heading(int level, const char *text)
{
	if (fmt == F_HTML) {
		printf("<h%d>", level);
		out_esc(text);
		printf("</h%d>\n", level);
	} else {
		printf("\n%.*s ", level, "######");
		out_esc(text);
		printf("\n\n");
	}
}

/* "3. Title": sections are numbered as written (some may be left out). */
static void
section(const char *title)
{
	static int no;
	char t[300];

	snprintf(t, sizeof t, "%d. %s", ++no, title);
	if (fmt == F_HTML) { /* an anchor for each: report.html#s7 */
		printf("<h2 id=\"s%d\">", no);
		out_esc(t);
		puts("</h2>");
	} else {
		heading(2, t);
	}
}

static void
para(const char *fmt_, ...) __attribute__((format(printf, 1, 2)));
static void
para(const char *fmt_, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt_);
	n = vsnprintf(NULL, 0, fmt_, ap);
	va_end(ap);
	s = emalloc((size_t)n + 1);
	va_start(ap, fmt_);
	vsnprintf(s, (size_t)n + 1, fmt_, ap);
	va_end(ap);
	fputs(fmt == F_HTML ? "<p>" : "", stdout);
	out_esc(s);
	fputs(fmt == F_HTML ? "</p>\n" : "\n\n", stdout);
	free(s);
}

#define MAXCOLS 40
struct row {
	char *c[MAXCOLS];
	int n;
};

static void
cell(struct row *r, const char *fmt_, ...) __attribute__((format(printf, 2, 3)));
static void
cell(struct row *r, const char *fmt_, ...)
{
	va_list ap;
	int n;

	if (r->n == MAXCOLS)
		die(EQ_USAGE, "internal: a table of more than %d columns", MAXCOLS);
	va_start(ap, fmt_);
	n = vsnprintf(NULL, 0, fmt_, ap);
	va_end(ap);
	r->c[r->n] = emalloc((size_t)n + 1);
	va_start(ap, fmt_);
	vsnprintf(r->c[r->n++], (size_t)n + 1, fmt_, ap);
	va_end(ap);
}

static int table_cols;

/* A cell Excel would take for a formula: it starts with = + - @ or a tab or
 * CR, and is not a number ("-0,80"). */
static int
csv_formula(const char *s)
{
	double v;
	int is_int;

	return *s && strchr("=+-@\t\r", *s) && parse_number(s, strlen(s), &v, &is_int) < 0;
}

static void
emit_row(struct row *r, int head)
{
	for (int i = 0; i < r->n; i++) {
		switch (fmt) {
		case F_HTML:
			fputs(head ? "<th>" : "<td>", stdout);
			out_esc(r->c[i]);
			fputs(head ? "</th>" : "</td>", stdout);
			break;
		case F_MD:
			fputs(i ? " " : "| ", stdout);
			out_esc(r->c[i]);
			fputs(" |", stdout);
			break;
		case F_CSV:
			fputs(i ? ";\"" : "\"", stdout);
			if (csv_formula(r->c[i]))
				putchar('\''); /* shown as text, never run (OWASP: CSV injection) */
			out_esc(r->c[i]);
			putchar('"');
			break;
		}
		free(r->c[i]);
	}
	if (fmt == F_HTML)
		puts("</tr>");
	else
		fputs(fmt == F_CSV ? "\r\n" : "\n", stdout);
	if (fmt == F_MD && head) {
		for (int i = 0; i < r->n; i++)
			fputs(i ? "---|" : "|---|", stdout);
		putchar('\n');
	}
	r->n = 0;
}

static void
table_begin(struct row *head)
{
	table_cols = head->n;
	if (fmt == F_HTML)
		fputs("<div class=\"t\"><table>\n<tr>", stdout);
	emit_row(head, 1);
}

static void
table_row(struct row *r)
{
	if (r->n != table_cols)
		die(EQ_USAGE, "internal: a row of %d cells in a table of %d", r->n, table_cols);
	if (fmt == F_HTML)
		fputs("<tr>", stdout);
	emit_row(r, 0);
}

static void
table_end(void)
{
	if (fmt == F_HTML)
		puts("</table></div>");
	else if (fmt == F_MD)
		putchar('\n');
}

/* ---- words ---- */

static const char *
yesno(int v)
{
	return v ? "да" : "нет";
}

/* More than one municipality in scope: lists name each school's. */
static int
multi_muni(void)
{
	return nmunis > 1;
}

static char *
lower_first(const char *s, char *buf, size_t size)
{
	/* Cyrillic capitals А..Я are d0 90..d0 af; Р..Я lower to d1 80..8f */
	snprintf(buf, size, "%s", s);
	if ((unsigned char)buf[0] == 0xd0 && (unsigned char)buf[1] >= 0x90 &&
	    (unsigned char)buf[1] <= 0xaf) {
		unsigned char c = (unsigned char)buf[1];
		if (c < 0xa0)
			buf[1] = (char)(c + 0x20);
		else
			buf[0] = (char)0xd1, buf[1] = (char)(c - 0x20);
	}
	return buf;
}

/* "ОГЭ, математика, 9 класс" */
static void
proc_words(struct sbuf *b, const char *proc, const char *subj, int grade)
{
	char low[128];

	sb_puts(b, ru_name("procedure", proc));
	if (*subj)
		sb_printf(b, ", %s", lower_first(ru_name("subject", subj), low, sizeof low));
	if (grade > 0)
		sb_printf(b, ", %d класс", grade);
}

static const char *
class_words(const char *c)
{
	return strcmp(c, "resilient") == 0 ? "выше ожидаемых (резильентная школа)" :
	       strcmp(c, "underperforming") == 0 ? "ниже ожидаемых" :
	       strcmp(c, "as_expected") == 0 ? "на ожидаемом уровне" : "—";
}

/* "ОГЭ, русский язык, 9 класс, 2023 г.: «2» у 39,1 % (18 из 46)" */
static void
low_proc_words(struct sbuf *b, const json_t *p)
{
	char pct[32];
	double n = jnum(p, "n");

	proc_words(b, jstr(p, "procedure"), jstr(p, "subject"), jint(p, "grade"));
	sb_printf(b, ", %d г.: ", jint(p, "year"));
	if (!(n >= min_n))
		sb_printf(b, "менее %d участников", min_n);
	else
		sb_printf(b, "«2» у %s (%d из %d)", ru_pct(pct, sizeof pct, jnum(p, "share_fail")),
		          jint(p, "n_fail"), jint(p, "n"));
}

static void
criteria_words(struct sbuf *b, const json_t *l, const char *sep)
{
	const json_t *c = json_object_get(l, "criteria");

	for (size_t k = 0; k < json_array_size(c); k++) {
		json_int_t crit = json_integer_value(json_array_get(c, k));
		sb_puts(b, k ? sep : "");
		if (crit == 1)
			sb_printf(b, "низкие результаты не менее чем по двум процедурам %d г.", year);
		else
			sb_printf(b, "низкие результаты в %d и %d гг.", year - 1, year);
	}
}

/* A sign's evidence in a line: the statistic and what it was compared with. */
static void
sign_words(struct sbuf *b, const json_t *g)
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
		sb_printf(b, "средний балл %s (95 %% ДИ %s–%s, n = %d) выше регионального %s",
		          ru_num(x[0], 48, jnum(g, "mean"), 1),
		          ru_num(x[1], 48, json_number_value(json_array_get(ci, 0)), 1),
		          ru_num(x[2], 48, json_number_value(json_array_get(ci, 1)), 1), jint(g, "n"),
		          ru_num(x[3], 48, jnum(g, "region_mean"), 1));
		sb_printf(b, " (ДИ %s–%s)", ru_num(x[0], 48, json_number_value(json_array_get(rci, 0)), 1),
		          ru_num(x[1], 48, json_number_value(json_array_get(rci, 1)), 1));
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

/* ---- scope and year ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


static void
set_scope(void)
{
	size_t k = 0;

	for (size_t i = 0; i < nschools; i++) {
		struct school *s = &schools[i];
		s->in_scope = want_school ? strcmp(s->id, want_school) == 0 :
		              want_muni ? strcmp(s->muni, want_muni) == 0 : 1;
		k += (size_t)s->in_scope;
	}
	if (!k) {
		if (want_school)
			die(EQ_USAGE, "no school record of school %s in the input", want_school);
		if (want_muni)
			die(EQ_USAGE, "no school of municipality \"%s\" in the input", want_muni);
		die(EQ_USAGE, "no school records in the input: the report names schools by them");
	}
	munis = emalloc(nschools * sizeof *munis);
	for (size_t i = 0; i < nschools; i++) {
		size_t j;
		if (!schools[i].in_scope)
			continue;
		for (j = 0; j < nmunis && strcmp(munis[j], schools[i].muni) != 0; j++)
			;
		if (j == nmunis)
			munis[nmunis++] = schools[i].muni;
	}
	qsort(munis, nmunis, sizeof *munis, cmp_str);
	for (size_t i = 0; i < red.n; i++)
		years_seen[red.v[i]->year - 2000] = 1;
	if (!year) {
		for (int y = 2100; !year && y >= 2000; y--)
			if (years_seen[y - 2000])
				year = y;
		if (!year)
			die(EQ_USAGE, "nothing to report: no derived records and no results in the input");
	} else if (!years_seen[year - 2000]) {
		/* a report that says «ШНОР нет» for a year it has no data of would mislead */
		struct sbuf have = { 0 };
		for (int y = 2000; y <= 2100; y++)
			if (years_seen[y - 2000])
				sb_printf(&have, "%s%d", have.len ? ", " : "", y);
		die(EQ_USAGE, "no records of %d in the input: nothing to report for it (years in the "
		    "input: %s)", year, have.len ? have.s : "none");
	}
}

static const char *
region_name(void)
{
	for (size_t i = 0; i < nschools; i++)
		if (schools[i].in_scope && *schools[i].region)
			return schools[i].region;
	return "регион";
}

/* ---- the sections ---- */

static int
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
	else if (pupil_indicator(jstr(ind, "indicator")) && den < min_n)
		cell(r, "менее %d участников", min_n);
	else
		cell(r, "%s %%\n(%d из %d)", ru_num(v, sizeof v, jnum(ind, "value"), 1),
		     jint(ind, "numerator"), jint(ind, "denominator"));
}

static const json_t *
find_indicator(const char *level, const char *group, const char *code)
{
	for (size_t i = 0; i < jl[J_IND].n; i++) {
		const json_t *o = jl[J_IND].v[i];
		if (jint(o, "year") == year && strcmp(jstr(o, "level"), level) == 0 &&
		    (!group || strcmp(jstr(o, "group"), group) == 0) &&
		    strcmp(jstr(o, "indicator"), code) == 0)
			return o;
	}
	return NULL;
}

static void
section_indicators(void)
{
	struct row r = { 0 };
	const struct dict_value *const *codes;
	size_t ncodes = dict_codes("indicator", &codes), shown = 0;
	char t[48];

	section("Показатели");
	cell(&r, "Показатель");
	for (size_t m = 0; m < nmunis; m++)
		cell(&r, "%s", munis[m]);
	cell(&r, "Регион");
	cell(&r, "Целевое значение");
	for (size_t c = 0; c < ncodes; c++) {
		const char *code = codes[c]->code;
		const json_t *reg = find_indicator("region", NULL, code), *any = reg;
		for (size_t m = 0; m < nmunis && !any; m++)
			any = find_indicator("municipality", munis[m], code);
		if (!any)
			continue;
		if (!shown++)
			table_begin(&r);
		cell(&r, "%s", codes[c]->name);
		for (size_t m = 0; m < nmunis; m++)
			indicator_value(&r, find_indicator("municipality", munis[m], code));
		indicator_value(&r, reg);
		if (isfinite(jnum(any, "target_max")))
			cell(&r, "не более %s %%", ru_num(t, sizeof t, jnum(any, "target_max"), 0));
		else
			cell(&r, "—");
		table_row(&r);
	}
	if (shown)
		table_end();
	else
		para("Показатели за %d г. не рассчитаны (нет записей indicator: запустите eq-recommend).", year);
	for (int i = 0; i < r.n; i++)
		free(r.c[i]);
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

static void
school_cells(struct row *r, const struct school *s)
{
	if (*s->name)
		cell(r, "%s\n(%s)", s->name, s->id);
	else
		cell(r, "%s", s->id);
	if (multi_muni())
		cell(r, "%s", s->muni);
}

static void
school_head(struct row *r)
{
	cell(r, "Школа");
	if (multi_muni())
		cell(r, "Муниципалитет");
}

static void
section_shnor(void)
{
	struct row r = { 0 };
	size_t n = 0;

	section("Школы с низкими образовательными результатами (ШНОР)");
	for (size_t i = 0; i < nschools; i++) {
		const struct school *s = &schools[i];
		json_t *l = s->in_scope ? get(K_LOWRES, s->id, year) : NULL;
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
		para("Школ с низкими образовательными результатами в %d г. нет.", year);
}

/* The inputs and what became of their rows; an input not read at all is
 * said first: the report lacks its data. */
static void
section_sources(void)
{
	struct row r = { 0 };
	size_t whole = 0;

	section("Источники данных");
	for (size_t i = 0; i < jl[J_SRC].n; i++)
		whole += jyes(jl[J_SRC].v[i], "rejected_whole");
	if (whole)
		para("Не приняты целиком (их данных в справке нет): %zu из %zu файлов; причины — в "
		     "журнале отклонённых записей.", whole, jl[J_SRC].n);
	cell(&r, "Файл");
	cell(&r, "Вид данных");
	cell(&r, "Строк");
	cell(&r, "Принято");
	cell(&r, "Отклонено");
	cell(&r, "Пропущено (заголовки, пустые, итоговые строки)");
	table_begin(&r);
	for (size_t i = 0; i < jl[J_SRC].n; i++) {
		const json_t *o = jl[J_SRC].v[i], *sk = json_object_get(o, "skipped");
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

static void
section_shnsu(void)
{
	struct row r = { 0 };
	char x[4][48];
	size_t n = 0;

	section("Школы, функционирующие в неблагоприятных социальных условиях (ШНСУ)");
	for (size_t i = 0; i < nschools; i++) {
		const struct school *s = &schools[i];
		json_t *o = s->in_scope ? get_recent(K_ISBS, s->id, year) : NULL;
		if (!o || !jyes(o, "shnsu"))
			continue;
		if (!n++) {
			school_head(&r);
			cell(&r, "ИСБШ");
			cell(&r, "Место по ИСБШ");
			cell(&r, "Порог ШНСУ");
			cell(&r, "Уровень результатов (ожидаемый)");
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

static void
section_risk(void)
{
	struct row r = { 0 };
	char x[48];
	size_t n = 0;

	section("Школы в зоне риска снижения образовательных результатов");
	for (size_t i = 0; i < nschools; i++) {
		const struct school *s = &schools[i];
		json_t *o = s->in_scope ? get(K_RISK, s->id, year) : NULL;
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
		para("Школ в зоне риска в %d г. нет.", year);
}

static int
cmp_score(const void *a, const void *b)
{
	double x = jnum(*(json_t *const *)a, "score"), y = jnum(*(json_t *const *)b, "score");

	if (x != y)
		return x < y ? 1 : -1;
	return strcmp(jstr(*(json_t *const *)a, "school_id"), jstr(*(json_t *const *)b, "school_id"));
}

/* Flagged schools in scope, highest score first. */
static json_t **
flagged_schools(size_t *n)
{
	json_t **v = emalloc((nschools + 1) * sizeof *v), *o;

	*n = 0;
	for (size_t i = 0; i < nschools; i++)
		if (schools[i].in_scope && (o = get(K_OBJECTIVITY, schools[i].id, year)) &&
		    jyes(o, "flagged"))
			v[(*n)++] = o;
	qsort(v, *n, sizeof *v, cmp_score);
	return v;
}

static void
section_flagged(void)
{
	struct row r = { 0 };
	size_t n;
	json_t **v = flagged_schools(&n);
	char x[48];

	section("Школы с признаками необъективности результатов");
	if (n) {
		school_head(&r);
		cell(&r, "Балл необъективности");
		cell(&r, "Признаки и их основания");
		table_begin(&r);
	}
	for (size_t i = 0; i < n; i++) {
		school_cells(&r, school_of(jstr(v[i], "school_id")));
		cell(&r, "%s", ru_num(x, sizeof x, jnum(v[i], "score"), 2));
		cell_lines(&r, json_object_get(v[i], "signs"), sign_words);
		table_row(&r);
	}
	if (n)
		table_end();
	else
		para("Школ с признаками необъективности результатов %d г. нет.", year);
	free(v);
}

static void
proc_key(struct key *k, const json_t *o)
{
	key_of(k, "sdssd", jstr(o, "school_id"), jint(o, "year"), jstr(o, "procedure"),
	       jstr(o, "subject"), jint(o, "grade"));
}

/* The participants of the procedure a record's basis rests on (to hide small
 * groups), from the procedure_result records indexed on first use. */
static double
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
		for (size_t i = 0; i < jl[J_PROC].n; i++) {
			proc_key(&key, jl[J_PROC].v[i]);
			strmap_put(&idx, key.s, key.n, jl[J_PROC].v[i]);
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
static void
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
static int
small_source(const json_t *rec)
{
	for (size_t k = 0; k < basis_count(rec); k++) {
		const json_t *one = basis_item(rec, k), *src = json_object_get(one, "source");
		double n = isfinite(jnum(one, "n")) ? jnum(one, "n") : *jstr(src, "procedure") ? source_n(src) : NAN;
		if (isfinite(n) && n < min_n)
			return 1;
	}
	return 0;
}

static void
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

static const char *
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
static void
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

/* The recommendations of the year for one audience, in the short lists
 * (annex 0) or in the annex (annex 1). */
static size_t
recommendation_table(const char *audience, const char *title, int annex)
{
	struct row r = { 0 };
	char due[32];
	size_t n = 0;

	for (size_t i = 0; i < jl[J_REC].n; i++) {
		const json_t *o = jl[J_REC].v[i];
		const struct school *s = school_of(jstr(o, "school_id"));
		struct sbuf b = { 0 };
		int small;
		if (jint(o, "year") != year || strcmp(jstr(o, "audience"), audience) != 0 || !s || !s->in_scope ||
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
		if (small) {
			mask_percentages(&b, jstr(o, "text"));
			sb_printf(&b, " (доли не показаны: менее %d участников)", min_n);
		} else {
			sb_puts(&b, jstr(o, "text"));
		}
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		b.len = 0;
		basis_words(&b, o, small);
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell(&r, "%s", due_words(jstr(o, "due"), due, sizeof due));
		table_row(&r);
		sb_free(&b);
	}
	if (n)
		table_end();
	return n;
}

static void
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
		para("Рекомендаций на %d г. нет.", year);
	for (size_t i = 0; i < jl[J_REC].n && !annex; i++)
		annex += jint(jl[J_REC].v[i], "year") == year && jyes(jl[J_REC].v[i], "annex");
	if (!annex)
		return;
	section("Приложение. Прочие рекомендации");
	para("Рекомендации сверх первых по значимости для каждой школы: их выполнение планируется "
	     "после основных.");
	for (size_t a = 0; a < sizeof aud / sizeof aud[0]; a++)
		recommendation_table(aud[a][0], aud[a][1], 1);
}

/* ---- charts (inline SVG) ---- */

static int svg_id;

static void
svg_text(double x, double y, const char *anchor, const char *cls, const char *s)
{
	printf("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
	out_esc(s);
	fputs("</text>", stdout);
}

/* Tick step of about n ticks over a span: 1, 2 or 5 times a power of ten. */
static double
tick_step(double span, int n)
{
	double raw = span / n, p = pow(10, floor(log10(raw))), f = raw / p;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

struct axes {
	double x0, x1, y0, y1;     /* data ranges */
	double left, top, w, h;    /* the plot area in pixels */
	int xdec, ydec;
};

static double
px(const struct axes *a, double x)
{
	return a->left + (x - a->x0) / (a->x1 - a->x0) * a->w;
}

static double
py(const struct axes *a, double y)
{
	return a->top + a->h - (y - a->y0) / (a->y1 - a->y0) * a->h;
}

static void
draw_axes(const struct axes *a, const char *xlabel, const char *ylabel, int pct_y)
{
	double sx = tick_step(a->x1 - a->x0, 6), sy = tick_step(a->y1 - a->y0, 5);
	char t[48];

	printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"plot\"/>",
	       a->left, a->top, a->w, a->h);
	for (double v = ceil(a->x0 / sx) * sx; v <= a->x1 + 1e-9; v += sx) {
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
		       px(a, v), a->top, px(a, v), a->top + a->h);
		svg_text(px(a, v), a->top + a->h + 16, "middle", "tick", ru_num(t, sizeof t, v + 0.0, a->xdec));
	}
	for (double v = ceil(a->y0 / sy) * sy; v <= a->y1 + 1e-9; v += sy) {
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
		       a->left, py(a, v), a->left + a->w, py(a, v));
		if (pct_y)
			snprintf(t, sizeof t, "%.0f %%", 100 * v);
		else
			ru_num(t, sizeof t, v, a->ydec);
		svg_text(a->left - 6, py(a, v) + 4, "end", "tick", t);
	}
	svg_text(a->left + a->w / 2, a->top + a->h + 36, "middle", "label", xlabel);
	printf("<text transform=\"translate(14 %.1f) rotate(-90)\" text-anchor=\"middle\" "
	       "class=\"label\">", a->top + a->h / 2);
	out_esc(ylabel);
	fputs("</text>", stdout);
}

static void
svg_begin(double w, double h, const char *title)
{
	printf("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	       "viewBox=\"0 0 %.0f %.0f\" role=\"img\"><title>", w, h, w, h);
	out_esc(title);
	fputs("</title>", stdout);
}

static void
svg_end(const char *caption)
{
	fputs("</svg><figcaption>", stdout);
	out_esc(caption);
	puts("</figcaption></figure>");
}

/* ИСБШ against result level for the schools of one model's group. */
static void
chart_isbs(const json_t *model)
{
	const char *group = jstr(model, "group");
	int y = jint(model, "year");
	json_t **pts = emalloc((nschools + 1) * sizeof *pts);
	size_t n = 0;
	struct axes a = { .left = 64, .top = 34, .w = 560, .h = 330, .xdec = 0, .ydec = 1 };
	double a0 = jnum(model, "a"), b1 = jnum(model, "b"), cut = NAN;
	char title[400], x[2][48];

	for (size_t i = 0; i < nschools; i++) {
		json_t *o = get(K_ISBS, schools[i].id, y);
		if (o && strcmp(jstr(o, "group"), group) == 0 && isfinite(jnum(o, "isbs")) &&
		    isfinite(jnum(o, "result_level")))
			pts[n++] = o;
	}
	if (n < 2) {
		free(pts);
		return;
	}
	a.x0 = a.y0 = INFINITY;
	a.x1 = a.y1 = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double px_ = jnum(pts[i], "isbs"), py_ = jnum(pts[i], "result_level");
		a.x0 = fmin(a.x0, px_), a.x1 = fmax(a.x1, px_);
		a.y0 = fmin(a.y0, py_), a.y1 = fmax(a.y1, py_);
		if (isfinite(jnum(pts[i], "threshold")))
			cut = jnum(pts[i], "threshold");
	}
	if (isfinite(cut))
		a.x0 = fmin(a.x0, cut), a.x1 = fmax(a.x1, cut);
	{
		double dx = (a.x1 - a.x0) * 0.06 + 1e-6, dy = (a.y1 - a.y0) * 0.08 + 1e-6;
		a.x0 -= dx, a.x1 += dx, a.y0 -= dy, a.y1 += dy;
	}
	snprintf(title, sizeof title, "ИСБШ и уровень результатов: %s, %d г.", group, y);
	svg_begin(640, 420, title);
	draw_axes(&a, "Индекс социального благополучия школы (ИСБШ)",
	          "Уровень результатов", 0);
	svg_id++;
	printf("<clipPath id=\"c%d\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>"
	       "</clipPath>", svg_id, a.left, a.top, a.w, a.h);
	if (isfinite(a0) && isfinite(b1))
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"fit\" "
		       "clip-path=\"url(#c%d)\"/>", px(&a, a.x0), py(&a, a0 + b1 * a.x0), px(&a, a.x1),
		       py(&a, a0 + b1 * a.x1), svg_id);
	if (isfinite(cut)) {
		printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"cut\"/>",
		       px(&a, cut), a.top, px(&a, cut), a.top + a.h);
		svg_text(px(&a, cut) + 4, a.top + 12, "start", "tick", "порог ШНСУ");
	}
	for (size_t i = 0; i < n; i++) {
		const char *id = jstr(pts[i], "school_id"), *cls = jstr(pts[i], "context_class");
		double cx = px(&a, jnum(pts[i], "isbs")), cy = py(&a, jnum(pts[i], "result_level"));
		const char *c = !in_scope(id) ? "other" : strcmp(cls, "resilient") == 0 ? "res" :
		                strcmp(cls, "underperforming") == 0 ? "under" : "exp";
		if (strcmp(c, "res") == 0)
			printf("<path d=\"M%.1f %.1fl6.5 11h-13z\" class=\"res\">", cx, cy - 7);
		else
			printf("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" class=\"%s\">", cx, cy, c);
		snprintf(title, sizeof title, "%s (%s): ИСБШ %s, уровень результатов %s — %s",
		         title_of(id), id, ru_num(x[0], 48, jnum(pts[i], "isbs"), 1),
		         ru_num(x[1], 48, jnum(pts[i], "result_level"), 2), class_words(cls));
		fputs("<title>", stdout);
		out_esc(title);
		fputs(strcmp(c, "res") == 0 ? "</title></path>" : "</title></circle>", stdout);
		svg_text(cx + 7, cy - 6, "start", "pt", id);
	}
	/* legend */
	printf("<circle cx=\"70\" cy=\"16\" r=\"5\" class=\"exp\"/>");
	svg_text(80, 20, "start", "tick", "школа");
	printf("<path d=\"M140 9l6.5 11h-13z\" class=\"res\"/>");
	svg_text(152, 20, "start", "tick", "резильентная");
	printf("<circle cx=\"250\" cy=\"16\" r=\"5\" class=\"under\"/>");
	svg_text(260, 20, "start", "tick", "ниже ожидаемых");
	printf("<line x1=\"370\" y1=\"16\" x2=\"395\" y2=\"16\" class=\"fit\"/>");
	snprintf(title, sizeof title, "регрессия: %s + %s·ИСБШ", ru_num(x[0], 48, a0, 2),
	         ru_num(x[1], 48, b1, 3));
	svg_text(400, 20, "start", "tick", title);
	snprintf(title, sizeof title, "Рис. %d. ИСБШ и уровень результатов школ (%s, %d г.); линия — "
	         "ожидаемый уровень по ИСБШ (R² = %s).", svg_id, group, y,
	         ru_num(x[0], 48, jnum(model, "r2"), 2));
	svg_end(title);
	free(pts);
}

/* The primary-score distribution of a school against the region's. */
static void
chart_distribution(const json_t *obj)
{
	const json_t *signs = json_object_get(obj, "signs"), *best = NULL;
	const char *id = jstr(obj, "school_id"), *proc, *subj;
	const struct proc_acc *sa;
	const struct scale *sc;
	double *reg, regn = 0, top = 0;
	size_t nb = 0;
	int y, grade;
	struct axes a = { .left = 64, .top = 34, .w = 560, .h = 220, .xdec = 0 };
	char title[400];
	struct sbuf pw = { 0 };

	for (size_t k = 0; k < json_array_size(signs); k++) {
		const json_t *g = json_array_get(signs, k);
		if (*jstr(g, "subject") && jint(g, "grade") &&
		    (!best || jnum(g, "strength") > jnum(best, "strength")))
			best = g;
	}
	if (!best)
		return;
	proc = jstr(best, "procedure"), subj = jstr(best, "subject"), grade = jint(best, "grade");
	y = jint(best, "year") ? jint(best, "year") : year;
	proc_words(&pw, proc, subj, grade);
	sb_putc(&pw, '\0');
	if (!(sa = reduce_find(&red, id, y, proc, subj, grade)) || !sa->d || !sa->d->hist) {
		sb_free(&pw);
		return;
	}
	if (sa->n_score < min_n) {
		para("%s (%s), %s, %d г.: менее %d участников, распределение не показано.",
		     title_of(id), id, pw.s, y, min_n);
		sb_free(&pw);
		return;
	}
	for (size_t i = 0; i < red.n; i++) {
		const struct proc_acc *r = red.v[i];
		if (r->year == y && r->grade == grade && strcmp(r->procedure, proc) == 0 &&
		    strcmp(r->subject, subj) == 0 && r->d && r->d->nbins > nb)
			nb = r->d->nbins;
	}
	sc = scale_find(y, proc, subj, grade);
	if (sc && sc->max + 1 > nb)
		nb = (size_t)sc->max + 1;
	reg = ecalloc(nb, sizeof *reg);
	for (size_t i = 0; i < red.n; i++) {
		const struct proc_acc *r = red.v[i];
		if (r->year != y || r->grade != grade || strcmp(r->procedure, proc) != 0 ||
		    strcmp(r->subject, subj) != 0 || !r->d)
			continue;
		for (size_t k = 0; k < r->d->nbins; k++)
			reg[k] += r->d->hist[k], regn += r->d->hist[k];
	}
	for (size_t k = 0; k < nb; k++) {
		double s = k < sa->d->nbins ? sa->d->hist[k] / sa->n_score : 0;
		top = fmax(top, fmax(s, regn > 0 ? reg[k] / regn : 0));
	}
	a.x0 = -0.5, a.x1 = (double)nb - 0.5, a.y0 = 0, a.y1 = top > 0 ? top * 1.1 : 1;
	snprintf(title, sizeof title, "Распределение первичных баллов: %s, %s, %d г.",
	         title_of(id), pw.s, y);
	svg_begin(640, 310, title);
	draw_axes(&a, "Первичный балл", "Доля участников", 1);
	for (size_t k = 0; k < nb && k < sa->d->nbins; k++) {
		double s = sa->d->hist[k] / sa->n_score, bw = a.w / (double)nb;
		if (s > 0)
			printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>",
			       px(&a, (double)k) - bw * 0.4, py(&a, s), bw * 0.8, py(&a, 0) - py(&a, s));
	}
	if (regn > 0) {
		fputs("<polyline class=\"reg\" points=\"", stdout);
		for (size_t k = 0; k < nb; k++)
			printf("%s%.1f,%.1f", k ? " " : "", px(&a, (double)k), py(&a, reg[k] / regn));
		fputs("\"/>", stdout);
	}
	if (sc) {
		const double b[3] = { sc->min3, sc->min4, sc->min5 };
		for (int m = 0; m < 3; m++) {
			char lab[16];
			double bx = px(&a, b[m] - 0.5);
			printf("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"cut\"/>", bx,
			       a.top, bx, a.top + a.h);
			snprintf(lab, sizeof lab, "«%d»", m + 3);
			svg_text(bx + 3, a.top + 12, "start", "tick", lab);
		}
	}
	printf("<rect x=\"64\" y=\"10\" width=\"12\" height=\"10\" class=\"bar\"/>");
	snprintf(title, sizeof title, "школа (n = %.0f)", sa->n_score);
	svg_text(82, 20, "start", "tick", title);
	printf("<line x1=\"220\" y1=\"15\" x2=\"245\" y2=\"15\" class=\"reg\"/>");
	snprintf(title, sizeof title, "все школы (n = %.0f)", regn);
	svg_text(250, 20, "start", "tick", title);
	svg_id++;
	snprintf(title, sizeof title, "Рис. %d. Распределение первичных баллов: %s (%s), %s, %d г., "
	         "против всех школ; пунктир — границы отметок%s. Признак: %s.", svg_id, title_of(id),
	         id, pw.s, y, sc ? "" : " (шкала не найдена)", ru_name("sign", jstr(best, "sign")));
	svg_end(title);
	free(reg);
	sb_free(&pw);
}

/* Mark shares of each school (or municipality, in the regional summary) in
 * the procedures of one kind. */
static void
chart_marks(const char *proc)
{
	static const char *const cls[4] = { "m2", "m3", "m4", "m5" };
	size_t nrows = multi_muni() ? nmunis : 0, shown = 0;
	double (*cnt)[4];
	int *small = NULL;
	const char **label;
	double rowh = 24, left = 250, barw = 380, h;
	char title[300];

	if (!nrows)
		for (size_t i = 0; i < nschools; i++)
			nrows += (size_t)schools[i].in_scope;
	cnt = ecalloc(nrows, sizeof *cnt);
	label = ecalloc(nrows, sizeof *label);
	for (size_t i = 0, r = 0; i < nschools; i++)
		if (!(multi_muni()) && schools[i].in_scope)
			label[r++] = schools[i].id;
	if (multi_muni())
		for (size_t m = 0; m < nmunis; m++)
			label[m] = munis[m];
	/* a group (school, subject, grade) of fewer than min_n pupils is left out
	 * of the sums: adding two small groups must not reveal them */
	small = ecalloc(nrows, sizeof *small);
	for (size_t i = 0; i < red.n; i++) {
		const struct proc_acc *a = red.v[i];
		const struct school *s = school_of(a->school_id);
		if (a->year != year || strcmp(a->procedure, proc) != 0 || !s || !s->in_scope ||
		    a->marks[0] + a->marks[1] + a->marks[2] + a->marks[3] <= 0)
			continue;
		for (size_t r = 0; r < nrows; r++)
			if (strcmp(label[r], multi_muni() ? s->muni : s->id) == 0) {
				if (a->marks[0] + a->marks[1] + a->marks[2] + a->marks[3] < min_n)
					small[r] = 1;
				else
					for (int m = 0; m < 4; m++)
						cnt[r][m] += a->marks[m];
			}
	}
	for (size_t r = 0; r < nrows; r++)
		shown += cnt[r][0] + cnt[r][1] + cnt[r][2] + cnt[r][3] > 0 || small[r];
	if (!shown)
		goto done;
	h = 50 + rowh * (double)shown + 20;
	snprintf(title, sizeof title, "Доли отметок: %s, %d г.", ru_name("procedure", proc), year);
	if (fmt == F_HTML) {
		svg_begin(left + barw + 90, h, title);
		for (int m = 0; m < 4; m++) {
			char lab[16];
			printf("<rect x=\"%.0f\" y=\"10\" width=\"12\" height=\"10\" class=\"%s\"/>",
			       left + 80.0 * m, cls[m]);
			snprintf(lab, sizeof lab, "«%d»", m + 2);
			svg_text(left + 80.0 * m + 16, 20, "start", "tick", lab);
		}
		svg_text(left + barw + 8, 44, "start", "tick", "участников");
	} else {
		struct row r = { 0 };
		para("%s", title);
		cell(&r, multi_muni() ? "Муниципалитет" : "Школа");
		cell(&r, "Участников");
		cell(&r, "«2»");
		cell(&r, "«3»");
		cell(&r, "«4»");
		cell(&r, "«5»");
		table_begin(&r);
	}
	for (size_t r = 0, k = 0; r < nrows; r++) {
		double tot = cnt[r][0] + cnt[r][1] + cnt[r][2] + cnt[r][3], x = left, y = 50 + rowh * (double)k;
		const char *name = multi_muni() ? label[r] : title_of(label[r]);
		char t[96];
		if (tot <= 0 && !small[r])
			continue;
		k++;
		if (fmt != F_HTML) {
			struct row row = { 0 };
			cell(&row, "%s", name);
			if (tot > 0)
				cell(&row, "%.0f", tot);
			else
				cell(&row, "менее %d", min_n);
			for (int m = 0; m < 4; m++)
				if (tot <= 0)
					cell(&row, "—");
				else
					cell(&row, "%s", ru_pct(t, sizeof t, cnt[r][m] / tot));
			table_row(&row);
			continue;
		}
		svg_text(left - 8, y + 16, "end", "tick", name);
		if (tot <= 0) {
			snprintf(t, sizeof t, "менее %d участников: не показано", min_n);
			svg_text(left + 4, y + 16, "start", "tick", t);
		} else {
			for (int m = 0; m < 4; m++) {
				double w = barw * cnt[r][m] / tot;
				if (w <= 0)
					continue;
				printf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"%s\">"
				       "<title>«%d»: %s</title></rect>", x, y + 3, w, rowh - 6, cls[m], m + 2,
				       ru_pct(t, sizeof t, cnt[r][m] / tot));
				if (w >= 34) {
					snprintf(t, sizeof t, "%.0f %%", 100 * cnt[r][m] / tot);
					svg_text(x + w / 2, y + 16, "middle", "in", t);
				}
				x += w;
			}
		}
		if (tot > 0) {
			snprintf(t, sizeof t, "%.0f", tot);
			svg_text(left + barw + 8, y + 16, "start", "tick", t);
		}
	}
	if (fmt == F_HTML) {
		svg_id++;
		snprintf(title, sizeof title, "Рис. %d. Доли отметок «2»–«5», %s %d г., все классы и "
		         "предметы; классы и предметы, где участников менее %d, не учтены.", svg_id,
		         ru_name("procedure", proc), year, min_n);
		svg_end(title);
	} else {
		table_end();
	}
done:
	free(cnt);
	free(small);
	free(label);
}

static void
section_charts(void)
{
	size_t nflagged, shown = 0, limit = multi_muni() ? 10 : (size_t)-1;
	json_t **fl;
	const char *procs[8];
	size_t nprocs = 0;

	if (fmt == F_HTML)
		puts("<div id=\"charts\"></div>");
	section("Диаграммы");
	if (fmt == F_HTML) {
		int y = 0;
		for (size_t i = 0; i < jl[J_MODEL].n; i++) /* the latest model year not after */
			if (jint(jl[J_MODEL].v[i], "year") <= year && jint(jl[J_MODEL].v[i], "year") > y)
				y = jint(jl[J_MODEL].v[i], "year");
		heading(3, "ИСБШ и уровень результатов");
		for (size_t i = 0; i < jl[J_MODEL].n; i++) {
			const json_t *m = jl[J_MODEL].v[i];
			int mine = 0;
			for (size_t k = 0; k < nmunis; k++)
				mine |= strcmp(munis[k], jstr(m, "group")) == 0;
			if (jint(m, "year") == y && (mine || strcmp(jstr(m, "group"), region_name()) == 0))
				chart_isbs(m);
		}
		fl = flagged_schools(&nflagged);
		if (nflagged) {
			heading(3, "Распределение первичных баллов школ с признаками необъективности");
			if (nflagged > limit)
				para("Показаны %zu школ с наибольшим баллом необъективности из %zu.", limit, nflagged);
		}
		for (size_t i = 0; i < nflagged && shown < limit; i++, shown++)
			chart_distribution(fl[i]);
		free(fl);
	} else {
		para("Диаграммы (ИСБШ и уровень результатов, распределения баллов) — в HTML-версии справки.");
	}
	for (size_t i = 0; i < red.n; i++) {
		size_t k;
		if (red.v[i]->year != year || red.v[i]->marks[0] + red.v[i]->marks[1] +
		    red.v[i]->marks[2] + red.v[i]->marks[3] <= 0)
			continue;
		for (k = 0; k < nprocs && strcmp(procs[k], red.v[i]->procedure) != 0; k++)
			;
		if (k == nprocs && nprocs < 8)
			procs[nprocs++] = red.v[i]->procedure;
	}
	if (nprocs)
		heading(3, "Доли отметок");
	for (size_t k = 0; k < nprocs; k++)
		chart_marks(procs[k]);
}

static const char css[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;"
	"line-height:1.4;padding:0 1em}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;"
	"border-bottom:1px solid #ccc}h3{font-size:1.05em}.t{overflow-x:auto}table{border-collapse:"
	"collapse;margin:.5em 0 1em;font-size:.9em}td,th{border:1px solid #bbb;padding:.3em .5em;"
	"vertical-align:top;text-align:left}th{background:#f0f0f0}figure{margin:1em 0}"
	"figcaption{font-size:.85em;color:#555}svg{background:#fff;max-width:100%;height:auto}"
	".plot{fill:#fafafa;stroke:#999}.grid{stroke:#e2e2e2}.tick{font-size:11px;fill:#333}"
	".label{font-size:12px;fill:#222}.pt{font-size:9px;fill:#666}.fit{stroke:#1f5fa8;"
	"stroke-width:2}.cut{stroke:#c0392b;stroke-dasharray:5 4}.exp{fill:#4a78c2}"
	".under{fill:#d9534f}.res{fill:#2e9d46}.other{fill:#c8c8c8}.bar{fill:#4a78c2;opacity:.75}"
	".reg{fill:none;stroke:#e67e22;stroke-width:2.5}.m2{fill:#d62728}.m3{fill:#ffa630}"
	".m4{fill:#9ccc65}.m5{fill:#2e7d32}.in{font-size:10px;fill:#fff;font-weight:bold}"
	".note{font-size:.85em;color:#555}";

static void
write_report(void)
{
	char title[600];
	size_t n = 0;
	double pupils = 0;

	for (size_t i = 0; i < nschools; i++)
		n += (size_t)schools[i].in_scope;
	for (size_t i = 0; i < red.n; i++)
		if (red.v[i]->year == year && in_scope(red.v[i]->school_id))
			pupils += red.v[i]->n;
	if (want_school)
		snprintf(title, sizeof title, "Аналитическая справка: %s (%s), %d г.", title_of(want_school),
		         want_school, year);
	else if (want_muni)
		snprintf(title, sizeof title, "Аналитическая справка: %s, %d г.", want_muni, year);
	else
		snprintf(title, sizeof title, "Аналитическая справка: %s, %d г.", region_name(), year);
	if (fmt == F_HTML) {
		fputs("<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">\n<title>", stdout);
		out_esc(title);
		printf("</title>\n<style>%s</style></head><body>\n", css);
		heading(1, title);
	} else {
		fputs("# ", stdout);
		out_esc(title);
		fputs("\n\n", stdout);
	}
	para("Школ: %zu; муниципалитетов: %zu; результатов участников процедур %d г.: %.0f. "
	     "Подготовлено eq %s по записям eq-isbs, eq-lowres, eq-objectivity, eq-recommend. "
	     "Доли групп менее %d участников не показываются.", n, nmunis, year, pupils, EQ_VERSION,
	     min_n);
	if (jseen[J_IND])
		section_indicators();
	section_charts(); /* the picture first, the lists with the evidence after */
	if (seen[K_LOWRES])
		section_shnor();
	if (seen[K_ISBS])
		section_shnsu();
	if (seen[K_RISK])
		section_risk();
	if (seen[K_OBJECTIVITY])
		section_flagged();
	if (jseen[J_REC])
		section_recommendations();
	if (jseen[J_SRC])
		section_sources();
	if (fmt == F_HTML)
		puts("</body></html>");
}

/* ---- CSV lists ---- */

static void
csv_schools(void)
{
	struct row r = { 0 };
	const char *head[] = { "Код школы", "Школа", "Муниципалитет", "Год", "ИСБШ", "Место по ИСБШ",
		"ШНСУ", "Уровень результатов", "Результаты относительно ожидаемых", "ШНОР",
		"Критерии ШНОР", "Зона риска", "Факторы риска", "Признаки необъективности",
		"Балл необъективности", "Рекомендаций", NULL };
	char x[3][48];
	int *nrec = ecalloc(nschools + 1, sizeof *nrec);

	for (size_t k = 0; k < jl[J_REC].n; k++) /* recommendations per school, in one pass */
		if (jint(jl[J_REC].v[k], "year") == year) {
			const char *id = jstr(jl[J_REC].v[k], "school_id");
			nrec[(size_t)strmap_get(&school_idx, id, strlen(id))]++; /* [0]: no school record */
		}
	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < nschools; i++) {
		const struct school *s = &schools[i];
		json_t *is = get_recent(K_ISBS, s->id, year), *l = get(K_LOWRES, s->id, year),
		       *rk = get(K_RISK, s->id, year), *o = get(K_OBJECTIVITY, s->id, year);
		struct sbuf b = { 0 };
		if (!s->in_scope)
			continue;
		cell(&r, "%s", s->id);
		cell(&r, "%s", s->name);
		cell(&r, "%s", s->muni);
		cell(&r, "%d", year);
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

static void
csv_recommendations(void)
{
	struct row r = { 0 };
	const char *head[] = { "Код школы", "Школа", "Муниципалитет", "Адресат", "Предметы",
		"Приоритет", "№ в списке школы", "Приложение", "Код меры", "Рекомендация", "Основание", "Срок", NULL };
	char due[32];

	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < jl[J_REC].n; i++) {
		const json_t *o = jl[J_REC].v[i];
		const struct school *s = school_of(jstr(o, "school_id"));
		struct sbuf b = { 0 };
		int small;
		if (jint(o, "year") != year || !s || !s->in_scope)
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
		if (small)
			mask_percentages(&b, jstr(o, "text"));
		else
			sb_puts(&b, jstr(o, "text"));
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		b.len = 0;
		basis_words(&b, o, small);
		sb_putc(&b, '\0');
		cell(&r, "%s", b.s);
		cell(&r, "%s", due_words(jstr(o, "due"), due, sizeof due));
		table_row(&r);
		sb_free(&b);
	}
}

static void
csv_indicators(void)
{
	struct row r = { 0 };
	const char *head[] = { "Уровень", "Территория", "Год", "Код показателя", "Показатель",
		"Числитель", "Знаменатель", "Значение, %", "Целевое значение, %", NULL };
	char x[2][48];

	for (int i = 0; head[i]; i++)
		cell(&r, "%s", head[i]);
	table_begin(&r);
	for (size_t i = 0; i < jl[J_IND].n; i++) {
		const json_t *o = jl[J_IND].v[i];
		int muni = strcmp(jstr(o, "level"), "municipality") == 0, mine = !muni;
		int hide = pupil_indicator(jstr(o, "indicator")) && jnum(o, "denominator") < min_n;
		for (size_t m = 0; m < nmunis && muni; m++)
			mine |= strcmp(munis[m], jstr(o, "group")) == 0;
		if (jint(o, "year") != year || !mine)
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

static void
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
	for (size_t i = 0; i < jl[J_TASK].n; i++) {
		const json_t *o = jl[J_TASK].v[i], *mx = json_object_get(o, "max"),
		             *sc = json_object_get(o, "school"), *rg = json_object_get(o, "region");
		const struct school *s = school_of(jstr(o, "school_id"));
		if (jint(o, "year") != year || !s || !s->in_scope || jnum(o, "n") < min_n)
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

static void
free_all(void)
{
	source_n(NULL);
	for (size_t i = 0; i < nschools; i++) {
		free(schools[i].id);
		free(schools[i].name);
		free(schools[i].muni);
		free(schools[i].region);
	}
	free(schools);
	free(munis);
	strmap_free(&school_idx, NULL);
	for (int k = 0; k < NKINDS; k++)
		strmap_free(&byschool[k], (void (*)(void *))json_decref);
	for (int j = 0; j < NJ; j++) {
		for (size_t i = 0; i < jl[j].n; i++)
			json_decref(jl[j].v[i]);
		free(jl[j].v);
	}
	reduce_free(&red);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "list", required_argument, NULL, 'l' },
		{ "municipality", required_argument, NULL, 'm' },
		{ "school", required_argument, NULL, 's' },
		{ "year", required_argument, NULL, 'y' },
		{ "min-n", required_argument, NULL, 'n' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	static const char *const lists[] = { "schools", "recommendations", "indicators", "tasks", NULL };
	struct common common = { 0 };
	unsigned long nrecords;
	int c, status, have_list = 0;

	argv[0] = (char *)(argv0 = "eq-report"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "f:l:m:s:y:n:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "html") == 0)
				fmt = F_HTML;
			else if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
				fmt = F_MD;
			else if (strcmp(optarg, "csv") == 0)
				fmt = F_CSV;
			else
				die(EQ_USAGE, "--format: html, md or csv, not \"%s\"", optarg);
			break;
		case 'l': {
			int i;
			for (i = 0; lists[i] && strcmp(lists[i], optarg) != 0; i++)
				;
			if (!lists[i])
				die(EQ_USAGE, "--list: schools, recommendations, indicators or tasks, "
				    "not \"%s\"", optarg);
			list = (enum list)i;
			have_list = 1;
			break;
		}
		case 'm': want_muni = optarg; break;
		case 's': want_school = optarg; break;
		case 'y': year = (int)opt_number("--year", optarg, 2000, 2100); break;
		case 'n': min_n = (int)opt_number("--min-n", optarg, 5, 1000000); break;
		default: usage_exit(usage);
		}
	}
	if (want_muni && want_school)
		die(EQ_USAGE, "--municipality and --school: give one of them");
	if (have_list && fmt != F_CSV)
		die(EQ_USAGE, "--list goes with --format csv");
	dict_load();
	scales_load();
	red.detail = fmt == F_HTML; /* score histograms for the charts */
	report_open(common.rejects);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	add_unrecorded_schools();
	set_scope();
	if (fmt == F_CSV) {
		fputs("\xef\xbb\xbf", stdout); /* the BOM: Excel reads the file as UTF-8 */
		if (list == L_SCHOOLS)
			csv_schools();
		else if (list == L_RECS)
			csv_recommendations();
		else if (list == L_INDICATORS)
			csv_indicators();
		else
			csv_tasks();
	} else {
		write_report();
	}
	status = stream_finish(nrecords);
	free_all();
	return status;
}
