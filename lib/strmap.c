#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

uint64_t
hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	/* FNV-1a spreads poorly in the high bits: finish with murmur's fmix64 */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static size_t
slot(const struct strmap *m, const char *k, size_t n)
{
	size_t i = hash_bytes(k, n, 0) & (m->cap - 1);

	while (m->keys[i] && !(m->klens[i] == n && memcmp(m->keys[i], k, n) == 0))
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *
strmap_get(const struct strmap *m, const char *k, size_t n)
{
	size_t i;

	if (!m->cap)
		return NULL;
	i = slot(m, k, n);
	return m->keys[i] ? m->vals[i] : NULL;
}

void
strmap_put(struct strmap *m, const char *k, size_t n, void *v)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct strmap old = *m;

		m->cap = m->cap ? 2 * m->cap : 64;
		m->keys = ecalloc(m->cap, sizeof *m->keys);
		m->klens = ecalloc(m->cap, sizeof *m->klens);
		m->vals = ecalloc(m->cap, sizeof *m->vals);
		m->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.keys[i]) {
				size_t j = slot(m, old.keys[i], old.klens[i]);
				m->keys[j] = old.keys[i];
				m->klens[j] = old.klens[i];
				m->vals[j] = old.vals[i];
				m->n++;
			}
		free(old.keys);
		free(old.klens);
		free(old.vals);
	}
	i = slot(m, k, n);
	if (!m->keys[i]) {
		m->keys[i] = estrndup(k, n);
		m->klens[i] = n;
		m->n++;
	}
	m->vals[i] = v;
}

void
strmap_free(struct strmap *m, void (*freeval)(void *))
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			free(m->keys[i]);
			if (freeval)
				freeval(m->vals[i]);
		}
	free(m->keys);
	free(m->klens);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
