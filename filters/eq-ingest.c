/* eq-ingest: CSV exports of Russian assessments and school data -> NDJSON records. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "csvin.h"
#include "rows.h"
#include "dict.h"
#include "infer.h"
#include "json.h"
#include "opt.h"
#include "pseudonym.h"
#include "record.h"
#include "rectype.h"
#include "report.h"
#include "schema.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

static const char usage[] =
	"[--kind KIND] [--set FIELD=VALUE]... [--delimiter C] [--encoding E] [--sheet S]\n"
	"                 [--id-key FILE] [FILE...]";
static const char help[] =
	"Turn exports (CSV, .xlsx, .xls) into eq records (NDJSON), one per data row.\n"
	"\n"
	"  -k, --kind KIND       school, context, result, school_result, olympiad,\n"
	"                        medalist, observation or risk (default: the kind\n"
	"                        whose columns the header names most, per sheet)\n"
	"  -s, --set FIELD=VALUE a field the file does not carry (year, procedure,\n"
	"                        subject, grade, ...); wins over a column of that name\n"
	"  -d, --delimiter C     ',' ';' or 'tab' (default: guessed from the header)\n"
	"  -e, --encoding E      utf-8, cp1251 or auto (default: auto, UTF-8 when\n"
	"                        the text is valid UTF-8, else Windows-1251)\n"
	"      --sheet NAME|N    of a workbook (.xlsx, .xls), read only this sheet\n"
	"                        (default: every sheet with a header; rows are\n"
	"                        named FILE[SHEET]:ROW)\n"
	"      --id-key FILE     the key of pseudonymous student ids (below); default\n"
	"                        $EQ_ID_KEY, else ~/.config/eq/id-key, made when absent\n"
	"\n"
	"Headers are matched by canonical name or Russian alias (schemas/ref/columns.tsv);\n"
	"rows above the header are skipped. Columns with personal names are dropped.\n"
	"Result task columns (1, 2, 3.1, task_7, \"балл за 4\", \"5 (2б)\") become the\n"
	"\"tasks\" array, described once per procedure by a task_scheme record.\n"
	"\n"
	"A protocol with no participant code (РЦОИ ОГЭ/ЕГЭ) gets a student_id that\n"
	"is a keyed hash (HMAC-SHA256) of the pupil's document, else name and school:\n"
	"never the name itself. Keep the key file, and keep it secret: the same\n"
	"pupil has the same id only under the same key.\n"
	"\n"
	"After each file, a source record gives its account: rows read, accepted\n"
	"and rejected, records written, rows skipped (title, blank, header again),\n"
	"and whether the file was rejected whole. Exit status 4: an input file was\n"
	"rejected whole (no header, not text, every row rejected).\n"
	"\n" COMMON_HELP;

#define HEADER_SEARCH_LINES 30
#define SEEN 4

enum cellkind { C_IGNORE, C_FIELD, C_TASK, C_FACTOR, C_PERSONAL, C_WEAK, C_ANSWERS };
enum ident { ID_NONE, ID_DOCUMENT, ID_NAME }; /* what a personal column is */
enum sharemode { SHARE_NONE, SHARE_FRACTION, SHARE_PERCENT };
enum vtype { V_NONE, V_INT, V_NUM, V_STR, V_RAW }; /* V_RAW: canonical number text */

/* A property of the kind's schema; values are per row. */
struct field {
	const char *name;
	char *jkey;         /* "name": as written, ready to copy */
	size_t jkeylen;
	const struct schema *s;
	unsigned types;
	int simple;         /* a number checked inline against lo..hi */
	int whole;
	double lo, hi;
	int dict;           /* the field has a dictionary of values */
	int share_of;       /* context: index of the count this share belongs to, or -1 */
	int share_field;    /* context: index of this count's share field, or -1 */
	enum vtype vt;
	double num;
	const char *str;
	size_t slen;
	/* the last strings accepted and their codes: a column repeats a few
	 * values (a school, a class, a variant) row after row */
	struct sbuf seen[SEEN];
	const char *seen_code[SEEN];
	unsigned seen_next;
	int set;            /* given by --set */
	enum vtype set_vt;
	double set_num;
	char *set_str;
};

struct col {
	enum cellkind kind;
	int field;          /* C_FIELD */
	enum sharemode share;
	int task;           /* C_TASK */
	int unnamed;        /* the header cell is empty */
	const struct dict_value *factor; /* C_FACTOR */
	const struct column *weak;       /* C_WEAK */
	enum answers answers;            /* C_ANSWERS: its tasks from task on, */
	size_t ntask;                    /* this many (laid out from a block's first row) */
	enum ident ident;                /* C_PERSONAL */
	char *header;
};

static const char *kind;       /* of the sheet being read */
static const char *kind_opt;   /* --kind: every sheet is of this kind */
static const char **set_args;  /* --set, applied to each kind loaded */
static int nset_args;
static const struct schema *schema; /* type_schema() keeps it */
static struct field *fields;
static int nfields;
static int f_year = -1, f_procedure = -1, f_subject = -1, f_grade = -1,
	f_class = -1, f_variant = -1, f_primary = -1, f_mark = -1, f_test = -1,
	f_tasks = -1, f_students = -1, f_factor = -1, f_value = -1, f_absent = -1, f_student = -1,
	f_school = -1;
static int *required;       /* indices of the schema's required fields */
static size_t nrequired;
static enum encoding encoding = ENC_AUTO;
static int delimiter;
static size_t maxline;
static const char *sheet_opt;  /* --sheet: a workbook's sheet by name or number */
static struct sbuf out;
static int io_error;
static unsigned long nrows;
/* What became of each row of the file being read: rows = accepted +
 * rejected; the rest was skipped by a named rule. */
static struct {
	unsigned long rows, accepted, records, titles, blank, headers, no_header, footers, appeals;
	int appeal;         /* a protocol of appeals: its rows are not results */
	int whole;          /* the file, or what was left of it, rejected whole */
	const char *kind;   /* of its records; NULL while no header is found */
} fst;
static int any_whole;   /* some input rejected whole: exit EQ_INPUT_REJECTED */
static int positional;  /* cells have their own columns (a workbook), not a delimiter's */
static int criteria_subtasks; /* subtasks written N(M): the total is not their sum */

static void
count_row(void)
{
	nrows++;
	fst.rows++;
}
static const struct schema *task_items; /* what a task score may be */
static double task_lo, task_hi;
static int task_simple, task_whole;
static pcre2_code *task_re;
static pcre2_match_data *task_md;

/* per file */
static struct col *cols;
static size_t ncols;
static int has_personal;      /* the header names a personal column */
static int pseudo;            /* student_id made from the personal columns */
static const char *id_key;    /* --id-key */
static size_t numbered_tasks; /* tasks of numbered columns; answer strings add theirs */
static size_t nanswer_cols;   /* columns of answer strings */
static int answers_laid;      /* the answer columns' tasks are laid out for this block */
static int in_block_title;    /* a block title was the last row: its header may follow */
static size_t absent_cols[8]; /* columns that may say «отсутствовал» */
static size_t nabsent_cols;
static char **task_labels;
static double *task_max;
static double *task_val;
static int *task_has;
static const char **task_txt; /* canonical text of the cell, or NULL */
static size_t *task_txtlen;
static size_t ntasks;
static double *factor_val;
static int *factor_has;
static size_t nfactors;
static struct strmap schemes_sent;
/* The procedure of the last row with tasks (year, procedure, subject,
 * grade), per file: rows of one procedure come together. */
static struct {
	int valid;
	double num[4];
	char str[4][32];
	size_t slen[4];
} scheme_last;

static struct strmap shapes;   /* shape_check: shape -> verdict ("" valid), per kind */

static int
field_index(const char *name)
{
	for (int i = 0; i < nfields; i++)
		if (strcmp(fields[i].name, name) == 0)
			return i;
	return -1;
}

static void
load_kind(void)
{
	const char *const *names;
	const struct column *const *cs;

	if (!columns_of(kind, &cs) || strcmp(kind, "task_scheme") == 0)
		die(EQ_USAGE, "--kind: unknown kind \"%s\" (school, context, result, school_result, "
		    "olympiad, medalist, observation, risk)", kind);
	if (!(schema = type_schema(kind)))
		die(EQ_IO, "no schema of %s records (types/%s.schema.json)", kind, kind);
	nfields = (int)schema_properties(schema, &names);
	fields = ecalloc(nfields, sizeof *fields);
	for (int i = 0; i < nfields; i++) {
		fields[i].name = names[i];
		fields[i].s = schema_property(schema, names[i]);
		fields[i].types = schema_types(fields[i].s);
		fields[i].simple = schema_number_bounds(fields[i].s, &fields[i].lo, &fields[i].hi,
		                                        &fields[i].whole);
		fields[i].dict = dict_has(names[i]);
		fields[i].share_of = fields[i].share_field = -1;
		fields[i].jkey = emalloc(strlen(names[i]) + 4);
		fields[i].jkeylen = (size_t)sprintf(fields[i].jkey, "\"%s\":", names[i]);
	}
	for (int i = 0; i < nfields; i++) {
		size_t n = strlen(names[i]);
		if (n > 6 && strcmp(names[i] + n - 6, "_share") == 0) {
			char base[64];
			snprintf(base, sizeof base, "%.*s", (int)(n - 6), names[i]);
			fields[i].share_of = field_index(base);
			if (fields[i].share_of >= 0)
				fields[fields[i].share_of].share_field = i;
		}
	}
	f_year = field_index("year");
	f_procedure = field_index("procedure");
	f_subject = field_index("subject");
	f_grade = field_index("grade");
	f_class = field_index("class_name");
	f_variant = field_index("variant");
	f_primary = field_index("primary_score");
	f_mark = field_index("mark");
	f_test = field_index("test_score");
	f_tasks = field_index("tasks");
	f_students = field_index("students");
	f_factor = field_index("factor");
	f_value = field_index("value");
	f_absent = field_index("absent");
	f_student = field_index("student_id");
	f_school = field_index("school_id");
	if (f_tasks >= 0) {
		task_items = schema_items(fields[f_tasks].s);
		task_simple = schema_number_bounds(task_items, &task_lo, &task_hi, &task_whole);
	}
	{
		const char *const *req;
		size_t n = schema_required(schema, &req);
		required = ecalloc(n, sizeof *required);
		for (size_t k = 0; k < n; k++)
			if ((required[nrequired] = field_index(req[k])) > 0)
				nrequired++;
	}
}

