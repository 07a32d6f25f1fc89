#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objectivity.h"

/* Extended sign: a peak at the «3» boundary with a dip just below it, beyond
 * what the region's distribution predicts (binomial z-scores). */
#define PEAK_Z 2.33   /* one-sided 1 % */
#define DIP_Z 1.64    /* one-sided 5 % */
void
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
		add_sign(a->school_id, a->year, BOUNDARY_PEAK, zp < zd ? zp : zd, &out1);
	}
	sb_free(&out1);
}

void
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
		struct key key;
		struct confirm *c;

		if (a->n_score <= 0)
			continue;
		key_of(&key, "sd", a->school_id, a->year);
		if (!(c = strmap_get(&ob.confirms, key.s, key.n))) {
			c = ecalloc(1, sizeof *c);
			c->school_id = estrdup(a->school_id);
			c->year = a->year;
			strmap_put(&ob.confirms, key.s, key.n, c);
			ob.confirmv = erealloc(ob.confirmv, (ob.nconfirm + 1) * sizeof *ob.confirmv);
			ob.confirmv[ob.nconfirm++] = c;
		}
		if (vpr)
			c->zv += (a->sum / a->n_score - mean) / sd, c->nv++;
		else
			c->ze += (a->sum / a->n_score - mean) / sd, c->ne++;
		key_free(&key);
	}
}

/* Extended sign: ВПР well above what the school's ОГЭ/ЕГЭ confirm. */
#define CONFIRM_GAP 1.5  /* ВПР this many school SDs above ОГЭ/ЕГЭ: not confirmed */
#define CONFIRM_VPR 0.5
void
signs_not_confirmed(void)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < ob.nconfirm; i++) {
		const struct confirm *c = ob.confirmv[i];
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
		add_sign(c->school_id, c->year, NOT_CONFIRMED, 2 * (zv - ze), &b);
	}
	sb_free(&b);
}

static void
tally_add(struct tally **t, size_t *n, const char *school_id, int year, double checked, double sum,
          double sumsq)
{
	*t = erealloc(*t, (*n + 1) * sizeof **t);
	(*t)[(*n)++] = (struct tally){ school_id, year, checked, sum, sumsq };
}

static int
medalist_order(const void *pa, const void *pb)
{
	const struct medalist *a = pa, *b = pb;

	return by_school_then_year(a->school_id, a->year, b->school_id, b->year);
}

/* Extended sign: medalists whose ЕГЭ of the same year misses the medal rule
 * (since 2023: русский язык and another subject at 70 or more for the first
 * degree, 60 for the second; no degree given: the second's rule). Medalists
 * with no ЕГЭ test score are counted apart, not as misses. */
#define MEDAL_MIN_MISSED 2
#define MEDAL_SHARE 0.5
void
signs_medalists(void)
{
	struct sbuf b = { 0 };
	size_t i, j;

	if (ob.nmedalists)
		qsort(ob.medalists, ob.nmedalists, sizeof *ob.medalists, medalist_order);
	for (i = 0; i < ob.nmedalists; i = j) {
		double checked = 0, missed = 0, unknown = 0, sum = 0, sumsq = 0;
		int first = 1;

		for (j = i; j < ob.nmedalists && medalist_order(&ob.medalists[i], &ob.medalists[j]) == 0; j++) {
			struct key key;
			const struct ege_best *e;

			key_of(&key, "sd", ob.medalists[j].student_id, ob.medalists[j].year);
			e = strmap_get(&ob.ege, key.s, key.n);
			key_free(&key);
			double need = ob.medalists[j].medal == 1 ? 70 : 60;

			if (!e || e->russian < 0 || e->other < 0) {
				unknown++;
				continue;
			}
			double margin = fmin(e->russian, e->other) - need;
			checked++;
			missed += margin < 0;
			sum += margin, sumsq += margin * margin;
		}
		tally_add(&ob.medal_tally, &ob.nmedal_tally, ob.medalists[i].school_id, ob.medalists[i].year,
		          checked, sum, sumsq);
		if (!(missed >= MEDAL_MIN_MISSED && missed >= MEDAL_SHARE * checked))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"medalists_not_confirmed\"");
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "medalists");
		jw_int(&b, (long long)(j - i));
		jw_key(&b, &first, "checked");
		jw_num(&b, checked);
		jw_key(&b, &first, "not_confirmed");
		jw_num(&b, missed);
		jw_key(&b, &first, "share");
		jw_num(&b, missed / checked);
		jw_key(&b, &first, "without_ege");
		jw_num(&b, unknown);
		sb_putc(&b, '}');
		add_sign(ob.medalists[i].school_id, ob.medalists[i].year, MEDALISTS, 4 * missed / checked, &b);
	}
	sb_free(&b);
}

