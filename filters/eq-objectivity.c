/* eq-objectivity: signs of non-objective results, with their evidence, and
 * the objectivity level of each group. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence-kinds.h"
#include "objectivity.h"
#include "rederive.h"
#include "i18n.h"
#include "opt.h"

static const char usage[] = "[--by municipality|region|all] [--rejects FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Pass every record through; at the end write one objectivity record per school\n"
	"and year (its signs of non-objective results, each with its evidence) and one\n"
	"objectivity_index per group and year (100 - the percent of schools flagged).\n"
	"\n"
	"The official signs (Рособрнадзор / ФИОКО 2019):\n"
	"  mean_above_region  the 95 % CI of the school's mean primary score lies above\n"
	"                     the CI of its group's\n"
	"  marks_mismatch     Spearman's correlation of journal mark and ВПР primary\n"
	"                     score within the school is negative\n"
	"  cohort_drop/rise   K = S(grade N, Y) / S(N+1, Y+1) beyond Q3 + 3 IQR or\n"
	"                     Q1 - 3 IQR of the group's schools (S: mean percent\n"
	"                     completion)\n"
	"Extended signs (reported, not flagging): boundary_peak, hard_tasks_easier,\n"
	"not_confirmed, medalists_not_confirmed, olympiad_not_confirmed, no_observation.\n"
	"Each record has a score to rank schools to visit: evidence (признаки) of\n"
	"several kinds, each a z of how surprising the school is against what honest\n"
	"schools of its kind show (task pattern at equal sums, excess at the «3»\n"
	"boundary and low spread against schools of like mean, ВПР not confirmed by\n"
	"ОГЭ/ЕГЭ, cohort change, medals and olympiad against schools of like level),\n"
	"pooled over the year and the one before, each read against its empirical\n"
	"null, combined one-sided; the parts are listed under \"evidence\". And per\n"
	"school and procedure a task_completion record. These are signs, not\n"
	"verdicts. See eq-objectivity(1).\n"
	"\n"
	"  -b, --by G          the group: municipality, region (default) or all\n");

/* A school's year: whether it took part, and its signs. */
struct school_year {
	char *school_id;
	const char *group;
	int year;
	int flagged;
	int examined;  /* has a procedure the official signs read: counts in the index */
};
struct objectivity ob = { .results = { .detail = 1, .patterns = checked_in_school } };
static enum group_by by = BY_REGION;
static unsigned long nrecords;
static struct sbuf out;

static const char *
group_of(const char *school_id)
{
	return school_group_known(school_id, by, "results");
}

static int
by_group_proc(const void *pa, const void *pb)
{
	const struct proc_acc *a = *(struct proc_acc *const *)pa, *b = *(struct proc_acc *const *)pb;
	int c;

	if ((c = strcmp(a->group, b->group)))
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if ((c = strcmp(a->procedure, b->procedure)) || (c = strcmp(a->subject, b->subject)))
		return c;
	if (a->grade != b->grade)
		return a->grade - b->grade;
	return strcmp(a->school_id, b->school_id);
}

static int
same_run(const struct proc_acc *a, const struct proc_acc *b)
{
	return a->year == b->year && a->grade == b->grade && strcmp(a->procedure, b->procedure) == 0 &&
	       strcmp(a->subject, b->subject) == 0 && strcmp(a->group, b->group) == 0;
}

static void
run_key(struct key *k, const char *group, int year, const struct proc_acc *a, int grade)
{
	key_of(k, "sdssd", group, year, a->procedure, a->subject, grade);
}

static int
by_school_year(const void *pa, const void *pb)
{
	const struct school_year *a = pa, *b = pb;

	return by_school_then_year(a->school_id, a->year, b->school_id, b->year);
}

static int
by_group_year(const void *pa, const void *pb)
{
	const struct school_year *a = pa, *b = pb;
	int c = strcmp(a->group, b->group);

	return c ? c : a->year - b->year;
}

