/* input.c: what the input says: the schools (with those that have records
 * but no school record), the derived records by school and year, the lists
 * of the others, the pupils reduced; and the scope and year of the report. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basis.h"
#include "dict.h"
#include "eqreport.h"
#include "jget.h"
#include "json.h"
#include "key.h"
#include "rectype.h"
#include "report.h"
#include "ru.h"
#include "scales.h"
#include "schools.h"
#include "text.h"
#include "util.h"

static const char *const kind_type[NKINDS] = { "isbs", "lowres", "risk_profile", "objectivity" };
static const char *const jlist_type[NJ] = { "isbs_model", "recommendation", "indicator",
	"procedure_result", "task_completion", "source", "measure_effect" };
static const char no_muni[] = "муниципалитет не указан";

static void
jlist_add(struct jlist *l, json_t *o)
{
	if ((l->n & (l->n - 1)) == 0) /* 0, 1, 2, 4, ...: double */
		l->v = erealloc(l->v, (l->n ? 2 * l->n : 1) * sizeof *l->v);
	l->v[l->n++] = o;
}

struct school *
school_of(const char *id)
{
	size_t i = (size_t)strmap_get(&rs.school_idx, id, strlen(id));

	return i ? &rs.schools[i - 1] : NULL;
}

int
in_scope(const char *id)
{
	const struct school *s = school_of(id);

	return s && s->in_scope;
}

const char *
title_of(const char *id)
{
	const struct school *s = school_of(id);

	return s && *s->name ? s->name : id;
}

json_t *
get(enum kind k, const char *id, int y)
{
	struct key key;
	json_t *o;

	key_of(&key, "sd", id, y);
	o = strmap_get(&rs.byschool[k], key.s, key.n);
	key_free(&key);
	return o;
}

/* The record of the year, else of the nearest year before it (ИСБШ is
 * computed from the context of a year that may lag the results). */
json_t *
get_recent(enum kind k, const char *id, int y)
{
	json_t *o;

	for (int d = 0; d <= 3; d++)
		if ((o = get(k, id, y - d)))
			return o;
	return NULL;
}

static void
put_school(const char *id, const char *name, const char *muni, const char *region)
{
	struct school *s;

	if (strmap_get(&rs.school_idx, id, strlen(id)))
		return; /* the same record again */
	if ((rs.nschools & (rs.nschools - 1)) == 0)
		rs.schools = erealloc(rs.schools, (rs.nschools ? 2 * rs.nschools : 1) * sizeof *rs.schools);
	s = &rs.schools[rs.nschools++];
	s->id = estrdup(id);
	s->name = estrdup(name);
	s->muni = estrdup(muni);
	s->region = estrdup(region);
	s->in_scope = 0;
	strmap_put(&rs.school_idx, id, strlen(id), (void *)rs.nschools);
}

/* The school as its records so far tell it (they complete each other). */
static void
add_school(const char *id)
{
	const char *name = school_name(id), *muni = school_group(id, BY_MUNICIPALITY),
	           *region = school_group(id, BY_REGION);
	struct school *s = school_of(id);

	if (!s) {
		put_school(id, name ? name : "", muni ? muni : no_muni,
		           region ? region : "");
		return;
	}
	if (name && !*s->name)
		free(s->name), s->name = estrdup(name);
	if (muni && strcmp(s->muni, no_muni) == 0)
		free(s->muni), s->muni = estrdup(muni);
	if (region && !*s->region)
		free(s->region), s->region = estrdup(region);
}

static void
note_school(const char *id, size_t n)
{
	if (n && !strmap_get(&rs.spoken_of, id, n))
		strmap_put(&rs.spoken_of, id, n, &rs.spoken_of);
}

