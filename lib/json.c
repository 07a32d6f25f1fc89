#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

static const char *
skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* p at an opening quote: return the position after the closing one. */
static const char *
skip_string(const char *p, const char *e)
{
	for (p++; p < e; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

/* Skip a member's value: return the ',' or '}' at depth 0 that ends it. */
static const char *
skip_value(const char *p, const char *e)
{
	int depth = 0;

	while (p < e) {
		switch (*p) {
		case '"':
			if (!(p = skip_string(p, e)))
				return NULL;
			continue;
		case '{': case '[':
			depth++;
			break;
		case '}': case ']':
			if (depth == 0)
				return *p == '}' ? p : NULL;
			depth--;
			break;
		case ',':
			if (depth == 0)
				return p;
			break;
		}
		p++;
	}
	return NULL;
}

/* Do the bytes "type" (with their quotes) occur in p[0..n)? Eight bytes at a
 * time: a '"' followed by a 't' (SWAR zero-byte tests, which never miss and
 * whose rare false alarms are checked), for every line that passes. */
static int
has_type_key(const char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	size_t i = 0;

	for (; i + 9 <= n; i += 8) {
		uint64_t a, b, x, y;
		memcpy(&a, p + i, 8);
		memcpy(&b, p + i + 1, 8);
		x = a ^ 0x2222222222222222ULL; /* '"' */
		y = b ^ 0x7474747474747474ULL; /* 't' */
		if (((x - ones) & ~x) & ((y - ones) & ~y) & high)
			for (size_t j = i; j < i + 8; j++)
				if (j + 6 <= n && memcmp(p + j, "\"type\"", 6) == 0)
					return 1;
	}
	for (; i + 6 <= n; i++)
		if (memcmp(p + i, "\"type\"", 6) == 0)
			return 1;
	return 0;
}

int
rec_type(const char *line, size_t len, const char **type, size_t *tlen)
{
	static const char fast[] = "{\"type\":\"";
	static const char *const name[] = { "type" };
	const char *e = line + len, *v, *k;
	struct jfield f;

	static struct sbuf unescaped;

	/* eq writes "type" first and once: the common case is a prefix test
	 * (a second "type" member, which jq would read, takes the slow path) */
	if (len > sizeof fast && memcmp(line, fast, sizeof fast - 1) == 0) {
		v = line + sizeof fast - 1;
		k = memchr(v, '"', (size_t)(e - v));
		if (k && !memchr(v, '\\', (size_t)(k - v)) && !has_type_key(k, (size_t)(e - k))) {
			*type = v;
			*tlen = (size_t)(k - v);
			return 0;
		}
	}
	/* the last "type" member, its escapes decoded, as jq reads it */
	if (rec_fields(line, len, name, 1, &f) < 0 || jfield_text(&f, &unescaped, type, tlen) < 0)
		return -1;
	return 0;
}

/* A member's name as it stands between its quotes, compared with name: with
 * its escapes decoded ("\u0074ype" is "type"). */
static int
key_is(const char *k, size_t klen, const char *name)
{
	json_t *v;
	int same;

	if (!memchr(k, '\\', klen))
		return strlen(name) == klen && memcmp(name, k, klen) == 0;
	if (!(v = json_loadb(k - 1, klen + 2, JSON_DECODE_ANY, NULL)))
		return 0;
	same = json_is_string(v) && json_string_length(v) == strlen(name) &&
	       memcmp(json_string_value(v), name, strlen(name)) == 0;
	json_decref(v);
	return same;
}

static size_t
name_len(const char *const *names, size_t *nlen, size_t i)
{
	if (i >= 32)
		return strlen(names[i]);
	if (nlen[i] == (size_t)-1)
		nlen[i] = strlen(names[i]);
	return nlen[i];
}

int
rec_fields(const char *line, size_t len, const char *const *names, size_t nnames,
           struct jfield *out)
{
	const char *p = line, *e = line + len, *k, *v, *end;
	size_t nlen[32];

	/* the filters ask for a dozen names of every one of millions of records:
	 * the first letter, then the length (taken once, when first needed),
	 * before the bytes */
	for (size_t i = 0; i < nnames && i < 32; i++)
		nlen[i] = (size_t)-1;
	memset(out, 0, nnames * sizeof *out);
	p = skip_ws(p, e);
	if (p >= e || *p++ != '{')
		return -1;
	p = skip_ws(p, e);
	if (p < e && *p == '}')
		return 0;
	for (;;) {
		size_t klen, i;
		int esc = 0;

		p = skip_ws(p, e);
		if (p >= e || *p != '"')
			return -1;
		for (k = ++p; p < e && *p != '"'; p++)
			if (*p == '\\')
				esc = 1, p++;
		if (p >= e)
			return -1;
		klen = (size_t)(p - k);
		p = skip_ws(p + 1, e);
		if (p >= e || *p++ != ':')
			return -1;
		v = p = skip_ws(p, e);
		if (!(end = skip_value(p, e)))
			return -1;
		for (i = 0; i < nnames; i++)
			if (esc ? key_is(k, klen, names[i]) :
			    klen && names[i][0] == k[0] && name_len(names, nlen, i) == klen &&
			    memcmp(names[i], k, klen) == 0)
				break;
		if (i < nnames && v < end) {
			struct jfield *f = &out[i];
			const char *ve = end;

			while (ve > v && strchr(" \t\r\n", ve[-1]))
				ve--;
			f->p = v;
			f->n = (size_t)(ve - v);
			switch (*v) {
			case '"':
				f->p = v + 1, f->n = f->n >= 2 ? f->n - 2 : 0;
				f->kind = memchr(f->p, '\\', f->n) ? (f->p = v, f->n = (size_t)(ve - v), 'S') : 's';
				break;
			case '{': f->kind = 'o'; break;
			case '[': f->kind = 'a'; break;
			case 't': f->kind = 't'; break;
			case 'f': f->kind = 'f'; break;
			case 'n': f->kind = 'z'; break;
			default: f->kind = 'n';
			}
		}
		p = end;
		if (*p++ == '}')
			return 0;
	}
}

int
jfield_num(const struct jfield *f, double *v)
{
	char tmp[64], *endp;

	if (f->kind != 'n' || f->n == 0 || f->n >= sizeof tmp)
		return -1;
	if (f->n <= 9) { /* scores and marks: small whole numbers, exact without strtod */
		long k = 0;
		size_t i = 0;
		while (i < f->n && f->p[i] >= '0' && f->p[i] <= '9')
			k = k * 10 + (f->p[i++] - '0');
		if (i == f->n && (f->p[0] != '0' || f->n == 1)) {
			*v = (double)k;
			return 0;
		}
	}
	memcpy(tmp, f->p, f->n);
	tmp[f->n] = '\0';
	*v = strtod(tmp, &endp);
	return *endp || !isfinite(*v) ? -1 : 0;
}

int
jfield_text(const struct jfield *f, struct sbuf *tmp, const char **s, size_t *n)
{
	json_t *v;

	if (f->kind == 's') {
		*s = f->p, *n = f->n;
		return 0;
	}
	if (f->kind != 'S' || !(v = json_loadb(f->p, f->n, JSON_DECODE_ANY, NULL)))
		return -1;
	if (!json_is_string(v)) {
		json_decref(v);
		return -1;
	}
	tmp->len = 0;
	sb_putn(tmp, json_string_value(v), json_string_length(v));
	json_decref(v);
	*s = tmp->s, *n = tmp->len;
	return 0;
}

int
type_is(const char *t, size_t tlen, const char *name)
{
	return strlen(name) == tlen && memcmp(t, name, tlen) == 0;
}

void
sb_grow(struct sbuf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;

	while (cap < b->len + more + 1)
		cap *= 2;
	if (cap != b->cap) {
		b->s = erealloc(b->s, cap);
		b->cap = cap;
	}
}

void
sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
jw_str(struct sbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s, *e = s + n;
	size_t i;

	/* eight bytes at a time: any byte < 0x20, '"' or '\\'? (SWAR) */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w, ctl, quo, bsl;
		memcpy(&w, s + i, 8);
		ctl = (w - 0x2020202020202020ULL) & ~w;
		quo = ((w ^ 0x2222222222222222ULL) - 0x0101010101010101ULL) & ~(w ^ 0x2222222222222222ULL);
		bsl = ((w ^ 0x5c5c5c5c5c5c5c5cULL) - 0x0101010101010101ULL) & ~(w ^ 0x5c5c5c5c5c5c5c5cULL);
		if ((ctl | quo | bsl) & 0x8080808080808080ULL)
			break;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\')
			break;
	if (i == n) { /* nothing to escape: the common case */
		if (b->len + n + 3 > b->cap)
			sb_grow(b, n + 2);
		b->s[b->len++] = '"';
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len++] = '"';
		return;
	}
	sb_grow(b, n + 2);
	sb_putc(b, '"');
	for (; s < e; s++) {
		unsigned char c = *s;
		char esc;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		sb_putn(b, run, s - run);
		run = s + 1;
		switch (c) {
		case '"': esc = '"'; break;
		case '\\': esc = '\\'; break;
		case '\n': esc = 'n'; break;
		case '\t': esc = 't'; break;
		case '\r': esc = 'r'; break;
		case '\b': esc = 'b'; break;
		case '\f': esc = 'f'; break;
		default: esc = 0;
		}
		if (esc) {
			sb_putc(b, '\\');
			sb_putc(b, esc);
		} else {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			sb_putn(b, u, 6);
		}
	}
	sb_putn(b, run, e - run);
	sb_putc(b, '"');
}

void
jw_int(struct sbuf *b, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	sb_putn(b, p, tmp + sizeof tmp - p);
}

void
jw_num(struct sbuf *b, double v)
{
	char tmp[32];
	int n, prec;

	if (!isfinite(v)) {
		sb_puts(b, "null");
		return;
	}
	if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(long long)v) {
		jw_int(b, (long long)v);
		return;
	}
	/* %g drops trailing zeros, so the first precision that reads back is
	 * the shortest form */
	for (prec = 15; prec < 17; prec++) {
		n = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	if (prec == 17)
		n = snprintf(tmp, sizeof tmp, "%.17g", v);
	sb_putn(b, tmp, n);
}

void
jw_key(struct sbuf *b, int *first, const char *key)
{
	if (!*first)
		sb_putc(b, ',');
	*first = 0;
	jw_str(b, key, strlen(key));
	sb_putc(b, ':');
}

void
jw_value(struct sbuf *b, const json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;
	int first = 1;

	if (!v) { /* a field the record lacks */
		sb_puts(b, "null");
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		sb_putc(b, '{');
		json_object_foreach((json_t *)v, key, item) {
			jw_key(b, &first, key);
			jw_value(b, item);
		}
		sb_putc(b, '}');
		break;
	case JSON_ARRAY:
		sb_putc(b, '[');
		json_array_foreach(v, i, item) {
			if (i)
				sb_putc(b, ',');
			jw_value(b, item);
		}
		sb_putc(b, ']');
		break;
	case JSON_STRING:
		jw_str(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		jw_int(b, json_integer_value(v));
		break;
	case JSON_REAL:
		jw_num(b, json_real_value(v));
		break;
	case JSON_TRUE:
		sb_puts(b, "true");
		break;
	case JSON_FALSE:
		sb_puts(b, "false");
		break;
	case JSON_NULL:
		sb_puts(b, "null");
		break;
	}
}

json_t *
json_parse_line(const char *line, size_t len, char *err, size_t errsz)
{
	json_error_t je;
	json_t *v;

	if (memchr(line, '\0', len)) {
		snprintf(err, errsz, "NUL byte in line");
		return NULL;
	}
	v = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		snprintf(err, errsz, "not JSON: %s (column %d)", je.text, je.column);
		return NULL;
	}
	if (!json_is_object(v)) {
		snprintf(err, errsz, "not a JSON object");
		json_decref(v);
		return NULL;
	}
	return v;
}
