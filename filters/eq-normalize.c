/* eq-normalize: validate and canonicalise the records eq knows; pass the rest. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "fpset.h"
#include "json.h"
#include "jview.h"
#include "key.h"
#include "i18n.h"
#include "opt.h"
#include "record.h"
#include "report.h"
#include "scales.h"
#include "schema.h"
#include "stream.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

static const char usage[] = "[--no-dedup] [--rejects FILE] [FILE...]";
static const char *const help = N_( /* xgettext:no-c-format */
	"Validate every school, context, result, task_scheme, olympiad, medalist,\n"
	"observation and risk record against its schema (schemas/types), turn names\n"
	"into codes (schemas/ref/values.tsv), and write it in canonical form.\n"
	"Records of other types pass through unchanged, byte for byte.\n"
	"\n"
	"Results: the grade comes from the class name or the procedure when missing;\n"
	"the primary score from the task scores; the mark from the primary score\n"
	"through the scale (schemas/ref/scales.tsv). A mark that contradicts the\n"
	"scale is kept and warned about. A second result of the same pupil, year,\n"
	"procedure, subject, grade, school and retake flag is rejected, naming the\n"
	"first.\n"
	"\n"
	"      --no-dedup      do not look for duplicate results (memory stays flat;\n"
	"                      the check costs 16 bytes per result)\n");

struct rtype {
	char *name;
	struct schema *schema;
	const char *const *props;
	size_t nprops;
	unsigned *ptypes; /* per property: its JSON types */
	int *pdict;       /* per property: it has a dictionary of values */
	int is_result, is_context;
};

static struct rtype *types;
static size_t ntypes;
static struct fpset seen;
static const char **files;
static size_t nfiles;
static int dedup = 1;
static struct strmap scale_warned;
static struct sbuf out;
static unsigned long nrecords, nblank;
static struct jrec fast;     /* the record read in place by the fast path */
static int check_fast;       /* $EQ_CHECK_FAST: prove each fast answer by the full path */

static void
load_types(void)
{
	char *dir = eq_datapath("types");
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		die(EQ_USAGE, "%s:", dir);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		const char *suffix = ".schema.json";
		char *path;

		if (n <= strlen(suffix) || strcmp(e->d_name + n - strlen(suffix), suffix) != 0)
			continue;
		types = erealloc(types, (ntypes + 1) * sizeof *types);
		types[ntypes].name = estrndup(e->d_name, n - strlen(suffix));
		path = emalloc(strlen(dir) + n + 2);
		sprintf(path, "%s/%s", dir, e->d_name);
		types[ntypes].schema = schema_load(path);
		types[ntypes].nprops = schema_properties(types[ntypes].schema, &types[ntypes].props);
		types[ntypes].ptypes = ecalloc(types[ntypes].nprops, sizeof(unsigned));
		types[ntypes].pdict = ecalloc(types[ntypes].nprops, sizeof(int));
		for (size_t i = 0; i < types[ntypes].nprops; i++) {
			const char *pn = types[ntypes].props[i];
			types[ntypes].ptypes[i] = schema_types(schema_property(types[ntypes].schema, pn));
			types[ntypes].pdict[i] = dict_has(pn);
		}
		types[ntypes].is_result = strcmp(types[ntypes].name, "result") == 0;
		types[ntypes].is_context = strcmp(types[ntypes].name, "context") == 0;
		free(path);
		ntypes++;
	}
	closedir(d);
	free(dir);
	if (!ntypes)
		die(EQ_USAGE, "%s: no *.schema.json", eq_datadir());
}

static const struct rtype *
find_type(const char *t, size_t n)
{
	for (size_t i = 0; i < ntypes; i++)
		if (type_is(t, n, types[i].name))
			return &types[i];
	return NULL;
}

