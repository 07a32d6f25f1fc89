/* row.c: a row of cells -> one record, or a reject with its reason; the
 * values checked against the kind's schema. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "record.h"
#include "report.h"
#include "util.h"
#include "ingest.h"

static int canonical_int(const char *s, size_t n);
static void emit_task_scheme(void);
static void emit_factors(void);
static int context_ok(char *err, size_t errsz);
static int repeats_header(const char *const *cell, const size_t *clen, size_t n);
static int shape_check(int absent, char *err, size_t errsz);

/* Integral and exact in a double (so a long long holds it). */
static int
is_exact_int(double v)
{
	/* in range first, so the cast is defined; no libm call */
	return v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(long long)v;
}

/* Digits as JSON writes an integer: no sign, no leading zero, short. */
static int
canonical_int(const char *s, size_t n)
{
	if (n == 0 || n > 15 || (s[0] == '0' && n > 1))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Convert one cell (or --set value) into field f; 0 or -1 with err. */
int
convert(struct field *f, enum sharemode share, const char *s, size_t n,
        char *err, size_t errsz)
{
	double v;
	int is_int = 0;
	struct field *target = f;

	for (unsigned k = 0; k < SEEN; k++)
		if (f->seen[k].s && f->seen[k].len == n && memcmp(f->seen[k].s, s, n) == 0) {
			f->vt = V_STR;
			f->str = f->seen_code[k] ? f->seen_code[k] : s;
			f->slen = f->seen_code[k] ? strlen(f->seen_code[k]) : n;
			return 0;
		}
	const char *raw = s;
	size_t rawlen = n;
	const char *bar;

	/* ФИС ОКО writes «code | name» (edu223185 | МКОУ Мартыновская СОШ,
	 * reg22_m010 | Ельцовский муниципальный район): an id is the code, any
	 * other text the name */
	if (f->types & ST_STRING && !f->dict && (bar = memmem(s, n, " | ", 3))) {
		size_t nl = strlen(f->name);
		if (nl > 3 && strcmp(f->name + nl - 3, "_id") == 0)
			n = (size_t)(bar - s);
		else
			n -= (size_t)(bar + 3 - s), s = bar + 3;
	}

	if (f->dict) {
		const struct dict_value *dv = dict_lookup(f->name, s, n);
		size_t k = 0;
		while (!dv && k < n && k < 3 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (!dv && k && k + 1 < n && s[k] == '.') /* a numbered answer: «4. Населенный пункт …» */
			dv = dict_lookup(f->name, s + k + 1, n - k - 1);
		if (dv) {
			s = dv->code;
			n = strlen(s);
		} else if (f->types & ST_STRING || !f->types) {
			snprintf(err, errsz, "unknown %s \"%.*s\" (codes and aliases are in "
			         "schemas/ref/values.tsv)", f->name, (int)utf8_prefix(s, n, 60), s);
			return -1;
		}
	}
	if (f->types & ST_STRING || (!f->types && f->dict)) {
		if (schema_check_string(f->s, s, n, err, errsz) < 0)
			return -1;
		if (s == raw || f->dict) { /* a dictionary's code lives on; a part of the cell does not */
			unsigned k = f->seen_next++ % SEEN;
			f->seen[k].len = 0;
			sb_putn(&f->seen[k], raw, rawlen);
			f->seen_code[k] = s != raw ? s : NULL;
		}
		f->vt = V_STR, f->str = s, f->slen = n;
		return 0;
	}
	if (f - ks.fields == ks.f_year) {
		if ((v = parse_year(s, n)) < 0) {
			snprintf(err, errsz, "\"%.*s\" is not a year", (int)utf8_prefix(s, n, 60), s);
			return -1;
		}
		is_int = 1;
	} else if (f - ks.fields == ks.f_grade && (v = grade_of_class(s, n)) > 0) {
		is_int = 1;
	} else {
		int pct = n > 0 && s[n - 1] == '%';
		if (pct && f->share_field < 0 && !(f->simple && f->lo >= 0 && f->hi <= 1)) {
			snprintf(err, errsz, "\"%.*s\": a percentage, but %s is not a share",
			         (int)utf8_prefix(s, n, 60), s, f->name);
			return -1;
		}
		if (parse_number(s, n - pct, &v, &is_int) < 0) {
			if (marker_is("true", s, n))
				v = 1, is_int = 1;
			else if (marker_is("false", s, n))
				v = 0, is_int = 1;
			else {
				snprintf(err, errsz, "\"%.*s\" is not a number", (int)utf8_prefix(s, n, 60), s);
				return -1;
			}
		}
		if (pct || share == SHARE_PERCENT)
			v /= 100, is_int = 0;
		if ((pct || share != SHARE_NONE) && f->share_field >= 0)
			target = &ks.fields[f->share_field];
	}
	/* the common case inline; the schema words a failure */
	if (!(target->simple && v >= target->lo && v <= target->hi && (!target->whole || is_int)) &&
	    schema_check_number(target->s, v, is_int, err, errsz) < 0)
		return -1;
	if (!(target->types & ST_NUMBER) && !is_exact_int(v)) {
		snprintf(err, errsz, "\"%.*s\" is too large", (int)utf8_prefix(s, n, 60), s);
		return -1;
	}
	target->vt = target->types & ST_NUMBER && !(target->types & ST_INTEGER) ? V_NUM :
	             is_exact_int(v) ? V_INT : V_NUM;
	target->num = v;
	if (target == f && canonical_int(s, n)) /* write the cell as it is */
		target->vt = V_RAW, target->str = s, target->slen = n;
	return 0;
}

static void
put_field(int *first, const struct field *f)
{
	if (!*first)
		sb_putc(&run.out, ',');
	*first = 0;
	sb_putn(&run.out, f->jkey, f->jkeylen);
	if (f->vt == V_STR)
		jw_str(&run.out, f->str, f->slen);
	else if (f->vt == V_RAW)
		sb_putn(&run.out, f->str, f->slen);
	else if (f->vt == V_INT)
		jw_int(&run.out, (long long)f->num);
	else
		jw_num(&run.out, f->num);
}

void
emit(void)
{
	run.out.s[run.out.len++] = '\n';
	fwrite(run.out.s, 1, run.out.len, stdout);
	run.out.len = 0;
}

/* Before the first result of a procedure in a file: its task labels. */
static void
emit_task_scheme(void)
{
	struct sbuf key = { 0 };
	int first = 1, same = sh.scheme_last.valid;
	int keyf[] = { ks.f_year, ks.f_procedure, ks.f_subject, ks.f_grade };

	for (size_t i = 0; i < 4; i++) {
		const struct field *f = &ks.fields[keyf[i]];
		if (f->vt == V_NONE)
			return;
		if (f->vt == V_STR ? sh.scheme_last.slen[i] != f->slen ||
		                     memcmp(sh.scheme_last.str[i], f->str, f->slen) != 0
		                   : sh.scheme_last.num[i] != f->num)
			same = 0;
	}
	if (same)
		return;
	sh.scheme_last.valid = 1;
	for (size_t i = 0; i < 4; i++) {
		const struct field *f = &ks.fields[keyf[i]];
		if (f->vt == V_STR)
			sb_putn(&key, f->str, f->slen);
		else
			jw_num(&key, f->num);
		sb_putc(&key, '\x1f');
		sh.scheme_last.num[i] = f->num;
		sh.scheme_last.slen[i] = f->vt == V_STR && f->slen < sizeof sh.scheme_last.str[i] ? f->slen : (size_t)-1;
		if (sh.scheme_last.slen[i] != (size_t)-1)
			memcpy(sh.scheme_last.str[i], f->str, f->slen);
	}
	if (strmap_get(&sh.schemes_sent, key.s, key.len)) {
		sb_free(&key);
		return;
	}
	strmap_put(&sh.schemes_sent, key.s, key.len, (void *)1);
	sb_free(&key);
	sb_putc(&run.out, '{');
	jw_key(&run.out, &first, "type");
	sb_puts(&run.out, "\"task_scheme\"");
	for (size_t i = 0; i < 4; i++)
		put_field(&first, &ks.fields[keyf[i]]);
	jw_key(&run.out, &first, "labels");
	for (size_t i = 0; i < sh.ntasks; i++) {
		sb_putc(&run.out, i ? ',' : '[');
		jw_str(&run.out, sh.task_labels[i], strlen(sh.task_labels[i]));
	}
	sb_putc(&run.out, ']');
	for (size_t i = 0; i < sh.ntasks; i++)
		if (sh.task_max[i] > 0) {
			jw_key(&run.out, &first, "max");
			for (size_t k = 0; k < sh.ntasks; k++) {
				sb_putc(&run.out, k ? ',' : '[');
				if (sh.task_max[k] > 0)
					jw_num(&run.out, sh.task_max[k]);
				else
					sb_puts(&run.out, "null");
			}
			sb_putc(&run.out, ']');
			break;
		}
	sb_putc(&run.out, '}');
	emit();
}

/* The record of the row's field values, in the schema's order. */
static void
emit_record(int absent)
{
	int first = 1;

	sb_putc(&run.out, '{');
	jw_key(&run.out, &first, "type");
	jw_str(&run.out, ks.name, strlen(ks.name));
	for (int i = 1; i < ks.nfields; i++) {
		if (i == ks.f_tasks && sh.ntasks && !absent) {
			jw_key(&run.out, &first, "tasks");
			for (size_t k = 0; k < sh.ntasks; k++) {
				sb_putc(&run.out, k ? ',' : '[');
				if (sh.task_has[k] && sh.task_txt[k])
					sb_putn(&run.out, sh.task_txt[k], sh.task_txtlen[k]);
				else if (sh.task_has[k])
					jw_num(&run.out, sh.task_val[k]);
				else
					sb_puts(&run.out, "null");
			}
			sb_putc(&run.out, ']');
		} else if (i == ks.f_absent && absent) {
			jw_key(&run.out, &first, "absent");
			sb_puts(&run.out, "true");
		} else if (ks.fields[i].vt != V_NONE) {
			put_field(&first, &ks.fields[i]);
		}
	}
	sb_putc(&run.out, '}');
	emit();
	fst.records++;
}

/* Risk in wide form: one record per factor column with a value. */
static void
emit_factors(void)
{
	const struct dict_value *const *fv;
	size_t n = dict_codes("factor", &fv);

	for (size_t k = 0; k < n; k++) {
		if (!sh.factor_has[k])
			continue;
		ks.fields[ks.f_factor].vt = V_STR;
		ks.fields[ks.f_factor].str = fv[k]->code;
		ks.fields[ks.f_factor].slen = strlen(fv[k]->code);
		ks.fields[ks.f_value].vt = V_NUM;
		ks.fields[ks.f_value].num = sh.factor_val[k];
		emit_record(0);
	}
}

static int
says_absent(const char *s, size_t n)
{
	if (n && s[0] >= '0' && s[0] <= '9')
		return 0; /* a number, the common case */
	return marker_is("absent", s, n);
}

/* A context row must also pass the cross-field rule. */
static int
context_ok(char *err, size_t errsz)
{
	json_t *rec = json_object();
	int r;

	for (int i = 1; i < ks.nfields; i++)
		if (ks.fields[i].vt == V_INT || ks.fields[i].vt == V_RAW)
			json_object_set_new(rec, ks.fields[i].name, json_integer((json_int_t)ks.fields[i].num));
	r = context_check(rec, err, errsz);
	json_decref(rec);
	return r;
}

/* Reject a row. A file with a personal column (ФИО, Фамилия, ...) may hold
 * a name in any cell of a row that does not line up with its header, and
 * nothing tells a shifted row from a true one with certainty: there the row
 * is withheld from the rejects file (its line number says where it is) and
 * no value of the row is quoted in the reason. Other files keep the row. */
void __attribute__((format(printf, 3, 4)))
reject_masked(const struct csvrow *row, const char *file, const char *fmt, ...)
{
	struct sbuf r = { 0 }, t = { 0 };
	va_list ap;

	if (!sh.has_personal) {
		va_start(ap, fmt);
		vreject_row(file, row->line, row->cells, row->lens, row->n, fmt, ap);
		va_end(ap);
		return;
	}
	va_start(ap, fmt);
	{
		char tmp[1024];
		vsnprintf(tmp, sizeof tmp, fmt, ap);
		sb_puts(&r, tmp);
	}
	va_end(ap);
	for (size_t i = 0; i < row->n; i++) {
		size_t n = row->lens[i];
		const char *c = trim(row->cells[i], &n);
		int letters = 0;
		const char *at, *rest = NULL;

		for (size_t k = 0; k < n; k++)
			letters |= !(c[k] >= '0' && c[k] <= '9') && c[k] != '.' && c[k] != ',';
		if (n < 2 || !letters)
			continue;
		/* the value, never quoted: each occurrence becomes "…" */
		for (const char *p = r.s; (at = memmem(p, r.len - (size_t)(p - r.s), c, n)); p = at + n) {
			sb_putn(&t, p, (size_t)(at - p));
			sb_puts(&t, "\xe2\x80\xa6");
			rest = at + n;
		}
		if (t.len) {
			sb_putn(&t, rest, r.len - (size_t)(rest - r.s));
			sb_free(&r);
			r = t;
			t = (struct sbuf){ 0 };
		}
	}
	sb_putc(&r, '\0');
	reject_row(file, row->line, NULL, NULL, 0, "%s (the row is not kept: the file has "
	           "personal columns)", r.s);
	sb_free(&r);
}

/* A cell that must fit on one line: everything eq keeps but a school's name. */
int
one_line_cell(const struct col *c)
{
	return c->kind == C_TASK || c->kind == C_FACTOR ||
	       (c->kind == C_FIELD && strcmp(ks.fields[c->field].name, "name") != 0);
}

/* A cell that says there is nothing in it («нет отметки»; «нет» for a class
 * without a letter). Not in a yes/no column, where «нет» is a value. */
static int
says_nothing(const struct field *f, const char *s, size_t n)
{
	int flag = f->simple && f->whole && f->lo == 0 && f->hi == 1;

	return !flag && !f->dict && marker_is("no_value", s, n);
}

/* A row that is the header again. */
static int
repeats_header(const char *const *cell, const size_t *clen, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < sh.ncols; i++) {
		size_t hl = strlen(sh.cols[i].header);
		const char *h = trim(sh.cols[i].header, &hl);
		size_t cl = i < n ? clen[i] : 0;

		if (cl != hl || (cl && memcmp(cell[i], h, cl) != 0))
			return 0;
		k += cl > 0;
	}
	return k > 0 && n <= sh.ncols;
}

/* The record the fields make, as jansson holds it. */
static json_t *
record_json(int absent)
{
	json_t *rec = json_object();

	json_object_set_new(rec, "type", json_string(ks.name));
	for (int i = 1; i < ks.nfields; i++) {
		const struct field *f = &ks.fields[i];

		if (i == ks.f_tasks && sh.ntasks && !absent) {
			json_t *a = json_array();
			for (size_t k = 0; k < sh.ntasks; k++)
				json_array_append_new(a, sh.task_has[k] ? json_real(sh.task_val[k]) : json_null());
			json_object_set_new(rec, "tasks", a);
		} else if (i == ks.f_absent && absent) {
			json_object_set_new(rec, "absent", json_true());
		} else if (f->vt == V_STR) {
			json_object_set_new(rec, f->name, json_stringn_nocheck(f->str, f->slen));
		} else if (f->vt == V_INT || f->vt == V_RAW) {
			json_object_set_new(rec, f->name, json_integer((json_int_t)f->num));
		} else if (f->vt == V_NUM) {
			json_object_set_new(rec, f->name, json_real(f->num));
		}
	}
	return rec;
}

/* The record against its schema, so that eq-ingest never writes what
 * eq-normalize would reject. Each cell was checked as it was read; what is
 * left is the record as a whole (what must be present together, how many
 * tasks), which depends only on which fields are present: it is checked
 * once per such shape, and the verdict kept. */
static int
shape_check(int absent, char *err, size_t errsz)
{
	unsigned char shape[80];
	size_t n = 0;
	const char *verdict;

	for (int i = 1; i < ks.nfields && n < sizeof shape - 4; i++)
		shape[n++] = (unsigned char)(ks.fields[i].vt != V_NONE) + 2 * (i == ks.f_absent && absent);
	{ /* how many tasks, and whether any has a score (they sum to a primary score) */
		uint32_t nt = (uint32_t)sh.ntasks;
		int scored = 0;
		for (size_t k = 0; k < sh.ntasks && !scored; k++)
			scored = sh.task_has[k];
		memcpy(shape + n, &nt, 4);
		n += 4;
		shape[n++] = (unsigned char)scored;
	}
	if (n == ks.last_shape_n && memcmp(shape, ks.last_shape, n) == 0)
		verdict = ks.last_verdict;
	else if (!(verdict = strmap_get(&ks.shapes, (char *)shape, n))) {
		json_t *rec = record_json(absent);
		if (ks.f_tasks >= 0)
			result_complete(rec); /* as eq-normalize will */
		verdict = schema_validate(ks.schema, rec, err, errsz) < 0 ? estrdup(err) : "";
		json_decref(rec);
		strmap_put(&ks.shapes, (char *)shape, n, (void *)verdict);
	}
	memcpy(ks.last_shape, shape, n);
	ks.last_shape_n = n, ks.last_verdict = verdict;
	if (!*verdict)
		return 0;
	snprintf(err, errsz, "%s", verdict);
	return -1;
}

/* The cells of row trimmed (run's buffers: valid until the next call). */
void
trim_row(const struct csvrow *row, const char *const **cell, const size_t **clen)
{
	if (row->n > run.ccap) {
		run.ccap = row->n;
		run.cell = erealloc(run.cell, run.ccap * sizeof *run.cell);
		run.clen = erealloc(run.clen, run.ccap * sizeof *run.clen);
	}
	for (size_t i = 0; i < row->n; i++) {
		run.clen[i] = row->lens[i];
		run.cell[i] = trim(row->cells[i], &run.clen[i]);
	}
	*cell = run.cell;
	*clen = run.clen;
}

/* Does a row of results name a pupil or hold a result? A form's line that
 * does neither (its number, a school filled in by formula) is no pupil; nor
 * is a number in a column of names a name. */
int
names_pupil_or_result(const char *const *cell, const size_t *clen, size_t n)
{
	for (size_t i = 0; i < n && i < sh.ncols; i++) {
		const struct col *c = &sh.cols[i];
		int f = c->field;
		if (c->kind == C_PERSONAL && c->ident == ID_NAME && clen[i] && is_number_cell(cell[i], clen[i]))
			continue;
		if (clen[i] && (c->kind == C_TASK || c->kind == C_ANSWERS || c->kind == C_PERSONAL ||
		                (c->kind == C_FIELD && (f == ks.f_primary || f == ks.f_mark || f == ks.f_test ||
		                 f == ks.f_student || f == ks.f_variant || f == ks.f_absent))))
			return 1;
	}
	return 0;
}

void
process_row(const struct csvrow *row, const char *file)
{
	char err[512];
	int absent = 0, any_factor = 0;
	size_t i;
	const char *const *cell;
	const size_t *clen;

	trim_row(row, &cell, &clen);
	for (i = 0; i < row->n && clen[i] == 0; i++)
		;
	if (i == row->n) {
		fst.blank++;
		return; /* an empty row: nothing to lose */
	}
	if (repeats_header(cell, clen, row->n)) {
		fst.headers++;
		if (!sh.in_block_title) /* a protocol's next exam has its own header */
			warn_at(file, row->line, "the header again (files joined together?): skipped");
		sh.in_block_title = 0;
		return;
	}
	if (marker_is("footer", cell[i], clen[i])) {
		fst.footers++; /* «Средние», «Всего участников»: a summary, not a pupil */
		return;
	}
	if (block_title(cell, clen, row->n, file)) {
		fst.titles++;
		return;
	}
	sh.in_block_title = 0;
	if (ks.f_tasks >= 0 && !names_pupil_or_result(cell, clen, row->n)) {
		fst.unfilled++; /* a form's numbered line nobody filled in */
		return;
	}
	count_row();
	for (int f = 0; f < ks.nfields; f++) {
		ks.fields[f].vt = ks.fields[f].set ? ks.fields[f].set_vt : V_NONE;
		if (ks.fields[f].set && ks.fields[f].set_vt == V_STR)
			ks.fields[f].str = ks.fields[f].set_str, ks.fields[f].slen = strlen(ks.fields[f].set_str);
		ks.fields[f].num = ks.fields[f].set_num;
	}
	memset(sh.task_has, 0, (sh.ntasks ? sh.ntasks : 1) * sizeof *sh.task_has);
	if (sh.nfactors)
		memset(sh.factor_has, 0, sh.nfactors * sizeof *sh.factor_has);
	/* cells that do not line up with the header: an unquoted delimiter in a
	 * cell ("Иванов, Иван") shifts every cell after it. A workbook's cells
	 * have their own columns: there a value under no header is only
	 * ignored, like an unknown column. */
	if (sh.positional) {
		for (i = 0; i < row->n; i++)
			if (clen[i] && (i >= sh.ncols || sh.cols[i].unnamed)) {
				warn_at(file, row->line, "values in columns with no header are ignored "
				        "(first: column %zu)", i + 1);
				break;
			}
	} else if (row->n > sh.ncols) {
		reject_masked(row, file, "%zu cells, but the header has %zu columns: a delimiter "
		              "inside an unquoted cell shifts the columns", row->n, sh.ncols);
		return;
	}
	for (i = 0; !sh.positional && i < row->n; i++)
		if (clen[i] && sh.cols[i].unnamed) {
			reject_masked(row, file, "a value in column %zu, which has no header: the "
			              "row's cells are shifted (a delimiter inside an unquoted cell?)", i + 1);
			return;
		}
	for (size_t k = 0; k < sh.nabsent_cols; k++) {
		int yes;
		i = sh.absent_cols[k];
		if (i >= row->n || !clen[i])
			continue;
		if (says_absent(cell[i], clen[i])) {
			absent = 1;
		} else if (sh.cols[i].field == ks.f_absent) { /* «Присутствие: нет» */
			yes = marker_is("true", cell[i], clen[i]) ? 1 : marker_is("false", cell[i], clen[i]) ? 0 : -1;
			if (yes < 0) {
				reject_masked(row, file, "absent (column \"%s\"): \"%.*s\" is neither yes nor no",
				              sh.cols[i].header, (int)utf8_prefix(cell[i], clen[i], 60), cell[i]);
				return;
			}
			absent |= yes != sh.cols[i].negate;
		}
	}
	if (sh.nanswer_cols && !sh.answers_laid && !absent &&
	    lay_out_answers(row, cell, clen, file) < 0)
		return;
	for (i = 0; i < row->n && i < sh.ncols; i++) {
		const struct col *c = &sh.cols[i];
		size_t n = clen[i];
		const char *s = cell[i];
		double v;
		int is_int;

		if (n == 0 || c->kind == C_IGNORE)
			continue;
		switch (c->kind) {
		case C_FIELD:
			if (c->field == ks.f_absent)
				continue; /* read above */
			if (absent && (c->field == ks.f_variant || c->field == ks.f_mark ||
			               c->field == ks.f_primary || c->field == ks.f_test))
				continue;
			if (says_nothing(&ks.fields[c->field], s, n))
				continue; /* «нет отметки», a class «нет»: an empty cell */
			if (convert(&ks.fields[c->field], c->share, s, n, err, sizeof err) < 0) {
				reject_masked(row, file,
				           "%s (column \"%s\"): %s", ks.fields[c->field].name, c->header, err);
				return;
			}
			break;
		case C_TASK:
			if (absent)
				continue;
			if (parse_number(s, n, &v, &is_int) < 0) {
				if (marker_is("not_taught", s, n))
					continue; /* no score for this task: null */
				if (!marker_is("not_attempted", s, n)) {
					reject_masked(row, file,
					           "task %s (column \"%s\"): \"%.*s\" is not a score",
					           sh.task_labels[c->task], c->header, (int)utf8_prefix(s, n, 60), s);
					return;
				}
				v = 0, is_int = 1;
			}
			if ((!(ks.task_simple && v >= ks.task_lo && v <= ks.task_hi && (!ks.task_whole || is_int)) &&
			     schema_check_number(ks.task_items, v, is_int, err, sizeof err) < 0) ||
			    (sh.task_max[c->task] > 0 && v > sh.task_max[c->task] &&
			     snprintf(err, sizeof err, "%.*s is above the task's maximum %g",
			              (int)n, s, sh.task_max[c->task]))) {
				reject_masked(row, file,
				           "task %s (column \"%s\"): %s", sh.task_labels[c->task], c->header, err);
				return;
			}
			sh.task_val[c->task] = v;
			sh.task_has[c->task] = 1;
			sh.task_txt[c->task] = canonical_int(s, n) ? s : NULL;
			sh.task_txtlen[c->task] = n;
			break;
		case C_ANSWERS:
			if (absent)
				continue;
			if (read_answers(c, s, n, err, sizeof err) < 0) {
				reject_masked(row, file, "column \"%s\": %s", c->header, err);
				return;
			}
			break;
		case C_FACTOR: {
			int pct = s[n - 1] == '%';
			int bad = parse_number(s, n - pct, &v, &is_int) < 0;
			if (pct)
				v /= 100;
			if (bad || v < 0 || v > 1) {
				reject_masked(row, file,
				           "factor %s (column \"%s\"): \"%.*s\" is not a value in 0..1",
				           c->factor->code, c->header, (int)utf8_prefix(s, n, 60), s);
				return;
			}
			sh.factor_val[c->field] = v;
			sh.factor_has[c->field] = 1;
			any_factor = 1;
			break;
		}
		default:
			break;
		}
	}
	if (ks.f_primary >= 0 && ks.fields[ks.f_primary].vt != V_NONE && sh.ntasks && !absent &&
	    !sh.criteria_subtasks) {
		/* the tasks and the total of one pupil must agree: a row shifted by a
		 * column, or a total typed by hand, does not. (Not where subtasks are
		 * written N(M): the ФИС ОКО 2022 form scores those by criteria, and
		 * its total is not their sum — 745 of 1 715 pupils in biology 11.) */
		double sum = 0;
		int any = 0;
		for (size_t k = 0; k < sh.ntasks; k++)
			if (sh.task_has[k])
				sum += sh.task_val[k], any = 1;
		if (any && fabs(sum - ks.fields[ks.f_primary].num) > 1e-9) {
			char a[32], b[32];
			snprintf(a, sizeof a, "%g", sum);
			snprintf(b, sizeof b, "%g", ks.fields[ks.f_primary].num);
			reject_masked(row, file, "the task scores add up to %s, the primary score is %s "
			              "(%s)", a, b, sh.answers_laid ? "the answer strings and the total "
			              "disagree" : "a row shifted by a column?");
			return;
		}
	}
	if (ks.f_grade >= 0 && ks.fields[ks.f_grade].vt == V_NONE) {
		int g = -1;
		if (ks.f_class >= 0 && ks.fields[ks.f_class].vt == V_STR)
			g = grade_of_class(ks.fields[ks.f_class].str, ks.fields[ks.f_class].slen);
		if (g < 0 && ks.f_procedure >= 0 && ks.fields[ks.f_procedure].vt == V_STR)
			g = grade_of_procedure(ks.fields[ks.f_procedure].str);
		if (g > 0)
			ks.fields[ks.f_grade].vt = V_INT, ks.fields[ks.f_grade].num = g;
	}
	if (sh.pseudo && make_pseudonym(row, cell, clen) < 0) {
		reject_masked(row, file, "no document number or name to make a student_id of");
		return;
	}
	/* what the schema requires must be there (risk in wide form fills
	 * factor and value itself) */
	for (size_t k = 0; k < ks.nrequired; k++) {
		int f = ks.required[k];
		if (ks.fields[f].vt != V_NONE || ((f == ks.f_factor || f == ks.f_value) && any_factor))
			continue;
		reject_masked(row, file, "missing %s",
		           f == ks.f_factor || f == ks.f_value ? "a factor value" : ks.fields[f].name);
		return;
	}
	if (ks.f_students >= 0 && context_ok(err, sizeof err) < 0) {
		reject_masked(row, file, "%s", err);
		return;
	}
	if (!(any_factor && ks.fields[ks.f_factor].vt == V_NONE) && shape_check(absent, err, sizeof err) < 0) {
		reject_masked(row, file, "%s", err);
		return;
	}
	if (ks.f_tasks >= 0 && sh.ntasks)
		emit_task_scheme();
	if (any_factor && ks.fields[ks.f_factor].vt == V_NONE)
		emit_factors();
	else
		emit_record(absent);
	fst.accepted++;
}
