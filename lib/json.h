/* json.h: the record stream's JSON: finding a record's type without parsing
 * it, and writing JSON with numbers that round-trip in their shortest form. */
#ifndef EQ_JSON_H
#define EQ_JSON_H

#include <stddef.h>
#include <string.h>
#include <jansson.h>

struct sbuf;

/* The top-level "type" of the JSON object in line[0..len). Returns 0 and the
 * value's bytes (not unescaped) when found, -1 when the line is not an object
 * with a string "type" (it may still be valid JSON). */
int rec_type(const char *line, size_t len, const char **type, size_t *tlen);
/* A top-level member's value as it stands in the line. kind: 's' string
 * (p, n: its contents, no escapes in them), 'S' string with escapes (p, n
 * include the quotes: give it to jansson), 'n' number, 't' true, 'f' false,
 * 'z' null, 'o' object, 'a' array; 0 when the member is absent. */
struct jfield {
	const char *p;
	size_t n;
	char kind;
};
/* Find the members names[0..nnames) of the object in line; 0, or -1 when
 * the line is not an object. Values are sliced, not checked: meant for
 * records eq-normalize has already validated. */
int rec_fields(const char *line, size_t len, const char *const *names, size_t nnames,
               struct jfield *out);
/* A 'n' field as a double; 0, or -1 when it is not a number. */
int jfield_num(const struct jfield *f, double *v);
/* A string member's text: 's' as it stands in the line, 'S' unescaped into
 * tmp. 0, or -1 when it is not a string (or not one jansson accepts: a \u0000
 * inside, say). */
int jfield_text(const struct jfield *f, struct sbuf *tmp, const char **s, size_t *n);
/* rec_type compared with a C string. */
int type_is(const char *t, size_t tlen, const char *name);

/* A growing byte buffer. */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sb_grow(struct sbuf *b, size_t more);
/* Inline: records are built from many pieces of a few bytes. */
static inline void
sb_putn(struct sbuf *b, const char *s, size_t n)
{
	char *d;

	if (b->len + n + 1 > b->cap)
		sb_grow(b, n);
	d = b->s + b->len;
	/* short pieces: two overlapping fixed-size copies, no call */
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n < 4) {
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	} else {
		memcpy(d, s, n);
	}
	b->len += n;
}
void sb_puts(struct sbuf *b, const char *s);
/* printf onto the end of the buffer. */
void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void
sb_putc(struct sbuf *b, char c)
{
	if (b->len + 1 >= b->cap)
		sb_grow(b, 1);
	b->s[b->len++] = c;
}
void sb_free(struct sbuf *b);

/* JSON text: a quoted, escaped string; a number (integers without a point,
 * other doubles with the fewest digits that read back to the same value,
 * non-finite as null); any jansson value, compact. */
void jw_str(struct sbuf *b, const char *s, size_t n);
void jw_int(struct sbuf *b, long long v);
void jw_num(struct sbuf *b, double v);
void jw_value(struct sbuf *b, const json_t *v);
/* Write ,"key": or "key": — *first tracks the object's first member. */
void jw_key(struct sbuf *b, int *first, const char *key);

/* Parse a line as one JSON object; NULL and a reason in err on failure. */
json_t *json_parse_line(const char *line, size_t len, char *err, size_t errsz);

#endif
