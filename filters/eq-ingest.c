/* eq-ingest: exports of Russian assessments and school data (CSV, .xlsx, .xls) -> NDJSON records. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "i18n.h"
#include "opt.h"
#include "report.h"
#include "util.h"
#include "ingest.h"

static const char usage[] =
	"[--kind KIND] [--set FIELD=VALUE]... [--delimiter C] [--encoding E] [--sheet S]\n"
	"                 [--id-key FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Turn exports (CSV, .xlsx, .xls) into eq records (NDJSON), one per data row.\n"
	"\n"
	"  -k, --kind KIND       school, context, result, school_result, olympiad,\n"
	"                        medalist, observation or risk (default: the kind\n"
	"                        whose columns the header names most, per sheet)\n"
	"  -s, --set FIELD=VALUE a field the file does not carry (year, procedure,\n"
	"                        subject, grade, ...); wins over a column of that name\n"
	"  -d, --delimiter C     ',' ';' or 'tab' (default: guessed from the header)\n"
	"  -e, --encoding E      utf-8, cp1251 or auto (default: auto, UTF-8 when\n"
	"                        the text is valid UTF-8, else Windows-1251)\n"
	"      --sheet NAME|N    of a workbook (.xlsx, .xls), read only this sheet\n"
	"                        (default: every sheet with a header; rows are\n"
	"                        named FILE[SHEET]:ROW)\n"
	"      --id-key FILE     the key of pseudonymous student ids (below); default\n"
	"                        $EQ_ID_KEY, else ~/.config/eq/id-key, made when absent\n"
	"\n"
	"Headers are matched by canonical name or Russian alias (schemas/ref/columns.tsv);\n"
	"rows above the header are skipped. Columns with personal names are dropped.\n"
	"Result task columns (1, 2, 3.1, task_7, \"балл за 4\", \"5 (2б)\") become the\n"
	"\"tasks\" array, described once per procedure by a task_scheme record.\n"
	"\n"
	"A protocol with no participant code (РЦОИ ОГЭ/ЕГЭ) gets a student_id that\n"
	"is a keyed hash (HMAC-SHA256) of the pupil's document, else name and school:\n"
	"never the name itself. Keep the key file, and keep it secret: the same\n"
	"pupil has the same id only under the same key.\n"
	"\n"
	"After each file, a source record gives its account: rows read, accepted\n"
	"and rejected, records written, rows skipped (title, blank, header again),\n"
	"and whether the file was rejected whole. Exit status 4: an input file was\n"
	"rejected whole (no header, not text, every row rejected).\n"
	"\n");

struct ingest_opts opts = { .encoding = ENC_AUTO };
struct kind_state ks = { .f_year = -1, .f_procedure = -1, .f_subject = -1, .f_grade = -1,
	.f_class = -1, .f_variant = -1, .f_primary = -1, .f_mark = -1, .f_test = -1,
	.f_tasks = -1, .f_students = -1, .f_factor = -1, .f_value = -1, .f_absent = -1,
	.f_student = -1, .f_school = -1, .f_stage = -1 };
struct sheet_state sh;
struct account fst;
struct run_state run;

/* Rows above the header, kept until the header tells what they are: title
 * lines (a cell or two of free text), or data written before the header. */
struct prerow {
	unsigned long line;
	size_t n;
	char **cells;
	size_t *lens;
};

static void emit_source(const char *file);
static size_t nonempty(char *const *cells, const size_t *lens, size_t n);
static void drop_empty_tasks(struct rows *src, unsigned long header_line);
static int ingest_rows(struct rows *src, int alone);
static int sheet_wanted(const struct rows *src, size_t i);
int main(int argc, char *argv[]);

void
count_row(void)
{
	run.nrows++;
	fst.rows++;
}

void
free_file_state(void)
{
	forget_inferred();
	sh.criteria_subtasks = 0;
	for (size_t i = 0; i < sh.ncols; i++)
		free(sh.cols[i].header);
	for (size_t i = 0; i < sh.ntasks; i++)
		free(sh.task_labels[i]);
	free(sh.cols);
	free(sh.task_labels);
	free(sh.task_max);
	free(sh.task_val);
	free(sh.task_has);
	free(sh.task_txt);
	free(sh.task_txtlen);
	free(sh.factor_val);
	free(sh.factor_has);
	strmap_free(&sh.schemes_sent, NULL);
	memset(&sh.scheme_last, 0, sizeof sh.scheme_last);
	sh.cols = NULL;
	sh.has_personal = 0;
	sh.pseudo = 0;
	sh.nanswer_cols = 0;
	sh.answers_laid = 0;
	sh.in_block_title = 0;
	sh.numbered_tasks = 0;
	sh.task_labels = NULL;
	sh.task_max = sh.task_val = sh.factor_val = NULL;
	sh.task_has = sh.factor_has = NULL;
	sh.task_txt = NULL;
	sh.task_txtlen = NULL;
	sh.ncols = sh.ntasks = 0;
}

