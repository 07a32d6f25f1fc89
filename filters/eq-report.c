/* eq-report: the analytic report (аналитическая справка) of a region, a
 * municipality or a school: HTML with inline SVG charts, Markdown of the same
 * content, or one of its lists as CSV for Excel. A sink: it reads what the
 * analytic filters wrote (and the pupils' results, reduced to counts and
 * score histograms for the charts) and writes the report, not records. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "basis.h"
#include "eqreport.h"
#include "dict.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "i18n.h"
#include "opt.h"
#include "reduce.h"
#include "report.h"
#include "ru.h"
#include "schools.h"
#include "scales.h"
#include "stream.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

static const char usage[] =
	"[--format html|md|csv|xlsx] [--list LIST] [-o [LIST:]OUT]... [--municipality NAME | --school ID] "
	"[--year Y] [--min-n N] [--skip LIST] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Write the analytic report (аналитическая справка) of the records: a summary\n"
	"first; purpose, basis, sources and methodology; indicators; the ШНОР, ШНСУ,\n"
	"risk-zone and flagged schools with their evidence; dynamics against last\n"
	"year; the effect of last year's measures; each school's measures; decisions;\n"
	"charts as inline SVG in an appendix. With --school, the report built for one\n"
	"school. Reads the output of eq-recommend (or any part of the chain, with\n"
	"--skip); writes no records.\n"
	"\n"
	"  -f, --format F         html (default; one self-contained file, print CSS\n"
	"                         for A4), md, csv or xlsx\n"
	"  -l, --list LIST        with csv or xlsx: schools (default), recommendations,\n"
	"                         indicators or tasks\n"
	"  -o, --output [LIST:]F  write F instead of standard output, in the format its\n"
	"                         name ends with (.html, .md, .csv, .xlsx; a list for\n"
	"                         .csv and .xlsx: schools: unless another is named);\n"
	"                         repeated, every output from one reading of the\n"
	"                         input, each in the scope of the --municipality\n"
	"                         given before it (the region before any). Each F\n"
	"                         is written as F.tmp and renamed when all are\n"
	"                         complete\n"
	"  -m, --municipality M   the report of municipality M (default: all schools\n"
	"                         in the input, the regional summary)\n"
	"  -s, --school ID        the report of one school\n"
	"  -y, --year Y           the year to report (default: the latest in the input)\n"
	"  -n, --min-n N          groups of fewer than N pupils are not shown (default 5;\n"
	"                         at least 5)\n"
	"  -k, --skip LIST        leave sections out on purpose: shnor, shnsu, risk,\n"
	"                         objectivity, recommendations (comma-separated). A\n"
	"                         report whose stream lacks the records of a section\n"
	"                         (ШНОР: lowres, ШНСУ: isbs, objectivity, recommendations:\n"
	"                         indicator) exits 2 naming them; risk data missing\n"
	"                         is said in the report\n");

struct report_state rs = { .fmt = F_HTML, .list = L_SCHOOLS, .min_n = 5 };

static const char css[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;"
	"line-height:1.4;padding:0 1em}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;"
	"border-bottom:1px solid #ccc}h3{font-size:1.05em}.t{overflow-x:auto}table{border-collapse:"
	"collapse;margin:.5em 0 1em;font-size:.9em}td,th{border:1px solid #bbb;padding:.3em .5em;"
	"vertical-align:top;text-align:left}th{background:#f0f0f0}figure{margin:1em 0}"
	"figcaption{font-size:.85em;color:#555}svg{background:#fff;max-width:100%;height:auto}"
	".plot{fill:#fafafa;stroke:#999}.grid{stroke:#e2e2e2}.tick{font-size:11px;fill:#333}"
	".label{font-size:12px;fill:#222}.pt{font-size:9px;fill:#666}.fit{stroke:#1f5fa8;"
	"stroke-width:2}.cut{stroke:#c0392b;stroke-dasharray:5 4}.exp{fill:#4a78c2}"
	".under{fill:#d9534f}.res{fill:#2e9d46}.other{fill:#c8c8c8}.bar{fill:#4a78c2;opacity:.75}"
	".reg{fill:none;stroke:#e67e22;stroke-width:2.5}.m2{fill:#d62728}.m3{fill:#ffa630}"
	".m4{fill:#9ccc65}.m5{fill:#2e7d32}.in{font-size:10px;fill:#fff;font-weight:bold}"
	".note{font-size:.85em;color:#555}"
	/* print: A4, the summary on the first page, headers repeated, rows and
	 * charts kept whole, charts two to a row, appendices on a page of their own */
	"@page{size:A4;margin:12mm 11mm}"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:9pt;line-height:1.25}"
	"h1{font-size:13pt;margin:0 0 .4em}h2{font-size:11pt;margin:1em 0 .3em;break-after:avoid}"
	"h3{font-size:10pt;break-after:avoid}p{margin:.3em 0}table{font-size:7.5pt;margin:.2em 0 .6em}"
	"td,th{padding:.15em .3em}thead{display:table-header-group}tr,figure{break-inside:avoid}"
	".t{overflow:visible}figure{display:inline-block;width:49%;margin:.2em 0;vertical-align:top}"
	"h2.annex{break-before:page}}";

