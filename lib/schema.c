#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "schema-private.h"
#include "strmap.h"
#include "text.h"
#include "util.h"

struct loader {
	const char *path;
	json_t *root;
	struct schema **defs;
	const char **defnames;
	size_t ndefs;
};

static _Noreturn void
bad(const struct loader *L, const char *where, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	die(EQ_USAGE, "%s: %s: %s", L->path, where, msg);
}

static const struct {
	const char *name;
	unsigned bit;
} typenames[] = {
	{ "null", ST_NULL }, { "boolean", ST_BOOLEAN }, { "integer", ST_INTEGER },
	{ "number", ST_NUMBER }, { "string", ST_STRING }, { "array", ST_ARRAY },
	{ "object", ST_OBJECT },
};

static unsigned
type_bit(const struct loader *L, const char *where, const json_t *t)
{
	for (size_t i = 0; i < sizeof typenames / sizeof *typenames; i++)
		if (json_is_string(t) && strcmp(json_string_value(t), typenames[i].name) == 0)
			return typenames[i].bit;
	bad(L, where, "unknown type");
}

static struct schema *compile(struct loader *L, json_t *j, const char *where);

static struct schema **
compile_list(struct loader *L, json_t *arr, const char *where, size_t *n)
{
	struct schema **v;
	size_t i;

	if (!json_is_array(arr) || json_array_size(arr) == 0)
		bad(L, where, "must be a non-empty array of schemas");
	*n = json_array_size(arr);
	v = ecalloc(*n, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = compile(L, json_array_get(arr, i), where);
	return v;
}

static double
num(const struct loader *L, const char *where, const json_t *v)
{
	if (!json_is_number(v))
		bad(L, where, "must be a number");
	return json_number_value(v);
}

static long
count(const struct loader *L, const char *where, const json_t *v)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		bad(L, where, "must be a non-negative integer");
	return (long)json_integer_value(v);
}

static int
is_annotation(const char *k)
{
	static const char *const ann[] = { "$schema", "$id", "$comment", "title",
		"description", "examples", "default", "$defs", "deprecated" };

	for (size_t i = 0; i < sizeof ann / sizeof *ann; i++)
		if (strcmp(k, ann[i]) == 0)
			return 1;
	return 0;
}

