/* header.c: which row is the header, of which kind, and what each column is:
 * a field, a task, an answer string, personal data (dropped); a header of
 * two rows read as one. */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "rectype.h"
#include "report.h"
#include "util.h"
#include "ingest.h"

static const struct column * share_column(const char *k, struct sbuf *key, enum sharemode *share);
static int header_score(const struct kind_traits *t, const struct csvrow *row, int *missing);
static void mark_personal(struct col *c, enum ident ident, struct sbuf *said);
static int header_of(const struct csvrow *row, const char *file);
static int continues_header(const struct csvrow *row);
static int names_something(const char *s, size_t n);

/* A task column header: its label ("3.1") and maximum ("(2б)", else 0). */
static int
task_header(const char *key, size_t n, struct sbuf *label, double *max)
{
	PCRE2_SIZE *ov;

	if (pcre2_match(run.task_re, (PCRE2_SPTR)key, n, 0, 0, run.task_md, NULL) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(run.task_md);
	label->len = 0;
	for (size_t i = ov[2]; i < ov[3]; i++) {
		if (key[i] == '(' && i + 1 < ov[3] && key[i + 1] >= '0' && key[i + 1] <= '9') {
			sb_putc(label, '.'); /* a subtask: 1(2) is 1.2 */
			sh.criteria_subtasks = 1;
			continue;
		}
		if (key[i] == ' ' || key[i] == '(' || key[i] == ')')
			continue;
		if (key[i] == ',')
			sb_putc(label, '.');
		else if ((unsigned char)key[i] == 0xd0 && (unsigned char)key[i + 1] == 0xba)
			sb_puts(label, "К"), i++; /* к -> К, as the forms print it */
		else
			sb_putc(label, key[i]);
	}
	sb_putc(label, '\0');
	label->len--;
	/* the maximum in brackets «(3б)», or after a space «1 3б» (a cell's line break) */
	*max = ov[5] > ov[4] ? atof(key + ov[4]) : ov[7] > ov[6] ? atof(key + ov[6]) : 0;
	return 1;
}

/* Context headers say "доля ..." or "..., %" for shares: strip that and say which. */
static const struct column *
share_column(const char *k, struct sbuf *key, enum sharemode *share)
{
	static const char *const lead[] = { "доля ", "share of ", "share ", "удельный вес " };
	static const char *const tail[] = { ", в процентах", " в процентах", ", %", " (%)",
		" %", "%", ", доля", " (доля)" };
	const struct column *c;
	char *s = key->s;
	size_t n = key->len;
	int pct = 0, frac = 0, again = 1;

	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++)
		if (strncmp(s, lead[i], strlen(lead[i])) == 0) {
			s += strlen(lead[i]), n -= strlen(lead[i]);
			frac = 1;
			break;
		}
	while (again) {
		again = 0;
		for (size_t i = 0; i < sizeof tail / sizeof *tail; i++) {
			size_t t = strlen(tail[i]);
			if (n > t && memcmp(s + n - t, tail[i], t) == 0) {
				n -= t;
				if (strchr(tail[i], '%') || strstr(tail[i], "процент"))
					pct = 1;
				else
					frac = 1;
				again = 1;
			}
		}
	}
	if (!pct && !frac)
		return NULL;
	if (!(c = column_lookup(k, s, n)))
		return NULL;
	*share = pct ? SHARE_PERCENT : SHARE_FRACTION;
	return c;
}

/* The traits of every kind; a --set must name a field of one of them. */
void
load_traits(void)
{
	const char *const *names;
	size_t n = column_kinds(&names);
	unsigned char *known = ecalloc(opts.nset_args + 1, 1);

	ks.traits = ecalloc(n, sizeof *ks.traits);
	for (size_t i = 0; i < n; i++) {
		const struct schema *sc;

		if (strcmp(names[i], "task_scheme") == 0)
			continue;
		if (!(sc = type_schema(names[i])))
			die(EQ_IO, "no schema of %s records (types/%s.schema.json)", names[i], names[i]);
		ks.traits[ks.ntraits].name = names[i];
		ks.traits[ks.ntraits].tasks = schema_property(sc, "tasks") != NULL;
		ks.traits[ks.ntraits].shares = schema_property(sc, "students") != NULL;
		ks.traits[ks.ntraits].factors = schema_property(sc, "factor") != NULL;
		ks.ntraits++;
		for (int k = 0; k < opts.nset_args; k++) {
			const char *eq = strchr(opts.set_args[k], '=');
			char *f = estrndup(opts.set_args[k], eq ? (size_t)(eq - opts.set_args[k]) : 0);
			known[k] |= *f && strcmp(f, "type") != 0 && schema_property(sc, f) != NULL;
			free(f);
		}
	}
	for (int k = 0; k < opts.nset_args; k++)
		if (!known[k]) {
			free(known); /* die exits: nothing left for the leak checker */
			die(EQ_USAGE, "--set: no kind of record has a field \"%.*s\"",
			    (int)strcspn(opts.set_args[k], "="), opts.set_args[k]);
		}
	free(known);
}