/* The kind looked for, as messages say it. */
static const char *
kind_words(void)
{
	return opts.kind ? opts.kind : "any kind's";
}

/* The account of a file: a source record after its records. */
static void
emit_source(const char *file)
{
	unsigned long rejected = fst.rows - fst.accepted; /* each row is one or the other */
	int first = 1;

	if (fst.rows > 0 && fst.accepted == 0)
		fst.whole = 1; /* every row rejected */
	run.any_whole |= fst.whole;
	sb_putc(&run.out, '{');
	jw_key(&run.out, &first, "type");
	sb_puts(&run.out, "\"source\"");
	jw_key(&run.out, &first, "file");
	jw_str(&run.out, file, strlen(file));
	jw_key(&run.out, &first, "kind");
	if (fst.kind)
		jw_str(&run.out, fst.kind, strlen(fst.kind));
	else
		sb_puts(&run.out, "null");
	jw_key(&run.out, &first, "rows");
	jw_int(&run.out, (long long)fst.rows);
	jw_key(&run.out, &first, "accepted");
	jw_int(&run.out, (long long)fst.accepted);
	jw_key(&run.out, &first, "rejected");
	jw_int(&run.out, (long long)rejected);
	jw_key(&run.out, &first, "records");
	jw_int(&run.out, (long long)fst.records);
	jw_key(&run.out, &first, "skipped");
	sb_printf(&run.out, "{\"title\":%lu,\"blank\":%lu,\"header_again\":%lu,\"no_header\":%lu,"
	          "\"footer\":%lu,\"appeal\":%lu,\"unfilled\":%lu}", fst.titles, fst.blank, fst.headers,
	          fst.no_header, fst.footers, fst.appeals, fst.unfilled);
	jw_key(&run.out, &first, "rejected_whole");
	sb_puts(&run.out, fst.whole ? "true" : "false");
	sb_putc(&run.out, '}');
	emit();
}

static void
keep_prerow(struct prerow **v, size_t *n, const struct csvrow *row)
{
	struct prerow *p;

	*v = erealloc(*v, (*n + 1) * sizeof **v);
	p = &(*v)[(*n)++];
	p->line = row->line;
	p->n = row->n;
	p->cells = emalloc((row->n ? row->n : 1) * sizeof *p->cells);
	p->lens = emalloc((row->n ? row->n : 1) * sizeof *p->lens);
	for (size_t i = 0; i < row->n; i++) {
		p->cells[i] = estrndup(row->cells[i], row->lens[i]);
		p->lens[i] = row->lens[i];
	}
}

static size_t
nonempty(char *const *cells, const size_t *lens, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = lens[i];
		trim(cells[i], &len);
		k += len > 0;
	}
	return k;
}

/* Now that the header is known: a row above it that has as many values as a
 * data row would is rejected, not dropped as a title. (header NULL: there
 * is none, the file is rejected whole; just free them.) */
static void
judge_prerows(struct prerow *v, size_t n, const struct csvrow *header, const char *file)
{
	size_t width = header ? nonempty(header->cells, header->lens, header->n) : 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = nonempty(v[i].cells, v[i].lens, v[i].n);
		struct csvrow r = { v[i].cells, v[i].lens, v[i].n, v[i].line };

		if (!header)
			;
		else if (k == 0)
			fst.blank++;
		else if (k < 3 || 2 * k < width)
			fst.titles++;
		if (header && k >= 3 && 2 * k >= width) {
			count_row();
			reject_masked(&r, file, "a row of data above the header (line %lu): rows "
			              "before the header are read as titles", header->line);
		}
		for (size_t j = 0; j < v[i].n; j++)
			free(v[i].cells[j]);
		free(v[i].cells);
		free(v[i].lens);
	}
	free(v);
}

/* A workbook sheet whose header has task columns: read it once to see which
 * of them hold a score in some row (the 2020 ФИС ОКО export has 40 fixed
 * task slots, most of them empty), drop the others, and start the sheet
 * again after its header. Memory stays flat: a flag per column. */
