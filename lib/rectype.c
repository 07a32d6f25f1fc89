#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rectype.h"
#include "report.h"
#include "strmap.h"
#include "util.h"

static struct strmap loaded; /* type -> struct schema *, or &loaded when there is none */

const struct schema *
type_schema(const char *type)
{
	void *s = strmap_get(&loaded, type, strlen(type));
	char *rel, *path;

	if (s)
		return s == (void *)&loaded ? NULL : s;
	/* only names of eq's types: a path must not come from a record */
	for (const char *p = type; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return NULL;
	rel = emalloc(strlen(type) + 40);
	sprintf(rel, "types/%s.schema.json", type);
	path = eq_datapath(rel);
	if (access(path, R_OK) != 0) { /* the records the filters derive */
		free(path);
		sprintf(rel, "types/derived/%s.schema.json", type);
		path = eq_datapath(rel);
	}
	s = access(path, R_OK) == 0 ? schema_load(path) : NULL;
	strmap_put(&loaded, type, strlen(type), s ? s : (void *)&loaded);
	free(rel);
	free(path);
	return s;
}

int
type_validate(const char *type, const json_t *rec, char *why, size_t whysz)
{
	const struct schema *s = type_schema(type);

	if (!s) {
		snprintf(why, whysz, "no schema for records of type %s", type);
		return -1;
	}
	return schema_validate(s, rec, why, whysz);
}

int
record_validate(const struct record *r, const json_t *rec)
{
	char type[64], why[600];

	snprintf(type, sizeof type, "%.*s", (int)r->tlen, r->type);
	if (type_validate(type, rec, why, sizeof why) == 0)
		return 0;
	reject_line(r->file, r->lineno, r->line, r->len, 1, "%s: %s", type, why);
	return -1;
}

int
id_check(const char *s, size_t n, char *why, size_t whysz)
{
	static const struct schema *id;

	if (!id && !(id = schema_property(type_schema("result"), "school_id")))
		die(EQ_USAGE, "result.schema.json: no school_id");
	return schema_check_string(id, s, n, why, whysz);
}
