/* evidence.c: see evidence.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "stats.h"
#include "util.h"

void
surprise_add(struct surprise *s, double dev, double var, double n)
{
	if (!(var > 0) || !isfinite(dev))
		return;
	if (s->parts == 0 || dev / sqrt(var) > s->zmax)
		s->zmax = dev / sqrt(var);
	s->dev += dev;
	s->var += var;
	s->n += n;
	s->parts++;
}

double
surprise_z(const struct surprise *s)
{
	return s->var > 0 ? s->dev / sqrt(s->var) : NAN;
}

double
surprise_z_dense_or_sparse(const struct surprise *s)
{
	double p_dense, p_sparse, p;

	if (!(s->var > 0))
		return NAN;
	p_dense = norm_sf(s->dev / sqrt(s->var));
	p_sparse = -expm1(s->parts * log1p(-norm_sf(s->zmax)));
	p = fmin(p_dense, p_sparse);
	return norm_isf(fmin(fmax(p, 1e-300), 1 - 1e-16));
}

/* By the recurrences up to x >= 6, then the asymptotic series. */
double
digamma(double x)
{
	double r = 0, f;

	for (; x < 6; x++)
		r -= 1 / x;
	f = 1 / (x * x);
	return r + log(x) - 0.5 / x -
	       f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

double
trigamma(double x)
{
	double r = 0, f;

	for (; x < 6; x++)
		r += 1 / (x * x);
	f = 1 / (x * x);
	return r + 1 / x + f / 2 +
	       f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30 - f * 5.0 / 66))));
}

double
norm_sf(double z)
{
	return 0.5 * erfc(z / M_SQRT2);
}

/* Acklam's rational approximation, refined by one Halley step on erfc. */
double
norm_isf(double p)
{
	static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
		1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
	static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
		6.680131188771972e+01, -1.328068155288572e+01 };
	static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
		-2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
	static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
		3.754408661907416e+00 };
	double q = 1 - p, x, r, e, u; /* x: the lower quantile of q */

	if (!(p > 0))
		return INFINITY;
	if (!(p < 1))
		return -INFINITY;
	if (q < 0.02425) {
		r = sqrt(-2 * log(q));
		x = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
		    ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
	} else if (q <= 1 - 0.02425) {
		r = (q - 0.5) * (q - 0.5);
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * (q - 0.5) /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	} else {
		r = sqrt(-2 * log(p));
		x = -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
		    ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
	}
	/* refine against the upper tail, which keeps precision for small p */
	e = norm_sf(x) - p;
	u = -e * sqrt(2 * M_PI) * exp(x * x / 2);
	x = x - u / (1 + x * u / 2);
	return x;
}

double
chisq_sf(double x, int k)
{
	double term, sum;
	int i;

	if (k <= 0)
		return x > 0 ? 0 : 1;
	if (!(x > 0))
		return 1;
	if (k % 2 == 0) { /* e^(-x/2) sum_{i < k/2} (x/2)^i / i! */
		term = sum = exp(-x / 2);
		for (i = 1; i < k / 2; i++)
			sum += term *= x / 2 / i;
		return sum;
	}
	/* odd: 2 Q(sqrt x) + 2 phi(sqrt x) sum_{i=1}^{(k-1)/2} x^(i-1/2) / (1 3 ... (2i-1)) */
	sum = 2 * norm_sf(sqrt(x));
	term = sqrt(x) * exp(-x / 2) / sqrt(2 * M_PI) * 2;
	for (i = 1; i <= (k - 1) / 2; i++) {
		sum += term;
		term *= x / (2 * i + 1);
	}
	return sum;
}

double
combine_one_sided(const double *z, size_t k)
{
	double s = 0, p = 0, w;
	size_t m = 0, j;

	for (size_t i = 0; i < k; i++) {
		if (isnan(z[i]))
			continue;
		m++;
		if (z[i] > 0)
			s += z[i] * z[i];
	}
	if (!(s > 0))
		return 0;
	/* sum_j C(m, j) 2^-m P(chi2_j >= s), j = 0 contributes nothing */
	w = pow(0.5, (double)m);
	for (j = 1; j <= m; j++) {
		w *= (double)(m - j + 1) / (double)j;
		p += w * chisq_sf(s, (int)j);
	}
	if (p < 1e-300)
		p = 1e-300;
	return p >= 0.5 ? 0 : norm_isf(p);
}

