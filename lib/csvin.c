#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "report.h"
#include "text.h"
#include "util.h"

#define MAX_ROW_LINES 100

/* room for cell k */
static void
cell_room(struct csvin *c, size_t k)
{
	if (k < c->cap)
		return;
	c->cap = c->cap ? 2 * c->cap : 32;
	c->offs = erealloc(c->offs, c->cap * sizeof *c->offs);
	c->lens = erealloc(c->lens, c->cap * sizeof *c->lens);
	c->ptrs = erealloc(c->ptrs, c->cap * sizeof *c->ptrs);
}

static void
on_cell(void *s, size_t len, void *data)
{
	struct csvin *c = data;

	cell_room(c, c->ncells);
	c->offs[c->ncells] = c->arena.len;
	c->lens[c->ncells++] = len;
	sb_putn(&c->arena, s ? s : "", s ? len : 0);
	sb_putc(&c->arena, '\0');
}

static void
on_row(int term, void *data)
{
	(void)term;
	((struct csvin *)data)->row_done = 1;
}

static void
parser_reset(struct csvin *c)
{
	csv_free(&c->p);
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(EQ_IO, "csv_init failed");
	csv_set_delim(&c->p, c->delim ? c->delim : ',');
	c->arena.len = 0;
	c->ncells = 0;
	c->row_done = 0;
}

int
csvin_open(struct csvin *c, const char *path, enum encoding enc, int delim, size_t maxline)
{
	memset(c, 0, sizeof *c);
	if (in_open(&c->in, path, maxline) < 0)
		return -1;
	c->in.cr_eol = 1;
	c->enc = enc;
	c->forced_delim = c->delim = delim;
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(EQ_IO, "csv_init failed");
	return 0;
}

void
csvin_close(struct csvin *c)
{
	csv_free(&c->p);
	in_close(&c->in);
	sb_free(&c->arena);
	sb_free(&c->pend);
	sb_free(&c->replay);
	sb_free(&c->dec);
	free(c->offs);
	free(c->lens);
	free(c->ptrs);
	free(c->pl);
	free(c->rl);
}


void
csvin_header(struct csvin *c)
{
	c->streaming = 1;
	parser_reset(c);
}

/* The delimiter a line suggests: the most frequent of ; tab , outside quotes. */
static int
guess_delim(const char *s, size_t n)
{
	size_t semi = 0, tab = 0, comma = 0;
	int q = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q)
			semi += s[i] == ';', tab += s[i] == '\t', comma += s[i] == ',';
	}
	if (semi >= tab && semi >= comma && semi)
		return ';';
	if (tab >= comma && tab)
		return '\t';
	return ',';
}

static void
fill_row(struct csvin *c, struct csvrow *row, unsigned long line)
{
	for (size_t i = 0; i < c->ncells; i++)
		c->ptrs[i] = c->arena.s + c->offs[i];
	row->cells = c->ptrs;
	row->lens = c->lens;
	row->n = c->ncells;
	row->line = line;
}

/* Queue the lines of the open (or last) row after its first to be read
 * again, before what the replay queue still holds. */
static void
requeue(struct csvin *c)
{
	if (c->npl > 1) {
		struct sbuf nb = { 0 };
		struct pending_line *nl = emalloc((c->npl - 1 + c->nrl - c->rlpos) * sizeof *nl);
		size_t k = 0;

		for (size_t i = 1; i < c->npl; i++, k++) {
			nl[k] = (struct pending_line){ c->pl[i].line, nb.len, c->pl[i].len };
			sb_putn(&nb, c->pend.s + c->pl[i].off, c->pl[i].len);
		}
		for (size_t i = c->rlpos; i < c->nrl; i++, k++) {
			nl[k] = (struct pending_line){ c->rl[i].line, nb.len, c->rl[i].len };
			sb_putn(&nb, c->replay.s + c->rl[i].off, c->rl[i].len);
		}
		sb_free(&c->replay);
		free(c->rl);
		c->replay = nb;
		c->rl = nl;
		c->nrl = k;
		c->rlpos = 0;
	}
	c->npl = 0;
	c->pend.len = 0;
}

/* Reject the open row: say why, give back what was read of it, and queue its
 * later lines to be read again. */
static int
reject_open_row(struct csvin *c, struct csvrow *row, const char *why)
{
	unsigned long first = c->npl ? c->pl[0].line : c->in.lineno;

	snprintf(c->why, sizeof c->why, "%s", why);
	/* what was read: the first line as one cell */
	c->arena.len = 0;
	c->ncells = 0;
	if (c->npl)
		on_cell(c->pend.s + c->pl[0].off, c->pl[0].len, c);
	fill_row(c, row, first);
	requeue(c);
	/* the arena holds the reported cell: reset the parser without it */
	csv_free(&c->p);
	csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&c->p, c->delim ? c->delim : ',');
	c->row_done = 0;
	return 0;
}

