/* ingest.h: eq-ingest's parts and the state they share. eq-ingest.c reads
 * files and sheets row by row; header.c tells a header and what each of its
 * columns is; row.c turns a row into a record; protocol.c holds what РЦОИ
 * protocols add (answer strings, block titles, pseudonymous ids); kind.c
 * loads a kind of record and what a file says of its work. */
#ifndef EQ_INGEST_H
#define EQ_INGEST_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#include "answers.h"
#include "csvin.h"
#include "rows.h"
#include "schema.h"
#include "strmap.h"
#include "text.h"

#define HEADER_SEARCH_LINES 30
#define SEEN 4

enum cellkind { C_IGNORE, C_FIELD, C_TASK, C_FACTOR, C_PERSONAL, C_WEAK, C_ANSWERS };
enum ident { ID_NONE, ID_DOCUMENT, ID_NAME }; /* what a personal column is */
enum sharemode { SHARE_NONE, SHARE_FRACTION, SHARE_PERCENT };
enum vtype { V_NONE, V_INT, V_NUM, V_STR, V_RAW }; /* V_RAW: canonical number text */

/* A property of the kind's schema; values are per row. */
struct field {
	const char *name;
	char *jkey;         /* "name": as written, ready to copy */
	size_t jkeylen;
	const struct schema *s;
	unsigned types;
	int simple;         /* a number checked inline against lo..hi */
	int whole;
	double lo, hi;
	int dict;           /* the field has a dictionary of values */
	int share_of;       /* context: index of the count this share belongs to, or -1 */
	int share_field;    /* context: index of this count's share field, or -1 */
	enum vtype vt;
	double num;
	const char *str;
	size_t slen;
	/* the last strings accepted and their codes: a column repeats a few
	 * values (a school, a class, a variant) row after row */
	struct sbuf seen[SEEN];
	const char *seen_code[SEEN];
	unsigned seen_next;
	int set;            /* given by --set */
	enum vtype set_vt;
	double set_num;
	char *set_str;
};

struct col {
	enum cellkind kind;
	int field;          /* C_FIELD */
	enum sharemode share;
	int task;           /* C_TASK */
	int unnamed;        /* the header cell is empty */
	const struct dict_value *factor; /* C_FACTOR */
	const struct column *weak;       /* C_WEAK */
	int negate;                      /* C_FIELD of yes/no: the cell says the opposite */
	enum answers answers;            /* C_ANSWERS: its tasks from task on, */
	size_t ntask;                    /* this many (laid out from a block's first row) */
	enum ident ident;                /* C_PERSONAL */
	char *header;
};

/* What a kind may hold besides its named columns (from its schema). */
struct kind_traits {
	const char *name;
	int tasks, shares, factors;
};

/* What eq-ingest was asked. */
struct ingest_opts {
	const char *kind;       /* --kind: every sheet is of this kind */
	const char **set_args;  /* --set, applied to each kind loaded */
	int nset_args;
	enum encoding encoding;
	int delimiter;
	size_t maxline;
	const char *sheet;      /* --sheet: a workbook's sheet by name or number */
	const char *id_key;     /* --id-key */
};

/* The kind of record being written, loaded from its schema. */
struct kind_state {
	const char *name;       /* of the sheet being read */
	const struct schema *schema; /* type_schema() keeps it */
	struct field *fields;
	int nfields;
	int f_year, f_procedure, f_subject, f_grade, f_class, f_variant, f_primary, f_mark,
	    f_test, f_tasks, f_students, f_factor, f_value, f_absent, f_student, f_school, f_stage;
	int *required;          /* indices of the schema's required fields */
	size_t nrequired;
	const struct schema *task_items; /* what a task score may be */
	double task_lo, task_hi;
	int task_simple, task_whole;
	struct strmap shapes;   /* shape_check: shape -> verdict ("" valid), per kind */
	unsigned char last_shape[80]; /* and the last row's, rows mostly alike */
	size_t last_shape_n;
	const char *last_verdict;
	struct kind_traits *traits; /* of every kind, when the header tells the kind */
	size_t ntraits;
};