static int
sign_order(const void *pa, const void *pb)
{
	const struct sign *a = pa, *b = pb;
	int c = by_school_then_year(a->school_id, a->year, b->school_id, b->year);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

/* One school's year; *next walks the signs, sorted like the school-years. */
static void
emit_school(struct school_year *sy, size_t *next)
{
	int first = 1, f2 = 1;
	size_t i;

	out.len = 0;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"objectivity\"");
	jw_key(&out, &first, "school_id");
	jw_str(&out, sy->school_id, strlen(sy->school_id));
	jw_key(&out, &first, "year");
	jw_int(&out, sy->year);
	jw_key(&out, &first, "group");
	jw_str(&out, sy->group, strlen(sy->group));
	jw_key(&out, &first, "signs");
	sb_putc(&out, '[');
	for (i = *next; i < ob.nsigns && by_school_then_year(ob.signs[i].school_id, ob.signs[i].year, sy->school_id, sy->year) == 0; i++) {
		const struct sign *g = &ob.signs[i];

		if (!f2)
			sb_putc(&out, ',');
		f2 = 0;
		sb_putn(&out, g->json, strlen(g->json) - 1); /* the sign's evidence */
		sb_puts(&out, ",\"strength\":");
		jw_num(&out, g->e);
		sb_putc(&out, '}');
		if (g->kind < OFFICIAL)
			sy->flagged = 1; /* the official signs flag; the extended inform */
	}
	*next = i;
	sb_putc(&out, ']');
	jw_key(&out, &first, "flagged");
	sb_puts(&out, sy->flagged ? "true" : "false");
	evidence_put(&out, sy->school_id, sy->year);
	sb_puts(&out, "}\n");
	rederive_mark(out.s, out.len);
	fwrite(out.s, 1, out.len, stdout);
}

static void
put_index(const struct school_year *sy, size_t n)
{
	size_t flagged = 0;
	int first = 1;

	for (size_t i = 0; i < n; i++)
		flagged += sy[i].flagged;
	out.len = 0;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"objectivity_index\"");
	jw_key(&out, &first, "group");
	jw_str(&out, sy->group, strlen(sy->group));
	jw_key(&out, &first, "year");
	jw_int(&out, sy->year);
	jw_key(&out, &first, "schools");
	jw_int(&out, (long long)n);
	jw_key(&out, &first, "flagged");
	jw_int(&out, (long long)flagged);
	jw_key(&out, &first, "index");
	jw_num(&out, 100 - 100.0 * (double)flagged / (double)n);
	sb_puts(&out, "}\n");
	rederive_mark(out.s, out.len);
	fwrite(out.s, 1, out.len, stdout);
}

/* The signs that read one procedure of one group, and the cohort that goes on
 * from it (found by key: the runs are indexed once, not searched). */
static void
read_runs(struct proc_acc **v, size_t n)
{
	struct strmap starts = { 0 }, done = { 0 };
	size_t *at = emalloc((n ? n : 1) * sizeof *at), i, j;
	struct key key;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && same_run(v[i], v[j]); j++)
			;
		at[i] = j - i;
		run_key(&key, v[i]->group, v[i]->year, v[i], v[i]->grade);
		strmap_put(&starts, key.s, key.n, &at[i]);
		key_free(&key);
	}
	for (i = 0; i < n; i += at[i]) {
		struct run r = { v + i, at[i] };
		struct tasks t = run_tasks(r);
		const size_t *next;

		put_task_completions(r, &t);
		evidence_runs(r, &t);
		if (proclist_has(&ob.examined, v[i]->procedure, v[i]->subject, v[i]->grade)) {
			sign_mean_above_region(r);
			sign_marks_mismatch(r);
			sign_boundary_peak(r);
			sign_hard_tasks(r, &t);
			collect_z(r);
			for (j = 0; j < r.n; j++)
				sign_no_observation(r.v[j], &done);
		}
		free(t.max);
		free(t.region);
		if (!proclist_has(&ob.cohorts, v[i]->procedure, v[i]->subject, v[i]->grade))
			continue;
		run_key(&key, v[i]->group, v[i]->year + 1, v[i], v[i]->grade + 1);
		next = strmap_get(&starts, key.s, key.n);
		key_free(&key);
		if (next)
			sign_cohort(r, (struct run){ v + (next - at), *next });
	}
	strmap_free(&starts, NULL);
	strmap_free(&done, NULL);
	free(at);
}

