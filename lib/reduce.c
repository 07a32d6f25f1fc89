#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dict.h"
#include "json.h"
#include "jview.h"
#include "key.h"
#include "rectype.h"
#include "scales.h"
#include "reduce.h"
#include "util.h"

enum { F_SCHOOL, F_YEAR, F_PROC, F_SUBJ, F_GRADE, F_ABSENT, F_RETAKE, F_PAST, F_PRIMARY, F_TEST,
	F_MARK, F_JOURNAL, F_TASKS, NF };
static const char *const names[NF] = { "school_id", "year", "procedure", "subject", "grade",
	"absent", "retake", "past_graduate", "primary_score", "test_score", "mark", "journal_mark",
	"tasks" };

static int
flag(const struct jfield *f)
{
	double v;

	return f->kind == 't' || (f->kind == 'n' && jfield_num(f, &v) == 0 && v != 0);
}

int
fails(const char *procedure, const char *subject, double mark, double test_score)
{
	double min;

	if (strcmp(procedure, "EGE") == 0 && strcmp(subject, "math_base") != 0) {
		if (test_score < 0 || (min = ege_min_score(subject)) < 0)
			return -1;
		return test_score < min;
	}
	return mark < 0 ? -1 : mark == 2;
}

const struct proc_acc *
reduce_find(const struct reduce *r, const char *school, int year, const char *proc,
            const char *subj, int grade)
{
	struct key k;
	const struct proc_acc *a;

	key_of(&k, "sdssd", school, year, proc, subj, grade);
	a = strmap_get(&r->map, k.s, k.n);
	key_free(&k);
	return a;
}

/* The accumulator of a school and procedure, made on first use. */
static struct proc_acc *
acc_of(struct reduce *r, const char *school, size_t slen, int year, const char *proc,
       size_t plen, const char *subj, size_t sublen, int grade)
{
	struct key *k = &r->key;
	struct proc_acc *a;

	key_of(k, "SdSSd", school, slen, year, proc, plen, subj, sublen, grade);
	if (!(a = strmap_get(&r->map, k->s, k->n))) {
		a = ecalloc(1, sizeof *a);
		a->school_id = estrndup(school, slen);
		a->procedure = estrndup(proc, plen);
		a->subject = estrndup(subj, sublen);
		a->year = year;
		a->grade = grade;
		strmap_put(&r->map, k->s, k->n, a);
		r->v = erealloc(r->v, (r->n + 1) * sizeof *r->v);
		r->v[r->n++] = a;
	}
	key_free(k);
	return a;
}

/* Room for v[from..to), zeroed. */
static void
grow(double **v, size_t from, size_t to)
{
	*v = erealloc(*v, to * sizeof **v);
	memset(*v + from, 0, (to - from) * sizeof **v);
}

/* Room for score bins 0..bin (the joint table keeps its rows of nbins). */
static void
detail_bins(struct proc_detail *d, size_t bin)
{
	size_t nb = d->nbins ? d->nbins : 32;
	double *joint;

	if (bin < d->nbins)
		return;
	while (nb <= bin)
		nb *= 2;
	grow(&d->hist, d->nbins, nb);
	joint = ecalloc(4 * nb, sizeof *joint);
	for (size_t m = 0; m < 4 && d->joint; m++)
		memcpy(joint + m * nb, d->joint + m * d->nbins, d->nbins * sizeof *joint);
	free(d->joint);
	d->joint = joint;
	d->nbins = nb;
}

/* The task scores of a "tasks" array slice: [1,0,null,2.5], added to the
 * school's sums and kept in r->row. The number of tasks, or -1 when one
 * has no score (null, or not a number of points). */
