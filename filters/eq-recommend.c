/* eq-recommend: targeted recommendations (адресные рекомендации) from the
 * derived records, each with its evidence, and the municipal indicators. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "rectype.h"
#include "opt.h"
#include "report.h"
#include "ru.h"
#include "schools.h"
#include "stream.h"
#include "strmap.h"
#include "tsv.h"
#include "util.h"

static const char usage[] = "[--year Y] [--rules FILE] [--rejects FILE] [FILE...]";
static const char help[] =
	"Pass every record through; at the end write recommendation records (per school\n"
	"and audience: administration, teachers, parents, municipality; each with its\n"
	"basis: indicator, value, threshold, source record) and indicator records per\n"
	"municipality and region (numerator, denominator, value in percent).\n"
	"Reads school, isbs, lowres, procedure_result, risk_profile, objectivity,\n"
	"task_completion and observation records (eq-isbs, eq-lowres, eq-objectivity).\n"
	"\n"
	"  -y, --year Y        the year to recommend for (default: the latest in the input)\n"
	"  -r, --rules FILE    the catalogue of recommendations (default\n"
	"                      schemas/ref/recommendations.tsv); see eq-recommend(1)\n"
	COMMON_HELP;

/* ---- the catalogue ---- */

enum trigger { T_SHNOR, T_SHNSU, T_PARTNER, T_NO_PARTNER, T_RISK, T_FLAGGED, T_SCORE, T_LOW_TASKS,
	T_LOW_PROC, T_FALL, NTRIGGERS };

static const struct {
	const char *name;
	int threshold;            /* 1: the rule must give one */
	const char *placeholders; /* besides school, year, next, group */
} triggers[NTRIGGERS] = {
	[T_SHNOR] = { "shnor", 0, " criteria procedures threshold " },
	[T_SHNSU] = { "shnsu", 0, " isbs cut rank of " },
	[T_PARTNER] = { "partner", 0, " partner partner_reason " },
	[T_NO_PARTNER] = { "no_partner", 0, " " },
	[T_RISK] = { "risk_factor", 0, " factor value cut " },
	[T_FLAGGED] = { "objectivity_flagged", 0, " signs score " },
	[T_SCORE] = { "objectivity_score", 1, " signs score threshold " },
	[T_LOW_TASKS] = { "low_tasks", 1, " subject procedure grade tasks threshold " },
	[T_LOW_PROC] = { "low_procedure", 0, " subject procedure grade share_fail threshold " },
	[T_FALL] = { "results_fall", 1, " subject procedure grade share_fail share_before threshold " },
};
#define COMMON_PLACEHOLDERS " school year next group "

static const char *const audiences[] = { "administration", "teachers", "parents", "municipality" };
#define NAUDIENCES 4

struct rule {
	char *code, *arg, *due, *text;
	enum trigger trigger;
	double threshold;   /* NAN: none */
	int audience, priority;
};
static struct rule *rules;
static size_t nrules;

static int
placeholders_ok(const char *s, const char *allowed, char *bad, size_t badsz)
{
	const char *p = s, *e;
	char word[64];

	while ((p = strchr(p, '{'))) {
		if (!(e = strchr(p, '}')) || (size_t)(e - p) >= sizeof word - 2) {
			snprintf(bad, badsz, "an unclosed \"{\"");
			return 0;
		}
		word[0] = ' ';
		memcpy(word + 1, p + 1, (size_t)(e - p - 1));
		word[e - p] = ' ';
		word[e - p + 1] = '\0';
		if (!strstr(COMMON_PLACEHOLDERS, word) && !strstr(allowed, word)) {
			snprintf(bad, badsz, "{%.*s}", (int)(e - p - 1), p + 1);
			return 0;
		}
		p = e + 1;
	}
	return 1;
}

/* A catalogue's due for the year y: {year} and {next} put in, else as given. */
static void
due_date(char *out, size_t size, const char *tmpl, int y)
{
	if (strncmp(tmpl, "{year}", 6) == 0 || strncmp(tmpl, "{next}", 6) == 0)
		snprintf(out, size, "%d%s", tmpl[1] == 'n' ? y + 1 : y, tmpl + 6);
	else
		snprintf(out, size, "%s", tmpl);
}

/* The due of a catalogue row is a date of the calendar once the year y is
 * put in. */
static int
due_ok(const char *tmpl, int y)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char due[64];
	int yy, m, d, len = 0, leap;

	due_date(due, sizeof due, tmpl, y);
	if (sscanf(due, "%4d-%2d-%2d%n", &yy, &m, &d, &len) != 3 || due[len] || len != 10 ||
	    m < 1 || m > 12 || yy < 2000 || yy > 2100)
		return 0;
	leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

