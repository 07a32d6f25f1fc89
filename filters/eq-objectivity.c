/* eq-objectivity: signs of non-objective results, with their evidence, and
 * the objectivity level of each group. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "opt.h"
#include "proclist.h"
#include "rectype.h"
#include "reduce.h"
#include "report.h"
#include "scales.h"
#include "schools.h"
#include "stats.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

static const char usage[] = "[--by municipality|region|all] [--rejects FILE] [FILE...]";
static const char help[] =
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
	"Each record has a score (the signs' strengths added up, a high mean weighed by\n"
	"how far ОГЭ/ЕГЭ fail to confirm it) to rank schools to visit; and per school\n"
	"and procedure a task_completion record. These are signs (признаки), not\n"
	"verdicts. See eq-objectivity(1).\n"
	"\n"
	"  -b, --by G          the group: municipality, region (default) or all\n"
	COMMON_HELP;

#define LIMITED_N 20      /* ФИОКО: a distribution of fewer is of limited use */
#define MIN_GROUP 10      /* a sign that reads a distribution of schools needs as many */

/* The signs; the official come first: only they flag. */
enum sign_kind { MEAN_ABOVE, MARKS_MISMATCH, COHORT, OFFICIAL,
	BOUNDARY_PEAK = OFFICIAL, HARD_TASKS, NOT_CONFIRMED, MEDALISTS, OLYMPIAD, NO_OBSERVATION, NKINDS };

/* A sign found: the JSON of its evidence, and its strength e, a z-like
 * number (how far beyond chance) that the score adds up. */
struct sign {
	char *school_id;
	int year;
	enum sign_kind kind;
	double e;
	size_t order;   /* as found: the order of a school's signs */
	char *json;
};

/* A school's year: whether it took part, and its signs. */
struct school_year {
	char *school_id;
	const char *group;
	int year;
	int flagged;
	int examined;  /* has a procedure the official signs read: counts in the index */
};

static struct reduce results = { .detail = 1 };
static struct strmap examined, cohorts;
static struct sign *signs;
static size_t nsigns;
static enum group_by by = BY_REGION;
static unsigned long nrecords;
static struct sbuf out;

static const char *
group_of(const char *school_id)
{
	return school_group_known(school_id, by, "results");
}

/* ЕГЭ test scores per pupil and year, for the medal rule: the russian score
 * and the best other subject. Only ЕГЭ participants are kept (16 B and a key
 * each), since medalist records may come before or after their results. */
struct ege_best {
	double russian, other;
};
static struct strmap ege;

struct medalist {
	char *school_id, *student_id;
	int year, medal;
};
static struct medalist *medalists;
static size_t nmedalists;

/* School-stage winners and prize-winners; municipal-stage scores by pupil,
 * subject and year. */
struct olympian {
	char *school_id, *student_id, *subject;
	int year;
};
static struct olympian *olympians;
static size_t nolympians;
static struct strmap municipal_stage;

/* Procedures of a school-year under public observation or video. */
static struct strmap observed;
static struct strmap observed_years;

/* Task maxima of task_scheme records, by year, procedure, subject, grade. */
static struct strmap task_maxima;

/* The best ЕГЭ scores of a pupil (an ЕГЭ result reduce_result accepted). */
static void
take_ege(const char *line, size_t len)
{
	static const char *const names[] = { "year", "subject", "student_id", "test_score", "procedure" };
	static struct sbuf tmp;
	struct jfield f[5];
	struct key key;
	const char *student;
	size_t n;
	double year, score;
	struct ege_best *b;

	if (rec_fields(line, len, names, 5, f) < 0 || f[4].kind != 's' || f[4].n != 3 ||
	    memcmp(f[4].p, "EGE", 3) != 0 || jfield_num(&f[0], &year) < 0 ||
	    jfield_text(&f[2], &tmp, &student, &n) < 0 || jfield_num(&f[3], &score) < 0)
		return; /* no pupil or no test score: nothing for the medal rule */
	key_of(&key, "Sd", student, n, (int)year);
	if (!(b = strmap_get(&ege, key.s, key.n))) {
		b = ecalloc(1, sizeof *b);
		b->russian = b->other = -1;
		strmap_put(&ege, key.s, key.n, b);
	}
	key_free(&key);
	if (f[1].kind == 's' && f[1].n == 7 && memcmp(f[1].p, "russian", 7) == 0) {
		if (score > b->russian)
			b->russian = score;
	} else if (score > b->other) {
		b->other = score;
	}
}

static void
take_medalist(const json_t *rec)
{
	json_t *m = json_object_get(rec, "medal");
	int medal = json_is_integer(m) ? (int)json_integer_value(m) : 0; /* none: the second's rule */

	medalists = erealloc(medalists, (nmedalists + 1) * sizeof *medalists);
	medalists[nmedalists++] = (struct medalist){ estrdup(jstr(rec, "school_id")),
		estrdup(jstr(rec, "student_id")), jint(rec, "year"), medal };
}

