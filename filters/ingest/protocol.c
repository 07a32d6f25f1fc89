/* protocol.c: what РЦОИ protocols add: block titles naming the exam, answer
 * strings as tasks, pseudonymous student ids where no code is given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infer.h"
#include "pseudonym.h"
#include "report.h"
#include "util.h"
#include "ingest.h"

#define MAX_ANSWERS 400
static double ans_score[MAX_ANSWERS], ans_max[MAX_ANSWERS];

/* A protocol with no participant code but the pupil's document or name:
 * student_id is a pseudonym made of them (lib/pseudonym.h). */
void
start_pseudonyms(const char *file, unsigned long line)
{
	static int keyed;
	int docs = 0, names = 0;

	if (sh.quiet || ks.f_student < 0 || ks.fields[ks.f_student].set || has_column(ks.f_student))
		return;
	for (size_t i = 0; i < sh.ncols; i++)
		if (sh.cols[i].kind == C_PERSONAL)
			docs += sh.cols[i].ident == ID_DOCUMENT, names += sh.cols[i].ident == ID_NAME;
	if (!docs && !names)
		return;
	if (!keyed) {
		const char *used;
		char why[512];
		int made;
		if (pseudonym_key(opts.id_key, &used, &made, why, sizeof why) < 0)
			die(EQ_IO, "%s (student_id is made with a key: --id-key FILE)", why);
		if (made)
			warn_at(NULL, 0, "a new key for pseudonymous student ids was written to %s: keep "
			        "it, and keep it secret (the same pupil gets the same id only under the "
			        "same key)", used);
		keyed = 1;
	}
	sh.pseudo = 1;
	warn_at(file, line, "no participant code: student_id is a pseudonym, a keyed hash of the "
	        "pupil's %s (never written)", docs ? "document" : "name and school");
}

/* A row of one cell that names a subject («04 - Химия 2026.07.03»): the
 * next exam of a protocol. What the title says holds for the rows after
 * it; the tasks of its answer strings are laid out again. */
int
block_title(const char *const *cell, const size_t *clen, size_t n, const char *file)
{
	struct inferred w = { 0 };
	size_t k = 0, at = 0;

	if (ks.f_subject < 0)
		return 0;
	for (size_t i = 0; i < n && k < 2; i++) /* a data row stops at its second cell */
		if (clen[i])
			k++, at = i;
	if (k != 1)
		return 0;
	infer_text(&w, cell[at], clen[at], "t", 0);
	if (!w.subject)
		return 0;
	forget_inferred();
	infer_work(file, cell[at], clen[at]);
	for (size_t t = sh.numbered_tasks; t < sh.ntasks; t++)
		free(sh.task_labels[t]);
	sh.ntasks = sh.numbered_tasks;
	sh.answers_laid = 0;
	sh.in_block_title = 1;
	sh.scheme_last.valid = 0;
	return 1;
}

/* The tasks of the answer columns, from the first row of a block: as many
 * as its strings hold, numbered on after the numbered task columns. */
