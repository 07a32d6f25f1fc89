/* measures.c: one recommendation per school, audience and measure. A
 * measure gathers every finding that calls for it (the procedures, subjects
 * and tasks it covers, each with its pupils); a school's measures are
 * ordered by priority, the first --short of them its list, the rest an
 * annex. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "key.h"
#include "recommend.h"
#include "rederive.h"

void
set(struct vars *v, const char *name, const char *value)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->name[i], name) == 0) {
			free(v->value[i]);
			v->value[i] = estrdup(value);
			return;
		}
	if (v->n == MAXVARS)
		die(EQ_USAGE, "internal: too many placeholders");
	v->name[v->n] = name;
	v->value[v->n++] = estrdup(value);
}

void
vars_free(struct vars *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->value[i]);
	v->n = 0;
}

void
fill(struct sbuf *b, const char *s, const struct vars *v)
{
	const char *p, *e;

	while ((p = strchr(s, '{')) && (e = strchr(p, '}'))) {
		size_t i;
		sb_putn(b, s, (size_t)(p - s));
		for (i = 0; i < v->n; i++)
			if (strlen(v->name[i]) == (size_t)(e - p - 1) && memcmp(v->name[i], p + 1, (size_t)(e - p - 1)) == 0)
				break;
		if (i == v->n) /* the catalogue was checked: a trigger left one unset */
			die(EQ_USAGE, "internal: placeholder %.*s not filled", (int)(e - p + 1), p);
		sb_puts(b, v->value[i]);
		s = e + 1;
	}
	sb_puts(b, s);
}

struct measure {
	char *school_id;
	const struct rule *rule;
	enum audience audience;
	struct sbuf items, basis, subjects;
	size_t nitems, nbasis;
	double n;       /* pupils behind its findings; NAN: none counted */
	int pooled;
	struct vars v;
	size_t order;
};
static struct measure **measures;
static size_t nmeasures;
static struct strmap index_of;  /* school, audience, code -> struct measure */

void
measure_add(const struct rule *r, enum audience a, const char *s, const struct finding *f,
            const struct vars *v)
{
	struct key key;
	struct measure *m;

	key_of(&key, "sds", s, (int)a, r->code);
	if (!(m = strmap_get(&index_of, key.s, key.n))) {
		m = ecalloc(1, sizeof *m);
		m->school_id = estrdup(s), m->rule = r, m->audience = a, m->n = NAN, m->order = nmeasures;
		strmap_put(&index_of, key.s, key.n, m);
		measures = erealloc(measures, (nmeasures + 1) * sizeof *measures);
		measures[nmeasures++] = m;
	}
	key_free(&key);
	for (size_t i = 0; i < v->n; i++)
		set(&m->v, v->name[i], v->value[i]);
	if (f->item && *f->item) {
		sb_puts(&m->items, m->nitems++ ? "; " : "");
		sb_puts(&m->items, f->item);
	}
	sb_puts(&m->basis, m->nbasis++ ? "," : "");
	sb_puts(&m->basis, f->basis);
	if (f->subject) {
		struct sbuf q = { 0 };
		jw_str(&q, f->subject, strlen(f->subject));
		sb_putc(&q, '\0');
		sb_putc(&m->subjects, '\0');
		m->subjects.len--;
		if (!strstr(m->subjects.s, q.s)) {
			sb_puts(&m->subjects, m->subjects.len ? "," : "");
			sb_puts(&m->subjects, q.s);
		}
		sb_free(&q);
	}
	if (!isnan(f->n))
		m->n = (isnan(m->n) ? 0 : m->n) + f->n;
	m->pooled |= f->pooled;
}

void
measure_apply(enum trigger t, const char *arg, enum audience teachers, const char *s,
              const struct finding *f, const struct vars *v)
{
	size_t hits = 0;

	for (size_t i = 0; i < rc.nrules; i++) {
		const struct rule *r = &rc.rules[i];
		if (r->trigger == t && r->arg && arg && strcmp(r->arg, arg) == 0)
			measure_add(r, r->audience == A_TEACHERS ? teachers : r->audience, s, f, v), hits++;
	}
	if (hits)
		return;
	for (size_t i = 0; i < rc.nrules; i++) {
		const struct rule *r = &rc.rules[i];
		if (r->trigger == t && !r->arg)
			measure_add(r, r->audience == A_TEACHERS ? teachers : r->audience, s, f, v);
	}
}