static void
rule_row(const struct tsv_row *row, void *arg)
{
	struct rule r = { 0 };
	char *colon, bad[80];
	size_t t;
	int a;
	(void)arg;

	for (size_t i = 0; i < nrules; i++)
		if (strcmp(rules[i].code, row->col[0]) == 0)
			tsv_die(row, "code \"%s\" given twice", row->col[0]);
	if ((colon = strchr(row->col[1], ':')))
		*colon = '\0';
	for (t = 0; t < NTRIGGERS && strcmp(triggers[t].name, row->col[1]) != 0; t++)
		;
	if (t == NTRIGGERS)
		tsv_die(row, "unknown trigger \"%s\" (see eq-recommend(1))", row->col[1]);
	r.trigger = (enum trigger)t;
	if (colon) {
		if (r.trigger != T_RISK || !dict_is_code("factor", colon + 1, strlen(colon + 1)))
			tsv_die(row, "\"%s:%s\": only risk_factor takes an argument, a factor code of "
			        "schemas/ref/values.tsv", row->col[1], colon + 1);
		r.arg = estrdup(colon + 1);
	}
	if (strcmp(row->col[2], "-") == 0) {
		if (triggers[t].threshold)
			tsv_die(row, "trigger %s needs a threshold", triggers[t].name);
		r.threshold = NAN;
	} else {
		r.threshold = tsv_num(row, 2);
	}
	for (a = 0; a < NAUDIENCES && strcmp(audiences[a], row->col[3]) != 0; a++)
		;
	if (a == NAUDIENCES)
		tsv_die(row, "unknown audience \"%s\": administration, teachers, parents or municipality", row->col[3]);
	r.audience = a;
	{
		double p = tsv_num(row, 4);
		if (!(p >= 1 && p <= 9 && p == (int)p))
			tsv_die(row, "priority \"%s\": a whole number 1 to 9", row->col[4]);
		r.priority = (int)p;
	}
	/* the deadline: a date of the calendar in a leap year and in another */
	if (!due_ok(row->col[5], 2023) || !due_ok(row->col[5], 2024))
		tsv_die(row, "due \"%s\": expected a date YYYY-MM-DD, {year}-MM-DD or {next}-MM-DD "
		        "(a day every year has)", row->col[5]);
	if (!placeholders_ok(row->col[6], triggers[t].placeholders, bad, sizeof bad))
		tsv_die(row, "%s in the text: trigger %s fills only {school} {year} {next} {group} and%s",
		        bad, triggers[t].name, triggers[t].placeholders);
	r.code = estrdup(row->col[0]);
	r.due = estrdup(row->col[5]);
	r.text = estrdup(row->col[6]);
	rules = erealloc(rules, (nrules + 1) * sizeof *rules);
	rules[nrules++] = r;
}

/* ---- what the stream says, by school and year ---- */

enum kind { K_LOWRES, K_ISBS, K_RISK, K_OBJECTIVITY, NKINDS };
static const char *const kind_type[NKINDS] = { "lowres", "isbs", "risk_profile", "objectivity" };
static struct strmap byschool[NKINDS];   /* "school\x1fyear" -> json_t */
/* procedure_result and task_completion records, by "school\x1fyear", in input order */
struct list {
	json_t **v;
	size_t n;
};
static struct strmap procs, completions;
static struct strmap observed;           /* "school\x1fyear" of observed procedures */
static struct strmap known;              /* "school\x1fyear" of any record above */
static int year = 0, max_year = 0;

/* The value a map keeps for a school and year, or NULL. */
static void *
school_year_get(const struct strmap *m, const char *school, int y)
{
	struct key key;
	void *v;

	key_of(&key, "sd", school, y);
	v = strmap_get(m, key.s, key.n);
	key_free(&key);
	return v;
}

static json_t *
get(enum kind k, const char *school, int y)
{
	return school_year_get(&byschool[k], school, y);
}

/* The records of a list map for a school and year (none: an empty list). */
static struct list
list_of(const struct strmap *m, const char *school, int y)
{
	const struct list *l = school_year_get(m, school, y);

	return l ? *l : (struct list){ 0 };
}

static void
free_list(void *p)
{
	struct list *l = p;

	for (size_t i = 0; i < l->n; i++)
		json_decref(l->v[i]);
	free(l->v);
	free(l);
}

static void
remember(const char *school, int y)
{
	struct key key;

	key_of(&key, "sd", school, y);
	strmap_put(&known, key.s, key.n, &known);
	key_free(&key);
	if (y > max_year)
		max_year = y;
}