/* Integral and exact in a double (so a long long holds it). */
static int
is_exact_int(double v)
{
	/* in range first, so the cast is defined; no libm call */
	return v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(long long)v;
}

/* Digits as JSON writes an integer: no sign, no leading zero, short. */
static int
canonical_int(const char *s, size_t n)
{
	if (n == 0 || n > 15 || (s[0] == '0' && n > 1))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Convert one cell (or --set value) into field f; 0 or -1 with err. */
static int
convert(struct field *f, enum sharemode share, const char *s, size_t n,
        char *err, size_t errsz)
{
	double v;
	int is_int = 0;
	struct field *target = f;

	for (unsigned k = 0; k < SEEN; k++)
		if (f->seen[k].s && f->seen[k].len == n && memcmp(f->seen[k].s, s, n) == 0) {
			f->vt = V_STR;
			f->str = f->seen_code[k] ? f->seen_code[k] : s;
			f->slen = f->seen_code[k] ? strlen(f->seen_code[k]) : n;
			return 0;
		}
	const char *raw = s;
	size_t rawlen = n;
	const char *bar;

	/* ФИС ОКО writes «code | name» (edu223185 | МКОУ Мартыновская СОШ,
	 * reg22_m010 | Ельцовский муниципальный район): an id is the code, any
	 * other text the name */
	if (f->types & ST_STRING && !f->dict && (bar = memmem(s, n, " | ", 3))) {
		size_t nl = strlen(f->name);
		if (nl > 3 && strcmp(f->name + nl - 3, "_id") == 0)
			n = (size_t)(bar - s);
		else
			n -= (size_t)(bar + 3 - s), s = bar + 3;
	}

	if (f->dict) {
		const struct dict_value *dv = dict_lookup(f->name, s, n);
		size_t k = 0;
		while (!dv && k < n && k < 3 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (!dv && k && k + 1 < n && s[k] == '.') /* a numbered answer: «4. Населенный пункт …» */
			dv = dict_lookup(f->name, s + k + 1, n - k - 1);
		if (dv) {
			s = dv->code;
			n = strlen(s);
		} else if (f->types & ST_STRING || !f->types) {
			snprintf(err, errsz, "unknown %s \"%.*s\" (codes and aliases are in "
			         "schemas/ref/values.tsv)", f->name, (int)utf8_prefix(s, n, 60), s);
			return -1;
		}
	}
	if (f->types & ST_STRING || (!f->types && f->dict)) {
		if (schema_check_string(f->s, s, n, err, errsz) < 0)
			return -1;
		if (s == raw || f->dict) { /* a dictionary's code lives on; a part of the cell does not */
			unsigned k = f->seen_next++ % SEEN;
			f->seen[k].len = 0;
			sb_putn(&f->seen[k], raw, rawlen);
			f->seen_code[k] = s != raw ? s : NULL;
		}
		f->vt = V_STR, f->str = s, f->slen = n;
		return 0;
	}
	if (f - fields == f_year) {
		if ((v = parse_year(s, n)) < 0) {
			snprintf(err, errsz, "\"%.*s\" is not a year", (int)utf8_prefix(s, n, 60), s);
			return -1;
		}
		is_int = 1;
	} else if (f - fields == f_grade && (v = grade_of_class(s, n)) > 0) {
		is_int = 1;
	} else {
		int pct = n > 0 && s[n - 1] == '%';
		if (pct && f->share_field < 0 && !(f->simple && f->lo >= 0 && f->hi <= 1)) {
			snprintf(err, errsz, "\"%.*s\": a percentage, but %s is not a share",
			         (int)utf8_prefix(s, n, 60), s, f->name);
			return -1;
		}
		if (parse_number(s, n - pct, &v, &is_int) < 0) {
			if (marker_is("true", s, n))
				v = 1, is_int = 1;
			else if (marker_is("false", s, n))
				v = 0, is_int = 1;
			else {
				snprintf(err, errsz, "\"%.*s\" is not a number", (int)utf8_prefix(s, n, 60), s);
				return -1;
			}
		}
		if (pct || share == SHARE_PERCENT)
			v /= 100, is_int = 0;
		if ((pct || share != SHARE_NONE) && f->share_field >= 0)
			target = &fields[f->share_field];
	}
	/* the common case inline; the schema words a failure */
	if (!(target->simple && v >= target->lo && v <= target->hi && (!target->whole || is_int)) &&
	    schema_check_number(target->s, v, is_int, err, errsz) < 0)
		return -1;
	if (!(target->types & ST_NUMBER) && !is_exact_int(v)) {
		snprintf(err, errsz, "\"%.*s\" is too large", (int)utf8_prefix(s, n, 60), s);
		return -1;
	}
	target->vt = target->types & ST_NUMBER && !(target->types & ST_INTEGER) ? V_NUM :
	             is_exact_int(v) ? V_INT : V_NUM;
	target->num = v;
	if (target == f && canonical_int(s, n)) /* write the cell as it is */
		target->vt = V_RAW, target->str = s, target->slen = n;
	return 0;
}

/* --set FIELD=VALUE on the kind loaded; 0, or -1 when the kind has no
 * such field and lenient (the kind was read from the header, not given). */
static int
parse_set(const char *arg, int lenient)
{
	const char *eq = strchr(arg, '=');
	char err[256];
	int i;
	struct field *f;

	if (!eq || eq == arg)
		die(EQ_USAGE, "--set: expected FIELD=VALUE, got \"%s\"", arg);
	for (i = 0; i < nfields; i++)
		if (strlen(fields[i].name) == (size_t)(eq - arg) &&
		    memcmp(fields[i].name, arg, eq - arg) == 0)
			break;
	if ((i == nfields || i == 0) && lenient)
		return -1;
	if (i == nfields || i == 0)
		die(EQ_USAGE, "--set: %s records have no field \"%.*s\"", kind, (int)(eq - arg), arg);
	f = &fields[i];
	if (f->types == ST_ARRAY)
		die(EQ_USAGE, "--set: %s cannot be set", f->name);
	f->set_str = estrdup(eq + 1);
	if (convert(f, SHARE_NONE, f->set_str, strlen(f->set_str), err, sizeof err) < 0)
		die(EQ_USAGE, "--set %s: %s", f->name, err);
	f->set = 1;
	if (f->vt == V_RAW)
		f->vt = V_INT;
	f->set_vt = f->vt;
	f->set_num = f->num;
	if (f->vt == V_STR) { /* keep the code the dictionary gave */
		char *code = estrndup(f->str, f->slen);
		free(f->set_str);
		f->set_str = code;
	}
	return 0;
}

static void
free_verdict(void *v)
{
	if (*(char *)v)
		free(v);
}

static void
free_kind(void)
{
	for (int i = 0; i < nfields; i++) {
		free(fields[i].set_str);
		free(fields[i].jkey);
		for (unsigned k = 0; k < SEEN; k++)
			sb_free(&fields[i].seen[k]);
	}
	free(fields);
	free(required);
	strmap_free(&shapes, free_verdict);
	fields = NULL, required = NULL, schema = NULL;
	nfields = 0, nrequired = 0;
	task_items = NULL;
	kind = NULL;
}

/* Make name the kind of the records written, with --set applied to it.
 * A --set of a field the kind does not have is said each time the kind is
 * taken up. Schemas are loaded once (type_schema); fields are rebuilt. */
static void
switch_kind(const char *name, const char *file)
{
	if (kind && strcmp(kind, name) == 0)
		return;
	free_kind();
	kind = name;
	load_kind();
	for (int i = 0; i < nset_args; i++)
		if (parse_set(set_args[i], kind_opt == NULL) < 0)
			warn_at(file, 0, "--set %s: %s records have no such field; not applied",
			        set_args[i], kind);
}

/* A task column header: its label ("3.1") and maximum ("(2б)", else 0). */
static int
task_header(const char *key, size_t n, struct sbuf *label, double *max)
{
	PCRE2_SIZE *ov;

	if (pcre2_match(task_re, (PCRE2_SPTR)key, n, 0, 0, task_md, NULL) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(task_md);
	label->len = 0;
	for (size_t i = ov[2]; i < ov[3]; i++) {
		if (key[i] == '(' && i + 1 < ov[3] && key[i + 1] >= '0' && key[i + 1] <= '9') {
			sb_putc(label, '.'); /* a subtask: 1(2) is 1.2 */
			criteria_subtasks = 1;
			continue;
		}
		if (key[i] == ' ' || key[i] == '(' || key[i] == ')')
			continue;
		if (key[i] == ',')
			sb_putc(label, '.');
		else if ((unsigned char)key[i] == 0xd0 && (unsigned char)key[i + 1] == 0xba)
			sb_puts(label, "К"), i++; /* к -> К, as the forms print it */
		else
			sb_putc(label, key[i]);
	}
	sb_putc(label, '\0');
	label->len--;
	*max = ov[5] > ov[4] ? atof(key + ov[4]) : 0;
	return 1;
}

static void forget_inferred(void);
static void infer_work(const char *file, const char *title, size_t tlen);

static void
free_file_state(void)
{
	forget_inferred();
	criteria_subtasks = 0;
	for (size_t i = 0; i < ncols; i++)
		free(cols[i].header);
	for (size_t i = 0; i < ntasks; i++)
		free(task_labels[i]);
	free(cols);
	free(task_labels);
	free(task_max);
	free(task_val);
	free(task_has);
	free(task_txt);
	free(task_txtlen);
	free(factor_val);
	free(factor_has);
	strmap_free(&schemes_sent, NULL);
	memset(&scheme_last, 0, sizeof scheme_last);
	cols = NULL;
	has_personal = 0;
	pseudo = 0;
	nanswer_cols = 0;
	answers_laid = 0;
	in_block_title = 0;
	numbered_tasks = 0;
	task_labels = NULL;
	task_max = task_val = factor_val = NULL;
	task_has = factor_has = NULL;
	task_txt = NULL;
	task_txtlen = NULL;
	ncols = ntasks = 0;
}

/* Context headers say "доля ..." or "..., %" for shares: strip that and say which. */
static const struct column *
share_column(const char *k, struct sbuf *key, enum sharemode *share)
{
	static const char *const lead[] = { "доля ", "share of ", "share ", "удельный вес " };
	static const char *const tail[] = { ", в процентах", " в процентах", ", %", " (%)",
		" %", "%", ", доля", " (доля)" };
	const struct column *c;
	char *s = key->s;
	size_t n = key->len;
	int pct = 0, frac = 0, again = 1;

	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++)
		if (strncmp(s, lead[i], strlen(lead[i])) == 0) {
			s += strlen(lead[i]), n -= strlen(lead[i]);
			frac = 1;
			break;
		}
	while (again) {
		again = 0;
		for (size_t i = 0; i < sizeof tail / sizeof *tail; i++) {
			size_t t = strlen(tail[i]);
			if (n > t && memcmp(s + n - t, tail[i], t) == 0) {
				n -= t;
				if (strchr(tail[i], '%') || strstr(tail[i], "процент"))
					pct = 1;
				else
					frac = 1;
				again = 1;
			}
		}
	}
	if (!pct && !frac)
		return NULL;
	if (!(c = column_lookup(k, s, n)))
		return NULL;
	*share = pct ? SHARE_PERCENT : SHARE_FRACTION;
	return c;
}

/* What a kind may hold besides its named columns (from its schema). */
struct kind_traits {
	const char *name;
	int tasks, shares, factors;
};
static struct kind_traits *traits;
static size_t ntraits;

/* The traits of every kind; a --set must name a field of one of them. */
static void
load_traits(void)
{
	const char *const *names;
	size_t n = column_kinds(&names);
	unsigned char *known = ecalloc(nset_args + 1, 1);

	traits = ecalloc(n, sizeof *traits);
	for (size_t i = 0; i < n; i++) {
		const struct schema *sc;

		if (strcmp(names[i], "task_scheme") == 0)
			continue;
		if (!(sc = type_schema(names[i])))
			die(EQ_IO, "no schema of %s records (types/%s.schema.json)", names[i], names[i]);
		traits[ntraits].name = names[i];
		traits[ntraits].tasks = schema_property(sc, "tasks") != NULL;
		traits[ntraits].shares = schema_property(sc, "students") != NULL;
		traits[ntraits].factors = schema_property(sc, "factor") != NULL;
		ntraits++;
		for (int k = 0; k < nset_args; k++) {
			const char *eq = strchr(set_args[k], '=');
			char *f = estrndup(set_args[k], eq ? (size_t)(eq - set_args[k]) : 0);
			known[k] |= *f && strcmp(f, "type") != 0 && schema_property(sc, f) != NULL;
			free(f);
		}
	}
	for (int k = 0; k < nset_args; k++)
		if (!known[k])
			die(EQ_USAGE, "--set: no kind of record has a field \"%.*s\"",
			    (int)strcspn(set_args[k], "="), set_args[k]);
	free(known);
}

/* How well a row reads as the header of kind t: cells it names (-1 when it
 * is not a header of t at all), and required columns it lacks. */
static int
header_score(const struct kind_traits *t, const struct csvrow *row, int *missing)
{
	struct sbuf key = { 0 }, label = { 0 };
	const struct column *const *cs;
	size_t ncs = columns_of(t->name, &cs), named = 0, known = 0, worded = 0;
	unsigned char *found = ecalloc(ncs ? ncs : 1, 1);
	int subtasks = criteria_subtasks;
	double max;

	for (size_t i = 0; i < row->n; i++) {
		const struct column *cm;
		enum sharemode share;

		key.len = 0;
		text_key(&key, row->cells[i], row->lens[i]);
		sb_putc(&key, '\0');
		key.len--;
		if (key.len == 0)
			continue;
		if ((cm = column_lookup(t->name, key.s, key.len)) ||
		    (cm = column_weak(t->name, key.s, key.len)) ||
		    (t->shares && (cm = share_column(t->name, &key, &share)))) {
			named++, known++;
			worded += strspn(key.s, "0123456789") < key.len; /* «2» names a mark; a row of numbers is data */
			for (size_t k = 0; k < ncs; k++)
				if (strcmp(cs[k]->field, cm->field) == 0)
					found[k] = 1;
		} else if (marker_prefix("personal", key.s, key.len)) {
			;
		} else if (t->tasks && task_header(key.s, key.len, &label, &max)) {
			known++;
		} else if (t->factors && dict_lookup("factor", key.s, key.len)) {
			known++, named++;
		}
	}
	criteria_subtasks = subtasks;
	*missing = 0;
	for (size_t k = 0; k < ncs; k++)
		*missing += cs[k]->required && !found[k];
	free(found);
	sb_free(&key);
	sb_free(&label);
	return worded == 0 || known < 2 ? -1 : (int)known;
}

/* The kind a row is the header of: the one whose columns it names most
 * (then the one it lacks fewest required columns of; then the first in
 * columns.tsv). NULL when it is the header of none. */
static const char *
header_kind(const struct csvrow *row)
{
	const char *best = NULL;
	int best_known = -1, best_missing = 0;

	for (size_t i = 0; i < ntraits; i++) {
		int missing, known = header_score(&traits[i], row, &missing);

		if (known < 0)
			continue;
		if (known > best_known || (known == best_known && missing < best_missing))
			best = traits[i].name, best_known = known, best_missing = missing;
	}
	return best;
}

static int has_column(int f);

/* A column of personal data: dropped, said, and (for protocols) what a
 * pseudonymous student_id is made of. */
static void
mark_personal(struct col *c, enum ident ident, struct sbuf *said)
{
	c->kind = C_PERSONAL;
	c->ident = ident;
	has_personal = 1;
	if (said->len)
		sb_puts(said, ", ");
	sb_puts(said, c->header);
}

/* A protocol with no participant code but the pupil's document or name:
 * student_id is a pseudonym made of them (lib/pseudonym.h). */
static void
start_pseudonyms(const char *file, unsigned long line)
{
	static int keyed;
	int docs = 0, names = 0;

	if (f_student < 0 || fields[f_student].set || has_column(f_student))
		return;
	for (size_t i = 0; i < ncols; i++)
		if (cols[i].kind == C_PERSONAL)
			docs += cols[i].ident == ID_DOCUMENT, names += cols[i].ident == ID_NAME;
	if (!docs && !names)
		return;
	if (!keyed) {
		const char *used;
		char why[512];
		int made;
		if (pseudonym_key(id_key, &used, &made, why, sizeof why) < 0)
			die(EQ_IO, "%s (student_id is made with a key: --id-key FILE)", why);
		if (made)
			warn_at(NULL, 0, "a new key for pseudonymous student ids was written to %s: keep "
			        "it, and keep it secret (the same pupil gets the same id only under the "
			        "same key)", used);
		keyed = 1;
	}
	pseudo = 1;
	warn_at(file, line, "no participant code: student_id is a pseudonym, a keyed hash of the "
	        "pupil's %s (never written)", docs ? "document" : "name and school");
}

/* Map the header cells; 0 when the row does not look like a header. */
static int
map_header(const struct csvrow *row, const char *file)
{
	struct sbuf key = { 0 }, label = { 0 }, personal = { 0 }, unknown = { 0 };
	size_t nunknown = 0;
	size_t named = 0, known = 0;
	int *seen = ecalloc(nfields, sizeof *seen);
	int factors = f_factor >= 0;
	const struct dict_value *const *fv = NULL;

	nfactors = factors ? dict_codes("factor", &fv) : 0;
	cols = ecalloc(row->n ? row->n : 1, sizeof *cols);
	ncols = row->n;
	for (size_t i = 0; i < row->n; i++) {
		struct col *c = &cols[i];
		const struct column *cm;
		double max;
		enum sharemode share = SHARE_NONE;

		c->header = estrndup(row->cells[i], row->lens[i]);
		key.len = 0;
		text_key(&key, row->cells[i], row->lens[i]);
		sb_putc(&key, '\0');
		key.len--;
		if (key.len == 0) {
			c->unnamed = 1;
			continue;
		}
		if ((c->weak = column_weak(kind, key.s, key.len))) {
			c->kind = C_WEAK; /* decided below, when the whole header is known */
			continue;
		}
		if ((cm = column_lookup(kind, key.s, key.len)) ||
		    (f_students >= 0 && (cm = share_column(kind, &key, &share)))) {
			int f = field_index(cm->field);
			if (f < 0)
				die(EQ_USAGE, "columns.tsv: %s has no field %s in its schema", kind, cm->field);
			c->kind = C_FIELD;
			c->field = f;
			c->share = share;
			named++, known++;
			if (seen[f]++)
				warn_at(file, row->line, "column \"%s\" ignored: %s is already given by "
				        "an earlier column", c->header, cm->field), c->kind = C_IGNORE;
			else if (fields[f].set)
				warn_at(file, row->line, "column \"%s\" ignored: --set %s wins",
				        c->header, cm->field), c->kind = C_IGNORE;
		} else if (marker_prefix("personal", key.s, key.len)) {
			mark_personal(c, ID_NAME, &personal);
		} else if (marker_is("personal_document", key.s, key.len)) {
			mark_personal(c, ID_DOCUMENT, &personal);
		} else if (f_tasks >= 0 && (marker_is("answers_short", key.s, key.len) ||
		                            marker_is("answers_criteria", key.s, key.len))) {
			c->kind = C_ANSWERS;
			c->answers = marker_is("answers_short", key.s, key.len) ? ANSWERS_SHORT
			                                                        : ANSWERS_CRITERIA;
			nanswer_cols++;
			known++;
		} else if (f_tasks >= 0 && task_header(key.s, key.len, &label, &max)) {
			c->kind = C_TASK;
			c->task = (int)ntasks++;
			task_labels = erealloc(task_labels, ntasks * sizeof *task_labels);
			task_max = erealloc(task_max, ntasks * sizeof *task_max);
			task_labels[c->task] = estrdup(label.s);
			task_max[c->task] = max;
			known++;
		} else if (factors && (c->factor = dict_lookup("factor", key.s, key.len))) {
			c->kind = C_FACTOR;
			for (size_t k = 0; k < nfactors; k++)
				if (fv[k] == c->factor)
					c->field = (int)k;
			known++, named++;
		} else {
			/* said in short: a questionnaire has a hundred of them */
			if (nunknown < 5) {
				size_t hl = strlen(c->header);
				sb_printf(&unknown, "%s\"%.*s%s\"", unknown.len ? ", " : "",
				          (int)utf8_prefix(c->header, hl, 40), c->header,
				          utf8_prefix(c->header, hl, 40) < hl ? "…" : "");
			}
			nunknown++;
		}
	}
	/* a weak alias («имя» of a list of schools, «регион» where it is the
	 * municipality) names its field only where nothing else does: in a
	 * file with personal columns «имя» is a pupil's name */
	for (size_t i = 0; i < ncols; i++) {
		struct col *c = &cols[i];
		const struct column *cm;
		int f;
		if (c->kind != C_WEAK)
			continue;
		key.len = 0;
		text_key(&key, c->header, strlen(c->header));
		f = field_index(c->weak->field);
		if (f < 0 || (has_personal || seen[f] || fields[f].set)) /* then as a strong alias */
			f = (cm = column_lookup(kind, key.s, key.len)) ? field_index(cm->field) : -1;
		if (f >= 0 && !seen[f] && !fields[f].set) {
			c->kind = C_FIELD;
			c->field = f;
			c->share = SHARE_NONE;
			seen[f] = 1;
			named++, known++;
		} else if (marker_prefix("personal", key.s, key.len)) {
			mark_personal(c, ID_NAME, &personal);
		} else {
			c->kind = C_IGNORE;
		}
	}
	free(seen);
	sb_free(&key);
	sb_free(&label);
	if (named == 0 || known < 2) {
		sb_free(&personal);
		sb_free(&unknown);
		free_file_state();
		return 0;
	}
	sb_putc(&personal, '\0');
	sb_putc(&unknown, '\0');
	if (personal.s[0])
		warn_at(file, row->line, "dropped columns with personal names: %s", personal.s);
	if (nunknown > 5)
		warn_at(file, row->line, "%zu columns ignored: %s and %zu more", nunknown, unknown.s,
		        nunknown - 5);
	else if (nunknown)
		warn_at(file, row->line, "ignored columns: %s", unknown.s);
	sb_free(&personal);
	sb_free(&unknown);
	nabsent_cols = 0;
	for (size_t i = 0; i < ncols && nabsent_cols < 8; i++)
		if (cols[i].kind == C_FIELD && (cols[i].field == f_variant || cols[i].field == f_mark ||
		    cols[i].field == f_primary || cols[i].field == f_test))
			absent_cols[nabsent_cols++] = i;
	numbered_tasks = ntasks;
	start_pseudonyms(file, row->line);
	task_val = ecalloc(ntasks ? ntasks : 1, sizeof *task_val);
	task_has = ecalloc(ntasks ? ntasks : 1, sizeof *task_has);
	task_txt = ecalloc(ntasks ? ntasks : 1, sizeof *task_txt);
	task_txtlen = ecalloc(ntasks ? ntasks : 1, sizeof *task_txtlen);
	factor_val = ecalloc(nfactors ? nfactors : 1, sizeof *factor_val);
	factor_has = ecalloc(nfactors ? nfactors : 1, sizeof *factor_has);
	return 1;
}

/* Is field f given by a column of the header? */
static int
has_column(int f)
{
	for (size_t i = 0; i < ncols; i++)
		if (cols[i].kind == C_FIELD && cols[i].field == f)
			return 1;
	return 0;
}

/* Required columns present (or --set)? NULL, or the first missing field. */
static const char *
missing_column(void)
{
	const struct column *const *cs;
	size_t n = columns_of(kind, &cs);
	int wide = 0;

	for (size_t i = 0; i < ncols; i++)
		wide |= cols[i].kind == C_FACTOR;
	for (size_t i = 0; i < n; i++) {
		int f = field_index(cs[i]->field),
		    found = fields[f].set || has_column(f) || (f == f_student && pseudo);

		if (!found && cs[i]->required)
			return cs[i]->field;
		if (!found && !wide && (f == f_factor || f == f_value))
			return cs[i]->field;
	}
	return NULL;
}

static void
put_field(int *first, const struct field *f)
{
	if (!*first)
		sb_putc(&out, ',');
	*first = 0;
	sb_putn(&out, f->jkey, f->jkeylen);
	if (f->vt == V_STR)
		jw_str(&out, f->str, f->slen);
	else if (f->vt == V_RAW)
		sb_putn(&out, f->str, f->slen);
	else if (f->vt == V_INT)
		jw_int(&out, (long long)f->num);
	else
		jw_num(&out, f->num);
}

static void
emit(void)
{
	out.s[out.len++] = '\n';
	fwrite(out.s, 1, out.len, stdout);
	out.len = 0;
}

/* Before the first result of a procedure in a file: its task labels. */
static void
emit_task_scheme(void)
{
	struct sbuf key = { 0 };
	int first = 1, same = scheme_last.valid;
	int keyf[] = { f_year, f_procedure, f_subject, f_grade };

	for (size_t i = 0; i < 4; i++) {
		const struct field *f = &fields[keyf[i]];
		if (f->vt == V_NONE)
			return;
		if (f->vt == V_STR ? scheme_last.slen[i] != f->slen ||
		                     memcmp(scheme_last.str[i], f->str, f->slen) != 0
		                   : scheme_last.num[i] != f->num)
			same = 0;
	}
	if (same)
		return;
	scheme_last.valid = 1;
	for (size_t i = 0; i < 4; i++) {
		const struct field *f = &fields[keyf[i]];
		if (f->vt == V_STR)
			sb_putn(&key, f->str, f->slen);
		else
			jw_num(&key, f->num);
		sb_putc(&key, '\x1f');
		scheme_last.num[i] = f->num;
		scheme_last.slen[i] = f->vt == V_STR && f->slen < sizeof scheme_last.str[i] ? f->slen : (size_t)-1;
		if (scheme_last.slen[i] != (size_t)-1)
			memcpy(scheme_last.str[i], f->str, f->slen);
	}
	if (strmap_get(&schemes_sent, key.s, key.len)) {
		sb_free(&key);
		return;
	}
	strmap_put(&schemes_sent, key.s, key.len, (void *)1);
	sb_free(&key);
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"task_scheme\"");
	for (size_t i = 0; i < 4; i++)
		put_field(&first, &fields[keyf[i]]);
	jw_key(&out, &first, "labels");
	for (size_t i = 0; i < ntasks; i++) {
		sb_putc(&out, i ? ',' : '[');
		jw_str(&out, task_labels[i], strlen(task_labels[i]));
	}
	sb_putc(&out, ']');
	for (size_t i = 0; i < ntasks; i++)
		if (task_max[i] > 0) {
			jw_key(&out, &first, "max");
			for (size_t k = 0; k < ntasks; k++) {
				sb_putc(&out, k ? ',' : '[');
				if (task_max[k] > 0)
					jw_num(&out, task_max[k]);
				else
					sb_puts(&out, "null");
			}
			sb_putc(&out, ']');
			break;
		}
	sb_putc(&out, '}');
	emit();
}

/* The record of the row's field values, in the schema's order. */
static void
emit_record(int absent)
{
	int first = 1;

	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	jw_str(&out, kind, strlen(kind));
	for (int i = 1; i < nfields; i++) {
		if (i == f_tasks && ntasks && !absent) {
			jw_key(&out, &first, "tasks");
			for (size_t k = 0; k < ntasks; k++) {
				sb_putc(&out, k ? ',' : '[');
				if (task_has[k] && task_txt[k])
					sb_putn(&out, task_txt[k], task_txtlen[k]);
				else if (task_has[k])
					jw_num(&out, task_val[k]);
				else
					sb_puts(&out, "null");
			}
			sb_putc(&out, ']');
		} else if (i == f_absent && absent) {
			jw_key(&out, &first, "absent");
			sb_puts(&out, "true");
		} else if (fields[i].vt != V_NONE) {
			put_field(&first, &fields[i]);
		}
	}
	sb_putc(&out, '}');
	emit();
	fst.records++;
}

/* Risk in wide form: one record per factor column with a value. */
static void
emit_factors(void)
{
	const struct dict_value *const *fv;
	size_t n = dict_codes("factor", &fv);

	for (size_t k = 0; k < n; k++) {
		if (!factor_has[k])
			continue;
		fields[f_factor].vt = V_STR;
		fields[f_factor].str = fv[k]->code;
		fields[f_factor].slen = strlen(fv[k]->code);
		fields[f_value].vt = V_NUM;
		fields[f_value].num = factor_val[k];
		emit_record(0);
	}
}

static int
says_absent(const char *s, size_t n)
{
	if (n && s[0] >= '0' && s[0] <= '9')
		return 0; /* a number, the common case */
	return marker_is("absent", s, n);
}

/* A context row must also pass the cross-field rule. */
static int
context_ok(char *err, size_t errsz)
{
	json_t *rec = json_object();
	int r;

	for (int i = 1; i < nfields; i++)
		if (fields[i].vt == V_INT || fields[i].vt == V_RAW)
			json_object_set_new(rec, fields[i].name, json_integer((json_int_t)fields[i].num));
	r = context_check(rec, err, errsz);
	json_decref(rec);
	return r;
}

/* Reject a row. A file with a personal column (ФИО, Фамилия, ...) may hold
 * a name in any cell of a row that does not line up with its header, and
 * nothing tells a shifted row from a true one with certainty: there the row
 * is withheld from the rejects file (its line number says where it is) and
 * no value of the row is quoted in the reason. Other files keep the row. */
static void __attribute__((format(printf, 3, 4)))
reject_masked(const struct csvrow *row, const char *file, const char *fmt, ...)
{
	struct sbuf r = { 0 }, t = { 0 };
	va_list ap;

	if (!has_personal) {
		va_start(ap, fmt);
		vreject_row(file, row->line, row->cells, row->lens, row->n, fmt, ap);
		va_end(ap);
		return;
	}
	va_start(ap, fmt);
	{
		char tmp[1024];
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		sb_puts(&r, tmp);
	}
	va_end(ap);
	for (size_t i = 0; i < row->n; i++) {
		size_t n = row->lens[i];
		const char *c = trim(row->cells[i], &n);
		int letters = 0;
		const char *at, *rest = NULL;

		for (size_t k = 0; k < n; k++)
			letters |= !(c[k] >= '0' && c[k] <= '9') && c[k] != '.' && c[k] != ',';
		if (n < 2 || !letters)
			continue;
		/* the value, never quoted: each occurrence becomes "…" */
		for (const char *p = r.s; (at = memmem(p, r.len - (size_t)(p - r.s), c, n)); p = at + n) {
			sb_putn(&t, p, (size_t)(at - p));
			sb_puts(&t, "\xe2\x80\xa6");
			rest = at + n;
		}
		if (t.len) {
			sb_putn(&t, rest, r.len - (size_t)(rest - r.s));
			sb_free(&r);
			r = t;
			t = (struct sbuf){ 0 };
		}
	}
	sb_putc(&r, '\0');
	reject_row(file, row->line, NULL, NULL, 0, "%s (the row is not kept: the file has "
	           "personal columns)", r.s);
	sb_free(&r);
}

/* A cell that must fit on one line: everything eq keeps but a school's name. */
static int
one_line_cell(const struct col *c)
{
	return c->kind == C_TASK || c->kind == C_FACTOR ||
	       (c->kind == C_FIELD && strcmp(fields[c->field].name, "name") != 0);
}

/* A cell that says there is nothing in it («нет отметки»; «нет» for a class
 * without a letter). Not in a yes/no column, where «нет» is a value. */
static int
says_nothing(const struct field *f, const char *s, size_t n)
{
	int flag = f->simple && f->whole && f->lo == 0 && f->hi == 1;

	return !flag && !f->dict && marker_is("no_value", s, n);
}

/* A row that is the header again. */
static int
repeats_header(const char *const *cell, const size_t *clen, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < ncols; i++) {
		size_t hl = strlen(cols[i].header);
		const char *h = trim(cols[i].header, &hl);
		size_t cl = i < n ? clen[i] : 0;

		if (cl != hl || (cl && memcmp(cell[i], h, cl) != 0))
			return 0;
		k += cl > 0;
	}
	return k > 0 && n <= ncols;
}