int
lay_out_answers(const struct csvrow *row, const char *const *cell, const size_t *clen,
                const char *file)
{
	size_t bad;

	for (size_t i = 0; i < sh.ncols; i++) {
		struct col *c = &sh.cols[i];
		long n;

		if (c->kind != C_ANSWERS)
			continue;
		n = i < row->n ? answers_parse(c->answers, cell[i], clen[i], ans_score, ans_max,
		                               MAX_ANSWERS, &bad) : 0;
		if (n < 0) {
			reject_masked(row, file, "column \"%s\": not an answer string (character %zu)",
			              c->header, bad + 1);
			return -1;
		}
		c->task = (int)sh.ntasks;
		c->ntask = (size_t)n;
		sh.task_labels = erealloc(sh.task_labels, (sh.ntasks + (size_t)n + 1) * sizeof *sh.task_labels);
		sh.task_max = erealloc(sh.task_max, (sh.ntasks + (size_t)n + 1) * sizeof *sh.task_max);
		for (long k = 0; k < n; k++) {
			char label[16];
			snprintf(label, sizeof label, "%zu", sh.ntasks + 1);
			sh.task_labels[sh.ntasks] = estrdup(label);
			sh.task_max[sh.ntasks++] = ans_max[k];
		}
	}
	sh.task_val = erealloc(sh.task_val, (sh.ntasks + 1) * sizeof *sh.task_val);
	sh.task_has = erealloc(sh.task_has, (sh.ntasks + 1) * sizeof *sh.task_has);
	sh.task_txt = erealloc(sh.task_txt, (sh.ntasks + 1) * sizeof *sh.task_txt);
	sh.task_txtlen = erealloc(sh.task_txtlen, (sh.ntasks + 1) * sizeof *sh.task_txtlen);
	memset(sh.task_has, 0, (sh.ntasks + 1) * sizeof *sh.task_has);
	sh.answers_laid = 1;
	return 0;
}

/* One answer string into its tasks. */
int
read_answers(const struct col *c, const char *s, size_t n, char *err, size_t errsz)
{
	size_t bad;
	long k = answers_parse(c->answers, s, n, ans_score, ans_max, MAX_ANSWERS, &bad);

	if (k < 0) {
		snprintf(err, errsz, "not an answer string (character %zu)", bad + 1);
		return -1;
	}
	if ((size_t)k != c->ntask) {
		snprintf(err, errsz, "%ld tasks in the answer string, %zu in the first row of the "
		         "exam", k, c->ntask);
		return -1;
	}
	for (long t = 0; t < k; t++) {
		size_t at = (size_t)c->task + (size_t)t;
		if (c->answers == ANSWERS_CRITERIA && ans_max[t] != sh.task_max[at]) {
			snprintf(err, errsz, "task %s: maximum %g, %g in the first row of the exam",
			         sh.task_labels[at], ans_max[t], sh.task_max[at]);
			return -1;
		}
		sh.task_val[at] = ans_score[t];
		sh.task_has[at] = 1;
		sh.task_txt[at] = NULL;
	}
	return 0;
}

int
is_number_cell(const char *s, size_t n)
{
	double v;
	int is_int;

	return parse_number(s, n, &v, &is_int) == 0;
}

/* student_id where the protocol has none: a keyed hash of the document
 * (series and number), else of the name and the school. */
int
make_pseudonym(const struct csvrow *row, const char *const *cell, const size_t *clen)
{
	static char id[PSEUDONYM_LEN + 1];
	struct sbuf b = { 0 };
	int docs = 0;

	for (size_t i = 0; i < sh.ncols && i < row->n; i++)
		docs |= sh.cols[i].kind == C_PERSONAL && sh.cols[i].ident == ID_DOCUMENT && clen[i];
	for (size_t i = 0; i < sh.ncols && i < row->n; i++)
		if (sh.cols[i].kind == C_PERSONAL && sh.cols[i].ident == (docs ? ID_DOCUMENT : ID_NAME) &&
		    clen[i] && (docs || !is_number_cell(cell[i], clen[i]))) {
			text_key(&b, cell[i], clen[i]);
			sb_putc(&b, '\x1f');
		}
	if (!b.len || (!docs && ks.fields[ks.f_school].vt == V_NONE)) {
		sb_free(&b);
		return -1;
	}
	if (!docs) /* a name is a pupil's only within a school (school_id is a string) */
		sb_putn(&b, ks.fields[ks.f_school].str, ks.fields[ks.f_school].slen);
	pseudonym_of(b.s, b.len, id);
	sb_free(&b);
	ks.fields[ks.f_student].vt = V_STR;
	ks.fields[ks.f_student].str = id;
	ks.fields[ks.f_student].slen = PSEUDONYM_LEN;
	return 0;
}