/* Names into codes, numbers written as text into numbers. */
static void
canon_values(const struct rtype *rt, json_t *rec)
{
	const char *k;
	json_t *v;
	size_t hint = 0;

	json_object_foreach(rec, k, v) {
		int pi;
		unsigned t;
		const char *s;
		size_t n;

		if (!json_is_string(v) && !json_is_boolean(v) && !json_is_real(v))
			continue; /* integers, arrays, objects: nothing to canonicalise */
		if ((pi = schema_property_index(rt->schema, k, &hint)) < 0)
			continue;
		t = rt->ptypes[pi];
		if (json_is_real(v)) { /* 2024.0 in an integer field is 2024 */
			double d = json_real_value(v);
			if (t & ST_INTEGER && !(t & ST_NUMBER) && d == floor(d) && fabs(d) < 1e15)
				json_object_set_new(rec, k, json_integer((json_int_t)d));
			continue;
		}

		if (json_is_true(v) || json_is_false(v)) {
			if (t & ST_INTEGER && !(t & ST_BOOLEAN))
				json_object_set_new(rec, k, json_integer(json_is_true(v)));
			continue;
		}
		s = json_string_value(v);
		n = json_string_length(v);
		if (rt->pdict[pi]) {
			const struct dict_value *dv = dict_lookup(k, s, n);
			if (!dv)
				continue;
			s = dv->code;
			n = strlen(s);
			if (t & ST_STRING) {
				if (strcmp(json_string_value(v), s) != 0)
					json_object_set_new(rec, k, json_string(s));
				continue;
			}
		}
		if (t & (ST_INTEGER | ST_NUMBER) && !(t & ST_STRING)) {
			double d;
			int is_int, g;

			if (strcmp(k, "year") == 0 && (g = parse_year(s, n)) > 0)
				json_object_set_new(rec, k, json_integer(g));
			else if (strcmp(k, "grade") == 0 && (g = grade_of_class(s, n)) > 0)
				json_object_set_new(rec, k, json_integer(g));
			else if (parse_number(s, n, &d, &is_int) == 0)
				json_object_set_new(rec, k, d == floor(d) && fabs(d) < 1e15 ?
				                    json_integer((json_int_t)d) : json_real(d));
		}
	}
}

static void
warn_scale_year(const char *file, unsigned long line, const struct scale *sc, int year,
                const char *proc, const char *subj, int grade)
{
	struct key key;
	int warned;

	key_of(&key, "dssd", year, proc, subj, grade);
	if (!(warned = strmap_get(&scale_warned, key.s, key.n) != NULL))
		strmap_put(&scale_warned, key.s, key.n, (void *)1);
	key_free(&key);
	if (warned)
		return;
	warn_at(file, line, "warning: no %d scale for %s %s %d: marks use the %d table", year,
	        proc, subj, grade, sc->year);
}

/* A procedure with no mark table: said once, its results keep no mark. */
static void
warn_no_scale(const char *file, unsigned long line, const char *proc, const char *subj, int grade)
{
	struct key key;
	int warned;

	key_of(&key, "sssd", "none", proc, subj, grade);
	if (!(warned = strmap_get(&scale_warned, key.s, key.n) != NULL))
		strmap_put(&scale_warned, key.s, key.n, (void *)1);
	key_free(&key);
	if (!warned)
		warn_at(file, line, "warning: no mark table for %s %s %d (schemas/ref/scales.tsv): "
		        "its results have no mark", proc, subj, grade);
}

/* After validation: the mark from the scale, or a warning when the mark
 * given contradicts it. */
static void
mark_result(json_t *rec, const char *file, unsigned long line)
{
	const char *proc = json_string_value(json_object_get(rec, "procedure"));
	const char *subj = json_string_value(json_object_get(rec, "subject"));
	json_t *grade = json_object_get(rec, "grade"), *year = json_object_get(rec, "year");
	json_t *ps = json_object_get(rec, "primary_score"), *mark;
	const struct scale *sc;
	int y, g, derived;

	if (!ps)
		return;
	y = (int)json_integer_value(year); /* integers by now: canon_values */
	g = (int)json_integer_value(grade);
	if (!(sc = scale_find(y, proc, subj, g))) {
		if (!json_object_get(rec, "mark") && strcmp(proc, "EGE") != 0) /* ЕГЭ gives no mark */
			warn_no_scale(file, line, proc, subj, g);
		return;
	}
	derived = scale_mark(sc, json_number_value(ps));
	mark = json_object_get(rec, "mark");
	if (!mark) {
		if (sc->year != y)
			warn_scale_year(file, line, sc, y, proc, subj, g);
		json_object_set_new(rec, "mark", json_integer(derived));
	} else if (json_integer_value(mark) != derived) {
		warn_at(file, line, "warning: mark %lld contradicts the %d scale of %s %s %d: "
		        "primary score %g gives %d; the mark is kept",
		        (long long)json_integer_value(mark), sc->year, proc, subj, g,
		        json_number_value(ps), derived);
	}
}

/* The record in canonical form into out: "type", then the schema's order. */
static void
canonical(const struct rtype *rt, const json_t *rec)
{
	int first = 1;

	const char *k;
	json_t *v;
	size_t hint = 0;
	int in_order = 1, prev = -1;

	out.len = 0;
	sb_putc(&out, '{');
	/* usually the record is in schema order already: write it as it is */
	json_object_foreach((json_t *)rec, k, v) {
		int i = schema_property_index(rt->schema, k, &hint);
		if (i <= prev) {
			in_order = 0;
			break;
		}
		prev = i;
	}
	if (in_order) {
		json_object_foreach((json_t *)rec, k, v) {
			jw_key(&out, &first, k);
			jw_value(&out, v);
		}
		sb_puts(&out, "}\n");
		return;
	}
	for (size_t i = 0; i < rt->nprops; i++) {
		json_t *pv = json_object_get(rec, rt->props[i]);
		if (!pv)
			continue;
		jw_key(&out, &first, rt->props[i]);
		jw_value(&out, pv);
	}
	sb_puts(&out, "}\n");
}

