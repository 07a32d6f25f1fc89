/* rank.h: places within groups, the highest score first: the evidence
 * ranking as eq-recommend and eq-report both state it (equal scores share a
 * place, so a school has one place wherever it is named). */
#ifndef EQ_RANK_H
#define EQ_RANK_H

#include <stddef.h>

struct ranked {
	const char *group, *id;
	double score;
	int rank, of;   /* filled by rank_by_group: 1 the highest, of the group's */
};

/* Sort v by group, then score from the highest, and fill rank and of. */
void rank_by_group(struct ranked *v, size_t n);

#endif