static void
take_olympiad(const json_t *rec)
{
	const char *stage = jstr(rec, "stage"), *status = jstr(rec, "status");
	double max = jnum(rec, "max_score");
	struct key key;

	if (strcmp(stage, "school") == 0 && (strcmp(status, "winner") == 0 || strcmp(status, "prizer") == 0)) {
		olympians = erealloc(olympians, (nolympians + 1) * sizeof *olympians);
		olympians[nolympians++] = (struct olympian){ estrdup(jstr(rec, "school_id")),
			estrdup(jstr(rec, "student_id")), estrdup(jstr(rec, "subject")), jint(rec, "year") };
	} else if (strcmp(stage, "municipal") == 0 && max > 0) {
		double *share = emalloc(sizeof *share), *old;
		*share = jnum(rec, "score") / max;
		key_of(&key, "ssd", jstr(rec, "student_id"), jstr(rec, "subject"), jint(rec, "year"));
		if ((old = strmap_get(&municipal_stage, key.s, key.n)) && *old > *share)
			*share = *old;
		free(old);
		strmap_put(&municipal_stage, key.s, key.n, share);
		key_free(&key);
	}
}

static void
take_observation(const json_t *rec)
{
	struct key key;

	key_of(&key, "d", jint(rec, "year"));
	strmap_put(&observed_years, key.s, key.n, &observed_years);
	key_free(&key);
	if (jint(rec, "public_observers") == 1 || jint(rec, "video") == 1) {
		key_of(&key, "sds", jstr(rec, "school_id"), jint(rec, "year"), jstr(rec, "procedure"));
		strmap_put(&observed, key.s, key.n, &observed);
		key_free(&key);
	}
}

static void
take_task_scheme(const json_t *rec)
{
	json_t *max = json_object_get(rec, "max");
	struct key key;
	double *v;
	size_t i, n;

	if ((n = json_array_size(max)) == 0)
		return;
	v = emalloc((n + 1) * sizeof *v);
	v[0] = (double)n;
	for (i = 0; i < n; i++)
		v[i + 1] = json_number_value(json_array_get(max, i)); /* null: 0, unknown */
	key_of(&key, "dssd", jint(rec, "year"), jstr(rec, "procedure"), jstr(rec, "subject"),
	       jint(rec, "grade"));
	free(strmap_get(&task_maxima, key.s, key.n));
	strmap_put(&task_maxima, key.s, key.n, v);
	key_free(&key);
}

/* Records of the types read whole: parsed, checked against their schema
 * (a record that is not valid is rejected with its position, never skipped),
 * then taken. */
static const struct {
	const char *type;
	void (*take)(const json_t *rec);
} whole[] = {
	{ "medalist", take_medalist },
	{ "olympiad", take_olympiad },
	{ "observation", take_observation },
	{ "task_scheme", take_task_scheme },
};

static int
take(const struct record *r)
{
	const char *why;
	char err[600];

	if (!r->type)
		return 0;
	if (type_is(r->type, r->tlen, "result")) {
		if (reduce_result(&results, r->line, r->len, &why) < 0) {
			reject_line(r->file, r->lineno, r->line, r->len, 1, "result: %s", why);
			return -1;
		}
		if (memmem(r->line, r->len, "\"EGE\"", 5))
			take_ege(r->line, r->len);
		return 0;
	}
	if (type_is(r->type, r->tlen, "school"))
		return schools_take(r);
	for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
		json_t *rec;

		if (!type_is(r->type, r->tlen, whole[i].type))
			continue;
		if (!(rec = json_parse_line(r->line, r->len, err, sizeof err)) ||
		    type_validate(whole[i].type, rec, err, sizeof err) < 0) {
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s: %s", whole[i].type, err);
			json_decref(rec);
			return -1;
		}
		whole[i].take(rec);
		json_decref(rec);
		return 0;
	}
	return 0;
}

static void
add_sign(const char *school_id, int year, enum sign_kind kind, double e, struct sbuf *b)
{
	sb_putc(b, '\0');
	signs = erealloc(signs, (nsigns + 1) * sizeof *signs);
	signs[nsigns] = (struct sign){ estrdup(school_id), year, kind, e, nsigns, estrdup(b->s) };
	nsigns++;
	b->len = 0;
}

static void
put_proc(struct sbuf *b, int *first, const struct proc_acc *a)
{
	jw_key(b, first, "procedure");
	jw_str(b, a->procedure, strlen(a->procedure));
	jw_key(b, first, "subject");
	jw_str(b, a->subject, strlen(a->subject));
	jw_key(b, first, "grade");
	jw_int(b, a->grade);
}

static void
put_pair(struct sbuf *b, double x, double y)
{
	sb_putc(b, '[');
	jw_num(b, x);
	sb_putc(b, ',');
	jw_num(b, y);
	sb_putc(b, ']');
}

/* Accumulators of one procedure in one group (of v sorted by procedure). */
struct run {
	struct proc_acc **v;
	size_t n;
};

/* Sign 1: the school's CI above its group's. */
static void
sign_mean_above_region(struct run r)
{
	double n = 0, sum = 0, sumsq = 0, glo, ghi, lo, hi;
	struct sbuf b = { 0 };

	for (size_t i = 0; i < r.n; i++)
		n += r.v[i]->n_score, sum += r.v[i]->sum, sumsq += r.v[i]->sumsq;
	if (ci95(n, sum, sumsq, &glo, &ghi) < 0)
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		int first = 1;

		if (ci95(a->n_score, a->sum, a->sumsq, &lo, &hi) < 0 || !(lo > ghi))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"mean_above_region\"");
		put_proc(&b, &first, a);
		jw_key(&b, &first, "n");
		jw_num(&b, a->n_score);
		jw_key(&b, &first, "mean");
		jw_num(&b, a->sum / a->n_score);
		jw_key(&b, &first, "school_ci");
		put_pair(&b, lo, hi);
		jw_key(&b, &first, "region_n");
		jw_num(&b, n);
		jw_key(&b, &first, "region_mean");
		jw_num(&b, sum / n);
		jw_key(&b, &first, "region_ci");
		put_pair(&b, glo, ghi);
		jw_key(&b, &first, "limited");
		sb_puts(&b, a->n_score < LIMITED_N ? "true" : "false");
		sb_putc(&b, '}');
		/* strength: the school's standard errors between the two intervals */
		add_sign(a->school_id, a->year, MEAN_ABOVE, (lo - ghi) / ((hi - lo) / (2 * 1.96)), &b);
	}
	sb_free(&b);
}

