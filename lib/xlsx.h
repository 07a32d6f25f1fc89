/* xlsx.h: the rows of an Excel workbook (.xlsx: Office Open XML), sheet by
 * sheet, as cells of text: the container through libzip, the XML through
 * expat, a sheet streamed a row at a time (memory follows the widest row and
 * the shared strings, not the rows). Cells are as Excel stores them: shared
 * and inline strings, numbers as written in the file ("12", "0.5"), booleans
 * as 1/0; a row's missing cells are empty. */
#ifndef EQ_XLSX_H
#define EQ_XLSX_H

#include <stddef.h>

#include "csvin.h"

struct xlsx;

/* Open a workbook; NULL and why when it cannot be read as one. */
struct xlsx *xlsx_open(const char *path, char *why, size_t whysz);
void xlsx_close(struct xlsx *x);
size_t xlsx_nsheets(const struct xlsx *x);
/* The name of sheet i (in the workbook's order), as its tab shows it. */
const char *xlsx_sheet_name(const struct xlsx *x, size_t i);
/* Start reading sheet i: 0, or -1 and why. */
int xlsx_sheet(struct xlsx *x, size_t i, char *why, size_t whysz);
/* The next row of the sheet: 1 (row->line is its number in the sheet), -1 at
 * its end, 0 when the sheet is broken (why says how; the sheet ends there).
 * The row is valid until the next call. */
int xlsx_next(struct xlsx *x, struct csvrow *row, char *why, size_t whysz);

#endif
