/* schema-private.h: the compiled schema, shared by the validator of parse
 * trees (schema.c) and of records read in place (schema-view.c). Not for
 * the filters: they see schema.h. */
#ifndef EQ_SCHEMA_PRIVATE_H
#define EQ_SCHEMA_PRIVATE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "schema.h"
#include "strmap.h"

enum { HAS_MIN = 1, HAS_MAX = 2, HAS_XMIN = 4, HAS_XMAX = 8 };

struct schema {
	unsigned types;
	json_t *enumv, *constv;
	int bounds;
	double min, max, xmin, xmax;
	long minlen, maxlen, minitems, maxitems;
	pcre2_code *re;
	pcre2_match_data *md;
	int jit;              /* compiled by the JIT: match without pcre2_match's checks */
	char *pattern;
	size_t nprops;
	char **pnames;
	struct schema **pvals;
	struct strmap pindex; /* name -> index + 1 */
	size_t nreq;
	char **req;
	int no_additional;
	struct schema *additional;
	struct schema *items;
	size_t nall, nany;
	struct schema **all, **any;
	struct schema *not_, *if_, *then_, *else_;
	struct schema *ref; /* resolved $ref, not owned */
	char *description;    /* said when a not/anyOf fails */
	struct schema **defs; /* the root owns the $defs */
	size_t ndefs;
};

/* Error text: the reason, with the path to the value prepended while the
 * failure unwinds ("tasks[3]: ..."), so valid records build no strings. */
struct ctx {
	char *err;
	size_t errsz;
	int has_path;
};

/* The checks of one value both validators make: 0, or -1 (and the reason
 * in c when c->err is set). */
int schema_bounds_ok(const struct schema *s, struct ctx *c, double v);
int schema_string_ok(const struct schema *s, struct ctx *c, const char *str, size_t n);
/* A property's schema, NULL when the object schema has none of that name;
 * hint: where the last one was found (records come in schema order). */
const struct schema *schema_property_at(const struct schema *s, const char *name, size_t *hint);

#endif