/* The record the fields make, as jansson holds it. */
static json_t *
record_json(int absent)
{
	json_t *rec = json_object();

	json_object_set_new(rec, "type", json_string(kind));
	for (int i = 1; i < nfields; i++) {
		const struct field *f = &fields[i];

		if (i == f_tasks && ntasks && !absent) {
			json_t *a = json_array();
			for (size_t k = 0; k < ntasks; k++)
				json_array_append_new(a, task_has[k] ? json_real(task_val[k]) : json_null());
			json_object_set_new(rec, "tasks", a);
		} else if (i == f_absent && absent) {
			json_object_set_new(rec, "absent", json_true());
		} else if (f->vt == V_STR) {
			json_object_set_new(rec, f->name, json_stringn_nocheck(f->str, f->slen));
		} else if (f->vt == V_INT || f->vt == V_RAW) {
			json_object_set_new(rec, f->name, json_integer((json_int_t)f->num));
		} else if (f->vt == V_NUM) {
			json_object_set_new(rec, f->name, json_real(f->num));
		}
	}
	return rec;
}

/* The record against its schema, so that eq-ingest never writes what
 * eq-normalize would reject. Each cell was checked as it was read; what is
 * left is the record as a whole (what must be present together, how many
 * tasks), which depends only on which fields are present: it is checked
 * once per such shape, and the verdict kept. */
