/* Evidence: pupils lifted to the lowest score b of «3» (lenient marking
 * moves them up from the few scores under it). The school's pupils in the
 * window of scores b - 3 .. b + 2 against the shares the schools nearest
 * to it in mean score show there (local_expect, weights their pupils in the
 * window: a weak school has more pupils under b by itself); the efficient
 * score of a move from the three scores under b up to b (boundary_score),
 * pooled over the school's procedures and years. */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

#define UNDER 3                  /* scores under b a lenient check lifts from */
#define WINDOW (UNDER + 1 + 2)   /* and two above b, for the shape */

static double
at(const struct proc_detail *d, long s)
{
	return s >= 0 && (size_t)s < d->nbins ? d->hist[s] : 0;
}

static void
boundary_run(struct run r, const struct tasks *t)
{
	const struct proc_acc *a0 = r.v[0];
	const struct scale *sc = scale_find(a0->year, a0->procedure, a0->subject, a0->grade);
	double *x, *w, *share[WINDOW], *expect[WINDOW];
	size_t *who, n = 0;
	long b;

	(void)t;
	if (!sc || !checked_in_school(a0->procedure) || sc->min3 < UNDER)
		return;
	b = (long)sc->min3;
	x = emalloc(r.n * sizeof *x), w = emalloc(r.n * sizeof *w), who = emalloc(r.n * sizeof *who);
	for (int k = 0; k < WINDOW; k++)
		share[k] = emalloc(r.n * sizeof *share[k]), expect[k] = emalloc(r.n * sizeof *expect[k]);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		double m = 0;
		if (!d || r.v[i]->n_score < 1)
			continue;
		for (int k = 0; k < WINDOW; k++)
			m += at(d, b - UNDER + k);
		if (m < 1)
			continue;
		for (int k = 0; k < WINDOW; k++)
			share[k][n] = at(d, b - UNDER + k) / m;
		x[n] = r.v[i]->sum / r.v[i]->n_score, w[n] = m, who[n++] = i;
	}
	if (n >= MIN_GROUP) {
		for (int k = 0; k < WINDOW; k++)
			local_expect(x, share[k], w, n, kind_neighbours(n), expect[k]);
		for (size_t i = 0; i < n; i++) {
			double h[WINDOW], e[WINDOW], u, var;
			for (int k = 0; k < WINDOW; k++)
				h[k] = share[k][i] * w[i], e[k] = expect[k][i];
			if (boundary_score(h, e, WINDOW, UNDER, &u, &var) == 0)
				evidence_add(r.v[who[i]]->school_id, r.v[who[i]]->year, EV_BOUNDARY, u, var, w[i], 1);
		}
	}
	for (int k = 0; k < WINDOW; k++)
		free(share[k]), free(expect[k]);
	free(x), free(w), free(who);
}

const struct evidence_module ev_boundary = { "boundary_excess", POOL_Z, 1, boundary_run, NULL };