/* Sign 2: journal marks against ВПР, within each school. */
static void
sign_marks_mismatch(struct run r)
{
	const struct scale *sc;
	struct sbuf b = { 0 };

	if (strcmp(r.v[0]->procedure, "VPR") != 0)
		return;
	sc = scale_find(r.v[0]->year, r.v[0]->procedure, r.v[0]->subject, r.v[0]->grade);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		const struct proc_detail *d = a->d;
		double rho, lowered = 0, confirmed = 0, raised = 0, gap2 = 0, nj;
		int first = 1;

		if (!d || d->n_journal < 2 || spearman_table(d->joint, 4, d->nbins, &rho) < 0 || !(rho < 0))
			continue;
		nj = d->n_journal;
		for (size_t m = 0; sc && m < 4; m++)
			for (size_t s = 0; s < d->nbins; s++) {
				double c = d->joint[m * d->nbins + s];
				int vpr = scale_mark(sc, (double)s), journal = (int)m + 2;
				if (!c)
					continue;
				if (vpr < journal)
					lowered += c;
				else if (vpr == journal)
					confirmed += c;
				else
					raised += c;
				if (abs(vpr - journal) >= 2)
					gap2 += c;
			}
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"marks_mismatch\"");
		put_proc(&b, &first, a);
		jw_key(&b, &first, "n");
		jw_num(&b, nj);
		jw_key(&b, &first, "r");
		jw_num(&b, rho);
		if (sc) { /* понизили / подтвердили / повысили: the ВПР mark against the journal */
			jw_key(&b, &first, "lowered");
			jw_num(&b, lowered / nj);
			jw_key(&b, &first, "confirmed");
			jw_num(&b, confirmed / nj);
			jw_key(&b, &first, "raised");
			jw_num(&b, raised / nj);
			jw_key(&b, &first, "gap2");
			jw_num(&b, gap2 / nj);
		}
		jw_key(&b, &first, "limited");
		sb_puts(&b, nj < LIMITED_N ? "true" : "false");
		sb_putc(&b, '}');
		/* strength: rho's z under independence, -r sqrt(n - 1) */
		add_sign(a->school_id, a->year, MARKS_MISMATCH, -rho * sqrt(nj - 1), &b);
	}
	sb_free(&b);
}

/* Extended sign: a peak at the «3» boundary with a dip just below it, beyond
 * what the region's distribution predicts (binomial z-scores). */
#define PEAK_Z 2.33   /* one-sided 1 % */
#define DIP_Z 1.64    /* one-sided 5 % */
static void
sign_boundary_peak(struct run r)
{
	const struct scale *sc = scale_find(r.v[0]->year, r.v[0]->procedure, r.v[0]->subject, r.v[0]->grade);
	double N = 0, at = 0, below = 0, pb, pl;
	size_t b;
	struct sbuf out1 = { 0 };

	if (!sc)
		return;
	b = (size_t)sc->min3;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		if (!d)
			continue;
		for (size_t s = 0; s < d->nbins; s++) {
			N += d->hist[s];
			at += s == b ? d->hist[s] : 0;
			below += s + 3 >= b && s < b ? d->hist[s] : 0;
		}
	}
	if (N < 1)
		return;
	pb = at / N, pl = below / N;
	if (pb <= 0 || pb >= 1 || pl <= 0 || pl >= 1)
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		const struct proc_detail *d = a->d;
		double n = a->n_score, x = 0, y = 0, zp, zd;
		int first = 1;

		if (!d || n < MIN_GROUP)
			continue;
		for (size_t s = 0; s < d->nbins; s++) {
			x += s == b ? d->hist[s] : 0;
			y += s + 3 >= b && s < b ? d->hist[s] : 0;
		}
		zp = (x - n * pb) / sqrt(n * pb * (1 - pb));
		zd = (n * pl - y) / sqrt(n * pl * (1 - pl));
		if (!(zp > PEAK_Z && zd > DIP_Z))
			continue;
		sb_putc(&out1, '{');
		jw_key(&out1, &first, "sign");
		sb_puts(&out1, "\"boundary_peak\"");
		put_proc(&out1, &first, a);
		jw_key(&out1, &first, "extended");
		sb_puts(&out1, "true");
		jw_key(&out1, &first, "n");
		jw_num(&out1, n);
		jw_key(&out1, &first, "boundary");
		jw_int(&out1, (long long)b);
		jw_key(&out1, &first, "share_at");
		jw_num(&out1, x / n);
		jw_key(&out1, &first, "region_share_at");
		jw_num(&out1, pb);
		jw_key(&out1, &first, "share_below");
		jw_num(&out1, y / n);
		jw_key(&out1, &first, "region_share_below");
		jw_num(&out1, pl);
		jw_key(&out1, &first, "z_peak");
		jw_num(&out1, zp);
		jw_key(&out1, &first, "z_dip");
		jw_num(&out1, zd);
		sb_putc(&out1, '}');
		add_sign(a->school_id, a->year, BOUNDARY_PEAK, zp < zd ? zp : zd, &out1);
	}
	sb_free(&out1);
}

