/* key.h: the keys of eq's maps, built from parts of any length. Each part is
 * written with a NUL after it, so parts cannot run into each other ("a" "bc"
 * and "ab" "c" differ) and nothing is ever cut: a long identifier makes a
 * long key, not a truncated one. Short keys stay in the struct. */
#ifndef EQ_KEY_H
#define EQ_KEY_H

#include <stddef.h>

struct key {
	char *s;          /* the key: buf, or the heap when it outgrew buf */
	size_t n, cap;
	char buf[200];
};

/* Build a key from parts described by fmt: 's' a C string, 'S' a string
 * given as pointer and length (const char *, size_t), 'd' an int.
 * key_of(&k, "sd", school_id, year); k->s, k->n are the key. k needs no
 * setup: key_of starts it afresh, so free a key before building another in
 * the same struct. */
void key_of(struct key *k, const char *fmt, ...);
/* Free what key_of allocated for a long key. */
void key_free(struct key *k);

#endif
