/* eq-summarize: pupils' results replaced by the sums a report reads, one
 * school_summary per school and procedure; everything else passes. */
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "json.h"
#include "opt.h"
#include "reduce.h"
#include "report.h"
#include "stream.h"
#include "util.h"

static const char usage[] = "[--rejects FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Replace the result records by school_summary records: per school, year,\n"
	"procedure, subject and grade the participants counted, the failed, the\n"
	"marks, the sum of the scores and of their squares, and the pupils by score.\n"
	"Every other record passes through unchanged, in order; the summaries follow\n"
	"them. Summaries add up: school_summary records in the input are added to\n"
	"the sums, so the summaries of parts of a stream, summarised again, are the\n"
	"summary of the whole. eq-report reads a summarised stream as it reads the\n"
	"pupils' rows, and gives the same report.\n");

static struct reduce red = { .detail = 1 };

static int
take(const struct record *r)
{
	const char *why;
	char err[300];

	if (!r->type)
		return 0; /* not a record of ours: passed, as every filter does */
	if (type_is(r->type, r->tlen, "result")) {
		if (reduce_result(&red, r->line, r->len, &why) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", why);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school_summary")) {
		if (reduce_summary(&red, r->line, r->len, err, sizeof err) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = { COMMON_LONGOPTS, { 0 } };
	struct common common = { 0 };
	unsigned long n;
	int c, status;

	argv[0] = (char *)(argv0 = "eq-summarize");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		if (!common_opt(c, optarg, &common, usage, help))
			usage_exit(usage);
	EQ_FUZZ_START();
	report_open(common.rejects);
	n = stream_run(argv + optind, argc - optind, common.maxline, take);
	reduce_write_summaries(&red, stdout);
	status = stream_finish(n);
	reduce_free(&red);
	return status;
}