static void
write_report(void)
{
	char title[600];
	size_t n = 0;
	double pupils = 0;

	for (size_t i = 0; i < rs.nschools; i++)
		n += (size_t)rs.schools[i].in_scope;
	for (size_t i = 0; i < rs.red.n; i++)
		if (rs.red.v[i]->year == rs.year && in_scope(rs.red.v[i]->school_id))
			pupils += rs.red.v[i]->n;
	if (rs.want_school)
		snprintf(title, sizeof title, "Аналитическая справка: %s (%s), %d г.", title_of(rs.want_school),
		         rs.want_school, rs.year);
	else if (rs.want_muni)
		snprintf(title, sizeof title, "Аналитическая справка: %s, %d г.", rs.want_muni, rs.year);
	else
		snprintf(title, sizeof title, "Аналитическая справка: %s, %d г.", region_name(), rs.year);
	if (rs.fmt == F_HTML) {
		fputs("<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">\n<title>", stdout);
		out_esc(title);
		printf("</title>\n<style>%s</style></head><body>\n", css);
		heading(1, title);
	} else {
		fputs("# ", stdout);
		out_esc(title);
		fputs("\n\n", stdout);
	}
	if (rs.want_school)
		para("Результатов участников процедур %d г.: %.0f.", rs.year, pupils);
	else
		para("Школ: %zu; муниципалитетов: %zu; результатов участников процедур %d г.: %.0f.", n, rs.nmunis,
		     rs.year, pupils);
	if (rs.want_school) { /* a report built for one school, not a filtered list */
		section_school();
		section_basis();
		if (PART_ON(P_OBJECTIVITY) && get(K_OBJECTIVITY, rs.want_school, rs.year) &&
		    jyes(get(K_OBJECTIVITY, rs.want_school, rs.year), "flagged"))
			section_flagged();
		if (PART_ON(P_RECOMMENDATIONS)) {
			section_effect();
			section_recommendations(); /* the texts in full */
		}
		section_charts();
		spravka_date();
		if (rs.fmt == F_HTML)
			puts("</body></html>");
		return;
	}
	section_summary(); /* the first page: what a reader must know */
	section_basis();
	if (rs.jseen[J_IND] && PART_ON(P_RECOMMENDATIONS))
		section_indicators();
	if (PART_ON(P_SHNOR))
		section_shnor();
	if (PART_ON(P_SHNSU))
		section_shnsu();
	if (PART_ON(P_RISK))
		section_risk();
	if (PART_ON(P_OBJECTIVITY))
		section_flagged();
	section_dynamics();
	if (PART_ON(P_RECOMMENDATIONS)) {
		section_effect();
		section("Адресные рекомендации");
		if (rs.jseen[J_REC])
			para("Первоочередные меры каждой школы; полные тексты с основаниями — в справках по школам "
			     "и в перечне рекомендаций (CSV, XLSX).");
		measures_brief(0);
		section_decisions();
	}
	section_charts();
	if (rs.jseen[J_REC] && PART_ON(P_RECOMMENDATIONS)) {
		section("Приложение. Прочие меры школ");
		measures_brief(1);
	}
	spravka_date();
	if (rs.fmt == F_HTML)
		puts("</body></html>");
}

/* The outputs of -o: each written to its .tmp, all renamed when complete;
 * an error before that removes them. */
struct output {
	char *path, *tmp;
	const char *muni;    /* the --municipality before it, or NULL */
	enum fmt fmt;
	enum list_kind list;
};
static struct {
	struct output *v;
	size_t n;
	int renamed;
} outs;

static const char *const lists[] = { "schools", "recommendations", "indicators", "tasks", NULL };

static void
remove_unfinished(void)
{
	if (!outs.renamed)
		for (size_t i = 0; i < outs.n; i++)
			unlink(outs.v[i].tmp);
}

/* [LIST:]FILE, the format told by FILE's ending */
static void
add_output(const char *arg)
{
	static const struct { const char *ending; enum fmt fmt; } endings[] = {
		{ ".html", F_HTML }, { ".htm", F_HTML }, { ".md", F_MD }, { ".csv", F_CSV }, { ".xlsx", F_XLSX },
	};
	struct output o = { .list = L_SCHOOLS };
	const char *colon = strchr(arg, ':'), *file = arg;
	size_t i, n;

	for (i = 0; colon && lists[i]; i++)
		if ((size_t)(colon - arg) == strlen(lists[i]) && strncmp(arg, lists[i], strlen(lists[i])) == 0) {
			o.list = (enum list_kind)i, file = colon + 1;
			break;
		}
	n = strlen(file);
	for (i = 0; i < sizeof endings / sizeof *endings; i++)
		if (n > strlen(endings[i].ending) && strcmp(file + n - strlen(endings[i].ending), endings[i].ending) == 0)
			break;
	if (i == sizeof endings / sizeof *endings)
		die(EQ_USAGE, "--output %s: the name ends in .html, .md, .csv or .xlsx (the format)", arg);
	o.fmt = endings[i].fmt;
	if (file != arg && !LIST_FMT(o.fmt))
		die(EQ_USAGE, "--output %s: a list goes with .csv or .xlsx", arg);
	for (i = 0; i < outs.n; i++)
		if (strcmp(outs.v[i].path, file) == 0)
			die(EQ_USAGE, "--output %s: given twice", file);
	o.muni = rs.want_muni;
	o.path = estrdup(file);
	o.tmp = emalloc(n + 5);
	snprintf(o.tmp, n + 5, "%s.tmp", file);
	outs.v = erealloc(outs.v, (outs.n + 1) * sizeof *outs.v);
	outs.v[outs.n++] = o;
}

/* the output rs.fmt and rs.list say, on stdout */
static void
write_output(void)
{
	rs.section_no = rs.svg_id = 0;
	if (LIST_FMT(rs.fmt)) {
		static const char *const sheet[] = { "Школы", "Рекомендации", "Показатели", "Задания" };
		if (rs.fmt == F_CSV)
			fputs("\xef\xbb\xbf", stdout); /* the BOM: Excel reads the file as UTF-8 */
		else
			xlsx_open(sheet[rs.list]);
		if (rs.list == L_SCHOOLS)
			csv_schools();
		else if (rs.list == L_RECS)
			csv_recommendations();
		else if (rs.list == L_INDICATORS)
			csv_indicators();
		else
			csv_tasks();
		if (rs.fmt == F_XLSX)
			xlsx_close();
	} else {
		write_report();
	}
}

static void
free_all(void)
{
	source_n(NULL);
	indicators_free();
	places_free();
	for (size_t i = 0; i < rs.nschools; i++) {
		free(rs.schools[i].id);
		free(rs.schools[i].name);
		free(rs.schools[i].muni);
		free(rs.schools[i].region);
	}
	free(rs.schools);
	free(rs.munis);
	strmap_free(&rs.school_idx, NULL);
	for (int k = 0; k < NKINDS; k++)
		strmap_free(&rs.byschool[k], (void (*)(void *))json_decref);
	for (int j = 0; j < NJ; j++) {
		for (size_t i = 0; i < rs.jl[j].n; i++)
			json_decref(rs.jl[j].v[i]);
		free(rs.jl[j].v);
	}
	reduce_free(&rs.red);
	sb_free(&rs.tmp);
	for (size_t i = 0; i < outs.n; i++)
		free(outs.v[i].path), free(outs.v[i].tmp);
	free(outs.v);
}

static const struct {
	const char *name;
	enum part part;
	int kind, jlist;     /* the records it needs: a K_ or a J_ index, -1 */
	const char *what;
} parts[] = {
	{ "shnor", P_SHNOR, K_LOWRES, -1, "lowres (eq-lowres) for the section on ШНОР" },
	{ "shnsu", P_SHNSU, K_ISBS, -1, "isbs (eq-isbs) for the section on ШНСУ" },
	{ "risk", P_RISK, K_RISK, -1, NULL }, /* often not collected: said in the report */
	{ "objectivity", P_OBJECTIVITY, K_OBJECTIVITY, -1, "objectivity (eq-objectivity) for the section on "
	  "signs of non-objective results" },
	{ "recommendations", P_RECOMMENDATIONS, -1, J_IND, "indicator or recommendation (eq-recommend) for "
	  "the indicators and recommendations" },
};
#define NPARTS (sizeof parts / sizeof parts[0])

static unsigned
parse_skip(const char *arg)
{
	unsigned skip = 0;
	char *s = estrdup(arg), *tok, *save;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t i;
		for (i = 0; i < NPARTS && strcmp(parts[i].name, tok) != 0; i++)
			;
		if (i == NPARTS)
			die(EQ_USAGE, "--skip: shnor, shnsu, risk, objectivity or recommendations, not \"%s\"", tok);
		skip |= parts[i].part;
	}
	free(s);
	return skip;
}

