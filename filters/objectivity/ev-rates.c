/* Evidence from awards the school gives and others check, against the rate
 * at which honest schools of its kind have them not confirmed: medalists
 * whose ЕГЭ misses the medal rule, school-stage olympiad winners and
 * prize-winners below half the maximum at the municipal stage. A weak
 * school's best pupils miss more often by themselves, so the rate expected
 * of a school is that of the schools nearest to it in level checked outside
 * (ОГЭ/ЕГЭ, local_expect weighted by awards); of the region's year when the
 * school has no such level. The neighbours' rate is shrunk towards the
 * region's by PRIOR_AWARDS (a beta prior: where the neighbours missed none,
 * a miss is still possible). Counts pooled over the year and the year
 * before, read by their exact law: a beta-binomial of the expected count and
 * its variance (the binomial's, widened by the uncertainty of the expected
 * rate), by its mid-p (surprise_z_counts): two awards of two never make the
 * z of 4 a normal approximation gave them. */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

#define PRIOR_AWARDS 2

static void
against_expected_rate(const struct tally *t, size_t n, enum evidence_kind k)
{
	double *x = emalloc((n ? n : 1) * sizeof *x), *y = emalloc((n ? n : 1) * sizeof *y);
	double *w = emalloc((n ? n : 1) * sizeof *w), *p = emalloc((n ? n : 1) * sizeof *p);
	size_t *who = emalloc((n ? n : 1) * sizeof *who);

	for (int year = 2000; year <= 2100; year++) {
		double checked = 0, missed = 0, p0, wk;
		size_t m = 0, known = 0, schools = 0;
		for (size_t i = 0; i < n; i++) {
			if (t[i].year != year || !(t[i].checked > 0))
				continue;
			checked += t[i].checked, missed += t[i].missed, schools++;
			if (outside_level(t[i].school_id, year, &x[m]) == 0)
				y[m] = t[i].missed / t[i].checked, w[m] = t[i].checked, who[m++] = i;
		}
		if (!schools || !((p0 = missed / checked) > 0 && p0 < 1))
			continue;
		if (m > kind_neighbours(m)) {
			local_expect(x, y, w, m, kind_neighbours(m), p);
			known = m;
		}
		/* the awards behind a neighbours' rate, as if each had the mean */
		wk = (double)kind_neighbours(m) * checked / (double)schools;
		for (size_t i = 0, j = 0; i < n; i++) {
			double pi = p0, behind = checked, var;
			if (t[i].year != year || !(t[i].checked > 0))
				continue;
			if (j < m && who[j] == i) {
				if (j < known && !isnan(p[j]))
					pi = (p[j] * wk + p0 * PRIOR_AWARDS) / (wk + PRIOR_AWARDS), behind = wk + PRIOR_AWARDS;
				j++;
			}
			var = t[i].checked * pi * (1 - pi) * (1 + t[i].checked / behind);
			evidence_add_count(t[i].school_id, year, k, t[i].missed, t[i].checked * pi, var, t[i].checked, 1);
		}
	}
	free(x), free(y), free(w), free(p), free(who);
}

/* the tallies signs_medalists and signs_olympiad made */
static void
medals_finish(void)
{
	against_expected_rate(ob.medal_tally, ob.nmedal_tally, EV_MEDALS);
}

static void
olympiad_finish(void)
{
	against_expected_rate(ob.olympiad_tally, ob.nolympiad_tally, EV_OLYMPIAD);
}

const struct evidence_module ev_medals = { "medals_not_confirmed", POOL_COUNTS, 1, NULL, medals_finish };
const struct evidence_module ev_olympiad = { "olympiad_not_confirmed", POOL_COUNTS, 1, NULL, olympiad_finish };
