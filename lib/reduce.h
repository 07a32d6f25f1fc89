/* reduce.h: pupil results reduced, in one pass, to sums per school and
 * procedure (year, procedure, subject, grade): memory follows schools x
 * procedures, never pupils. Counted participants are those SPEC §5 counts:
 * present, not a retake, not a past-year graduate. */
#ifndef EQ_REDUCE_H
#define EQ_REDUCE_H

#include <stddef.h>

#include "strmap.h"

struct proc_acc {
	char *school_id;
	int year, grade;
	char *procedure, *subject;
	double n;            /* counted participants */
	double n_score;      /* of them, with a score (primary, else ЕГЭ test score) */
	double sum, sumsq;   /* of those scores */
};

struct reduce {
	struct strmap map;   /* key -> struct proc_acc */
	struct proc_acc **v; /* in order of first appearance */
	size_t n;
	unsigned long used, skipped;
};

/* Reduce one result record (an NDJSON line). 1 counted, 0 not counted
 * (absent, retake, past graduate), -1 unusable (*why says why). */
int reduce_result(struct reduce *r, const char *line, size_t len, const char **why);
void reduce_free(struct reduce *r);

#endif
