/* jview.h: a record in eq's canonical form read in place, without a JSON
 * parser or an allocation: eq-normalize's fast path for records that are
 * already what it would write. Anything else (whitespace, an escape, a
 * fraction, a nested object) is not read: the caller takes the full path,
 * which decides and explains. Repeated keys are the caller's to refuse
 * (eq-normalize wants them in strictly increasing schema order). */
#ifndef EQ_JVIEW_H
#define EQ_JVIEW_H

#include <stddef.h>

enum jv_kind { JV_NULL, JV_TRUE, JV_FALSE, JV_INT, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jview {
	unsigned char kind;
	const char *s;      /* JV_STR: the text between the quotes (no escapes) */
	size_t n;
	long long i;        /* JV_INT: a whole number as jw_int writes it */
	double d;           /* JV_INT, JV_NUM (any other JSON number): its value */
	size_t first, nitems; /* JV_ARR: items[first .. first + nitems) */
};

enum { JREC_MEMBERS = 40, JREC_ITEMS = 256, JREC_KEYBUF = 1024 };

struct jrec {
	size_t nmembers, nitems;
	const char *key[JREC_MEMBERS];  /* NUL-terminated copies in keybuf */
	size_t klen[JREC_MEMBERS];
	struct jview val[JREC_MEMBERS];
	struct jview items[JREC_ITEMS];
	struct jview self;               /* the record as a JV_OBJ value */
	char keybuf[JREC_KEYBUF];
};

/* Read line[0..len) when it is an object in canonical form: no whitespace,
 * keys of ASCII letters, digits and '_', strings of valid UTF-8 without
 * escapes or control characters, numbers of at most 15 digits before any
 * fraction, arrays of scalars only. Whole numbers written as jw_int writes
 * them are JV_INT, other numbers JV_NUM. 0, or -1 when it is not (the line
 * may still be valid JSON). */
int jrec_parse(struct jrec *r, const char *line, size_t len);
/* The member named key, or NULL. */
const struct jview *jrec_get(const struct jrec *r, const char *key);

#endif
