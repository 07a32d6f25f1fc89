/* Evidence: scores that barely depend on the pupil (dictated answers). The
 * variance of a school's scores, as a share of the most its mean allows
 * (m (1 - m) max^2: near the floor and the ceiling spread shrinks by
 * itself), is compared with what the schools nearest to it in mean show
 * (local_linear_expect: a weak cohort's spread is not a strong one's): how far
 * below them the school lies, over its sampling error and the schools' own
 * spread (calibrated_z). A log sample variance of n pupils lies below the
 * log of its variance by digamma((n-1)/2) - log((n-1)/2) on average and
 * spreads by trigamma((n-1)/2) (chi-square): 0.27 and 0.64 at n = 5, where
 * 0 and 2 / (n - 1) = 0.5 would make a small honest class look uniform. One
 * z per procedure; Stouffer over the school's procedures and years. */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

#define SPREAD_MIN_N 5

static void
spread_run(struct run r, const struct tasks *t)
{
	const struct proc_acc *a0 = r.v[0];
	const struct scale *sc = scale_find(a0->year, a0->procedure, a0->subject, a0->grade);
	double *x, *y, *w, *e, *sv, *z;
	size_t *who, n = 0;

	(void)t;
	if (!sc || !checked_in_school(a0->procedure))
		return;
	x = emalloc(r.n * sizeof *x), w = emalloc(r.n * sizeof *w), e = emalloc(r.n * sizeof *e);
	y = emalloc(r.n * sizeof *y), sv = emalloc(r.n * sizeof *sv), z = emalloc(r.n * sizeof *z);
	who = emalloc(r.n * sizeof *who);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		double k = a->n_score, var, m;
		if (k < SPREAD_MIN_N)
			continue;
		var = (a->sumsq - a->sum * a->sum / k) / (k - 1);
		m = a->sum / k / sc->max;
		/* against the most a mean allows, all-or-nothing pupils: m (1 - m) max^2;
		 * a quarter point keeps all alike finite */
		y[n] = log(((var > 0 ? var : 0) + 0.25) / (m * (1 - m) * sc->max * sc->max + 0.25)) -
		       (digamma((k - 1) / 2) - log((k - 1) / 2));
		x[n] = m, w[n] = k, sv[n] = trigamma((k - 1) / 2);
		who[n++] = i;
	}
	if (n >= MIN_GROUP && local_linear_expect(x, y, w, n, kind_neighbours(n), e) == 0) {
		for (size_t i = 0; i < n; i++)
			y[i] -= e[i];
		calibrated_z(y, sv, n, z);
		for (size_t i = 0; i < n; i++) /* upwards: less spread than the others */
			evidence_add(r.v[who[i]]->school_id, r.v[who[i]]->year, EV_SPREAD, -z[i], 1,
			             r.v[who[i]]->n_score, 1);
	}
	free(x), free(y), free(w), free(e), free(sv), free(z), free(who);
}

const struct evidence_module ev_spread = { "low_spread", POOL_Z, 1, spread_run, NULL };
