/* eq-objectivity: signs of non-objective results, with their evidence, and
 * the objectivity level of each group. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "json.h"
#include "opt.h"
#include "proclist.h"
#include "reduce.h"
#include "report.h"
#include "scales.h"
#include "schools.h"
#include "stats.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

static const char usage[] = "[--by municipality|region|all] [--rejects FILE] [FILE...]";
static const char help[] =
	"Pass every record through; at the end write one objectivity record per school\n"
	"and year (its signs of non-objective results, each with its evidence) and one\n"
	"objectivity_index per group and year (100 - the percent of schools flagged).\n"
	"\n"
	"The official signs (Рособрнадзор / ФИОКО 2019):\n"
	"  mean_above_region  the 95 % CI of the school's mean primary score lies above\n"
	"                     the CI of its group's\n"
	"  marks_mismatch     Spearman's correlation of journal mark and ВПР primary\n"
	"                     score within the school is negative\n"
	"  cohort_drop/rise   K = S(grade N, Y) / S(N+1, Y+1) beyond Q3 + 3 IQR or\n"
	"                     Q1 - 3 IQR of the group's schools (S: mean percent\n"
	"                     completion)\n"
	"These are signs (признаки), not verdicts.\n"
	"\n"
	"  -b, --by G          the group: municipality, region (default) or all\n"
	COMMON_HELP;

#define LIMITED_N 20      /* ФИОКО: a distribution of fewer is of limited use */
#define MIN_GROUP 10      /* a sign that reads a distribution of schools needs as many */

/* A sign found, as the JSON of its evidence. */
struct sign {
	char *school_id;
	int year;
	int extended;   /* reported, but does not flag */
	size_t order;   /* as found: the order of a school's signs */
	char *json;
};

/* A school's year: whether it took part, and its signs. */
struct school_year {
	char *school_id;
	const char *group;
	int year;
	int flagged;
};

static struct reduce results = { .detail = 1 };
static struct strmap examined, cohorts;
static struct sign *signs;
static size_t nsigns;
static enum group_by by = BY_REGION;
static unsigned long nrecords;
static struct sbuf out;

static const char *
group_of(const char *school_id)
{
	const char *g = school_group(school_id, by);

	return g ? g : "unknown";
}

static int
take(const struct record *r)
{
	const char *why;

	if (!r->type)
		return 0;
	if (type_is(r->type, r->tlen, "school"))
		schools_add(r->line, r->len);
	if (type_is(r->type, r->tlen, "result") && reduce_result(&results, r->line, r->len, &why) < 0) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "result: %s", why);
		return -1;
	}
	return 0;
}

static void
add_sign(const char *school_id, int year, int extended, struct sbuf *b)
{
	sb_putc(b, '\0');
	signs = erealloc(signs, (nsigns + 1) * sizeof *signs);
	signs[nsigns] = (struct sign){ estrdup(school_id), year, extended, nsigns, estrdup(b->s) };
	nsigns++;
	b->len = 0;
}

static void
put_proc(struct sbuf *b, int *first, const struct proc_acc *a)
{
	jw_key(b, first, "procedure");
	jw_str(b, a->procedure, strlen(a->procedure));
	jw_key(b, first, "subject");
	jw_str(b, a->subject, strlen(a->subject));
	jw_key(b, first, "grade");
	jw_int(b, a->grade);
}

static void
put_pair(struct sbuf *b, double x, double y)
{
	sb_putc(b, '[');
	jw_num(b, x);
	sb_putc(b, ',');
	jw_num(b, y);
	sb_putc(b, ']');
}

/* Accumulators of one procedure in one group (of v sorted by procedure). */
struct run {
	struct proc_acc **v;
	size_t n;
};

/* Sign 1: the school's CI above its group's. */
static void
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
		add_sign(a->school_id, a->year, 0, &b);
	}
	sb_free(&b);
}

/* Sign 2: journal marks against ВПР, within each school. */
static void
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
		add_sign(a->school_id, a->year, 0, &b);
	}
	sb_free(&b);
}

/* Extended sign: a peak at the «3» boundary with a dip just below it, beyond
 * what the region's distribution predicts (binomial z-scores). */
