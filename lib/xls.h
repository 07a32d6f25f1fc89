/* xls.h: the rows of an old Excel workbook (.xls, BIFF in an OLE2 file)
 * through FreeXL, with the interface of xlsx.h. FreeXL reads the whole
 * workbook (an .xls holds at most 65 536 rows a sheet). */
#ifndef EQ_XLS_H
#define EQ_XLS_H

#include <stddef.h>

#include "csvin.h"

struct xls;

struct xls *xls_open(const char *path, char *why, size_t whysz);
void xls_close(struct xls *x);
size_t xls_nsheets(const struct xls *x);
const char *xls_sheet_name(const struct xls *x, size_t i);
int xls_sheet(struct xls *x, size_t i, char *why, size_t whysz);
int xls_next(struct xls *x, struct csvrow *row, char *why, size_t whysz);

#endif
