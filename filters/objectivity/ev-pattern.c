/* Evidence: the task pattern. Against pupils of the same task sum anywhere
 * in the region, a school's pupils score more on the hard tasks and less on
 * the easy ones (leaked answers; dictated answers, which make every task
 * alike). Each task weighs its difficulty in logits, centred, per point; the
 * school's deviation from the expectation at its pupils' sums is tested
 * against the variance of the weighted pattern among the region's pupils of
 * each sum (observed minus expected, as a group-level person-fit index). */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

static void
pattern_run(struct run r, const struct tasks *t)
{
	const struct proc_acc *a0 = r.v[0];
	const struct cond_table *c;
	double *w, *ew, *vw, tot = 0, mean = 0;
	size_t nt, nb;

	if (!checked_in_school(a0->procedure) ||
	    !(c = reduce_cond(&ob.results, a0->year, a0->procedure, a0->subject, a0->grade)))
		return;
	nt = c->ntasks, nb = c->nbins;
	for (size_t b = 0; b < nb; b++)
		tot += c->n[b];
	if (nt < 4 || nt > t->n || tot < 50)
		return;
	w = emalloc(nt * sizeof *w);
	for (size_t j = 0; j < nt; j++) {
		double won = 0, p;
		if (!(t->max[j] > 0)) {
			free(w);
			return;
		}
		for (size_t b = 0; b < nb; b++)
			won += c->s[b * nt + j];
		p = won / (tot * t->max[j]);
		p = p < 0.01 ? 0.01 : p > 0.99 ? 0.99 : p;
		w[j] = log((1 - p) / p); /* difficulty */
		mean += w[j] / (double)nt;
	}
	for (size_t j = 0; j < nt; j++)
		w[j] = (w[j] - mean) / t->max[j];
	/* per sum: the expected weighted pattern and its variance */
	ew = ecalloc(nb, sizeof *ew);
	vw = ecalloc(nb, sizeof *vw);
	for (size_t b = 0; b < nb; b++) {
		double n = c->n[b], v = 0;
		if (n < 1)
			continue;
		for (size_t j = 0; j < nt; j++) {
			double ej = c->s[b * nt + j] / n;
			ew[b] += w[j] * ej;
			for (size_t k = 0; k < nt; k++)
				v += w[j] * w[k] * (c->q[(b * nt + j) * nt + k] / n - ej * c->s[b * nt + k] / n);
		}
		vw[b] = v > 0 && n >= 2 ? v * n / (n - 1) : 0;
	}
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		double dev = 0, var = 0;
		if (!d || d->pat_ntasks != nt || d->pat_n < 1)
			continue;
		for (size_t j = 0; j < nt; j++)
			dev += w[j] * d->pat_sum[j];
		/* a pupil alone at a sum is their own expectation: adds nothing */
		for (size_t b = 0; b < d->pat_nbins && b < nb; b++)
			dev -= d->pat_hist[b] * ew[b], var += d->pat_hist[b] * vw[b];
		evidence_add(r.v[i]->school_id, r.v[i]->year, EV_PATTERN, dev, var, d->pat_n, 1);
	}
	free(w);
	free(ew);
	free(vw);
}

const struct evidence_module ev_pattern = { "task_pattern", POOL_Z_SPARSE, 1, pattern_run, NULL };
