/* strmap.h: a string-keyed hash map (open addressing), and the hash eq uses. */
#ifndef EQ_STRMAP_H
#define EQ_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys;
	size_t *klens;
	void **vals;
	size_t cap, n;
};

uint64_t hash_bytes(const void *p, size_t n, uint64_t seed);
void *strmap_get(const struct strmap *m, const char *k, size_t n);
/* Insert or replace; the key is copied. */
void strmap_put(struct strmap *m, const char *k, size_t n, void *v);
void strmap_free(struct strmap *m, void (*freeval)(void *));

#endif