/* Reject one physical line that never reached the parser. */
static int
reject_line_only(struct csvin *c, struct csvrow *row, unsigned long line,
                 const char *text, size_t len, const char *why)
{
	if (why != c->why)
		snprintf(c->why, sizeof c->why, "%s", why);
	c->arena.len = 0;
	c->ncells = 0;
	on_cell((void *)text, len, c);
	fill_row(c, row, line);
	return 0;
}

/* The encoding, from every line with a byte above 0x7f in what is read
 * ahead (64 KiB, from the line at s): UTF-8 when most of them are valid
 * UTF-8, else Windows-1251 (whose Cyrillic is almost never valid UTF-8).
 * One stray byte does not turn a UTF-8 file into mojibake; a mixed file is
 * said, and its lines that do not fit are rejected. */
static void
decide_encoding(struct csvin *c, const char *s)
{
	const char *e = c->in.buf + c->in.end, *nl;
	unsigned long valid = 0, invalid = 0;

	for (; s < e; s = nl + 1) {
		size_t n;
		if (!(nl = memchr(s, '\n', (size_t)(e - s)))) {
			if (!c->in.eof)
				break; /* a line the read-ahead cut */
			nl = e;
		}
		n = (size_t)(nl - s);
		if (has_8bit(s, n))
			utf8_valid(s, n) ? valid++ : invalid++;
		if (nl == e)
			break;
	}
	c->enc = valid >= invalid ? ENC_UTF8 : ENC_CP1251;
	c->mixed = valid && invalid;
	if (c->mixed)
		warn_at(c->in.name, c->in.lineno, "warning: of the lines with non-ASCII text read "
		        "ahead, %lu are UTF-8 and %lu are not: the file is read as %s and the "
		        "lines in the other encoding are rejected (--encoding sets it)", valid,
		        invalid, c->enc == ENC_UTF8 ? "UTF-8" : "Windows-1251");
}

/* The next line as UTF-8 text: *text points into the read buffer, or into
 * c->dec when it had to be converted or replayed. 1, 0 (rejected: reason in
 * why, the line in c->dec), -1 at the end. */
static int
next_text(struct csvin *c, unsigned long *line, const char **text, size_t *tlen,
          const char **why)
{
	char *s;
	size_t n;
	enum line_status st;

	c->dec.len = 0;
	if (c->rlpos < c->nrl) {
		struct pending_line *p = &c->rl[c->rlpos++];
		sb_putn(&c->dec, c->replay.s + p->off, p->len);
		*line = p->line;
		*text = c->dec.s, *tlen = c->dec.len;
		return 1;
	}
	st = in_getline(&c->in, &s, &n);
	*line = c->in.lineno;
	if (st == LINE_EOF)
		return -1;
	if (st == LINE_TOO_LONG) {
		static char msg[80];
		snprintf(msg, sizeof msg, "line longer than %zu bytes", c->in.maxline);
		*why = msg;
		return 0;
	}
	if (c->in.lineno == 1 && n >= 2 && (memcmp(s, "\xff\xfe", 2) == 0 || memcmp(s, "\xfe\xff", 2) == 0)) {
		c->fatal = "UTF-16 text (Excel's «Текст Юникод»): convert it first, "
		           "iconv -f UTF-16 -t UTF-8 FILE > FILE.csv";
		return -1;
	}
	if (c->in.bom && c->enc == ENC_AUTO)
		c->enc = ENC_UTF8;
	if (memchr(s, '\0', n)) {
		sb_putn(&c->dec, s, strnlen(s, n));
		*why = "NUL byte in line";
		return 0;
	}
	if (c->enc == ENC_AUTO && has_8bit(s, n))
		decide_encoding(c, s);
	if (c->enc == ENC_CP1251) {
		if (c->mixed && has_8bit(s, n) && utf8_valid(s, n)) {
			sb_putn(&c->dec, s, n);
			*why = "UTF-8 text in a file read as Windows-1251";
			return 0;
		}
		cp1251_to_utf8(&c->dec, s, n);
		*text = c->dec.s, *tlen = c->dec.len;
		return 1;
	}
	if (!utf8_valid(s, n)) {
		sb_putn(&c->dec, s, n);
		*why = "invalid UTF-8 (is the file Windows-1251? try --encoding cp1251)";
		return 0;
	}
	*text = s, *tlen = n;
	return 1;
}

/* A line that needs no CSV state machine (libcsv costs some 40
 * instructions a byte): without quotes, or with quotes that only enclose
 * whole cells, as programs that quote every text cell write them
 * ("VPR","math",4), split at the delimiters; cells stay in the line, a
 * quoted one what lies between its quotes. Anything else (a doubled quote,
 * a quote inside a cell, text around a quoted cell) is left to libcsv: -1. */