static int
shape_check(int absent, char *err, size_t errsz)
{
	unsigned char shape[80];
	size_t n = 0;
	const char *verdict;

	for (int i = 1; i < nfields && n < sizeof shape - 4; i++)
		shape[n++] = (unsigned char)(fields[i].vt != V_NONE) + 2 * (i == f_absent && absent);
	{ /* how many tasks, and whether any has a score (they sum to a primary score) */
		uint32_t nt = (uint32_t)ntasks;
		int scored = 0;
		for (size_t k = 0; k < ntasks && !scored; k++)
			scored = task_has[k];
		memcpy(shape + n, &nt, 4);
		n += 4;
		shape[n++] = (unsigned char)scored;
	}
	if (!(verdict = strmap_get(&shapes, (char *)shape, n))) {
		json_t *rec = record_json(absent);
		if (f_tasks >= 0)
			result_complete(rec); /* as eq-normalize will */
		verdict = schema_validate(schema, rec, err, errsz) < 0 ? estrdup(err) : "";
		json_decref(rec);
		strmap_put(&shapes, (char *)shape, n, (void *)verdict);
	}
	if (!*verdict)
		return 0;
	snprintf(err, errsz, "%s", verdict);
	return -1;
}

/* A row of one cell that names a subject («04 - Химия 2026.07.03»): the
 * next exam of a protocol. What the title says holds for the rows after
 * it; the tasks of its answer strings are laid out again. */
