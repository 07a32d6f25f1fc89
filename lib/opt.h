/* opt.h: the options every filter takes, parsed with getopt_long. Long help
 * goes to stdout (--help, exit 0), short usage to stderr (exit EQ_USAGE). */
#ifndef EQ_OPT_H
#define EQ_OPT_H

#include <getopt.h>
#include <stddef.h>

enum {
	OPT_HELP = 0x100, OPT_VERSION, OPT_REJECTS, OPT_MAXLINE, OPT_FIRST_OWN,
};

#define COMMON_LONGOPTS \
	{ "help", no_argument, NULL, OPT_HELP }, \
	{ "version", no_argument, NULL, OPT_VERSION }, \
	{ "rejects", required_argument, NULL, OPT_REJECTS }, \
	{ "max-line", required_argument, NULL, OPT_MAXLINE }

/* --help: usage, the filter's own text, then the options every filter takes
 * (written by common_opt, in the user's language). */

struct common {
	const char *rejects;
	size_t maxline;
};

/* Handle a common option (or '?'); returns 0 when c is not one. usage is
 * the one-line synopsis, help the long text. */
int common_opt(int c, const char *arg, struct common *o, const char *usage, const char *help);
/* Print the synopsis to stderr and exit EQ_USAGE. */
_Noreturn void usage_exit(const char *usage);
/* An option's number argument; exits with usage on a bad value. */
double opt_number(const char *opt, const char *arg, double min, double max);

#endif
