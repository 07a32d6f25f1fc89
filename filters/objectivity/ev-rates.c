/* Evidence from awards the school gives and others check, against the
 * region's own base rate of awards not confirmed (honest schools have
 * them too): medalists whose ЕГЭ misses the medal rule, school-stage
 * olympiad winners and prize-winners below half the maximum at the
 * municipal stage. Counts pooled over the year and the year before, tested
 * as a binomial with a continuity correction of half an award. */
#include <math.h>

#include "evidence-kinds.h"

/* the base rate of each year, then each school-year against it */
static void
against_base_rate(const struct tally *t, size_t n, enum evidence_kind k)
{
	double checked[101] = { 0 }, missed[101] = { 0 }; /* years 2000..2100 */

	for (size_t i = 0; i < n; i++)
		if (t[i].year >= 2000 && t[i].year <= 2100)
			checked[t[i].year - 2000] += t[i].checked, missed[t[i].year - 2000] += t[i].missed;
	for (size_t i = 0; i < n; i++) {
		double p;
		if (t[i].year < 2000 || t[i].year > 2100 || !(t[i].checked > 0))
			continue;
		p = missed[t[i].year - 2000] / checked[t[i].year - 2000];
		if (!(p > 0 && p < 1))
			continue;
		evidence_add(t[i].school_id, t[i].year, k, t[i].missed - t[i].checked * p,
		             t[i].checked * p * (1 - p), t[i].checked, 1);
	}
}

/* the tallies signs_medalists and signs_olympiad made */
static void
medals_finish(void)
{
	against_base_rate(ob.medal_tally, ob.nmedal_tally, EV_MEDALS);
}

static void
olympiad_finish(void)
{
	against_base_rate(ob.olympiad_tally, ob.nolympiad_tally, EV_OLYMPIAD);
}

const struct evidence_module ev_medals = { "medals_not_confirmed", POOL_COUNTS, 1, NULL, medals_finish };
const struct evidence_module ev_olympiad = { "olympiad_not_confirmed", POOL_COUNTS, 1, NULL, olympiad_finish };
