/* eqreport.h: the parts of eq-report. What the input says (input.c), the
 * document writer that makes HTML, Markdown and CSV from the same calls
 * (doc.c), the Russian wording (words.c), the sections (sections.c), the SVG
 * charts (charts.c) and the lists for Excel (lists.c). What the report read
 * is one struct report_state. */
#ifndef EQ_EQREPORT_H
#define EQ_EQREPORT_H

#include <stddef.h>

#include <jansson.h>

#include "json.h"
#include "reduce.h"
#include "stream.h"
#include "strmap.h"

enum fmt { F_HTML, F_MD, F_CSV, F_XLSX };
/* the formats of a list for Excel */
#define LIST_FMT(f) ((f) == F_CSV || (f) == F_XLSX)
enum list_kind { L_SCHOOLS, L_RECS, L_INDICATORS, L_TASKS };

struct school {
	char *id, *name, *muni, *region;
	int in_scope;
};

enum kind { K_ISBS, K_LOWRES, K_RISK, K_OBJECTIVITY, NKINDS };

struct jlist {
	json_t **v;
	size_t n;
};
enum { J_MODEL, J_REC, J_IND, J_PROC, J_TASK, J_SRC, J_EFFECT, NJ };

/* a table row as it is built: its cells */
#define MAXCOLS 40
struct row {
	char *c[MAXCOLS];
	int n;
};

/* Sections a document needs records for; --skip leaves them out on purpose. */
enum part { P_SHNOR = 1, P_SHNSU = 2, P_RISK = 4, P_OBJECTIVITY = 8, P_RECOMMENDATIONS = 16 };

struct report_state {
	struct sbuf tmp;                  /* an escaped school_id, unescaped */
	enum fmt fmt;
	enum list_kind list;
	const char *want_muni, *want_school;
	int year, max_year, min_n;
	const char **munis;               /* municipalities of the schools in scope, sorted */
	size_t nmunis;
	struct school *schools;
	size_t nschools;
	struct strmap school_idx;         /* id -> index + 1 */
	struct strmap byschool[NKINDS];   /* "school\x1fyear" -> json_t */
	unsigned char years_seen[101];    /* 2000..2100: a year the records speak of */
	struct jlist jl[NJ];
	int seen[NKINDS], jseen[NJ];      /* a section is written only for what the input has */
	struct reduce red;                /* pupils' results reduced to counts and histograms */
	struct strmap spoken_of;          /* schools the records speak of */
	unsigned skip;                    /* enum part left out on purpose */
	/* what the outputs read: a document reads everything, a list only its
	 * records (1 << enum list_kind) */
	int reads_doc;
	unsigned reads_lists;
	int section_no, svg_id;           /* numbered per document */
};
extern struct report_state rs;
#define PART_ON(p) (!(rs.skip & (p)))

/* input */
struct school *school_of(const char *id);
int in_scope(const char *id);
const char *title_of(const char *id);
json_t *get(enum kind k, const char *id, int y);
json_t *get_recent(enum kind k, const char *id, int y);
void add_unrecorded_schools(void);
int take(const struct record *r);
/* the schools and municipalities of the scope rs.want_muni or rs.want_school
 * names (exit 2 when it has none), for each output anew; the year, once */
void set_scope(void);
void set_year(void);
const char *region_name(void);
/* doc */
void out_esc(const char *s);
void heading(int level, const char *text);
void section(const char *title);
void para(const char *fmt_, ...) __attribute__((format(printf, 1, 2)));
void cell(struct row *r, const char *fmt_, ...) __attribute__((format(printf, 2, 3)));
void table_begin(struct row *head);
void table_row(struct row *r);
void table_end(void);
/* the workbook of an xlsx list: one sheet, written to stdout at the end */
void xlsx_open(const char *sheet);
void xlsx_close(void);
/* words */
const char *yesno(int v);
int multi_muni(void);
void proc_words(struct sbuf *b, const char *proc, const char *subj, int grade);
const char *class_words(const char *c);
void low_proc_words(struct sbuf *b, const json_t *p);
void criteria_words(struct sbuf *b, const json_t *l, const char *sep);
void sign_words(struct sbuf *b, const json_t *g, const char *group);
void group_words(struct sbuf *b, const char *group);
double source_n(const json_t *src);
void mask_percentages(struct sbuf *b, const char *s);
int small_source(const json_t *rec);
void basis_words(struct sbuf *b, const json_t *rec, int small);
const char *due_words(const char *iso, char *buf, size_t size);
void subjects_words(struct sbuf *b, const json_t *o);
void recommendation_cells(struct row *r, const json_t *o, int small, int note);
/* sections */
int pupil_indicator(const char *code);
void section_indicators(void);
void school_cells(struct row *r, const struct school *s);
void school_head(struct row *r);
void indicators_free(void);
void places_free(void);
void section_shnor(void);
void section_sources(void);
void section_shnsu(void);
void section_risk(void);
json_t **flagged_schools(size_t *n);
void section_flagged(void);
void section_recommendations(void);
/* charts */
void section_charts(void);
/* lists */
void csv_schools(void);
void csv_recommendations(void);
void csv_indicators(void);
void csv_tasks(void);



/* spravka */
void section_summary(void);
void section_basis(void);
void section_dynamics(void);
void section_effect(void);
void measures_brief(int annex);
void section_decisions(void);
void spravka_date(void);
void section_school(void);
int evidence_rank_of(const json_t *o, int *of);
void sources_table(void);

#endif
