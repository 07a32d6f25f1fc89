/* text.h: the text of Russian spreadsheet exports: encodings, header names,
 * numbers with a decimal comma. */
#ifndef EQ_TEXT_H
#define EQ_TEXT_H

#include <stddef.h>

struct sbuf;

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* The longest prefix of s[0..n) of at most max bytes that does not cut a
 * character: to quote a value in a message. */
size_t utf8_prefix(const char *s, size_t n, size_t max);
/* Append s[0..n) to b with every byte that is not part of valid UTF-8
 * replaced by U+FFFD: text that goes into JSON or a message. */
void utf8_sanitize(struct sbuf *b, const char *s, size_t n);
/* 1 when s[0..n) has a byte above 0x7f. */
int has_8bit(const char *s, size_t n);
/* Append the Windows-1251 text s[0..n) to b as UTF-8 (through iconv). */
void cp1251_to_utf8(struct sbuf *b, const char *s, size_t n);

/* A header or dictionary key in the form names are compared in: lower case
 * (ASCII and Cyrillic), ё as е, NBSP as space, runs of space collapsed,
 * trimmed. Appends to b. */
void text_key(struct sbuf *b, const char *s, size_t n);

/* Parse a number as Russian Excel writes it: optional sign, spaces or NBSP
 * between digit groups, '.' or ',' as the decimal mark, optional exponent.
 * Returns 0 and sets *v (and *is_int when it has no fraction part written)
 * or -1 when s is not a number. A trailing '%' is not accepted here. */
int parse_number(const char *s, size_t n, double *v, int *is_int);

/* Trim spaces (and NBSP) from both ends of s[0..*n); returns the new start. */
const char *trim_slow(const char *s, size_t *n);
static inline const char *
trim(const char *s, size_t *n)
{
	size_t k = *n;

	if (k == 0 || ((unsigned char)s[0] > ' ' && (unsigned char)s[0] != 0xc2 &&
	               (unsigned char)s[k - 1] > ' ' && (unsigned char)s[k - 1] != 0xa0))
		return s; /* nothing to trim: the common case */
	return trim_slow(s, n);
}

#endif