static void
drop_empty_tasks(struct rows *src, unsigned long header_line)
{
	struct csvrow row;
	unsigned char *used = ecalloc(sh.ntasks ? sh.ntasks : 1, 1);
	size_t k = 0, dropped = 0;
	char why[300];

	while (rows_next(src, &row) > 0)
		for (size_t i = 0; i < row.n && i < sh.ncols; i++) {
			size_t n = row.lens[i];
			if (sh.cols[i].kind == C_TASK && !used[sh.cols[i].task] && (trim(row.cells[i], &n), n))
				used[sh.cols[i].task] = 1;
		}
	if (rows_sheet(src, src->sheet, why, sizeof why) < 0)
		die(EQ_IO, "%s: %s", src->name, why);
	while (src->last < header_line && rows_next(src, &row) > 0)
		;
	for (size_t i = 0; i < sh.ncols; i++) /* the columns of tasks dropped, then the others renumbered */
		if (sh.cols[i].kind == C_TASK) {
			size_t t = (size_t)sh.cols[i].task, nt = 0;
			for (size_t j = 0; j < t; j++)
				nt += used[j] != 0;
			if (used[t])
				sh.cols[i].task = (int)nt;
			else
				sh.cols[i].kind = C_IGNORE;
		}
	for (size_t t = 0; t < sh.ntasks; t++) {
		if (!used[t]) {
			free(sh.task_labels[t]);
			dropped++;
			continue;
		}
		sh.task_labels[k] = sh.task_labels[t];
		sh.task_max[k] = sh.task_max[t];
		k++;
	}
	if (dropped)
		warn_at(src->name, header_line, "%zu task columns hold no score in any row: not tasks",
		        dropped);
	sh.ntasks = sh.numbered_tasks = k;
	free(used);
}

/* A quoted cell that runs over lines where one value belongs: a stray quote
 * swallowed the rows after it. The row is rejected and the lines after its
 * first are read again. */
static int
spans_lines(struct rows *src, const struct csvrow *row, const char *file)
{
	if (!rows_spans_lines(src))
		return 0;
	for (size_t i = 0; i < row->n && i < sh.ncols; i++) {
		if (!one_line_cell(&sh.cols[i]) ||
		    (!memchr(row->cells[i], '\n', row->lens[i]) && !memchr(row->cells[i], '\r', row->lens[i])))
			continue;
		rows_unread_rest(src);
		count_row();
		reject_masked(row, file, "column \"%s\" runs over several lines: a stray quote? "
		              "the lines after this one are read again", sh.cols[i].header);
		return 1;
	}
	return 0;
}

/* The rows of one CSV file or one sheet: titles, the header, the records.
 * 1 when it had a header. A sheet without one is skipped whole (a workbook
 * has sheets of other things) unless alone says it is the only one. */