void
add_unrecorded_schools(void)
{
	for (size_t i = 0; i < rs.red.n; i++)
		note_school(rs.red.v[i]->school_id, strlen(rs.red.v[i]->school_id));
	for (size_t i = 0; i < rs.spoken_of.cap; i++) {
		char *id;
		if (!rs.spoken_of.keys[i])
			continue;
		id = estrndup(rs.spoken_of.keys[i], rs.spoken_of.klens[i]);
		if (!school_of(id)) {
			warn_at(NULL, 0, "warning: school %s has records but no school record: it is "
			        "reported under «муниципалитет не указан»", id);
			put_school(id, "", no_muni, "");
		}
		free(id);
	}
	strmap_free(&rs.spoken_of, NULL);
}

/* Does an output read records of kind k or list j? (J_TASK: only the task
 * list, decided before.) */
static int
needed(size_t k, size_t j)
{
	if (rs.reads_doc)
		return 1;
	return ((rs.reads_lists & 1u << L_SCHOOLS) && (k < NKINDS || j == J_REC)) ||
	       ((rs.reads_lists & 1u << L_RECS) && (j == J_REC || j == J_PROC)) || /* source_n */
	       ((rs.reads_lists & 1u << L_INDICATORS) && j == J_IND) ||
	       ((rs.reads_lists & 1u << L_TASKS) && j == J_TASK);
}

/* A derived record of kind k or list j, of year y and school id (n bytes):
 * the latest year, the years and kinds present, the schools spoken of. */
static void
note_record(size_t k, size_t j, int y, const char *id, size_t n)
{
	if (j != J_MODEL && j != J_PROC && y > rs.max_year)
		rs.max_year = y;
	rs.years_seen[y - 2000] = 1;
	if (k < NKINDS)
		rs.seen[k] = 1;
	else
		rs.jseen[j] = 1;
	note_school(id, n);
}

/* A record the output does not read: noted as the full path notes it (its
 * year, its school, that there are such records) from two fields sliced out
 * of the line, with no parse tree and no check beyond them (nothing of it is
 * read). 0, or -1 when the year is not one. */
static int
note_unread(const struct record *r, size_t k, size_t j)
{
	static const char *const names[] = { "year", "school_id" };
	struct jfield f[2];
	const char *id = "";
	size_t idlen = 0;
	double y;

	if (rec_fields(r->line, r->len, names, 2, f) < 0 || jfield_num(&f[0], &y) < 0 ||
	    !(y >= 2000 && y <= 2100 && y == (int)y) ||
	    (f[1].kind && jfield_text(&f[1], &rs.tmp, &id, &idlen) < 0) || (k < NKINDS && !idlen))
		return -1;
	note_record(k, j, (int)y, id, idlen);
	return 0;
}

