#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "schools.h"
#include "strmap.h"
#include "util.h"

struct school {
	char *name, *municipality, *region;
	int advanced;
};

static struct strmap schools;

int
schools_add(const char *line, size_t len)
{
	json_error_t je;
	json_t *rec = json_loadb(line, len, 0, &je);
	const char *id, *m, *r, *name;
	struct school *s;

	if (!rec)
		return -1;
	id = json_string_value(json_object_get(rec, "school_id"));
	m = json_string_value(json_object_get(rec, "municipality"));
	r = json_string_value(json_object_get(rec, "region"));
	name = json_string_value(json_object_get(rec, "name"));
	if (!id) {
		json_decref(rec);
		return -1;
	}
	if ((s = strmap_get(&schools, id, strlen(id)))) {
		free(s->name);
		free(s->municipality);
		free(s->region);
	} else {
		s = ecalloc(1, sizeof *s);
		strmap_put(&schools, id, strlen(id), s);
	}
	s->name = name ? estrdup(name) : NULL;
	s->municipality = m ? estrdup(m) : NULL;
	s->region = r ? estrdup(r) : NULL;
	s->advanced = json_integer_value(json_object_get(rec, "advanced")) == 1;
	json_decref(rec);
	return 0;
}

const char *
school_group(const char *school_id, enum group_by by)
{
	struct school *s;

	if (by == BY_ALL)
		return "all";
	if (!(s = strmap_get(&schools, school_id, strlen(school_id))))
		return NULL;
	return by == BY_REGION ? s->region : s->municipality;
}

const char *
school_name(const char *school_id)
{
	struct school *s = strmap_get(&schools, school_id, strlen(school_id));

	return s ? s->name : NULL;
}

int
school_advanced(const char *school_id)
{
	struct school *s = strmap_get(&schools, school_id, strlen(school_id));

	return s ? s->advanced : -1;
}

int
group_by_parse(const char *s, enum group_by *by)
{
	if (strcmp(s, "municipality") == 0)
		*by = BY_MUNICIPALITY;
	else if (strcmp(s, "region") == 0)
		*by = BY_REGION;
	else if (strcmp(s, "all") == 0)
		*by = BY_ALL;
	else
		return -1;
	return 0;
}

static void
free_school(void *p)
{
	struct school *s = p;

	free(s->name);
	free(s->municipality);
	free(s->region);
	free(s);
}

void
schools_free(void)
{
	strmap_free(&schools, free_school);
}
