/* stream.h: the record loop of an analytic filter, written once (Miller's
 * process-one / flush-at-end shape): every line of the inputs is handed to
 * the filter with its type and position and passed through unless the filter
 * rejects it; at the end the filter flushes what it derived. */
#ifndef EQ_STREAM_H
#define EQ_STREAM_H

#include <stddef.h>

struct record {
	const char *line;
	size_t len;
	const char *type;   /* not NUL-terminated; NULL when the line has none */
	size_t tlen;
	const char *file;
	unsigned long lineno;
};

/* Called for each record; returns 0 to pass it through as it is, or -1 to
 * drop it: rejected (the callback reported it), or written by the filter in
 * another form. */
typedef int (*record_fn)(const struct record *r);

/* Read the files (stdin when nfiles is 0), call fn, pass records through;
 * returns the number of records read. A file that cannot be opened is
 * reported and remembered for stream_finish. */
unsigned long stream_run(char *const *files, int nfiles, size_t maxline, record_fn fn);
/* After the filter wrote what it derived: the summary, the rejects file,
 * stdout; the exit status (EQ_IO wins over EQ_REJECTED). */
int stream_finish(unsigned long nrecords);

#endif
