#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objectivity.h"

struct tasks
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
	scheme = strmap_get(&ob.task_maxima, key.s, key.n);
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

double
task_share(const struct proc_detail *d, const struct tasks *t, size_t j)
{
	return j < d->ntasks && d->task_n[j] > 0 && t->max[j] > 0 ? d->task_sum[j] / (d->task_n[j] * t->max[j]) : -1;
}

/* task_completion: each school's share of the maximum won, task by task,
 * beside the group's (what eq-recommend names the weakest tasks from), to
 * four places: a hundredth of a percent is more than a reader uses. */

void
put_task_completions(struct run r, const struct tasks *t)
{
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		int first = 1;

		if (!a->d || !a->d->ntasks)
			continue;
		sb_putc(&ob.completions, '{');
		jw_key(&ob.completions, &first, "type");
		sb_puts(&ob.completions, "\"task_completion\"");
		jw_key(&ob.completions, &first, "school_id");
		jw_str(&ob.completions, a->school_id, strlen(a->school_id));
		jw_key(&ob.completions, &first, "year");
		jw_int(&ob.completions, a->year);
		put_proc(&ob.completions, &first, a);
		jw_key(&ob.completions, &first, "group");
		jw_str(&ob.completions, a->group, strlen(a->group));
		jw_key(&ob.completions, &first, "n");
		jw_num(&ob.completions, a->n_score);
		jw_key(&ob.completions, &first, "max");
		sb_putc(&ob.completions, '[');
		for (size_t j = 0; j < t->n; j++) {
			if (j)
				sb_putc(&ob.completions, ',');
			jw_num(&ob.completions, t->max[j]);
		}
		sb_puts(&ob.completions, "],\"school\":[");
		for (size_t j = 0; j < t->n; j++) {
			double c = task_share(a->d, t, j);
			if (j)
				sb_putc(&ob.completions, ',');
			if (c < 0)
				sb_puts(&ob.completions, "null");
			else
				jw_num(&ob.completions, round(c * 1e4) / 1e4);
		}
		sb_puts(&ob.completions, "],\"region\":[");
		for (size_t j = 0; j < t->n; j++) {
			if (j)
				sb_putc(&ob.completions, ',');
			if (t->region[j] < 0)
				sb_puts(&ob.completions, "null");
			else
				jw_num(&ob.completions, round(t->region[j] * 1e4) / 1e4);
		}
		sb_puts(&ob.completions, "]}\n");
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
void
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
