/* doc.c: the document writer: the same calls make HTML, Markdown and CSV
 * (headings, numbered sections, paragraphs, tables). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "basis.h"
#include "dict.h"
#include "eqreport.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "report.h"
#include "ru.h"
#include "scales.h"
#include "schools.h"
#include "text.h"
#include "util.h"

static int table_cols;

/* the xlsx list: a workbook in a temporary file (libxlsxwriter writes to a
 * path), copied to stdout when closed */
static struct {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head;
	lxw_row_t row;
	int cols;
	double width[64];
	char path[4096];
} xl;

static void xlsx_cell(int col, const char *s, int head);

void
out_esc(const char *s)
{
	for (; *s; s++) {
		const char *e = NULL;
		switch (rs.fmt) {
		case F_HTML:
			e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" :
			    *s == '"' ? "&quot;" : *s == '\n' ? "<br>" : NULL;
			break;
		case F_MD:
			e = *s == '|' ? "\\|" : *s == '\n' ? "<br>" : *s == '<' ? "&lt;" :
			    *s == '*' ? "\\*" : *s == '_' ? "\\_" : NULL;
			break;
		case F_CSV:
			e = *s == '"' ? "\"\"" : NULL;
			break;
		case F_XLSX: /* cells are written whole */
			break;
		}
		if (e)
			fputs(e, stdout);
		else
			putchar(*s);
	}
}

void
heading(int level, const char *text)
{
	if (rs.fmt == F_HTML) {
		printf("<h%d>", level);
		out_esc(text);
		printf("</h%d>\n", level);
	} else {
		printf("\n%.*s ", level, "######");
		out_esc(text);
		printf("\n\n");
	}
}

/* "3. Title": sections are numbered as written (some may be left out); an
 * appendix («Приложение. ...») starts a printed page. */
void
section(const char *title)
{
	char t[300];
	int no = ++rs.section_no;

	snprintf(t, sizeof t, "%d. %s", no, title);
	if (rs.fmt == F_HTML) { /* an anchor for each: report.html#s7 */
		printf("<h2 id=\"s%d\"%s>", no, strncmp(title, "Приложение", strlen("Приложение")) == 0 ? " class=\"annex\"" : "");
		out_esc(t);
		puts("</h2>");
	} else {
		heading(2, t);
	}
}

void
para(const char *fmt_, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt_);
	n = vsnprintf(NULL, 0, fmt_, ap);
	va_end(ap);
	s = emalloc((size_t)n + 1);
	va_start(ap, fmt_);
	vsnprintf(s, (size_t)n + 1, fmt_, ap);
	va_end(ap);
	fputs(rs.fmt == F_HTML ? "<p>" : "", stdout);
	out_esc(s);
	fputs(rs.fmt == F_HTML ? "</p>\n" : "\n\n", stdout);
	free(s);
}

void
cell(struct row *r, const char *fmt_, ...)
{
	va_list ap;
	int n;

	if (r->n == MAXCOLS)
		die(EQ_USAGE, "internal: a table of more than %d columns", MAXCOLS);
	va_start(ap, fmt_);
	n = vsnprintf(NULL, 0, fmt_, ap);
	va_end(ap);
	r->c[r->n] = emalloc((size_t)n + 1);
	va_start(ap, fmt_);
	vsnprintf(r->c[r->n++], (size_t)n + 1, fmt_, ap);
	va_end(ap);
}

/* A cell Excel would take for a formula: it starts with = + - @ or a tab or
 * CR, and is not a number ("-0,80"). */
static int
csv_formula(const char *s)
{
	double v;
	int is_int;

	return *s && strchr("=+-@\t\r", *s) && parse_number(s, strlen(s), &v, &is_int) < 0;
}

static void
emit_row(struct row *r, int head)
{
	for (int i = 0; i < r->n; i++) {
		switch (rs.fmt) {
		case F_HTML:
			fputs(head ? "<th>" : "<td>", stdout);
			out_esc(r->c[i]);
			fputs(head ? "</th>" : "</td>", stdout);
			break;
		case F_MD:
			fputs(i ? " " : "| ", stdout);
			out_esc(r->c[i]);
			fputs(" |", stdout);
			break;
		case F_CSV:
			fputs(i ? ";\"" : "\"", stdout);
			if (csv_formula(r->c[i]))
				putchar('\''); /* shown as text, never run (OWASP: CSV injection) */
			out_esc(r->c[i]);
			putchar('"');
			break;
		case F_XLSX:
			xlsx_cell(i, r->c[i], head);
			break;
		}
		free(r->c[i]);
	}
	if (rs.fmt == F_XLSX) {
		xl.row++;
		r->n = 0;
		return;
	}
	if (rs.fmt == F_HTML)
		fputs(head ? "</tr>" : "</tr>\n", stdout);
	else
		fputs(rs.fmt == F_CSV ? "\r\n" : "\n", stdout);
	if (rs.fmt == F_MD && head) {
		for (int i = 0; i < r->n; i++)
			fputs(i ? "---|" : "|---|", stdout);
		putchar('\n');
	}
	r->n = 0;
}

