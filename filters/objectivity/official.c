#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objectivity.h"

/* Sign 1: the school's CI above its group's. */
void
sign_mean_above_region(struct run r)
{
	double n = 0, sum = 0, sumsq = 0, glo, ghi, lo, hi;
	struct sbuf b = { 0 };

	for (size_t i = 0; i < r.n; i++)
		n += r.v[i]->n_score, sum += r.v[i]->sum, sumsq += r.v[i]->sumsq;
	if (ci95(n, sum, sumsq, &glo, &ghi) < 0)
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		int first = 1;

		if (ci95(a->n_score, a->sum, a->sumsq, &lo, &hi) < 0 || !(lo > ghi))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"mean_above_region\"");
		put_proc(&b, &first, a);
		jw_key(&b, &first, "n");
		jw_num(&b, a->n_score);
		jw_key(&b, &first, "mean");
		jw_num(&b, a->sum / a->n_score);
		jw_key(&b, &first, "school_ci");
		put_pair(&b, lo, hi);
		jw_key(&b, &first, "region_n");
		jw_num(&b, n);
		jw_key(&b, &first, "region_mean");
		jw_num(&b, sum / n);
		jw_key(&b, &first, "region_ci");
		put_pair(&b, glo, ghi);
		jw_key(&b, &first, "limited");
		sb_puts(&b, a->n_score < LIMITED_N ? "true" : "false");
		sb_putc(&b, '}');
		/* strength: the school's standard errors between the two intervals */
		add_sign(a->school_id, a->year, MEAN_ABOVE, (lo - ghi) / ((hi - lo) / (2 * 1.96)), &b);
	}
	sb_free(&b);
}

/* Sign 2: journal marks against ВПР, within each school. */
void
sign_marks_mismatch(struct run r)
{
	const struct scale *sc;
	struct sbuf b = { 0 };

	if (strcmp(r.v[0]->procedure, "VPR") != 0)
		return;
	sc = scale_find(r.v[0]->year, r.v[0]->procedure, r.v[0]->subject, r.v[0]->grade);
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		const struct proc_detail *d = a->d;
		double rho, lowered = 0, confirmed = 0, raised = 0, gap2 = 0, nj;
		int first = 1;

		if (!d || d->n_journal < 2 || spearman_table(d->joint, 4, d->nbins, &rho) < 0 || !(rho < 0))
			continue;
		nj = d->n_journal;
		for (size_t m = 0; sc && m < 4; m++)
			for (size_t s = 0; s < d->nbins; s++) {
				double c = d->joint[m * d->nbins + s];
				int vpr = scale_mark(sc, (double)s), journal = (int)m + 2;
				if (!c)
					continue;
				if (vpr < journal)
					lowered += c;
				else if (vpr == journal)
					confirmed += c;
				else
					raised += c;
				if (abs(vpr - journal) >= 2)
					gap2 += c;
			}
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"marks_mismatch\"");
		put_proc(&b, &first, a);
		jw_key(&b, &first, "n");
		jw_num(&b, nj);
		jw_key(&b, &first, "r");
		jw_num(&b, rho);
		if (sc) { /* понизили / подтвердили / повысили: the ВПР mark against the journal */
			jw_key(&b, &first, "lowered");
			jw_num(&b, lowered / nj);
			jw_key(&b, &first, "confirmed");
			jw_num(&b, confirmed / nj);
			jw_key(&b, &first, "raised");
			jw_num(&b, raised / nj);
			jw_key(&b, &first, "gap2");
			jw_num(&b, gap2 / nj);
		}
		jw_key(&b, &first, "limited");
		sb_puts(&b, nj < LIMITED_N ? "true" : "false");
		sb_putc(&b, '}');
		/* strength: rho's z under independence, -r sqrt(n - 1) */
		add_sign(a->school_id, a->year, MARKS_MISMATCH, -rho * sqrt(nj - 1), &b);
	}
	sb_free(&b);
}
/* Mean percent completion of a school's procedure, or -1. */
double
completion(const struct proc_acc *a)
{
	const struct scale *sc = scale_find(a->year, a->procedure, a->subject, a->grade);

	return sc && a->n_score > 0 ? a->sum / a->n_score / sc->max : -1;
}

/* Sign 3: one cohort from grade N in year Y to N+1 in Y+1, over a group. */
void
sign_cohort(struct run from, struct run to)
{
	size_t n = 0;
	double *k = emalloc(from.n * sizeof *k), *sorted = emalloc(from.n * sizeof *sorted);
	const struct proc_acc **who = emalloc(from.n * sizeof *who);
	struct sbuf b = { 0 };
	double q1, q3, iqr, hi, lo;

	/* both runs are sorted by school: match them in one merge */
	for (size_t i = 0, j = 0; i < from.n && j < to.n;) {
		int c = strcmp(from.v[i]->school_id, to.v[j]->school_id);
		double s1, s2;

		if (c < 0 || c > 0) {
			i += c < 0, j += c > 0;
			continue;
		}
		s1 = completion(from.v[i]), s2 = completion(to.v[j]);
		if (s1 >= 0 && s2 > 0)
			who[n] = from.v[i], k[n] = sorted[n] = s1 / s2, n++;
		i++, j++;
	}
	if (n >= MIN_GROUP) { /* a distribution of fewer schools is not read */
		qsort(sorted, n, sizeof *sorted, cmp_double);
		q1 = quantile7(sorted, n, 0.25);
		q3 = quantile7(sorted, n, 0.75);
		iqr = q3 - q1;
		hi = q3 + 3 * iqr;
		lo = q1 - 3 * iqr;
		for (size_t i = 0; i < n; i++) {
			int first = 1;
			if (!(k[i] > hi || k[i] < lo))
				continue;
			sb_putc(&b, '{');
			jw_key(&b, &first, "sign");
			sb_puts(&b, k[i] > hi ? "\"cohort_drop\"" : "\"cohort_rise\"");
			jw_key(&b, &first, "procedure");
			jw_str(&b, who[i]->procedure, strlen(who[i]->procedure));
			jw_key(&b, &first, "subject");
			jw_str(&b, who[i]->subject, strlen(who[i]->subject));
			jw_key(&b, &first, "grades");
			put_pair(&b, who[i]->grade, who[i]->grade + 1);
			jw_key(&b, &first, "years");
			put_pair(&b, who[i]->year, who[i]->year + 1);
			jw_key(&b, &first, "k");
			jw_num(&b, k[i]);
			jw_key(&b, &first, "q1");
			jw_num(&b, q1);
			jw_key(&b, &first, "q3");
			jw_num(&b, q3);
			jw_key(&b, &first, "critical");
			jw_num(&b, k[i] > hi ? hi : lo);
			jw_key(&b, &first, "schools");
			jw_int(&b, (long long)n);
			sb_putc(&b, '}');
			/* a sign of year Y+1; strength: IQRs from the quartile, 3 at the critical value */
			add_sign(who[i]->school_id, who[i]->year + 1, COHORT,
			         (k[i] > hi ? k[i] - q3 : q1 - k[i]) / (iqr > 0 ? iqr : 1), &b);
		}
	}
	sb_free(&b);
	free(k);
	free(sorted);
	free(who);
}