static struct schema *
compile(struct loader *L, json_t *j, const char *where)
{
	struct schema *s = ecalloc(1, sizeof *s);
	const char *k;
	json_t *v;
	char at[256];

	s->minlen = s->maxlen = s->minitems = s->maxitems = -1;
	if (json_is_true(j))
		return s;
	if (!json_is_object(j))
		bad(L, where, "a schema must be an object or true");
	json_object_foreach(j, k, v) {
		snprintf(at, sizeof at, "%s/%s", where, k);
		if (strcmp(k, "description") == 0 && json_is_string(v)) {
			s->description = estrdup(json_string_value(v));
		} else if (is_annotation(k)) {
			continue;
		} else if (strcmp(k, "type") == 0) {
			if (json_is_array(v)) {
				size_t i;
				json_t *t;
				json_array_foreach(v, i, t)
					s->types |= type_bit(L, at, t);
			} else {
				s->types = type_bit(L, at, v);
			}
		} else if (strcmp(k, "enum") == 0) {
			if (!json_is_array(v) || json_array_size(v) == 0)
				bad(L, at, "must be a non-empty array");
			s->enumv = json_incref(v);
		} else if (strcmp(k, "const") == 0) {
			s->constv = json_incref(v);
		} else if (strcmp(k, "minimum") == 0) {
			s->min = num(L, at, v), s->bounds |= HAS_MIN;
		} else if (strcmp(k, "maximum") == 0) {
			s->max = num(L, at, v), s->bounds |= HAS_MAX;
		} else if (strcmp(k, "exclusiveMinimum") == 0) {
			s->xmin = num(L, at, v), s->bounds |= HAS_XMIN;
		} else if (strcmp(k, "exclusiveMaximum") == 0) {
			s->xmax = num(L, at, v), s->bounds |= HAS_XMAX;
		} else if (strcmp(k, "minLength") == 0) {
			s->minlen = count(L, at, v);
		} else if (strcmp(k, "maxLength") == 0) {
			s->maxlen = count(L, at, v);
		} else if (strcmp(k, "minItems") == 0) {
			s->minitems = count(L, at, v);
		} else if (strcmp(k, "maxItems") == 0) {
			s->maxitems = count(L, at, v);
		} else if (strcmp(k, "pattern") == 0) {
			int errcode;
			PCRE2_SIZE off;

			if (!json_is_string(v))
				bad(L, at, "must be a string");
			s->pattern = estrdup(json_string_value(v));
			s->re = pcre2_compile((PCRE2_SPTR)s->pattern, PCRE2_ZERO_TERMINATED,
			                      PCRE2_UTF | PCRE2_UCP, &errcode, &off, NULL);
			if (!s->re) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(errcode, msg, sizeof msg);
				bad(L, at, "bad pattern at offset %zu: %s", (size_t)off, (char *)msg);
			}
			s->jit = pcre2_jit_compile(s->re, PCRE2_JIT_COMPLETE) == 0;
			s->md = pcre2_match_data_create_from_pattern(s->re, NULL);
		} else if (strcmp(k, "items") == 0) {
			s->items = compile(L, v, at);
		} else if (strcmp(k, "properties") == 0) {
			const char *pk;
			json_t *pv;
			size_t i = 0;

			if (!json_is_object(v))
				bad(L, at, "must be an object");
			s->nprops = json_object_size(v);
			s->pnames = ecalloc(s->nprops, sizeof *s->pnames);
			s->pvals = ecalloc(s->nprops, sizeof *s->pvals);
			json_object_foreach(v, pk, pv) {
				char pat[512];
				snprintf(pat, sizeof pat, "%s/%s", at, pk);
				s->pnames[i] = estrdup(pk);
				s->pvals[i++] = compile(L, pv, pat);
				strmap_put(&s->pindex, pk, strlen(pk), (void *)i);
			}
		} else if (strcmp(k, "required") == 0) {
			size_t i;
			json_t *r;

			if (!json_is_array(v))
				bad(L, at, "must be an array of names");
			s->nreq = json_array_size(v);
			s->req = ecalloc(s->nreq, sizeof *s->req);
			json_array_foreach(v, i, r) {
				if (!json_is_string(r))
					bad(L, at, "must be an array of names");
				s->req[i] = estrdup(json_string_value(r));
			}
		} else if (strcmp(k, "additionalProperties") == 0) {
			if (json_is_false(v))
				s->no_additional = 1;
			else
				s->additional = compile(L, v, at);
		} else if (strcmp(k, "allOf") == 0) {
			s->all = compile_list(L, v, at, &s->nall);
		} else if (strcmp(k, "anyOf") == 0) {
			s->any = compile_list(L, v, at, &s->nany);
		} else if (strcmp(k, "not") == 0) {
			s->not_ = compile(L, v, at);
		} else if (strcmp(k, "if") == 0) {
			s->if_ = compile(L, v, at);
		} else if (strcmp(k, "then") == 0) {
			s->then_ = compile(L, v, at);
		} else if (strcmp(k, "else") == 0) {
			s->else_ = compile(L, v, at);
		} else if (strcmp(k, "$ref") == 0) {
			const char *r = json_string_value(v);
			size_t i;

			if (!r || strncmp(r, "#/$defs/", 8) != 0)
				bad(L, at, "only \"#/$defs/NAME\" references are supported");
			for (i = 0; i < L->ndefs; i++)
				if (strcmp(L->defnames[i], r + 8) == 0)
					s->ref = L->defs[i];
			if (!s->ref)
				bad(L, at, "no definition %s", r);
		} else {
			bad(L, at, "keyword not supported by eq's validator");
		}
	}
	return s;
}

struct schema *
schema_load(const char *path)
{
	struct loader L = { .path = path };
	json_error_t je;
	json_t *defs, *d;
	struct schema *s;
	const char *name;
	size_t i = 0;

	if (!(L.root = json_load_file(path, 0, &je)))
		die(EQ_USAGE, "%s:%d: %s", path, je.line, je.text);
	/* definitions first, so that $ref can point at them (no recursion) */
	if ((defs = json_object_get(L.root, "$defs"))) {
		L.ndefs = json_object_size(defs);
		L.defs = ecalloc(L.ndefs, sizeof *L.defs);
		L.defnames = ecalloc(L.ndefs, sizeof *L.defnames);
		json_object_foreach(defs, name, d) {
			L.defnames[i] = name;
			L.defs[i++] = compile(&L, d, "#/$defs");
		}
	}
	s = compile(&L, L.root, "#");
	s->defs = L.defs;
	s->ndefs = L.ndefs;
	free(L.defnames);
	json_decref(L.root);
	return s;
}