#define PEAK_Z 2.33   /* one-sided 1 % */
#define DIP_Z 1.64    /* one-sided 5 % */
static void
sign_boundary_peak(struct run r)
{
	const struct scale *sc = scale_find(r.v[0]->year, r.v[0]->procedure, r.v[0]->subject, r.v[0]->grade);
	double N = 0, at = 0, below = 0, pb, pl;
	size_t b;
	struct sbuf out1 = { 0 };

	if (!sc)
		return;
	b = (size_t)sc->min3;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_detail *d = r.v[i]->d;
		if (!d)
			continue;
		for (size_t s = 0; s < d->nbins; s++) {
			N += d->hist[s];
			at += s == b ? d->hist[s] : 0;
			below += s + 3 >= b && s < b ? d->hist[s] : 0;
		}
	}
	if (N < 1)
		return;
	pb = at / N, pl = below / N;
	if (pb <= 0 || pb >= 1 || pl <= 0 || pl >= 1)
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		const struct proc_detail *d = a->d;
		double n = a->n_score, x = 0, y = 0, zp, zd;
		int first = 1;

		if (!d || n < MIN_GROUP)
			continue;
		for (size_t s = 0; s < d->nbins; s++) {
			x += s == b ? d->hist[s] : 0;
			y += s + 3 >= b && s < b ? d->hist[s] : 0;
		}
		zp = (x - n * pb) / sqrt(n * pb * (1 - pb));
		zd = (n * pl - y) / sqrt(n * pl * (1 - pl));
		if (!(zp > PEAK_Z && zd > DIP_Z))
			continue;
		sb_putc(&out1, '{');
		jw_key(&out1, &first, "sign");
		sb_puts(&out1, "\"boundary_peak\"");
		put_proc(&out1, &first, a);
		jw_key(&out1, &first, "extended");
		sb_puts(&out1, "true");
		jw_key(&out1, &first, "n");
		jw_num(&out1, n);
		jw_key(&out1, &first, "boundary");
		jw_int(&out1, (long long)b);
		jw_key(&out1, &first, "share_at");
		jw_num(&out1, x / n);
		jw_key(&out1, &first, "region_share_at");
		jw_num(&out1, pb);
		jw_key(&out1, &first, "share_below");
		jw_num(&out1, y / n);
		jw_key(&out1, &first, "region_share_below");
		jw_num(&out1, pl);
		jw_key(&out1, &first, "z_peak");
		jw_num(&out1, zp);
		jw_key(&out1, &first, "z_dip");
		jw_num(&out1, zd);
		sb_putc(&out1, '}');
		add_sign(a->school_id, a->year, 1, &out1);
	}
	sb_free(&out1);
}

/* z of each school's mean among its group's school means, summed per school
 * and year for ВПР and for ОГЭ/ЕГЭ (checked outside the school). */
struct confirm {
	char *school_id;
	int year;
	double zv, nv, ze, ne;
};
static struct strmap confirms;
static struct confirm **confirmv;
static size_t nconfirm;

static void
collect_z(struct run r)
{
	double mean = 0, ss = 0, sd;
	size_t m = 0;
	int vpr = strcmp(r.v[0]->procedure, "VPR") == 0;
	int external = strcmp(r.v[0]->procedure, "OGE") == 0 || strcmp(r.v[0]->procedure, "EGE") == 0;

	if (!vpr && !external)
		return;
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i]->n_score > 0)
			mean += r.v[i]->sum / r.v[i]->n_score, m++;
	if (m < MIN_GROUP)
		return;
	mean /= (double)m;
	for (size_t i = 0; i < r.n; i++)
		if (r.v[i]->n_score > 0) {
			double d = r.v[i]->sum / r.v[i]->n_score - mean;
			ss += d * d;
		}
	if (!((sd = sqrt(ss / (double)(m - 1))) > 0))
		return;
	for (size_t i = 0; i < r.n; i++) {
		const struct proc_acc *a = r.v[i];
		char key[200];
		int k;
		struct confirm *c;

		if (a->n_score <= 0)
			continue;
		k = snprintf(key, sizeof key, "%s\x1f%d", a->school_id, a->year);
		if (!(c = strmap_get(&confirms, key, (size_t)k))) {
			c = ecalloc(1, sizeof *c);
			c->school_id = estrdup(a->school_id);
			c->year = a->year;
			strmap_put(&confirms, key, (size_t)k, c);
			confirmv = erealloc(confirmv, (nconfirm + 1) * sizeof *confirmv);
			confirmv[nconfirm++] = c;
		}
		if (vpr)
			c->zv += (a->sum / a->n_score - mean) / sd, c->nv++;
		else
			c->ze += (a->sum / a->n_score - mean) / sd, c->ne++;
	}
}

/* Extended sign: ВПР well above what the school's ОГЭ/ЕГЭ confirm. */
#define CONFIRM_GAP 1.5
#define CONFIRM_VPR 0.5
static void
signs_not_confirmed(void)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < nconfirm; i++) {
		const struct confirm *c = confirmv[i];
		double zv, ze;
		int first = 1;

		if (c->nv < 1 || c->ne < 1)
			continue;
		zv = c->zv / c->nv, ze = c->ze / c->ne;
		if (!(zv - ze > CONFIRM_GAP && zv > CONFIRM_VPR))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"not_confirmed\"");
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "vpr_z");
		jw_num(&b, zv);
		jw_key(&b, &first, "vpr_procedures");
		jw_num(&b, c->nv);
		jw_key(&b, &first, "external_z");
		jw_num(&b, ze);
		jw_key(&b, &first, "external_procedures");
		jw_num(&b, c->ne);
		jw_key(&b, &first, "gap");
		jw_num(&b, zv - ze);
		sb_putc(&b, '}');
		add_sign(c->school_id, c->year, 1, &b);
	}
	sb_free(&b);
	for (size_t i = 0; i < nconfirm; i++) {
		free(confirmv[i]->school_id);
		free(confirmv[i]);
	}
	free(confirmv);
	strmap_free(&confirms, NULL);
}