static int
take(const struct record *r)
{
	json_t *rec, *old;
	char err[600];
	struct key key;
	const char *school;
	int y;
	size_t k;

	if (!r->type)
		return 0;
	if (type_is(r->type, r->tlen, "school"))
		return schools_take(r);
	for (k = 0; k < NKINDS && !type_is(r->type, r->tlen, kind_type[k]); k++)
		;
	if (k == NKINDS && !type_is(r->type, r->tlen, "procedure_result") &&
	    !type_is(r->type, r->tlen, "task_completion") && !type_is(r->type, r->tlen, "observation"))
		return 0;
	if (!(rec = json_parse_line(r->line, r->len, err, sizeof err))) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	school = json_string_value(json_object_get(rec, "school_id"));
	y = (int)json_integer_value(json_object_get(rec, "year"));
	if (!school || y < 2000 || y > 2100) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%.*s: no school_id or year",
		            (int)r->tlen, r->type);
		json_decref(rec);
		return -1;
	}
	if (type_is(r->type, r->tlen, "observation")) {
		if (type_validate("observation", rec, err, sizeof err) < 0) {
			reject_line(r->file, r->lineno, r->line, r->len, 1, "observation: %s", err);
			json_decref(rec);
			return -1;
		}
		if (jnum(rec, "public_observers") == 1 || jnum(rec, "video") == 1) {
			key_of(&key, "sd", school, y);
			strmap_put(&observed, key.s, key.n, &observed);
			key_free(&key);
		}
		json_decref(rec);
		return 0;
	}
	if (k == K_LOWRES && jyes(rec, "shnor") &&
	    !(json_is_array(json_object_get(rec, "criteria")) &&
	      json_is_array(json_object_get(rec, "low_procedures")))) {
		/* no derived-type schema yet: the one field a recommendation quotes */
		reject_line(r->file, r->lineno, r->line, r->len, 1,
		            "lowres: shnor without criteria or low_procedures");
		json_decref(rec);
		return -1;
	}
	remember(school, y);
	key_of(&key, "sd", school, y);
	if (k < NKINDS) {
		if ((old = strmap_get(&byschool[k], key.s, key.n)))
			json_decref(old); /* the later record of a school-year wins */
		strmap_put(&byschool[k], key.s, key.n, rec);
	} else {
		struct strmap *m = type_is(r->type, r->tlen, "procedure_result") ? &procs : &completions;
		struct list *l;
		if (!(l = strmap_get(m, key.s, key.n))) {
			l = ecalloc(1, sizeof *l);
			strmap_put(m, key.s, key.n, l);
		}
		l->v = erealloc(l->v, (l->n + 1) * sizeof *l->v);
		l->v[l->n++] = rec;
	}
	key_free(&key);
	return 0;
}

/* ---- Russian numbers and names ---- */

static const char *
school_title(const char *id)
{
	const char *n = school_name(id);

	return n ? n : id;
}

static const char *
municipality_of(const char *id)
{
	const char *m = school_group(id, BY_MUNICIPALITY);

	return m ? m : "unknown";
}

/* "ОГЭ, русский язык, 9 класс, 2023 г.: доля «2» 47,6 %" */
static void
describe_proc(struct sbuf *b, const json_t *p)
{
	char pct[96];
	const char *subject = ru_name("subject", jstr(p, "subject"));

	sb_puts(b, ru_name("procedure", jstr(p, "procedure")));
	sb_puts(b, ", ");
	sb_puts(b, subject);
	sb_printf(b, ", %d класс, %d г.: доля «2» %s", jint(p, "grade"), jint(p, "year"),
	          ru_share(pct, sizeof pct, jnum(p, "share_fail"), jnum(p, "n")));
}

/* ---- filling a rule ---- */

#define MAXVARS 32
struct vars {
	size_t n;
	const char *name[MAXVARS];
	char *value[MAXVARS];
};

static void
set(struct vars *v, const char *name, const char *value)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->name[i], name) == 0) {
			free(v->value[i]);
			v->value[i] = estrdup(value);
			return;
		}
	if (v->n == MAXVARS)
		die(EQ_USAGE, "internal: too many placeholders");
	v->name[v->n] = name;
	v->value[v->n++] = estrdup(value);
}

static void
vars_free(struct vars *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->value[i]);
	v->n = 0;
}

static void
fill(struct sbuf *b, const char *s, const struct vars *v)
{
	const char *p, *e;

	while ((p = strchr(s, '{')) && (e = strchr(p, '}'))) {
		size_t i;
		sb_putn(b, s, (size_t)(p - s));
		for (i = 0; i < v->n; i++)
			if (strlen(v->name[i]) == (size_t)(e - p - 1) && memcmp(v->name[i], p + 1, (size_t)(e - p - 1)) == 0)
				break;
		if (i == v->n) /* the catalogue was checked: a trigger left one unset */
			die(EQ_USAGE, "internal: placeholder %.*s not filled", (int)(e - p + 1), p);
		sb_puts(b, v->value[i]);
		s = e + 1;
	}
	sb_puts(b, s);
}

struct rec {
	char *school_id;
	int audience, priority;
	char *code, *subject;
	char *line;
	size_t order;   /* as made: one code's records keep the order of their evidence */
};
static struct rec *out;
static size_t nout;

