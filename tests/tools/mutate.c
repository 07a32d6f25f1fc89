/* mutate SEED < in > out: a few random edits of the bytes of in (flips to
 * bytes that matter to CSV and JSON, insertions, deletions, truncation),
 * for the fuzz run. Deterministic for a seed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long s;

static unsigned
rnd(unsigned n)
{
	s ^= s << 13, s ^= s >> 7, s ^= s << 17;
	return n ? (unsigned)((s >> 11) % n) : 0;
}

int
main(int argc, char *argv[])
{
	static const char flips[] = "\";,\t\n\r\0\xff\xd0\xd1x0129.%-{}[]:\\eE";
	static const char *const inserts[] = { "\"", "\"\"", ";", "\n", "\xef\xbb\xbf", "\xd0",
		"999999999999999999999999999999", "%", "\\u00", "\\ud800", "1e999", "-",
		"\"type\":\"result\",", "{", "[", ",,,,", "отсутствовал", "Х" };
	size_t cap = 1 << 16, n = 0, k;
	char *b = malloc(cap);

	s = 88172645463325252ULL ^ (argc > 1 ? strtoull(argv[1], NULL, 10) * 2654435761ULL : 0);
	while ((k = fread(b + n, 1, cap - n, stdin)) > 0)
		if ((n += k) == cap)
			b = realloc(b, cap *= 2);
	b = realloc(b, cap + 4096);
	for (int m = 1 + rnd(12); m-- > 0 && n > 0;) {
		size_t p = rnd((unsigned)n);
		switch (rnd(5)) {
		case 4: { /* a number becomes an extreme one: where numeric code breaks */
			static const char *const big[] = { "99999999999999999999999999999999",
				"-9223372036854775809", "1e308", "0,0000000000000000000001", "4294967296" };
			const char *v = big[rnd(sizeof big / sizeof *big)];
			size_t e = p, l = strlen(v);
			while (p < n && !(b[p] >= '0' && b[p] <= '9'))
				p++;
			for (e = p; e < n && b[e] >= '0' && b[e] <= '9'; e++)
				;
			if (p == n || n - (e - p) + l > cap + 4096)
				break;
			memmove(b + p + l, b + e, n - e);
			memcpy(b + p, v, l);
			n = n - (e - p) + l;
			break;
		}
		case 0:
			b[p] = flips[rnd(sizeof flips - 1)];
			break;
		case 1: {
			const char *ins = inserts[rnd(sizeof inserts / sizeof *inserts)];
			size_t l = strlen(ins);
			if (n + l > cap + 4096)
				break;
			memmove(b + p + l, b + p, n - p);
			memcpy(b + p, ins, l);
			n += l;
			break;
		}
		case 2: {
			size_t l = 1 + rnd(40);
			if (p + l > n)
				l = n - p;
			memmove(b + p, b + p + l, n - p - l);
			n -= l;
			break;
		}
		default:
			if (rnd(4) == 0)
				n = p;
		}
	}
	fwrite(b, 1, n, stdout);
	free(b);
	return 0;
}