void
schema_free(struct schema *s)
{
	size_t i;

	if (!s)
		return;
	json_decref(s->enumv);
	json_decref(s->constv);
	if (s->re) {
		pcre2_match_data_free(s->md);
		pcre2_code_free(s->re);
	}
	free(s->pattern);
	free(s->description);
	for (i = 0; i < s->nprops; i++) {
		free(s->pnames[i]);
		schema_free(s->pvals[i]);
	}
	free(s->pnames);
	free(s->pvals);
	strmap_free(&s->pindex, NULL);
	for (i = 0; i < s->nreq; i++)
		free(s->req[i]);
	free(s->req);
	schema_free(s->additional);
	schema_free(s->items);
	for (i = 0; i < s->nall; i++)
		schema_free(s->all[i]);
	free(s->all);
	for (i = 0; i < s->nany; i++)
		schema_free(s->any[i]);
	free(s->any);
	schema_free(s->not_);
	schema_free(s->if_);
	schema_free(s->then_);
	schema_free(s->else_);
	for (i = 0; i < s->ndefs; i++)
		schema_free(s->defs[i]);
	free(s->defs);
	free(s);
}

static int
fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->err)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err, c->errsz, fmt, ap);
	va_end(ap);
	return -1;
}

/* Prepend a path segment: "name" (object member) or "[i]" (array item). */
static int
unwind(struct ctx *c, const char *member, size_t index)
{
	char seg[300], *tmp;
	size_t n;

	if (!c->err)
		return -1;
	if (member)
		n = snprintf(seg, sizeof seg, c->has_path ? "%s%s" : "%s%s: ", member,
		             c->has_path && c->err[0] != '[' ? "." : "");
	else
		n = snprintf(seg, sizeof seg, c->has_path ? "[%zu]" : "[%zu]: ", index);
	if (n >= sizeof seg)
		n = sizeof seg - 1;
	tmp = estrdup(c->err);
	snprintf(c->err, c->errsz, "%.*s%s", (int)n, seg, tmp);
	free(tmp);
	c->has_path = 1;
	return -1;
}

static void
fmt_num(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.15g", v);
}

int
schema_bounds_ok(const struct schema *s, struct ctx *c, double v)
{
	char a[40], b[40];

	if ((s->bounds & HAS_MIN) && v < s->min)
		return fmt_num(a, sizeof a, v), fmt_num(b, sizeof b, s->min),
		       fail(c, "%s is below the minimum %s", a, b);
	if ((s->bounds & HAS_MAX) && v > s->max)
		return fmt_num(a, sizeof a, v), fmt_num(b, sizeof b, s->max),
		       fail(c, "%s is above the maximum %s", a, b);
	if ((s->bounds & HAS_XMIN) && v <= s->xmin)
		return fmt_num(a, sizeof a, v), fmt_num(b, sizeof b, s->xmin),
		       fail(c, "%s must be above %s", a, b);
	if ((s->bounds & HAS_XMAX) && v >= s->xmax)
		return fmt_num(a, sizeof a, v), fmt_num(b, sizeof b, s->xmax),
		       fail(c, "%s must be below %s", a, b);
	return 0;
}

static size_t
utf8_len(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

int
schema_string_ok(const struct schema *s, struct ctx *c, const char *str, size_t n)
{
	size_t len;

	if (s->minlen >= 0 || s->maxlen >= 0) {
		len = utf8_len(str, n);
		if (s->minlen >= 0 && len < (size_t)s->minlen)
			return fail(c, len ? "shorter than %ld characters" : "empty%.0ld", s->minlen);
		if (s->maxlen >= 0 && len > (size_t)s->maxlen)
			return fail(c, "longer than %ld characters", s->maxlen);
	}
	/* pcre2_jit_match does not check UTF-8 (invalid text crashes it); text
	 * from a line read without a JSON parser may not be valid */
	if (s->re && !utf8_valid(str, n))
		return fail(c, "not valid UTF-8 text");
	if (s->re && (s->jit ? pcre2_jit_match(s->re, (PCRE2_SPTR)str, n, 0, 0, s->md, NULL)
	                     : pcre2_match(s->re, (PCRE2_SPTR)str, n, 0, 0, s->md, NULL)) < 0)
		return fail(c, "\"%.*s\" does not match %s", (int)utf8_prefix(str, n, 60), str, s->pattern);
	return 0;
}

/* Type of a JSON value as ST_* bits ("integer" values are numbers too). */
static unsigned
value_types(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_NULL: return ST_NULL;
	case JSON_TRUE: case JSON_FALSE: return ST_BOOLEAN;
	case JSON_INTEGER: return ST_INTEGER | ST_NUMBER;
	case JSON_REAL: {
		double d = json_real_value(v);
		return d == floor(d) ? ST_INTEGER | ST_NUMBER : ST_NUMBER;
	}
	case JSON_STRING: return ST_STRING;
	case JSON_ARRAY: return ST_ARRAY;
	case JSON_OBJECT: return ST_OBJECT;
	}
	return 0;
}

