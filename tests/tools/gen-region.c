/* gen-region [-s SCHOOLS] [-m MUNICIPALITIES] [-p PUPILS] [-r SEED] [-t TRUTH] [-c] [-l LIFT]: a region
 * with known truth, as NDJSON records (school, result with tasks and journal
 * marks) on stdout, and the truth (school, kind) in TRUTH as TSV.
 *
 * Pupils have an ability; tasks a difficulty; a point is won with the
 * logistic probability of ability minus difficulty. Honest schools are
 * typical, strong (gymnasiums, advanced: 1) or weak. Planted schools distort
 * their ВПР only (ОГЭ is checked outside the school and stays honest):
 *   leaked     answers to the hard tasks leaked: those succeed 85 % of the time
 *   lenient    scores up to 3 points below the «3» boundary are lifted to it
 *   primary    primary school only: grade 4 abilities are raised by 1.5
 *   dictated   answers dictated: 90 % success on every task, for everybody
 * Journal marks follow the honest result (± one mark at times); in lenient and
 * dictated schools they are the teachers' honest marks, so they disagree with
 * the work. PUPILS: the mean number per school and procedure (32; between
 * 0.375 and 1.625 of it). -l: every pupil's ability raised by LIFT (a
 * region with fewer «2»: about 10 % of schools ШНОР at 1, against most of
 * them at 0). Deterministic for a seed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long state;

static double
uniform(void)
{
	state ^= state << 13, state ^= state >> 7, state ^= state << 17;
	return (double)(state >> 11) / 9007199254740992.0;
}

static double
normal(void)
{
	double u = uniform(), v = uniform();

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

enum kind { TYPICAL, STRONG, WEAK, LEAKED, LENIENT, PRIMARY, DICTATED, NKINDS };
static const char *const kind_name[NKINDS] = {
	"typical", "strong", "weak", "leaked", "lenient", "primary", "dictated",
};

/* A procedure: task maxima (sum = the scale's maximum) and difficulties. */
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
	{ "OGE", "math", 9, 10, { 2, 2, 2, 3, 3, 3, 4, 4, 4, 4 }, 8, 15, 22,
	  { -1.5, -1, -0.6, -0.3, 0, 0.3, 0.6, 1, 1.4, 1.8 } },
	{ "OGE", "russian", 9, 9, { 7, 2, 3, 3, 3, 3, 4, 4, 4 }, 15, 23, 29,
	  { -1.5, -1, -0.6, -0.3, 0, 0.3, 0.6, 1, 1.4 } },
};
#define NPROCS (sizeof procs / sizeof *procs)

static int
mark_of(const struct proc *p, int score)
{
	return score >= p->min5 ? 5 : score >= p->min4 ? 4 : score >= p->min3 ? 3 : 2;
}

static int
points(int max, double p)
{
	int k = 0;

	for (int i = 0; i < max; i++)
		k += uniform() < p;
	return k;
}

/* -c: a context record per school and year (ИСБШ follows the school's mean
 * ability, with noise), from a generator of its own so that the results
 * stay what they are without -c. */
static void
print_context(const char *id, int s, unsigned long long seed, double mean)
{
	unsigned long long h = (seed + 1) * 0x9e3779b97f4a7c15ULL + (unsigned long long)s * 0xbf58476d1ce4e5b9ULL;

	for (int year = 2023; year <= 2024; year++) {
		double r[3];
		int students;
		for (int i = 0; i < 3; i++) {
			h ^= h >> 31, h *= 0x94d049bb133111ebULL, h ^= h >> 29;
			r[i] = (double)(h >> 11) / 9007199254740992.0;
		}
		students = 150 + (int)(r[0] * 700);
		printf("{\"type\":\"context\",\"school_id\":\"%s\",\"year\":%d,\"students\":%d,"
		       "\"both_parents_higher\":%d,\"single_parent\":%d,\"on_register\":%d}\n", id, year,
		       students, (int)(students * fmin(0.7, fmax(0.05, 0.3 + 0.12 * mean + 0.06 * (r[1] - 0.5)))),
		       (int)(students * fmin(0.5, fmax(0.02, 0.18 - 0.05 * mean + 0.06 * (r[2] - 0.5)))),
		       (int)(students * fmax(0, 0.02 - 0.01 * mean)));
	}
}