/* Fields that say where, when, what work and who, not a result or a fact:
 * a header naming only these (a sheet of teachers: school, class) is the
 * header of no kind. */
static int
only_identifies(const char *field)
{
	static const char *const keys[] = { "school_id", "year", "procedure", "subject", "grade",
		"class_name", "student_id", "stage" };

	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strcmp(field, keys[i]) == 0)
			return 1;
	return 0;
}

/* How well a row reads as the header of kind t: cells it names (-1 when it
 * is not a header of t at all), and required columns it lacks. */
static int
header_score(const struct kind_traits *t, const struct csvrow *row, int *missing)
{
	struct sbuf key = { 0 }, label = { 0 };
	const struct column *const *cs;
	size_t ncs = columns_of(t->name, &cs), named = 0, known = 0, worded = 0, telling = 0;
	unsigned char *found = ecalloc(ncs ? ncs : 1, 1);
	int subtasks = sh.criteria_subtasks;
	double max;

	for (size_t i = 0; i < row->n; i++) {
		const struct column *cm;
		enum sharemode share;

		key.len = 0;
		text_key(&key, row->cells[i], row->lens[i]);
		sb_putc(&key, '\0');
		key.len--;
		if (key.len == 0)
			continue;
		if ((cm = column_lookup(t->name, key.s, key.len)) ||
		    (cm = column_weak(t->name, key.s, key.len)) ||
		    (cm = column_negated(t->name, key.s, key.len)) ||
		    (t->shares && (cm = share_column(t->name, &key, &share)))) {
			named++, known++;
			worded += strspn(key.s, "0123456789") < key.len; /* «2» names a mark; a row of numbers is data */
			telling += !only_identifies(cm->field);
			for (size_t k = 0; k < ncs; k++)
				if (strcmp(cs[k]->field, cm->field) == 0)
					found[k] = 1;
		} else if (marker_prefix("personal", key.s, key.len)) {
			;
		} else if (t->tasks && task_header(key.s, key.len, &label, &max)) {
			known++, telling++;
		} else if (t->factors && dict_lookup("factor", key.s, key.len)) {
			known++, named++, telling++;
		}
	}
	sh.criteria_subtasks = subtasks;
	*missing = 0;
	for (size_t k = 0; k < ncs; k++)
		*missing += cs[k]->required && !found[k];
	free(found);
	sb_free(&key);
	sb_free(&label);
	return worded == 0 || known < 2 || telling == 0 ? -1 : (int)known;
}

void
hint_kind(const char *s, size_t n)
{
	struct sbuf t = { 0 };

	if (sh.title_kind)
		return;
	text_key(&t, s, n);
	for (size_t i = 0, b; i < t.len && !sh.title_kind; ) {
		while (i < t.len && !isalnum((unsigned char)t.s[i]) && (unsigned char)t.s[i] < 0x80)
			i++;
		for (b = i; i < t.len && (isalnum((unsigned char)t.s[i]) || (unsigned char)t.s[i] >= 0x80); )
			i++;
		if (i > b && marker_is("olympiad_title", t.s + b, i - b))
			sh.title_kind = "olympiad";
	}
	sb_free(&t);
}

/* The kind a row is the header of: the one whose columns it names most
 * (then the one it lacks fewest required columns of; then the first in
 * columns.tsv). NULL when it is the header of none. */
