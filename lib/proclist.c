#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "key.h"
#include "proclist.h"
#include "tsv.h"
#include "util.h"

static void
row(const struct tsv_row *r, void *list)
{
	struct key key;
	double grade = tsv_num(r, 2);

	if (!dict_is_code("procedure", r->col[0], strlen(r->col[0])) ||
	    !dict_is_code("subject", r->col[1], strlen(r->col[1])))
		tsv_die(r, "\"%s %s\": not codes of a procedure and a subject (schemas/ref/values.tsv)",
		        r->col[0], r->col[1]);
	if (!(grade >= 1 && grade <= 11 && grade == (int)grade))
		tsv_die(r, "grade \"%s\": a whole number from 1 to 11", r->col[2]);
	key_of(&key, "ssd", r->col[0], r->col[1], (int)grade);
	strmap_put(list, key.s, key.n, (void *)1);
	key_free(&key);
}

void
proclist_load(struct strmap *list, const char *path, int user)
{
	dict_load();
	if (user)
		tsv_each_user(path, 3, row, list);
	else
		tsv_each(path, 3, row, list);
}

int
proclist_has(const struct strmap *list, const char *procedure, const char *subject, int grade)
{
	struct key key;
	int has;

	key_of(&key, "ssd", procedure, subject, grade);
	has = strmap_get(list, key.s, key.n) != NULL;
	key_free(&key);
	return has;
}