/* The sheet (or CSV file) being read: its header's columns and tasks. */
struct sheet_state {
	struct col *cols;
	size_t ncols;
	int positional;         /* cells have their own columns (a workbook), not a delimiter's */
	int quiet;              /* a header mapped to be judged, not yet taken: say nothing */
	int criteria_subtasks;  /* subtasks written N(M): the total is not their sum */
	int has_personal;       /* the header names a personal column */
	int pseudo;             /* student_id made from the personal columns */
	size_t numbered_tasks;  /* tasks of numbered columns; answer strings add theirs */
	size_t nanswer_cols;    /* columns of answer strings */
	int answers_laid;       /* the answer columns' tasks are laid out for this block */
	int in_block_title;     /* a block title was the last row: its header may follow */
	size_t absent_cols[8];  /* columns that may say «отсутствовал» */
	size_t nabsent_cols;
	char **task_labels;
	double *task_max;
	double *task_val;
	int *task_has;
	const char **task_txt;  /* canonical text of the cell, or NULL */
	size_t *task_txtlen;
	size_t ntasks;
	double *factor_val;
	int *factor_has;
	size_t nfactors;
	struct strmap schemes_sent;
	/* The procedure of the last row with tasks (year, procedure, subject,
	 * grade): rows of one procedure come together. */
	struct {
		int valid;
		double num[4];
		char str[4][32];
		size_t slen[4];
	} scheme_last;
	const char *title_kind; /* a kind the titles or names say (an olympiad's protocol) */
	int inferred[6];        /* field indices set from the file's own words, for it only */
	size_t ninferred;
};

/* What became of each row of the file being read: rows = accepted +
 * rejected; the rest was skipped by a named rule. */
struct account {
	unsigned long rows, accepted, records, titles, blank, headers, no_header, footers, appeals,
	              unfilled;
	int appeal;             /* a protocol of appeals: its rows are not results */
	int whole;              /* the file, or what was left of it, rejected whole */
	const char *kind;       /* of its records; NULL while no header is found */
};

/* The run over every file. */
struct run_state {
	struct sbuf out;
	int io_error;
	unsigned long nrows;
	int any_whole;          /* some input rejected whole: exit EQ_INPUT_REJECTED */
	pcre2_code *task_re;    /* task column headers, as text_key() leaves them */
	pcre2_match_data *task_md;
	const char **cell;      /* a row's cells trimmed (trim_row) */
	size_t *clen, ccap;
};

extern struct ingest_opts opts;
extern struct kind_state ks;
extern struct sheet_state sh;
extern struct account fst;
extern struct run_state run;

/* eq-ingest.c */
void count_row(void);
void free_file_state(void);
/* kind.c */
int field_index(const char *name);
void free_kind(void);
void switch_kind(const char *name, const char *file);
void infer_work(const char *file, const char *title, size_t tlen);
void forget_inferred(void);
/* header.c */
void load_traits(void);
void hint_kind(const char *s, size_t n);
int has_column(int f);
const char *missing_column(void);
int find_header(struct rows *src, struct csvrow *row, const char *file);
unsigned long settle_header(struct rows *src, unsigned long line, const char *file);
/* row.c */
int convert(struct field *f, enum sharemode share, const char *s, size_t n, char *err,
            size_t errsz);
void emit(void);
void reject_masked(const struct csvrow *row, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int one_line_cell(const struct col *c);
void trim_row(const struct csvrow *row, const char *const **cell, const size_t **clen);
int names_pupil_or_result(const char *const *cell, const size_t *clen, size_t n);
void process_row(const struct csvrow *row, const char *file);
/* protocol.c */
void start_pseudonyms(const char *file, unsigned long line);
int block_title(const char *const *cell, const size_t *clen, size_t n, const char *file);
int lay_out_answers(const struct csvrow *row, const char *const *cell, const size_t *clen,
                    const char *file);
int read_answers(const struct col *c, const char *s, size_t n, char *err, size_t errsz);
int is_number_cell(const char *s, size_t n);
int make_pseudonym(const struct csvrow *row, const char *const *cell, const size_t *clen);

#endif