int
boundary_score(const double *h, const double *e, size_t nw, size_t below, double *u, double *var)
{
	double n = 0, dev, v;

	if (below < 1 || below >= nw)
		return -1;
	for (size_t k = 0; k <= below; k++)
		if (!(e[k] > 0))
			return -1;
	for (size_t k = 0; k < nw; k++)
		n += h[k];
	dev = h[below] / e[below], v = 1 / e[below];
	for (size_t k = 0; k < below; k++) {
		dev -= h[k] / ((double)below * e[k]);
		v += 1 / ((double)below * (double)below * e[k]);
	}
	*u = dev, *var = n * v;
	return 0;
}

int
robust_scale(double *v, size_t n, double *median, double *scale)
{
	double med;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof *v, cmp_double);
	med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	for (size_t i = 0; i < n; i++)
		v[i] = fabs(v[i] - med);
	qsort(v, n, sizeof *v, cmp_double);
	*median = med;
	*scale = 1.4826 * (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
	return 0;
}

int
calibrated_z(const double *d, const double *v, size_t n, double *z)
{
	double *tmp, med, scale, vmed, vscale, tau2;

	if (n == 0)
		return -1;
	tmp = emalloc(n * sizeof *tmp);
	memcpy(tmp, d, n * sizeof *tmp);
	robust_scale(tmp, n, &med, &scale);
	memcpy(tmp, v, n * sizeof *tmp);
	robust_scale(tmp, n, &vmed, &vscale);
	free(tmp);
	tau2 = scale * scale - vmed;
	if (tau2 < 0)
		tau2 = 0;
	for (size_t i = 0; i < n; i++)
		z[i] = (d[i] - med) / sqrt(tau2 + v[i]);
	return 0;
}

int
empirical_null(const double *z, size_t n, size_t min_n, double *centre, double *scale)
{
	double *tmp;

	*centre = 0, *scale = 1;
	if (n == 0 || n < min_n)
		return -1;
	tmp = emalloc(n * sizeof *tmp);
	memcpy(tmp, z, n * sizeof *tmp);
	robust_scale(tmp, n, centre, scale);
	free(tmp);
	if (!(*scale >= 1))
		*scale = 1;
	return 0;
}

struct by_x {
	double x;
	size_t i;
};

static int
cmp_by_x(const void *pa, const void *pb)
{
	const struct by_x *a = pa, *b = pb;

	return a->x < b->x ? -1 : a->x > b->x ? 1 : (a->i > b->i) - (a->i < b->i);
}

/* The k points nearest to o[p] in x, o[p] left out: [*lo, *hi] less p. */
static void
nearest(const struct by_x *o, size_t n, size_t p, size_t k, size_t *lo, size_t *hi)
{
	*lo = *hi = p;
	for (size_t got = 0; got < k; got++) {
		int left = *lo > 0, right = *hi + 1 < n;
		if (left && (!right || o[p].x - o[*lo - 1].x <= o[*hi + 1].x - o[p].x))
			(*lo)--;
		else
			(*hi)++;
	}
}

static int
expect_near(const double *x, const double *y, const double *w, size_t n, size_t k, int linear,
            double *expect)
{
	struct by_x *o;

	if (n < 2 || k < 1)
		return -1;
	if (k > n - 1)
		k = n - 1;
	o = emalloc(n * sizeof *o);
	for (size_t i = 0; i < n; i++)
		o[i] = (struct by_x){ x[i], i };
	qsort(o, n, sizeof *o, cmp_by_x);
	for (size_t p = 0; p < n; p++) {
		size_t lo, hi;
		double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, xb, yb;
		nearest(o, n, p, k, &lo, &hi);
		for (size_t q = lo; q <= hi; q++)
			if (q != p)
				sw += w[o[q].i], sx += w[o[q].i] * o[q].x, sy += w[o[q].i] * y[o[q].i];
		if (!(sw > 0)) {
			expect[o[p].i] = NAN;
			continue;
		}
		xb = sx / sw, yb = sy / sw;
		if (linear)
			for (size_t q = lo; q <= hi; q++)
				if (q != p) {
					double dx = o[q].x - xb;
					sxx += w[o[q].i] * dx * dx, sxy += w[o[q].i] * dx * (y[o[q].i] - yb);
				}
		expect[o[p].i] = sxx > 0 ? yb + sxy / sxx * (o[p].x - xb) : yb;
	}
	free(o);
	return 0;
}

int
local_expect(const double *x, const double *y, const double *w, size_t n, size_t k, double *expect)
{
	return expect_near(x, y, w, n, k, 0, expect);
}

int
local_linear_expect(const double *x, const double *y, const double *w, size_t n, size_t k, double *expect)
{
	return expect_near(x, y, w, n, k, 1, expect);
}
