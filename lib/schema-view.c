/* schema-view.c: a schema's judgement of a record read in place (jview.h),
 * without a parse tree or reasons: eq-normalize's fast path. The same steps
 * as validate() in schema.c, in the same order. */
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "jview.h"
#include "schema-private.h"

/* validate() over a record read in place: the same steps in the same order,
 * quiet. undecided is set when a constant is an array or an object. */
struct vctx {
	const struct jrec *r;
	int undecided;
};

static unsigned
view_types(const struct jview *v)
{
	switch (v->kind) {
	case JV_NULL: return ST_NULL;
	case JV_TRUE: case JV_FALSE: return ST_BOOLEAN;
	case JV_INT: return ST_INTEGER | ST_NUMBER;
	case JV_NUM: return v->d == floor(v->d) ? ST_INTEGER | ST_NUMBER : ST_NUMBER;
	case JV_STR: return ST_STRING;
	case JV_ARR: return ST_ARRAY;
	default: return ST_OBJECT;
	}
}

/* json_equal_num(j, v) */
static int
view_equal(struct vctx *x, const json_t *j, const struct jview *v)
{
	switch (json_typeof(j)) {
	case JSON_INTEGER: case JSON_REAL:
		return (v->kind == JV_INT || v->kind == JV_NUM) && json_number_value(j) == v->d;
	case JSON_STRING:
		return v->kind == JV_STR && json_string_length(j) == v->n &&
		       memcmp(json_string_value(j), v->s, v->n) == 0;
	case JSON_TRUE: return v->kind == JV_TRUE;
	case JSON_FALSE: return v->kind == JV_FALSE;
	case JSON_NULL: return v->kind == JV_NULL;
	default:
		x->undecided = 1;
		return 0;
	}
}

static int vvalid(const struct schema *s, struct vctx *x, const struct jview *v);

static int
vvalid_object(const struct schema *s, struct vctx *x)
{
	const struct jrec *r = x->r;
	size_t i, hint = 0;

	for (i = 0; i < s->nreq; i++)
		if (!jrec_get(r, s->req[i]))
			return 0;
	for (i = 0; i < r->nmembers; i++) {
		const struct schema *ps = s->nprops ? schema_property_at(s, r->key[i], &hint) : NULL;

		if (!ps) {
			if (s->no_additional)
				return 0;
			ps = s->additional;
		}
		if (ps && !vvalid(ps, x, &r->val[i]))
			return 0;
	}
	return 1;
}

static int
vvalid(const struct schema *s, struct vctx *x, const struct jview *v)
{
	static struct ctx quiet;
	unsigned vt = view_types(v);
	size_t i;

	if (s->ref && !vvalid(s->ref, x, v))
		return 0;
	if (s->types && !(s->types & vt))
		return 0;
	if (s->constv && !view_equal(x, s->constv, v))
		return 0;
	if (s->enumv) {
		json_t *e;
		int found = 0;

		json_array_foreach(s->enumv, i, e)
			if (view_equal(x, e, v)) {
				found = 1;
				break;
			}
		if (!found)
			return 0;
	}
	if ((vt & ST_NUMBER) && schema_bounds_ok(s, &quiet, v->d) < 0)
		return 0;
	if (vt == ST_STRING && schema_string_ok(s, &quiet, v->s, v->n) < 0)
		return 0;
	if (vt == ST_OBJECT && !vvalid_object(s, x))
		return 0;
	if (vt == ST_ARRAY) {
		if (s->minitems >= 0 && v->nitems < (size_t)s->minitems)
			return 0;
		if (s->maxitems >= 0 && v->nitems > (size_t)s->maxitems)
			return 0;
		for (i = 0; s->items && i < v->nitems; i++)
			if (!vvalid(s->items, x, &x->r->items[v->first + i]))
				return 0;
	}
	for (i = 0; i < s->nall; i++)
		if (!vvalid(s->all[i], x, v))
			return 0;
	if (s->nany) {
		for (i = 0; i < s->nany; i++)
			if (vvalid(s->any[i], x, v))
				break;
		if (i == s->nany)
			return 0;
	}
	if (s->not_ && vvalid(s->not_, x, v))
		return 0;
	if (s->if_) {
		const struct schema *branch = vvalid(s->if_, x, v) ? s->then_ : s->else_;
		if (branch && !vvalid(branch, x, v))
			return 0;
	}
	return 1;
}

int
schema_accepts(const struct schema *s, const struct jrec *r)
{
	struct vctx x = { .r = r };
	int ok = vvalid(s, &x, &r->self);

	return ok && !x.undecided;
}
