/* proclist.h: lists of procedures (procedure, subject, grade codes, one per
 * line of a TSV file) that decide what a filter examines. */
#ifndef EQ_PROCLIST_H
#define EQ_PROCLIST_H

#include "strmap.h"

/* Load path into list: shipped data under the data directory, or with
 * user set a file named on the command line (relative to here). Codes
 * only; anything else stops with FILE:LINE. */
void proclist_load(struct strmap *list, const char *path, int user);
int proclist_has(const struct strmap *list, const char *procedure, const char *subject, int grade);

#endif
