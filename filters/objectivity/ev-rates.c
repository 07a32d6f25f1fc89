/* Evidence from awards the school gives and others check: its medalists'
 * ЕГЭ (the margin of the weaker of the two results the medal rule reads over
 * the score it wants) and its school-stage winners' and prize-winners'
 * results at the municipal stage (their share of the maximum). The school's
 * mean against what the awardees of the schools nearest to it in level
 * checked outside (ОГЭ/ЕГЭ) show: a weak school's best pupils do less well
 * by themselves (local_linear_expect weighted by awards; the region's mean
 * of the year for a school with no such level); over the pupils' spread
 * within schools and the schools' own spread beyond it (calibrated_z).
 * Shortfalls count upwards; each year a part, pooled over the year and the
 * year before. The value itself, not whether it missed a threshold: a
 * medalist at 59 and one at 30 miss the rule alike, and a count of misses
 * of one to three awards says little (dichotomising a measure throws away
 * most of what it holds: Cohen, 1983). */
#include <math.h>
#include <stdlib.h>

#include "evidence-kinds.h"

static void
against_expected_value(const struct tally *t, size_t n, enum evidence_kind k)
{
	size_t room = n ? n : 1;
	double *x = emalloc(room * sizeof *x), *y = emalloc(room * sizeof *y), *w = emalloc(room * sizeof *w);
	double *e = emalloc(room * sizeof *e), *d = emalloc(room * sizeof *d), *v = emalloc(room * sizeof *v);
	double *z = emalloc(room * sizeof *z);
	size_t *leveled_at = emalloc(room * sizeof *leveled_at), *at = emalloc(room * sizeof *at);

	for (int year = 2000; year <= 2100; year++) {
		double awards = 0, sum = 0, within = 0, dof = 0, s2;
		size_t leveled = 0, m = 0;
		for (size_t i = 0; i < n; i++) {
			if (t[i].year != year || !(t[i].checked > 0))
				continue;
			awards += t[i].checked, sum += t[i].sum;
			within += t[i].sumsq - t[i].sum * t[i].sum / t[i].checked, dof += t[i].checked - 1;
			if (outside_level(t[i].school_id, year, &x[leveled]) == 0)
				y[leveled] = t[i].sum / t[i].checked, w[leveled] = t[i].checked, leveled_at[leveled++] = i;
		}
		if (!(dof > 0) || !((s2 = within / dof) > 0))
			continue; /* no school with two awards, or all alike: no spread to read by */
		for (size_t j = 0; j < leveled; j++)
			e[j] = NAN;
		if (leveled > kind_neighbours(leveled))
			local_linear_expect(x, y, w, leveled, kind_neighbours(leveled), e);
		for (size_t i = 0, j = 0; i < n; i++) {
			double expected = sum / awards;
			if (t[i].year != year || !(t[i].checked > 0))
				continue;
			if (j < leveled && leveled_at[j] == i) {
				if (!isnan(e[j]))
					expected = e[j];
				j++;
			}
			d[m] = t[i].sum / t[i].checked - expected, v[m] = s2 / t[i].checked, at[m++] = i;
		}
		if (m < MIN_GROUP)
			continue;
		calibrated_z(d, v, m, z);
		for (size_t j = 0; j < m; j++)
			evidence_add(t[at[j]].school_id, year, k, -z[j], 1, t[at[j]].checked, 1);
	}
	free(x), free(y), free(w), free(e), free(d), free(v), free(z), free(leveled_at), free(at);
}

/* the tallies signs_medalists and signs_olympiad made */
static void
medals_finish(void)
{
	against_expected_value(ob.medal_tally, ob.nmedal_tally, EV_MEDALS);
}

static void
olympiad_finish(void)
{
	against_expected_value(ob.olympiad_tally, ob.nolympiad_tally, EV_OLYMPIAD);
}

const struct evidence_module ev_medals = { "medals_not_confirmed", POOL_Z, 1, NULL, medals_finish };
const struct evidence_module ev_olympiad = { "olympiad_not_confirmed", POOL_Z, 1, NULL, olympiad_finish };
