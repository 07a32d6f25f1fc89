/* input.h: read the files named on the command line (or stdin) line by line,
 * keeping FILE:LINE positions, with a bound on line length. */
#ifndef EQ_INPUT_H
#define EQ_INPUT_H

#include <stddef.h>

enum line_status {
	LINE_OK,
	LINE_EOF,
	LINE_TOO_LONG, /* longer than the bound; skipped up to its newline */
};

struct input {
	int fd;
	const char *name;     /* as given, "-" for stdin */
	unsigned long lineno; /* of the line last returned */
	char *buf;
	size_t cap, beg, end;
	size_t maxline;
	size_t longlen;       /* length of the last LINE_TOO_LONG line */
	int eof;
	int error;            /* a read error ended the file early (said) */
	int cr_eol;           /* a lone CR ends a line (CSV) */
	int bom;              /* the file began with a UTF-8 byte order mark */
};

#define EQ_MAXLINE_DEFAULT (1u << 20)

/* Open path ("-" = stdin); on failure (a directory too) print the error
 * and return -1. */
int in_open(struct input *in, const char *path, size_t maxline);
void in_close(struct input *in);
/* Next line without its newline (and without a trailing CR or a leading
 * UTF-8 byte order mark). The pointer is valid until the next call. A NUL
 * inside a line is left for the caller. A line longer than the bound is
 * reported as such, the last one of a file too. */
enum line_status in_getline(struct input *in, char **line, size_t *len);

/* Progress on stderr when it is a terminal: call once per record. */
void progress_tick(const char *what, const char *file);
void progress_done(void);

#endif