int
take(const struct record *r)
{
	json_t *rec, *old;
	char err[600];
	struct key key;
	size_t k, j;
	int y;

	if (!r->type)
		return -1;
	if (type_is(r->type, r->tlen, "result")) {
		const char *why;
		if (!rs.reads_doc) /* the lists read no pupil rows */
			return -1;
		if (reduce_result(&rs.red, r->line, r->len, &why) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", why);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school_summary")) { /* eq-summarize's sums of pupils */
		if (!rs.reads_doc)
			return -1;
		if (reduce_summary(&rs.red, r->line, r->len, err, sizeof err) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school_result")) {
		char where[300];
		if (!rs.reads_doc)
			return -1;
		snprintf(where, sizeof where, "%s:%lu", r->file, r->lineno);
		if (reduce_school_result(&rs.red, r->line, r->len, where, err, sizeof err) < 0)
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	for (k = 0; k < NKINDS && !type_is(r->type, r->tlen, kind_type[k]); k++)
		;
	for (j = 0; j < NJ && !type_is(r->type, r->tlen, jlist_type[j]); j++)
		;
	if (k == NKINDS && j == NJ && !type_is(r->type, r->tlen, "school"))
		return -1; /* not read by the report */
	if (j == J_TASK && !(rs.reads_lists & 1u << L_TASKS))
		return -1; /* only the task list reads them */
	if (j != J_SRC && !needed(k, j) && note_unread(r, k, j) == 0)
		return -1;
	if (!(rec = json_parse_line(r->line, r->len, err, sizeof err))) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%s", err);
		return -1;
	}
	if (type_is(r->type, r->tlen, "school")) {
		/* the rule of every filter: the first record of a school holds */
		if (schools_take(r) == 0)
			add_school(jstr(rec, "school_id"));
		json_decref(rec);
		return -1;
	}
	if (j == J_SRC) {
		jlist_add(&rs.jl[j], rec);
		rs.jseen[j] = 1;
		return -1;
	}
	/* a last cycle's measure may be of an older eq: read as it comes */
	if (j != J_REC && j != J_EFFECT && record_validate(r, rec) < 0) {
		json_decref(rec);
		return -1;
	}
	y = jint(rec, "year");
	if (y < 2000 || y > 2100 || (k < NKINDS && !*jstr(rec, "school_id"))) {
		reject_line(r->file, r->lineno, r->line, r->len, 1, "%.*s: no school_id or year",
		            (int)r->tlen, r->type);
		json_decref(rec);
		return -1;
	}
	note_record(k, j, y, jstr(rec, "school_id"), strlen(jstr(rec, "school_id")));
	if (k < NKINDS) {
		key_of(&key, "sd", jstr(rec, "school_id"), y);
		if ((old = strmap_get(&rs.byschool[k], key.s, key.n)))
			json_decref(old); /* the later record of a school-year wins */
		strmap_put(&rs.byschool[k], key.s, key.n, rec);
		key_free(&key);
	} else {
		jlist_add(&rs.jl[j], rec);
	}
	return -1;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
set_scope(void)
{
	size_t k = 0;

	for (size_t i = 0; i < rs.nschools; i++) {
		struct school *s = &rs.schools[i];
		s->in_scope = rs.want_school ? strcmp(s->id, rs.want_school) == 0 :
		              rs.want_muni ? strcmp(s->muni, rs.want_muni) == 0 : 1;
		k += (size_t)s->in_scope;
	}
	if (!k) {
		if (rs.want_school)
			die(EQ_USAGE, "no school record of school %s in the input", rs.want_school);
		if (rs.want_muni)
			die(EQ_USAGE, "no school of municipality \"%s\" in the input", rs.want_muni);
		die(EQ_USAGE, "no school records in the input: the report names schools by them");
	}
	free(rs.munis); /* an earlier output's */
	rs.munis = emalloc(rs.nschools * sizeof *rs.munis);
	rs.nmunis = 0;
	for (size_t i = 0; i < rs.nschools; i++) {
		size_t j;
		if (!rs.schools[i].in_scope)
			continue;
		for (j = 0; j < rs.nmunis && strcmp(rs.munis[j], rs.schools[i].muni) != 0; j++)
			;
		if (j == rs.nmunis)
			rs.munis[rs.nmunis++] = rs.schools[i].muni;
	}
	qsort(rs.munis, rs.nmunis, sizeof *rs.munis, cmp_str);
}

void
set_year(void)
{
	for (size_t i = 0; i < rs.red.n; i++)
		rs.years_seen[rs.red.v[i]->year - 2000] = 1;
	if (!rs.year) {
		for (int y = 2100; !rs.year && y >= 2000; y--)
			if (rs.years_seen[y - 2000])
				rs.year = y;
		if (!rs.year)
			die(EQ_USAGE, "nothing to report: no derived records and no results in the input");
	} else if (!rs.years_seen[rs.year - 2000]) {
		/* a report that says «ШНОР нет» for a year it has no data of would mislead */
		struct sbuf have = { 0 };
		for (int y = 2000; y <= 2100; y++)
			if (rs.years_seen[y - 2000])
				sb_printf(&have, "%s%d", have.len ? ", " : "", y);
		die(EQ_USAGE, "no records of %d in the input: nothing to report for it (years in the "
		    "input: %s)", rs.year, have.len ? have.s : "none");
	}
}

const char *
region_name(void)
{
	for (size_t i = 0; i < rs.nschools; i++)
		if (rs.schools[i].in_scope && *rs.schools[i].region)
			return rs.schools[i].region;
	return "регион";
}
