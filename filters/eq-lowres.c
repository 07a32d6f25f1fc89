/* eq-lowres: procedure results, schools with low results (ШНОР, ФИОКО rule),
 * and the risk group. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "i18n.h"
#include "opt.h"
#include "proclist.h"
#include "rectype.h"
#include "rederive.h"
#include "reduce.h"
#include "report.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

static const char usage[] =
	"[--year Y] [--threshold T] [--min-n K] [--procedures FILE] [--same-procedure] [--and]\n"
	"       [--risk-cut V] [--rejects FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Pass every record through; at the end write a procedure_result per school and\n"
	"procedure, a lowres record per school (ШНОР by the ФИОКО rule) and a\n"
	"risk_profile per school and year with risk records.\n"
	"\n"
	"A procedure's result in a school is low when at least 30 % of its counted\n"
	"participants (present, not retakes, not past-year graduates) failed: mark 2, or\n"
	"an ЕГЭ test score below the subject's minimum. A school is ШНОР for year Y when\n"
	"(1) at least two procedures of the list were low in Y, or (2) at least one was\n"
	"low in each of Y-1 and Y.\n"
	"\n"
	"  -y, --year Y          identification year (default: the latest year of results)\n"
	"  -t, --threshold T     share of failures that makes a result low (0.3, 30%)\n"
	"  -n, --min-n K         fewer than K participants: not assessable, never low\n"
	"                        (default: no minimum, as the methodology)\n"
	"  -p, --procedures FILE the procedures that count (default\n"
	"                        schemas/ref/shnor_procedures.tsv)\n"
	"  -s, --same-procedure  criterion 2 only for the same procedure in both years\n"
	"  -a, --and             ШНОР only when both criteria hold\n"
	"  -r, --risk-cut V      a risk factor is high from V on (default 0.5)\n");

struct risk {
	char *school_id;
	int year;
	double value[16];
	int has[16];
};

static struct reduce results;
static struct strmap listed;         /* "procedure\x1fsubject\x1fgrade" of the list */
static struct strmap risks;          /* "school\x1fyear" -> struct risk */
static struct risk **riskv;
static size_t nrisk;
static const struct dict_value *const *factors;
static size_t nfactors;
static int year_given, same_procedure, both;
static int year_y;
static int64_t thr_num = 3, thr_den = 10; /* the threshold, exactly */
static double min_n;
static double risk_cut = 0.5;
static unsigned long nrecords;
static struct sbuf out;

/* "0.3", "0,3", ".3", "30%": p/q exactly, so that 3 of 10 is never a
 * floating-point question. */
static int
parse_share(const char *s, int64_t *num, int64_t *den)
{
	int64_t p = 0, q = 1;
	int point = 0, digits = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (++digits > 12)
				return -1;
			p = 10 * p + (*s - '0');
			if (point)
				q *= 10;
		} else if ((*s == '.' || *s == ',') && !point) {
			point = 1;
		} else if (*s == '%' && s[1] == '\0') {
			q *= 100;
		} else {
			return -1;
		}
	}
	if (!digits || p > q)
		return -1;
	*num = p, *den = q;
	return 0;
}

static int
is_listed(const struct proc_acc *a)
{
	return proclist_has(&listed, a->procedure, a->subject, a->grade);
}

/* A risk record, long form, checked against its schema: 0, or -1 (why). */
static int
take_risk(const char *line, size_t len, char *why, size_t whysz)
{
	json_t *rec = json_parse_line(line, len, why, whysz);
	const char *id, *f;
	struct risk *r;
	struct key key;
	size_t k;
	int y;

	if (!rec)
		return -1;
	if (type_validate("risk", rec, why, whysz) < 0) {
		json_decref(rec);
		return -1;
	}
	id = jstr(rec, "school_id");
	f = jstr(rec, "factor");
	y = jint(rec, "year");
	for (k = 0; k < nfactors && strcmp(factors[k]->code, f) != 0; k++)
		;
	if (k == nfactors) { /* the schema's list and values.tsv disagree */
		snprintf(why, whysz, "unknown factor \"%s\" (codes in schemas/ref/values.tsv)", f);
		json_decref(rec);
		return -1;
	}
	key_of(&key, "sd", id, y);
	if (!(r = strmap_get(&risks, key.s, key.n))) {
		r = ecalloc(1, sizeof *r);
		r->school_id = estrdup(id);
		r->year = y;
		strmap_put(&risks, key.s, key.n, r);
		riskv = erealloc(riskv, (nrisk + 1) * sizeof *riskv);
		riskv[nrisk++] = r;
	}
	key_free(&key);
	if (r->has[k]) {
		snprintf(why, whysz, "a second value of %s for school %s in %d", f, id, y);
		json_decref(rec);
		return -1;
	}
	r->has[k] = 1;
	r->value[k] = jnum(rec, "value");
	json_decref(rec);
	return 0;
}

