/* rederive.h: a filter run again on its own output replaces what it derived
 * before, never duplicates it. The records of the types a filter derives
 * that are already in the stream are held; the filter marks each record it
 * writes; at the end the held records are written again only where no new
 * record has the same key (type, school, group or level, year, procedure,
 * subject, grade, audience, code, indicator): a record the filter did not
 * derive anew (another year, a school without its inputs) is kept. */
#ifndef EQ_REDERIVE_H
#define EQ_REDERIVE_H

#include <stddef.h>

#include "stream.h"

/* The types the filter derives (NULL-terminated; not copied). */
void rederive_types(const char *const *types);
/* 1 when r is of one of them: held (the filter drops it from the pass-
 * through), else 0. */
int rederive_hold(const struct record *r);
/* Derived records about to be written: one or more lines. */
void rederive_mark(const char *buf, size_t len);
/* Write the held records no new record replaced, in their order. */
void rederive_flush(void);

#endif
