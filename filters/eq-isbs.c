/* eq-isbs: the school social well-being index (ИСБШ), ШНСУ, and results in
 * social context. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "key.h"
#include "i18n.h"
#include "opt.h"
#include "record.h"
#include "reduce.h"
#include "rederive.h"
#include "report.h"
#include "schema.h"
#include "schools.h"
#include "stats.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

static const char usage[] =
	"[--by municipality|region|all] [--cut quartile|quintile] [--rejects FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Pass every record through; at the end, write one isbs record per school and\n"
	"year with a context record, and one isbs_model per group and year.\n"
	"\n"
	"  ИСБШ = 85 + 15·share(both parents with higher education)\n"
	"          - 20·share(single-parent families) - 65·share(on a register)\n"
	"\n"
	"A school is ШНСУ when its ИСБШ is at most the cut of its group: the 25th\n"
	"percentile (type 7), or the 20th with --cut quintile. Rank 1 is the lowest.\n"
	"With results in the stream, each school's result level (the mean over its\n"
	"procedures of the z-score of its mean score among the group's schools) is\n"
	"regressed on ИСБШ; the residual classes a school as resilient, underperforming\n"
	"or as_expected (beyond 1.96 standard errors of its residual).\n"
	"\n"
	"  -b, --by G          group schools by municipality (default), region or all\n"
	"  -c, --cut C         quartile (default) or quintile\n");

/* One school's context in one year, and what is derived for it. */
struct entry {
	char *school_id;
	int year;
	double students, share[3], isbs;
	const char *group;
	size_t rank, of;
	double threshold;
	int has_level, fitted;
	double level, expected, residual, se;
	const char *cls;
};

/* The schools' means of one procedure in one group. */
struct bucket {
	struct proc_acc **v;
	size_t n;
};

static const char *const factor[3] = { "both_parents_higher", "single_parent", "on_register" };
static const double weight[3] = { 15, -20, -65 };

static struct entry **entries;
static size_t nentries;
static struct strmap seen_ctx;       /* school\x1fyear -> "file:line" of the first */
static struct schema *ctx_schema;
static struct reduce results;
static enum group_by by = BY_MUNICIPALITY;
static double cut = 0.25;
static unsigned long nrecords;
static struct sbuf out;

/* ИСБШ from the three shares (fractions of the pupils). */
static double
isbs_index(const double share[3])
{
	return 85 + weight[0] * share[0] + weight[1] * share[1] + weight[2] * share[2];
}

/* A context record: validated, its shares and index kept; 0 or -1 (why). */
static int
take_context(const char *line, size_t len, const char *file, unsigned long lineno,
             char *why, size_t whysz)
{
	json_t *rec = json_parse_line(line, len, why, whysz);
	struct entry *e;
	struct key key;
	char *first;
	const char *id;
	double students;

	if (!rec)
		return -1;
	if (schema_validate(ctx_schema, rec, why, whysz) < 0 || context_check(rec, why, whysz) < 0) {
		json_decref(rec);
		return -1;
	}
	id = json_string_value(json_object_get(rec, "school_id"));
	key_of(&key, "sd", id, (int)json_integer_value(json_object_get(rec, "year")));
	if ((first = strmap_get(&seen_ctx, key.s, key.n))) {
		snprintf(why, whysz, "a second context of school %s for %lld (the first: %s)", id,
		         (long long)json_number_value(json_object_get(rec, "year")), first);
		key_free(&key);
		json_decref(rec);
		return -1;
	}
	first = emalloc(strlen(file) + 24);
	sprintf(first, "%s:%lu", file, lineno);
	strmap_put(&seen_ctx, key.s, key.n, first);
	key_free(&key);

	e = ecalloc(1, sizeof *e);
	e->school_id = estrdup(id);
	e->year = (int)json_number_value(json_object_get(rec, "year"));
	e->students = students = json_number_value(json_object_get(rec, "students"));
	for (int k = 0; k < 3; k++) {
		char sharename[64];
		json_t *count = json_object_get(rec, factor[k]);

		snprintf(sharename, sizeof sharename, "%s_share", factor[k]);
		/* a count is exact; a share only as exact as it was written */
		e->share[k] = count ? json_number_value(count) / students
		                    : json_number_value(json_object_get(rec, sharename));
	}
	e->isbs = isbs_index(e->share);
	entries = erealloc(entries, (nentries + 1) * sizeof *entries);
	entries[nentries++] = e;
	json_decref(rec);
	return 0;
}

static int
take(const struct record *r)
{
	char why[600];
	const char *rwhy;

	if (!r->type)
		return 0;
	if (rederive_hold(r)) /* a run before this one: replaced at the end */
		return -1;
	if (type_is(r->type, r->tlen, "context") &&
	    take_context(r->line, r->len, r->file, r->lineno, why, sizeof why) < 0) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "context: %s", why);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school") && schools_take(r) < 0)
		return -1;
	if (type_is(r->type, r->tlen, "result") && reduce_result(&results, r->line, r->len, &rwhy) < 0) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "result: %s", rwhy);
		return -1;
	}
	return 0;
}

