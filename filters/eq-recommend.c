/* eq-recommend: targeted recommendations (адресные рекомендации) from the
 * derived records, one per school, audience and measure, each with the
 * findings and pupils it rests on; partners across the region; the effect
 * of last cycle's measures; and the municipal indicators. The parts are in
 * filters/recommend/. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "dict.h"
#include "i18n.h"
#include "opt.h"
#include "recommend.h"
#include "rederive.h"
#include "report.h"
#include "schools.h"
#include "stream.h"

static const char usage[] = "[--year Y] [--rules FILE] [--min-n N] [--short N] [--rejects FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Pass every record through; at the end write recommendation records: one per\n"
	"school, audience (administration, teachers, primary_teachers, parents,\n"
	"municipality) and measure, listing the procedures, subjects and tasks it\n"
	"covers, each with its pupils; ordered by priority, the first --short of a\n"
	"school its list, the rest an annex. A partner school for every ШНОР (then\n"
	"ШНСУ) school the region has one for. Given last year's recommendation\n"
	"records, a measure_effect record for each: its indicator improved, held or\n"
	"worsened. Then indicator records per municipality and region.\n"
	"Reads school, isbs, lowres, procedure_result, risk_profile, objectivity,\n"
	"task_completion, observation and recommendation records.\n"
	"\n"
	"  -y, --year Y        the year to recommend for (default: the latest in the input)\n"
	"  -r, --rules FILE    the catalogue of recommendations (default\n"
	"                      schemas/ref/recommendations.tsv); see eq-recommend(1)\n"
	"  -n, --min-n N       the fewest pupils a measure may rest on (default 10)\n"
	"  -s, --short N       measures per school before the annex (default 5)\n");

struct recommend rc = { .min_n = 10, .short_list = 5 };

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the schools the stream speaks of in the year */
static void
schools_of_year(void)
{
	char suffix[16];
	int sl = snprintf(suffix, sizeof suffix, "%c%d", 0, rc.year) + 1; /* keys: school NUL year NUL */

	for (size_t i = 0; i < rc.known.cap; i++) {
		const char *k = rc.known.keys ? rc.known.keys[i] : NULL;
		size_t kl = k ? rc.known.klens[i] : 0;
		if (!k || kl <= (size_t)sl || memcmp(k + kl - (size_t)sl, suffix, (size_t)sl) != 0)
			continue;
		rc.ids = erealloc(rc.ids, (rc.nids + 1) * sizeof *rc.ids);
		rc.ids[rc.nids++] = estrndup(k, kl - (size_t)sl);
	}
	if (rc.nids)
		qsort(rc.ids, rc.nids, sizeof *rc.ids, cmp_str);
}

static void
finish(void)
{
	if (!rc.year)
		rc.year = rc.max_year;
	schools_of_year();
	partners_assign();
	for (size_t i = 0; i < rc.nids; i++)
		school_measures(rc.ids[i]);
	measures_write();
	effects_write();
	indicators_write();
}

static void
free_all(void)
{
	catalogue_free();
	recommend_input_free();
	measures_free();
	partners_free();
	effects_free();
	for (size_t i = 0; i < rc.nids; i++)
		free((char *)rc.ids[i]);
	free(rc.ids);
	schools_free();
	basis_free();
}

int
main(int argc, char *argv[])
{
	static const char *const derived[] = { "recommendation", "measure_effect", "indicator", NULL };
	static const struct option longopts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "rules", required_argument, NULL, 'r' },
		{ "min-n", required_argument, NULL, 'n' },
		{ "short", required_argument, NULL, 's' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	const char *rules_path = "ref/recommendations.tsv";
	unsigned long nrecords;
	int c, status, user_rules = 0;

	argv[0] = (char *)(argv0 = "eq-recommend"); /* getopt speaks with argv[0] */
	malloc_for_trees();
	while ((c = getopt_long(argc, argv, "y:r:n:s:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		if (c == 'y')
			rc.year = (int)opt_number("--year", optarg, 2000, 2100);
		else if (c == 'r')
			rules_path = optarg, user_rules = 1;
		else if (c == 'n')
			rc.min_n = opt_number("--min-n", optarg, 1, 1e6);
		else if (c == 's')
			rc.short_list = (size_t)opt_number("--short", optarg, 1, 1000);
		else
			usage_exit(usage);
	}
	dict_load();
	catalogue_load(rules_path, user_rules);
	report_open(common.rejects);
	rederive_types(derived);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, recommend_take);
	finish();
	rederive_flush();
	status = stream_finish(nrecords);
	free_all();
	return status;
}