/* Mean percent completion of a school's procedure, or -1. */
static double
completion(const struct proc_acc *a)
{
	const struct scale *sc = scale_find(a->year, a->procedure, a->subject, a->grade);

	return sc && a->n_score > 0 ? a->sum / a->n_score / sc->max : -1;
}

/* Sign 3: one cohort from grade N in year Y to N+1 in Y+1, over a group. */
static void
sign_cohort(struct run from, struct run to)
{
	size_t n = 0;
	double *k = emalloc(from.n * sizeof *k), *sorted = emalloc(from.n * sizeof *sorted);
	const struct proc_acc **who = emalloc(from.n * sizeof *who);
	struct sbuf b = { 0 };
	double q1, q3, iqr, hi, lo;

	for (size_t i = 0; i < from.n; i++) {
		double s1 = completion(from.v[i]), s2 = -1;
		for (size_t j = 0; j < to.n; j++)
			if (strcmp(to.v[j]->school_id, from.v[i]->school_id) == 0)
				s2 = completion(to.v[j]);
		if (s1 >= 0 && s2 > 0)
			who[n] = from.v[i], k[n] = sorted[n] = s1 / s2, n++;
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
			add_sign(who[i]->school_id, who[i]->year + 1, 0, &b); /* a sign of year Y+1 */
		}
	}
	sb_free(&b);
	free(k);
	free(sorted);
	free(who);
}

static int
by_group_proc(const void *pa, const void *pb)
{
	const struct proc_acc *a = *(struct proc_acc *const *)pa, *b = *(struct proc_acc *const *)pb;
	int c;

	if ((c = strcmp(group_of(a->school_id), group_of(b->school_id))))
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if ((c = strcmp(a->procedure, b->procedure)) || (c = strcmp(a->subject, b->subject)))
		return c;
	if (a->grade != b->grade)
		return a->grade - b->grade;
	return strcmp(a->school_id, b->school_id);
}

static int
same_run(const struct proc_acc *a, const struct proc_acc *b)
{
	return a->year == b->year && a->grade == b->grade && strcmp(a->procedure, b->procedure) == 0 &&
	       strcmp(a->subject, b->subject) == 0 &&
	       strcmp(group_of(a->school_id), group_of(b->school_id)) == 0;
}

static int
by_school_year(const void *pa, const void *pb)
{
	const struct school_year *a = pa, *b = pb;
	int c = strcmp(a->school_id, b->school_id);

	return c ? c : a->year - b->year;
}

static int
by_group_year(const void *pa, const void *pb)
{
	const struct school_year *a = pa, *b = pb;
	int c = strcmp(a->group, b->group);

	return c ? c : a->year - b->year;
}