/* Result level of each school and year: the mean, over the procedures it
 * took, of the z-score of its mean score among the schools of its group. */
static struct strmap *
result_levels(void)
{
	struct strmap buckets = { 0 }, *levels = ecalloc(1, sizeof *levels);
	struct strmap *lv = levels;
	struct key key;

	for (size_t i = 0; i < results.n; i++) {
		struct proc_acc *a = results.v[i];
		const char *g = school_group(a->school_id, by);
		struct bucket *b;

		if (a->n_score < 1)
			continue;
		key_of(&key, "sdssd", g ? g : "unknown", a->year, a->procedure, a->subject, a->grade);
		b = strmap_get(&buckets, key.s, key.n);
		if (!b) {
			b = ecalloc(1, sizeof *b);
			strmap_put(&buckets, key.s, key.n, b);
		}
		key_free(&key);
		b->v = erealloc(b->v, (b->n + 1) * sizeof *b->v);
		b->v[b->n++] = a;
	}
	for (size_t i = 0; i < buckets.cap; i++) {
		struct bucket *b = buckets.vals[i];
		double mean = 0, ss = 0, sd;

		if (!buckets.keys[i])
			continue;
		for (size_t k = 0; k < b->n; k++)
			mean += b->v[k]->sum / b->v[k]->n_score;
		mean /= (double)b->n;
		for (size_t k = 0; k < b->n; k++) {
			double d = b->v[k]->sum / b->v[k]->n_score - mean;
			ss += d * d;
		}
		sd = b->n > 1 ? sqrt(ss / (double)(b->n - 1)) : 0;
		for (size_t k = 0; sd > 0 && k < b->n; k++) {
			struct proc_acc *a = b->v[k];
			double *acc;

			key_of(&key, "sd", a->school_id, a->year);
			if (!(acc = strmap_get(lv, key.s, key.n))) {
				acc = ecalloc(2, sizeof *acc);
				strmap_put(lv, key.s, key.n, acc);
			}
			key_free(&key);
			acc[0] += (a->sum / a->n_score - mean) / sd;
			acc[1] += 1;
		}
		free(b->v);
		free(b);
	}
	strmap_free(&buckets, NULL);
	return levels;
}

static int
by_group_year_school(const void *pa, const void *pb)
{
	const struct entry *a = *(struct entry *const *)pa, *b = *(struct entry *const *)pb;
	int c;

	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if ((c = strcmp(a->group, b->group)))
		return c;
	return strcmp(a->school_id, b->school_id);
}

static void
emit_model(const char *group, int year, const struct ols *m)
{
	int first = 1;

	out.len = 0;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"isbs_model\"");
	jw_key(&out, &first, "group");
	jw_str(&out, group, strlen(group));
	jw_key(&out, &first, "year");
	jw_int(&out, year);
	jw_key(&out, &first, "n");
	jw_int(&out, (long long)m->n);
	jw_key(&out, &first, "a");
	jw_num(&out, m->a);
	jw_key(&out, &first, "b");
	jw_num(&out, m->b);
	jw_key(&out, &first, "r2");
	jw_num(&out, m->r2);
	jw_key(&out, &first, "residual_se");
	jw_num(&out, m->s);
	sb_puts(&out, "}\n");
	rederive_mark(out.s, out.len);
	fwrite(out.s, 1, out.len, stdout);
}

static void
emit_entry(const struct entry *e)
{
	int first = 1;

	out.len = 0;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"isbs\"");
	jw_key(&out, &first, "school_id");
	jw_str(&out, e->school_id, strlen(e->school_id));
	jw_key(&out, &first, "year");
	jw_int(&out, e->year);
	jw_key(&out, &first, "group");
	jw_str(&out, e->group, strlen(e->group));
	jw_key(&out, &first, "isbs");
	jw_num(&out, e->isbs);
	jw_key(&out, &first, "rank");
	jw_int(&out, (long long)e->rank);
	jw_key(&out, &first, "of");
	jw_int(&out, (long long)e->of);
	jw_key(&out, &first, "threshold");
	jw_num(&out, e->threshold);
	jw_key(&out, &first, "shnsu");
	sb_puts(&out, e->isbs <= e->threshold ? "true" : "false");
	jw_key(&out, &first, "students");
	jw_num(&out, e->students);
	jw_key(&out, &first, "shares");
	sb_putc(&out, '{');
	for (int k = 0, f2 = 1; k < 3; k++) {
		jw_key(&out, &f2, factor[k]);
		jw_num(&out, e->share[k]);
	}
	sb_putc(&out, '}');
	if (e->has_level) {
		jw_key(&out, &first, "result_level");
		jw_num(&out, e->level);
	}
	if (e->fitted) {
		jw_key(&out, &first, "expected");
		jw_num(&out, e->expected);
		jw_key(&out, &first, "residual");
		jw_num(&out, e->residual);
		jw_key(&out, &first, "residual_se");
		jw_num(&out, e->se);
		jw_key(&out, &first, "context_class");
		jw_str(&out, e->cls, strlen(e->cls));
	}
	sb_puts(&out, "}\n");
	rederive_mark(out.s, out.len);
	fwrite(out.s, 1, out.len, stdout);
}