static int
take(const struct record *r)
{
	char why[600], where[300];
	const char *rwhy;

	if (!r->type)
		return 0;
	if (rederive_hold(r)) /* a run before this one: replaced at the end */
		return -1;
	if (type_is(r->type, r->tlen, "result") && reduce_result(&results, r->line, r->len, &rwhy) < 0) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "result: %s", rwhy);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school_result") &&
	    (snprintf(where, sizeof where, "%s:%lu", r->file, r->lineno),
	     reduce_school_result(&results, r->line, r->len, where, why, sizeof why) < 0)) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "school_result: %s", why);
		return -1;
	}
	if (type_is(r->type, r->tlen, "risk") && take_risk(r->line, r->len, why, sizeof why) < 0) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "risk: %s", why);
		return -1;
	}
	return 0;
}

/* Participants whose result tells a failure. */
static double
decided(const struct proc_acc *a)
{
	return a->n - a->n_unmarked;
}

static int
assessable(const struct proc_acc *a)
{
	return decided(a) >= min_n && decided(a) > 0;
}

/* share_fail >= threshold, in integers: n_fail * den >= num * n. */
static int
is_low(const struct proc_acc *a)
{
	return assessable(a) &&
	       (int64_t)a->n_fail * thr_den >= thr_num * (int64_t)decided(a);
}

static void
put_proc(const struct proc_acc *a, int with_type)
{
	int first = 1;

	sb_putc(&out, '{');
	if (with_type) {
		jw_key(&out, &first, "type");
		sb_puts(&out, "\"procedure_result\"");
		jw_key(&out, &first, "school_id");
		jw_str(&out, a->school_id, strlen(a->school_id));
	}
	jw_key(&out, &first, "year");
	jw_int(&out, a->year);
	jw_key(&out, &first, "procedure");
	jw_str(&out, a->procedure, strlen(a->procedure));
	jw_key(&out, &first, "subject");
	jw_str(&out, a->subject, strlen(a->subject));
	jw_key(&out, &first, "grade");
	jw_int(&out, a->grade);
	jw_key(&out, &first, "n");
	jw_num(&out, decided(a));
	jw_key(&out, &first, "n_fail");
	jw_num(&out, a->n_fail);
	jw_key(&out, &first, "share_fail");
	if (decided(a) > 0)
		jw_num(&out, a->n_fail / decided(a));
	else
		sb_puts(&out, "null");
	if (a->n_unmarked > 0) {
		jw_key(&out, &first, "n_unmarked");
		jw_num(&out, a->n_unmarked);
	}
	if (with_type) {
		jw_key(&out, &first, "low");
		sb_puts(&out, is_low(a) ? "true" : "false");
		jw_key(&out, &first, "assessable");
		sb_puts(&out, assessable(a) ? "true" : "false");
		jw_key(&out, &first, "in_list");
		sb_puts(&out, is_listed(a) ? "true" : "false");
	}
	sb_putc(&out, '}');
}

static void
flush_out(void)
{
	rederive_mark(out.s, out.len);
	fwrite(out.s, 1, out.len, stdout);
	out.len = 0;
}

static int
by_school_proc(const void *pa, const void *pb)
{
	const struct proc_acc *a = *(struct proc_acc *const *)pa, *b = *(struct proc_acc *const *)pb;
	int c;

	if ((c = strcmp(a->school_id, b->school_id)))
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if ((c = strcmp(a->procedure, b->procedure)) || (c = strcmp(a->subject, b->subject)))
		return c;
	return a->grade - b->grade;
}

