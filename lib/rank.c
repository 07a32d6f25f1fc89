#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "util.h"

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

void
rank_index_build(struct rank_index *ix, struct ranked *v, size_t n)
{
	rank_by_group(v, n);
	for (size_t k = 0; k < n; k++) {
		struct ranked *e = emalloc(sizeof *e);
		*e = (struct ranked){ NULL, NULL, v[k].score, v[k].rank, v[k].of };
		strmap_put(&ix->by_id, v[k].id, strlen(v[k].id), e);
	}
}

const struct ranked *
rank_index_get(const struct rank_index *ix, const char *id)
{
	return strmap_get(&ix->by_id, id, strlen(id));
}

void
rank_index_free(struct rank_index *ix)
{
	strmap_free(&ix->by_id, free);
}