static const char *
header_kind(const struct csvrow *row)
{
	const char *best = NULL;
	int best_known = -1, best_missing = 0;

	for (size_t i = 0; i < ks.ntraits; i++) {
		int missing, known = header_score(&ks.traits[i], row, &missing);

		if (known < 0)
			continue;
		if (sh.title_kind && strcmp(ks.traits[i].name, sh.title_kind) == 0)
			return ks.traits[i].name;
		if (known > best_known || (known == best_known && missing < best_missing))
			best = ks.traits[i].name, best_known = known, best_missing = missing;
	}
	return best;
}

/* A column of personal data: dropped, said, and (for protocols) what a
 * pseudonymous student_id is made of. */
static void
mark_personal(struct col *c, enum ident ident, struct sbuf *said)
{
	c->kind = C_PERSONAL;
	c->ident = ident;
	sh.has_personal = 1;
	if (said->len)
		sb_puts(said, ", ");
	sb_puts(said, c->header);
}

/* What a header cell names in the kind loaded: one reading for the header
 * and for the cells of its second row. */
struct cell_name {
	enum cellkind kind;              /* C_IGNORE: nothing */
	const struct column *cm;         /* C_FIELD, C_WEAK */
	enum sharemode share;            /* C_FIELD */
	int negate;                      /* C_FIELD */
	enum ident ident;                /* C_PERSONAL */
	enum answers answers;            /* C_ANSWERS */
	const struct dict_value *factor; /* C_FACTOR */
};

/* key as text_key() leaves it; a task's label and maximum go to label, max. */
static struct cell_name
name_cell(struct sbuf *key, struct sbuf *label, double *max)
{
	struct cell_name cn = { 0 };
	const char *k = key->s;
	size_t n = key->len;

	if ((cn.cm = column_weak(ks.name, k, n))) {
		cn.kind = C_WEAK;
	} else if ((cn.cm = column_lookup(ks.name, k, n)) ||
	           (cn.negate = (cn.cm = column_negated(ks.name, k, n)) != NULL) ||
	           (ks.f_students >= 0 && (cn.cm = share_column(ks.name, key, &cn.share)))) {
		cn.kind = C_FIELD;
	} else if (marker_prefix("personal", k, n)) {
		cn.kind = C_PERSONAL, cn.ident = ID_NAME;
	} else if (marker_is("personal_document", k, n)) {
		cn.kind = C_PERSONAL, cn.ident = ID_DOCUMENT;
	} else if (marker_is("personal_other", k, n)) {
		cn.kind = C_PERSONAL, cn.ident = ID_NONE;
	} else if (ks.f_tasks >= 0 && marker_is("answers_short", k, n)) {
		cn.kind = C_ANSWERS, cn.answers = ANSWERS_SHORT;
	} else if (ks.f_tasks >= 0 && marker_is("answers_criteria", k, n)) {
		cn.kind = C_ANSWERS, cn.answers = ANSWERS_CRITERIA;
	} else if (ks.f_tasks >= 0 && task_header(k, n, label, max)) {
		cn.kind = C_TASK;
	} else if (ks.f_factor >= 0 && (cn.factor = dict_lookup("factor", k, n))) {
		cn.kind = C_FACTOR;
	}
	return cn;
}

