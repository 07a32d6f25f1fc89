/* Evidence from awards the school gives and others check, against the
 * region's own base rate of awards not confirmed (honest schools have
 * them too): medalists whose ЕГЭ misses the medal rule, school-stage
 * olympiad winners and prize-winners below half the maximum at the
 * municipal stage. Counts pooled over the year and the year before, tested
 * as a binomial with a continuity correction of half an award. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evidence-kinds.h"

struct tally {
	const char *school_id;
	int year;
	double checked, missed;
};

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

/* ob.medalists are sorted by school and year (signs_medalists) */
static void
medals_finish(void)
{
	struct tally *t = NULL;
	size_t n = 0;

	for (size_t i = 0, j; i < ob.nmedalists; i = j) {
		double checked = 0, missed = 0;
		for (j = i; j < ob.nmedalists && strcmp(ob.medalists[j].school_id, ob.medalists[i].school_id) == 0 &&
		            ob.medalists[j].year == ob.medalists[i].year; j++) {
			double need = ob.medalists[j].medal == 1 ? 70 : 60;
			struct key key;
			const struct ege_best *e;
			key_of(&key, "sd", ob.medalists[j].student_id, ob.medalists[j].year);
			e = strmap_get(&ob.ege, key.s, key.n);
			key_free(&key);
			if (!e || e->russian < 0 || e->other < 0)
				continue; /* no ЕГЭ known: not a miss */
			checked++;
			missed += e->russian < need || e->other < need;
		}
		t = erealloc(t, (n + 1) * sizeof *t);
		t[n++] = (struct tally){ ob.medalists[i].school_id, ob.medalists[i].year, checked, missed };
	}
	against_base_rate(t, n, EV_MEDALS);
	free(t);
}

/* ob.olympians are sorted by school and year (signs_olympiad) */
static void
olympiad_finish(void)
{
	struct tally *t = NULL;
	size_t n = 0;

	for (size_t i = 0, j; i < ob.nolympians; i = j) {
		double checked = 0, below = 0;
		for (j = i; j < ob.nolympians && strcmp(ob.olympians[j].school_id, ob.olympians[i].school_id) == 0 &&
		            ob.olympians[j].year == ob.olympians[i].year; j++) {
			struct key key;
			const double *share;
			key_of(&key, "ssd", ob.olympians[j].student_id, ob.olympians[j].subject, ob.olympians[j].year);
			share = strmap_get(&ob.municipal_stage, key.s, key.n);
			key_free(&key);
			if (share)
				checked++, below += *share < 0.5;
		}
		t = erealloc(t, (n + 1) * sizeof *t);
		t[n++] = (struct tally){ ob.olympians[i].school_id, ob.olympians[i].year, checked, below };
	}
	against_base_rate(t, n, EV_OLYMPIAD);
	free(t);
}

const struct evidence_module ev_medals = { "medals_not_confirmed", POOL_COUNTS, 1, NULL, medals_finish };
const struct evidence_module ev_olympiad = { "olympiad_not_confirmed", POOL_COUNTS, 1, NULL, olympiad_finish };
