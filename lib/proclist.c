#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "proclist.h"
#include "tsv.h"
#include "util.h"

static void
row(const struct tsv_row *r, void *list)
{
	char key[128];
	int n;

	if (!dict_is_code("procedure", r->col[0], strlen(r->col[0])) ||
	    !dict_is_code("subject", r->col[1], strlen(r->col[1])))
		tsv_die(r, "\"%s %s\": not codes of a procedure and a subject (schemas/ref/values.tsv)",
		        r->col[0], r->col[1]);
	n = snprintf(key, sizeof key, "%s\x1f%s\x1f%d", r->col[0], r->col[1], (int)tsv_num(r, 2));
	strmap_put(list, key, (size_t)n, (void *)1);
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
	char key[128];
	int n = snprintf(key, sizeof key, "%s\x1f%s\x1f%d", procedure, subject, grade);

	return strmap_get(list, key, (size_t)n) != NULL;
}