static int
block_title(const char *const *cell, const size_t *clen, size_t n, const char *file)
{
	struct inferred w = { 0 };
	size_t k = 0, at = 0;

	if (f_subject < 0)
		return 0;
	for (size_t i = 0; i < n && k < 2; i++) /* a data row stops at its second cell */
		if (clen[i])
			k++, at = i;
	if (k != 1)
		return 0;
	infer_text(&w, cell[at], clen[at], "t", 0);
	if (!w.subject)
		return 0;
	forget_inferred();
	infer_work(file, cell[at], clen[at]);
	for (size_t t = numbered_tasks; t < ntasks; t++)
		free(task_labels[t]);
	ntasks = numbered_tasks;
	answers_laid = 0;
	in_block_title = 1;
	scheme_last.valid = 0;
	return 1;
}

#define MAX_ANSWERS 400
static double ans_score[MAX_ANSWERS], ans_max[MAX_ANSWERS];

/* The tasks of the answer columns, from the first row of a block: as many
 * as its strings hold, numbered on after the numbered task columns. */
static int
lay_out_answers(const struct csvrow *row, const char *const *cell, const size_t *clen,
                const char *file)
{
	size_t bad;

	for (size_t i = 0; i < ncols; i++) {
		struct col *c = &cols[i];
		long n;

		if (c->kind != C_ANSWERS)
			continue;
		n = i < row->n ? answers_parse(c->answers, cell[i], clen[i], ans_score, ans_max,
		                               MAX_ANSWERS, &bad) : 0;
		if (n < 0) {
			reject_masked(row, file, "column \"%s\": not an answer string (character %zu)",
			              c->header, bad + 1);
			return -1;
		}
		c->task = (int)ntasks;
		c->ntask = (size_t)n;
		task_labels = erealloc(task_labels, (ntasks + (size_t)n + 1) * sizeof *task_labels);
		task_max = erealloc(task_max, (ntasks + (size_t)n + 1) * sizeof *task_max);
		for (long k = 0; k < n; k++) {
			char label[16];
			snprintf(label, sizeof label, "%zu", ntasks + 1);
			task_labels[ntasks] = estrdup(label);
			task_max[ntasks++] = ans_max[k];
		}
	}
	task_val = erealloc(task_val, (ntasks + 1) * sizeof *task_val);
	task_has = erealloc(task_has, (ntasks + 1) * sizeof *task_has);
	task_txt = erealloc(task_txt, (ntasks + 1) * sizeof *task_txt);
	task_txtlen = erealloc(task_txtlen, (ntasks + 1) * sizeof *task_txtlen);
	memset(task_has, 0, (ntasks + 1) * sizeof *task_has);
	answers_laid = 1;
	return 0;
}

/* One answer string into its tasks. */
static int
read_answers(const struct col *c, const char *s, size_t n, char *err, size_t errsz)
{
	size_t bad;
	long k = answers_parse(c->answers, s, n, ans_score, ans_max, MAX_ANSWERS, &bad);

	if (k < 0) {
		snprintf(err, errsz, "not an answer string (character %zu)", bad + 1);
		return -1;
	}
	if ((size_t)k != c->ntask) {
		snprintf(err, errsz, "%ld tasks in the answer string, %zu in the first row of the "
		         "exam", k, c->ntask);
		return -1;
	}
	for (long t = 0; t < k; t++) {
		size_t at = (size_t)c->task + (size_t)t;
		if (c->answers == ANSWERS_CRITERIA && ans_max[t] != task_max[at]) {
			snprintf(err, errsz, "task %s: maximum %g, %g in the first row of the exam",
			         task_labels[at], ans_max[t], task_max[at]);
			return -1;
		}
		task_val[at] = ans_score[t];
		task_has[at] = 1;
		task_txt[at] = NULL;
	}
	return 0;
}

/* student_id where the protocol has none: a keyed hash of the document
 * (series and number), else of the name and the school. */