/* One group and year: cut, ranks, ШНСУ, and the regression on ИСБШ. */
static void
finish_group(struct entry **g, size_t n)
{
	double *x = emalloc(n * sizeof *x), *sorted = emalloc(n * sizeof *sorted);
	double *px = emalloc(n * sizeof *px), *py = emalloc(n * sizeof *py);
	size_t *rank = emalloc(n * sizeof *rank), np = 0;
	double threshold, q1;
	struct ols m;

	for (size_t i = 0; i < n; i++)
		x[i] = sorted[i] = g[i]->isbs;
	qsort(sorted, n, sizeof *sorted, cmp_double);
	threshold = quantile7(sorted, n, cut);
	q1 = quantile7(sorted, n, 0.25);
	rank_min(x, n, rank);
	for (size_t i = 0; i < n; i++) {
		g[i]->rank = rank[i];
		g[i]->of = n;
		g[i]->threshold = threshold;
		if (g[i]->has_level)
			px[np] = g[i]->isbs, py[np++] = g[i]->level;
	}
	if (ols_fit(px, py, np, &m) == 0) {
		for (size_t i = 0; i < n; i++) {
			struct entry *e = g[i];
			if (!e->has_level)
				continue;
			e->fitted = 1;
			e->expected = m.a + m.b * e->isbs;
			e->residual = e->level - e->expected;
			e->se = ols_residual_se(&m, e->isbs);
			e->cls = e->se > 0 && e->residual > 1.96 * e->se && e->isbs <= q1 ? "resilient" :
			         e->se > 0 && e->residual < -1.96 * e->se ? "underperforming" : "as_expected";
		}
	}
	for (size_t i = 0; i < n; i++)
		emit_entry(g[i]);
	if (m.n >= 3 && m.sxx > 0)
		emit_model(g[0]->group, g[0]->year, &m);
	free(x);
	free(sorted);
	free(px);
	free(py);
	free(rank);
}

static void
finish(void)
{
	struct strmap *levels = result_levels();

	for (size_t i = 0; i < nentries; i++) {
		struct entry *e = entries[i];
		struct key key;
		double *lv;

		key_of(&key, "sd", e->school_id, e->year);
		lv = strmap_get(levels, key.s, key.n);
		key_free(&key);

		e->group = school_group_known(e->school_id, by, "a context");
		if (lv) {
			e->has_level = 1;
			e->level = lv[0] / lv[1];
		}
	}
	if (nentries)
		qsort(entries, nentries, sizeof *entries, by_group_year_school);
	for (size_t i = 0, j; i < nentries; i = j) {
		for (j = i + 1; j < nentries && entries[j]->year == entries[i]->year &&
		     strcmp(entries[j]->group, entries[i]->group) == 0; j++)
			;
		finish_group(entries + i, j - i);
	}
	strmap_free(levels, free);
	free(levels);
}

int
main(int argc, char *argv[])
{
	static const char *const derived[] = { "isbs", "isbs_model", NULL };
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "cut", required_argument, NULL, 'c' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	char *path;
	int c, status;

	argv[0] = (char *)(argv0 = "eq-isbs"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "b:c:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		switch (c) {
		case 'b':
			if (group_by_parse(optarg, &by) < 0)
				die(EQ_USAGE, "--by: expected municipality, region or all, got \"%s\"", optarg);
			break;
		case 'c':
			if (strcmp(optarg, "quartile") == 0)
				cut = 0.25;
			else if (strcmp(optarg, "quintile") == 0)
				cut = 0.20;
			else
				die(EQ_USAGE, "--cut: expected quartile or quintile, got \"%s\"", optarg);
			break;
		default:
			usage_exit(usage);
		}
	}
	path = eq_datapath("types/context.schema.json");
	ctx_schema = schema_load(path);
	free(path);
	report_open(common.rejects);
	rederive_types(derived);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	finish();
	rederive_flush();
	status = stream_finish(nrecords);
	for (size_t i = 0; i < nentries; i++) {
		free(entries[i]->school_id);
		free(entries[i]);
	}
	free(entries);
	strmap_free(&seen_ctx, free);
	reduce_free(&results);
	schools_free();
	schema_free(ctx_schema);
	sb_free(&out);
	return status;
}