static int
ingest_rows(struct rows *src, int alone)
{
	const char *file = src->name;
	struct csvrow row;
	int r, header = 0;
	unsigned long title_lines = 0, nonblank = 0;
	struct prerow *pre = NULL;
	size_t npre = 0;

	memset(&fst, 0, sizeof fst);
	fst.kind = opts.kind;
	sh.positional = src->kind != ROWS_CSV;
	sh.title_kind = NULL;
	hint_kind(file, strlen(file));
	while ((r = rows_next(src, &row)) >= 0) {
		progress_tick("rows", file);
		if (r == 0) {
			count_row();
			if (header) /* the line split as the header's cells, where it can be */
				reject_masked(&row, file, "%s", src->why);
			else
				reject_row(file, row.line, NULL, NULL, 0, "%s (the header is not known "
				           "yet, so the line is not kept)", src->why);
			continue;
		}
		if (header) {
			if (!spans_lines(src, &row, file))
				process_row(&row, file);
			continue;
		}
		nonblank += nonempty(row.cells, row.lens, row.n) > 0;
		sh.quiet = 1;
		r = find_header(src, &row, file);
		sh.quiet = 0;
		if (r) {
			const char *miss;
			unsigned long header_line = row.line;
			struct sbuf t = { 0 };
			header = 1;
			if (fst.appeal) {
				judge_prerows(pre, npre, &row, file);
				pre = NULL, npre = 0;
				while (rows_next(src, &row) >= 0)
					if (nonempty(row.cells, row.lens, row.n))
						fst.appeals++;
				break;
			}
			fst.kind = ks.name;
			for (size_t i = 0; i < npre; i++) /* the title, before the rows go */
				for (size_t k = 0; k < pre[i].n; k++) {
					sb_putn(&t, pre[i].cells[k], pre[i].lens[k]);
					sb_putc(&t, ' ');
				}
			judge_prerows(pre, npre, &row, file);
			pre = NULL, npre = 0;
			rows_header(src);
			header_line = settle_header(src, header_line, file);
			fst.kind = ks.name;
			infer_work(file, t.s ? t.s : "", t.len);
			sb_free(&t);
			if (sh.positional && sh.ntasks) /* reads on: the header row is gone after it */
				drop_empty_tasks(src, header_line);
			miss = missing_column();
			if (miss) {
				unsigned long n = 0;
				int f = field_index(miss);
				while ((r = rows_next(src, &row)) >= 0) {
					const char *const *cell;
					const size_t *clen;
					trim_row(&row, &cell, &clen);
					if (r > 0 && nonempty(row.cells, row.lens, row.n) == 0)
						fst.blank++;
					else if (r > 0 && ks.f_tasks >= 0 && !names_pupil_or_result(cell, clen, row.n))
						fst.unfilled++;
					else
						n++;
				}
				run.nrows += n;
				fst.rows += n;
				fst.whole = 1;
				if (f >= 0 && (f == ks.f_year || f == ks.f_procedure || f == ks.f_subject || f == ks.f_grade))
					reject_file(file, header_line, n, "%s: no column, and neither the title, "
					            "the sheet's name nor the file name says it: %lu rows not read "
					            "(--set %s=…)", miss, n, miss);
				else
					reject_file(file, header_line, n,
					            "missing required column %s: %lu rows not read "
					            "(aliases in schemas/ref/columns.tsv)", miss, n);
				break;
			}
		} else if (++title_lines >= HEADER_SEARCH_LINES) {
			break;
		} else {
			keep_prerow(&pre, &npre, &row);
			for (size_t i = 0; i < row.n; i++)
				hint_kind(row.cells[i], row.lens[i]);
		}
	}
	if (pre)
		judge_prerows(pre, npre, NULL, file);
	if (rows_error(src))
		run.io_error = 1;
	fst.blank += rows_blank(src);
	if (!header && !src->fatal && !alone) {
		/* a sheet of something else: said, and its rows counted as skipped */
		while (rows_next(src, &row) >= 0)
			nonblank += nonempty(row.cells, row.lens, row.n) > 0;
		fst.no_header = nonblank;
		warn_at(file, 0, "no header with %s columns: the sheet is skipped (%lu rows)",
		        kind_words(), nonblank);
		emit_source(file);
		free_file_state();
		return 0;
	}
	if (src->fatal || !header)
		fst.whole = 1;
	if (src->fatal)
		reject_file(file, src->last ? src->last : 1, 0, "%s", src->fatal);
	else if (!header)
		reject_file(file, src->last, 0, src->last == 0 ? "empty file" :
		            "no header with %s columns in the first %lu lines (delimiters tried: "
		            "';' tab ','; --delimiter sets one; aliases in schemas/ref/columns.tsv)",
		            kind_words(), src->last);
	emit_source(file);
	free_file_state();
	return header;
}

/* A workbook (or a sheet of it) that gives nothing: rejected whole, with
 * its account. */
static void __attribute__((format(printf, 2, 3)))
reject_workbook(const char *file, const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	memset(&fst, 0, sizeof fst);
	fst.kind = opts.kind;
	fst.whole = 1;
	reject_file(file, 0, 0, "%s", why);
	emit_source(file);
}

/* Is sheet i of the workbook one --sheet asks for (all when none)? */
static int
sheet_wanted(const struct rows *src, size_t i)
{
	char *end;
	unsigned long n;

	if (!opts.sheet)
		return 1;
	n = strtoul(opts.sheet, &end, 10);
	if (*opts.sheet && !*end)
		return n == i + 1;
	return strcmp(rows_sheet_name(src, i), opts.sheet) == 0;
}

