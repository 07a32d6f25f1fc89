#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json.h"
#include "rectype.h"
#include "report.h"
#include "schools.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

struct school {
	const char *name, *municipality, *region; /* in rec */
	int advanced;
	json_t *rec;       /* the record as given, to tell a conflicting second one */
};

static struct strmap schools;

int
schools_add(const char *line, size_t len, char *why, size_t whysz)
{
	json_t *rec = json_parse_line(line, len, why, whysz);
	const char *id;
	struct school *s;

	if (!rec)
		return -1;
	if (type_validate("school", rec, why, whysz) < 0) {
		json_decref(rec);
		return -1;
	}
	id = json_string_value(json_object_get(rec, "school_id"));
	if ((s = strmap_get(&schools, id, strlen(id)))) {
		/* Records of one school from several sources (a list of schools
		 * with municipalities, the ФИС ОКО form with locality) complete
		 * each other; on a value they both give, the first one holds. */
		const char *key;
		json_t *v, *old;
		json_object_foreach(rec, key, v)
			if ((old = json_object_get(s->rec, key)) && !json_equal(old, v)) {
				snprintf(why, whysz, "a second record of school %s gives another %s: the "
				         "first one holds", id, key);
				json_decref(rec);
				return -1;
			}
		json_object_update_missing(s->rec, rec);
		json_decref(rec);
		rec = s->rec;
	} else {
		s = ecalloc(1, sizeof *s);
		strmap_put(&schools, id, strlen(id), s);
		s->rec = rec;
	}
	s->name = json_string_value(json_object_get(rec, "name"));
	s->municipality = json_string_value(json_object_get(rec, "municipality"));
	s->region = json_string_value(json_object_get(rec, "region"));
	s->advanced = json_integer_value(json_object_get(rec, "advanced")) == 1;
	return 0;
}

int
schools_take(const struct record *r)
{
	char why[600];

	if (schools_add(r->line, r->len, why, sizeof why) < 0) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "school: %s", why);
		return -1;
	}
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
school_group_known(const char *school_id, enum group_by by, const char *what)
{
	static struct strmap warned;
	const char *g = school_group(school_id, by);

	if (g)
		return g;
	if (!strmap_get(&warned, school_id, strlen(school_id))) {
		strmap_put(&warned, school_id, strlen(school_id), &warned);
		warn_at(NULL, 0, "warning: school %s has %s but no school record%s: it is compared "
		        "within the group \"unknown\"", school_id, what,
		        !strmap_get(&schools, school_id, strlen(school_id)) ? "" :
		        by == BY_REGION ? " with a region" : " with a municipality");
	}
	return "unknown";
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

	json_decref(s->rec);
	free(s);
}

void
schools_free(void)
{
	strmap_free(&schools, free_school);
}
