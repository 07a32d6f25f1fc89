/* Evidence: pupils lifted to the lowest score of «3». At the boundary b the
 * excess D = h[b] - h[b-1] - (h[b+1] - h[b-2]) / 3 is about 0 wherever the
 * distribution is smooth, whatever the school's level; lenient marking
 * moves pupils from just below b to b. Its expectation and variance for a
 * school are those of its pupils in the window falling as the region's do
 * (multinomial), pooled over the school's procedures and years. */
#include <math.h>

#include "evidence-kinds.h"

static double
at(const struct proc_detail *d, size_t s)
{
	return s < d->nbins ? d->hist[s] : 0;
}

static void
window(const struct proc_detail *d, size_t b, double h[4])
{
	for (size_t i = 0; i < 4; i++)
		h[i] = at(d, b - 2 + i);
}

static void
boundary_run(struct run r, const struct tasks *t)
{
	const struct proc_acc *a0 = r.v[0];
	const struct scale *sc = scale_find(a0->year, a0->procedure, a0->subject, a0->grade);
	double region[4] = { 0 }, w = 0, pi[4];
	size_t b;

	(void)t;
	if (!sc || !checked_in_school(a0->procedure) || sc->min3 < 2)
		return;
	b = (size_t)sc->min3;
	for (size_t i = 0; i < r.n; i++) {
		double h[4];
		if (!r.v[i]->d)
			continue;
		window(r.v[i]->d, b, h);
		for (int k = 0; k < 4; k++)
			region[k] += h[k], w += h[k];
	}
	if (w < 20)
		return;
	for (int k = 0; k < 4; k++)
		pi[k] = region[k] / w;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		double h[4], excess, n, mean, var;
		if (!d)
			continue;
		window(d, b, h);
		n = h[0] + h[1] + h[2] + h[3];
		if (n < 1)
			continue;
		excess = h[2] - h[1] - (h[3] - h[0]) / 3;
		boundary_expect(pi, n, &mean, &var);
		evidence_add(r.v[i]->school_id, r.v[i]->year, EV_BOUNDARY, excess - mean, var, n, 1);
	}
}

const struct evidence_module ev_boundary = { "boundary_excess", POOL_Z, 1, boundary_run, NULL };