static int
make_pseudonym(const struct csvrow *row, const char *const *cell, const size_t *clen)
{
	static char id[PSEUDONYM_LEN + 1];
	struct sbuf b = { 0 };
	int docs = 0;

	for (size_t i = 0; i < ncols && i < row->n; i++)
		docs |= cols[i].kind == C_PERSONAL && cols[i].ident == ID_DOCUMENT && clen[i];
	for (size_t i = 0; i < ncols && i < row->n; i++)
		if (cols[i].kind == C_PERSONAL && cols[i].ident == (docs ? ID_DOCUMENT : ID_NAME) &&
		    clen[i]) {
			text_key(&b, cell[i], clen[i]);
			sb_putc(&b, '\x1f');
		}
	if (!b.len || (!docs && fields[f_school].vt == V_NONE)) {
		sb_free(&b);
		return -1;
	}
	if (!docs) /* a name is a pupil's only within a school (school_id is a string) */
		sb_putn(&b, fields[f_school].str, fields[f_school].slen);
	pseudonym_of(b.s, b.len, id);
	sb_free(&b);
	fields[f_student].vt = V_STR;
	fields[f_student].str = id;
	fields[f_student].slen = PSEUDONYM_LEN;
	return 0;
}

static void
process_row(const struct csvrow *row, const char *file)
{
	char err[512];
	int absent = 0, any_factor = 0;
	size_t i;

	static const char **cell;
	static size_t *clen, ccap;

	if (row->n > ccap) {
		ccap = row->n;
		cell = erealloc(cell, ccap * sizeof *cell);
		clen = erealloc(clen, ccap * sizeof *clen);
	}
	for (i = 0; i < row->n; i++) {
		clen[i] = row->lens[i];
		cell[i] = trim(row->cells[i], &clen[i]);
	}
	for (i = 0; i < row->n && clen[i] == 0; i++)
		;
	if (i == row->n) {
		fst.blank++;
		return; /* an empty row: nothing to lose */
	}
	if (repeats_header(cell, clen, row->n)) {
		fst.headers++;
		if (!in_block_title) /* a protocol's next exam has its own header */
			warn_at(file, row->line, "the header again (files joined together?): skipped");
		in_block_title = 0;
		return;
	}
	if (marker_is("footer", cell[i], clen[i])) {
		fst.footers++; /* «Средние», «Всего участников»: a summary, not a pupil */
		return;
	}
	if (block_title(cell, clen, row->n, file)) {
		fst.titles++;
		return;
	}
	in_block_title = 0;
	count_row();
	for (int f = 0; f < nfields; f++) {
		fields[f].vt = fields[f].set ? fields[f].set_vt : V_NONE;
		if (fields[f].set && fields[f].set_vt == V_STR)
			fields[f].str = fields[f].set_str, fields[f].slen = strlen(fields[f].set_str);
		fields[f].num = fields[f].set_num;
	}
	memset(task_has, 0, (ntasks ? ntasks : 1) * sizeof *task_has);
	if (nfactors)
		memset(factor_has, 0, nfactors * sizeof *factor_has);
	/* cells that do not line up with the header: an unquoted delimiter in a
	 * cell ("Иванов, Иван") shifts every cell after it. A workbook's cells
	 * have their own columns: there a value under no header is only
	 * ignored, like an unknown column. */
	if (positional) {
		for (i = 0; i < row->n; i++)
			if (clen[i] && (i >= ncols || cols[i].unnamed)) {
				warn_at(file, row->line, "values in columns with no header are ignored "
				        "(first: column %zu)", i + 1);
				break;
			}
	} else if (row->n > ncols) {
		reject_masked(row, file, "%zu cells, but the header has %zu columns: a delimiter "
		              "inside an unquoted cell shifts the columns", row->n, ncols);
		return;
	}
	for (i = 0; !positional && i < row->n; i++)
		if (clen[i] && cols[i].unnamed) {
			reject_masked(row, file, "a value in column %zu, which has no header: the "
			              "row's cells are shifted (a delimiter inside an unquoted cell?)", i + 1);
			return;
		}
	for (size_t k = 0; k < nabsent_cols; k++) {
		i = absent_cols[k];
		if (i < row->n && clen[i] && says_absent(cell[i], clen[i]))
			absent = 1;
	}
	if (nanswer_cols && !answers_laid && !absent &&
	    lay_out_answers(row, cell, clen, file) < 0)
		return;
	for (i = 0; i < row->n && i < ncols; i++) {
		const struct col *c = &cols[i];
		size_t n = clen[i];
		const char *s = cell[i];
		double v;
		int is_int;

		if (n == 0 || c->kind == C_IGNORE)
			continue;
		switch (c->kind) {
		case C_FIELD:
			if (absent && (c->field == f_variant || c->field == f_mark ||
			               c->field == f_primary || c->field == f_test))
				continue;
			if (says_nothing(&fields[c->field], s, n))
				continue; /* «нет отметки», a class «нет»: an empty cell */
			if (convert(&fields[c->field], c->share, s, n, err, sizeof err) < 0) {
				reject_masked(row, file,
				           "%s (column \"%s\"): %s", fields[c->field].name, c->header, err);
				return;
			}
			break;
		case C_TASK:
			if (absent)
				continue;
			if (parse_number(s, n, &v, &is_int) < 0) {
				if (marker_is("not_taught", s, n))
					continue; /* no score for this task: null */
				if (!marker_is("not_attempted", s, n)) {
					reject_masked(row, file,
					           "task %s (column \"%s\"): \"%.*s\" is not a score",
					           task_labels[c->task], c->header, (int)utf8_prefix(s, n, 60), s);
					return;
				}
				v = 0, is_int = 1;
			}
			if ((!(task_simple && v >= task_lo && v <= task_hi && (!task_whole || is_int)) &&
			     schema_check_number(task_items, v, is_int, err, sizeof err) < 0) ||
			    (task_max[c->task] > 0 && v > task_max[c->task] &&
			     snprintf(err, sizeof err, "%.*s is above the task's maximum %g",
			              (int)n, s, task_max[c->task]))) {
				reject_masked(row, file,
				           "task %s (column \"%s\"): %s", task_labels[c->task], c->header, err);
				return;
			}
			task_val[c->task] = v;
			task_has[c->task] = 1;
			task_txt[c->task] = canonical_int(s, n) ? s : NULL;
			task_txtlen[c->task] = n;
			break;
		case C_ANSWERS:
			if (absent)
				continue;
			if (read_answers(c, s, n, err, sizeof err) < 0) {
				reject_masked(row, file, "column \"%s\": %s", c->header, err);
				return;
			}
			break;
		case C_FACTOR: {
			int pct = s[n - 1] == '%';
			int bad = parse_number(s, n - pct, &v, &is_int) < 0;
			if (pct)
				v /= 100;
			if (bad || v < 0 || v > 1) {
				reject_masked(row, file,
				           "factor %s (column \"%s\"): \"%.*s\" is not a value in 0..1",
				           c->factor->code, c->header, (int)utf8_prefix(s, n, 60), s);
				return;
			}
			factor_val[c->field] = v;
			factor_has[c->field] = 1;
			any_factor = 1;
			break;
		}
		default:
			break;
		}
	}
	if (f_primary >= 0 && fields[f_primary].vt != V_NONE && ntasks && !absent &&
	    !criteria_subtasks) {
		/* the tasks and the total of one pupil must agree: a row shifted by a
		 * column, or a total typed by hand, does not. (Not where subtasks are
		 * written N(M): the ФИС ОКО 2022 form scores those by criteria, and
		 * its total is not their sum — 745 of 1 715 pupils in biology 11.) */
		double sum = 0;
		int any = 0;
		for (size_t k = 0; k < ntasks; k++)
			if (task_has[k])
				sum += task_val[k], any = 1;
		if (any && fabs(sum - fields[f_primary].num) > 1e-9) {
			char a[32], b[32];
			snprintf(a, sizeof a, "%g", sum);
			snprintf(b, sizeof b, "%g", fields[f_primary].num);
			reject_masked(row, file, "the task scores add up to %s, the primary score is %s "
			              "(%s)", a, b, answers_laid ? "the answer strings and the total "
			              "disagree" : "a row shifted by a column?");
			return;
		}
	}
	if (f_grade >= 0 && fields[f_grade].vt == V_NONE) {
		int g = -1;
		if (f_class >= 0 && fields[f_class].vt == V_STR)
			g = grade_of_class(fields[f_class].str, fields[f_class].slen);
		if (g < 0 && f_procedure >= 0 && fields[f_procedure].vt == V_STR)
			g = grade_of_procedure(fields[f_procedure].str);
		if (g > 0)
			fields[f_grade].vt = V_INT, fields[f_grade].num = g;
	}
	if (pseudo && make_pseudonym(row, cell, clen) < 0) {
		reject_masked(row, file, "no document number or name to make a student_id of");
		return;
	}
	/* what the schema requires must be there (risk in wide form fills
	 * factor and value itself) */
	for (size_t k = 0; k < nrequired; k++) {
		int f = required[k];
		if (fields[f].vt != V_NONE || ((f == f_factor || f == f_value) && any_factor))
			continue;
		reject_masked(row, file, "missing %s",
		           f == f_factor || f == f_value ? "a factor value" : fields[f].name);
		return;
	}
	if (f_students >= 0 && context_ok(err, sizeof err) < 0) {
		reject_masked(row, file, "%s", err);
		return;
	}
	if (!(any_factor && fields[f_factor].vt == V_NONE) && shape_check(absent, err, sizeof err) < 0) {
		reject_masked(row, file, "%s", err);
		return;
	}
	if (f_tasks >= 0 && ntasks)
		emit_task_scheme();
	if (any_factor && fields[f_factor].vt == V_NONE)
		emit_factors();
	else
		emit_record(absent);
	fst.accepted++;
}

/* The kind looked for, as messages say it. */
static const char *
kind_words(void)
{
	return kind_opt ? kind_opt : "any kind's";
}

