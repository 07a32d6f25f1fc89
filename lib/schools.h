/* schools.h: what school records say about each school (its municipality
 * and region), for the filters that group schools. */
#ifndef EQ_SCHOOLS_H
#define EQ_SCHOOLS_H

#include <stddef.h>

enum group_by { BY_MUNICIPALITY, BY_REGION, BY_ALL };

/* Remember a school record (an NDJSON line), checked against its schema.
 * Records of one school complete each other (one source gives the
 * municipality, another the locality); a value that differs from one
 * already given is refused: the first holds everywhere in eq. 0, or -1 and
 * why. */
int schools_add(const char *line, size_t len, char *why, size_t whysz);
struct record;
/* schools_add on a record of the stream, rejecting it (with its position)
 * when it is refused: 0, or -1 (rejected). */
int schools_take(const struct record *r);
/* The group of a school: its municipality or region, "all", or NULL when
 * no school record names it (or the record lacks the region). */
const char *school_group(const char *school_id, enum group_by by);
/* school_group, else "unknown" with a warning (once per school) that the
 * school has what (results, a context) but no school record, or none that
 * names its municipality (region). */
const char *school_group_known(const char *school_id, enum group_by by, const char *what);
/* The school's name, or NULL. */
const char *school_name(const char *school_id);
/* 1 when the school's record says advanced: 1 (gymnasium, lyceum, advanced
 * study), 0 when it does not, -1 when there is no record. */
int school_advanced(const char *school_id);
/* Parse --by; -1 when not one of municipality, region, all. */
int group_by_parse(const char *s, enum group_by *by);
void schools_free(void);

#endif