static int
by_school_priority(const void *pa, const void *pb)
{
	const struct measure *a = *(const struct measure *const *)pa, *b = *(const struct measure *const *)pb;
	int c;

	if ((c = strcmp(a->school_id, b->school_id)))
		return c;
	if (a->rule->priority != b->rule->priority)
		return a->rule->priority - b->rule->priority;
	if (a->audience != b->audience)
		return (int)a->audience - (int)b->audience;
	if ((c = strcmp(a->rule->code, b->rule->code)))
		return c;
	return (a->order > b->order) - (a->order < b->order);
}

static void
write_one(struct sbuf *b, struct measure *m, size_t rank)
{
	struct sbuf t = { 0 };
	char due[64];
	int first = 1;

	sb_putc(&m->items, '\0');
	set(&m->v, "items", m->items.s);
	fill(&t, m->rule->text, &m->v);
	sb_putc(&t, '\0');
	due_date(due, sizeof due, m->rule->due, rc.year);
	b->len = 0;
	sb_putc(b, '{');
	jw_key(b, &first, "type");
	sb_puts(b, "\"recommendation\"");
	jw_key(b, &first, "school_id");
	jw_str(b, m->school_id, strlen(m->school_id));
	jw_key(b, &first, "year");
	jw_int(b, rc.year);
	jw_key(b, &first, "audience");
	jw_str(b, audience_code[m->audience], strlen(audience_code[m->audience]));
	jw_key(b, &first, "priority");
	jw_int(b, m->rule->priority);
	jw_key(b, &first, "rank");
	jw_int(b, (long long)rank);
	jw_key(b, &first, "annex");
	sb_puts(b, rank > rc.short_list ? "true" : "false");
	jw_key(b, &first, "code");
	jw_str(b, m->rule->code, strlen(m->rule->code));
	if (m->rule->title) {
		jw_key(b, &first, "title");
		jw_str(b, m->rule->title, strlen(m->rule->title));
	}
	if (m->subjects.len) {
		jw_key(b, &first, "subjects");
		sb_putc(b, '[');
		sb_putn(b, m->subjects.s, m->subjects.len);
		sb_putc(b, ']');
	}
	if (!isnan(m->n)) {
		jw_key(b, &first, "n");
		jw_num(b, m->n);
	}
	if (m->pooled) {
		jw_key(b, &first, "pooled");
		sb_puts(b, "true");
	}
	jw_key(b, &first, "text");
	jw_str(b, t.s, strlen(t.s));
	jw_key(b, &first, "basis");
	sb_putc(b, '[');
	sb_putn(b, m->basis.s, m->basis.len);
	sb_putc(b, ']');
	jw_key(b, &first, "due");
	jw_str(b, due, strlen(due));
	sb_puts(b, "}\n");
	rederive_mark(b->s, b->len);
	fwrite(b->s, 1, b->len, stdout);
	sb_free(&t);
}

void
measures_write(void)
{
	struct sbuf b = { 0 };

	if (nmeasures)
		qsort(measures, nmeasures, sizeof *measures, by_school_priority);
	for (size_t i = 0, rank = 0; i < nmeasures; i++) {
		rank = i && strcmp(measures[i]->school_id, measures[i - 1]->school_id) == 0 ? rank + 1 : 1;
		write_one(&b, measures[i], rank);
	}
	sb_free(&b);
}

void
measures_free(void)
{
	for (size_t i = 0; i < nmeasures; i++) {
		struct measure *m = measures[i];
		free(m->school_id);
		sb_free(&m->items);
		sb_free(&m->basis);
		sb_free(&m->subjects);
		vars_free(&m->v);
		free(m);
	}
	free(measures);
	strmap_free(&index_of, NULL);
}
