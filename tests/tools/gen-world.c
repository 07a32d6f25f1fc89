/* gen-world [-s SCHOOLS] [-m MUNICIPALITIES] [-r SEED] [-t TRUTH] [-P]: a region
 * whose world is drawn from the seed, for validating the evidence ranking of
 * eq-objectivity on worlds it was not built on (issue 13). NDJSON records on
 * stdout: school, result (ВПР 4-6 with tasks and journal marks, ОГЭ 9 with
 * tasks, ЕГЭ 11 test scores), observation, medalist, olympiad; the truth in
 * TRUTH as TSV: school, kind (typical, strong, weak, or the planted styles
 * joined by '+'), municipality. -P prints the world's parameters to stderr.
 *
 * What varies from world to world (gen-region keeps one world fixed):
 *   share of inflating schools 2-10 %; strong honest schools of which only
 *   some are marked advanced; school, cohort and subject effects, noisy for
 *   weak schools; classes of 4 to 30; tasks of unequal discrimination;
 *   teachers' journals lenient or strict by school; public observation of
 *   30-70 % of honest schools; the region's base rates of medalists and
 *   school-stage olympiad winners not confirmed outside the school.
 * Inflating schools take one to three styles, each on a subset of their ВПР
 * procedures and years, with an intensity of their own:
 *   leaked    hard tasks succeed 70-95 % for most pupils
 *   lenient   scores 1-3 points below «3» lifted to it (most of them)
 *   primary   grade 4 abilities raised by 0.8-1.6
 *   dictated  most pupils answer every task right 80-95 % of the time
 *   lifted    scores raised by 1-4 points at random tasks (checked leniently)
 * and their medals and school-stage awards go to weaker pupils. ОГЭ and ЕГЭ,
 * checked outside the school, stay honest. Deterministic for a seed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rng {
	unsigned long long s;
};

static double
uniform(struct rng *r)
{
	r->s ^= r->s << 13, r->s ^= r->s >> 7, r->s ^= r->s << 17;
	return (double)(r->s >> 11) / 9007199254740992.0;
}

static double
between(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * uniform(r);
}

static double
normal(struct rng *r)
{
	double u = uniform(r), v = uniform(r);

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static struct rng
seeded(unsigned long long seed, unsigned long long stream)
{
	struct rng r = { (seed + 1) * 0x9e3779b97f4a7c15ULL ^ (stream + 1) * 0xbf58476d1ce4e5b9ULL };

	for (int i = 0; i < 8; i++)
		uniform(&r);
	return r;
}

enum style { LEAKED, LENIENT, PRIMARY, DICTATED, LIFTED, NSTYLES };
static const char *const style_name[NSTYLES] = { "leaked", "lenient", "primary", "dictated", "lifted" };

/* A procedure with real scales (schemas/ref/scales.tsv): task maxima summing
 * to the maximum, difficulties; discriminations are the world's. */
struct proc {
	const char *procedure, *subject;
	int grade, ntasks, max[20], min3, min4, min5;
	double difficulty[20];
};

