/* input.c: what the stream says of each school and year: the derived
 * records of eq-isbs, eq-lowres, eq-objectivity, observation reports, and
 * the recommendations of earlier cycles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jget.h"
#include "jview.h"
#include "json.h"
#include "key.h"
#include "rectype.h"
#include "recommend.h"
#include "rederive.h"
#include "report.h"
#include "schools.h"

static const char *const kind_type[NKINDS] = { "lowres", "isbs", "risk_profile", "objectivity" };

void *
school_year_get(const struct strmap *m, const char *school, int y)
{
	struct key key;
	void *v;

	key_of(&key, "sd", school, y);
	v = strmap_get(m, key.s, key.n);
	key_free(&key);
	return v;
}

json_t *
get(enum kind k, const char *school, int y)
{
	return school_year_get(&rc.byschool[k], school, y);
}

struct list
list_of(const struct strmap *m, const char *school, int y)
{
	struct list *l = school_year_get(m, school, y);
	char err[600];

	if (!l)
		return (struct list){ 0 };
	for (size_t i = 0; l->unparsed && i < l->n; i++) {
		if (!l->line || !l->line[i])
			continue;
		if (!(l->v[i] = json_parse_line(l->line[i], l->len[i], err, sizeof err)))
			die(EQ_IO, "a record read in place does not parse: %s", err);
		free(l->line[i]);
		l->line[i] = NULL;
	}
	l->unparsed = 0;
	return *l;
}

const struct observation *
observation_of(const char *school, int y)
{
	return school_year_get(&rc.observations, school, y);
}

static void
remember(const char *school, int y)
{
	struct key key;

	key_of(&key, "sd", school, y);
	strmap_put(&rc.known, key.s, key.n, &rc.known);
	key_free(&key);
	if (y > rc.max_year)
		rc.max_year = y;
}

static void
list_add(struct list *l, json_t *rec)
{
	l->v = erealloc(l->v, (l->n + 1) * sizeof *l->v);
	if (l->line) {
		l->line = erealloc(l->line, (l->n + 1) * sizeof *l->line);
		l->len = erealloc(l->len, (l->n + 1) * sizeof *l->len);
		l->line[l->n] = NULL;
	}
	l->v[l->n++] = rec;
}

/* a valid record's line, parsed when list_of asks */
static void
list_add_line(struct list *l, const char *line, size_t len)
{
	if (!l->line) {
		l->line = ecalloc(l->n + 1, sizeof *l->line);
		l->len = ecalloc(l->n + 1, sizeof *l->len);
	}
	list_add(l, NULL);
	l->line[l->n - 1] = memcpy(emalloc(len), line, len);
	l->len[l->n - 1] = len;
	l->unparsed = 1;
}

static void
free_list(void *p)
{
	struct list *l = p;

	for (size_t i = 0; i < l->n; i++) {
		json_decref(l->v[i]);
		if (l->line)
			free(l->line[i]);
	}
	free(l->v);
	free(l->line);
	free(l->len);
	free(l);
}

static struct list *
list_at(struct strmap *m, const char *school, int y)
{
	struct key key;
	struct list *l;

	key_of(&key, "sd", school, y);
	if (!(l = strmap_get(m, key.s, key.n))) {
		l = ecalloc(1, sizeof *l);
		strmap_put(m, key.s, key.n, l);
	}
	key_free(&key);
	return l;
}

/* Under $EQ_CHECK_FAST (tests, fuzzing) a record the schema accepted in
 * place must be one the full reading accepts: anything else aborts. */
static void
prove_in_place(const struct record *r, const char *type)
{
	static int check = -1;
	char err[600];
	json_t *rec;

	if (check < 0)
		check = getenv("EQ_CHECK_FAST") != NULL;
	if (!check)
		return;
	if (!(rec = json_parse_line(r->line, r->len, err, sizeof err)) ||
	    type_validate(type, rec, err, sizeof err) < 0) {
		fprintf(stderr, "%s: %s:%lu: read in place, but the full reading refuses it: %s\n",
		        argv0, r->file, r->lineno, err);
		abort();
	}
	json_decref(rec);
}

/* A procedure_result or task_completion in canonical form that its schema
 * accepts read in place (lib/jview.c, as eq-normalize's fast path): kept
 * as its line. 1 when so taken; 0 to take it the full way. */