static long
detail_tasks(struct reduce *r, struct proc_detail *d, const struct jfield *f)
{
	const char *p = f->p + 1, *e = f->p + f->n;
	size_t i = 0;
	int complete = 1;

	while (p < e && *p != ']') {
		const char *q = p;
		struct jfield item;
		double v;

		while (q < e && *q != ',' && *q != ']')
			q++;
		if (i >= d->ntasks) {
			size_t nt = i + 8;
			grow(&d->task_sum, d->ntasks, nt);
			grow(&d->task_n, d->ntasks, nt);
			grow(&d->task_max, d->ntasks, nt);
			d->ntasks = nt;
		}
		if (i >= r->rowcap) {
			r->rowcap = i + 32;
			r->row = erealloc(r->row, r->rowcap * sizeof *r->row);
		}
		item.p = p, item.n = (size_t)(q - p), item.kind = 'n';
		while (item.n && (*item.p == ' '))
			item.p++, item.n--;
		if (item.n && item.p[0] != 'n' && jfield_num(&item, &v) == 0 && v >= 0 && v <= 100) {
			d->task_sum[i] += v;
			d->task_n[i] += 1;
			if (v > d->task_max[i])
				d->task_max[i] = v;
			r->row[i] = v;
		} else {
			complete = 0;
		}
		i++;
		p = q < e && *q == ',' ? q + 1 : q;
	}
	return complete ? (long)i : -1;
}

/* A pupil with every task scored: into the procedure's cond table and the
 * school's pattern sums. A pupil with another number of tasks than the
 * procedure's first is left out of both. */
static void
pattern_add(struct reduce *r, struct proc_acc *a, size_t nt)
{
	struct proc_detail *d = a->d;
	struct cond_table *c;
	struct key key;
	double total = 0;
	size_t bin;

	key_of(&key, "dssd", a->year, a->procedure, a->subject, a->grade);
	if (!(c = strmap_get(&r->cond, key.s, key.n))) {
		c = ecalloc(1, sizeof *c);
		c->procedure = estrdup(a->procedure);
		c->subject = estrdup(a->subject);
		c->year = a->year, c->grade = a->grade, c->ntasks = nt;
		strmap_put(&r->cond, key.s, key.n, c);
	}
	key_free(&key);
	if (c->ntasks != nt || (d->pat_ntasks && d->pat_ntasks != nt))
		return;
	for (size_t j = 0; j < nt; j++)
		total += r->row[j];
	bin = (size_t)(total + 1e-9);
	if (bin >= c->nbins) {
		size_t nb = bin + 1;
		grow(&c->n, c->nbins, nb);
		grow(&c->s, c->nbins * nt, nb * nt);
		grow(&c->q, c->nbins * nt * nt, nb * nt * nt);
		c->nbins = nb;
	}
	c->n[bin]++;
	for (size_t j = 0; j < nt; j++) {
		double *q = c->q + (bin * nt + j) * nt;
		c->s[bin * nt + j] += r->row[j];
		for (size_t k = 0; k < nt; k++)
			q[k] += r->row[j] * r->row[k];
	}
	if (!d->pat_ntasks) {
		d->pat_ntasks = nt;
		d->pat_sum = ecalloc(nt, sizeof *d->pat_sum);
	}
	if (bin >= d->pat_nbins) {
		grow(&d->pat_hist, d->pat_nbins, bin + 1);
		d->pat_nbins = bin + 1;
	}
	d->pat_hist[bin]++;
	d->pat_n++;
	for (size_t j = 0; j < nt; j++)
		d->pat_sum[j] += r->row[j];
}

static void
detail_add(struct reduce *r, struct proc_acc *a, const struct jfield *f, double score)
{
	struct proc_detail *d = a->d;
	size_t bin = (size_t)score;
	double jm;
	long nt;

	if (!d)
		d = a->d = ecalloc(1, sizeof *d);
	detail_bins(d, bin);
	d->hist[bin]++;
	if (jfield_num(&f[F_JOURNAL], &jm) == 0 && jm >= 2 && jm <= 5 && jm == (int)jm) {
		d->joint[((size_t)jm - 2) * d->nbins + bin]++;
		d->n_journal++;
	}
	if (f[F_TASKS].kind == 'a' && (nt = detail_tasks(r, d, &f[F_TASKS])) >= 2 && r->patterns &&
	    r->patterns(a->procedure))
		pattern_add(r, a, (size_t)nt);
}

