/* recommend.h: the parts of eq-recommend. The catalogue (catalogue.c) says
 * which measure each finding calls for; what the stream says of each school
 * is kept by input.c; school.c turns a school's findings into measures,
 * gathered by measures.c into one recommendation per school, audience and
 * measure; partners.c pairs schools across the region; effect.c checks last
 * cycle's measures; indicators.c writes the municipal indicators. */
#ifndef EQ_RECOMMEND_H
#define EQ_RECOMMEND_H

#include <stddef.h>

#include <jansson.h>

#include "json.h"
#include "stream.h"
#include "strmap.h"
#include "util.h"

/* ---- the catalogue ---- */

enum trigger { T_SHNOR, T_SHNSU, T_PARTNER, T_NO_PARTNER, T_RISK, T_FLAGGED, T_UNOBSERVED, T_RANK,
	T_LOW_TASKS, T_LOW_PROC, T_FALL, NTRIGGERS };

/* Who a measure is for. The catalogue names the first four; a teachers'
 * measure on grades 1-4 goes to primary-school teachers. */
enum audience { A_ADMINISTRATION, A_TEACHERS, A_PARENTS, A_MUNICIPALITY, A_PRIMARY, NAUDIENCES };
extern const char *const audience_code[NAUDIENCES];

struct rule {
	char *code, *arg, *due, *text;
	char *title;        /* a short name for lists; NULL: none given */
	enum trigger trigger;
	double threshold;   /* NAN: none */
	enum audience audience;
	int priority;
};

void catalogue_load(const char *path, int user);
void catalogue_free(void);
/* "2024-12-31" for the year y from a catalogue's due */
void due_date(char *out, size_t size, const char *tmpl, int y);

/* ---- placeholders ---- */

#define MAXVARS 24
struct vars {
	size_t n;
	const char *name[MAXVARS];
	char *value[MAXVARS];
};
void set(struct vars *v, const char *name, const char *value);
void vars_free(struct vars *v);
void fill(struct sbuf *b, const char *s, const struct vars *v);

/* ---- what the stream says ---- */

enum kind { K_LOWRES, K_ISBS, K_RISK, K_OBJECTIVITY, NKINDS };

struct list {
	json_t **v;
	size_t n;
	/* a record already known valid is kept as its line and parsed when
	 * asked for (list_of): most task completions never are */
	char **line;   /* line[i] when v[i] is not yet parsed, else NULL */
	size_t *len;
	int unparsed;
};

/* The procedures of a school's year that observation records report, and
 * whether each had public observers or video (observed at any record of it
 * wins). */
#define MAXOBS 8
struct observation {
	char procedure[MAXOBS][8];
	int observed[MAXOBS];
	int n;
};

struct recommend {
	struct rule *rules;
	size_t nrules;
	struct strmap byschool[NKINDS];  /* school and year -> json_t */
	struct strmap procs, completions; /* school and year -> struct list */
	struct strmap observations;      /* school and year -> struct observation */
	struct strmap known;             /* school and year of any record read */
	struct list previous;            /* recommendation records of earlier years */
	int year, max_year;
	double min_n;                    /* the fewest pupils a measure rests on */
	size_t short_list;               /* measures per school before the annex */
	const char **ids;                /* the schools of the year, sorted */
	size_t nids;
};
extern struct recommend rc;

int recommend_take(const struct record *r);
void recommend_input_free(void);
void *school_year_get(const struct strmap *m, const char *school, int y);
json_t *get(enum kind k, const char *school, int y);
struct list list_of(const struct strmap *m, const char *school, int y);
const struct observation *observation_of(const char *school, int y);

/* ---- measures ---- */

/* One finding behind a measure: its Russian item text (for {items}), its
 * basis (a JSON object), the subject it concerns (or NULL), the pupils it
 * rests on (NAN: not a count of pupils) and whether they were pooled. */
struct finding {
	const char *item, *basis, *subject;
	double n;
	int pooled;
};
/* Add a finding to the measure of rule r for school s (audience as the rule
 * says, or primary teachers): one recommendation per school, audience and
 * measure gathers every finding. v: the placeholders the text needs besides
 * {items}, {n} and the common ones. */
void measure_add(const struct rule *r, enum audience a, const char *s, const struct finding *f,
                 const struct vars *v);
/* Each rule of a trigger (of its argument first, for risk factors). */
void measure_apply(enum trigger t, const char *arg, enum audience teachers, const char *s,
                   const struct finding *f, const struct vars *v);
void measures_write(void);
void measures_free(void);

/* ---- a school's findings (school.c) ---- */

const char *school_title(const char *id);
const char *municipality_of(const char *id);
const char *region_of(const char *id);
void school_measures(const char *s);
/* "n = 24" or "24 участника" wording of a count of pupils */
char *ru_pupils(char *buf, size_t size, double n);
/* The source of a basis: the record's type and key */
void put_source(struct sbuf *b, const char *type, const char *school, int y, const json_t *proc);

/* ---- the evidence ranking of the region (partners.c) ---- */

/* The school's place in its region's evidence ranking of the year (1 the
 * highest score), of how many; 0 when it has no objectivity record. */
int evidence_rank(const char *s, int *of);
/* In the top share of its region's ranking with some evidence (score > 0). */
int evidence_high(const char *s, double share);
#define EVIDENCE_TOP 0.10

/* ---- partners ---- */

#define PARTNER_LOAD 3   /* schools one partner serves at most */
/* Pair every ШНОР, then ШНСУ school of the year with a partner. */
void partners_assign(void);
/* The partner of s, the reason in Russian and the basis; NULL: none. */
const char *partner_of(const char *s, const char **reason, const char **basis);
void partners_free(void);

/* ---- the effect of last cycle's measures ---- */

void effects_write(void);
/* the measures of last cycle checked for school s, and those followed by
 * improvement; -1 when none was */
int effect_counts(const char *s, double *improved, double *known);
void effects_free(void);

/* ---- the municipal indicators ---- */

void indicators_write(void);

#endif