static const struct proc procs[] = {
	{ "VPR", "math", 4, 12, { 1, 1, 1, 1, 2, 2, 1, 2, 2, 2, 2, 3 }, 6, 10, 15,
	  { -1.5, -1.2, -1, -0.8, -0.4, -0.2, 0, 0.3, 0.6, 1, 1.4, 1.8 } },
	{ "VPR", "russian", 4, 15, { 4, 3, 1, 2, 2, 3, 3, 2, 2, 3, 2, 2, 3, 3, 3 }, 14, 24, 33,
	  { -1.2, -1, -1, -0.7, -0.5, -0.3, -0.1, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.3, 1.6 } },
	{ "VPR", "math", 5, 14, { 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 2, 4 }, 7, 11, 15,
	  { -1.5, -1.3, -1, -0.8, -0.6, -0.4, -0.2, 0, 0.3, 0.6, 0.9, 1.2, 1.5, 2 } },
	{ "VPR", "russian", 5, 12, { 4, 3, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6 }, 18, 29, 39,
	  { -1.2, -1, -0.8, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.8, 1.1, 1.5 } },
	{ "VPR", "math", 6, 13, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 2 }, 6, 10, 14,
	  { -1.6, -1.3, -1, -0.7, -0.5, -0.3, 0, 0.2, 0.5, 0.8, 1.1, 1.5, 2 } },
	{ "VPR", "russian", 6, 14, { 9, 3, 3, 3, 4, 3, 3, 3, 4, 4, 3, 3, 3, 4 }, 25, 35, 45,
	  { -1, -1.2, -0.9, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.3, 1.6 } },
	{ "OGE", "math", 9, 10, { 2, 2, 2, 3, 3, 3, 4, 4, 4, 4 }, 8, 15, 22,
	  { -1.5, -1, -0.6, -0.3, 0, 0.3, 0.6, 1, 1.4, 1.8 } },
	{ "OGE", "russian", 9, 9, { 7, 2, 3, 3, 3, 3, 4, 4, 4 }, 15, 23, 29,
	  { -1.5, -1, -0.6, -0.3, 0, 0.3, 0.6, 1, 1.4 } },
};
#define NPROCS (sizeof procs / sizeof *procs)
#define NVPR 6
#define YEAR0 2023
#define NYEARS 2

/* The world: drawn once from the seed. */
struct world {
	double planted, strong, weak, advanced_marked, typical_marked;
	double school_sd, cohort_sd, subject_sd, journal_sd, leniency_sd;
	double discrimination[NPROCS][20];
	double observed_honest, observed_planted;
	double ege_noise, medal_share, olympiad_noise;
	int min_class, max_class;
};

/* A school: its kind, level, and what it inflates where. */
struct school {
	int strong, weak, advanced, styles;         /* styles: a bit per enum style */
	double mean, leniency, observed, subject[2], size;
	unsigned char where[NSTYLES][NVPR][NYEARS]; /* a style on a procedure and year */
	double intensity[NSTYLES];
};

static void
draw_world(struct world *w, struct rng *r)
{
	w->planted = between(r, 0.02, 0.10);
	w->strong = between(r, 0.05, 0.2);
	w->weak = between(r, 0.05, 0.2);
	w->advanced_marked = between(r, 0.3, 0.7);
	w->typical_marked = between(r, 0, 0.06);
	w->school_sd = between(r, 0.2, 0.5);
	w->cohort_sd = between(r, 0.1, 0.3);
	w->subject_sd = between(r, 0.05, 0.25);
	w->journal_sd = between(r, 0.3, 0.7);
	w->leniency_sd = between(r, 0, 0.4);
	for (size_t p = 0; p < NPROCS; p++)
		for (int t = 0; t < 20; t++)
			w->discrimination[p][t] = between(r, 0.6, 1.6);
	w->observed_honest = between(r, 0.3, 0.7);
	w->observed_planted = w->observed_honest * between(r, 0.3, 1);
	w->ege_noise = between(r, 5, 12);
	w->medal_share = between(r, 0.05, 0.15);
	w->olympiad_noise = between(r, 0.3, 0.8);
	w->min_class = 4;
	w->max_class = 30;
}