static int
split_line(struct csvin *c, struct csvrow *row, const char *s, size_t n, unsigned long line)
{
	const char *e = s + n, *d, *q;
	size_t k = 0;

	for (;;) {
		cell_room(c, k);
		if (s < e && *s == '"') {
			if (!(q = memchr(s + 1, '"', e - s - 1)) || (q + 1 < e && q[1] != c->delim))
				return -1;
			c->ptrs[k] = (char *)s + 1;
			c->lens[k++] = q - s - 1;
			d = q + 1 < e ? q + 1 : NULL;
		} else { /* short cells: a loop, not two calls of memchr */
			for (d = s; d < e && *d != c->delim; d++)
				if (*d == '"')
					return -1;
			c->ptrs[k] = (char *)s;
			c->lens[k++] = d - s;
			if (d == e)
				d = NULL;
		}
		if (!d)
			break;
		s = d + 1;
	}
	c->ncells = k;
	row->cells = c->ptrs;
	row->lens = c->lens;
	row->n = k;
	row->line = line;
	return 0;
}

int
csvin_next(struct csvin *c, struct csvrow *row)
{
	unsigned long line;
	const char *why = NULL, *text = NULL;
	size_t tlen = 0;
	int r;

	if (c->last_lines) {
		c->last_lines = 0;
		c->pend.len = 0;
	}
	for (;;) {
		r = next_text(c, &line, &text, &tlen, &why);
		if (r < 0) {
			if (c->npl == 0 || c->fatal)
				return -1;
			if (csv_fini(&c->p, on_cell, on_row, c) != 0)
				return reject_open_row(c, row, "unbalanced quote: a quoted field is never closed");
			c->npl = 0;
			fill_row(c, row, c->pl[0].line);
			return 1;
		}
		if (r == 0) {
			if (c->npl) {
				/* a bad line ends the open row too: say so in one reject */
				snprintf(c->why, sizeof c->why, "%s; the row with an unclosed quote "
				         "from line %lu is dropped with it", why, c->pl[0].line);
				why = c->why;
				parser_reset(c), c->npl = 0, c->pend.len = 0;
			}
			return reject_line_only(c, row, line, c->dec.s, c->dec.len, why);
		}
		if (c->streaming && c->npl == 0) {
			if (tlen == 0) {
				c->blank++;
				continue; /* blank line between rows */
			}
			if (split_line(c, row, text, tlen, line) == 0)
				return 1;
		}
		if (text != c->dec.s) { /* from the read buffer: copy for libcsv */
			c->dec.len = 0;
			sb_putn(&c->dec, text, tlen);
		}
		if (!c->streaming) {
			/* header search: each line on its own */
			c->delim = c->forced_delim ? c->forced_delim : guess_delim(c->dec.s, c->dec.len);
			parser_reset(c);
			sb_putc(&c->dec, '\n');
			if (csv_parse(&c->p, c->dec.s, c->dec.len, on_cell, on_row, c) != c->dec.len ||
			    csv_fini(&c->p, on_cell, on_row, c) != 0) {
				/* free text with stray quotes is still a title line */
				c->arena.len = 0;
				c->ncells = 0;
				on_cell(c->dec.s, c->dec.len - 1, c);
			}
			fill_row(c, row, line);
			return 1;
		}
		if (c->npl == 0) {
			c->arena.len = 0;
			c->ncells = 0;
			c->row_done = 0;
		}
		if (c->npl == c->plcap) {
			c->plcap = c->plcap ? 2 * c->plcap : 8;
			c->pl = erealloc(c->pl, c->plcap * sizeof *c->pl);
		}
		c->pl[c->npl++] = (struct pending_line){ line, c->pend.len, c->dec.len };
		sb_putn(&c->pend, c->dec.s, c->dec.len);
		sb_putc(&c->dec, '\n');
		if (csv_parse(&c->p, c->dec.s, c->dec.len, on_cell, on_row, c) != c->dec.len)
			return reject_open_row(c, row, "malformed quoting (a quote inside an unquoted field, or text after a closing quote)");
		if (c->row_done) {
			unsigned long first = c->pl[0].line;
			/* its lines stay until the next call, for csvin_unread_rest */
			c->last_lines = c->npl;
			c->npl = 0;
			c->row_done = 0;
			fill_row(c, row, first);
			return 1;
		}
		if (c->npl > MAX_ROW_LINES || c->pend.len > c->in.maxline)
			return reject_open_row(c, row, "unbalanced quote: a quoted field runs over "
			                       "100 lines or --max-line bytes");
	}
}

int
csvin_unread_rest(struct csvin *c)
{
	if (c->last_lines < 2)
		return 0;
	c->npl = c->last_lines;
	c->last_lines = 0;
	requeue(c);
	return 1;
}

int
csvin_reparse(struct csvin *c, struct csvrow *row, int delim)
{
	if (c->streaming || c->dec.len == 0)
		return -1;
	c->delim = delim;
	parser_reset(c);
	if (csv_parse(&c->p, c->dec.s, c->dec.len, on_cell, on_row, c) != c->dec.len ||
	    csv_fini(&c->p, on_cell, on_row, c) != 0)
		return -1;
	fill_row(c, row, row->line);
	return 0;
}