/* A cell of the sheet: a number where the text is one as Russian Excel
 * writes it ("83,4", "-0,80"), not a code with a leading zero ("01234");
 * else the text itself (a string cell is never a formula). */
static void
xlsx_cell(int col, const char *s, int head)
{
	double v, w = 0;
	int is_int;
	lxw_error e;

	if (!head && *s && !(s[0] == '0' && s[1] >= '0' && s[1] <= '9') &&
	    parse_number(s, strlen(s), &v, &is_int) == 0)
		e = worksheet_write_number(xl.ws, xl.row, (lxw_col_t)col, v, NULL);
	else
		e = worksheet_write_string(xl.ws, xl.row, (lxw_col_t)col, s, head ? xl.head : NULL);
	if (e != LXW_NO_ERROR)
		die(EQ_IO, "xlsx: %s", lxw_strerror(e));
	for (const char *p = s; *p; p++) /* the width in characters of its longest line */
		if ((*p & 0xc0) != 0x80)
			w = *p == '\n' ? 0 : w + 1, xl.width[col < 64 ? col : 63] = fmax(xl.width[col < 64 ? col : 63], w);
	if (col + 1 > xl.cols)
		xl.cols = col + 1;
}

void
xlsx_open(const char *sheet)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	memset(&xl, 0, sizeof xl); /* a run may write several workbooks */
	snprintf(xl.path, sizeof xl.path, "%s/eq-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(xl.path)) < 0)
		die(EQ_IO, "%s: %s", xl.path, strerror(errno));
	close(fd);
	if (!(xl.wb = workbook_new(xl.path)) || !(xl.ws = workbook_add_worksheet(xl.wb, sheet)))
		die(EQ_IO, "%s: cannot start the workbook", xl.path);
	{ /* dated as the справка is (SOURCE_DATE_EPOCH, else today): a list made
	   twice from the same records is the same file */
		const char *e = getenv("SOURCE_DATE_EPOCH");
		time_t t = e && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL) / 86400 * 86400;
		lxw_doc_properties props = { .title = (char *)sheet, .created = t ? t : 1 };
		workbook_set_properties(xl.wb, &props);
	}
	xl.head = workbook_add_format(xl.wb);
	format_set_bold(xl.head);
	format_set_text_wrap(xl.head);
}

void
xlsx_close(void)
{
	FILE *f;
	char buf[65536];
	size_t n;
	lxw_error e;

	for (int c = 0; c < xl.cols && c < 64; c++)
		worksheet_set_column(xl.ws, (lxw_col_t)c, (lxw_col_t)c, fmin(60, fmax(8, xl.width[c] + 2)), NULL);
	if (xl.row > 1)
		worksheet_autofilter(xl.ws, 0, 0, xl.row - 1, (lxw_col_t)(xl.cols - 1));
	worksheet_freeze_panes(xl.ws, 1, 0);
	if ((e = workbook_close(xl.wb)) != LXW_NO_ERROR) {
		unlink(xl.path);
		die(EQ_IO, "xlsx: %s", lxw_strerror(e));
	}
	if (!(f = fopen(xl.path, "rb")))
		die(EQ_IO, "%s: %s", xl.path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	fclose(f);
	unlink(xl.path);
}

void
table_begin(struct row *head)
{
	table_cols = head->n;
	if (rs.fmt == F_HTML)
		fputs("<div class=\"t\"><table>\n<thead><tr>", stdout);
	emit_row(head, 1);
	if (rs.fmt == F_HTML) /* a header row repeated on every printed page */
		puts("</thead><tbody>");
}

void
table_row(struct row *r)
{
	if (r->n != table_cols)
		die(EQ_USAGE, "internal: a row of %d cells in a table of %d", r->n, table_cols);
	if (rs.fmt == F_HTML)
		fputs("<tr>", stdout);
	emit_row(r, 0);
}

void
table_end(void)
{
	if (rs.fmt == F_HTML)
		puts("</tbody></table></div>");
	else if (rs.fmt == F_MD)
		putchar('\n');
}
