/* util.h: what every eq filter shares: exit codes, messages, allocation. */
#ifndef EQ_UTIL_H
#define EQ_UTIL_H

#include <stddef.h>
#include <stdio.h>

#define EQ_VERSION "0.1.0"

/* The exit codes of every eq filter (SPEC §2). */
enum eq_exit {
	EQ_OK = 0,       /* everything accepted */
	EQ_REJECTED = 1, /* input processed, some records rejected */
	EQ_USAGE = 2,    /* bad command line or bad reference data */
	EQ_IO = 3,       /* I/O or system error */
	EQ_INPUT_REJECTED = 4, /* eq-ingest: an input file rejected whole */
};

extern const char *argv0;

/* Under AFL++ (afl-clang-fast), the fork server starts here: what a filter
 * loads before reading its input (schemas, dictionaries) is loaded once per
 * fuzzing run, not once per input. Nothing otherwise. */
#ifdef __AFL_HAVE_MANUAL_CONTROL
#define EQ_FUZZ_START() __AFL_INIT()
#else
#define EQ_FUZZ_START() ((void)0)
#endif

/* Print "argv0: msg" on stderr; a format ending in ':' appends strerror(errno). */
void weprintf(const char *fmt, ...);
/* weprintf, then exit with status. */
_Noreturn void die(int status, const char *fmt, ...);

void *emalloc(size_t n);
void *ecalloc(size_t n, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);
char *estrndup(const char *s, size_t n);

/* Flush and close fp; on a write error print and return EQ_IO, else 0. */
int fshut(FILE *fp, const char *name);

/* Directory of reference data and schemas: $EQ_DATADIR, the source tree next to
 * the executable, or the installed DATADIR. */
const char *eq_datadir(void);
/* Path of a file inside eq_datadir(); the result is malloc'd. */
char *eq_datapath(const char *rel);

/* For a filter that keeps thousands of parse trees to its end (eq-recommend,
 * eq-report): glibc's fast bins off, which spares the consolidation passes
 * their frees cause (a tenth of eq-report's time on a 2 000-school region). */
void malloc_for_trees(void);

#endif
