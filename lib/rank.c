#include <stdlib.h>
#include <string.h>

#include "rank.h"

static int
by_group_score(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	int c = strcmp(a->group, b->group);

	if (c)
		return c;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->id, b->id);
}

void
rank_by_group(struct ranked *v, size_t n)
{
	if (n)
		qsort(v, n, sizeof *v, by_group_score);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a; b < n && strcmp(v[b].group, v[a].group) == 0; b++)
			;
		for (size_t k = a; k < b; k++) {
			v[k].rank = k > a && v[k].score == v[k - 1].score ? v[k - 1].rank : (int)(k - a + 1);
			v[k].of = (int)(b - a);
		}
	}
}