/* A result whose key (freed here) was seen before: rejected, naming the
 * first; 1 then, else 0 and the key remembered. */
static int
duplicate(struct key *key, const char *file, unsigned long lineno, const char *line, size_t len)
{
	const struct fpentry *first = fpset_add(&seen, hash_bytes(key->s, key->n, 0),
	                                        (uint32_t)(nfiles - 1), (uint32_t)lineno);

	key_free(key);
	if (first)
		reject_line(file, lineno, line, len, 1, "duplicate result: the same pupil, "
		            "procedure and school as %s:%lu", files[first->file],
		            (unsigned long)first->line);
	return first != NULL;
}

/* The full path: parsed, canonicalised, completed, validated, marked; NULL
 * when rejected (and said). */
static json_t *
full_path(const struct rtype *rt, const char *line, size_t len, const char *file,
          unsigned long lineno)
{
	char err[600];
	json_t *rec = json_parse_line(line, len, err, sizeof err);

	if (!rec) {
		reject_line(file, lineno, line, len, 0, "%s", err);
		return NULL;
	}
	canon_values(rt, rec);
	if (rt->is_result)
		result_complete(rec);
	if (schema_validate(rt->schema, rec, err, sizeof err) < 0 ||
	    (rt->is_context && context_check(rec, err, sizeof err) < 0)) {
		reject_line(file, lineno, line, len, 1, "%s record: %s", rt->name, err);
		json_decref(rec);
		return NULL;
	}
	if (rt->is_result)
		mark_result(rec, file, lineno);
	return rec;
}

static void
normalize(const struct rtype *rt, const char *line, size_t len, const char *file,
          unsigned long lineno)
{
	json_t *rec = full_path(rt, line, len, file, lineno);

	if (!rec)
		return;
	if (dedup && rt->is_result) {
		struct key key;

		result_key(rec, &key);
		if (duplicate(&key, file, lineno, line, len)) {
			json_decref(rec);
			return;
		}
	}
	canonical(rt, rec);
	fwrite(out.s, 1, out.len, stdout);
	json_decref(rec);
}

/* A string member of a record read in place, NUL-terminated into buf; ""
 * when absent or too long. */
static const char *
fast_str(const char *key, char *buf, size_t size)
{
	const struct jview *v = jrec_get(&fast, key);

	if (!v || v->kind != JV_STR || v->n >= size)
		return "";
	memcpy(buf, v->s, v->n);
	buf[v->n] = '\0';
	return buf;
}

static long long
fast_int(const char *key)
{
	const struct jview *v = jrec_get(&fast, key);

	return v && v->kind == JV_INT ? v->i : 0;
}

/* The fast path: a record already in the form the full path would write,
 * valid, complete, its mark agreeing with the scale, written as it came
 * without a parse tree. 0 when taken (written or rejected as a duplicate),
 * -1 when the full path must decide. Its judgement is the full path's:
 * with $EQ_CHECK_FAST set (tests, fuzzing) every record it takes goes the
 * full path too and a difference aborts. */