static int
sign_order(const void *pa, const void *pb)
{
	const struct sign *a = pa, *b = pb;
	int c = strcmp(a->school_id, b->school_id);

	if (c)
		return c;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* One school's year; *next walks the signs, sorted like the school-years. */
static void
emit_school(struct school_year *sy, size_t *next)
{
	int first = 1, f2 = 1;
	size_t i;

	out.len = 0;
	sb_putc(&out, '{');
	jw_key(&out, &first, "type");
	sb_puts(&out, "\"objectivity\"");
	jw_key(&out, &first, "school_id");
	jw_str(&out, sy->school_id, strlen(sy->school_id));
	jw_key(&out, &first, "year");
	jw_int(&out, sy->year);
	jw_key(&out, &first, "group");
	jw_str(&out, sy->group, strlen(sy->group));
	jw_key(&out, &first, "signs");
	sb_putc(&out, '[');
	for (i = *next; i < nsigns && (strcmp(signs[i].school_id, sy->school_id) < 0 ||
	     (strcmp(signs[i].school_id, sy->school_id) == 0 && signs[i].year < sy->year)); i++)
		; /* signs of a school-year with no examined results: none are made */
	for (; i < nsigns && signs[i].year == sy->year && strcmp(signs[i].school_id, sy->school_id) == 0; i++) {
		if (!f2)
			sb_putc(&out, ',');
		f2 = 0;
		sb_puts(&out, signs[i].json);
		if (!signs[i].extended)
			sy->flagged = 1; /* the official signs flag; the extended inform */
	}
	*next = i;
	sb_putc(&out, ']');
	jw_key(&out, &first, "flagged");
	sb_puts(&out, sy->flagged ? "true" : "false");
	sb_puts(&out, "}\n");
	fwrite(out.s, 1, out.len, stdout);
}

static void
finish(void)
{
	struct proc_acc **v = results.v;
	size_t n = results.n, i, j, nsy = 0;
	struct school_year *sy = emalloc((n ? n : 1) * sizeof *sy);

	if (n)
		qsort(v, n, sizeof *v, by_group_proc);
	for (i = 0; i < n; i = j) {
		struct run r;
		for (j = i + 1; j < n && same_run(v[i], v[j]); j++)
			;
		r.v = v + i, r.n = j - i;
		if (proclist_has(&examined, v[i]->procedure, v[i]->subject, v[i]->grade)) {
			sign_mean_above_region(r);
			sign_marks_mismatch(r);
			sign_boundary_peak(r);
			collect_z(r);
		}
		if (proclist_has(&cohorts, v[i]->procedure, v[i]->subject, v[i]->grade)) {
			/* the same cohort a year on, in the same group */
			for (size_t k = 0; k < n; k++)
				if (v[k]->year == v[i]->year + 1 && v[k]->grade == v[i]->grade + 1 &&
				    strcmp(v[k]->procedure, v[i]->procedure) == 0 &&
				    strcmp(v[k]->subject, v[i]->subject) == 0 &&
				    strcmp(group_of(v[k]->school_id), group_of(v[i]->school_id)) == 0) {
					struct run to = { v + k, 0 };
					while (k + to.n < n && same_run(v[k], v[k + to.n]))
						to.n++;
					sign_cohort(r, to);
					break;
				}
		}
	}
	signs_not_confirmed();
	/* every school and year with an examined procedure */
	for (i = 0; i < n; i++) {
		if (!proclist_has(&examined, v[i]->procedure, v[i]->subject, v[i]->grade) &&
		    !proclist_has(&cohorts, v[i]->procedure, v[i]->subject, v[i]->grade - 1))
			continue;
		for (j = 0; j < nsy; j++)
			if (sy[j].year == v[i]->year && strcmp(sy[j].school_id, v[i]->school_id) == 0)
				break;
		if (j == nsy)
			sy[nsy++] = (struct school_year){ v[i]->school_id, group_of(v[i]->school_id), v[i]->year, 0 };
	}
	if (nsy)
		qsort(sy, nsy, sizeof *sy, by_school_year);
	if (nsigns)
		qsort(signs, nsigns, sizeof *signs, sign_order);
	for (i = 0, j = 0; i < nsy; i++)
		emit_school(&sy[i], &j);
	/* the objectivity level: 100 - percent of schools flagged */
	if (nsy)
		qsort(sy, nsy, sizeof *sy, by_group_year);
	for (i = 0; i < nsy; i = j) {
		size_t flagged = 0;
		int first = 1;

		for (j = i; j < nsy && sy[j].year == sy[i].year && strcmp(sy[j].group, sy[i].group) == 0; j++)
			flagged += sy[j].flagged;
		out.len = 0;
		sb_putc(&out, '{');
		jw_key(&out, &first, "type");
		sb_puts(&out, "\"objectivity_index\"");
		jw_key(&out, &first, "group");
		jw_str(&out, sy[i].group, strlen(sy[i].group));
		jw_key(&out, &first, "year");
		jw_int(&out, sy[i].year);
		jw_key(&out, &first, "schools");
		jw_int(&out, (long long)(j - i));
		jw_key(&out, &first, "flagged");
		jw_int(&out, (long long)flagged);
		jw_key(&out, &first, "index");
		jw_num(&out, 100 - 100.0 * (double)flagged / (double)(j - i));
		sb_puts(&out, "}\n");
		fwrite(out.s, 1, out.len, stdout);
	}
	free(sy);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	int c, status;

	argv[0] = (char *)(argv0 = "eq-objectivity"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "b:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		if (c == 'b') {
			if (group_by_parse(optarg, &by) < 0)
				die(EQ_USAGE, "--by: expected municipality, region or all, got \"%s\"", optarg);
		} else {
			usage_exit(usage);
		}
	}
	dict_load();
	scales_load();
	proclist_load(&examined, "ref/objectivity_procedures.tsv", 0);
	proclist_load(&cohorts, "ref/cohorts.tsv", 0);
	report_open(common.rejects);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	finish();
	status = stream_finish(nrecords);
	for (size_t i = 0; i < nsigns; i++) {
		free(signs[i].school_id);
		free(signs[i].json);
	}
	free(signs);
	strmap_free(&examined, NULL);
	strmap_free(&cohorts, NULL);
	reduce_free(&results);
	schools_free();
	sb_free(&out);
	return status;
}
