/* fpset.h: a set of 64-bit fingerprints, each with where it was first seen.
 * 16 bytes an entry: the memory the duplicate check costs per record. */
#ifndef EQ_FPSET_H
#define EQ_FPSET_H

#include <stddef.h>
#include <stdint.h>

struct fpentry {
	uint64_t fp;     /* 0 = empty slot */
	uint32_t line;
	uint32_t file;
};

struct fpset {
	struct fpentry *t;
	size_t cap, n;
};

/* Insert fp; if it was there, return its entry (the first occurrence). */
const struct fpentry *fpset_add(struct fpset *s, uint64_t fp, uint32_t file, uint32_t line);
void fpset_free(struct fpset *s);

#endif