static int
olympian_order(const void *pa, const void *pb)
{
	const struct olympian *a = pa, *b = pb;

	return by_school_then_year(a->school_id, a->year, b->school_id, b->year);
}

/* Extended sign: school-stage winners and prize-winners who scored below half
 * the maximum at the municipal stage of the same subject and year. Those with
 * no municipal result are not counted (they may not have been invited). */
#define OLYMP_MIN_CHECKED 3
#define OLYMP_SHARE 0.5
void
signs_olympiad(void)
{
	struct sbuf b = { 0 };
	size_t i, j;

	if (ob.nolympians)
		qsort(ob.olympians, ob.nolympians, sizeof *ob.olympians, olympian_order);
	for (i = 0; i < ob.nolympians; i = j) {
		double checked = 0, below = 0, sum = 0, sumsq = 0;
		int first = 1;

		for (j = i; j < ob.nolympians && olympian_order(&ob.olympians[i], &ob.olympians[j]) == 0; j++) {
			struct key key;
			const double *share;

			key_of(&key, "ssd", ob.olympians[j].student_id, ob.olympians[j].subject, ob.olympians[j].year);
			share = strmap_get(&ob.municipal_stage, key.s, key.n);
			key_free(&key);

			if (share)
				checked++, below += *share < 0.5, sum += *share, sumsq += *share * *share;
		}
		tally_add(&ob.olympiad_tally, &ob.nolympiad_tally, ob.olympians[i].school_id, ob.olympians[i].year,
		          checked, sum, sumsq);
		if (!(checked >= OLYMP_MIN_CHECKED && below > OLYMP_SHARE * checked))
			continue;
		sb_putc(&b, '{');
		jw_key(&b, &first, "sign");
		sb_puts(&b, "\"olympiad_not_confirmed\"");
		jw_key(&b, &first, "extended");
		sb_puts(&b, "true");
		jw_key(&b, &first, "school_stage_awarded");
		jw_int(&b, (long long)(j - i));
		jw_key(&b, &first, "at_municipal_stage");
		jw_num(&b, checked);
		jw_key(&b, &first, "below_half");
		jw_num(&b, below);
		jw_key(&b, &first, "share");
		jw_num(&b, below / checked);
		sb_putc(&b, '}');
		add_sign(ob.olympians[i].school_id, ob.olympians[i].year, OLYMPIAD, 4 * below / checked, &b);
	}
	sb_free(&b);
}

/* Extended sign: a procedure the school wrote with neither public observers
 * nor video, as an observation record of it says. Without a record nothing
 * is known, and nothing is said. */
void
sign_no_observation(const struct proc_acc *a, struct strmap *done)
{
	struct key key;
	int first = 1;
	struct sbuf b = { 0 };

	key_of(&key, "sds", a->school_id, a->year, a->procedure);
	if (strmap_get(&ob.observation, key.s, key.n) != &ob.observers || strmap_get(done, key.s, key.n)) {
		key_free(&key);
		return;
	}
	strmap_put(done, key.s, key.n, done);
	key_free(&key);
	sb_putc(&b, '{');
	jw_key(&b, &first, "sign");
	sb_puts(&b, "\"no_observation\"");
	jw_key(&b, &first, "procedure");
	jw_str(&b, a->procedure, strlen(a->procedure));
	jw_key(&b, &first, "extended");
	sb_puts(&b, "true");
	sb_putc(&b, '}');
	add_sign(a->school_id, a->year, NO_OBSERVATION, 1, &b);
	sb_free(&b);
}