static void
draw_school(struct school *s, const struct world *w, struct rng *r)
{
	double u = uniform(r);

	memset(s, 0, sizeof *s);
	if (u < w->planted) {
		int n = 1 + (uniform(r) < 0.5) + (uniform(r) < 0.25);
		while (n > 0) {
			int k = (int)(uniform(r) * NSTYLES);
			if (!(s->styles & 1 << k))
				s->styles |= 1 << k, n--;
		}
	} else if (u < w->planted + w->strong) {
		s->strong = 1;
	} else if (u < w->planted + w->strong + w->weak) {
		s->weak = 1;
	}
	s->mean = w->school_sd * normal(r) + (s->strong ? between(r, 0.8, 1.5) : s->weak ? -between(r, 0.6, 1.2) : 0);
	if (s->styles) /* inflating schools are ordinary or weak ones */
		s->mean = w->school_sd * normal(r) - between(r, 0, 0.6);
	s->advanced = s->strong ? uniform(r) < w->advanced_marked : uniform(r) < w->typical_marked;
	s->leniency = w->leniency_sd * normal(r);
	s->observed = s->styles ? w->observed_planted : w->observed_honest;
	s->subject[0] = w->subject_sd * normal(r);
	s->subject[1] = w->subject_sd * normal(r);
	s->size = between(r, w->min_class, w->max_class);
	for (int k = 0; k < NSTYLES; k++) {
		int any = 0;
		if (!(s->styles & 1 << k))
			continue;
		s->intensity[k] = uniform(r);
		while (!any)
			for (int p = 0; p < NVPR; p++) {
				int on = uniform(r) < 0.6 && (k != PRIMARY || procs[p].grade == 4);
				for (int y = 0; y < NYEARS; y++)
					s->where[k][p][y] = on && uniform(r) < 0.85, any |= s->where[k][p][y];
			}
	}
}

static int
mark_of(const struct proc *p, int score)
{
	return score >= p->min5 ? 5 : score >= p->min4 ? 4 : score >= p->min3 ? 3 : 2;
}

static int
points(struct rng *r, int max, double p)
{
	int k = 0;

	for (int i = 0; i < max; i++)
		k += uniform(r) < p;
	return k;
}

static long serial;

/* A class writes a procedure: honest work, then what the school does to it. */
static void
write_class(const struct world *w, const struct school *s, const char *id, size_t pi, int year,
            struct rng *r)
{
	const struct proc *p = &procs[pi];
	int vpr = pi < NVPR, y = year - YEAR0;
	double cohort = w->cohort_sd * (s->weak ? 2 : 1) * normal(r);
	int n = (int)(s->size * between(r, 0.7, 1.3) + 0.5);

	if (n < w->min_class)
		n = w->min_class;
	for (int i = 0; i < n; i++) {
		double a = s->mean + cohort + s->subject[strcmp(p->subject, "math") == 0] + normal(r);
		double as = a;
		int task[20], honest = 0, score = 0, journal;
		int on[NSTYLES];

		for (int k = 0; k < NSTYLES; k++)
			on[k] = vpr && s->where[k][pi][y];
		if (on[PRIMARY])
			as = a + 0.8 + 0.8 * s->intensity[PRIMARY];
		int dictated = on[DICTATED] && uniform(r) < 0.5 + 0.5 * s->intensity[DICTATED];
		int leaked = on[LEAKED] && uniform(r) < 0.6 + 0.4 * s->intensity[LEAKED];
		for (int t = 0; t < p->ntasks; t++) {
			double d = w->discrimination[pi][t];
			double pr = 1 / (1 + exp(d * (p->difficulty[t] - a)));
			double ps = 1 / (1 + exp(d * (p->difficulty[t] - as)));
			honest += points(r, p->max[t], pr);
			if (leaked && p->difficulty[t] > 0.8)
				ps = 0.7 + 0.25 * s->intensity[LEAKED];
			if (dictated)
				ps = 0.8 + 0.15 * s->intensity[DICTATED];
			task[t] = points(r, p->max[t], ps);
			score += task[t];
		}
		if (on[LIFTED]) { /* a few points more, where there is room */
			int more = 1 + (int)(uniform(r) * (1 + 3 * s->intensity[LIFTED]));
			for (int tries = 0; more > 0 && tries < 50; tries++) {
				int t = (int)(uniform(r) * p->ntasks);
				if (task[t] < p->max[t])
					task[t]++, score++, more--;
			}
		}
		if (on[LENIENT]) {
			int window = 1 + (int)(s->intensity[LENIENT] * 3);
			if (score < p->min3 && score >= p->min3 - window && uniform(r) < 0.6 + 0.4 * s->intensity[LENIENT])
				for (int t = 0; t < p->ntasks && score < p->min3; t++)
					while (task[t] < p->max[t] && score < p->min3)
						task[t]++, score++;
		}
		/* the journal knows the pupil, not the work, through the teacher */
		journal = mark_of(p, honest) + (int)lround(s->leniency + w->journal_sd * normal(r));
		journal = journal < 2 ? 2 : journal > 5 ? 5 : journal;
		printf("{\"type\":\"result\",\"year\":%d,\"procedure\":\"%s\",\"subject\":\"%s\",\"grade\":%d,"
		       "\"school_id\":\"%s\",\"student_id\":\"w%07ld\",\"tasks\":[",
		       year, p->procedure, p->subject, p->grade, id, ++serial);
		for (int t = 0; t < p->ntasks; t++)
			printf("%s%d", t ? "," : "", task[t]);
		printf("],\"primary_score\":%d,\"mark\":%d", score, mark_of(p, score));
		if (vpr)
			printf(",\"journal_mark\":%d", journal);
		printf("}\n");
	}
}

