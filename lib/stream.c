#include <stdio.h>

#include "input.h"
#include "json.h"
#include "report.h"
#include "i18n.h"
#include "stream.h"
#include "util.h"

static int io_error;

static unsigned long
stream_file(const char *file, size_t maxline, record_fn fn)
{
	struct input in;
	struct record r = { .file = file };
	char *line;
	unsigned long n = 0;
	enum line_status st;

	if (in_open(&in, file, maxline) < 0) {
		io_error = 1; /* said by in_open; go on with the other files */
		return 0;
	}
	while ((st = in_getline(&in, &line, &r.len)) != LINE_EOF) {
		n++;
		progress_tick("records", file);
		r.lineno = in.lineno;
		if (st == LINE_TOO_LONG) {
			reject_line(file, in.lineno, NULL, 0, 0, "line of %zu bytes is longer than "
			            "--max-line %zu", in.longlen, in.maxline);
			continue;
		}
		r.line = line;
		if (rec_type(line, r.len, &r.type, &r.tlen) < 0)
			r.type = NULL, r.tlen = 0;
		if (fn(&r) < 0)
			continue;
		fwrite(line, 1, r.len, stdout);
		putchar('\n');
	}
	if (in.error)
		io_error = 1;
	in_close(&in);
	return n;
}

unsigned long
stream_run(char *const *files, int nfiles, size_t maxline, record_fn fn)
{
	unsigned long n = 0;

	setvbuf(stdout, NULL, _IOFBF, 1 << 18);
	if (nfiles == 0)
		return stream_file("-", maxline, fn);
	for (int i = 0; i < nfiles; i++)
		n += stream_file(files[i], maxline, fn);
	return n;
}

int
stream_finish(unsigned long nrecords)
{
	int status;

	progress_done();
	status = report_finish(nrecords, N_("records"));
	if (fshut(stdout, "stdout") || io_error)
		status = EQ_IO;
	return status;
}
