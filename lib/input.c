#include <errno.h>
#include <fcntl.h>
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
	memset(in, 0, sizeof *in);
	in->name = path;
	in->maxline = maxline ? maxline : EQ_MAXLINE_DEFAULT;
	if (strcmp(path, "-") == 0) {
		in->fd = 0;
	} else if ((in->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		weprintf("%s:", path);
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

/* Append more bytes at in->end; 0 at end of file. */
static size_t
fill(struct input *in)
{
	ssize_t n;

	if (in->eof)
		return 0;
	do
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		die(EQ_IO, "%s: read error:", in->name);
	if (n == 0)
		in->eof = 1;
	in->end += n;
	return n;
}

enum line_status
in_getline(struct input *in, char **line, size_t *len)
{
	char *nl;
	size_t scanned = 0, skipped = 0;
	int skipping = 0;

	for (;;) {
		nl = memchr(in->buf + in->beg + scanned, '\n', in->end - in->beg - scanned);
		if (nl || (in->eof && in->end > in->beg)) {
			size_t n = nl ? (size_t)(nl - (in->buf + in->beg)) : in->end - in->beg;
			char *p = in->buf + in->beg;

			in->beg += n + (nl != NULL);
			in->lineno++;
			if (skipping || n > in->maxline) {
				in->longlen = skipped + n;
				return LINE_TOO_LONG;
			}
			if (n > 0 && p[n - 1] == '\r')
				n--;
			*line = p;
			*len = n;
			return LINE_OK;
		}
		if (in->eof)
			return LINE_EOF;
		scanned = in->end - in->beg;
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
