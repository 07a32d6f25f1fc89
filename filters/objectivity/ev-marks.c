/* Evidence: the work above the journal. A school's mean ВПР score against
 * what schools with such journal marks write: the line through the schools
 * nearest in mean journal mark (local_linear_expect, weights n); the surprise is
 * the school's residual over its sampling error and the honest spread of
 * residuals (teachers who mark strictly or leniently), learnt from the run
 * (calibrated_z). Comparing schools, not pupils: a strong school's pupils
 * beat their marks' pupil-level prediction (regression to the mean), its
 * mean does not beat its marks' mean. */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

#define MARKS_MIN_N 5

static void
marks_run(struct run r, const struct tasks *t)
{
	double *x, *y, *wt, *res, *sv, *z, sq = 0, sn = 0;
	size_t *who, n = 0;

	(void)t;
	if (!checked_in_school(r.v[0]->procedure))
		return;
	x = emalloc(r.n * sizeof *x), y = emalloc(r.n * sizeof *y), wt = emalloc(r.n * sizeof *wt);
	res = emalloc(r.n * sizeof *res), sv = emalloc(r.n * sizeof *sv), z = emalloc(r.n * sizeof *z);
	who = emalloc(r.n * sizeof *who);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		double k = 0, m = 0, s = 0, s2 = 0;
		if (!d || d->n_journal < MARKS_MIN_N)
			continue;
		for (size_t j = 0; j < 4; j++)
			for (size_t bin = 0; bin < d->nbins; bin++) {
				double cnt = d->joint[j * d->nbins + bin];
				k += cnt, m += cnt * (double)(j + 2), s += cnt * (double)bin, s2 += cnt * (double)bin * (double)bin;
			}
		x[n] = m / k, y[n] = s / k, wt[n] = k, who[n++] = i;
		sq += s2 - s * s / k, sn += k - 1; /* pooled within-school variance */
	}
	if (n >= MIN_GROUP && sn > 0) {
		local_linear_expect(x, y, wt, n, kind_neighbours(n), res);
		for (size_t i = 0; i < n; i++)
			res[i] = y[i] - res[i], sv[i] = sq / sn / wt[i];
		calibrated_z(res, sv, n, z);
		for (size_t i = 0; i < n; i++)
			evidence_add(r.v[who[i]]->school_id, r.v[who[i]]->year, EV_MARKS, z[i], 1, wt[i], 1);
	}
	free(x), free(y), free(wt), free(res), free(sv), free(z), free(who);
}

/* shown, not scored: on worlds of lenient and strict journals, honest
 * strong schools beat the schools of their marks as often as inflating ones */
const struct evidence_module ev_marks = { "above_journal", POOL_Z, 0, marks_run, NULL };