static void
ingest(const char *file)
{
	struct rows src;
	char why[300];
	size_t nsheets, tried = 0, found = 0;

	if (rows_container(file) == ROWS_CSV) {
		if (rows_open_csv(&src, file, opts.encoding, opts.delimiter, opts.maxline) < 0) {
			run.io_error = 1; /* said; go on with the other files */
			return;
		}
		ingest_rows(&src, 1);
		rows_close(&src);
		return;
	}
	if (rows_open_book(&src, file, why, sizeof why) < 0) {
		reject_workbook(file, "%s", why);
		return;
	}
	nsheets = rows_nsheets(&src);
	for (size_t i = 0; i < nsheets; i++) {
		if (!sheet_wanted(&src, i))
			continue;
		tried++;
		if (rows_sheet(&src, i, why, sizeof why) < 0) {
			reject_workbook(file, "%s", why);
			continue;
		}
		found += ingest_rows(&src, opts.sheet != NULL) > 0;
	}
	if (!tried)
		reject_workbook(file, "no sheet \"%s\" (the workbook has %zu)", opts.sheet, nsheets);
	else if (!found && !opts.sheet)
		reject_workbook(file, "no sheet of the workbook has a header with %s columns "
		                "(aliases in schemas/ref/columns.tsv)", kind_words());
	rows_close(&src);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "set", required_argument, NULL, 's' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "sheet", required_argument, NULL, 'S' },
		{ "id-key", required_argument, NULL, 'I' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	const char **sets = NULL;
	int nsets = 0, c, status;
	int errcode;
	PCRE2_SIZE off;

	argv[0] = (char *)(argv0 = "eq-ingest"); /* getopt speaks with argv[0] */
	sets = ecalloc(argc, sizeof *sets);
	while ((c = getopt_long(argc, argv, "k:s:d:e:", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		switch (c) {
		case 'k':
			opts.kind = optarg;
			break;
		case 's':
			sets[nsets++] = optarg;
			break;
		case 'd':
			if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0 || strcmp(optarg, "\t") == 0)
				opts.delimiter = '\t';
			else if (strlen(optarg) == 1 && strchr(",;|", optarg[0]))
				opts.delimiter = optarg[0];
			else
				die(EQ_USAGE, "--delimiter: expected ',' ';' '|' or 'tab', got \"%s\"", optarg);
			break;
		case 'S':
			opts.sheet = optarg;
			break;
		case 'I':
			opts.id_key = optarg;
			break;
		case 'e':
			if (strcmp(optarg, "utf-8") == 0 || strcmp(optarg, "utf8") == 0)
				opts.encoding = ENC_UTF8;
			else if (strcmp(optarg, "cp1251") == 0 || strcmp(optarg, "windows-1251") == 0)
				opts.encoding = ENC_CP1251;
			else if (strcmp(optarg, "auto") == 0)
				opts.encoding = ENC_AUTO;
			else
				die(EQ_USAGE, "--encoding: expected utf-8, cp1251 or auto, got \"%s\"", optarg);
			break;
		default:
			usage_exit(usage);
		}
	}
	opts.maxline = common.maxline;
	dict_load();
	opts.set_args = sets;
	opts.nset_args = nsets;
	if (opts.kind)
		switch_kind(opts.kind, NULL);
	else
		load_traits();
	/* task column headers, as text_key() leaves them */
	run.task_re = pcre2_compile((PCRE2_SPTR)
		"^(?:task[ _]?|задание ?№? ?|зад\\.? ?|балл за (?:задание ?)?|№ ?|a-)?"
		"(\\d{1,3}(?:[.,]\\d{1,2}|\\(\\d{1,2}\\))?(?: ?\\(?к\\d{1,2}\\)?)?|к\\d{1,2})"
		"(?:-grade)?(?: ?\\((\\d{1,3}) ?(?:б|балл|балла|баллов)\\.?\\)| (\\d{1,3}) ?(?:б|балла|баллов)\\.?)?$",
		PCRE2_ZERO_TERMINATED, PCRE2_UTF, &errcode, &off, NULL);
	if (!run.task_re)
		die(EQ_IO, "task pattern does not compile at %zu", (size_t)off);
	run.task_md = pcre2_match_data_create_from_pattern(run.task_re, NULL);
	EQ_FUZZ_START();
	report_open(common.rejects);
	setvbuf(stdout, NULL, _IOFBF, 1 << 18);
	sb_grow(&run.out, 4096);
	if (optind == argc)
		ingest("-");
	for (int i = optind; i < argc; i++)
		ingest(argv[i]);
	progress_done();
	status = report_finish(run.nrows, N_("rows"));
	if (run.any_whole && status == EQ_REJECTED)
		status = EQ_INPUT_REJECTED;
	if (fshut(stdout, "stdout") || run.io_error)
		status = EQ_IO;
	sb_free(&run.out);
	free(run.cell);
	free(run.clen);
	pcre2_match_data_free(run.task_md);
	pcre2_code_free(run.task_re);
	free_kind();
	free(ks.traits);
	free(sets);
	return status;
}