static int
take_in_place(const struct record *r, const char *type, struct strmap *m)
{
	static struct jrec jr;
	const struct jview *id, *year;
	char school[200];

	if (jrec_parse(&jr, r->line, r->len) < 0 || schema_accepts(type_schema(type), &jr) != 1 ||
	    !(id = jrec_get(&jr, "school_id")) || id->kind != JV_STR || id->n >= sizeof school ||
	    !(year = jrec_get(&jr, "year")) || year->kind != JV_INT || year->i < 2000 || year->i > 2100)
		return 0;
	memcpy(school, id->s, id->n);
	school[id->n] = '\0';
	if (strlen(school) != id->n)
		return 0;
	prove_in_place(r, type);
	remember(school, (int)year->i);
	list_add_line(list_at(m, school, (int)year->i), r->line, r->len);
	return 1;
}

static void
take_observation(const json_t *rec, const char *school, int y)
{
	struct key key;
	struct observation *o;
	const char *p = jstr(rec, "procedure");
	int observed = jnum(rec, "public_observers") == 1 || jnum(rec, "video") == 1, i;

	key_of(&key, "sd", school, y);
	if (!(o = strmap_get(&rc.observations, key.s, key.n))) {
		o = ecalloc(1, sizeof *o);
		strmap_put(&rc.observations, key.s, key.n, o);
	}
	key_free(&key);
	for (i = 0; i < o->n && strcmp(o->procedure[i], p) != 0; i++)
		;
	if (i == o->n) {
		if (o->n == MAXOBS || strlen(p) >= sizeof o->procedure[0])
			return;
		snprintf(o->procedure[o->n], sizeof o->procedure[0], "%s", p);
		o->observed[o->n++] = 0;
	}
	o->observed[i] |= observed;
}

int
recommend_take(const struct record *r)
{
	json_t *rec, *old;
	char err[600];
	struct key key;
	const char *school;
	int y;
	size_t k;

	if (!r->type)
		return 0;
	if (type_is(r->type, r->tlen, "school"))
		return schools_take(r);
	if (!type_is(r->type, r->tlen, "recommendation") && rederive_hold(r))
		return -1; /* measure_effect, indicator of a run before: replaced at the end */
	for (k = 0; k < NKINDS && !type_is(r->type, r->tlen, kind_type[k]); k++)
		;
	if (k == NKINDS && !type_is(r->type, r->tlen, "procedure_result") &&
	    !type_is(r->type, r->tlen, "task_completion") && !type_is(r->type, r->tlen, "observation") &&
	    !type_is(r->type, r->tlen, "recommendation"))
		return 0;
	if (type_is(r->type, r->tlen, "procedure_result") &&
	    take_in_place(r, "procedure_result", &rc.procs))
		return 0;
	if (type_is(r->type, r->tlen, "task_completion") &&
	    take_in_place(r, "task_completion", &rc.completions))
		return 0;
	if (!(rec = json_parse_line(r->line, r->len, err, sizeof err))) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	school = json_string_value(json_object_get(rec, "school_id"));
	y = (int)json_integer_value(json_object_get(rec, "year"));
	if (!school || y < 2000 || y > 2100) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%.*s: no school_id or year",
		            (int)r->tlen, r->type);
		json_decref(rec);
		return -1;
	}
	if (type_is(r->type, r->tlen, "recommendation")) {
		list_add(&rc.previous, rec); /* which cycle it is of is known at the end */
		rederive_hold(r); /* written again at the end unless derived anew */
		return -1;
	}
	if (type_is(r->type, r->tlen, "observation")) {
		if (type_validate("observation", rec, err, sizeof err) < 0) {
			reject_line(r->file, r->lineno, r->line, r->len, 1, "observation: %s", err);
			json_decref(rec);
			return -1;
		}
		take_observation(rec, school, y);
		json_decref(rec);
		return 0;
	}
	if (record_validate(r, rec) < 0) {
		json_decref(rec);
		return -1;
	}
	remember(school, y);
	key_of(&key, "sd", school, y);
	if (k < NKINDS) {
		if ((old = strmap_get(&rc.byschool[k], key.s, key.n)))
			json_decref(old); /* the later record of a school-year wins */
		strmap_put(&rc.byschool[k], key.s, key.n, rec);
	} else {
		struct strmap *m = type_is(r->type, r->tlen, "procedure_result") ? &rc.procs : &rc.completions;
		list_add(list_at(m, school, y), rec);
	}
	key_free(&key);
	return 0;
}

void
recommend_input_free(void)
{
	for (size_t k = 0; k < NKINDS; k++)
		strmap_free(&rc.byschool[k], (void (*)(void *))json_decref);
	strmap_free(&rc.procs, free_list);
	strmap_free(&rc.completions, free_list);
	strmap_free(&rc.observations, free);
	strmap_free(&rc.known, NULL);
	for (size_t i = 0; i < rc.previous.n; i++)
		json_decref(rc.previous.v[i]);
	free(rc.previous.v);
}
