/* schema.h: the subset of JSON Schema (draft 2020-12) that eq's record
 * schemas use. A schema using any other keyword is refused when loaded, so a
 * constraint is never silently ignored. Supported: type, enum, const,
 * minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength,
 * maxLength, pattern (PCRE2), items, minItems, maxItems, properties,
 * required, additionalProperties, allOf, anyOf, not, if/then/else, $ref to
 * "#/$defs/NAME"; annotations ($schema, $id, $comment, title, description,
 * examples, default, $defs) are accepted. */
#ifndef EQ_SCHEMA_H
#define EQ_SCHEMA_H

#include <stddef.h>
#include <jansson.h>

enum {
	ST_NULL = 1, ST_BOOLEAN = 2, ST_INTEGER = 4, ST_NUMBER = 8,
	ST_STRING = 16, ST_ARRAY = 32, ST_OBJECT = 64,
};

struct schema;

/* Load and compile; on error print "PROG: FILE: reason" and exit EQ_USAGE. */
struct schema *schema_load(const char *path);
void schema_free(struct schema *s);

/* 0 when v is valid; else -1 with the first violation in err ("grade: 12
 * is above the maximum 11"). */
int schema_validate(const struct schema *s, const json_t *v, char *err, size_t errsz);
struct jrec;
/* The same judgement on a record read in place (jview.h), without reasons:
 * 1 when schema_validate would accept it, 0 when it would not or when the
 * answer would need a comparison with an array or object constant. */
int schema_accepts(const struct schema *s, const struct jrec *r);

/* The schema of a top-level property, or NULL. */
const struct schema *schema_property(const struct schema *s, const char *name);
/* Index of a top-level property in schema order, or -1. *hint (start at 0)
 * makes a run of lookups in schema order cheap. */
int schema_property_index(const struct schema *s, const char *name, size_t *hint);
/* Names of the top-level properties, in the schema's order. */
size_t schema_properties(const struct schema *s, const char *const **names);
/* The schema of an array's items, or NULL. */
const struct schema *schema_items(const struct schema *s);
/* Allowed JSON types of a schema (ST_* bits; 0 = any). */
unsigned schema_types(const struct schema *s);
/* Names listed in "required", in order. */
size_t schema_required(const struct schema *s, const char *const **names);
/* When a number's schema is only a type and bounds: 1 and the bounds
 * (-HUGE_VAL/HUGE_VAL when open; *integer when it must be whole), so that a
 * caller can check the common case inline. 0 for anything richer. */
int schema_number_bounds(const struct schema *s, double *min, double *max, int *integer);
/* Check a scalar without building a json_t; same messages as validate. */
int schema_check_number(const struct schema *s, double v, int is_int, char *err, size_t errsz);
int schema_check_string(const struct schema *s, const char *str, size_t n, char *err, size_t errsz);

#endif
