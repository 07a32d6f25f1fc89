#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "input.h"
#include "opt.h"
#include "text.h"
#include "util.h"

/* the options every filter takes, after its own in --help */
static const char *const common_help = N_(
	"      --rejects FILE  write rejected records to FILE as NDJSON\n"
	"                      {\"file\",\"line\",\"reason\",\"record\"}\n"
	"      --max-line N    reject lines longer than N bytes (default 1048576)\n"
	"      --help          show this help and exit\n"
	"      --version       show the version and exit\n"
	"\nExit status: 0 all accepted, 1 some records rejected, 2 usage or\n"
	"reference-data error, 3 I/O error.\n");

void
usage_exit(const char *usage)
{
	fprintf(stderr, tr("usage: %s %s\nTry '%s --help' for more.\n"), argv0, usage, argv0);
	exit(EQ_USAGE);
}

double
opt_number(const char *opt, const char *arg, double min, double max)
{
	double v;
	int is_int;

	if (parse_number(arg, strlen(arg), &v, &is_int) < 0 || v < min || v > max)
		die(EQ_USAGE, "%s: \"%s\" is not a number from %g to %g", opt, arg, min, max);
	return v;
}

int
common_opt(int c, const char *arg, struct common *o, const char *usage, const char *help)
{
	switch (c) {
	case OPT_HELP:
		printf(tr("usage: %s %s\n"), argv0, usage);
		fputs(tr(help), stdout);
		fputs(tr(common_help), stdout);
		exit(fflush(stdout) ? EQ_IO : EQ_OK);
	case OPT_VERSION:
		printf("%s (eq) %s\n", argv0, EQ_VERSION);
		exit(fflush(stdout) ? EQ_IO : EQ_OK);
	case OPT_REJECTS:
		o->rejects = arg;
		return 1;
	case OPT_MAXLINE:
		o->maxline = (size_t)opt_number("--max-line", arg, 64, 1 << 30);
		return 1;
	case '?':
	case ':':
		usage_exit(usage);
	}
	return 0;
}
