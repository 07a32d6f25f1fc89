/* kind.c: a kind of record loaded from its schema (its fields, --set applied),
 * and what a file says of its work in its title rows and names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "infer.h"
#include "rectype.h"
#include "report.h"
#include "util.h"
#include "ingest.h"

static int parse_set(const char *arg, int lenient);
static void set_inferred(int f, const char *code, int num, const char *from, struct sbuf *said);

int
field_index(const char *name)
{
	for (int i = 0; i < ks.nfields; i++)
		if (strcmp(ks.fields[i].name, name) == 0)
			return i;
	return -1;
}

static void
load_kind(void)
{
	const char *const *names;
	const struct column *const *cs;

	if (!columns_of(ks.name, &cs) || strcmp(ks.name, "task_scheme") == 0)
		die(EQ_USAGE, "--kind: unknown kind \"%s\" (school, context, result, school_result, "
		    "olympiad, medalist, observation, risk)", ks.name);
	if (!(ks.schema = type_schema(ks.name)))
		die(EQ_IO, "no schema of %s records (types/%s.schema.json)", ks.name, ks.name);
	ks.nfields = (int)schema_properties(ks.schema, &names);
	ks.fields = ecalloc(ks.nfields, sizeof *ks.fields);
	for (int i = 0; i < ks.nfields; i++) {
		ks.fields[i].name = names[i];
		ks.fields[i].s = schema_property(ks.schema, names[i]);
		ks.fields[i].types = schema_types(ks.fields[i].s);
		ks.fields[i].simple = schema_number_bounds(ks.fields[i].s, &ks.fields[i].lo, &ks.fields[i].hi,
		                                        &ks.fields[i].whole);
		ks.fields[i].dict = dict_has(names[i]);
		ks.fields[i].share_of = ks.fields[i].share_field = -1;
		ks.fields[i].jkey = emalloc(strlen(names[i]) + 4);
		ks.fields[i].jkeylen = (size_t)sprintf(ks.fields[i].jkey, "\"%s\":", names[i]);
	}
	for (int i = 0; i < ks.nfields; i++) {
		size_t n = strlen(names[i]);
		if (n > 6 && strcmp(names[i] + n - 6, "_share") == 0) {
			char base[64];
			snprintf(base, sizeof base, "%.*s", (int)(n - 6), names[i]);
			ks.fields[i].share_of = field_index(base);
			if (ks.fields[i].share_of >= 0)
				ks.fields[ks.fields[i].share_of].share_field = i;
		}
	}
	ks.f_year = field_index("year");
	ks.f_procedure = field_index("procedure");
	ks.f_subject = field_index("subject");
	ks.f_grade = field_index("grade");
	ks.f_class = field_index("class_name");
	ks.f_variant = field_index("variant");
	ks.f_primary = field_index("primary_score");
	ks.f_mark = field_index("mark");
	ks.f_test = field_index("test_score");
	ks.f_tasks = field_index("tasks");
	ks.f_students = field_index("students");
	ks.f_factor = field_index("factor");
	ks.f_value = field_index("value");
	ks.f_absent = field_index("absent");
	ks.f_student = field_index("student_id");
	ks.f_school = field_index("school_id");
	ks.f_stage = field_index("stage");
	if (ks.f_tasks >= 0) {
		ks.task_items = schema_items(ks.fields[ks.f_tasks].s);
		ks.task_simple = schema_number_bounds(ks.task_items, &ks.task_lo, &ks.task_hi, &ks.task_whole);
	}
	{
		const char *const *req;
		size_t n = schema_required(ks.schema, &req);
		ks.required = ecalloc(n, sizeof *ks.required);
		for (size_t k = 0; k < n; k++)
			if ((ks.required[ks.nrequired] = field_index(req[k])) > 0)
				ks.nrequired++;
	}
}

/* --set FIELD=VALUE on the kind loaded; 0, or -1 when the kind has no
 * such field and lenient (the kind was read from the header, not given). */
static int
parse_set(const char *arg, int lenient)
{
	const char *eq = strchr(arg, '=');
	char err[256];
	int i;
	struct field *f;

	if (!eq || eq == arg)
		die(EQ_USAGE, "--set: expected FIELD=VALUE, got \"%s\"", arg);
	for (i = 0; i < ks.nfields; i++)
		if (strlen(ks.fields[i].name) == (size_t)(eq - arg) &&
		    memcmp(ks.fields[i].name, arg, eq - arg) == 0)
			break;
	if ((i == ks.nfields || i == 0) && lenient)
		return -1;
	if (i == ks.nfields || i == 0)
		die(EQ_USAGE, "--set: %s records have no field \"%.*s\"", ks.name, (int)(eq - arg), arg);
	f = &ks.fields[i];
	if (f->types == ST_ARRAY)
		die(EQ_USAGE, "--set: %s cannot be set", f->name);
	f->set_str = estrdup(eq + 1);
	if (convert(f, SHARE_NONE, f->set_str, strlen(f->set_str), err, sizeof err) < 0)
		die(EQ_USAGE, "--set %s: %s", f->name, err);
	f->set = 1;
	if (f->vt == V_RAW)
		f->vt = V_INT;
	f->set_vt = f->vt;
	f->set_num = f->num;
	if (f->vt == V_STR) { /* keep the code the dictionary gave */
		char *code = estrndup(f->str, f->slen);
		free(f->set_str);
		f->set_str = code;
	}
	return 0;
}