const struct cond_table *
reduce_cond(const struct reduce *r, int year, const char *proc, const char *subj, int grade)
{
	struct key k;
	const struct cond_table *c;

	key_of(&k, "dssd", year, proc, subj, grade);
	c = strmap_get(&r->cond, k.s, k.n);
	key_free(&k);
	return c;
}

static void
cond_free(void *p)
{
	struct cond_table *c = p;

	free(c->procedure);
	free(c->subject);
	free(c->n);
	free(c->s);
	free(c->q);
	free(c);
}

/* The sums of the last result's school and procedure when this one names
 * the same (its school_id and codes were checked then), else NULL. */
static struct proc_acc *
same_as_last(const struct reduce *r, const char *school, size_t slen, double year,
             const struct jfield *proc, const struct jfield *subj, double grade)
{
	const char *l = r->last.s;

	if (!r->last_acc || year != r->last_year || grade != r->last_grade || slen != r->last_slen ||
	    proc->n != r->last_plen || r->last.len != slen + proc->n + subj->n ||
	    memcmp(l, school, slen) != 0 || memcmp(l + slen, proc->p, proc->n) != 0 ||
	    memcmp(l + slen + proc->n, subj->p, subj->n) != 0)
		return NULL;
	return r->last_acc;
}

static void
remember_last(struct reduce *r, struct proc_acc *a, const char *school, size_t slen,
              const struct jfield *proc, const struct jfield *subj)
{
	r->last.len = 0;
	sb_putn(&r->last, school, slen);
	sb_putn(&r->last, proc->p, proc->n);
	sb_putn(&r->last, subj->p, subj->n);
	r->last_slen = slen, r->last_plen = proc->n;
	r->last_year = a->year, r->last_grade = a->grade;
	r->last_acc = a;
}

