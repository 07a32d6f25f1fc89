/* rectype.h: the JSON Schemas of eq's record types (schemas/types: what
 * comes in; schemas/types/derived: what the filters write), for the
 * filters that read records of a type straight from the stream: each such
 * record is checked at the filter's boundary exactly as eq-normalize checks
 * it, so identifiers and codes are bounded once, by the schema. */
#ifndef EQ_RECTYPE_H
#define EQ_RECTYPE_H

#include <stddef.h>
#include <jansson.h>

#include "schema.h"
#include "stream.h"

/* The schema of a type, loaded on first use; NULL when there is none. */
const struct schema *type_schema(const char *type);
/* 0 when rec is a valid record of type; else -1 and the first violation. */
int type_validate(const char *type, const json_t *rec, char *why, size_t whysz);
/* A record read whole, checked against the schema of its type: 0, or -1
 * when it is not valid (rejected with its line and the first violation). A
 * filter reads a derived record only as its schema says: a field renamed
 * upstream is an error, not a default. */
int record_validate(const struct record *r, const json_t *rec);

/* An identifier (school_id, student_id) as the schemas bound it: 0, or -1
 * and why. */
int id_check(const char *s, size_t n, char *why, size_t whysz);

#endif