/* Per-task completion: the maxima of the run's task_scheme, else the most
 * points any pupil of the group got on the task. */
struct tasks {
	size_t n;
	double *max, *region;  /* region: share of the maximum won, or -1 */
};

static struct tasks
run_tasks(struct run r)
{
	struct tasks t = { 0 };
	const struct proc_acc *a0 = r.v[0];
	const double *scheme;
	double *sum, *cnt;
	struct key key;

	for (size_t i = 0; i < r.n; i++)
		if (r.v[i]->d && r.v[i]->d->ntasks > t.n)
			t.n = r.v[i]->d->ntasks;
	if (!t.n)
		return t;
	t.max = ecalloc(t.n, sizeof *t.max);
	t.region = emalloc(t.n * sizeof *t.region);
	sum = ecalloc(t.n, sizeof *sum);
	cnt = ecalloc(t.n, sizeof *cnt);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		for (size_t j = 0; d && j < d->ntasks; j++) {
			sum[j] += d->task_sum[j], cnt[j] += d->task_n[j];
			if (d->task_max[j] > t.max[j])
				t.max[j] = d->task_max[j];
		}
	}
	key_of(&key, "dssd", a0->year, a0->procedure, a0->subject, a0->grade);
	scheme = strmap_get(&task_maxima, key.s, key.n);
	key_free(&key);
	if (scheme)
		for (size_t j = 0; j < t.n && j < (size_t)scheme[0]; j++)
			if (scheme[j + 1] > 0)
				t.max[j] = scheme[j + 1];
	while (t.n && cnt[t.n - 1] == 0) /* the reducer's spare room */
		t.n--;
	for (size_t j = 0; j < t.n; j++)
		t.region[j] = cnt[j] > 0 && t.max[j] > 0 ? sum[j] / (cnt[j] * t.max[j]) : -1;
	free(sum);
	free(cnt);
	return t;
}

static double
task_share(const struct proc_detail *d, const struct tasks *t, size_t j)
{
	return j < d->ntasks && d->task_n[j] > 0 && t->max[j] > 0 ? d->task_sum[j] / (d->task_n[j] * t->max[j]) : -1;
}

/* task_completion: each school's share of the maximum won, task by task,
 * beside the group's (what eq-recommend names the weakest tasks from), to
 * four places: a hundredth of a percent is more than a reader uses. */
static struct sbuf completions;

static void
put_task_completions(struct run r, const struct tasks *t)
{
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		int first = 1;

		if (!a->d || !a->d->ntasks)
			continue;
		sb_putc(&completions, '{');
		jw_key(&completions, &first, "type");
		sb_puts(&completions, "\"task_completion\"");
		jw_key(&completions, &first, "school_id");
		jw_str(&completions, a->school_id, strlen(a->school_id));
		jw_key(&completions, &first, "year");
		jw_int(&completions, a->year);
		put_proc(&completions, &first, a);
		jw_key(&completions, &first, "group");
		jw_str(&completions, a->group, strlen(a->group));
		jw_key(&completions, &first, "n");
		jw_num(&completions, a->n_score);
		jw_key(&completions, &first, "max");
		sb_putc(&completions, '[');
		for (size_t j = 0; j < t->n; j++) {
			if (j)
				sb_putc(&completions, ',');
			jw_num(&completions, t->max[j]);
		}
		sb_puts(&completions, "],\"school\":[");
		for (size_t j = 0; j < t->n; j++) {
			double c = task_share(a->d, t, j);
			if (j)
				sb_putc(&completions, ',');
			if (c < 0)
				sb_puts(&completions, "null");
			else
				jw_num(&completions, round(c * 1e4) / 1e4);
		}
		sb_puts(&completions, "],\"region\":[");
		for (size_t j = 0; j < t->n; j++) {
			if (j)
				sb_putc(&completions, ',');
			if (t->region[j] < 0)
				sb_puts(&completions, "null");
			else
				jw_num(&completions, round(t->region[j] * 1e4) / 1e4);
		}
		sb_puts(&completions, "]}\n");
	}
}

static double
logit(double p, double n)
{
	double lo = 0.5 / n; /* keep 0 and 1 finite: half a pupil from the edge */

	p = p < lo ? lo : p > 1 - lo ? 1 - lo : p;
	return log(p / (1 - p));
}

static int
by_region_share(const void *pa, const void *pb, void *ctx)
{
	const double *share = ctx;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return share[a] < share[b] ? -1 : share[a] > share[b] ? 1 : (a > b) - (a < b);
}

/* Extended sign: the group's hardest third of the tasks done better, beyond
 * what the school's easiest third predicts. In logits, a school's own level
 * shifts all tasks alike; the hard tasks' shift minus the easy tasks' is
 * tested against its standard error, bounded by 1 / sqrt(n p (1 - p)) for a
 * mean of n pupils' shares (whatever the tasks' correlation within a pupil). */