static int
clamp100(double x)
{
	return x < 0 ? 0 : x > 100 ? 100 : (int)lround(x);
}

/* Graduates: ЕГЭ русский and профильная математика, medals by the school's
 * own marks (an inflating school's marks are generous), and the olympiad's
 * school stage against the municipal one. */
static void
write_seniors(const struct world *w, const struct school *s, const char *id, int year, struct rng *r)
{
	int n = (int)(s->size * between(r, 0.5, 1.2) + 0.5), inflating = s->styles != 0;
	double cut = 1.8 - 3 * w->medal_share, best[3] = { -9, -9, -9 };
	long who[3] = { 0 };

	for (int i = 0; i < n; i++) {
		double a = s->mean + normal(r), own = a + 0.4 * normal(r) + s->leniency + (inflating ? 0.8 : 0);
		long sid = ++serial;

		printf("{\"type\":\"result\",\"year\":%d,\"procedure\":\"EGE\",\"subject\":\"russian\",\"grade\":11,"
		       "\"school_id\":\"%s\",\"student_id\":\"w%07ld\",\"test_score\":%d}\n",
		       year, id, sid, clamp100(68 + 14 * a + w->ege_noise * normal(r)));
		printf("{\"type\":\"result\",\"year\":%d,\"procedure\":\"EGE\",\"subject\":\"math_profile\",\"grade\":11,"
		       "\"school_id\":\"%s\",\"student_id\":\"w%07ld\",\"test_score\":%d}\n",
		       year, id, sid, clamp100(58 + 16 * a + w->ege_noise * normal(r)));
		if (own > cut)
			printf("{\"type\":\"medalist\",\"year\":%d,\"school_id\":\"%s\",\"student_id\":\"w%07ld\",\"medal\":%d}\n",
			       year, id, sid, own > cut + 0.6 ? 1 : 2);
		/* the school stage's three best by the school's judgement */
		double judged = inflating ? normal(r) : a + w->olympiad_noise * normal(r);
		for (int k = 0; k < 3; k++)
			if (judged > best[k]) {
				for (int m = 2; m > k; m--)
					best[m] = best[m - 1], who[m] = who[m - 1];
				best[k] = judged, who[k] = sid;
				break;
			}
		/* remember the ability of the pupil by id: recomputed below */
		(void)a;
	}
	/* the awarded go on to the municipal stage; their share of 50 follows
	 * ability there (redrawn: the pupil's ability is not kept) */
	for (int k = 0; k < 3 && who[k]; k++) {
		double level = inflating ? s->mean + normal(r) : s->mean + 0.8 + 0.6 * normal(r);
		double share = 1 / (1 + exp(-(level - 0.3) * 1.5)) + 0.1 * normal(r);
		printf("{\"type\":\"olympiad\",\"year\":%d,\"stage\":\"school\",\"subject\":\"math\",\"school_id\":\"%s\","
		       "\"student_id\":\"w%07ld\",\"score\":%d,\"max_score\":50,\"status\":\"%s\"}\n",
		       year, id, who[k], 40 - 3 * k, k ? "prizer" : "winner");
		printf("{\"type\":\"olympiad\",\"year\":%d,\"stage\":\"municipal\",\"subject\":\"math\",\"school_id\":\"%s\","
		       "\"student_id\":\"w%07ld\",\"score\":%d,\"max_score\":50,\"status\":\"participant\"}\n",
		       year, id, who[k], (int)lround(50 * (share < 0 ? 0 : share > 1 ? 1 : share)));
	}
}

