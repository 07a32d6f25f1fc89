/* tsv.h: the reference-data files: tab-separated, '#' comments, blank lines
 * ignored; errors as "PROG: FILE:LINE: reason" with exit EQ_USAGE. */
#ifndef EQ_TSV_H
#define EQ_TSV_H

#include <stddef.h>

#define TSV_MAXCOLS 16

struct tsv_row {
	const char *file;
	unsigned long line;
	size_t ncols;
	char *col[TSV_MAXCOLS];
};

/* Call fn for every row of path (under the data directory unless it is
 * absolute or starts with ./ or ../);
 * rows with fewer than mincols columns are refused. */
void tsv_each(const char *path, size_t mincols,
              void (*fn)(const struct tsv_row *row, void *arg), void *arg);
/* tsv_each on a file a user named (an option's argument): a relative path is
 * taken from the current directory, not the data directory. */
void tsv_each_user(const char *path, size_t mincols,
                   void (*fn)(const struct tsv_row *row, void *arg), void *arg);
_Noreturn void tsv_die(const struct tsv_row *row, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A column as a number; refuses the row when it is not one. */
double tsv_num(const struct tsv_row *row, size_t col);

#endif
