#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"
#include "xls.h"

struct xls {
	const void *h;
	char **names;
	size_t nsheets;
	unsigned int nrows, row;
	unsigned short ncols;
	struct sbuf arena;
	size_t *offs, *lens;
	char **ptrs;
};

struct xls *
xls_open(const char *path, char *why, size_t whysz)
{
	struct xls *x = ecalloc(1, sizeof *x);
	unsigned int n = 0;
	int r;

	if ((r = freexl_open(path, &x->h)) != FREEXL_OK ||
	    freexl_get_info(x->h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK) {
		snprintf(why, whysz, "not a readable .xls workbook (FreeXL error %d)", r);
		xls_close(x);
		return NULL;
	}
	x->names = ecalloc(n ? n : 1, sizeof *x->names);
	for (unsigned int i = 0; i < n; i++) {
		const char *s = NULL;
		freexl_get_worksheet_name(x->h, (unsigned short)i, &s);
		x->names[i] = estrdup(s ? s : "");
	}
	x->nsheets = n;
	return x;
}

size_t
xls_nsheets(const struct xls *x)
{
	return x->nsheets;
}

const char *
xls_sheet_name(const struct xls *x, size_t i)
{
	return x->names[i];
}

int
xls_sheet(struct xls *x, size_t i, char *why, size_t whysz)
{
	if (i >= x->nsheets || freexl_select_active_worksheet(x->h, (unsigned short)i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->h, &x->nrows, &x->ncols) != FREEXL_OK) {
		snprintf(why, whysz, "sheet %zu cannot be read", i + 1);
		return -1;
	}
	x->row = 0;
	x->offs = erealloc(x->offs, (x->ncols + 1u) * sizeof *x->offs);
	x->lens = erealloc(x->lens, (x->ncols + 1u) * sizeof *x->lens);
	x->ptrs = erealloc(x->ptrs, (x->ncols + 1u) * sizeof *x->ptrs);
	return 0;
}

int
xls_next(struct xls *x, struct csvrow *row, char *why, size_t whysz)
{
	size_t n = 0;

	(void)why, (void)whysz;
	if (x->row >= x->nrows)
		return -1;
	x->arena.len = 0;
	for (unsigned short c = 0; c < x->ncols; c++) {
		FreeXL_CellValue v;
		char num[40];
		const char *s = "";

		x->offs[c] = x->arena.len;
		if (freexl_get_cell_value(x->h, x->row, c, &v) == FREEXL_OK) {
			switch (v.type) {
			case FREEXL_CELL_INT:
				snprintf(num, sizeof num, "%d", v.value.int_value);
				s = num;
				break;
			case FREEXL_CELL_DOUBLE:
				snprintf(num, sizeof num, "%.15g", v.value.double_value);
				s = num;
				break;
			case FREEXL_CELL_TEXT:
			case FREEXL_CELL_SST_TEXT:
			case FREEXL_CELL_DATE:
			case FREEXL_CELL_DATETIME:
			case FREEXL_CELL_TIME:
				s = v.value.text_value ? v.value.text_value : "";
				break;
			}
		}
		x->lens[c] = strlen(s);
		sb_putn(&x->arena, s, x->lens[c]);
		sb_putc(&x->arena, '\0');
		if (x->lens[c])
			n = c + 1u; /* the row ends at its last cell with a value */
	}
	for (size_t c = 0; c < n; c++)
		x->ptrs[c] = x->arena.s + x->offs[c];
	row->cells = x->ptrs;
	row->lens = x->lens;
	row->n = n;
	row->line = ++x->row; /* rows numbered from 1, as Excel shows them */
	return 1;
}

void
xls_close(struct xls *x)
{
	if (!x)
		return;
	if (x->h)
		freexl_close(x->h);
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->names[i]);
	free(x->names);
	free(x->offs);
	free(x->lens);
	free(x->ptrs);
	sb_free(&x->arena);
	free(x);
}