/* The account of a file: a source record after its records. */
static void
emit_source(const char *file)
{
	unsigned long rejected = fst.rows - fst.accepted; /* each row is one or the other */
	int first = 1;

	if (fst.rows > 0 && fst.accepted == 0)
		fst.whole = 1; /* every row rejected */
	any_whole |= fst.whole;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"source\"");
	jw_key(&out, &first, "file");
	jw_str(&out, file, strlen(file));
	jw_key(&out, &first, "kind");
	if (fst.kind)
		jw_str(&out, fst.kind, strlen(fst.kind));
	else
		sb_puts(&out, "null");
	jw_key(&out, &first, "rows");
	jw_int(&out, (long long)fst.rows);
	jw_key(&out, &first, "accepted");
	jw_int(&out, (long long)fst.accepted);
	jw_key(&out, &first, "rejected");
	jw_int(&out, (long long)rejected);
	jw_key(&out, &first, "records");
	jw_int(&out, (long long)fst.records);
	jw_key(&out, &first, "skipped");
	sb_printf(&out, "{\"title\":%lu,\"blank\":%lu,\"header_again\":%lu,\"no_header\":%lu,"
	          "\"footer\":%lu,\"appeal\":%lu}", fst.titles, fst.blank, fst.headers, fst.no_header,
	          fst.footers, fst.appeals);
	jw_key(&out, &first, "rejected_whole");
	sb_puts(&out, fst.whole ? "true" : "false");
	sb_putc(&out, '}');
	emit();
}

/* Rows above the header, kept until the header tells what they are: title
 * lines (a cell or two of free text), or data written before the header. */
struct prerow {
	unsigned long line;
	size_t n;
	char **cells;
	size_t *lens;
};

static void
keep_prerow(struct prerow **v, size_t *n, const struct csvrow *row)
{
	struct prerow *p;

	*v = erealloc(*v, (*n + 1) * sizeof **v);
	p = &(*v)[(*n)++];
	p->line = row->line;
	p->n = row->n;
	p->cells = emalloc((row->n ? row->n : 1) * sizeof *p->cells);
	p->lens = emalloc((row->n ? row->n : 1) * sizeof *p->lens);
	for (size_t i = 0; i < row->n; i++) {
		p->cells[i] = estrndup(row->cells[i], row->lens[i]);
		p->lens[i] = row->lens[i];
	}
}

static size_t
nonempty(char *const *cells, const size_t *lens, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = lens[i];
		trim(cells[i], &len);
		k += len > 0;
	}
	return k;
}

/* Now that the header is known: a row above it that has as many values as a
 * data row would is rejected, not dropped as a title. (header NULL: there
 * is none, the file is rejected whole; just free them.) */
static void
judge_prerows(struct prerow *v, size_t n, const struct csvrow *header, const char *file)
{
	size_t width = header ? nonempty(header->cells, header->lens, header->n) : 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = nonempty(v[i].cells, v[i].lens, v[i].n);
		struct csvrow r = { v[i].cells, v[i].lens, v[i].n, v[i].line };

		if (!header)
			;
		else if (k == 0)
			fst.blank++;
		else if (k < 3 || 2 * k < width)
			fst.titles++;
		if (header && k >= 3 && 2 * k >= width) {
			count_row();
			reject_masked(&r, file, "a row of data above the header (line %lu): rows "
			              "before the header are read as titles", header->line);
		}
		for (size_t j = 0; j < v[i].n; j++)
			free(v[i].cells[j]);
		free(v[i].cells);
		free(v[i].lens);
	}
	free(v);
}

/* Fields this file does not carry in a column (nor --set) but says in its
 * title rows, sheet name, file name or directories: taken from there for
 * this file, and said. */
static int inferred[4]; /* field indices set for this file only */
static size_t ninferred;

static void
set_inferred(int f, const char *code, int num, const char *from, struct sbuf *said)
{
	struct field *fd;
	char err[256];

	if (f < 0 || fields[f].set || has_column(f))
		return;
	fd = &fields[f];
	if (code) {
		fd->set_vt = V_STR;
		fd->set_str = estrdup(code);
	} else {
		fd->set_vt = V_INT;
		fd->set_num = num;
		if (schema_check_number(fd->s, num, 1, err, sizeof err) < 0)
			return;
	}
	fd->set = 1;
	inferred[ninferred++] = f;
	if (code)
		sb_printf(said, "%s%s %s (%s)", said->len ? ", " : "", fd->name, code, from);
	else
		sb_printf(said, "%s%s %d (%s)", said->len ? ", " : "", fd->name, num, from);
}

/* The work of file (FILE or FILE[SHEET]) from the title (its rows above
 * the header, or a block's title), the sheet's name, the file's name and
 * its directories. */
static void
infer_work(const char *file, const char *title, size_t tlen)
{
	struct inferred w = { 0 };
	struct sbuf said = { 0 };
	const char *name = file, *sheet = strchr(name, '['), *base, *ext;
	size_t flen = sheet ? (size_t)(sheet - name) : strlen(name);

	if (f_year < 0 && f_procedure < 0 && f_subject < 0 && f_grade < 0)
		return;
	infer_text(&w, title, tlen, "the title", 0); /* the most particular */
	if (sheet) /* "FILE[SHEET]" */
		infer_text(&w, sheet + 1, strlen(sheet + 1) - 1, "the sheet's name", 0);
	base = memrchr(name, '/', flen);
	base = base ? base + 1 : name;
	ext = memrchr(base, '.', flen - (size_t)(base - name));
	infer_text(&w, base, (size_t)((ext ? ext : name + flen) - base), "the file name", 0);
	for (const char *p = name, *e; p < base; p = e + 1) { /* the directories */
		e = memchr(p, '/', (size_t)(base - p));
		infer_text(&w, p, (size_t)(e - p), "a directory's name", 1);
	}
	if (w.year)
		set_inferred(f_year, NULL, w.year, w.from[0], &said);
	if (w.procedure)
		set_inferred(f_procedure, w.procedure, 0, w.from[1], &said);
	if (w.subject)
		set_inferred(f_subject, w.subject, 0, w.from[2], &said);
	if (w.grade)
		set_inferred(f_grade, NULL, w.grade, w.from[3], &said);
	if (said.len) {
		sb_putc(&said, '\0');
		warn_at(file, 0, "read from the file itself: %s (--set overrides)", said.s);
	}
	sb_free(&said);
}

static void
forget_inferred(void)
{
	for (size_t i = 0; i < ninferred; i++) {
		struct field *fd = &fields[inferred[i]];
		fd->set = 0;
		fd->set_vt = V_NONE;
		free(fd->set_str);
		fd->set_str = NULL;
	}
	ninferred = 0;
}

/* A workbook sheet whose header has task columns: read it once to see which
 * of them hold a score in some row (the 2020 ФИС ОКО export has 40 fixed
 * task slots, most of them empty), drop the others, and start the sheet
 * again after its header. Memory stays flat: a flag per column. */
static void
drop_empty_tasks(struct rows *src, unsigned long header_line)
{
	struct csvrow row;
	unsigned char *used = ecalloc(ntasks ? ntasks : 1, 1);
	size_t k = 0, dropped = 0;
	char why[300];

	while (rows_next(src, &row) > 0)
		for (size_t i = 0; i < row.n && i < ncols; i++) {
			size_t n = row.lens[i];
			if (cols[i].kind == C_TASK && !used[cols[i].task] && (trim(row.cells[i], &n), n))
				used[cols[i].task] = 1;
		}
	if (rows_sheet(src, src->sheet, why, sizeof why) < 0)
		die(EQ_IO, "%s: %s", src->name, why);
	while (src->last < header_line && rows_next(src, &row) > 0)
		;
	for (size_t i = 0; i < ncols; i++) /* the columns of tasks dropped, then the others renumbered */
		if (cols[i].kind == C_TASK) {
			size_t t = (size_t)cols[i].task, nt = 0;
			for (size_t j = 0; j < t; j++)
				nt += used[j] != 0;
			if (used[t])
				cols[i].task = (int)nt;
			else
				cols[i].kind = C_IGNORE;
		}
	for (size_t t = 0; t < ntasks; t++) {
		if (!used[t]) {
			free(task_labels[t]);
			dropped++;
			continue;
		}
		task_labels[k] = task_labels[t];
		task_max[k] = task_max[t];
		k++;
	}
	if (dropped)
		warn_at(src->name, header_line, "%zu task columns hold no score in any row: not tasks",
		        dropped);
	ntasks = numbered_tasks = k;
	free(used);
}

/* Is the row a header: of --kind, or of the kind it names most columns of
 * (which becomes the kind of the sheet)? */
static int
header_of(const struct csvrow *row, const char *file)
{
	const char *k = kind_opt ? kind_opt : header_kind(row);

	for (size_t i = 0; i < row->n; i++) {
		size_t n = row->lens[i];
		const char *c = trim(row->cells[i], &n);
		if (marker_is("appeal", c, n)) {
			fst.appeal = 1;
			warn_at(file, row->line, "a protocol of appeals (column \"%.*s\"): its rows change "
			        "results the exam's protocol gives, they are not results; skipped",
			        (int)n, c);
			return 1;
		}
	}
	if (!k)
		return 0;
	switch_kind(k, file);
	return map_header(row, file);
}

/* The header search on one row: its own delimiter, then the others. */
static int
find_header(struct rows *src, struct csvrow *row, const char *file)
{
	static const int delims[] = { ';', '\t', ',' };
	int tried = src->csv.delim;

	if (header_of(row, file))
		return 1;
	if (src->kind != ROWS_CSV || src->csv.forced_delim)
		return 0;
	for (size_t i = 0; i < sizeof delims / sizeof *delims; i++)
		if (delims[i] != tried && rows_reparse(src, row, delims[i]) == 0 &&
		    header_of(row, file))
			return 1;
	rows_reparse(src, row, tried); /* the row as its own delimiter splits it */
	return 0;
}

/* A quoted cell that runs over lines where one value belongs: a stray quote
 * swallowed the rows after it. The row is rejected and the lines after its
 * first are read again. */