/* One recommendation: the rule filled, with its basis (a JSON object text). */
static void
recommend(const struct rule *r, const char *school, const char *subject, struct vars *v, const char *basis)
{
	struct sbuf b = { 0 }, t = { 0 };
	int first = 1;
	char due[64];

	fill(&t, r->text, v);
	sb_putc(&t, '\0');
	due_date(due, sizeof due, r->due, year);
	sb_putc(&b, '{');
	jw_key(&b, &first, "type");
	sb_puts(&b, "\"recommendation\"");
	jw_key(&b, &first, "school_id");
	jw_str(&b, school, strlen(school));
	jw_key(&b, &first, "year");
	jw_int(&b, year);
	jw_key(&b, &first, "audience");
	sb_puts(&b, "\"");
	sb_puts(&b, audiences[r->audience]);
	sb_puts(&b, "\"");
	if (subject) {
		jw_key(&b, &first, "subject");
		jw_str(&b, subject, strlen(subject));
	}
	jw_key(&b, &first, "priority");
	jw_int(&b, r->priority);
	jw_key(&b, &first, "code");
	jw_str(&b, r->code, strlen(r->code));
	jw_key(&b, &first, "text");
	jw_str(&b, t.s, strlen(t.s));
	jw_key(&b, &first, "basis");
	sb_puts(&b, basis);
	jw_key(&b, &first, "due");
	jw_str(&b, due, strlen(due));
	sb_puts(&b, "}\n");
	sb_putc(&b, '\0');
	out = erealloc(out, (nout + 1) * sizeof *out);
	out[nout] = (struct rec){ estrdup(school), r->audience, r->priority, estrdup(r->code),
		subject ? estrdup(subject) : NULL, estrdup(b.s), nout };
	nout++;
	sb_free(&b);
	sb_free(&t);
}

/* Every rule of a trigger (and, for risk factors, of its argument). */
static void
apply(enum trigger t, const char *arg, const char *school, const char *subject, struct vars *v,
      const char *basis)
{
	size_t hits = 0;

	for (size_t i = 0; i < nrules; i++)
		if (rules[i].trigger == t && rules[i].arg && arg && strcmp(rules[i].arg, arg) == 0)
			recommend(&rules[i], school, subject, v, basis), hits++;
	if (hits)
		return;
	for (size_t i = 0; i < nrules; i++)
		if (rules[i].trigger == t && !rules[i].arg)
			recommend(&rules[i], school, subject, v, basis);
}

/* The buffer as a C string. */
static const char *
cstr(struct sbuf *b)
{
	sb_grow(b, 1);
	b->s[b->len] = '\0';
	return b->s;
}

/* The source of a basis: the record's type and key. */
static void
source(struct sbuf *b, const char *type, const char *school, int y, const json_t *proc)
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

/* ---- partner school ---- */

static const char **ids;   /* schools of the year, sorted */
static size_t nids;

static int
clean_for_partner(const char *c)
{
	json_t *l = get(K_LOWRES, c, year), *i = get(K_ISBS, c, year), *o = get(K_OBJECTIVITY, c, year);

	return !(l && jyes(l, "shnor")) && !(i && jyes(i, "shnsu")) && !(o && jyes(o, "flagged"));
}

/* The best partner of school s in its municipality: resilient or high-result
 * (result level 0.5 or more), not ШНОР, not ШНСУ, not flagged; resilient
 * first, then the nearest ИСБШ (the highest level when s has no index). */
static const char *
find_partner(const char *s, struct sbuf *reason, struct sbuf *basis)
{
	const json_t *si = get(K_ISBS, s, year);
	double sx = si ? jnum(si, "isbs") : NAN;
	const char *best = NULL, *m = municipality_of(s);
	double best_key = INFINITY;
	int best_res = 0;
	char a[32], b[32];

	for (size_t i = 0; i < nids; i++) {
		const char *c = ids[i];
		const json_t *ci = get(K_ISBS, c, year);
		int resilient;
		double level, d;

		if (strcmp(c, s) == 0 || strcmp(municipality_of(c), m) != 0 || !ci || !clean_for_partner(c))
			continue;
		resilient = strcmp(jstr(ci, "context_class"), "resilient") == 0;
		level = jnum(ci, "result_level");
		if (!resilient && !(level >= 0.5))
			continue;
		d = !isnan(sx) && !isnan(jnum(ci, "isbs")) ? fabs(jnum(ci, "isbs") - sx) : -level;
		if (!best || resilient > best_res || (resilient == best_res && d < best_key))
			best = c, best_key = d, best_res = resilient;
	}
	if (!best)
		return NULL;
	{
		const json_t *ci = get(K_ISBS, best, year);
		double cx = jnum(ci, "isbs");
		int observed_obj = get(K_OBJECTIVITY, best, year) != NULL;

		sb_puts(reason, best_res ? "устойчивая школа: её результаты выше ожидаемых при её социальных условиях"
		                         : "школа с высокими результатами");
		sb_printf(reason, " (уровень результатов %s стандартного отклонения от среднего по %s)",
		          ru_num(a, sizeof a, jnum(ci, "result_level"), 2), m);
		if (!isnan(cx) && !isnan(sx))
			sb_printf(reason, ", сходный ИСБШ: %s против %s у %s", ru_num(a, sizeof a, cx, 1),
			          ru_num(b, sizeof b, sx, 1), school_title(s));
		sb_puts(reason, observed_obj ? ", признаков необъективности результатов нет"
		                             : ", объективность результатов не оценивалась");
		sb_puts(basis, "{\"indicator\":\"partner\",\"value\":");
		jw_str(basis, best, strlen(best));
		sb_puts(basis, ",\"context_class\":");
		jw_str(basis, jstr(ci, "context_class"), strlen(jstr(ci, "context_class")));
		sb_puts(basis, ",\"result_level\":");
		jw_num(basis, jnum(ci, "result_level"));
		sb_puts(basis, ",\"isbs\":");
		isnan(cx) ? sb_puts(basis, "null") : jw_num(basis, cx);
		sb_puts(basis, ",\"school_isbs\":");
		isnan(sx) ? sb_puts(basis, "null") : jw_num(basis, sx);
		sb_puts(basis, ",\"threshold\":{\"result_level\":0.5},");
		source(basis, "isbs", best, year, NULL);
		sb_putc(basis, '}');
	}
	return best;
}