static void
free_verdict(void *v)
{
	if (*(char *)v)
		free(v);
}

void
free_kind(void)
{
	for (int i = 0; i < ks.nfields; i++) {
		free(ks.fields[i].set_str);
		free(ks.fields[i].jkey);
		for (unsigned k = 0; k < SEEN; k++)
			sb_free(&ks.fields[i].seen[k]);
	}
	free(ks.fields);
	free(ks.required);
	strmap_free(&ks.shapes, free_verdict);
	ks.last_shape_n = 0, ks.last_verdict = NULL;
	ks.fields = NULL, ks.required = NULL, ks.schema = NULL;
	ks.nfields = 0, ks.nrequired = 0;
	ks.task_items = NULL;
	ks.name = NULL;
}

/* Make name the kind of the records written, with --set applied to it.
 * A --set of a field the kind does not have is said each time the kind is
 * taken up. Schemas are loaded once (type_schema); fields are rebuilt. */
void
switch_kind(const char *name, const char *file)
{
	if (ks.name && strcmp(ks.name, name) == 0)
		return;
	free_kind();
	ks.name = name;
	load_kind();
	for (int i = 0; i < opts.nset_args; i++)
		if (parse_set(opts.set_args[i], opts.kind == NULL) < 0)
			warn_at(file, 0, "--set %s: %s records have no such field; not applied",
			        opts.set_args[i], ks.name);
}

static void
set_inferred(int f, const char *code, int num, const char *from, struct sbuf *said)
{
	struct field *fd;
	char err[256];

	if (f < 0 || ks.fields[f].set || has_column(f))
		return;
	fd = &ks.fields[f];
	if (code) {
		fd->set_vt = V_STR;
		fd->set_str = estrdup(code);
	} else {
		fd->set_vt = V_INT;
		fd->set_num = num;
		if (schema_check_number(fd->s, num, 1, err, sizeof err) < 0)
			return;
	}
	fd->set = 1;
	sh.inferred[sh.ninferred++] = f;
	if (code)
		sb_printf(said, "%s%s %s (%s)", said->len ? ", " : "", fd->name, code, from);
	else
		sb_printf(said, "%s%s %d (%s)", said->len ? ", " : "", fd->name, num, from);
}

/* The work of file (FILE or FILE[SHEET]) from the title (its rows above
 * the header, or a block's title), the sheet's name, the file's name and
 * its directories. */
void
infer_work(const char *file, const char *title, size_t tlen)
{
	struct inferred w = { 0 };
	struct sbuf said = { 0 };
	const char *name = file, *sheet = strchr(name, '['), *base, *ext;
	size_t flen = sheet ? (size_t)(sheet - name) : strlen(name);

	if (ks.f_year < 0 && ks.f_procedure < 0 && ks.f_subject < 0 && ks.f_grade < 0 && ks.f_stage < 0 &&
	    field_index("max_score") < 0)
		return;
	infer_text(&w, title, tlen, "the title", 0); /* the most particular */
	if (sheet) /* "FILE[SHEET]" */
		infer_text(&w, sheet + 1, strlen(sheet + 1) - 1, "the sheet's name", 0);
	base = memrchr(name, '/', flen);
	base = base ? base + 1 : name;
	ext = memrchr(base, '.', flen - (size_t)(base - name));
	infer_text(&w, base, (size_t)((ext ? ext : name + flen) - base), "the file name", 0);
	for (const char *p = name, *e; p < base; p = e + 1) { /* the directories */
		e = memchr(p, '/', (size_t)(base - p));
		infer_text(&w, p, (size_t)(e - p), "a directory's name", 1);
	}
	if (w.year)
		set_inferred(ks.f_year, NULL, w.year, w.from[0], &said);
	if (w.procedure)
		set_inferred(ks.f_procedure, w.procedure, 0, w.from[1], &said);
	if (w.subject)
		set_inferred(ks.f_subject, w.subject, 0, w.from[2], &said);
	if (w.grade)
		set_inferred(ks.f_grade, NULL, w.grade, w.from[3], &said);
	if (w.stage)
		set_inferred(ks.f_stage, w.stage, 0, w.from[4], &said);
	if (w.max_score && ks.f_tasks < 0) /* a work's maximum is its tasks' (task_scheme) */
		set_inferred(field_index("max_score"), NULL, w.max_score, w.from[5], &said);
	if (said.len) {
		sb_putc(&said, '\0');
		warn_at(file, 0, "read from the file itself: %s (--set overrides)", said.s);
	}
	sb_free(&said);
}

void
forget_inferred(void)
{
	for (size_t i = 0; i < sh.ninferred; i++) {
		struct field *fd = &ks.fields[sh.inferred[i]];
		fd->set = 0;
		fd->set_vt = V_NONE;
		free(fd->set_str);
		fd->set_str = NULL;
	}
	sh.ninferred = 0;
}