/* Of the years the criteria read, Y-1 and Y? */
static int
in_years(const struct proc_acc *a)
{
	return a->year == year_y || a->year == year_y - 1;
}

/* The ФИОКО criteria for one school's procedures (sorted, v[0..n)). */
static void
emit_lowres(struct proc_acc **v, size_t n)
{
	size_t low_y = 0, low_y1 = 0, i, k;
	int c1, c2, shnor, any = 0, first = 1, f2;

	for (i = 0; i < n; i++) {
		if (!in_years(v[i]))
			continue;
		any = 1; /* a record for every school with results in Y-1 or Y */
		if (is_listed(v[i]) && is_low(v[i]))
			v[i]->year == year_y ? low_y++ : low_y1++;
	}
	if (!any)
		return;
	c1 = low_y >= 2;
	c2 = low_y >= 1 && low_y1 >= 1;
	if (c2 && same_procedure) { /* the same procedure low in both years */
		c2 = 0;
		for (i = 0; i < n && !c2; i++)
			for (k = 0; k < n && !c2; k++)
				c2 = is_listed(v[i]) && v[i]->year == year_y - 1 && is_low(v[i]) &&
				     v[k]->year == year_y && is_low(v[k]) &&
				     strcmp(v[i]->procedure, v[k]->procedure) == 0 &&
				     strcmp(v[i]->subject, v[k]->subject) == 0 && v[i]->grade == v[k]->grade;
	}
	shnor = both ? c1 && c2 : c1 || c2;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"lowres\"");
	jw_key(&out, &first, "school_id");
	jw_str(&out, v[0]->school_id, strlen(v[0]->school_id));
	jw_key(&out, &first, "year");
	jw_int(&out, year_y);
	jw_key(&out, &first, "shnor");
	sb_puts(&out, shnor ? "true" : "false");
	jw_key(&out, &first, "criteria");
	sb_puts(&out, c1 && c2 ? "[1,2]" : c1 ? "[1]" : c2 ? "[2]" : "[]");
	jw_key(&out, &first, "low_procedures");
	sb_putc(&out, '[');
	for (i = 0, f2 = 1; i < n; i++)
		if (is_listed(v[i]) && in_years(v[i]) && is_low(v[i])) {
			if (!f2)
				sb_putc(&out, ',');
			f2 = 0;
			put_proc(v[i], 0);
		}
	sb_putc(&out, ']');
	if (min_n > 0) {
		jw_key(&out, &first, "not_assessable");
		sb_putc(&out, '[');
		for (i = 0, f2 = 1; i < n; i++)
			if (is_listed(v[i]) && in_years(v[i]) &&
			    !assessable(v[i])) {
				if (!f2)
					sb_putc(&out, ',');
				f2 = 0;
				put_proc(v[i], 0);
			}
		sb_putc(&out, ']');
	}
	/* the rule's parameters, so that the record says how it was decided */
	jw_key(&out, &first, "threshold");
	jw_num(&out, (double)thr_num / (double)thr_den);
	jw_key(&out, &first, "min_n");
	if (min_n > 0)
		jw_num(&out, min_n);
	else
		sb_puts(&out, "null");
	jw_key(&out, &first, "rule");
	sb_puts(&out, both ? (same_procedure ? "\"1 and 2 (same procedure)\"" : "\"1 and 2\"")
	                   : (same_procedure ? "\"1 or 2 (same procedure)\"" : "\"1 or 2\""));
	sb_puts(&out, "}\n");
	flush_out();
}

static int
by_school_year(const void *pa, const void *pb)
{
	const struct risk *a = *(struct risk *const *)pa, *b = *(struct risk *const *)pb;
	int c = strcmp(a->school_id, b->school_id);

	return c ? c : a->year - b->year;
}

