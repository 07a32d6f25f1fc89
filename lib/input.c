#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

int
in_open(struct input *in, const char *path, size_t maxline)
{
	struct stat st;

	memset(in, 0, sizeof *in);
	in->name = path;
	in->maxline = maxline ? maxline : EQ_MAXLINE_DEFAULT;
	if (strcmp(path, "-") == 0) {
		in->fd = 0;
	} else if ((in->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		weprintf("%s:", path);
		return -1;
	}
	if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		weprintf("%s: is a directory, not a file", path);
		if (in->fd > 0)
			close(in->fd);
		return -1;
	}
	in->cap = 1 << 16;
	in->buf = emalloc(in->cap);
	return 0;
}

void
in_close(struct input *in)
{
	if (in->fd > 0)
		close(in->fd);
	free(in->buf);
	in->buf = NULL;
}

/* Append more bytes at in->end; 0 at the end of the file, or on a read
 * error (said here, and remembered: the caller goes on with other files). */
static size_t
fill(struct input *in)
{
	ssize_t n;

	if (in->eof)
		return 0;
	do
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		weprintf("%s: read error:", in->name);
		in->error = 1;
		n = 0;
	}
	if (n == 0)
		in->eof = 1;
	in->end += (size_t)n;
	return (size_t)n;
}

/* The end of the line that starts at in->beg, looking from p: 1 and the
 * line's length and its terminator's, or 0 when more bytes are needed.
 * A lone CR ends a line too when in->cr_eol (Excel's «CSV (Macintosh)»). */
static int
find_eol(const struct input *in, const char *p, size_t *len, size_t *term)
{
	const char *b = in->buf + in->beg, *e = in->buf + in->end;
	const char *nl = memchr(p, '\n', (size_t)(e - p)), *cr;

	if (in->cr_eol && (cr = memchr(p, '\r', (size_t)((nl ? nl : e) - p)))) {
		if (cr + 1 == e && !in->eof)
			return 0; /* CR LF or CR alone: the next byte tells */
		*len = (size_t)(cr - b);
		*term = cr + 1 < e && cr[1] == '\n' ? 2 : 1;
		return 1;
	}
	if (!nl)
		return 0;
	*len = (size_t)(nl - b);
	*term = 1;
	return 1;
}

enum line_status
in_getline(struct input *in, char **line, size_t *len)
{
	size_t scanned = 0, skipped = 0, n, term;
	int skipping = 0;

	for (;;) {
		int found = find_eol(in, in->buf + in->beg + scanned, &n, &term);
		if (!found && in->eof && (in->end > in->beg || skipping)) {
			n = in->end - in->beg; /* the last line, without a newline */
			term = 0;
			found = 1;
		}
		if (found) {
			char *p = in->buf + in->beg;

			in->beg += n + term;
			in->lineno++;
			if (skipping || n > in->maxline) {
				in->longlen = skipped + n;
				return LINE_TOO_LONG;
			}
			if (n > 0 && p[n - 1] == '\r')
				n--;
			/* a byte order mark: at the start of a file, or of a file
			 * concatenated to another */
			if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
				p += 3, n -= 3;
				in->bom |= in->lineno == 1;
			}
			*line = p;
			*len = n;
			return LINE_OK;
		}
		if (in->eof)
			return LINE_EOF;
		scanned = in->end - in->beg;
		if (scanned > 0 && in->cr_eol && in->buf[in->end - 1] == '\r')
			scanned--; /* look at that CR again with the byte after it */
		if (in->beg > 0 && (skipping || in->end == in->cap)) {
			memmove(in->buf, in->buf + in->beg, in->end - in->beg);
			in->end -= in->beg;
			in->beg = 0;
		}
		if (in->end == in->cap) {
			if (!skipping && in->cap <= in->maxline) {
				in->cap *= 2;
				in->buf = erealloc(in->buf, in->cap);
			} else {
				/* too long: forget what we hold, look for the newline */
				skipping = 1;
				skipped += in->end;
				in->beg = in->end = 0;
				scanned = 0;
			}
		}
		fill(in);
	}
}

static unsigned long ticks;
static int progress_on = -1;
static time_t progress_last;

void
progress_tick(const char *what, const char *file)
{
	time_t now;

	if (++ticks & 0xffff)
		return;
	if (progress_on < 0)
		progress_on = isatty(2);
	if (!progress_on)
		return;
	now = time(NULL);
	if (now == progress_last)
		return;
	progress_last = now;
	fprintf(stderr, "\r%s: %s: %lu %s", argv0, file, ticks, what);
}

void
progress_done(void)
{
	if (progress_on > 0 && progress_last)
		fputs("\r\033[K", stderr);
}
