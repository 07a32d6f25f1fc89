#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "util.h"
#include "xls.h"
#include "xlsx.h"

enum rows_kind
rows_container(const char *path)
{
	static const unsigned char zip[4] = { 'P', 'K', 3, 4 };
	static const unsigned char ole[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
	unsigned char m[8] = { 0 };
	size_t n = 0;
	FILE *f;

	if (strcmp(path, "-") == 0 || !(f = fopen(path, "rb")))
		return ROWS_CSV; /* stdin is text; a file that cannot be opened is said by csvin */
	n = fread(m, 1, sizeof m, f);
	fclose(f);
	if (n >= 4 && memcmp(m, zip, 4) == 0)
		return ROWS_XLSX; /* a zip package: Office Open XML */
	if (n == 8 && memcmp(m, ole, 8) == 0)
		return ROWS_XLS;  /* an OLE2 compound file: BIFF */
	return ROWS_CSV;
}

int
rows_open_csv(struct rows *r, const char *path, enum encoding enc, int delim, size_t maxline)
{
	memset(r, 0, sizeof *r);
	r->kind = ROWS_CSV;
	r->name = estrdup(path);
	if (csvin_open(&r->csv, path, enc, delim, maxline) < 0) {
		free(r->name);
		r->name = NULL;
		return -1;
	}
	return 0;
}

int
rows_open_book(struct rows *r, const char *path, char *why, size_t whysz)
{
	memset(r, 0, sizeof *r);
	r->kind = rows_container(path);
	r->name = estrdup(path);
	if (r->kind == ROWS_XLSX)
		r->xlsx = xlsx_open(path, why, whysz);
	else if (r->kind == ROWS_XLS)
		r->xls = xls_open(path, why, whysz);
	if (!r->xlsx && !r->xls) {
		free(r->name);
		r->name = NULL;
		return -1;
	}
	return 0;
}

size_t
rows_nsheets(const struct rows *r)
{
	return r->xlsx ? xlsx_nsheets(r->xlsx) : r->xls ? xls_nsheets(r->xls) : 1;
}

const char *
rows_sheet_name(const struct rows *r, size_t i)
{
	return r->xlsx ? xlsx_sheet_name(r->xlsx, i) : r->xls ? xls_sheet_name(r->xls, i) : "";
}

int
rows_sheet(struct rows *r, size_t i, char *why, size_t whysz)
{
	char *name;
	int ok;

	ok = r->xlsx ? xlsx_sheet(r->xlsx, i, why, whysz) : xls_sheet(r->xls, i, why, whysz);
	if (ok < 0)
		return -1;
	/* FILE[SHEET]: the position a user finds the row by */
	name = emalloc(strlen(r->name) + strlen(rows_sheet_name(r, i)) + 3);
	sprintf(name, "%.*s[%s]", (int)strcspn(r->name, "["), r->name, rows_sheet_name(r, i));
	if (strcmp(name, r->name) == 0) { /* the same sheet again: the name held stays valid */
		free(name);
	} else {
		free(r->name);
		r->name = name;
	}
	r->sheet = i;
	r->again_set = 0;
	r->fatal = NULL;
	r->last = 0;
	return 0;
}

void
rows_close(struct rows *r)
{
	if (r->kind == ROWS_CSV && r->name)
		csvin_close(&r->csv);
	xlsx_close(r->xlsx);
	xls_close(r->xls);
	free(r->name);
	memset(r, 0, sizeof *r);
}

int
rows_next(struct rows *r, struct csvrow *row)
{
	int k;

	if (r->again_set) {
		r->again_set = 0;
		*row = r->again;
		return r->again_k;
	}
	switch (r->kind) {
	case ROWS_CSV:
		k = csvin_next(&r->csv, row);
		r->why = r->csv.why;
		r->fatal = r->csv.fatal;
		r->last = r->csv.in.lineno;
		r->again = *row, r->again_k = k;
		return k;
	case ROWS_XLSX:
		k = xlsx_next(r->xlsx, row, r->whybuf, sizeof r->whybuf);
		break;
	case ROWS_XLS:
		k = xls_next(r->xls, row, r->whybuf, sizeof r->whybuf);
		break;
	default:
		return -1;
	}
	if (k == 0) { /* a broken sheet: nothing more can be read of it */
		r->fatal = r->whybuf;
		return -1;
	}
	if (k > 0)
		r->last = row->line;
	r->again = *row, r->again_k = k;
	return k;
}

void
rows_unread(struct rows *r)
{
	r->again_set = 1;
}

void
rows_header(struct rows *r)
{
	if (r->kind == ROWS_CSV)
		csvin_header(&r->csv);
}

int
rows_reparse(struct rows *r, struct csvrow *row, int delim)
{
	return r->kind == ROWS_CSV ? csvin_reparse(&r->csv, row, delim) : -1;
}

int
rows_unread_rest(struct rows *r)
{
	return r->kind == ROWS_CSV ? csvin_unread_rest(&r->csv) : 0;
}

int
rows_spans_lines(const struct rows *r)
{
	return r->kind == ROWS_CSV && r->csv.last_lines >= 2;
}

unsigned long
rows_blank(const struct rows *r)
{
	return r->kind == ROWS_CSV ? r->csv.blank : 0;
}

int
rows_error(const struct rows *r)
{
	return r->kind == ROWS_CSV && r->csv.in.error;
}
