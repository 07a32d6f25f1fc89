#include <stdlib.h>

#include "fpset.h"
#include "util.h"

static void
grow(struct fpset *s)
{
	struct fpentry *old = s->t;
	size_t oldcap = s->cap;

	s->cap = s->cap ? 2 * s->cap : 1024;
	s->t = ecalloc(s->cap, sizeof *s->t);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].fp) {
			size_t j = old[i].fp & (s->cap - 1);
			while (s->t[j].fp)
				j = (j + 1) & (s->cap - 1);
			s->t[j] = old[i];
		}
	free(old);
}

const struct fpentry *
fpset_add(struct fpset *s, uint64_t fp, uint32_t file, uint32_t line)
{
	size_t i;

	if (fp == 0)
		fp = 1;
	if (4 * (s->n + 1) > 3 * s->cap)
		grow(s);
	for (i = fp & (s->cap - 1); s->t[i].fp; i = (i + 1) & (s->cap - 1))
		if (s->t[i].fp == fp)
			return &s->t[i];
	s->t[i] = (struct fpentry){ fp, line, file };
	s->n++;
	return NULL;
}

void
fpset_free(struct fpset *s)
{
	free(s->t);
	s->t = NULL;
	s->cap = s->n = 0;
}