static void
type_list(char *buf, size_t n, unsigned types)
{
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof typenames / sizeof *typenames; i++)
		if (types & typenames[i].bit)
			k += snprintf(buf + k, k < n ? n - k : 0, "%s%s", k ? " or " : "", typenames[i].name);
}

static int
json_equal_num(const json_t *a, const json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	return json_equal(a, b);
}

static void
describe(char *buf, size_t n, const json_t *v)
{
	char *t = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

	snprintf(buf, n, "%.60s%s", t ? t : "?", t && strlen(t) > 60 ? "…" : "");
	free(t);
}

static int validate(const struct schema *s, struct ctx *c, const json_t *v);

int
schema_property_index(const struct schema *s, const char *name, size_t *hint)
{
	size_t i;

	/* records come in schema order, less the optional fields they lack */
	for (i = *hint; i < s->nprops && i < *hint + 4; i++)
		if (strcmp(s->pnames[i], name) == 0) {
			*hint = i + 1;
			return (int)i;
		}
	if (!(i = (size_t)strmap_get(&s->pindex, name, strlen(name))))
		return -1;
	*hint = i;
	return (int)i - 1;
}

const struct schema *
schema_property_at(const struct schema *s, const char *name, size_t *hint)
{
	int i = schema_property_index(s, name, hint);

	return i < 0 ? NULL : s->pvals[i];
}

static int
validate_object(const struct schema *s, struct ctx *c, const json_t *v)
{
	const char *k;
	json_t *item;
	size_t i;

	for (i = 0; i < s->nreq; i++)
		if (!json_object_get(v, s->req[i]))
			return fail(c, "missing required field \"%s\"", s->req[i]);
	size_t hint = 0;

	json_object_foreach((json_t *)v, k, item) {
		const struct schema *ps = s->nprops ? schema_property_at(s, k, &hint) : NULL;

		if (!ps) {
			if (s->no_additional)
				return fail(c, "unexpected field \"%s\"", k);
			ps = s->additional;
		}
		if (ps && validate(ps, c, item) < 0)
			return unwind(c, k, 0);
	}
	return 0;
}

static int
validate_array(const struct schema *s, struct ctx *c, const json_t *v)
{
	size_t i, n = json_array_size(v);

	if (s->minitems >= 0 && n < (size_t)s->minitems)
		return fail(c, "fewer than %ld items", s->minitems);
	if (s->maxitems >= 0 && n > (size_t)s->maxitems)
		return fail(c, "more than %ld items", s->maxitems);
	if (!s->items)
		return 0;
	for (i = 0; i < n; i++)
		if (validate(s->items, c, json_array_get(v, i)) < 0)
			return unwind(c, NULL, i);
	return 0;
}

static int
validate(const struct schema *s, struct ctx *c, const json_t *v)
{
	unsigned vt = value_types(v);
	char a[80], b[80];
	size_t i;

	if (s->ref && validate(s->ref, c, v) < 0)
		return -1;
	if (s->types && !(s->types & vt)) {
		type_list(a, sizeof a, s->types);
		describe(b, sizeof b, v);
		return fail(c, "%s is not of type %s", b, a);
	}
	if (s->constv && !json_equal_num(s->constv, v)) {
		describe(a, sizeof a, s->constv);
		describe(b, sizeof b, v);
		return fail(c, "%s is not %s", b, a);
	}
	if (s->enumv) {
		json_t *e;
		int found = 0;

		json_array_foreach(s->enumv, i, e)
			if (json_equal_num(e, v)) {
				found = 1;
				break;
			}
		if (!found) {
			describe(b, sizeof b, v);
			return fail(c, "%s is not one of the allowed values", b);
		}
	}
	if ((vt & ST_NUMBER) && schema_bounds_ok(s, c, json_number_value(v)) < 0)
		return -1;
	if (vt == ST_STRING && schema_string_ok(s, c, json_string_value(v), json_string_length(v)) < 0)
		return -1;
	if (vt == ST_OBJECT && validate_object(s, c, v) < 0)
		return -1;
	if (vt == ST_ARRAY && validate_array(s, c, v) < 0)
		return -1;
	for (i = 0; i < s->nall; i++)
		if (validate(s->all[i], c, v) < 0)
			return -1;
	if (s->nany) {
		for (i = 0; i < s->nany; i++) {
			struct ctx quiet = { 0 };
			if (validate(s->any[i], &quiet, v) == 0)
				break;
		}
		if (i == s->nany) {
			if (s->description)
				return fail(c, "%s", s->description);
			return validate(s->any[0], c, v); /* the first alternative's reason */
		}
	}
	if (s->not_) {
		struct ctx quiet = { 0 };
		if (validate(s->not_, &quiet, v) == 0)
			return fail(c, "%s", s->not_->description ? s->not_->description :
			            "matches a form the schema forbids");
	}
	if (s->if_) {
		struct ctx quiet = { 0 };
		const struct schema *branch = validate(s->if_, &quiet, v) == 0 ? s->then_ : s->else_;
		if (branch && validate(branch, c, v) < 0)
			return -1;
	}
	return 0;
}

