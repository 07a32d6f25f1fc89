#include <string.h>

#include "dict.h"
#include "infer.h"
#include "json.h"
#include "record.h"
#include "text.h"

#define MAXWORDS 64

/* A byte that belongs to a word: letters (any byte of a UTF-8 letter),
 * digits, and '.' inside abbreviations («рус. яз.»). */
static int
wordbyte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.';
}

/* The number a word of digits says (its length bounded: no reading past it). */
static int
number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n && i < 6; i++)
		v = 10 * v + (s[i] - '0');
	return v;
}

static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* "класс", "классе", "класса", "кл", "кл." */
static int
says_class(const char *s, size_t n)
{
	return (n >= 10 && memcmp(s, "класс", 10) == 0) || (n == 4 && memcmp(s, "кл", 4) == 0) ||
	       (n == 5 && memcmp(s, "кл.", 5) == 0);
}

void
infer_text(struct inferred *w, const char *s, size_t n, const char *where, int bare_grade)
{
	struct sbuf t = { 0 }, gram = { 0 };
	const char *ws[MAXWORDS];
	size_t wl[MAXWORDS], nw = 0, i = 0;

	text_key(&t, s, n); /* lower case, ё as е, spaces collapsed */
	while (i < t.len && nw < MAXWORDS) {
		size_t b;
		while (i < t.len && !wordbyte((unsigned char)t.s[i]))
			i++;
		b = i;
		while (i < t.len && wordbyte((unsigned char)t.s[i]) &&
		       !(t.s[i] == '.' && i > b && digits(t.s + i - 1, 1))) /* 2026.07.03 */
			i++;
		if (i > b)
			ws[nw] = t.s + b, wl[nw++] = i - b;
	}
	/* a number ends where a sentence's full stop begins: "2021." */
	for (i = 0; i < nw; i++)
		if (wl[i] > 1 && ws[i][wl[i] - 1] == '.' && digits(ws[i], wl[i] - 1))
			wl[i]--;
	for (i = 0; i < nw; i++) {
		int y;
		/* a year: 2021, or a school year 2020/21 (said as one word "2020" "21") */
		if (!w->year && wl[i] == 4 && digits(ws[i], 4) && (y = number(ws[i], 4)) >= 2000 && y <= 2100) {
			w->year = y;
			w->from[0] = where;
		}
		/* a grade: "5 класс", "в 5 классе", "11 кл." */
		if (!w->grade && digits(ws[i], wl[i]) && wl[i] <= 2 && i + 1 < nw && says_class(ws[i + 1], wl[i + 1])) {
			int g = number(ws[i], wl[i]);
			if (g >= 1 && g <= 11)
				w->grade = g, w->from[3] = where;
		}
		/* «Максимальный балл: 35», «максимальное количество баллов — 35» */
		if (!w->max_score && wl[i] >= 20 && memcmp(ws[i], "максимальн", 20) == 0)
			for (size_t k = i + 1; k < nw && k <= i + 4; k++)
				if (digits(ws[k], wl[k]) && wl[k] <= 4) {
					w->max_score = number(ws[k], wl[k]);
					w->from[5] = where;
					break;
				}
		if (!w->grade && bare_grade && nw == 1 && digits(ws[i], wl[i]) && wl[i] <= 2) {
			int g = number(ws[i], wl[i]);
			if (g >= 1 && g <= 11)
				w->grade = g, w->from[3] = where;
		}
	}
	/* procedure and subject: the longest run of words a dictionary knows,
	 * the words joined by one space («математика (базовая)» is «математика
	 * базовая») */
	for (size_t len = 4; len >= 1; len--)
		for (i = 0; i + len <= nw; i++) {
			const char *b;
			size_t m;
			const struct dict_value *v;

			gram.len = 0;
			for (size_t k = i; k < i + len; k++) {
				if (k > i)
					sb_putc(&gram, ' ');
				sb_putn(&gram, ws[k], wl[k]);
			}
			b = gram.s, m = gram.len;
			int stop = b[m - 1] == '.'; /* "по математике." */
			if (!w->procedure && ((v = dict_lookup("procedure", b, m)) ||
			                      (stop && (v = dict_lookup("procedure", b, m - 1)))))
				w->procedure = v->code, w->from[1] = where;
			if (!w->subject && ((v = dict_lookup("subject", b, m)) ||
			                    (stop && (v = dict_lookup("subject", b, m - 1)))))
				w->subject = v->code, w->from[2] = where;
			if (!w->stage && ((v = dict_lookup("stage", b, m)) ||
			                  (stop && (v = dict_lookup("stage", b, m - 1)))))
				w->stage = v->code, w->from[4] = where;
		}
	sb_free(&t);
	sb_free(&gram);
}
