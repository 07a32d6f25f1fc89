#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "json.h"
#include "util.h"
#include "xlsx.h"

#define MAXCOLS 16384   /* Excel's last column, XFD */

struct xlsx {
	zip_t *zip;
	char **names, **paths;
	size_t nsheets;
	char **sst;          /* shared strings */
	size_t nsst;
	/* the sheet being read */
	zip_file_t *zf;
	XML_Parser p;
	char chunk[1 << 16];
	int done, failed, row_ready;
	const char *why;
	/* the row being read */
	struct sbuf arena;
	size_t *offs, *lens, ncells, cap;
	char **ptrs;
	unsigned long rowno;
	size_t nextcol, col;
	char ctype;
	int in_cell, in_v, in_t, in_rph;
	struct sbuf text;
};

/* An element's name without its namespace prefix ("x:row" is "row"). */
static const char *
local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* A workbook never has a DTD: one is refused (no entity expansion at all). */
static void XMLCALL
on_doctype(void *data, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
           int has_internal)
{
	struct xlsx *x = data;

	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	x->failed = 1;
	x->why = "a DOCTYPE in the workbook's XML";
	XML_StopParser(x->p, XML_FALSE);
}

static XML_Parser
parser(struct xlsx *x)
{
	XML_Parser p = XML_ParserCreate("UTF-8");

	if (!p)
		die(EQ_IO, "XML_ParserCreate failed");
	XML_SetUserData(p, x);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	x->p = p;
	return p;
}

