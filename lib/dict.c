#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "json.h"
#include "strmap.h"
#include "text.h"
#include "tsv.h"
#include "util.h"

struct list {
	void **v;
	size_t n;
};

static struct strmap values;   /* "field\x1fkey" -> struct dict_value */
static struct strmap byfield;  /* "field" -> struct list of dict_value */
static struct strmap markers;  /* "what\x1fkey" -> (void *)1 */
static unsigned char marker_first[128]; /* the ASCII bytes a marker's key starts with */
static struct strmap columns;  /* "kind\x1fkey" -> struct column */
static struct strmap weak_columns; /* the same, for the ~aliases */
static struct strmap negated_columns; /* and for the !aliases */
static struct strmap bykind;   /* "kind" -> struct list of column */
static const char **kinds;     /* in file order */
static size_t nkinds;
static int loaded;

static void
list_add(struct strmap *m, const char *k, void *v)
{
	struct list *l = strmap_get(m, k, strlen(k));

	if (!l) {
		l = ecalloc(1, sizeof *l);
		strmap_put(m, k, strlen(k), l);
	}
	l->v = erealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = v;
}

/* key = prefix \x1f text_key(s) */
static void
make_key(struct sbuf *b, const char *prefix, const char *s, size_t n)
{
	b->len = 0;
	sb_puts(b, prefix);
	sb_putc(b, '\x1f');
	text_key(b, s, n);
	b->s[b->len] = '\0';
}

/* Put every |-separated alias of row->col[col] under prefix; an alias
 * written ~alias goes to weak instead, !alias to negated (when not NULL). */
static void
put_aliases(struct strmap *strong, const struct tsv_row *row, size_t col,
            const char *prefix, void *v, struct strmap *weak, struct strmap *negated)
{
	struct sbuf b = { 0 };
	const char *p = row->col[col], *bar;

	for (;; p = bar + 1) {
		struct strmap *m = strong;
		bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (weak && n > 1 && *p == '~')
			m = weak, p++, n--;
		else if (negated && n > 1 && *p == '!')
			m = negated, p++, n--;
		make_key(&b, prefix, p, n);
		void *old = strmap_get(m, b.s, b.len);
		if (old && old != v)
			tsv_die(row, "alias \"%.*s\" is already used on an earlier line", (int)n, p);
		strmap_put(m, b.s, b.len, v);
		if (!bar)
			break;
	}
	sb_free(&b);
}

static void
value_row(const struct tsv_row *row, void *arg)
{
	struct dict_value *v = ecalloc(1, sizeof *v);

	(void)arg;
	v->field = estrdup(row->col[0]);
	v->code = estrdup(row->col[1]);
	v->name = estrdup(row->col[2]);
	put_aliases(&values, row, 1, v->field, v, NULL, NULL);
	if (row->ncols > 3)
		put_aliases(&values, row, 3, v->field, v, NULL, NULL);
	list_add(&byfield, v->field, v);
}

static void
marker_row(const struct tsv_row *row, void *arg)
{
	(void)arg;
	put_aliases(&markers, row, 1, row->col[0], (void *)1, NULL, NULL);
}

static void
column_row(const struct tsv_row *row, void *arg)
{
	struct column *c = ecalloc(1, sizeof *c);

	(void)arg;
	if (strcmp(row->col[2], "req") != 0 && strcmp(row->col[2], "opt") != 0)
		tsv_die(row, "column 3 must be req or opt");
	c->kind = estrdup(row->col[0]);
	c->field = estrdup(row->col[1]);
	c->required = row->col[2][0] == 'r';
	/* the canonical name is an alias too */
	put_aliases(&columns, row, 1, c->kind, c, NULL, NULL);
	if (row->ncols > 3)
		put_aliases(&columns, row, 3, c->kind, c, &weak_columns, &negated_columns);
	if (!strmap_get(&bykind, c->kind, strlen(c->kind))) {
		kinds = erealloc(kinds, (nkinds + 1) * sizeof *kinds);
		kinds[nkinds++] = c->kind;
	}
	list_add(&bykind, c->kind, c);
}

void
dict_load(void)
{
	if (loaded)
		return;
	loaded = 1;
	tsv_each("ref/values.tsv", 3, value_row, NULL);
	tsv_each("ref/markers.tsv", 2, marker_row, NULL);
	for (size_t i = 0; i < markers.cap; i++) {
		const char *us = markers.keys[i] ? memchr(markers.keys[i], '\x1f', markers.klens[i]) : NULL;
		if (us && us + 1 < markers.keys[i] + markers.klens[i] && !((unsigned char)us[1] & 0x80))
			marker_first[(unsigned char)us[1]] = 1;
	}
	tsv_each("ref/columns.tsv", 3, column_row, NULL);
}

static const void *
lookup(const struct strmap *m, const char *prefix, const char *s, size_t n)
{
	static struct sbuf b; /* reused: lookups are per record */

	make_key(&b, prefix, s, n);
	return strmap_get(m, b.s, b.len);
}

const struct dict_value *
dict_lookup(const char *field, const char *s, size_t n)
{
	return lookup(&values, field, s, n);
}

int
dict_is_code(const char *field, const char *s, size_t n)
{
	const struct dict_value *v = dict_lookup(field, s, n);

	return v && strlen(v->code) == n && memcmp(v->code, s, n) == 0;
}

int
dict_has(const char *field)
{
	return strmap_get(&byfield, field, strlen(field)) != NULL;
}

size_t
dict_codes(const char *field, const struct dict_value *const **vals)
{
	struct list *l = strmap_get(&byfield, field, strlen(field));

	*vals = l ? (const struct dict_value *const *)l->v : NULL;
	return l ? l->n : 0;
}

/* Most cells are numbers and codes: one whose first ASCII character starts
 * no marker is none (text_key keeps ASCII, lower-cased, after the spaces it
 * drops), without building its key. */
int
marker_is(const char *what, const char *s, size_t n)
{
	size_t i = 0;
	unsigned c;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i < n && !((c = (unsigned char)s[i]) & 0x80) && !marker_first[c >= 'A' && c <= 'Z' ? c + 32 : c])
		return 0;
	return lookup(&markers, what, s, n) != NULL;
}

int
marker_prefix(const char *what, const char *s, size_t n)
{
	struct sbuf b = { 0 };
	size_t plen = strlen(what) + 1, i;
	int found;

	make_key(&b, what, s, n);
	found = strmap_get(&markers, b.s, b.len) != NULL;
	for (i = plen; !found && i < b.len; i++)
		if (b.s[i] == ' ')
			found = strmap_get(&markers, b.s, i) != NULL;
	sb_free(&b);
	return found;
}

const struct column *
column_lookup(const char *kind, const char *header, size_t n)
{
	return lookup(&columns, kind, header, n);
}

const struct column *
column_weak(const char *kind, const char *header, size_t n)
{
	return lookup(&weak_columns, kind, header, n);
}

const struct column *
column_negated(const char *kind, const char *header, size_t n)
{
	return lookup(&negated_columns, kind, header, n);
}

size_t
columns_of(const char *kind, const struct column *const **cols)
{
	struct list *l = strmap_get(&bykind, kind, strlen(kind));

	*cols = l ? (const struct column *const *)l->v : NULL;
	return l ? l->n : 0;
}

size_t
column_kinds(const char *const **names)
{
	*names = kinds;
	return nkinds;
}
