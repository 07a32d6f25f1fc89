/* stats.h: the statistics the methodology names, each small and exact. */
#ifndef EQ_STATS_H
#define EQ_STATS_H

#include <stddef.h>

/* The p-quantile (0..1) of sorted x[0..n) by linear interpolation between
 * order statistics ("type 7": h = (n-1)p). n > 0. */
double quantile7(const double *sorted, size_t n, double p);

/* qsort comparator of doubles, ascending. */
int cmp_double(const void *a, const void *b);

/* Ranks of x[0..n) in rank[], 1 for the lowest; ties share the lowest rank
 * of their run ("1224"). */
void rank_min(const double *x, size_t n, size_t *rank);

/* Ordinary least squares y = a + b x over n points. */
struct ols {
	size_t n;
	double a, b;
	double r2;         /* 1 - SSR/SST (0 when y is constant) */
	double s;          /* residual standard error, sqrt(SSR / (n - 2)) */
	double xmean, sxx; /* for the leverage of a point */
};
/* 0, or -1 when n < 3 or x is constant (no line to fit). */
int ols_fit(const double *x, const double *y, size_t n, struct ols *m);
/* The standard error of the residual at x: s * sqrt(1 - h), h the leverage. */
double ols_residual_se(const struct ols *m, double x);

/* Sample standard deviation (n - 1) from count, sum, sum of squares. */
double sd_of(double n, double sum, double sumsq);

/* The 95 % confidence interval of a mean, mean ± 1.96 s/sqrt(n), s with
 * n - 1. -1 when n < 2. */
int ci95(double n, double sum, double sumsq, double *lo, double *hi);

/* Spearman's rank correlation from a table of counts t[r * ncols + c]
 * (row r, column c: both ordered), ties given their average rank: exact,
 * without the individual pairs. -1 when either variable is constant or the
 * table is empty (the correlation is undefined). */
int spearman_table(const double *t, size_t nrows, size_t ncols, double *rho);

#endif