/* Map the header cells; 0 when the row does not look like a header. */
static int
map_header(const struct csvrow *row, const char *file)
{
	struct sbuf key = { 0 }, label = { 0 }, personal = { 0 }, unknown = { 0 };
	size_t nunknown = 0;
	size_t named = 0, known = 0;
	int *seen = ecalloc(ks.nfields, sizeof *seen);
	const struct dict_value *const *fv = NULL;

	sh.nfactors = ks.f_factor >= 0 ? dict_codes("factor", &fv) : 0;
	sh.cols = ecalloc(row->n ? row->n : 1, sizeof *sh.cols);
	sh.ncols = row->n;
	for (size_t i = 0; i < row->n; i++) {
		struct col *c = &sh.cols[i];
		struct cell_name cn;
		double max;

		c->header = estrndup(row->cells[i], row->lens[i]);
		key.len = 0;
		text_key(&key, row->cells[i], row->lens[i]);
		sb_putc(&key, '\0');
		key.len--;
		if (key.len == 0) {
			c->unnamed = 1;
			continue;
		}
		cn = name_cell(&key, &label, &max);
		if (cn.kind == C_WEAK) {
			c->kind = C_WEAK; /* decided below, when the whole header is known */
			c->weak = cn.cm;
		} else if (cn.kind == C_FIELD) {
			int f = field_index(cn.cm->field);
			if (f < 0)
				die(EQ_USAGE, "columns.tsv: %s has no field %s in its schema", ks.name, cn.cm->field);
			c->kind = C_FIELD;
			c->field = f;
			c->share = cn.share;
			c->negate = cn.negate;
			named++, known++;
			if (seen[f]++) {
				if (!sh.quiet)
					warn_at(file, row->line, "column \"%s\" ignored: %s is already "
					        "given by an earlier column", c->header, cn.cm->field);
				c->kind = C_IGNORE;
			} else if (ks.fields[f].set) {
				if (!sh.quiet)
					warn_at(file, row->line, "column \"%s\" ignored: --set %s wins",
					        c->header, cn.cm->field);
				c->kind = C_IGNORE;
			}
		} else if (cn.kind == C_PERSONAL) {
			mark_personal(c, cn.ident, &personal);
		} else if (cn.kind == C_ANSWERS) {
			c->kind = C_ANSWERS;
			c->answers = cn.answers;
			sh.nanswer_cols++;
			known++;
		} else if (cn.kind == C_TASK) {
			c->kind = C_TASK;
			c->task = (int)sh.ntasks++;
			sh.task_labels = erealloc(sh.task_labels, sh.ntasks * sizeof *sh.task_labels);
			sh.task_max = erealloc(sh.task_max, sh.ntasks * sizeof *sh.task_max);
			sh.task_labels[c->task] = estrdup(label.s);
			sh.task_max[c->task] = max;
			known++;
		} else if (cn.kind == C_FACTOR) {
			c->kind = C_FACTOR;
			c->factor = cn.factor;
			for (size_t k = 0; k < sh.nfactors; k++)
				if (fv[k] == c->factor)
					c->field = (int)k;
			known++, named++;
		} else {
			/* said in short: a questionnaire has a hundred of them */
			if (nunknown < 5) {
				size_t hl = strlen(c->header);
				sb_printf(&unknown, "%s\"%.*s%s\"", unknown.len ? ", " : "",
				          (int)utf8_prefix(c->header, hl, 40), c->header,
				          utf8_prefix(c->header, hl, 40) < hl ? "…" : "");
			}
			nunknown++;
		}
	}
	/* a weak alias («имя» of a list of schools, «регион» where it is the
	 * municipality) names its field only where nothing else does: in a
	 * file with personal columns «имя» is a pupil's name */
	for (size_t i = 0; i < sh.ncols; i++) {
		struct col *c = &sh.cols[i];
		const struct column *cm;
		int f;
		if (c->kind != C_WEAK)
			continue;
		key.len = 0;
		text_key(&key, c->header, strlen(c->header));
		f = field_index(c->weak->field);
		if (f < 0 || (sh.has_personal || seen[f] || ks.fields[f].set)) /* then as a strong alias */
			f = (cm = column_lookup(ks.name, key.s, key.len)) ? field_index(cm->field) : -1;
		if (f >= 0 && !seen[f] && !ks.fields[f].set) {
			c->kind = C_FIELD;
			c->field = f;
			c->share = SHARE_NONE;
			seen[f] = 1;
			named++, known++;
		} else if (marker_prefix("personal", key.s, key.len)) {
			mark_personal(c, ID_NAME, &personal);
		} else {
			c->kind = C_IGNORE;
		}
	}
	free(seen);
	sb_free(&key);
	sb_free(&label);
	if (named == 0 || known < 2) {
		sb_free(&personal);
		sb_free(&unknown);
		free_file_state();
		return 0;
	}
	sb_putc(&personal, '\0');
	sb_putc(&unknown, '\0');
	if (!sh.quiet && personal.s[0])
		warn_at(file, row->line, "dropped columns with personal names: %s", personal.s);
	if (!sh.quiet && nunknown > 5)
		warn_at(file, row->line, "%zu columns ignored: %s and %zu more", nunknown, unknown.s,
		        nunknown - 5);
	else if (!sh.quiet && nunknown)
		warn_at(file, row->line, "ignored columns: %s", unknown.s);
	sb_free(&personal);
	sb_free(&unknown);
	sh.nabsent_cols = 0;
	for (size_t i = 0; i < sh.ncols && sh.nabsent_cols < 8; i++)
		if (sh.cols[i].kind == C_FIELD && (sh.cols[i].field == ks.f_variant || sh.cols[i].field == ks.f_mark ||
		    sh.cols[i].field == ks.f_primary || sh.cols[i].field == ks.f_test || sh.cols[i].field == ks.f_absent))
			sh.absent_cols[sh.nabsent_cols++] = i;
	sh.numbered_tasks = sh.ntasks;
	start_pseudonyms(file, row->line);
	sh.task_val = ecalloc(sh.ntasks ? sh.ntasks : 1, sizeof *sh.task_val);
	sh.task_has = ecalloc(sh.ntasks ? sh.ntasks : 1, sizeof *sh.task_has);
	sh.task_txt = ecalloc(sh.ntasks ? sh.ntasks : 1, sizeof *sh.task_txt);
	sh.task_txtlen = ecalloc(sh.ntasks ? sh.ntasks : 1, sizeof *sh.task_txtlen);
	sh.factor_val = ecalloc(sh.nfactors ? sh.nfactors : 1, sizeof *sh.factor_val);
	sh.factor_has = ecalloc(sh.nfactors ? sh.nfactors : 1, sizeof *sh.factor_has);
	return 1;
}