int
main(int argc, char *argv[])
{
	int schools = 200, municipalities = 10, pupils = 32, c;
	unsigned long long seed = 1;
	const char *truth_path = NULL;
	int context = 0;
	double lift = 0;
	FILE *truth = NULL;
	long serial = 0;

	while ((c = getopt(argc, argv, "s:m:p:r:t:cl:")) != -1)
		switch (c) {
		case 's': schools = atoi(optarg); break;
		case 'm': municipalities = atoi(optarg); break;
		case 'p': pupils = atoi(optarg); break;
		case 'r': seed = strtoull(optarg, NULL, 10); break;
		case 't': truth_path = optarg; break;
		case 'c': context = 1; break;
		case 'l': lift = atof(optarg); break;
		default:
			fprintf(stderr, "usage: gen-region [-s SCHOOLS] [-m MUNICIPALITIES] [-p PUPILS] [-r SEED] [-t TRUTH] [-c] [-l LIFT]\n");
			return 2;
		}
	if (schools < 1 || municipalities < 1 || pupils < 1)
		return 2;
	state = 0x9e3779b97f4a7c15ULL ^ (seed * 0xbf58476d1ce4e5b9ULL);
	if (truth_path && !(truth = fopen(truth_path, "w"))) {
		perror(truth_path);
		return 3;
	}
	for (int s = 0; s < schools; s++) {
		/* 70 % honest (typical 50, strong 10, weak 10), 30 % planted */
		double u = uniform(), mean;
		enum kind k = u < 0.5 ? TYPICAL : u < 0.6 ? STRONG : u < 0.7 ? WEAK :
		              u < 0.775 ? LEAKED : u < 0.85 ? LENIENT : u < 0.925 ? PRIMARY : DICTATED;
		char id[32];

		snprintf(id, sizeof id, "g%05d", s);
		mean = k == STRONG ? 1.2 : k == WEAK ? -0.8 : 0.3 * normal();
		printf("{\"type\":\"school\",\"school_id\":\"%s\",\"municipality\":\"m%03d\",\"region\":\"Генерированная область\",\"advanced\":%d}\n",
		       id, s % municipalities, k == STRONG);
		if (truth)
			fprintf(truth, "%s\t%s\n", id, kind_name[k]);
		if (context)
			print_context(id, s, seed, mean);
		for (int year = 2023; year <= 2024; year++)
			for (size_t pi = 0; pi < NPROCS; pi++) {
				const struct proc *p = &procs[pi];
				int n = pupils == 32 ? 12 + (int)(uniform() * 40) : (int)(pupils * (0.375 + 1.25 * uniform())), vpr = strcmp(p->procedure, "VPR") == 0;

				for (int i = 0; i < n; i++) {
					double a = mean + lift + normal(), as = a;
					int task[20], honest = 0, score = 0, journal;

					if (vpr && k == PRIMARY && p->grade == 4)
						as = a + 1.5;
					for (int t = 0; t < p->ntasks; t++) {
						double pr = 1 / (1 + exp(p->difficulty[t] - a));
						double ps = 1 / (1 + exp(p->difficulty[t] - as));
						honest += points(p->max[t], pr);
						if (vpr && k == LEAKED && p->difficulty[t] > 0.9)
							ps = 0.85;
						if (vpr && k == DICTATED)
							ps = 0.9;
						task[t] = points(p->max[t], ps);
						score += task[t];
					}
					if (vpr && k == LENIENT && score < p->min3 && score >= p->min3 - 3) {
						/* lift to the boundary, a point at a time, where there is room */
						for (int t = 0; t < p->ntasks && score < p->min3; t++)
							while (task[t] < p->max[t] && score < p->min3)
								task[t]++, score++;
					}
					/* the journal knows the pupil, not the work */
					journal = mark_of(p, honest);
					u = uniform();
					journal += u < 0.12 ? 1 : u < 0.22 ? -1 : 0;
					journal = journal < 2 ? 2 : journal > 5 ? 5 : journal;
					printf("{\"type\":\"result\",\"year\":%d,\"procedure\":\"%s\",\"subject\":\"%s\",\"grade\":%d,\"school_id\":\"%s\",\"student_id\":\"s%07ld\",\"tasks\":[",
					       year, p->procedure, p->subject, p->grade, id, ++serial);
					for (int t = 0; t < p->ntasks; t++)
						printf("%s%d", t ? "," : "", task[t]);
					printf("],\"primary_score\":%d,\"mark\":%d", score, mark_of(p, score));
					if (vpr)
						printf(",\"journal_mark\":%d", journal);
					printf("}\n");
				}
			}
	}
	if (truth && fclose(truth) != 0)
		return 3;
	return ferror(stdout) ? 3 : 0;
}