int
reduce_result(struct reduce *r, const char *line, size_t len, const char **why)
{
	struct jfield f[NF];
	double year, grade, score = 0, mark, test;
	int has_score;
	struct proc_acc *a, *last;
	const char *school;
	size_t slen;
	char err[160];

	dict_load();   /* once: codes to check against */
	scales_load(); /* once: ЕГЭ minima */
	if (rec_fields(line, len, names, NF, f) < 0) {
		*why = "not a JSON object";
		return -1;
	}
	if (jfield_text(&f[F_SCHOOL], &r->tmp, &school, &slen) < 0 || f[F_PROC].kind != 's' ||
	    f[F_SUBJ].kind != 's' || jfield_num(&f[F_YEAR], &year) < 0 ||
	    jfield_num(&f[F_GRADE], &grade) < 0) {
		*why = "a result needs school_id, year, procedure, subject and grade "
		       "(run eq-normalize first)";
		return -1;
	}
	/* the same school and procedure as the last result: checked then */
	last = same_as_last(r, school, slen, year, &f[F_PROC], &f[F_SUBJ], grade);
	if (!last && id_check(school, slen, err, sizeof err) < 0) {
		snprintf(r->why, sizeof r->why, "school_id: %s", err);
		*why = r->why;
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
	if (!last && (!dict_is_code("procedure", f[F_PROC].p, f[F_PROC].n) ||
	              !dict_is_code("subject", f[F_SUBJ].p, f[F_SUBJ].n))) {
		*why = "procedure or subject is not a known code (run eq-normalize first)";
		return -1;
	}
	if (jfield_num(&f[F_MARK], &mark) < 0)
		mark = -1;
	else if (!(mark >= 2 && mark <= 5 && mark == (int)mark)) {
		*why = "mark outside 2..5";
		return -1;
	}
	if (jfield_num(&f[F_TEST], &test) < 0)
		test = -1;
	if (!(a = last)) {
		a = acc_of(r, school, slen, (int)year, f[F_PROC].p, f[F_PROC].n,
		           f[F_SUBJ].p, f[F_SUBJ].n, (int)grade);
		remember_last(r, a, school, slen, &f[F_PROC], &f[F_SUBJ]);
	}
	if (a->first) {
		*why = "the school has a school_result for this procedure too: give one form or the other";
		return -1;
	}
	a->n++;
	if (mark >= 2)
		a->marks[(int)mark - 2]++;
	/* the codes are NUL-terminated in the accumulator */
	switch (fails(a->procedure, a->subject, mark, test)) {
	case 1: a->n_fail++; break;
	case -1: a->n_unmarked++; break;
	}
	if (has_score) {
		a->n_score++;
		a->sum += score;
		a->sumsq += score * score;
		if (r->detail)
			detail_add(r, a, f, score);
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
		free((char *)r->v[i]->first);
		if (r->v[i]->d) {
			free(r->v[i]->d->hist);
			free(r->v[i]->d->joint);
			free(r->v[i]->d->task_sum);
			free(r->v[i]->d->task_n);
			free(r->v[i]->d->task_max);
			free(r->v[i]->d->pat_hist);
			free(r->v[i]->d->pat_sum);
			free(r->v[i]->d);
		}
		free(r->v[i]);
	}
	free(r->v);
	strmap_free(&r->map, NULL);
	strmap_free(&r->cond, cond_free);
	free(r->row);
	sb_free(&r->tmp);
	sb_free(&r->last);
	memset(r, 0, sizeof *r);
}

int
reduce_school_result(struct reduce *r, const char *line, size_t len, const char *where,
                     char *why, size_t whysz)
{
	static const char *const marks[4] = { "mark2", "mark3", "mark4", "mark5" };
	json_error_t je;
	json_t *rec = json_loadb(line, len, 0, &je);
	const char *school, *proc, *subj;
	double year, grade, n = 0, fail, v;
	json_t *j;
	struct proc_acc *a;
	int have_marks = 0;
	double marks_v[4] = { 0 };

	dict_load();
	if (!rec) {
		snprintf(why, whysz, "not JSON: %s", je.text);
		return -1;
	}
	school = json_string_value(json_object_get(rec, "school_id"));
	if (school && id_check(school, strlen(school), why, whysz) < 0) {
		json_decref(rec);
		return -1;
	}
	proc = json_string_value(json_object_get(rec, "procedure"));
	subj = json_string_value(json_object_get(rec, "subject"));
	year = json_number_value(json_object_get(rec, "year"));
	grade = json_number_value(json_object_get(rec, "grade"));
	if (!school || !proc || !subj || !dict_is_code("procedure", proc, strlen(proc)) ||
	    !dict_is_code("subject", subj, strlen(subj)) ||
	    !(year >= 2000 && year <= 2100 && year == (int)year && grade >= 1 && grade <= 11 &&
	      grade == (int)grade)) {
		snprintf(why, whysz, "a school_result needs school_id, year, grade and codes of "
		         "procedure and subject (run eq-normalize first)");
		json_decref(rec);
		return -1;
	}
	for (int k = 0; k < 4; k++)
		if ((j = json_object_get(rec, marks[k]))) {
			v = json_number_value(j);
			if (!json_is_number(j) || v < 0 || v != floor(v) || v > 1e6) {
				snprintf(why, whysz, "%s: a count must be a whole number >= 0", marks[k]);
				json_decref(rec);
				return -1;
			}
			n += v;
			marks_v[k] = v;
			have_marks = 1;
		}
	fail = json_number_value(json_object_get(rec, "mark2"));
	if ((j = json_object_get(rec, "participants"))) {
		v = json_number_value(j);
		if (!json_is_number(j) || v < 0 || v != floor(v) || v > 1e6 || (have_marks && v != n)) {
			snprintf(why, whysz, have_marks && v == floor(v) && v >= 0 ?
			         "participants %g differ from the sum of the marks %g" :
			         "participants: a count must be a whole number >= 0", v, n);
			json_decref(rec);
			return -1;
		}
		n = v;
	}
	if ((j = json_object_get(rec, "failed"))) { /* ЕГЭ: below the minimum */
		fail = json_number_value(j);
		if (!json_is_number(j) || fail < 0 || fail != floor(fail) || fail > n) {
			snprintf(why, whysz, "failed: a count from 0 to the participants");
			json_decref(rec);
			return -1;
		}
	} else if (!have_marks) {
		snprintf(why, whysz, "a school_result needs the counts of marks (mark2..mark5) "
		         "or participants and failed");
		json_decref(rec);
		return -1;
	}
	a = acc_of(r, school, strlen(school), (int)year, proc, strlen(proc), subj, strlen(subj),
	           (int)grade);
	if (a->first) {
		snprintf(why, whysz, "a second result of school %s for %s %s %d in %d (the first: %s)",
		         school, proc, subj, (int)grade, (int)year, a->first);
		json_decref(rec);
		return -1;
	}
	if (a->n > 0) {
		snprintf(why, whysz, "school %s has pupil results for %s %s %d in %d too: "
		         "give one form or the other", school, proc, subj, (int)grade, (int)year);
		json_decref(rec);
		return -1;
	}
	a->first = estrdup(where);
	a->n = n;
	a->n_fail = fail;
	memcpy(a->marks, marks_v, sizeof a->marks);
	r->used++;
	json_decref(rec);
	return 1;
}

void
reduce_write_summaries(const struct reduce *r, FILE *out)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < r->n; i++) {
		const struct proc_acc *a = r->v[i];
		size_t nb = a->d && a->d->hist ? a->d->nbins : 0;

		while (nb > 0 && a->d->hist[nb - 1] == 0)
			nb--;
		b.len = 0;
		sb_puts(&b, "{\"type\":\"school_summary\",\"year\":");
		jw_int(&b, a->year);
		sb_puts(&b, ",\"procedure\":");
		jw_str(&b, a->procedure, strlen(a->procedure));
		sb_puts(&b, ",\"subject\":");
		jw_str(&b, a->subject, strlen(a->subject));
		sb_puts(&b, ",\"grade\":");
		jw_int(&b, a->grade);
		sb_puts(&b, ",\"school_id\":");
		jw_str(&b, a->school_id, strlen(a->school_id));
		const struct { const char *name; double v; } sums[] = {
			{ "participants", a->n }, { "scored", a->n_score }, { "score_sum", a->sum },
			{ "score_sumsq", a->sumsq }, { "failed", a->n_fail }, { "unmarked", a->n_unmarked },
		};
		for (size_t k = 0; k < sizeof sums / sizeof *sums; k++) {
			sb_puts(&b, ",\"");
			sb_puts(&b, sums[k].name);
			sb_puts(&b, "\":");
			jw_num(&b, sums[k].v);
		}
		sb_puts(&b, ",\"marks\":[");
		for (int m = 0; m < 4; m++) {
			if (m)
				sb_putc(&b, ',');
			jw_num(&b, a->marks[m]);
		}
		sb_putc(&b, ']');
		if (nb) {
			sb_puts(&b, ",\"scores\":[");
			for (size_t k = 0; k < nb; k++) {
				if (k)
					sb_putc(&b, ',');
				jw_num(&b, a->d->hist[k]);
			}
			sb_putc(&b, ']');
		}
		sb_puts(&b, "}\n");
		fwrite(b.s, 1, b.len, out);
	}
	sb_free(&b);
}