/* Is field f given by a column of the header? */
int
has_column(int f)
{
	for (size_t i = 0; i < sh.ncols; i++)
		if (sh.cols[i].kind == C_FIELD && sh.cols[i].field == f)
			return 1;
	return 0;
}

/* Required columns present (or --set)? NULL, or the first missing field. */
const char *
missing_column(void)
{
	const struct column *const *cs;
	size_t n = columns_of(ks.name, &cs);
	int wide = 0;

	for (size_t i = 0; i < sh.ncols; i++)
		wide |= sh.cols[i].kind == C_FACTOR;
	for (size_t i = 0; i < n; i++) {
		int f = field_index(cs[i]->field),
		    found = ks.fields[f].set || has_column(f) || (f == ks.f_student && sh.pseudo);

		if (!found && cs[i]->required)
			return cs[i]->field;
		if (!found && !wide && (f == ks.f_factor || f == ks.f_value))
			return cs[i]->field;
	}
	return NULL;
}

/* Is the row a header: of --kind, or of the kind it names most columns of
 * (which becomes the kind of the sheet)? */
static int
header_of(const struct csvrow *row, const char *file)
{
	const char *k = opts.kind ? opts.kind : header_kind(row);

	for (size_t i = 0; i < row->n; i++) {
		size_t n = row->lens[i];
		const char *c = trim(row->cells[i], &n);
		if (marker_is("appeal", c, n)) {
			fst.appeal = 1;
			warn_at(file, row->line, "a protocol of appeals (column \"%.*s\"): its rows change "
			        "results the exam's protocol gives, they are not results; skipped",
			        (int)n, c);
			return 1;
		}
	}
	if (!k)
		return 0;
	switch_kind(k, file);
	return map_header(row, file);
}

/* The header search on one row: its own delimiter, then the others. */
int
find_header(struct rows *src, struct csvrow *row, const char *file)
{
	static const int delims[] = { ';', '\t', ',' };
	int tried = src->csv.delim;

	if (header_of(row, file))
		return 1;
	if (src->kind != ROWS_CSV || src->csv.forced_delim)
		return 0;
	for (size_t i = 0; i < sizeof delims / sizeof *delims; i++)
		if (delims[i] != tried && rows_reparse(src, row, delims[i]) == 0 &&
		    header_of(row, file))
			return 1;
	rows_reparse(src, row, tried); /* the row as its own delimiter splits it */
	return 0;
}

/* The label a cell of a header's second row stands under: its own column's,
 * when that names nothing, else the nearest to its left over unnamed
 * columns (a label merged across them). -1 when it stands under a column
 * the first row names: then the row is not a header's second. */
static long
group_of(size_t i)
{
	size_t k = i < sh.ncols ? i : sh.ncols;

	if (i < sh.ncols && !sh.cols[i].unnamed)
		return sh.cols[i].kind == C_IGNORE ? (long)i : -1;
	while (k > 0 && sh.cols[k - 1].unnamed)
		k--;
	return k > 0 && sh.cols[k - 1].kind == C_IGNORE ? (long)k - 1 : -1;
}

