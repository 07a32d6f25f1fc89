/* evidence-kinds.h: the evidence that ranks schools to visit (the score of an
 * objectivity record). Each kind compares a school with what honest schools
 * of its kind would show and says how surprising it is, as a z pooled over
 * the school's procedures of the year and the year before; the kinds are
 * combined one-sided (lib/evidence.h). A kind is a module of its own: what
 * it reads of each procedure's run, and what it works out at the end. */
#ifndef EQ_EVIDENCE_KINDS_H
#define EQ_EVIDENCE_KINDS_H

#include "evidence.h"
#include "objectivity.h"

enum evidence_kind { EV_PATTERN, EV_BOUNDARY, EV_SPREAD, EV_MARKS, EV_EXTERNAL, EV_COHORT,
	EV_MEDALS, EV_OLYMPIAD, NEVIDENCE };

/* How a kind's parts pool: as deviations over variances (a z), the same or
 * its strongest part (surprise_z_dense_or_sparse: an effect confined to one
 * procedure), or as squared z's of a two-sided test (chi-square, k parts). */
enum pooling { POOL_Z, POOL_Z_SPARSE, POOL_CHISQ };

struct evidence_module {
	const char *name;     /* its name in the record */
	enum pooling pooling;
	int scored;           /* 0: in the record, not in the score */
	void (*run)(struct run r, const struct tasks *t); /* each procedure of a group, or NULL */
	void (*finish)(void); /* once, after every run, or NULL */
};

extern const struct evidence_module ev_pattern, ev_boundary, ev_spread, ev_marks, ev_external,
	ev_cohort, ev_medals, ev_olympiad;

/* A part of a school's evidence of a kind in a year: dev, var and the pupils
 * behind it. window: it also counts for the next year (a school is judged
 * on its last two years; a comparison of two years counts once). */
void evidence_add(const char *school_id, int year, enum evidence_kind k, double dev, double var,
                  double n, int window);
void evidence_runs(struct run r, const struct tasks *t);
void evidence_finish(void);
/* ,"score":..,"evidence":[..] of a school's year into b */
void evidence_put(struct sbuf *b, const char *school_id, int year);
void evidence_free(void);

/* A school's level in a year as checked outside it (ОГЭ/ЕГЭ of the year and
 * the year before, in the run's pupil SDs); -1 when it has none. Known
 * after ev_external's finish; kept until outside_levels_free. */
int outside_level(const char *school_id, int year, double *u);
void outside_levels_free(void);

/* Schools of one's kind, for local_expect: a tenth of n, at least 20. */
size_t kind_neighbours(size_t n);

/* Checked inside the school (ВПР, КДР), not outside it (ОГЭ, ЕГЭ). */
int checked_in_school(const char *procedure);

#endif
