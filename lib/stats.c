#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

double
quantile7(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);

	if (lo + 1 >= n)
		return x[n - 1];
	return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static const double *rank_x;

static int
by_value(const void *a, const void *b)
{
	double x = rank_x[*(const size_t *)a], y = rank_x[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

void
rank_min(const double *x, size_t n, size_t *rank)
{
	size_t *order = emalloc(n * sizeof *order);

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	rank_x = x;
	qsort(order, n, sizeof *order, by_value);
	for (size_t i = 0; i < n; i++)
		rank[order[i]] = i > 0 && x[order[i]] == x[order[i - 1]] ? rank[order[i - 1]] : i + 1;
	free(order);
}

int
ols_fit(const double *x, const double *y, size_t n, struct ols *m)
{
	double xm = 0, ym = 0, sxx = 0, sxy = 0, syy = 0, ssr = 0;

	memset(m, 0, sizeof *m);
	m->n = n;
	if (n < 3)
		return -1;
	/* two passes: centred sums, so large x do not cost precision */
	for (size_t i = 0; i < n; i++)
		xm += x[i], ym += y[i];
	xm /= (double)n, ym /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxx += (x[i] - xm) * (x[i] - xm);
		sxy += (x[i] - xm) * (y[i] - ym);
		syy += (y[i] - ym) * (y[i] - ym);
	}
	if (sxx == 0)
		return -1;
	m->b = sxy / sxx;
	m->a = ym - m->b * xm;
	for (size_t i = 0; i < n; i++) {
		double e = y[i] - (m->a + m->b * x[i]);
		ssr += e * e;
	}
	m->r2 = syy > 0 ? 1 - ssr / syy : 0;
	m->s = sqrt(ssr / (double)(n - 2));
	m->xmean = xm;
	m->sxx = sxx;
	return 0;
}

double
ols_residual_se(const struct ols *m, double x)
{
	double h = 1 / (double)m->n + (x - m->xmean) * (x - m->xmean) / m->sxx;

	return m->s * sqrt(h < 1 ? 1 - h : 0);
}


double
sd_of(double n, double sum, double sumsq)
{
	double v;

	if (n < 2)
		return NAN;
	v = (sumsq - sum * sum / n) / (n - 1);
	return v > 0 ? sqrt(v) : 0;
}

int
ci95(double n, double sum, double sumsq, double *lo, double *hi)
{
	double m, half;

	if (n < 2)
		return -1;
	m = sum / n;
	half = 1.96 * sd_of(n, sum, sumsq) / sqrt(n);
	*lo = m - half;
	*hi = m + half;
	return 0;
}

/* The average rank of each category, from the category totals. */
static double *
average_ranks(const double *total, size_t n)
{
	double *rank = emalloc((n ? n : 1) * sizeof *rank), before = 0;

	for (size_t i = 0; i < n; i++) {
		rank[i] = before + (total[i] + 1) / 2;
		before += total[i];
	}
	return rank;
}

int
spearman_table(const double *t, size_t nrows, size_t ncols, double *rho)
{
	double *rt = ecalloc(nrows ? nrows : 1, sizeof *rt), *ct = ecalloc(ncols ? ncols : 1, sizeof *ct);
	double *rr, *cr, n = 0, m, cov = 0, vr = 0, vc = 0;
	int ok;

	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			rt[r] += t[r * ncols + c];
			ct[c] += t[r * ncols + c];
			n += t[r * ncols + c];
		}
	rr = average_ranks(rt, nrows);
	cr = average_ranks(ct, ncols);
	m = (n + 1) / 2;
	for (size_t r = 0; r < nrows; r++)
		vr += rt[r] * (rr[r] - m) * (rr[r] - m);
	for (size_t c = 0; c < ncols; c++)
		vc += ct[c] * (cr[c] - m) * (cr[c] - m);
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++)
			cov += t[r * ncols + c] * (rr[r] - m) * (cr[c] - m);
	ok = n > 0 && vr > 0 && vc > 0;
	if (ok)
		*rho = cov / sqrt(vr * vc);
	free(rt);
	free(ct);
	free(rr);
	free(cr);
	return ok ? 0 : -1;
}