int
main(int argc, char *argv[])
{
	int schools = 600, municipalities = 20, c, params = 0;
	unsigned long long seed = 1;
	const char *truth_path = NULL;
	FILE *truth = NULL;
	struct world w;
	struct rng wr, r;

	while ((c = getopt(argc, argv, "s:m:r:t:P")) != -1)
		switch (c) {
		case 's': schools = atoi(optarg); break;
		case 'm': municipalities = atoi(optarg); break;
		case 'r': seed = strtoull(optarg, NULL, 10); break;
		case 't': truth_path = optarg; break;
		case 'P': params = 1; break;
		default:
			fprintf(stderr, "usage: gen-world [-s SCHOOLS] [-m MUNICIPALITIES] [-r SEED] [-t TRUTH] [-P]\n");
			return 2;
		}
	if (schools < 1 || municipalities < 1)
		return 2;
	wr = seeded(seed, 0);
	r = seeded(seed, 1);
	draw_world(&w, &wr);
	if (params)
		fprintf(stderr, "planted %.3f strong %.3f (advanced %.2f) weak %.3f school_sd %.2f cohort_sd %.2f "
		        "journal_sd %.2f leniency_sd %.2f observed %.2f/%.2f ege_noise %.1f medal_share %.2f\n",
		        w.planted, w.strong, w.advanced_marked, w.weak, w.school_sd, w.cohort_sd, w.journal_sd,
		        w.leniency_sd, w.observed_honest, w.observed_planted, w.ege_noise, w.medal_share);
	if (truth_path && !(truth = fopen(truth_path, "w"))) {
		perror(truth_path);
		return 3;
	}
	for (int i = 0; i < schools; i++) {
		struct school s;
		char id[32], kind[64] = "";

		draw_school(&s, &w, &r);
		snprintf(id, sizeof id, "w%05d", i);
		printf("{\"type\":\"school\",\"school_id\":\"%s\",\"municipality\":\"m%03d\",\"region\":\"Мир %llu\",\"advanced\":%d}\n",
		       id, i % municipalities, seed, s.advanced);
		for (int k = 0; k < NSTYLES; k++)
			if (s.styles & 1 << k)
				snprintf(kind + strlen(kind), sizeof kind - strlen(kind), "%s%s", *kind ? "+" : "", style_name[k]);
		if (!*kind)
			strcpy(kind, s.strong ? "strong" : s.weak ? "weak" : "typical");
		if (truth)
			fprintf(truth, "%s\t%s\tm%03d\n", id, kind, i % municipalities);
		for (int year = YEAR0; year < YEAR0 + NYEARS; year++) {
			for (size_t pi = 0; pi < NPROCS; pi++) {
				write_class(&w, &s, id, pi, year, &r);
				/* an observation report for every ВПР the school wrote */
				if (pi < NVPR)
					printf("{\"type\":\"observation\",\"year\":%d,\"procedure\":\"VPR\",\"subject\":\"%s\",\"grade\":%d,"
					       "\"school_id\":\"%s\",\"public_observers\":%d,\"video\":0}\n",
					       year, procs[pi].subject, procs[pi].grade, id, uniform(&r) < s.observed);
			}
			write_seniors(&w, &s, id, year, &r);
		}
	}
	if (truth && fclose(truth) != 0)
		return 3;
	return ferror(stdout) ? 3 : 0;
}
