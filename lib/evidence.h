/* evidence.h: the arithmetic of the evidence ranking of eq-objectivity:
 * surprises pooled as Σ(observed - expected) / sqrt(Σ variance), what
 * schools like one show, the excess at a mark boundary against its
 * neighbours, and one-sided evidence of several kinds combined.
 * Each is checked in tests/tools/unit.c against hand-worked values. */
#ifndef EQ_EVIDENCE_H
#define EQ_EVIDENCE_H

#include <stddef.h>

/* A pooled surprise: deviations from expectation and their variances,
 * added over pupils, tasks, procedures and years. */
struct surprise {
	double dev, var;
	double n;        /* pupils (or medalists, procedures) behind it */
	double parts;    /* procedures or pairs pooled */
	double zmax;     /* the largest z of one part */
};

void surprise_add(struct surprise *s, double dev, double var, double n);
/* dev / sqrt(var); NAN when there is no variance (nothing known). */
double surprise_z(const struct surprise *s);
/* The pooled z against the largest part's: a lift spread over a school's
 * procedures shows in the pool, one confined to one or two of them in its
 * part. The smaller p of the two (the part's corrected for the number of
 * parts, Šidák) as a z, not doubled for taking the smaller: the empirical
 * null the kind's z's are read against absorbs that; NAN as surprise_z. */
double surprise_z_dense_or_sparse(const struct surprise *s);

/* The upper tail of N(0, 1), and its inverse (p in (0, 1)). */
double norm_sf(double z);
double norm_isf(double p);
/* The upper tail of chi-square with k degrees of freedom (k >= 0). */
double chisq_sf(double x, int k);
/* The digamma and trigamma functions (x > 0): the mean and variance of
 * log(chi2_k / k) are digamma(k/2) - log(k/2) and trigamma(k/2), so a log
 * sample variance of n values is biased by the first and spread by the
 * second, both larger at small n than 0 and 2 / (n - 1). */
double digamma(double x);
double trigamma(double x);

/* Evidence of k kinds, each a z that only counts upwards, as one z:
 * S = sum of max(z, 0)^2 has the chi-bar-square law under the null
 * (independent kinds), p = sum over j of C(k, j) 2^-k P(chi2_j >= S), and
 * the result is the normal quantile of 1 - p. NAN entries are not counted
 * (a kind with no data). 0 when nothing points upwards. */
double combine_one_sided(const double *z, size_t k);

/* Pupils moved up to the lowest score b of a mark from the `below` scores
 * under it, in a window of nw scores around b (h counts, e the shares
 * expected; h[below] and e[below] are b's): the efficient score of that
 * move, U = h_b / e_b - Σ h_j / (below e_j) over the scores j under b, 0 in
 * expectation, with the multinomial variance n (1 / e_b + Σ 1 / (below² e_j)),
 * n the pupils in the window. -1 when an expected share it divides by is 0
 * or below is not inside the window. */
int boundary_score(const double *h, const double *e, size_t nw, size_t below, double *u, double *var);

/* Median and 1.4826 x median absolute deviation of v (reordered). */
int robust_scale(double *v, size_t n, double *median, double *scale);

/* Differences d between schools, each with a sampling variance v, as z's
 * against the honest spread of their kind: (d - median) / sqrt(tau2 + v),
 * tau2 the square of 1.4826 MAD of d less the median v (at least 0): what
 * schools differ by beyond sampling. d and v are left as they were. */
int calibrated_z(const double *d, const double *v, size_t n, double *z);

/* The empirical null of n z's (Efron 2004): their median and 1.4826 MAD,
 * the MAD no less than 1 (never sharper than the theoretical null). With
 * fewer than min_n z's, the theoretical null: 0 and 1, and -1 returned. z
 * is left as it was. */
int empirical_null(const double *z, size_t n, size_t min_n, double *centre, double *scale);

/* What schools like each one show: for each i, the w-weighted mean of y over
 * the k others nearest to it in x (schools of its level), in expect[i]. A
 * neighbourhood follows any shape (a ceiling of marks, of scores) that a
 * fitted curve would have to guess. -1 when n < 2. */
int local_expect(const double *x, const double *y, const double *w, size_t n, size_t k, double *expect);
/* The same neighbours, their w-weighted least-squares line through them
 * read at x[i] (their mean where they all share one x): a school at the
 * edge of the run (the strongest, the weakest) has its neighbours on one
 * side, and their mean lies towards the middle (the boundary bias of a local
 * mean; a local line has none to first order: Fan, 1992). For values on a
 * line, not shares that must stay in 0..1. */
int local_linear_expect(const double *x, const double *y, const double *w, size_t n, size_t k, double *expect);

#endif