static void
emit_risk(const struct risk *r)
{
	int first = 1, f2 = 1, zone = 0, known = 0;

	for (size_t k = 0; k < nfactors; k++) {
		known += r->has[k];
		zone |= r->has[k] && r->value[k] >= risk_cut;
	}
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"risk_profile\"");
	jw_key(&out, &first, "school_id");
	jw_str(&out, r->school_id, strlen(r->school_id));
	jw_key(&out, &first, "year");
	jw_int(&out, r->year);
	jw_key(&out, &first, "risk_zone");
	sb_puts(&out, zone ? "true" : "false");
	jw_key(&out, &first, "high_factors");
	sb_putc(&out, '[');
	for (size_t k = 0; k < nfactors; k++) {
		int f3 = 1;
		if (!r->has[k] || r->value[k] < risk_cut)
			continue;
		if (!f2)
			sb_putc(&out, ',');
		f2 = 0;
		sb_putc(&out, '{');
		jw_key(&out, &f3, "factor");
		jw_str(&out, factors[k]->code, strlen(factors[k]->code));
		jw_key(&out, &f3, "name");
		jw_str(&out, factors[k]->name, strlen(factors[k]->name));
		jw_key(&out, &f3, "value");
		jw_num(&out, r->value[k]);
		sb_putc(&out, '}');
	}
	sb_putc(&out, ']');
	jw_key(&out, &first, "factors_known");
	jw_int(&out, known);
	jw_key(&out, &first, "cut");
	jw_num(&out, risk_cut);
	sb_puts(&out, "}\n");
	flush_out();
}

static void
finish(void)
{
	struct proc_acc **v = results.v;
	size_t n = results.n, i, j;

	if (!year_given) /* the latest year of the listed procedures, else of any */
		for (int pass = 0; pass < 2 && !year_y; pass++)
			for (i = 0; i < n; i++)
				if ((pass || is_listed(v[i])) && v[i]->year > year_y)
					year_y = v[i]->year;
	if (n)
		qsort(v, n, sizeof *v, by_school_proc);
	for (i = 0; i < n; i++) {
		put_proc(v[i], 1);
		sb_putc(&out, '\n');
		flush_out();
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j]->school_id, v[i]->school_id) == 0; j++)
			;
		emit_lowres(v + i, j - i);
	}
	if (nrisk)
		qsort(riskv, nrisk, sizeof *riskv, by_school_year);
	for (i = 0; i < nrisk; i++)
		emit_risk(riskv[i]);
}

int
main(int argc, char *argv[])
{
	static const char *const derived[] = { "procedure_result", "lowres", "risk_profile", NULL };
	static const struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "threshold", required_argument, NULL, 't' },
		{ "min-n", required_argument, NULL, 'n' },
		{ "procedures", required_argument, NULL, 'p' },
		{ "same-procedure", no_argument, NULL, 's' },
		{ "and", no_argument, NULL, 'a' },
		{ "risk-cut", required_argument, NULL, 'r' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	static const char default_procedures[] = "ref/shnor_procedures.tsv";
	const char *procedures = default_procedures;
	int c, status;

	argv[0] = (char *)(argv0 = "eq-lowres"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "y:t:n:p:sar:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		switch (c) {
		case 'y':
			year_y = (int)opt_number("--year", optarg, 2000, 2100);
			year_given = 1;
			break;
		case 't':
			if (parse_share(optarg, &thr_num, &thr_den) < 0 || thr_num == 0)
				die(EQ_USAGE, "--threshold: expected a share above 0 and at most 1 "
				    "(0.3, 0,3 or 30%%), got \"%s\"", optarg);
			break;
		case 'n':
			min_n = opt_number("--min-n", optarg, 0, 1e6);
			break;
		case 'p':
			procedures = optarg;
			break;
		case 's':
			same_procedure = 1;
			break;
		case 'a':
			both = 1;
			break;
		case 'r':
			risk_cut = opt_number("--risk-cut", optarg, 0, 1);
			break;
		default:
			usage_exit(usage);
		}
	}
	dict_load();
	nfactors = dict_codes("factor", &factors);
	if (nfactors > 16)
		die(EQ_USAGE, "values.tsv: more than 16 risk factors");
	proclist_load(&listed, procedures, procedures != default_procedures);
	report_open(common.rejects);
	rederive_types(derived);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	finish();
	rederive_flush();
	status = stream_finish(nrecords);
	for (size_t i = 0; i < nrisk; i++) {
		free(riskv[i]->school_id);
		free(riskv[i]);
	}
	free(riskv);
	strmap_free(&risks, NULL);
	strmap_free(&listed, NULL);
	reduce_free(&results);
	sb_free(&out);
	return status;
}
