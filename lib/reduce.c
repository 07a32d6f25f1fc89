#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "reduce.h"
#include "util.h"

enum { F_SCHOOL, F_YEAR, F_PROC, F_SUBJ, F_GRADE, F_ABSENT, F_RETAKE, F_PAST, F_PRIMARY, F_TEST, NF };
static const char *const names[NF] = { "school_id", "year", "procedure", "subject", "grade",
	"absent", "retake", "past_graduate", "primary_score", "test_score" };

static int
flag(const struct jfield *f)
{
	double v;

	return f->kind == 't' || (f->kind == 'n' && jfield_num(f, &v) == 0 && v != 0);
}

int
reduce_result(struct reduce *r, const char *line, size_t len, const char **why)
{
	struct jfield f[NF];
	double year, grade, score = 0;
	int has_score;
	char key[256];
	int klen;
	struct proc_acc *a;

	if (rec_fields(line, len, names, NF, f) < 0) {
		*why = "not a JSON object";
		return -1;
	}
	if (f[F_SCHOOL].kind != 's' || f[F_PROC].kind != 's' || f[F_SUBJ].kind != 's' ||
	    jfield_num(&f[F_YEAR], &year) < 0 || jfield_num(&f[F_GRADE], &grade) < 0) {
		*why = "a result needs school_id, year, procedure, subject and grade "
		       "(run eq-normalize first)";
		return -1;
	}
	/* not validated here: check before any cast */
	if (!(year >= 2000 && year <= 2100 && year == (int)year && grade >= 1 && grade <= 11 &&
	      grade == (int)grade)) {
		*why = "year or grade out of range (run eq-normalize first)";
		return -1;
	}
	if (flag(&f[F_ABSENT]) || flag(&f[F_RETAKE]) || flag(&f[F_PAST])) {
		r->skipped++;
		return 0;
	}
	has_score = jfield_num(&f[F_PRIMARY], &score) == 0 || jfield_num(&f[F_TEST], &score) == 0;
	if (has_score && !(score >= 0 && score <= 1000)) {
		*why = "score out of range (run eq-normalize first)";
		return -1;
	}
	klen = snprintf(key, sizeof key, "%.*s\x1f%d\x1f%.*s\x1f%.*s\x1f%d",
	                (int)f[F_SCHOOL].n, f[F_SCHOOL].p, (int)year, (int)f[F_PROC].n, f[F_PROC].p,
	                (int)f[F_SUBJ].n, f[F_SUBJ].p, (int)grade);
	if (klen < 0 || (size_t)klen >= sizeof key) {
		*why = "identifiers too long";
		return -1;
	}
	if (!(a = strmap_get(&r->map, key, (size_t)klen))) {
		a = ecalloc(1, sizeof *a);
		a->school_id = estrndup(f[F_SCHOOL].p, f[F_SCHOOL].n);
		a->procedure = estrndup(f[F_PROC].p, f[F_PROC].n);
		a->subject = estrndup(f[F_SUBJ].p, f[F_SUBJ].n);
		a->year = (int)year;
		a->grade = (int)grade;
		strmap_put(&r->map, key, (size_t)klen, a);
		r->v = erealloc(r->v, (r->n + 1) * sizeof *r->v);
		r->v[r->n++] = a;
	}
	a->n++;
	if (has_score) {
		a->n_score++;
		a->sum += score;
		a->sumsq += score * score;
	}
	r->used++;
	return 1;
}

void
reduce_free(struct reduce *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i]->school_id);
		free(r->v[i]->procedure);
		free(r->v[i]->subject);
		free(r->v[i]);
	}
	free(r->v);
	strmap_free(&r->map, NULL);
	memset(r, 0, sizeof *r);
}