/* A school_summary's members, read in place (jview) or from a parse tree. */
struct summary {
	char school[300], proc[32], subj[32];
	int has_school, has_proc, has_subj, has_marks, bad_scores;
	double year, grade, c[4], sum, sumsq, m[4];
	int bad_count, bad_mark; /* index + 1 of the first bad count; a bad mark count */
	size_t nscores;
	double *scores;
};

static const char *const summary_counts[] = { "participants", "scored", "failed", "unmarked" };

static int
is_count(double v)
{
	return v >= 0 && v == floor(v) && v <= 1e9;
}

static void
view_text(const struct jview *v, char *buf, size_t size, int *has)
{
	*has = v && v->kind == JV_STR && v->n < size;
	if (*has)
		memcpy(buf, v->s, v->n), buf[v->n] = '\0';
}

static double
view_num(const struct jview *v)
{
	return v && (v->kind == JV_INT || v->kind == JV_NUM) ? v->d : NAN;
}

/* From a line in canonical form; -1 when it is not one (read it whole). */
static int
summary_view(struct jrec *jr, const char *line, size_t len, struct summary *sm, struct sbuf *tmp)
{
	const struct jview *v;

	if (jrec_parse(jr, line, len) < 0)
		return -1;
	view_text(jrec_get(jr, "school_id"), sm->school, sizeof sm->school, &sm->has_school);
	view_text(jrec_get(jr, "procedure"), sm->proc, sizeof sm->proc, &sm->has_proc);
	view_text(jrec_get(jr, "subject"), sm->subj, sizeof sm->subj, &sm->has_subj);
	sm->year = view_num(jrec_get(jr, "year"));
	sm->grade = view_num(jrec_get(jr, "grade"));
	for (int k = 0; k < 4; k++) {
		v = jrec_get(jr, summary_counts[k]);
		sm->c[k] = v ? view_num(v) : 0;
		if (!sm->bad_count && !is_count(sm->c[k]))
			sm->bad_count = k + 1;
	}
	sm->sum = (v = jrec_get(jr, "score_sum")) ? view_num(v) : 0;
	sm->sumsq = (v = jrec_get(jr, "score_sumsq")) ? view_num(v) : 0;
	v = jrec_get(jr, "marks");
	sm->has_marks = v && v->kind == JV_ARR && v->nitems == 4;
	for (int k = 0; sm->has_marks && k < 4; k++) {
		sm->m[k] = view_num(&jr->items[v->first + k]);
		sm->bad_mark |= !(sm->m[k] >= 0 && sm->m[k] == floor(sm->m[k]));
	}
	if ((v = jrec_get(jr, "scores"))) {
		sm->bad_scores = v->kind != JV_ARR || v->nitems > 1001;
		tmp->len = 0;
		for (size_t k = 0; !sm->bad_scores && k < v->nitems; k++) {
			double d = view_num(&jr->items[v->first + k]);
			sb_putn(tmp, (const char *)&d, sizeof d);
		}
		sm->nscores = sm->bad_scores ? 0 : v->nitems;
		sm->scores = (double *)(void *)tmp->s;
	}
	return 0;
}

