/* rank.h: places within groups, the highest score first: the evidence
 * ranking as eq-recommend and eq-report both state it (equal scores share a
 * place, so a school has one place wherever it is named). */
#ifndef EQ_RANK_H
#define EQ_RANK_H

#include <stddef.h>

#include "strmap.h"

struct ranked {
	const char *group, *id;
	double score;
	int rank, of;   /* filled by rank_by_group: 1 the highest, of the group's */
};

/* Sort v by group, then score from the highest, and fill rank and of. */
void rank_by_group(struct ranked *v, size_t n);

/* The places of v (ranked as above) by id; the ids are copied. */
struct rank_index {
	struct strmap by_id;   /* id -> struct ranked (its strings not kept) */
};
void rank_index_build(struct rank_index *ix, struct ranked *v, size_t n);
/* The entry of id, or NULL. */
const struct ranked *rank_index_get(const struct rank_index *ix, const char *id);
void rank_index_free(struct rank_index *ix);

#endif
