/* Evidence: scores that barely depend on the pupil (dictated answers). The
 * variance of a school's scores, as a share of the most its mean allows
 * (m (1 - m) max^2: near the floor and the ceiling spread shrinks by
 * itself), is compared with the run's schools (median and MAD); the
 * surprise is how far below them
 * the school lies, over its sampling error (2 / (n - 1) for a log variance)
 * and the schools' own spread about the fit. One z per procedure; Stouffer
 * over the school's procedures and years. */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

#define SPREAD_MIN_N 5

static void
spread_run(struct run r, const struct tasks *t)
{
	const struct proc_acc *a0 = r.v[0];
	const struct scale *sc = scale_find(a0->year, a0->procedure, a0->subject, a0->grade);
	double *x, *y, *wt, *res, *sv, med, scale, vmed, tau2;
	size_t *who, n = 0;

	(void)t;
	if (!sc || !checked_in_school(a0->procedure))
		return;
	x = emalloc(r.n * sizeof *x), y = emalloc(r.n * sizeof *y), wt = emalloc(r.n * sizeof *wt);
	res = emalloc(r.n * sizeof *res), sv = emalloc(r.n * sizeof *sv), who = emalloc(r.n * sizeof *who);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		double k = a->n_score, var;
		if (k < SPREAD_MIN_N)
			continue;
		var = (a->sumsq - a->sum * a->sum / k) / (k - 1);
		x[n] = a->sum / k / sc->max;
		/* against the most a mean allows, all-or-nothing pupils: m (1 - m) max^2;
		 * a quarter point keeps all alike finite */
		y[n] = log(((var > 0 ? var : 0) + 0.25) / (x[n] * (1 - x[n]) * sc->max * sc->max + 0.25));
		wt[n] = k - 1;
		who[n++] = i;
	}
	if (n >= MIN_GROUP) {
		for (size_t i = 0; i < n; i++) {
			res[i] = y[i];
			sv[i] = 2 / wt[i];
		}
		/* the schools' own spread about the fit, beyond sampling */
		for (size_t i = 0; i < n; i++)
			x[i] = res[i], y[i] = sv[i];
		robust_scale(x, n, &med, &scale);
		robust_scale(y, n, &vmed, &tau2);
		tau2 = scale * scale - vmed;
		if (tau2 < 0)
			tau2 = 0;
		for (size_t i = 0; i < n; i++)
			evidence_add(r.v[who[i]]->school_id, r.v[who[i]]->year, EV_SPREAD,
			             -(res[i] - med) / sqrt(tau2 + sv[i]), 1, wt[i] + 1, 1);
	}
	free(x), free(y), free(wt), free(res), free(sv), free(who);
}

const struct evidence_module ev_spread = { "low_spread", POOL_Z, 1, spread_run, NULL };
