/* csvin.h: rows of a CSV export as spreadsheets write them: UTF-8 (BOM or
 * not) or Windows-1251, ',' ';' or tab, quotes per RFC 4180 (libcsv, strict).
 * Until the caller has found the header, each line is read on its own with
 * the delimiter that line suggests (title rows are free text); after
 * csvin_header(), rows are read with that delimiter and may span lines.
 * A row with broken quoting is rejected and the lines it swallowed are read
 * again, so one bad quote costs one row. */
#ifndef EQ_CSVIN_H
#define EQ_CSVIN_H

#include <csv.h>
#include <stddef.h>

#include "input.h"
#include "json.h"

enum encoding { ENC_AUTO, ENC_UTF8, ENC_CP1251 };

struct csvrow {
	char **cells;
	size_t *lens;
	size_t n;
	unsigned long line; /* where the row starts */
};

struct pending_line {
	unsigned long line;
	size_t off, len;
};

struct csvin {
	struct input in;
	enum encoding enc;     /* decided on the first line with a byte > 0x7f */
	unsigned long blank;   /* blank lines between rows, skipped */
	int mixed;             /* lines of both encodings were seen: reject the minority */
	int forced_delim;      /* 0 = detect */
	int delim;
	int streaming;
	struct csv_parser p;
	/* the row being assembled */
	struct sbuf arena;
	size_t *offs, *lens, ncells, cap;
	char **ptrs;
	int row_done;
	/* lines of the open row, and lines to read again */
	struct sbuf pend;
	struct pending_line *pl;
	size_t npl, plcap;
	struct sbuf replay;
	struct pending_line *rl;
	size_t nrl, rlpos;
	size_t last_lines;     /* lines of the row last returned, kept for csvin_unread_rest */
	struct sbuf dec;
	char why[160];
	const char *fatal;     /* why the file cannot be read as CSV at all */
};

int csvin_open(struct csvin *c, const char *path, enum encoding enc, int delim, size_t maxline);
void csvin_close(struct csvin *c);
/* 1: a row; 0: a rejected row (reason in c->why, row->cells what was read);
 * -1: end of input. */
int csvin_next(struct csvin *c, struct csvrow *row);
/* The last row was the header: read the rest with its delimiter. */
void csvin_header(struct csvin *c);
/* The row last returned spans lines (a quoted cell with line breaks) but
 * the caller does not take it: read its lines after the first again, as
 * rows of their own (a stray quote must not swallow rows). 1 when there
 * were such lines. */
int csvin_unread_rest(struct csvin *c);
/* While the header is searched: the line last returned split again with
 * another delimiter; 0, or -1 when it does not parse so. */
int csvin_reparse(struct csvin *c, struct csvrow *row, int delim);

#endif