/* A document leaves out only what it was told to: a section whose records
 * are not in the stream is an error, not an empty section. */
static void
require_records(void)
{
	struct sbuf missing = { 0 };

	for (size_t i = 0; i < NPARTS; i++) {
		int have = parts[i].kind >= 0 ? rs.seen[parts[i].kind] : rs.jseen[parts[i].jlist];
		if (parts[i].part == P_RECOMMENDATIONS) /* eq-recommend's output: either tells */
			have |= rs.jseen[J_REC];
		if (!parts[i].what || have || (rs.skip & parts[i].part))
			continue;
		sb_printf(&missing, "%s%s", missing.len ? "; " : "", parts[i].what);
	}
	if (missing.len) {
		sb_putc(&missing, '\0');
		die(EQ_USAGE, "the input has no records of %s (--skip leaves a section out on purpose)", missing.s);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "list", required_argument, NULL, 'l' },
		{ "municipality", required_argument, NULL, 'm' },
		{ "school", required_argument, NULL, 's' },
		{ "year", required_argument, NULL, 'y' },
		{ "min-n", required_argument, NULL, 'n' },
		{ "skip", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	unsigned long nrecords;
	int c, status, have_list = 0, have_format = 0, muni_after_output = 0;

	argv[0] = (char *)(argv0 = "eq-report"); /* getopt speaks with argv[0] */
	malloc_for_trees();
	while ((c = getopt_long(argc, argv, "f:l:m:s:y:n:k:o:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "html") == 0)
				rs.fmt = F_HTML;
			else if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
				rs.fmt = F_MD;
			else if (strcmp(optarg, "csv") == 0)
				rs.fmt = F_CSV;
			else if (strcmp(optarg, "xlsx") == 0)
				rs.fmt = F_XLSX;
			else
				die(EQ_USAGE, "--format: html, md, csv or xlsx, not \"%s\"", optarg);
			have_format = 1;
			break;
		case 'l': {
			int i;
			for (i = 0; lists[i] && strcmp(lists[i], optarg) != 0; i++)
				;
			if (!lists[i])
				die(EQ_USAGE, "--list: schools, recommendations, indicators or tasks, "
				    "not \"%s\"", optarg);
			rs.list = (enum list_kind)i;
			have_list = 1;
			break;
		}
		case 'm': rs.want_muni = optarg, muni_after_output = 1; break;
		case 's': rs.want_school = optarg; break;
		case 'y': rs.year = (int)opt_number("--year", optarg, 2000, 2100); break;
		case 'n': rs.min_n = (int)opt_number("--min-n", optarg, 5, 1000000); break;
		case 'k': rs.skip |= parse_skip(optarg); break;
		case 'o': add_output(optarg), muni_after_output = 0; break;
		default: usage_exit(usage);
		}
	}
	if (rs.want_muni && rs.want_school)
		die(EQ_USAGE, "--municipality and --school: give one of them");
	if (have_list && !LIST_FMT(rs.fmt))
		die(EQ_USAGE, "--list goes with --format csv or xlsx");
	if (outs.n && (have_format || have_list))
		die(EQ_USAGE, "--output names its format and list: not with --format or --list");
	if (outs.n && muni_after_output)
		die(EQ_USAGE, "--municipality %s after the last --output: it names the scope of the outputs "
		    "that follow it", rs.want_muni);
	if (!outs.n) { /* standard output: one output, as --format and --list say */
		outs.v = ecalloc(1, sizeof *outs.v), outs.n = 1;
		outs.v[0] = (struct output){ NULL, NULL, rs.want_muni, rs.fmt, rs.list };
	} else {
		atexit(remove_unfinished);
	}
	for (size_t i = 0; i < outs.n; i++) {
		if (LIST_FMT(outs.v[i].fmt))
			rs.reads_lists |= 1u << outs.v[i].list;
		else
			rs.reads_doc = 1;
		if (outs.v[i].fmt == F_HTML)
			rs.red.detail = 1; /* score histograms for the charts */
	}
	dict_load();
	scales_load();
	report_open(common.rejects);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	add_unrecorded_schools();
	for (size_t i = 0; i < outs.n; i++) /* every scope has schools: before anything is written */
		if (i == 0 || outs.v[i].muni != rs.want_muni)
			rs.want_muni = outs.v[i].muni, set_scope();
	set_year();
	if (rs.reads_doc)
		require_records();
	for (size_t i = 0; i < outs.n; i++) {
		rs.fmt = outs.v[i].fmt, rs.list = outs.v[i].list;
		if (outs.v[i].muni != rs.want_muni)
			rs.want_muni = outs.v[i].muni, set_scope();
		if (outs.v[i].path) {
			if (!freopen(outs.v[i].tmp, "w", stdout))
				die(EQ_IO, "%s: %s", outs.v[i].tmp, strerror(errno));
			setvbuf(stdout, NULL, _IOFBF, 1 << 18);
		}
		write_output();
		if (outs.v[i].path && (fflush(stdout) != 0 || ferror(stdout)))
			die(EQ_IO, "%s: write error", outs.v[i].tmp);
	}
	status = stream_finish(nrecords);
	for (size_t i = 0; status != EQ_IO && i < outs.n && outs.v[i].path; i++)
		if (rename(outs.v[i].tmp, outs.v[i].path) != 0)
			die(EQ_IO, "%s: %s", outs.v[i].path, strerror(errno));
	outs.renamed = status != EQ_IO;
	free_all();
	return status;
}