/* ---- the recommendations of one school ---- */

static void
common_vars(struct vars *v, const char *s)
{
	char y[16];

	set(v, "school", school_title(s));
	snprintf(y, sizeof y, "%d", year);
	set(v, "year", y);
	snprintf(y, sizeof y, "%d", year + 1);
	set(v, "next", y);
	set(v, "group", municipality_of(s));
}

static void
signs_text(struct sbuf *t, const json_t *o)
{
	const json_t *signs = json_object_get(o, "signs");
	size_t n = 0;

	for (size_t i = 0; i < json_array_size(signs); i++) {
		const char *code = jstr(json_array_get(signs, i), "sign");
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= strcmp(code, jstr(json_array_get(signs, j), "sign")) == 0;
		if (seen)
			continue;
		sb_puts(t, n++ ? "; " : "");
		sb_puts(t, ru_name("sign", code));
	}
	if (!n)
		sb_puts(t, "нет");
	sb_putc(t, '\0');
}

static void
school_shnor_shnsu(const char *s, struct vars *v)
{
	json_t *l = get(K_LOWRES, s, year), *i = get(K_ISBS, s, year);
	struct sbuf t = { 0 }, b = { 0 }, reason = { 0 }, pb = { 0 };
	char x[96], y[96];
	const char *partner;
	int shnor = l && jyes(l, "shnor"), shnsu = i && jyes(i, "shnsu");

	if (shnor) {
		const json_t *c = json_object_get(l, "criteria"), *low = json_object_get(l, "low_procedures");
		for (size_t k = 0; k < json_array_size(c); k++) {
			int crit = (int)json_integer_value(json_array_get(c, k));
			sb_puts(&t, k ? "; " : "");
			if (crit == 1)
				sb_printf(&t, "низкие результаты не менее чем по двум процедурам %d г.", year);
			else
				sb_printf(&t, "низкие результаты в %d и %d гг.", year - 1, year);
		}
		sb_putc(&t, '\0');
		set(v, "criteria", t.s);
		t.len = 0;
		for (size_t k = 0; k < json_array_size(low); k++) {
			sb_puts(&t, k ? "; " : "");
			describe_proc(&t, json_array_get(low, k));
		}
		sb_putc(&t, '\0');
		set(v, "procedures", t.s);
		set(v, "threshold", ru_pct(x, sizeof x, jnum(l, "threshold")));
		sb_puts(&b, "{\"indicator\":\"shnor\",\"value\":true,\"threshold\":");
		jw_num(&b, jnum(l, "threshold"));
		sb_puts(&b, ",\"criteria\":");
		jw_value(&b, c);
		sb_puts(&b, ",\"low_procedures\":");
		jw_value(&b, low);
		sb_putc(&b, ',');
		source(&b, "lowres", s, year, NULL);
		sb_putc(&b, '}');
		apply(T_SHNOR, NULL, s, NULL, v, cstr(&b));
	}
	if (shnsu) {
		b.len = 0;
		set(v, "isbs", ru_num(x, sizeof x, jnum(i, "isbs"), 1));
		set(v, "cut", ru_num(y, sizeof y, jnum(i, "threshold"), 1));
		snprintf(x, sizeof x, "%d", jint(i, "rank"));
		set(v, "rank", x);
		snprintf(x, sizeof x, "%d", jint(i, "of"));
		set(v, "of", x);
		sb_puts(&b, "{\"indicator\":\"isbs\",\"value\":");
		jw_num(&b, jnum(i, "isbs"));
		sb_puts(&b, ",\"threshold\":");
		jw_num(&b, jnum(i, "threshold"));
		sb_printf(&b, ",\"rank\":%d,\"of\":%d,", jint(i, "rank"), jint(i, "of"));
		source(&b, "isbs", s, year, NULL);
		sb_putc(&b, '}');
		apply(T_SHNSU, NULL, s, NULL, v, cstr(&b));
	}
	if (shnor || shnsu) {
		if ((partner = find_partner(s, &reason, &pb))) {
			sb_putc(&reason, '\0');
			sb_putc(&pb, '\0');
			set(v, "partner", school_title(partner));
			set(v, "partner_reason", reason.s);
			apply(T_PARTNER, NULL, s, NULL, v, pb.s);
		} else {
			b.len = 0;
			sb_puts(&b, "{\"indicator\":\"partner\",\"value\":null,\"threshold\":{\"result_level\":0.5},"
			            "\"candidates\":\"schools of the municipality, resilient or with a result level of "
			            "0.5 or more, not ШНОР, not ШНСУ, not flagged\",");
			source(&b, shnor ? "lowres" : "isbs", s, year, NULL);
			sb_putc(&b, '}');
			apply(T_NO_PARTNER, NULL, s, NULL, v, cstr(&b));
		}
	}
	sb_free(&t);
	sb_free(&b);
	sb_free(&reason);
	sb_free(&pb);
}

