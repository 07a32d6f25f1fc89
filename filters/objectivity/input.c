#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objectivity.h"
#include "rederive.h"

/* The best ЕГЭ scores of a pupil (an ЕГЭ result reduce_result accepted). */
static void
take_ege(const char *line, size_t len)
{
	static const char *const names[] = { "year", "subject", "student_id", "test_score", "procedure" };
	static struct sbuf tmp;
	struct jfield f[5];
	struct key key;
	const char *student;
	size_t n;
	double year, score;
	struct ege_best *b;

	if (rec_fields(line, len, names, 5, f) < 0 || f[4].kind != 's' || f[4].n != 3 ||
	    memcmp(f[4].p, "EGE", 3) != 0 || jfield_num(&f[0], &year) < 0 ||
	    jfield_text(&f[2], &tmp, &student, &n) < 0 || jfield_num(&f[3], &score) < 0)
		return; /* no pupil or no test score: nothing for the medal rule */
	key_of(&key, "Sd", student, n, (int)year);
	if (!(b = strmap_get(&ob.ege, key.s, key.n))) {
		b = ecalloc(1, sizeof *b);
		b->russian = b->other = -1;
		strmap_put(&ob.ege, key.s, key.n, b);
	}
	key_free(&key);
	if (f[1].kind == 's' && f[1].n == 7 && memcmp(f[1].p, "russian", 7) == 0) {
		if (score > b->russian)
			b->russian = score;
	} else if (score > b->other) {
		b->other = score;
	}
}

static void
take_medalist(const json_t *rec)
{
	json_t *m = json_object_get(rec, "medal");
	int medal = json_is_integer(m) ? (int)json_integer_value(m) : 0; /* none: the second's rule */

	ob.medalists = erealloc(ob.medalists, (ob.nmedalists + 1) * sizeof *ob.medalists);
	ob.medalists[ob.nmedalists++] = (struct medalist){ estrdup(jstr(rec, "school_id")),
		estrdup(jstr(rec, "student_id")), jint(rec, "year"), medal };
}

static void
take_olympiad(const json_t *rec)
{
	const char *stage = jstr(rec, "stage"), *status = jstr(rec, "status");
	double max = jnum(rec, "max_score");
	struct key key;

	if (strcmp(stage, "school") == 0 && (strcmp(status, "winner") == 0 || strcmp(status, "prizer") == 0)) {
		ob.olympians = erealloc(ob.olympians, (ob.nolympians + 1) * sizeof *ob.olympians);
		ob.olympians[ob.nolympians++] = (struct olympian){ estrdup(jstr(rec, "school_id")),
			estrdup(jstr(rec, "student_id")), estrdup(jstr(rec, "subject")), jint(rec, "year") };
	} else if (strcmp(stage, "municipal") == 0 && max > 0) {
		double *share = emalloc(sizeof *share), *old;
		*share = jnum(rec, "score") / max;
		key_of(&key, "ssd", jstr(rec, "student_id"), jstr(rec, "subject"), jint(rec, "year"));
		if ((old = strmap_get(&ob.municipal_stage, key.s, key.n)) && *old > *share)
			*share = *old;
		free(old);
		strmap_put(&ob.municipal_stage, key.s, key.n, share);
		key_free(&key);
	}
}

static void
take_observation(const json_t *rec)
{
	struct key key;

	/* observed at any of the procedure's records wins */
	key_of(&key, "sds", jstr(rec, "school_id"), jint(rec, "year"), jstr(rec, "procedure"));
	if (jint(rec, "public_observers") == 1 || jint(rec, "video") == 1)
		strmap_put(&ob.observation, key.s, key.n, &ob.observation);
	else if (!strmap_get(&ob.observation, key.s, key.n))
		strmap_put(&ob.observation, key.s, key.n, &ob.observers);
	key_free(&key);
}

static void
take_task_scheme(const json_t *rec)
{
	json_t *max = json_object_get(rec, "max");
	struct key key;
	double *v;
	size_t i, n;

	if ((n = json_array_size(max)) == 0)
		return;
	v = emalloc((n + 1) * sizeof *v);
	v[0] = (double)n;
	for (i = 0; i < n; i++)
		v[i + 1] = json_number_value(json_array_get(max, i)); /* null: 0, unknown */
	key_of(&key, "dssd", jint(rec, "year"), jstr(rec, "procedure"), jstr(rec, "subject"),
	       jint(rec, "grade"));
	free(strmap_get(&ob.task_maxima, key.s, key.n));
	strmap_put(&ob.task_maxima, key.s, key.n, v);
	key_free(&key);
}

/* Records of the types read whole: parsed, checked against their schema
 * (a record that is not valid is rejected with its position, never skipped),
 * then taken. */
static const struct {
	const char *type;
	void (*take)(const json_t *rec);
} whole[] = {
	{ "medalist", take_medalist },
	{ "olympiad", take_olympiad },
	{ "observation", take_observation },
	{ "task_scheme", take_task_scheme },
};

void
objectivity_schemas(void)
{
	for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
		type_schema(whole[i].type);
	type_schema("school");
	type_schema("result");
}

int
objectivity_take(const struct record *r)
{
	const char *why;
	char err[600];

	if (!r->type)
		return 0;
	if (rederive_hold(r)) /* a run before this one: replaced at the end */
		return -1;
	if (type_is(r->type, r->tlen, "result")) {
		if (reduce_result(&ob.results, r->line, r->len, &why) < 0) {
			reject_line(r->file, r->lineno, r->line, r->len, 1, "result: %s", why);
			return -1;
		}
		if (memmem(r->line, r->len, "\"EGE\"", 5))
			take_ege(r->line, r->len);
		return 0;
	}
	if (type_is(r->type, r->tlen, "school"))
		return schools_take(r);
	for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
		json_t *rec;

		if (!type_is(r->type, r->tlen, whole[i].type))
			continue;
		if (!(rec = json_parse_line(r->line, r->len, err, sizeof err)) ||
		    type_validate(whole[i].type, rec, err, sizeof err) < 0) {
			reject_line(r->file, r->lineno, r->line, r->len, 1, "%s: %s", whole[i].type, err);
			json_decref(rec);
			return -1;
		}
		whole[i].take(rec);
		json_decref(rec);
		return 0;
	}
	return 0;
}