#define HARD_Z 3.09       /* one-sided 0.1 % */
#define HARD_LOGIT 1.0    /* and a difference of at least one logit */
static void
sign_hard_tasks(struct run r, const struct tasks *t)
{
	size_t *idx, nv = 0, k;
	double hs = 0, hm = 0, es = 0, em = 0, pH, pE;
	struct sbuf b = { 0 };

	if (t->n < 6)
		return;
	idx = emalloc(t->n * sizeof *idx);
	for (size_t j = 0; j < t->n; j++)
		if (t->region[j] >= 0)
			idx[nv++] = j;
	if (nv < 6) {
		free(idx);
		return;
	}
	qsort_r(idx, nv, sizeof *idx, by_region_share, t->region);
	k = nv / 3;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		for (size_t q = 0; d && q < k; q++) {
			size_t h = idx[q], e = idx[nv - 1 - q];
			if (h < d->ntasks)
				hs += d->task_sum[h], hm += d->task_n[h] * t->max[h];
			if (e < d->ntasks)
				es += d->task_sum[e], em += d->task_n[e] * t->max[e];
		}
	}
	if (!(hm > 0 && em > 0)) {
		free(idx);
		return;
	}
	pH = hs / hm, pE = es / em;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		const struct proc_detail *d = a->d;
		double shs = 0, shm = 0, ses = 0, sem = 0, sH, sE, n = a->n_score, diff, se, z;
		int first = 1;

		if (!d || n < MIN_GROUP)
			continue;
		for (size_t q = 0; q < k; q++) {
			size_t h = idx[q], e = idx[nv - 1 - q];
			if (h < d->ntasks)
				shs += d->task_sum[h], shm += d->task_n[h] * t->max[h];
			if (e < d->ntasks)
				ses += d->task_sum[e], sem += d->task_n[e] * t->max[e];
		}
		if (!(shm > 0 && sem > 0))
			continue;
		sH = shs / shm, sE = ses / sem;
		if (!(sH > pH))
			continue;
		diff = (logit(sH, n) - logit(pH, n)) - (logit(sE, n) - logit(pE, n));
		se = sqrt(1 / (n * pH * (1 - pH)) + 1 / (n * pE * (1 - pE)));
		z = diff / se;
		if (!(z > HARD_Z && diff > HARD_LOGIT))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"hard_tasks_easier\"");
		put_proc(&b, &first, a);
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "n");
		jw_num(&b, n);
		jw_key(&b, &first, "hard_tasks");
		sb_putc(&b, '[');
		for (size_t q = 0; q < k; q++) {
			if (q)
				sb_putc(&b, ',');
			jw_int(&b, (long long)idx[q] + 1);
		}
		sb_putc(&b, ']');
		jw_key(&b, &first, "easy_tasks");
		sb_putc(&b, '[');
		for (size_t q = 0; q < k; q++) {
			if (q)
				sb_putc(&b, ',');
			jw_int(&b, (long long)idx[nv - 1 - q] + 1);
		}
		sb_putc(&b, ']');
		jw_key(&b, &first, "hard_school");
		jw_num(&b, sH);
		jw_key(&b, &first, "hard_region");
		jw_num(&b, pH);
		jw_key(&b, &first, "easy_school");
		jw_num(&b, sE);
		jw_key(&b, &first, "easy_region");
		jw_num(&b, pE);
		jw_key(&b, &first, "logit_gap");
		jw_num(&b, diff);
		jw_key(&b, &first, "z");
		jw_num(&b, z);
		sb_putc(&b, '}');
		add_sign(a->school_id, a->year, HARD_TASKS, z, &b);
	}
	sb_free(&b);
	free(idx);
}

/* z of each school's mean among its group's school means, summed per school
 * and year for ВПР and for ОГЭ/ЕГЭ (checked outside the school). */
struct confirm {
	char *school_id;
	int year;
	double zv, nv, ze, ne;
};
static struct strmap confirms;
static struct confirm **confirmv;
static size_t nconfirm;

static void
collect_z(struct run r)
{
	double mean = 0, ss = 0, sd;
	size_t m = 0;
	int vpr = strcmp(r.v[0]->procedure, "VPR") == 0;
	int external = strcmp(r.v[0]->procedure, "OGE") == 0 || strcmp(r.v[0]->procedure, "EGE") == 0;

	if (!vpr && !external)
		return;
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i]->n_score > 0)
			mean += r.v[i]->sum / r.v[i]->n_score, m++;
	if (m < MIN_GROUP)
		return;
	mean /= (double)m;
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i]->n_score > 0) {
			double d = r.v[i]->sum / r.v[i]->n_score - mean;
			ss += d * d;
		}
	if (!((sd = sqrt(ss / (double)(m - 1))) > 0))
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		struct key key;
		struct confirm *c;

		if (a->n_score <= 0)
			continue;
		key_of(&key, "sd", a->school_id, a->year);
		if (!(c = strmap_get(&confirms, key.s, key.n))) {
			c = ecalloc(1, sizeof *c);
			c->school_id = estrdup(a->school_id);
			c->year = a->year;
			strmap_put(&confirms, key.s, key.n, c);
			confirmv = erealloc(confirmv, (nconfirm + 1) * sizeof *confirmv);
			confirmv[nconfirm++] = c;
		}
		if (vpr)
			c->zv += (a->sum / a->n_score - mean) / sd, c->nv++;
		else
			c->ze += (a->sum / a->n_score - mean) / sd, c->ne++;
		key_free(&key);
	}
}

