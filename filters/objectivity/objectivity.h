/* objectivity.h: the parts of eq-objectivity. The official signs
 * (official.c), the extended ones (extended.c, tasks.c) and the evidence
 * that ranks schools read the per-school sums of lib/reduce.c; what the
 * filter read and found is one struct objectivity. */
#ifndef EQ_OBJECTIVITY_H
#define EQ_OBJECTIVITY_H

#include <stddef.h>

#include "dict.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "proclist.h"
#include "rectype.h"
#include "reduce.h"
#include "report.h"
#include "scales.h"
#include "schools.h"
#include "stats.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

#define LIMITED_N 20      /* ФИОКО: a distribution of fewer is of limited use */
#define MIN_GROUP 10      /* a sign that reads a distribution of schools needs as many */

/* The signs; the official come first: only they flag. */
enum sign_kind { MEAN_ABOVE, MARKS_MISMATCH, COHORT, OFFICIAL,
	BOUNDARY_PEAK = OFFICIAL, HARD_TASKS, NOT_CONFIRMED, MEDALISTS, OLYMPIAD, NO_OBSERVATION, NKINDS };

/* A sign found: the JSON of its evidence, and its strength e, a z-like
 * number (how far beyond chance) that the score adds up. */
struct sign {
	char *school_id;
	int year;
	enum sign_kind kind;
	double e;
	size_t order;   /* as found: the order of a school's signs */
	char *json;
};

/* ЕГЭ test scores per pupil and year, for the medal rule: the russian score
 * and the best other subject. Only ЕГЭ participants are kept (16 B and a key
 * each), since medalist records may come before or after their results. */
struct ege_best {
	double russian, other;
};

struct medalist {
	char *school_id, *student_id;
	int year, medal;
};

/* School-stage winners and prize-winners; municipal-stage scores by pupil,
 * subject and year. */
struct olympian {
	char *school_id, *student_id, *subject;
	int year;
};

/* Awards of a school's year that others checked (medals by ЕГЭ, school-stage
 * awards at the municipal stage), and the sums of the value checked: a
 * medalist's margin over the medal rule, an awardee's share of the maximum
 * at the municipal stage. */
struct tally {
	const char *school_id;
	int year;
	double checked, sum, sumsq;
};

/* Accumulators of one procedure in one group (of v sorted by procedure). */
struct run {
	struct proc_acc **v;
	size_t n;
};

/* Per-task completion: the maxima of the run's task_scheme, else the most
 * points any pupil of the group got on the task. */
struct tasks {
	size_t n;
	double *max, *region;  /* region: share of the maximum won, or -1 */
};

/* z of each school's mean among its group's school means, summed per school
 * and year for ВПР and for ОГЭ/ЕГЭ (checked outside the school). */
struct confirm {
	char *school_id;
	int year;
	double zv, nv, ze, ne;
};

/* What eq-objectivity read, and the signs it found. */
struct objectivity {
	struct reduce results;         /* per school and procedure, with detail */
	struct strmap examined, cohorts; /* procedures of the official signs */
	struct sign *signs;
	size_t nsigns;
	struct strmap ege;             /* pupil and year -> struct ege_best */
	struct medalist *medalists;
	size_t nmedalists;
	struct olympian *olympians;    /* school-stage winners and prize-winners */
	size_t nolympians;
	struct strmap municipal_stage; /* pupil, subject, year -> best share */
	struct tally *medal_tally, *olympiad_tally; /* per school-year, by the signs */
	size_t nmedal_tally, nolympiad_tally;
	struct strmap observation;     /* school, year, procedure -> &ob.observation when
	                                * observed, &ob.observers when reported unobserved */
	int observers;                 /* a sentinel: see observation */
	struct strmap task_maxima;     /* year, procedure, subject, grade -> maxima */
	struct strmap confirms;        /* school and year -> struct confirm */
	struct confirm **confirmv;
	size_t nconfirm;
	struct sbuf completions;       /* task_completion records, written at the end */
};
extern struct objectivity ob;

/* input.c: results reduced, the records read whole validated and kept */
int objectivity_take(const struct record *r);
void objectivity_schemas(void);

/* signs.c: a sign found, its evidence the JSON object in b (emptied) */
void add_sign(const char *school_id, int year, enum sign_kind kind, double e, struct sbuf *b);
void put_proc(struct sbuf *b, int *first, const struct proc_acc *a);
void put_pair(struct sbuf *b, double x, double y);
int by_school_then_year(const char *sa, int ya, const char *sb, int yb);

/* official.c: the signs that flag */
void sign_mean_above_region(struct run r);
void sign_marks_mismatch(struct run r);
void sign_cohort(struct run from, struct run to);
double completion(const struct proc_acc *a);

/* tasks.c: completion task by task */
struct tasks run_tasks(struct run r);
double task_share(const struct proc_detail *d, const struct tasks *t, size_t j);
void put_task_completions(struct run r, const struct tasks *t);
void sign_hard_tasks(struct run r, const struct tasks *t);

/* extended.c: the signs that inform */
void sign_boundary_peak(struct run r);
void collect_z(struct run r);
void signs_not_confirmed(void);
/* these two also leave ob.medal_tally and ob.olympiad_tally */
void signs_medalists(void);
void signs_olympiad(void);
void sign_no_observation(const struct proc_acc *a, struct strmap *done);

#endif