static int
normalize_canonical(const struct rtype *rt, const char *line, size_t len, const char *file,
                    unsigned long lineno)
{
	size_t hint = 0;
	int prev = -1;
	char proc[16], subj[32];

	if (rt->is_context || jrec_parse(&fast, line, len) < 0)
		return -1;
	/* the schema's order, and values canon_values would leave as they are */
	for (size_t i = 0; i < fast.nmembers; i++) {
		const struct jview *v = &fast.val[i];
		int pi = schema_property_index(rt->schema, fast.key[i], &hint);
		unsigned t;

		if (pi <= prev)
			return -1; /* unknown, repeated or out of order */
		prev = pi;
		t = rt->ptypes[pi];
		if ((v->kind == JV_TRUE || v->kind == JV_FALSE) && t & ST_INTEGER && !(t & ST_BOOLEAN))
			return -1;
		if (v->kind == JV_NUM)
			return -1; /* written anew by jw_num: not always as it came */
		for (size_t k = 0; v->kind == JV_ARR && k < v->nitems; k++)
			if (fast.items[v->first + k].kind == JV_NUM)
				return -1;
		if (v->kind == JV_STR) {
			const struct dict_value *dv = rt->pdict[pi] ? dict_lookup(fast.key[i], v->s, v->n) : NULL;
			if (dv && (!(t & ST_STRING) || strlen(dv->code) != v->n ||
			           memcmp(dv->code, v->s, v->n) != 0))
				return -1;
			if (!rt->pdict[pi] && t & (ST_INTEGER | ST_NUMBER) && !(t & ST_STRING))
				return -1;
		}
	}
	if (rt->is_result) { /* nothing for result_complete to add */
		const struct jview *tasks = jrec_get(&fast, "tasks");
		const struct jview *absent = jrec_get(&fast, "absent");

		if (!jrec_get(&fast, "grade"))
			return -1;
		if (!(absent && absent->kind == JV_TRUE) && !jrec_get(&fast, "primary_score") &&
		    tasks && tasks->kind == JV_ARR)
			for (size_t i = 0; i < tasks->nitems; i++)
				if (fast.items[tasks->first + i].kind == JV_INT)
					return -1;
	}
	if (!schema_accepts(rt->schema, &fast))
		return -1;
	if (rt->is_result) { /* nothing for mark_result to add or warn about */
		const struct jview *ps = jrec_get(&fast, "primary_score");
		const struct jview *mark = jrec_get(&fast, "mark");
		const struct scale *sc;

		fast_str("procedure", proc, sizeof proc);
		fast_str("subject", subj, sizeof subj);
		if (ps) {
			sc = scale_find((int)fast_int("year"), proc, subj, (int)fast_int("grade"));
			if (!sc ? !mark && strcmp(proc, "EGE") != 0 :
			          !mark || scale_mark(sc, (double)ps->i) != mark->i)
				return -1;
		}
	}
	if (check_fast) {
		json_t *rec = full_path(rt, line, len, file, lineno);

		if (rec)
			canonical(rt, rec);
		json_decref(rec);
		if (!rec || out.len != len + 1 || memcmp(out.s, line, len) != 0) {
			fprintf(stderr, "%s: %s:%lu: the fast path and the full path differ\n",
			        argv0, file, lineno);
			abort(); /* a defect of eq: a signal, for the fuzzers */
		}
	}
	if (dedup && rt->is_result) {
		struct key key;
		const struct jview *school = jrec_get(&fast, "school_id");
		const struct jview *pupil = jrec_get(&fast, "student_id");

		result_key_of(&key, (int)fast_int("year"), proc, subj, (int)fast_int("grade"),
		              school->s, school->n, pupil->s, pupil->n, (int)fast_int("retake"));
		if (duplicate(&key, file, lineno, line, len))
			return 0;
	}
	fwrite(line, 1, len, stdout);
	putchar('\n');
	return 0;
}

/* A record of the stream: known types are written in canonical form (or
 * rejected), others pass as they are. */
static int
take(const struct record *r)
{
	const struct rtype *rt;

	if (nfiles == 0 || files[nfiles - 1] != r->file) { /* to name a first occurrence */
		files = erealloc(files, (nfiles + 1) * sizeof *files);
		files[nfiles++] = r->file;
	}
	if (r->len == 0) {
		nblank++; /* blank lines carry nothing: not records */
		return -1;
	}
	if (!r->type) {
		char err[300];
		json_t *v = json_parse_line(r->line, r->len, err, sizeof err);
		if (v) {
			snprintf(err, sizeof err, "no string \"type\" field");
			json_decref(v);
		}
		reject_line(r->file, r->lineno, r->line, r->len, v != NULL, "%s", err);
		return -1;
	}
	if (!(rt = find_type(r->type, r->tlen)))
		return 0;
	if (normalize_canonical(rt, r->line, r->len, r->file, r->lineno) < 0)
		normalize(rt, r->line, r->len, r->file, r->lineno);
	return -1;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "no-dedup", no_argument, NULL, 'n' },
		COMMON_LONGOPTS,
		{ 0 },
	};
	struct common common = { 0 };
	int c, status;

	argv[0] = (char *)(argv0 = "eq-normalize"); /* getopt speaks with argv[0] */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (common_opt(c, optarg, &common, usage, help))
			continue;
		if (c == 'n')
			dedup = 0;
		else
			usage_exit(usage);
	}
	check_fast = getenv("EQ_CHECK_FAST") != NULL;
	dict_load();
	scales_load();
	load_types();
	EQ_FUZZ_START();
	report_open(common.rejects);
	nrecords = stream_run(argv + optind, argc - optind, common.maxline, take);
	status = stream_finish(nrecords - nblank);
	for (size_t i = 0; i < ntypes; i++) {
		free(types[i].name);
		free(types[i].ptypes);
		free(types[i].pdict);
		schema_free(types[i].schema);
	}
	free(types);
	free(files);
	fpset_free(&seen);
	strmap_free(&scale_warned, NULL);
	sb_free(&out);
	return status;
}