/* Extended sign: ВПР well above what the school's ОГЭ/ЕГЭ confirm. */
#define CONFIRM_GAP 1.5
#define CONFIRM_VPR 0.5
static void
signs_not_confirmed(void)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < nconfirm; i++) {
		const struct confirm *c = confirmv[i];
		double zv, ze;
		int first = 1;

		if (c->nv < 1 || c->ne < 1)
			continue;
		zv = c->zv / c->nv, ze = c->ze / c->ne;
		if (!(zv - ze > CONFIRM_GAP && zv > CONFIRM_VPR))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"not_confirmed\"");
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "vpr_z");
		jw_num(&b, zv);
		jw_key(&b, &first, "vpr_procedures");
		jw_num(&b, c->nv);
		jw_key(&b, &first, "external_z");
		jw_num(&b, ze);
		jw_key(&b, &first, "external_procedures");
		jw_num(&b, c->ne);
		jw_key(&b, &first, "gap");
		jw_num(&b, zv - ze);
		sb_putc(&b, '}');
		add_sign(c->school_id, c->year, NOT_CONFIRMED, 2 * (zv - ze), &b);
	}
	sb_free(&b);
}

static int
by_school_then_year(const char *sa, int ya, const char *sb, int yb)
{
	int c = strcmp(sa, sb);

	return c ? c : (ya > yb) - (ya < yb);
}

static int
medalist_order(const void *pa, const void *pb)
{
	const struct medalist *a = pa, *b = pb;

	return by_school_then_year(a->school_id, a->year, b->school_id, b->year);
}

/* Extended sign: medalists whose ЕГЭ of the same year misses the medal rule
 * (since 2023: русский язык and another subject at 70 or more for the first
 * degree, 60 for the second; no degree given: the second's rule). Medalists
 * with no ЕГЭ test score are counted apart, not as misses. */
#define MEDAL_MIN_MISSED 2
#define MEDAL_SHARE 0.5
static void
signs_medalists(void)
{
	struct sbuf b = { 0 };
	size_t i, j;

	if (nmedalists)
		qsort(medalists, nmedalists, sizeof *medalists, medalist_order);
	for (i = 0; i < nmedalists; i = j) {
		double checked = 0, missed = 0, unknown = 0;
		int first = 1;

		for (j = i; j < nmedalists && medalist_order(&medalists[i], &medalists[j]) == 0; j++) {
			struct key key;
			const struct ege_best *e;

			key_of(&key, "sd", medalists[j].student_id, medalists[j].year);
			e = strmap_get(&ege, key.s, key.n);
			key_free(&key);
			double need = medalists[j].medal == 1 ? 70 : 60;

			if (!e || e->russian < 0 || e->other < 0) {
				unknown++;
				continue;
			}
			checked++;
			missed += e->russian < need || e->other < need;
		}
		if (!(missed >= MEDAL_MIN_MISSED && missed >= MEDAL_SHARE * checked))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"medalists_not_confirmed\"");
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "medalists");
		jw_int(&b, (long long)(j - i));
		jw_key(&b, &first, "checked");
		jw_num(&b, checked);
		jw_key(&b, &first, "not_confirmed");
		jw_num(&b, missed);
		jw_key(&b, &first, "share");
		jw_num(&b, missed / checked);
		jw_key(&b, &first, "without_ege");
		jw_num(&b, unknown);
		sb_putc(&b, '}');
		add_sign(medalists[i].school_id, medalists[i].year, MEDALISTS, 4 * missed / checked, &b);
	}
	sb_free(&b);
}

static int
olympian_order(const void *pa, const void *pb)
{
	const struct olympian *a = pa, *b = pb;

	return by_school_then_year(a->school_id, a->year, b->school_id, b->year);
}

/* Extended sign: school-stage winners and prize-winners who scored below half
 * the maximum at the municipal stage of the same subject and year. Those with
 * no municipal result are not counted (they may not have been invited). */
#define OLYMP_MIN_CHECKED 3
#define OLYMP_SHARE 0.5
static void
signs_olympiad(void)
{
	struct sbuf b = { 0 };
	size_t i, j;

	if (nolympians)
		qsort(olympians, nolympians, sizeof *olympians, olympian_order);
	for (i = 0; i < nolympians; i = j) {
		double checked = 0, below = 0;
		int first = 1;

		for (j = i; j < nolympians && olympian_order(&olympians[i], &olympians[j]) == 0; j++) {
			struct key key;
			const double *share;

			key_of(&key, "ssd", olympians[j].student_id, olympians[j].subject, olympians[j].year);
			share = strmap_get(&municipal_stage, key.s, key.n);
			key_free(&key);

			if (share)
				checked++, below += *share < 0.5;
		}
		if (!(checked >= OLYMP_MIN_CHECKED && below > OLYMP_SHARE * checked))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"olympiad_not_confirmed\"");
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "school_stage_awarded");
		jw_int(&b, (long long)(j - i));
		jw_key(&b, &first, "at_municipal_stage");
		jw_num(&b, checked);
		jw_key(&b, &first, "below_half");
		jw_num(&b, below);
		jw_key(&b, &first, "share");
		jw_num(&b, below / checked);
		sb_putc(&b, '}');
		add_sign(olympians[i].school_id, olympians[i].year, OLYMPIAD, 4 * below / checked, &b);
	}
	sb_free(&b);
}

/* Extended sign: a procedure the school wrote with neither public observers
 * nor video. Read only for a year the stream has observation records of:
 * where nothing is reported, nothing is known. */
