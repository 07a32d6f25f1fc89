/* doc.c: the document writer: the same calls make HTML, Markdown and CSV
 * (headings, numbered sections, paragraphs, tables). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	static int no;
	char t[300];

	snprintf(t, sizeof t, "%d. %s", ++no, title);
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
		}
		free(r->c[i]);
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
