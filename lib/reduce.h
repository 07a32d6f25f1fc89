/* reduce.h: pupil results reduced, in one pass, to sums per school and
 * procedure (year, procedure, subject, grade): memory follows schools x
 * procedures, never pupils. Counted participants are those SPEC §5 counts:
 * present, not a retake, not a past-year graduate. */
#ifndef EQ_REDUCE_H
#define EQ_REDUCE_H

#include <stddef.h>
#include <stdio.h>

#include "json.h"
#include "key.h"
#include "strmap.h"

/* What the signs of non-objectivity read, kept only when asked for: the
 * distribution of primary scores, task sums, and journal mark x score. */
struct proc_detail {
	size_t nbins;        /* scores 0..nbins-1, by their whole part */
	double *hist;        /* pupils per score */
	double *joint;       /* joint[(m - 2) * nbins + score]: journal mark m x score */
	size_t ntasks;
	double *task_sum, *task_n, *task_max; /* per task: points, pupils, most points seen */
	double n_journal;    /* pupils with a journal mark and a score */
	/* with reduce.patterns: pupils whose every task has a score, by their
	 * task sum (whole part), and their points task by task */
	size_t pat_nbins, pat_ntasks;
	double *pat_hist, *pat_sum, pat_n;
};

/* Pupils of one procedure across all schools, by task sum: what each task
 * scores at a given total and how tasks vary together there (the
 * expectation of the task pattern evidence of eq-objectivity). */
struct cond_table {
	char *procedure, *subject;
	int year, grade;
	size_t nbins, ntasks;
	double *n;           /* [bin]: pupils */
	double *s;           /* [bin * ntasks + j]: points on task j */
	double *q;           /* [(bin * ntasks + j) * ntasks + k]: products of points */
};

struct proc_acc {
	char *school_id;
	int year, grade;
	char *procedure, *subject;
	double n;            /* counted participants */
	double n_score;      /* of them, with a score (primary, else ЕГЭ test score) */
	double sum, sumsq;   /* of those scores */
	double n_fail;       /* failed: mark 2, or ЕГЭ test score below the minimum */
	double n_unmarked;   /* counted, but with nothing to tell a failure by */
	double marks[4];     /* counted, by mark 2..5 (the report's mark shares) */
	const char *first;   /* "file:line" of a school_result, to name on a duplicate */
	struct proc_detail *d; /* with reduce.detail */
	const char *group;   /* the caller's: the group the school is compared within */
};

struct reduce {
	struct strmap map;   /* key -> struct proc_acc */
	struct proc_acc **v; /* in order of first appearance */
	size_t n;
	unsigned long used, skipped;
	int detail;          /* keep struct proc_detail too */
	/* and, for the procedures it says 1 of, the task pattern sums and the
	 * cond tables (the product table costs tasks^2 a pupil) */
	int (*patterns)(const char *procedure);
	struct strmap cond;  /* year, procedure, subject, grade -> struct cond_table */
	double *row;         /* one pupil's task scores */
	size_t rowcap;
	struct key key;      /* room for the key of a lookup */
	struct sbuf tmp;     /* an escaped school_id, unescaped */
	char why[200];
	/* the school and procedure of the last result counted, as its line
	 * spelt them, and their sums: a school's pupils come one after another,
	 * and for them the checks and the lookup are done once */
	struct sbuf last;    /* school, procedure, subject */
	size_t last_slen, last_plen;
	int last_year, last_grade;
	struct proc_acc *last_acc;
};

/* Reduce one result record (an NDJSON line). 1 counted, 0 not counted
 * (absent, retake, past graduate), -1 unusable (*why says why): not codes
 * of procedure and subject, a mark outside 2..5, year or grade out of range. */
int reduce_result(struct reduce *r, const char *line, size_t len, const char **why);
/* Reduce a school_result record (counts of marks per school and procedure, as
 * ФИС ОКО school reports give them): the same sums as its pupils' rows. where
 * is "file:line", kept to name on a second record of the same procedure. */
int reduce_school_result(struct reduce *r, const char *line, size_t len, const char *where,
                         char *why, size_t whysz);
/* The sums as school_summary records (schemas/types/derived), one line per
 * school and procedure in order of first appearance; the score histogram
 * only with r->detail. */
void reduce_write_summaries(const struct reduce *r, FILE *out);
/* Add a school_summary record: summaries of parts of a stream add up to the
 * summary of the whole (so do pupils' rows and summaries). 1, or -1 with
 * why. */
int reduce_summary(struct reduce *r, const char *line, size_t len, char *why, size_t whysz);
/* The cond table of a procedure, or NULL. */
const struct cond_table *reduce_cond(const struct reduce *r, int year, const char *proc,
                                     const char *subj, int grade);
/* The sums of a school and procedure, or NULL when it has none. */
const struct proc_acc *reduce_find(const struct reduce *r, const char *school, int year,
                                   const char *proc, const char *subj, int grade);
/* Did a participant fail? 1, 0, or -1 when nothing tells (no mark; an ЕГЭ
 * subject without a known minimum). mark and test_score: < 0 when absent. */
int fails(const char *procedure, const char *subject, double mark, double test_score);
void reduce_free(struct reduce *r);

#endif