static void
sign_no_observation(const struct proc_acc *a, struct strmap *done)
{
	struct key key;
	int first = 1;
	struct sbuf b = { 0 };

	key_of(&key, "d", a->year);
	if (!strmap_get(&observed_years, key.s, key.n))
		return;
	key_of(&key, "sds", a->school_id, a->year, a->procedure);
	if (strmap_get(&observed, key.s, key.n) || strmap_get(done, key.s, key.n)) {
		key_free(&key);
		return;
	}
	strmap_put(done, key.s, key.n, done);
	key_free(&key);
	sb_putc(&b, '{');
	jw_key(&b, &first, "sign");
	sb_puts(&b, "\"no_observation\"");
	jw_key(&b, &first, "procedure");
	jw_str(&b, a->procedure, strlen(a->procedure));
	jw_key(&b, &first, "extended");
	sb_puts(&b, "true");
	sb_putc(&b, '}');
	add_sign(a->school_id, a->year, NO_OBSERVATION, 1, &b);
	sb_free(&b);
}

/* Mean percent completion of a school's procedure, or -1. */
static double
completion(const struct proc_acc *a)
{
	const struct scale *sc = scale_find(a->year, a->procedure, a->subject, a->grade);

	return sc && a->n_score > 0 ? a->sum / a->n_score / sc->max : -1;
}

