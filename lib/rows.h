/* rows.h: the rows of an export, whatever holds them: a CSV file (csvin), a
 * sheet of an .xlsx workbook (xlsx) or of an .xls one (xls). Each row comes
 * with its position; the container is told by the file's first bytes, not
 * its name. A reader yields rows of cells and nothing else: what the rows
 * mean (header, titles, records) is eq-ingest's business. */
#ifndef EQ_ROWS_H
#define EQ_ROWS_H

#include <stddef.h>

#include "csvin.h"

enum rows_kind { ROWS_CSV, ROWS_XLSX, ROWS_XLS };

struct xlsx;
struct xls;

struct rows {
	enum rows_kind kind;
	char *name;             /* for messages: FILE, or FILE[SHEET] */
	struct csvin csv;
	struct xlsx *xlsx;
	struct xls *xls;
	size_t sheet;
	const char *why;        /* why the last row was rejected */
	char whybuf[300];
	const char *fatal;      /* why the rest cannot be read at all */
	unsigned long last;     /* the position of the last row */
	struct csvrow again;    /* rows_unread: the last row, given once more */
	int again_k, again_set;
};

/* The container of path: ROWS_XLSX, ROWS_XLS or ROWS_CSV (anything else). */
enum rows_kind rows_container(const char *path);

/* A CSV file (or stdin, "-"): 0, or -1 (said). */
int rows_open_csv(struct rows *r, const char *path, enum encoding enc, int delim, size_t maxline);
/* A workbook, then its sheets one at a time. */
int rows_open_book(struct rows *r, const char *path, char *why, size_t whysz);
size_t rows_nsheets(const struct rows *r);
const char *rows_sheet_name(const struct rows *r, size_t i);
/* Read sheet i next (again, when it is the one being read: r->name stays
 * the same pointer); its rows are named FILE[SHEET]. 0, or -1 (why). */
int rows_sheet(struct rows *r, size_t i, char *why, size_t whysz);
void rows_close(struct rows *r);

/* 1: a row; 0: a rejected row (r->why; row holds what was read); -1: the end
 * (r->fatal when the rest could not be read). */
int rows_next(struct rows *r, struct csvrow *row);
/* The next rows_next gives the last row again (its cells stay valid: no
 * other call is made between). */
void rows_unread(struct rows *r);
/* The last row was the header. */
void rows_header(struct rows *r);
/* CSV only, while the header is searched: split the last line again with
 * another delimiter; -1 otherwise. */
int rows_reparse(struct rows *r, struct csvrow *row, int delim);
/* CSV only: read again the lines of the last row after its first. */
int rows_unread_rest(struct rows *r);
/* The last row came from more than one line of a CSV file (a quoted cell
 * with line breaks); only such a row can hold one. */
int rows_spans_lines(const struct rows *r);
/* Blank lines a CSV file had between its rows. */
unsigned long rows_blank(const struct rows *r);
/* A read error happened (said). */
int rows_error(const struct rows *r);

#endif