static void
school_risk(const char *s, struct vars *v)
{
	json_t *r = get(K_RISK, s, year);
	const json_t *hf = r ? json_object_get(r, "high_factors") : NULL;
	struct sbuf b = { 0 };
	char x[96];

	for (size_t k = 0; k < json_array_size(hf); k++) {
		const json_t *f = json_array_get(hf, k);
		const char *code = jstr(f, "factor");

		set(v, "factor", ru_name("factor", code));
		set(v, "value", ru_num(x, sizeof x, jnum(f, "value"), 2));
		set(v, "cut", ru_num(x, sizeof x, jnum(r, "cut"), 2));
		b.len = 0;
		sb_puts(&b, "{\"indicator\":");
		jw_str(&b, code, strlen(code));
		sb_puts(&b, ",\"value\":");
		jw_num(&b, jnum(f, "value"));
		sb_puts(&b, ",\"threshold\":");
		jw_num(&b, jnum(r, "cut"));
		sb_putc(&b, ',');
		source(&b, "risk_profile", s, year, NULL);
		sb_putc(&b, '}');
		apply(T_RISK, code, s, NULL, v, cstr(&b));
	}
	sb_free(&b);
}

static void
school_objectivity(const char *s, struct vars *v)
{
	json_t *o = get(K_OBJECTIVITY, s, year);
	struct sbuf b = { 0 }, t = { 0 };
	double score;
	char x[96];
	const json_t *signs;

	if (!o)
		return;
	score = jnum(o, "score");
	signs = json_object_get(o, "signs");
	signs_text(&t, o);
	set(v, "signs", t.s);
	set(v, "score", ru_num(x, sizeof x, isnan(score) ? 0 : score, 2));
	if (jyes(o, "flagged")) {
		sb_puts(&b, "{\"indicator\":\"objectivity_flagged\",\"value\":true,\"threshold\":null,\"signs\":[");
		for (size_t k = 0; k < json_array_size(signs); k++) {
			const char *code = jstr(json_array_get(signs, k), "sign");
			if (k)
				sb_putc(&b, ',');
			jw_str(&b, code, strlen(code));
		}
		sb_puts(&b, "],");
		source(&b, "objectivity", s, year, NULL);
		sb_putc(&b, '}');
		apply(T_FLAGGED, NULL, s, NULL, v, cstr(&b));
	}
	for (size_t i = 0; i < nrules; i++) { /* each score rule has its own threshold */
		struct rule *r = &rules[i];
		if (r->trigger != T_SCORE || !(score >= r->threshold))
			continue;
		set(v, "threshold", ru_num(x, sizeof x, r->threshold, 2));
		b.len = 0;
		sb_puts(&b, "{\"indicator\":\"objectivity_score\",\"value\":");
		jw_num(&b, score);
		sb_puts(&b, ",\"threshold\":");
		jw_num(&b, r->threshold);
		sb_putc(&b, ',');
		source(&b, "objectivity", s, year, NULL);
		sb_putc(&b, '}');
		recommend(r, s, NULL, v, cstr(&b));
	}
	sb_free(&b);
	sb_free(&t);
}

static void
proc_vars(struct vars *v, const json_t *p)
{
	char x[16];

	set(v, "procedure", ru_name("procedure", jstr(p, "procedure")));
	set(v, "subject", ru_name("subject", jstr(p, "subject")));
	snprintf(x, sizeof x, "%d", jint(p, "grade"));
	set(v, "grade", x);
}

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
school_tasks(const char *s, struct vars *v)
{
	struct sbuf b = { 0 }, t = { 0 };
	char x[96], y[96];

	struct list cs = list_of(&completions, s, year);

	for (size_t i = 0; i < cs.n; i++) {
		const json_t *c = cs.v[i], *sc = json_object_get(c, "school"), *rg = json_object_get(c, "region");
		struct gap *g;
		size_t n = 0;

		g = emalloc((json_array_size(sc) + 1) * sizeof *g);
		for (size_t k = 0; k < json_array_size(sc) && k < json_array_size(rg); k++) {
			const json_t *a = json_array_get(sc, k), *r = json_array_get(rg, k);
			if (json_is_number(a) && json_is_number(r))
				g[n++] = (struct gap){ k + 1, json_number_value(a), json_number_value(r) };
		}
		qsort(g, n, sizeof *g, by_gap);
		for (size_t r = 0; r < nrules; r++) {
			const struct rule *rule = &rules[r];
			size_t k;
			if (rule->trigger != T_LOW_TASKS || !n || !(g[0].region - g[0].school >= rule->threshold))
				continue;
			t.len = 0;
			b.len = 0;
			sb_puts(&b, "{\"indicator\":\"task_completion_gap\",\"value\":");
			jw_num(&b, round(1e4 * (g[0].region - g[0].school)) / 1e4);
			sb_puts(&b, ",\"threshold\":");
			jw_num(&b, rule->threshold);
			sb_puts(&b, ",\"tasks\":[");
			for (k = 0; k < n && k < WEAKEST && g[k].region - g[k].school >= rule->threshold; k++) {
				sb_printf(&t, "%s№ %zu (%s против %s в среднем)", k ? ", " : "", g[k].task,
				          ru_share(x, sizeof x, g[k].school, jnum(c, "n")),
				          ru_pct(y, sizeof y, g[k].region));
				sb_printf(&b, "%s{\"task\":%zu,\"school\":", k ? "," : "", g[k].task);
				jw_num(&b, g[k].school);
				sb_puts(&b, ",\"region\":");
				jw_num(&b, g[k].region);
				sb_putc(&b, '}');
			}
			sb_putc(&t, '\0');
			sb_puts(&b, "],");
			source(&b, "task_completion", s, year, c);
			sb_putc(&b, '}');
			proc_vars(v, c);
			set(v, "tasks", t.s);
			set(v, "threshold", ru_pct(x, sizeof x, rule->threshold));
			recommend(rule, s, jstr(c, "subject"), v, cstr(&b));
		}
		free(g);
	}
	sb_free(&b);
	sb_free(&t);
}