/* From a parse tree. */
static void
summary_tree(const json_t *rec, struct summary *sm, struct sbuf *tmp)
{
	const char *t;
	json_t *marks = json_object_get(rec, "marks"), *scores = json_object_get(rec, "scores"), *j;

	if ((sm->has_school = (t = json_string_value(json_object_get(rec, "school_id"))) && strlen(t) < sizeof sm->school))
		strcpy(sm->school, t);
	if ((sm->has_proc = (t = json_string_value(json_object_get(rec, "procedure"))) && strlen(t) < sizeof sm->proc))
		strcpy(sm->proc, t);
	if ((sm->has_subj = (t = json_string_value(json_object_get(rec, "subject"))) && strlen(t) < sizeof sm->subj))
		strcpy(sm->subj, t);
	sm->year = json_is_number(j = json_object_get(rec, "year")) ? json_number_value(j) : NAN;
	sm->grade = json_is_number(j = json_object_get(rec, "grade")) ? json_number_value(j) : NAN;
	for (int k = 0; k < 4; k++) {
		j = json_object_get(rec, summary_counts[k]);
		sm->c[k] = !j ? 0 : json_is_number(j) ? json_number_value(j) : NAN;
		if (!sm->bad_count && !is_count(sm->c[k]))
			sm->bad_count = k + 1;
	}
	sm->sum = !(j = json_object_get(rec, "score_sum")) ? 0 : json_is_number(j) ? json_number_value(j) : NAN;
	sm->sumsq = !(j = json_object_get(rec, "score_sumsq")) ? 0 : json_is_number(j) ? json_number_value(j) : NAN;
	sm->has_marks = json_is_array(marks) && json_array_size(marks) == 4;
	for (int k = 0; sm->has_marks && k < 4; k++) {
		j = json_array_get(marks, k);
		sm->m[k] = json_is_number(j) ? json_number_value(j) : NAN;
		sm->bad_mark |= !(sm->m[k] >= 0 && sm->m[k] == floor(sm->m[k]));
	}
	if (scores) {
		sm->bad_scores = !json_is_array(scores) || json_array_size(scores) > 1001;
		tmp->len = 0;
		for (size_t k = 0; !sm->bad_scores && k < json_array_size(scores); k++) {
			double d = json_number_value(json_array_get(scores, k));
			sb_putn(tmp, (const char *)&d, sizeof d);
		}
		sm->nscores = sm->bad_scores ? 0 : json_array_size(scores);
		sm->scores = (double *)(void *)tmp->s;
	}
}