/* Sign 3: one cohort from grade N in year Y to N+1 in Y+1, over a group. */
static void
sign_cohort(struct run from, struct run to)
{
	size_t n = 0;
	double *k = emalloc(from.n * sizeof *k), *sorted = emalloc(from.n * sizeof *sorted);
	const struct proc_acc **who = emalloc(from.n * sizeof *who);
	struct sbuf b = { 0 };
	double q1, q3, iqr, hi, lo;

	/* both runs are sorted by school: match them in one merge */
	for (size_t i = 0, j = 0; i < from.n && j < to.n;) {
		int c = strcmp(from.v[i]->school_id, to.v[j]->school_id);
		double s1, s2;

		if (c < 0 || c > 0) {
			i += c < 0, j += c > 0;
			continue;
		}
		s1 = completion(from.v[i]), s2 = completion(to.v[j]);
		if (s1 >= 0 && s2 > 0)
			who[n] = from.v[i], k[n] = sorted[n] = s1 / s2, n++;
		i++, j++;
	}
	if (n >= MIN_GROUP) { /* a distribution of fewer schools is not read */
		qsort(sorted, n, sizeof *sorted, cmp_double);
		q1 = quantile7(sorted, n, 0.25);
		q3 = quantile7(sorted, n, 0.75);
		iqr = q3 - q1;
		hi = q3 + 3 * iqr;
		lo = q1 - 3 * iqr;
		for (size_t i = 0; i < n; i++) {
			int first = 1;
			if (!(k[i] > hi || k[i] < lo))
				continue;
			sb_putc(&b, '{');
			jw_key(&b, &first, "sign");
			sb_puts(&b, k[i] > hi ? "\"cohort_drop\"" : "\"cohort_rise\"");
			jw_key(&b, &first, "procedure");
			jw_str(&b, who[i]->procedure, strlen(who[i]->procedure));
			jw_key(&b, &first, "subject");
			jw_str(&b, who[i]->subject, strlen(who[i]->subject));
			jw_key(&b, &first, "grades");
			put_pair(&b, who[i]->grade, who[i]->grade + 1);
			jw_key(&b, &first, "years");
			put_pair(&b, who[i]->year, who[i]->year + 1);
			jw_key(&b, &first, "k");
			jw_num(&b, k[i]);
			jw_key(&b, &first, "q1");
			jw_num(&b, q1);
			jw_key(&b, &first, "q3");
			jw_num(&b, q3);
			jw_key(&b, &first, "critical");
			jw_num(&b, k[i] > hi ? hi : lo);
			jw_key(&b, &first, "schools");
			jw_int(&b, (long long)n);
			sb_putc(&b, '}');
			/* a sign of year Y+1; strength: IQRs from the quartile, 3 at the critical value */
			add_sign(who[i]->school_id, who[i]->year + 1, COHORT,
			         (k[i] > hi ? k[i] - q3 : q1 - k[i]) / (iqr > 0 ? iqr : 1), &b);
		}
	}
	sb_free(&b);
	free(k);
	free(sorted);
	free(who);
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

/* The score: the signs' strengths added up, each capped (one overwhelming
 * statistic is not several signs) and weighted. The k signs of one kind in a
 * school-year add as Stouffer's z, the sum over the square root of k: six
 * procedures above the region's mean are one school level seen six times,
 * not six independent pieces of evidence. An inflated mean is also
 * what a genuinely strong school shows, so mean_above_region counts in
 * proportion to how far ОГЭ/ЕГЭ, checked outside the school, fail to confirm
 * its ВПР: fully at a gap of CONFIRM_GAP, a tenth when they confirm it; and
 * at most half for a school marked advanced with no external results. */
#define STRENGTH_CAP 6.0
static const double weight[NKINDS] = {
	[MEAN_ABOVE] = 1, [MARKS_MISMATCH] = 1, [COHORT] = 1, [BOUNDARY_PEAK] = 1, [HARD_TASKS] = 1,
	[NOT_CONFIRMED] = 1, [MEDALISTS] = 1, [OLYMPIAD] = 1, [NO_OBSERVATION] = 0.5,
};

static double
mean_discount(const char *school_id, int year)
{
	struct key key;
	const struct confirm *c;
	double f;

	key_of(&key, "sd", school_id, year);
	c = strmap_get(&confirms, key.s, key.n);
	key_free(&key);

	if (c && c->nv > 0 && c->ne > 0) {
		f = (c->zv / c->nv - c->ze / c->ne) / CONFIRM_GAP;
		return f < 0.1 ? 0.1 : f > 1 ? 1 : f;
	}
	return school_advanced(school_id) == 1 ? 0.5 : 1;
}

/* One school's year; *next walks the signs, sorted like the school-years. */
static void
emit_school(struct school_year *sy, size_t *next)
{
	int first = 1, f2 = 1;
	double score = 0, discount = -1, nkind[NKINDS] = { 0 };
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
	for (i = *next; i < nsigns && by_school_then_year(signs[i].school_id, signs[i].year, sy->school_id, sy->year) == 0; i++)
		nkind[signs[i].kind]++;
	for (i = *next; i < nsigns && by_school_then_year(signs[i].school_id, signs[i].year, sy->school_id, sy->year) == 0; i++) {
		const struct sign *g = &signs[i];
		double part = weight[g->kind] * (g->e < STRENGTH_CAP ? g->e : STRENGTH_CAP) / sqrt(nkind[g->kind]);

		if (g->kind == MEAN_ABOVE) {
			if (discount < 0)
				discount = mean_discount(sy->school_id, sy->year);
			part *= discount;
		}
		score += part;
		if (!f2)
			sb_putc(&out, ',');
		f2 = 0;
		sb_putn(&out, g->json, strlen(g->json) - 1); /* the evidence, and what it adds */
		sb_puts(&out, ",\"strength\":");
		jw_num(&out, g->e);
		sb_puts(&out, ",\"contribution\":");
		jw_num(&out, round(part * 1000) / 1000);
		sb_putc(&out, '}');
		if (g->kind < OFFICIAL)
			sy->flagged = 1; /* the official signs flag; the extended inform */
	}
	*next = i;
	sb_putc(&out, ']');
	jw_key(&out, &first, "flagged");
	sb_puts(&out, sy->flagged ? "true" : "false");
	jw_key(&out, &first, "score");
	jw_num(&out, round(score * 1000) / 1000);
	sb_puts(&out, "}\n");
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
		if (proclist_has(&examined, v[i]->procedure, v[i]->subject, v[i]->grade)) {
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
		if (!proclist_has(&cohorts, v[i]->procedure, v[i]->subject, v[i]->grade))
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
	struct proc_acc **v = results.v;
	size_t n = results.n, i, j, nsy = 0;
	struct school_year *sy;

	for (i = 0; i < n; i++)
		v[i]->group = group_of(v[i]->school_id);
	if (n)
		qsort(v, n, sizeof *v, by_group_proc);
	read_runs(v, n);
	signs_not_confirmed();
	signs_medalists();
	signs_olympiad();
	/* every school and year with an examined procedure or a sign, once */
	sy = emalloc((n + nsigns + 1) * sizeof *sy);
	for (i = 0; i < nsigns; i++)
		sy[nsy++] = (struct school_year){ signs[i].school_id, group_of(signs[i].school_id), signs[i].year, 0, 0 };
	for (i = 0; i < n; i++)
		if (proclist_has(&examined, v[i]->procedure, v[i]->subject, v[i]->grade) ||
		    proclist_has(&cohorts, v[i]->procedure, v[i]->subject, v[i]->grade - 1))
			sy[nsy++] = (struct school_year){ v[i]->school_id, v[i]->group, v[i]->year, 0, 1 };
	if (nsy)
		qsort(sy, nsy, sizeof *sy, by_school_year);
	for (i = j = 0; i < nsy; i++)
		if (j == 0 || by_school_year(&sy[j - 1], &sy[i]) != 0)
			sy[j++] = sy[i];
		else
			sy[j - 1].examined |= sy[i].examined;
	nsy = j;
	if (nsigns)
		qsort(signs, nsigns, sizeof *signs, sign_order);
	for (i = 0, j = 0; i < nsy; i++)
		emit_school(&sy[i], &j);
	fwrite(completions.s, 1, completions.len, stdout);
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
	for (size_t i = 0; i < nsigns; i++) {
		free(signs[i].school_id);
		free(signs[i].json);
	}
	free(signs);
	for (size_t i = 0; i < nconfirm; i++) {
		free(confirmv[i]->school_id);
		free(confirmv[i]);
	}
	free(confirmv);
	strmap_free(&confirms, NULL);
	for (size_t i = 0; i < nmedalists; i++) {
		free(medalists[i].school_id);
		free(medalists[i].student_id);
	}
	free(medalists);
	for (size_t i = 0; i < nolympians; i++) {
		free(olympians[i].school_id);
		free(olympians[i].student_id);
		free(olympians[i].subject);
	}
	free(olympians);
	strmap_free(&ege, free);
	strmap_free(&municipal_stage, free);
	strmap_free(&observed, NULL);
	strmap_free(&observed_years, NULL);
	strmap_free(&task_maxima, free);
	strmap_free(&examined, NULL);
	strmap_free(&cohorts, NULL);
	reduce_free(&results);
	schools_free();
	sb_free(&out);
	sb_free(&completions);
}

int
main(int argc, char *argv[])
{
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
	proclist_load(&examined, "ref/objectivity_procedures.tsv", 0);
	proclist_load(&cohorts, "ref/cohorts.tsv", 0);
	/* the schemas of what is read whole, loaded before any input */
	for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
		type_schema(whole[i].type);
	type_schema("school");
	type_schema("result");
	dict_load();
	scales_load();
	EQ_FUZZ_START();
	report_open(common.rejects);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	finish();
	status = stream_finish(nrecords);
	free_all();
	return status;
}