static int
spans_lines(struct rows *src, const struct csvrow *row, const char *file)
{
	for (size_t i = 0; i < row->n && i < ncols; i++) {
		if (src->kind != ROWS_CSV || !one_line_cell(&cols[i]) ||
		    (!memchr(row->cells[i], '\n', row->lens[i]) && !memchr(row->cells[i], '\r', row->lens[i])))
			continue;
		rows_unread_rest(src);
		count_row();
		reject_masked(row, file, "column \"%s\" runs over several lines: a stray quote? "
		              "the lines after this one are read again", cols[i].header);
		return 1;
	}
	return 0;
}

/* The rows of one CSV file or one sheet: titles, the header, the records.
 * 1 when it had a header. A sheet without one is skipped whole (a workbook
 * has sheets of other things) unless alone says it is the only one. */
static int
ingest_rows(struct rows *src, int alone)
{
	const char *file = src->name;
	struct csvrow row;
	int r, header = 0;
	unsigned long title_lines = 0, nonblank = 0;
	struct prerow *pre = NULL;
	size_t npre = 0;

	memset(&fst, 0, sizeof fst);
	fst.kind = kind_opt;
	positional = src->kind != ROWS_CSV;
	while ((r = rows_next(src, &row)) >= 0) {
		progress_tick("rows", file);
		if (r == 0) {
			count_row();
			if (header) /* the line split as the header's cells, where it can be */
				reject_masked(&row, file, "%s", src->why);
			else
				reject_row(file, row.line, NULL, NULL, 0, "%s (the header is not known "
				           "yet, so the line is not kept)", src->why);
			continue;
		}
		if (header) {
			if (!spans_lines(src, &row, file))
				process_row(&row, file);
			continue;
		}
		nonblank += nonempty(row.cells, row.lens, row.n) > 0;
		if (find_header(src, &row, file)) {
			const char *miss;
			unsigned long header_line = row.line;
			header = 1;
			if (fst.appeal) {
				judge_prerows(pre, npre, &row, file);
				pre = NULL, npre = 0;
				while (rows_next(src, &row) >= 0)
					if (nonempty(row.cells, row.lens, row.n))
						fst.appeals++;
				break;
			}
			fst.kind = kind;
			{
				struct sbuf t = { 0 };
				for (size_t i = 0; i < npre; i++)
					for (size_t k = 0; k < pre[i].n; k++) {
						sb_putn(&t, pre[i].cells[k], pre[i].lens[k]);
						sb_putc(&t, ' ');
					}
				infer_work(file, t.s ? t.s : "", t.len);
				sb_free(&t);
			}
			judge_prerows(pre, npre, &row, file);
			pre = NULL, npre = 0;
			if (positional && ntasks) /* reads on: the header row is gone after it */
				drop_empty_tasks(src, header_line);
			miss = missing_column();
			rows_header(src);
			if (miss) {
				unsigned long n = 0;
				while (rows_next(src, &row) >= 0)
					n++;
				nrows += n;
				fst.rows += n;
				fst.whole = 1;
				reject_file(file, header_line, n,
				            "missing required column %s: %lu rows not read "
				            "(aliases in schemas/ref/columns.tsv)", miss, n);
				break;
			}
		} else if (++title_lines >= HEADER_SEARCH_LINES) {
			break;
		} else {
			keep_prerow(&pre, &npre, &row);
		}
	}
	if (pre)
		judge_prerows(pre, npre, NULL, file);
	if (rows_error(src))
		io_error = 1;
	fst.blank += rows_blank(src);
	if (!header && !src->fatal && !alone) {
		/* a sheet of something else: said, and its rows counted as skipped */
		while (rows_next(src, &row) >= 0)
			nonblank += nonempty(row.cells, row.lens, row.n) > 0;
		fst.no_header = nonblank;
		warn_at(file, 0, "no header with %s columns: the sheet is skipped (%lu rows)",
		        kind_words(), nonblank);
		emit_source(file);
		free_file_state();
		return 0;
	}
	if (src->fatal || !header)
		fst.whole = 1;
	if (src->fatal)
		reject_file(file, src->last ? src->last : 1, 0, "%s", src->fatal);
	else if (!header)
		reject_file(file, src->last, 0, src->last == 0 ? "empty file" :
		            "no header with %s columns in the first %lu lines (delimiters tried: "
		            "';' tab ','; --delimiter sets one; aliases in schemas/ref/columns.tsv)",
		            kind_words(), src->last);
	emit_source(file);
	free_file_state();
	return header;
}

/* A workbook (or a sheet of it) that gives nothing: rejected whole, with
 * its account. */
static void __attribute__((format(printf, 2, 3)))
reject_workbook(const char *file, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	memset(&fst, 0, sizeof fst);
	fst.kind = kind_opt;
	fst.whole = 1;
	reject_file(file, 0, 0, "%s", why);
	emit_source(file);
}

/* Is sheet i of the workbook one --sheet asks for (all when none)? */
static int
sheet_wanted(const struct rows *src, size_t i)
{
	char *end;
	unsigned long n;

	if (!sheet_opt)
		return 1;
	n = strtoul(sheet_opt, &end, 10);
	if (*sheet_opt && !*end)
		return n == i + 1;
	return strcmp(rows_sheet_name(src, i), sheet_opt) == 0;
}

static void
ingest(const char *file)
{
	struct rows src;
	char why[300];
	size_t nsheets, tried = 0, found = 0;

	if (rows_container(file) == ROWS_CSV) {
		if (rows_open_csv(&src, file, encoding, delimiter, maxline) < 0) {
			io_error = 1; /* said; go on with the other files */
			return;
		}
		ingest_rows(&src, 1);
		rows_close(&src);
		return;
	}
	if (rows_open_book(&src, file, why, sizeof why) < 0) {
		reject_workbook(file, "%s", why);
		return;
	}
	nsheets = rows_nsheets(&src);
	for (size_t i = 0; i < nsheets; i++) {
		if (!sheet_wanted(&src, i))
			continue;
		tried++;
		if (rows_sheet(&src, i, why, sizeof why) < 0) {
			reject_workbook(file, "%s", why);
			continue;
		}
		found += ingest_rows(&src, sheet_opt != NULL) > 0;
	}
	if (!tried)
		reject_workbook(file, "no sheet \"%s\" (the workbook has %zu)", sheet_opt, nsheets);
	else if (!found && !sheet_opt)
		reject_workbook(file, "no sheet of the workbook has a header with %s columns "
		                "(aliases in schemas/ref/columns.tsv)", kind_words());
	rows_close(&src);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "set", required_argument, NULL, 's' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "sheet", required_argument, NULL, 'S' },
		{ "id-key", required_argument, NULL, 'I' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	const char **sets = NULL;
	int nsets = 0, c, status;
	int errcode;
	PCRE2_SIZE off;

	argv[0] = (char *)(argv0 = "eq-ingest"); /* getopt speaks with argv[0] */
	sets = ecalloc(argc, sizeof *sets);
	while ((c = getopt_long(argc, argv, "k:s:d:e:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		switch (c) {
		case 'k':
			kind_opt = optarg;
			break;
		case 's':
			sets[nsets++] = optarg;
			break;
		case 'd':
			if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0 || strcmp(optarg, "\t") == 0)
				delimiter = '\t';
			else if (strlen(optarg) == 1 && strchr(",;|", optarg[0]))
				delimiter = optarg[0];
			else
				die(EQ_USAGE, "--delimiter: expected ',' ';' '|' or 'tab', got \"%s\"", optarg);
			break;
		case 'S':
			sheet_opt = optarg;
			break;
		case 'I':
			id_key = optarg;
			break;
		case 'e':
			if (strcmp(optarg, "utf-8") == 0 || strcmp(optarg, "utf8") == 0)
				encoding = ENC_UTF8;
			else if (strcmp(optarg, "cp1251") == 0 || strcmp(optarg, "windows-1251") == 0)
				encoding = ENC_CP1251;
			else if (strcmp(optarg, "auto") == 0)
				encoding = ENC_AUTO;
			else
				die(EQ_USAGE, "--encoding: expected utf-8, cp1251 or auto, got \"%s\"", optarg);
			break;
		default:
			usage_exit(usage);
		}
	}
	maxline = common.maxline;
	dict_load();
	set_args = sets;
	nset_args = nsets;
	if (kind_opt)
		switch_kind(kind_opt, NULL);
	else
		load_traits();
	/* task column headers, as text_key() leaves them */
	task_re = pcre2_compile((PCRE2_SPTR)
		"^(?:task[ _]?|задание ?№? ?|зад\\.? ?|балл за (?:задание ?)?|№ ?|a-)?"
		"(\\d{1,3}(?:[.,]\\d{1,2}|\\(\\d{1,2}\\))?(?: ?\\(?к\\d{1,2}\\)?)?|к\\d{1,2})"
		"(?:-grade)?(?: ?\\((\\d{1,3}) ?(?:б|балл|балла|баллов)\\.?\\))?$",
		PCRE2_ZERO_TERMINATED, PCRE2_UTF, &errcode, &off, NULL);
	if (!task_re)
		die(EQ_IO, "task pattern does not compile at %zu", (size_t)off);
	task_md = pcre2_match_data_create_from_pattern(task_re, NULL);
	EQ_FUZZ_START();
	report_open(common.rejects);
	setvbuf(stdout, NULL, _IOFBF, 1 << 18);
	sb_grow(&out, 4096);
	if (optind == argc)
		ingest("-");
	for (int i = optind; i < argc; i++)
		ingest(argv[i]);
	progress_done();
	status = report_finish(nrows, "rows");
	if (any_whole && status == EQ_REJECTED)
		status = EQ_INPUT_REJECTED;
	if (fshut(stdout, "stdout") || io_error)
		status = EQ_IO;
	sb_free(&out);
	pcre2_match_data_free(task_md);
	pcre2_code_free(task_re);
	free_kind();
	free(traits);
	free(sets);
	return status;
}