int
schema_validate(const struct schema *s, const json_t *v, char *err, size_t errsz)
{
	struct ctx c = { .err = err, .errsz = errsz };

	return validate(s, &c, v);
}

const struct schema *
schema_property(const struct schema *s, const char *name)
{
	size_t hint = 0;

	return schema_property_at(s, name, &hint);
}

size_t
schema_properties(const struct schema *s, const char *const **names)
{
	*names = (const char *const *)s->pnames;
	return s->nprops;
}

const struct schema *
schema_items(const struct schema *s)
{
	return s->ref ? schema_items(s->ref) : s->items;
}

unsigned
schema_types(const struct schema *s)
{
	unsigned t = 0;

	if (s->types)
		return s->types;
	if (s->ref)
		return schema_types(s->ref);
	if (s->constv || s->enumv) { /* the types of the allowed values */
		json_t *e;
		size_t i;

		if (s->constv)
			return value_types(s->constv);
		json_array_foreach(s->enumv, i, e)
			t |= value_types(e);
	}
	return t;
}

size_t
schema_required(const struct schema *s, const char *const **names)
{
	*names = (const char *const *)s->req;
	return s->nreq;
}

/* A schema that is only a $ref stands for its target. */
static const struct schema *
deref(const struct schema *s)
{
	while (s->ref && !s->types && !s->enumv && !s->constv && !s->bounds &&
	       !s->re && s->minlen < 0 && s->maxlen < 0)
		s = s->ref;
	return s;
}

/* Only a type, bounds, length and pattern: a scalar is checked without a json_t. */
static int
plain(const struct schema *s)
{
	return !s->ref && !s->enumv && !s->constv && !s->nall && !s->nany && !s->not_ && !s->if_;
}

int
schema_number_bounds(const struct schema *s, double *min, double *max, int *integer)
{
	s = deref(s);
	if (!plain(s) || (s->bounds & (HAS_XMIN | HAS_XMAX)) || !(s->types & (ST_INTEGER | ST_NUMBER)))
		return 0;
	*min = s->bounds & HAS_MIN ? s->min : -HUGE_VAL;
	*max = s->bounds & HAS_MAX ? s->max : HUGE_VAL;
	*integer = !(s->types & ST_NUMBER);
	return 1;
}

int
schema_check_number(const struct schema *s, double v, int is_int, char *err, size_t errsz)
{
	json_t *j;
	int r;

	s = deref(s);
	/* the cheap cases need no json_t */
	if (plain(s)) {
		struct ctx c = { .err = err, .errsz = errsz };
		unsigned vt = is_int || v == floor(v) ? ST_INTEGER | ST_NUMBER : ST_NUMBER;
		if (s->types && !(s->types & vt)) {
			char a[80], b[40];
			type_list(a, sizeof a, s->types);
			fmt_num(b, sizeof b, v);
			return fail(&c, "%s is not of type %s", b, a);
		}
		return schema_bounds_ok(s, &c, v);
	}
	j = is_int ? json_integer((json_int_t)v) : json_real(v);
	r = schema_validate(s, j, err, errsz);
	json_decref(j);
	return r;
}

int
schema_check_string(const struct schema *s, const char *str, size_t n, char *err, size_t errsz)
{
	json_t *j;
	int r;

	s = deref(s);
	if (plain(s)) {
		struct ctx c = { .err = err, .errsz = errsz };
		if (s->types && !(s->types & ST_STRING)) {
			char a[80];
			type_list(a, sizeof a, s->types);
			return fail(&c, "\"%.*s\" is not of type %s", (int)utf8_prefix(str, n, 60), str, a);
		}
		return schema_string_ok(s, &c, str, n);
	}
	j = json_stringn_nocheck(str, n);
	r = schema_validate(s, j, err, errsz);
	json_decref(j);
	return r;
}