/* A whole (small) part of the package, NUL-terminated; NULL when absent. */
static char *
read_part(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *s;
	zip_int64_t n;

	if (zip_stat(z, name, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > (64u << 20))
		return NULL;
	if (!(f = zip_fopen(z, name, 0)))
		return NULL;
	s = emalloc(st.size + 1);
	n = zip_fread(f, s, st.size);
	zip_fclose(f);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

/* ---- workbook.xml and its relationships: the sheets, in order ---- */

struct rel {
	char *id, *target;
};
struct book {
	struct xlsx *x;
	char **rids;
	struct rel *rels;
	size_t nrels;
};

static void XMLCALL
on_book(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = data;
	struct xlsx *x = b->x;
	const char *n, *id;

	if (strcmp(local(name), "sheet") != 0 || !(n = attr(atts, "name")) || !(id = attr(atts, "id")))
		return;
	x->names = erealloc(x->names, (x->nsheets + 1) * sizeof *x->names);
	b->rids = erealloc(b->rids, (x->nsheets + 1) * sizeof *b->rids);
	x->names[x->nsheets] = estrdup(n);
	b->rids[x->nsheets++] = estrdup(id);
}

static void XMLCALL
on_rel(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = data;
	const char *id, *target;

	if (strcmp(local(name), "Relationship") != 0 || !(id = attr(atts, "Id")) ||
	    !(target = attr(atts, "Target")))
		return;
	b->rels = erealloc(b->rels, (b->nrels + 1) * sizeof *b->rels);
	b->rels[b->nrels++] = (struct rel){ estrdup(id), estrdup(target) };
}

static int
parse_part(struct xlsx *x, const char *part, XML_StartElementHandler start, void *data)
{
	size_t len;
	char *s = read_part(x->zip, part, &len);
	XML_Parser p;
	int ok;

	if (!s)
		return -1;
	p = parser(x);
	XML_SetUserData(p, data);
	XML_SetStartElementHandler(p, start);
	x->failed = 0;
	ok = XML_Parse(p, s, (int)len, 1) == XML_STATUS_OK && !x->failed;
	XML_ParserFree(p);
	x->p = NULL;
	free(s);
	return ok ? 0 : -1;
}

/* ---- sharedStrings.xml ---- */

struct sst {
	struct xlsx *x;
	struct sbuf s;
	int in_si, in_t, in_rph;
};

static void XMLCALL
sst_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct sst *t = data;
	const char *n = local(name);

	(void)atts;
	if (strcmp(n, "si") == 0)
		t->in_si = 1, t->s.len = 0;
	else if (strcmp(n, "t") == 0)
		t->in_t = 1;
	else if (strcmp(n, "rPh") == 0)
		t->in_rph = 1; /* a phonetic reading: not the text */
}

static void XMLCALL
sst_end(void *data, const XML_Char *name)
{
	struct sst *t = data;
	struct xlsx *x = t->x;
	const char *n = local(name);

	if (strcmp(n, "t") == 0) {
		t->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		t->in_rph = 0;
	} else if (strcmp(n, "si") == 0 && t->in_si) {
		t->in_si = 0;
		if ((x->nsst & (x->nsst - 1)) == 0)
			x->sst = erealloc(x->sst, (x->nsst ? 2 * x->nsst : 1) * sizeof *x->sst);
		x->sst[x->nsst++] = estrndup(t->s.s ? t->s.s : "", t->s.len);
	}
}

static void XMLCALL
sst_text(void *data, const XML_Char *s, int len)
{
	struct sst *t = data;

	if (t->in_si && t->in_t && !t->in_rph)
		sb_putn(&t->s, s, (size_t)len);
}

static int
load_sst(struct xlsx *x, const char *part)
{
	struct sst t = { .x = x };
	zip_file_t *f = zip_fopen(x->zip, part, 0);
	XML_Parser p;
	zip_int64_t n;
	int ok = 1;

	if (!f)
		return 0; /* no shared strings: every string is inline */
	p = parser(x);
	XML_SetUserData(p, &t);
	XML_SetElementHandler(p, sst_start, sst_end);
	XML_SetCharacterDataHandler(p, sst_text);
	x->failed = 0;
	while (ok && (n = zip_fread(f, x->chunk, sizeof x->chunk)) > 0)
		ok = XML_Parse(p, x->chunk, (int)n, 0) == XML_STATUS_OK && !x->failed;
	ok = ok && n == 0 && XML_Parse(p, "", 0, 1) == XML_STATUS_OK && !x->failed;
	XML_ParserFree(p);
	x->p = NULL;
	zip_fclose(f);
	sb_free(&t.s);
	return ok ? 0 : -1;
}

/* The package path of a relationship's target (relative to xl/). */
static char *
part_path(const char *target)
{
	char *p;

	if (target[0] == '/')
		return estrdup(target + 1);
	p = emalloc(strlen(target) + 4);
	sprintf(p, "xl/%s", target);
	return p;
}

static void
book_free(struct book *b)
{
	for (size_t i = 0; i < b->x->nsheets; i++)
		free(b->rids[i]);
	for (size_t k = 0; k < b->nrels; k++)
		free(b->rels[k].id), free(b->rels[k].target);
	free(b->rids);
	free(b->rels);
}

struct xlsx *
xlsx_open(const char *path, char *why, size_t whysz)
{
	struct xlsx *x = ecalloc(1, sizeof *x);
	struct book b = { .x = x };
	int err = 0;
	size_t i, k;

	if (!(x->zip = zip_open(path, ZIP_RDONLY, &err))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		snprintf(why, whysz, "not a workbook (zip: %s)", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(x);
		return NULL;
	}
	if (parse_part(x, "xl/workbook.xml", on_book, &b) < 0 ||
	    parse_part(x, "xl/_rels/workbook.xml.rels", on_rel, &b) < 0) {
		snprintf(why, whysz, "not an .xlsx workbook (no readable xl/workbook.xml and its "
		         "relationships)");
		goto fail;
	}
	x->paths = ecalloc(x->nsheets ? x->nsheets : 1, sizeof *x->paths);
	for (i = 0; i < x->nsheets; i++) {
		for (k = 0; k < b.nrels && strcmp(b.rels[k].id, b.rids[i]) != 0; k++)
			;
		if (k == b.nrels) {
			snprintf(why, whysz, "sheet \"%s\" has no part in the package", x->names[i]);
			goto fail;
		}
		x->paths[i] = part_path(b.rels[k].target);
	}
	if (load_sst(x, "xl/sharedStrings.xml") < 0) {
		snprintf(why, whysz, "xl/sharedStrings.xml is not well-formed XML");
		goto fail;
	}
	book_free(&b);
	return x;
fail:
	book_free(&b);
	xlsx_close(x);
	return NULL;
}

size_t
xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

const char *
xlsx_sheet_name(const struct xlsx *x, size_t i)
{
	return x->names[i];
}

/* ---- a sheet, a row at a time ---- */

static void
put_cell(struct xlsx *x, size_t col, const char *s, size_t n)
{
	while (x->ncells <= col) {
		if (x->ncells == x->cap) {
			x->cap = x->cap ? 2 * x->cap : 32;
			x->offs = erealloc(x->offs, x->cap * sizeof *x->offs);
			x->lens = erealloc(x->lens, x->cap * sizeof *x->lens);
			x->ptrs = erealloc(x->ptrs, x->cap * sizeof *x->ptrs);
		}
		x->offs[x->ncells] = x->arena.len;
		x->lens[x->ncells++] = 0;
		sb_putc(&x->arena, '\0');
	}
	/* cells come in column order: this one is the last */
	x->arena.len = x->offs[col];
	x->lens[col] = n;
	sb_putn(&x->arena, s, n);
	sb_putc(&x->arena, '\0');
}

/* "BC12" -> column 54 (0-based); -1 when it is not a cell reference. */
static long
column_of(const char *ref)
{
	long c = 0;
	int k = 0;

	for (; *ref >= 'A' && *ref <= 'Z' && k < 4; ref++, k++)
		c = c * 26 + (*ref - 'A' + 1);
	return k && c <= MAXCOLS ? c - 1 : -1;
}

static void XMLCALL
sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = data;
	const char *n = local(name), *a;

	if (strcmp(n, "row") == 0) {
		x->arena.len = 0;
		x->ncells = 0;
		x->nextcol = 0;
		x->rowno = (a = attr(atts, "r")) ? strtoul(a, NULL, 10) : x->rowno + 1;
	} else if (strcmp(n, "c") == 0) {
		long c = (a = attr(atts, "r")) ? column_of(a) : (long)x->nextcol;
		const char *t = attr(atts, "t");
		if (c < 0 || (size_t)c < x->nextcol) { /* out of order, or not a reference */
			x->failed = 1;
			x->why = "a cell out of its row's order";
			XML_StopParser(x->p, XML_FALSE);
			return;
		}
		x->col = (size_t)c;
		x->ctype = !t ? 'n' : strcmp(t, "s") == 0 ? 's' : strcmp(t, "inlineStr") == 0 ? 'i' : 'o';
		x->in_cell = 1;
		x->text.len = 0;
	} else if (x->in_cell && strcmp(n, "v") == 0) {
		x->in_v = 1;
	} else if (x->in_cell && strcmp(n, "t") == 0) {
		x->in_t = 1;
	} else if (x->in_cell && strcmp(n, "rPh") == 0) {
		x->in_rph = 1;
	}
}

static void XMLCALL
sheet_end(void *data, const XML_Char *name)
{
	struct xlsx *x = data;
	const char *n = local(name);

	if (strcmp(n, "v") == 0) {
		x->in_v = 0;
	} else if (strcmp(n, "t") == 0) {
		x->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		x->in_rph = 0;
	} else if (strcmp(n, "c") == 0 && x->in_cell) {
		x->in_cell = 0;
		if (x->ctype == 's') {
			char *end;
			unsigned long i;
			sb_putc(&x->text, '\0');
			i = strtoul(x->text.s, &end, 10);
			if (end == x->text.s || *end || i >= x->nsst) {
				x->failed = 1;
				x->why = "a cell names a shared string the workbook does not have";
				XML_StopParser(x->p, XML_FALSE);
				return;
			}
			put_cell(x, x->col, x->sst[i], strlen(x->sst[i]));
		} else {
			put_cell(x, x->col, x->text.s ? x->text.s : "", x->text.len);
		}
		x->nextcol = x->col + 1;
	} else if (strcmp(n, "row") == 0) {
		x->row_ready = 1;
		XML_StopParser(x->p, XML_TRUE); /* hand the row over; resume for the next */
	} else if (strcmp(n, "sheetData") == 0) {
		x->done = 1;
	}
}

static void XMLCALL
sheet_text(void *data, const XML_Char *s, int len)
{
	struct xlsx *x = data;

	if (x->in_cell && (x->in_v || (x->in_t && !x->in_rph)))
		sb_putn(&x->text, s, (size_t)len);
}

static void
sheet_close(struct xlsx *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	if (x->zf)
		zip_fclose(x->zf);
	x->p = NULL;
	x->zf = NULL;
}

int
xlsx_sheet(struct xlsx *x, size_t i, char *why, size_t whysz)
{
	sheet_close(x);
	if (i >= x->nsheets || !(x->zf = zip_fopen(x->zip, x->paths[i], 0))) {
		snprintf(why, whysz, "sheet \"%s\": its part %s cannot be read",
		         i < x->nsheets ? x->names[i] : "?", i < x->nsheets ? x->paths[i] : "?");
		return -1;
	}
	parser(x);
	XML_SetElementHandler(x->p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(x->p, sheet_text);
	x->done = x->failed = x->row_ready = 0;
	x->in_cell = x->in_v = x->in_t = x->in_rph = 0;
	x->rowno = 0;
	x->why = NULL;
	return 0;
}

int
xlsx_next(struct xlsx *x, struct csvrow *row, char *why, size_t whysz)
{
	enum XML_Status st;
	zip_int64_t n;

	if (!x->p)
		return -1;
	x->row_ready = 0;
	for (;;) {
		XML_ParsingStatus ps;

		XML_GetParsingStatus(x->p, &ps);
		if (ps.parsing == XML_SUSPENDED) {
			st = XML_ResumeParser(x->p);
		} else if (ps.parsing == XML_FINISHED) {
			sheet_close(x);
			return -1;
		} else {
			n = zip_fread(x->zf, x->chunk, sizeof x->chunk);
			if (n < 0) {
				x->failed = 1;
				x->why = "the sheet cannot be decompressed";
				st = XML_STATUS_ERROR;
			} else {
				st = XML_Parse(x->p, x->chunk, (int)n, n == 0);
			}
		}
		if (st == XML_STATUS_ERROR || x->failed) {
			snprintf(why, whysz, "the sheet is not well-formed: %s (XML line %lu)",
			         x->why ? x->why : XML_ErrorString(XML_GetErrorCode(x->p)),
			         (unsigned long)XML_GetCurrentLineNumber(x->p));
			sheet_close(x);
			return 0;
		}
		if (x->row_ready) {
			for (size_t i = 0; i < x->ncells; i++)
				x->ptrs[i] = x->arena.s + x->offs[i];
			row->cells = x->ptrs;
			row->lens = x->lens;
			row->n = x->ncells;
			row->line = x->rowno;
			return 1;
		}
	}
}

void
xlsx_close(struct xlsx *x)
{
	if (!x)
		return;
	sheet_close(x);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->names[i]);
		if (x->paths)
			free(x->paths[i]);
	}
	for (size_t i = 0; i < x->nsst; i++)
		free(x->sst[i]);
	free(x->names);
	free(x->paths);
	free(x->sst);
	free(x->offs);
	free(x->lens);
	free(x->ptrs);
	sb_free(&x->arena);
	sb_free(&x->text);
	if (x->zip)
		zip_discard(x->zip);
	free(x);
}
