#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jview.h"
#include "text.h"

/* A string's contents from after its opening quote; the position after the
 * closing one, or NULL. */
static const char *
str(const char *p, const char *e, struct jview *v)
{
	const char *s = p;
	int high = 0;

	for (; p < e && *p != '"'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == '\\')
			return NULL;
		high |= c & 0x80;
	}
	if (p >= e || (high && !utf8_valid(s, (size_t)(p - s))))
		return NULL;
	v->kind = JV_STR, v->s = s, v->n = (size_t)(p - s);
	return p + 1;
}

/* A JSON number: JV_INT when written as jw_int writes a whole number ("0",
 * -?[1-9][0-9]{0,14}), else JV_NUM; NULL when not a number jansson reads the
 * same (more than 15 digits before the point, or beyond a double). */
static const char *
number(const char *p, const char *e, struct jview *v)
{
	const char *s = p, *d;
	char tmp[64];
	int whole = 1;

	if (p < e && *p == '-')
		p++;
	d = p;
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	if (p == d || p - d > 15 || (*d == '0' && p - d > 1))
		return NULL;
	if (p < e && *p == '.') {
		whole = 0;
		for (d = ++p; p < e && *p >= '0' && *p <= '9'; p++)
			;
		if (p == d)
			return NULL;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		whole = 0;
		if (++p < e && (*p == '+' || *p == '-'))
			p++;
		for (d = p; p < e && *p >= '0' && *p <= '9'; p++)
			;
		if (p == d)
			return NULL;
	}
	if ((size_t)(p - s) >= sizeof tmp)
		return NULL;
	if (whole && !(*s == '-' && s[1] == '0')) {
		long long k = 0;
		for (d = *s == '-' ? s + 1 : s; d < p; d++)
			k = 10 * k + (*d - '0');
		v->kind = JV_INT, v->i = *s == '-' ? -k : k, v->d = (double)v->i;
		return p;
	}
	memcpy(tmp, s, (size_t)(p - s));
	tmp[p - s] = '\0';
	v->kind = JV_NUM, v->d = strtod(tmp, NULL);
	return isfinite(v->d) ? p : NULL;
}

static const char *
word(const char *p, const char *e, const char *w, enum jv_kind kind, struct jview *v)
{
	size_t n = strlen(w);

	if ((size_t)(e - p) < n || memcmp(p, w, n) != 0)
		return NULL;
	v->kind = kind;
	return p + n;
}

static const char *
scalar(const char *p, const char *e, struct jview *v)
{
	if (p >= e)
		return NULL;
	switch (*p) {
	case '"': return str(p + 1, e, v);
	case 't': return word(p, e, "true", JV_TRUE, v);
	case 'f': return word(p, e, "false", JV_FALSE, v);
	case 'n': return word(p, e, "null", JV_NULL, v);
	default: return number(p, e, v);
	}
}

static const char *
array(struct jrec *r, const char *p, const char *e, struct jview *v)
{
	v->kind = JV_ARR, v->first = r->nitems, v->nitems = 0;
	if (p < e && *p == ']')
		return p + 1;
	for (;;) {
		if (r->nitems == JREC_ITEMS || !(p = scalar(p, e, &r->items[r->nitems])))
			return NULL;
		r->nitems++, v->nitems++;
		if (p < e && *p == ',')
			p++;
		else if (p < e && *p == ']')
			return p + 1;
		else
			return NULL;
	}
}

int
jrec_parse(struct jrec *r, const char *line, size_t len)
{
	const char *p = line, *e = line + len;
	size_t kb = 0;

	r->nmembers = r->nitems = 0;
	r->self.kind = JV_OBJ;
	if (len < 2 || *p++ != '{' || *p == '}')
		return -1;
	for (;;) {
		const char *k;
		struct jview *v;
		size_t kn;

		if (r->nmembers == JREC_MEMBERS || p >= e || *p++ != '"')
			return -1;
		for (k = p; p < e && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		                      (*p >= '0' && *p <= '9') || *p == '_'); p++)
			;
		kn = (size_t)(p - k);
		if (kn == 0 || kb + kn + 1 > JREC_KEYBUF || p + 1 >= e || p[0] != '"' || p[1] != ':')
			return -1;
		memcpy(r->keybuf + kb, k, kn);
		r->keybuf[kb + kn] = '\0';
		r->key[r->nmembers] = r->keybuf + kb;
		r->klen[r->nmembers] = kn;
		kb += kn + 1;
		p += 2;
		v = &r->val[r->nmembers++];
		if (p < e && *p == '[')
			p = array(r, p + 1, e, v);
		else
			p = scalar(p, e, v);
		if (!p || p >= e)
			return -1;
		if (*p == '}')
			return p + 1 == e ? 0 : -1;
		if (*p++ != ',')
			return -1;
	}
}

const struct jview *
jrec_get(const struct jrec *r, const char *key)
{
	size_t n = strlen(key);

	/* called a few dozen times a record by the validator: length and first
	 * letter before the bytes */
	for (size_t i = 0; i < r->nmembers; i++)
		if (r->klen[i] == n && r->key[i][0] == key[0] && memcmp(r->key[i], key, n) == 0)
			return &r->val[i];
	return NULL;
}