static const json_t *
proc_before(const json_t *p)
{
	struct list before = list_of(&procs, jstr(p, "school_id"), year - 1);

	for (size_t i = 0; i < before.n; i++) {
		const json_t *q = before.v[i];
		if (strcmp(jstr(q, "procedure"), jstr(p, "procedure")) == 0 &&
		    strcmp(jstr(q, "subject"), jstr(p, "subject")) == 0 && jnum(q, "grade") == jnum(p, "grade"))
			return q;
	}
	return NULL;
}

static void
school_procedures(const char *s, struct vars *v)
{
	struct sbuf b = { 0 };
	json_t *l = get(K_LOWRES, s, year);
	double thr = l ? jnum(l, "threshold") : 0.3;
	char x[96];

	struct list ps = list_of(&procs, s, year);

	for (size_t i = 0; i < ps.n; i++) {
		const json_t *p = ps.v[i], *q;
		double now = jnum(p, "share_fail"), before;

		proc_vars(v, p);
		if (jyes(p, "low")) {
			set(v, "share_fail", ru_share(x, sizeof x, now, jnum(p, "n")));
			set(v, "threshold", ru_pct(x, sizeof x, thr));
			b.len = 0;
			sb_puts(&b, "{\"indicator\":\"share_fail\",\"value\":");
			jw_num(&b, now);
			sb_puts(&b, ",\"threshold\":");
			jw_num(&b, thr);
			sb_puts(&b, ",\"n\":");
			jw_num(&b, jnum(p, "n"));
			sb_puts(&b, ",\"n_fail\":");
			jw_num(&b, jnum(p, "n_fail"));
			sb_putc(&b, ',');
			source(&b, "procedure_result", s, year, p);
			sb_putc(&b, '}');
			apply(T_LOW_PROC, NULL, s, jstr(p, "subject"), v, cstr(&b));
		}
		if (!(q = proc_before(p)) || isnan(now) || isnan(before = jnum(q, "share_fail")))
			continue;
		for (size_t r = 0; r < nrules; r++) {
			const struct rule *rule = &rules[r];
			if (rule->trigger != T_FALL || !(now - before >= rule->threshold))
				continue;
			set(v, "share_fail", ru_share(x, sizeof x, now, jnum(p, "n")));
			set(v, "share_before", ru_share(x, sizeof x, before, jnum(q, "n")));
			set(v, "threshold", ru_pct(x, sizeof x, rule->threshold));
			b.len = 0;
			sb_puts(&b, "{\"indicator\":\"share_fail_change\",\"value\":");
			jw_num(&b, now - before);
			sb_puts(&b, ",\"threshold\":");
			jw_num(&b, rule->threshold);
			sb_puts(&b, ",\"share_fail\":");
			jw_num(&b, now);
			sb_puts(&b, ",\"share_fail_before\":");
			jw_num(&b, before);
			sb_putc(&b, ',');
			source(&b, "procedure_result", s, year, p);
			sb_putc(&b, '}');
			recommend(rule, s, jstr(p, "subject"), v, cstr(&b));
		}
	}
	sb_free(&b);
}

/* ---- municipal indicators (SPEC §8) ---- */

enum ind { I_BASIC_1_4, I_BASIC_5_9, I_BASIC_10_11, I_NONOBJ, I_OBSERVED, I_OGE_MIN, I_EGE_MIN,
	I_SHNOR, I_SHNSU, I_OBJ_LEVEL, NIND };