int
reduce_summary(struct reduce *r, const char *line, size_t len, char *why, size_t whysz)
{
	static struct jrec jr;
	struct summary sm = { 0 };
	struct proc_acc *a;

	dict_load();
	if (summary_view(&jr, line, len, &sm, &r->tmp) < 0) {
		json_error_t je;
		json_t *rec = json_loadb(line, len, 0, &je);

		if (!rec) {
			snprintf(why, whysz, "not JSON: %s", je.text);
			return -1;
		}
		memset(&sm, 0, sizeof sm);
		summary_tree(rec, &sm, &r->tmp);
		json_decref(rec);
	}
	if (sm.has_school && id_check(sm.school, strlen(sm.school), why, whysz) < 0)
		return -1;
	if (!sm.has_school || !sm.has_proc || !sm.has_subj ||
	    !dict_is_code("procedure", sm.proc, strlen(sm.proc)) ||
	    !dict_is_code("subject", sm.subj, strlen(sm.subj)) ||
	    !(sm.year >= 2000 && sm.year <= 2100 && sm.year == (int)sm.year && sm.grade >= 1 &&
	      sm.grade <= 11 && sm.grade == (int)sm.grade)) {
		snprintf(why, whysz, "a school_summary needs school_id, year, grade and codes "
		         "of procedure and subject");
		return -1;
	}
	if (sm.bad_count) {
		snprintf(why, whysz, "%s: a count must be a whole number >= 0", summary_counts[sm.bad_count - 1]);
		return -1;
	}
	if (!sm.has_marks || !(sm.sum >= 0) || !(sm.sumsq >= 0) || sm.bad_scores) {
		snprintf(why, whysz, "a school_summary needs marks [2, 3, 4, 5], sums >= 0 and "
		         "scores of at most 1001 bins");
		return -1;
	}
	if (sm.bad_mark) {
		snprintf(why, whysz, "marks: counts must be whole numbers >= 0");
		return -1;
	}
	a = acc_of(r, sm.school, strlen(sm.school), (int)sm.year, sm.proc, strlen(sm.proc),
	           sm.subj, strlen(sm.subj), (int)sm.grade);
	if (a->first) {
		snprintf(why, whysz, "school %s has a school_result for %s %s %d in %d too: "
		         "give one form or the other", sm.school, sm.proc, sm.subj, (int)sm.grade,
		         (int)sm.year);
		return -1;
	}
	a->n += sm.c[0], a->n_score += sm.c[1], a->n_fail += sm.c[2], a->n_unmarked += sm.c[3];
	a->sum += sm.sum, a->sumsq += sm.sumsq;
	for (int k = 0; k < 4; k++)
		a->marks[k] += sm.m[k];
	if (r->detail && sm.nscores > 0) {
		if (!a->d)
			a->d = ecalloc(1, sizeof *a->d);
		detail_bins(a->d, sm.nscores - 1);
		for (size_t k = 0; k < sm.nscores; k++)
			if (sm.scores[k] > 0)
				a->d->hist[k] += sm.scores[k];
	}
	r->used++;
	return 1;
}
