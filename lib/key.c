#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "key.h"
#include "util.h"

static void
put(struct key *k, const char *p, size_t n)
{
	if (k->n + n + 1 > k->cap) {
		size_t cap = 2 * (k->n + n + 1);
		if (k->s == k->buf) {
			char *s = emalloc(cap);
			memcpy(s, k->buf, k->n);
			k->s = s;
		} else {
			k->s = erealloc(k->s, cap);
		}
		k->cap = cap;
	}
	memcpy(k->s + k->n, p, n);
	k->n += n;
	k->s[k->n++] = '\0';
}

void
key_of(struct key *k, const char *fmt, ...)
{
	va_list ap;

	k->s = k->buf;
	k->cap = sizeof k->buf;
	k->n = 0;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			put(k, s, strlen(s));
			break;
		}
		case 'S': {
			const char *s = va_arg(ap, const char *);
			size_t n = va_arg(ap, size_t);
			put(k, s, n);
			break;
		}
		case 'd': { /* as "%d" writes it, without printf: keys are built per pupil */
			char num[24], *p = num + sizeof num;
			int v = va_arg(ap, int);
			unsigned u = v < 0 ? 0U - (unsigned)v : (unsigned)v;

			do
				*--p = (char)('0' + u % 10);
			while (u /= 10);
			if (v < 0)
				*--p = '-';
			put(k, p, (size_t)(num + sizeof num - p));
			break;
		}
		default:
			die(EQ_IO, "key_of: bad format '%c'", *fmt);
		}
	}
	va_end(ap);
}

void
key_free(struct key *k)
{
	if (k->s && k->s != k->buf)
		free(k->s);
	k->s = NULL;
	k->n = k->cap = 0;
}