static void
finish(void)
{
	struct proc_acc **v = ob.results.v;
	size_t n = ob.results.n, i, j, nsy = 0;
	struct school_year *sy;

	for (i = 0; i < n; i++)
		v[i]->group = group_of(v[i]->school_id);
	if (n)
		qsort(v, n, sizeof *v, by_group_proc);
	read_runs(v, n);
	signs_not_confirmed();
	signs_medalists();
	signs_olympiad();
	evidence_finish();
	/* every school and year with an examined procedure or a sign, once */
	sy = emalloc((n + ob.nsigns + 1) * sizeof *sy);
	for (i = 0; i < ob.nsigns; i++)
		sy[nsy++] = (struct school_year){ ob.signs[i].school_id, group_of(ob.signs[i].school_id), ob.signs[i].year, 0, 0 };
	/* and every school and year with results: its evidence is ranked too,
	 * but only the examined count in the objectivity level */
	for (i = 0; i < n; i++)
		sy[nsy++] = (struct school_year){ v[i]->school_id, v[i]->group, v[i]->year, 0,
			proclist_has(&ob.examined, v[i]->procedure, v[i]->subject, v[i]->grade) ||
			proclist_has(&ob.cohorts, v[i]->procedure, v[i]->subject, v[i]->grade - 1) };
	if (nsy)
		qsort(sy, nsy, sizeof *sy, by_school_year);
	for (i = j = 0; i < nsy; i++)
		if (j == 0 || by_school_year(&sy[j - 1], &sy[i]) != 0)
			sy[j++] = sy[i];
		else
			sy[j - 1].examined |= sy[i].examined;
	nsy = j;
	if (ob.nsigns)
		qsort(ob.signs, ob.nsigns, sizeof *ob.signs, sign_order);
	for (i = 0, j = 0; i < nsy; i++)
		emit_school(&sy[i], &j);
	rederive_mark(ob.completions.s, ob.completions.len);
	fwrite(ob.completions.s, 1, ob.completions.len, stdout);
	/* the objectivity level: 100 - percent of the examined schools flagged */
	for (i = j = 0; i < nsy; i++)
		if (sy[i].examined)
			sy[j++] = sy[i];
	nsy = j;
	if (nsy)
		qsort(sy, nsy, sizeof *sy, by_group_year);
	for (i = 0; i < nsy; i = j) {
		for (j = i; j < nsy && sy[j].year == sy[i].year && strcmp(sy[j].group, sy[i].group) == 0; j++)
			;
		put_index(sy + i, j - i);
	}
	free(sy);
}

static void
free_all(void)
{
	for (size_t i = 0; i < ob.nsigns; i++) {
		free(ob.signs[i].school_id);
		free(ob.signs[i].json);
	}
	free(ob.signs);
	for (size_t i = 0; i < ob.nconfirm; i++) {
		free(ob.confirmv[i]->school_id);
		free(ob.confirmv[i]);
	}
	free(ob.confirmv);
	strmap_free(&ob.confirms, NULL);
	for (size_t i = 0; i < ob.nmedalists; i++) {
		free(ob.medalists[i].school_id);
		free(ob.medalists[i].student_id);
	}
	free(ob.medalists);
	for (size_t i = 0; i < ob.nolympians; i++) {
		free(ob.olympians[i].school_id);
		free(ob.olympians[i].student_id);
		free(ob.olympians[i].subject);
	}
	free(ob.olympians);
	free(ob.medal_tally);
	free(ob.olympiad_tally);
	strmap_free(&ob.ege, free);
	strmap_free(&ob.municipal_stage, free);
	strmap_free(&ob.observation, NULL);
	strmap_free(&ob.task_maxima, free);
	strmap_free(&ob.examined, NULL);
	strmap_free(&ob.cohorts, NULL);
	evidence_free();
	reduce_free(&ob.results);
	schools_free();
	sb_free(&out);
	sb_free(&ob.completions);
}

int
main(int argc, char *argv[])
{
	static const char *const derived[] = { "objectivity", "objectivity_index", "task_completion", NULL };
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	int c, status;

	argv[0] = (char *)(argv0 = "eq-objectivity"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "b:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		if (c == 'b') {
			if (group_by_parse(optarg, &by) < 0)
				die(EQ_USAGE, "--by: expected municipality, region or all, got \"%s\"", optarg);
		} else {
			usage_exit(usage);
		}
	}
	dict_load();
	scales_load();
	proclist_load(&ob.examined, "ref/objectivity_procedures.tsv", 0);
	proclist_load(&ob.cohorts, "ref/cohorts.tsv", 0);
	objectivity_schemas(); /* loaded before any input */
	dict_load();
	scales_load();
	EQ_FUZZ_START();
	report_open(common.rejects);
	rederive_types(derived);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, objectivity_take);
	finish();
	rederive_flush();
	status = stream_finish(nrecords);
	free_all();
	return status;
}