/* Does row continue the header just found, as the second row of a two-row
 * header («Баллы за задания» over «1\n3б»)? Its cells fill only columns the
 * first row names nothing in (a row of data fills the named ones), some of
 * them under a label spanning columns, and each says something (a form's
 * empty line holds «-» made by a formula). */
static int
continues_header(const struct csvrow *row)
{
	size_t spanned = 0;

	for (size_t i = 0; i < row->n; i++) {
		size_t n = row->lens[i], k;
		const char *c = trim(row->cells[i], &n);
		if (n == 0)
			continue;
		if (group_of(i) < 0)
			return 0;
		for (k = 0; k < n && !isalnum((unsigned char)c[k]) && (unsigned char)c[k] < 0x80; k++)
			;
		if (k == n)
			return 0;
		spanned += i >= sh.ncols || sh.cols[i].unnamed;
	}
	return spanned > 0;
}

/* A group label of percentages («Распределение групп баллов в %»): the
 * columns under it are never counts. */
static int
says_percent(const char *s)
{
	struct sbuf key = { 0 };
	int pct;

	text_key(&key, s, strlen(s));
	sb_putc(&key, '\0');
	pct = strchr(key.s, '%') || strstr(key.s, "процент") || strncmp(key.s, "доля", 8) == 0;
	sb_free(&key);
	return pct;
}

/* Does a header cell by itself name something of the kind (as map_header
 * would read it)? */
static int
names_something(const char *s, size_t n)
{
	struct sbuf key = { 0 }, label = { 0 };
	double max;
	int yes;

	text_key(&key, s, n);
	sb_putc(&key, '\0');
	key.len--;
	yes = name_cell(&key, &label, &max).kind != C_IGNORE;
	sb_free(&key);
	sb_free(&label);
	return yes;
}

/* The header just found was mapped quietly. When the row after it is its
 * second row, the two become one: a second-row cell by itself where it
 * names something, else after its group's label; under a label of
 * percentages, nothing. The header is then mapped again, and said. Its
 * last line. */
unsigned long
settle_header(struct rows *src, unsigned long line, const char *file)
{
	struct csvrow next, h;
	int k = rows_next(src, &next), two = k > 0 && continues_header(&next);
	size_t n = two && next.n > sh.ncols ? next.n : sh.ncols;
	char **cells = ecalloc(n ? n : 1, sizeof *cells);
	size_t *lens = ecalloc(n ? n : 1, sizeof *lens);
	long pct_said = -1;
	int crit = sh.criteria_subtasks;
	struct { size_t i; char *name; } *pct = NULL;
	size_t npct = 0;

	for (size_t i = 0; i < n; i++) {
		const char *sub = two && i < next.n ? next.cells[i] : "";
		size_t sn = two && i < next.n ? next.lens[i] : 0;
		long g;

		sub = trim(sub, &sn);
		if (sn == 0 || (g = group_of(i)) < 0) {
			cells[i] = estrdup(i < sh.ncols ? sh.cols[i].header : "");
		} else if (says_percent(sh.cols[g].header)) {
			if (pct_said != g)
				warn_at(file, next.line, "the columns under \"%s\" hold percentages, not "
				        "counts: not read", sh.cols[g].header);
			pct_said = g;
			cells[i] = estrdup(""); /* named below, after mapping: nothing reads it */
			pct = erealloc(pct, (npct + 1) * sizeof *pct);
			pct[npct].i = i;
			pct[npct++].name = estrdup(sh.cols[g].header);
		} else if (names_something(sub, sn)) {
			cells[i] = estrndup(sub, sn);
		} else {
			struct sbuf b = { 0 };
			sb_printf(&b, "%s %.*s", sh.cols[g].header, (int)sn, sub);
			cells[i] = b.s;
		}
		lens[i] = strlen(cells[i]);
	}
	sh.criteria_subtasks = crit;
	if (!two && k >= 0)
		rows_unread(src);
	h = (struct csvrow){ cells, lens, n, two ? next.line : line };
	free_file_state();
	if (!header_of(&h, file))
		die(EQ_IO, "internal: a header found is not one when mapped again");
	for (size_t j = 0; j < npct; j++) { /* a column of percentages, ignored without a word more */
		struct col *c = &sh.cols[pct[j].i];
		free(c->header);
		c->header = pct[j].name;
		c->unnamed = 0;
		c->kind = C_IGNORE;
	}
	free(pct);
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	free(lens);
	return h.line;
}