static const struct {
	const char *code;
	double target; /* NAN: none */
} indicators[NIND] = {
	[I_BASIC_1_4] = { "basic_level_1_4", NAN }, [I_BASIC_5_9] = { "basic_level_5_9", NAN },
	[I_BASIC_10_11] = { "basic_level_10_11", NAN }, [I_NONOBJ] = { "nonobjective_vpr", NAN },
	[I_OBSERVED] = { "observation_coverage", NAN }, [I_OGE_MIN] = { "below_min_oge", 5 },
	[I_EGE_MIN] = { "below_min_ege", 5 }, [I_SHNOR] = { "shnor_share", NAN },
	[I_SHNSU] = { "shnsu_share", NAN }, [I_OBJ_LEVEL] = { "objectivity_level", NAN },
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
	json_t *l = get(K_LOWRES, s, year), *i = get(K_ISBS, s, year), *o = get(K_OBJECTIVITY, s, year);
	t->den[I_OBSERVED]++;
	t->num[I_OBSERVED] += school_year_get(&observed, s, year) != NULL;
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
		jw_int(&b, year);
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
	const char **gs = emalloc((nids + 1) * sizeof *gs);
	size_t ng = 0;

	for (size_t i = 0; i < nids; i++) {
		const char *g = group(ids[i]);
		struct tally *t = strmap_get(&tallies, g, strlen(g));
		struct list ps = list_of(&procs, ids[i], year);

		if (!t) {
			t = ecalloc(1, sizeof *t);
			strmap_put(&tallies, g, strlen(g), t);
			gs[ng++] = g;
		}
		tally_school(t, ids[i]);
		for (size_t k = 0; k < ps.n; k++)
			tally_proc(t, ps.v[k]);
	}
	qsort(gs, ng, sizeof *gs, cmp_str);
	for (size_t g = 0; g < ng; g++)
		put_indicators(level, gs[g], strmap_get(&tallies, gs[g], strlen(gs[g])));
	strmap_free(&tallies, free);
	free(gs);
}

static const char *
region_of(const char *id)
{
	const char *r = school_group(id, BY_REGION);

	return r ? r : "unknown";
}

/* ---- the end of the stream ---- */

static int
by_school_audience(const void *pa, const void *pb)
{
	const struct rec *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->school_id, b->school_id)))
		return c;
	if (a->audience != b->audience)
		return a->audience - b->audience;
	if (a->priority != b->priority)
		return a->priority - b->priority;
	if ((c = strcmp(a->code, b->code)))
		return c;
	return (a->order > b->order) - (a->order < b->order); /* qsort is not stable */
}

static void
finish(void)
{
	struct vars v = { 0 };
	char suffix[16];
	int sl;

	if (!year)
		year = max_year;
	/* keys of "sd": the school, NUL, the year, NUL */
	sl = snprintf(suffix, sizeof suffix, "%c%d", 0, year) + 1;
	for (size_t i = 0; i < known.cap; i++) { /* the schools of the year */
		const char *k = known.keys ? known.keys[i] : NULL;
		size_t kl = k ? known.klens[i] : 0;
		if (!k || kl <= (size_t)sl || memcmp(k + kl - (size_t)sl, suffix, (size_t)sl) != 0)
			continue;
		ids = erealloc(ids, (nids + 1) * sizeof *ids);
		ids[nids++] = estrndup(k, kl - (size_t)sl);
	}
	if (nids)
		qsort(ids, nids, sizeof *ids, cmp_str);
	for (size_t i = 0; i < nids; i++) {
		common_vars(&v, ids[i]);
		school_shnor_shnsu(ids[i], &v);
		school_risk(ids[i], &v);
		school_objectivity(ids[i], &v);
		school_tasks(ids[i], &v);
		school_procedures(ids[i], &v);
		vars_free(&v);
	}
	if (nout)
		qsort(out, nout, sizeof *out, by_school_audience);
	for (size_t i = 0; i < nout; i++)
		fputs(out[i].line, stdout);
	if (nids) {
		indicators_by("municipality", municipality_of);
		indicators_by("region", region_of);
	}
}

static void
free_all(void)
{
	for (size_t i = 0; i < nrules; i++) {
		free(rules[i].code);
		free(rules[i].arg);
		free(rules[i].due);
		free(rules[i].text);
	}
	free(rules);
	for (size_t k = 0; k < NKINDS; k++)
		strmap_free(&byschool[k], (void (*)(void *))json_decref);
	strmap_free(&procs, free_list);
	strmap_free(&completions, free_list);
	for (size_t i = 0; i < nout; i++) {
		free(out[i].school_id);
		free(out[i].code);
		free(out[i].subject);
		free(out[i].line);
	}
	free(out);
	for (size_t i = 0; i < nids; i++)
		free((char *)ids[i]);
	free(ids);
	strmap_free(&observed, NULL);
	strmap_free(&known, NULL);
	schools_free();
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "rules", required_argument, NULL, 'r' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	const char *rules_path = "ref/recommendations.tsv";
	unsigned long nrecords;
	int c, status, user_rules = 0;

	argv[0] = (char *)(argv0 = "eq-recommend"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "y:r:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		if (c == 'y')
			year = (int)opt_number("--year", optarg, 2000, 2100);
		else if (c == 'r')
			rules_path = optarg, user_rules = 1;
		else
			usage_exit(usage);
	}
	dict_load();
	if (user_rules) /* refused before any input is read */
		tsv_each_user(rules_path, 7, rule_row, NULL);
	else
		tsv_each(rules_path, 7, rule_row, NULL);
	report_open(common.rejects);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	finish();
	status = stream_finish(nrecords);
	free_all();
	return status;
}
