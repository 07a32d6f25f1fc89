#include "answers.h"

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

long
answers_parse(enum answers kind, const char *s, size_t n, double *score, double *max,
              size_t cap, size_t *bad)
{
	size_t i = 0, k = 0;

	while (i < n) {
		double v = 0, m = 0;

		if (k == cap) {
			*bad = n;
			return -1;
		}
		if (kind == ANSWERS_SHORT) {
			if (s[i] == '+')
				v = 1;
			else if (s[i] == '-')
				v = 0;
			else if (digit(s[i]))
				v = s[i] - '0';
			else
				break;
			i++;
		} else {
			size_t item = i, start = i;
			for (; i < n && digit(s[i]) && i - start < 3; i++)
				v = 10 * v + (s[i] - '0');
			if (i == start || i >= n || s[i] != '(') {
				i = item;
				break;
			}
			start = ++i;
			for (; i < n && digit(s[i]) && i - start < 3; i++)
				m = 10 * m + (s[i] - '0');
			if (i == start || i >= n || s[i] != ')' || v > m) {
				i = item;
				break;
			}
			i++;
		}
		score[k] = v;
		max[k] = m;
		k++;
	}
	if (i < n) {
		*bad = i;
		return -1;
	}
	return (long)k;
}
