/* report.h: rejected records and warnings, so that nothing is lost silently.
 * Every reject is counted, printed as "PROG: FILE:LINE: reason" (the first
 * REPORT_SHOWN of them) and, with --rejects FILE, written there as NDJSON
 * {"file","line","reason","record"}. */
#ifndef EQ_REPORT_H
#define EQ_REPORT_H

#include <stdarg.h>
#include <stddef.h>

#define REPORT_SHOWN 100

/* Open the --rejects file (NULL: none). */
void report_open(const char *rejects_path);
/* Reject an NDJSON line: the record is embedded as JSON when json_ok,
 * as a string otherwise. */
void reject_line(const char *file, unsigned long line, const char *rec,
                 size_t len, int json_ok, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Reject a CSV row (its cells as a JSON array of strings; a NULL cell is
 * written as null: withheld, a personal column; NULL cells: the row is
 * withheld whole). */
void reject_row(const char *file, unsigned long line, char *const *cells,
                const size_t *lens, size_t ncells, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void vreject_row(const char *file, unsigned long line, char *const *cells,
                 const size_t *lens, size_t ncells, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
/* Reject a whole file, or what is left of it: nrows rows (at least one
 * reject is counted), one message, one rejects entry with "rows". */
void reject_file(const char *file, unsigned long line, unsigned long nrows,
                 const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A warning, shown at most REPORT_SHOWN times per kind (the format string
 * is the kind); the rest are counted. file may be NULL. */
void warn_at(const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print the summary, close the rejects file; EQ_REJECTED if anything was
 * rejected, EQ_IO on a write error, else EQ_OK. in_count names what was read. */
int report_finish(unsigned long in_count, const char *unit);

#endif
