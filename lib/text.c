#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text.h"
#include "util.h"

/* The length of the valid UTF-8 character at s (s < e), or 0. */
static size_t
utf8_seq(const unsigned char *s, const unsigned char *e)
{
	unsigned c = *s, cp;
	size_t k;

	if (c < 0x80)
		return 1;
	else if (c >= 0xc2 && c <= 0xdf)
		k = 1, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 2, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 3, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(e - s) <= k)
		return 0;
	for (size_t i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((k == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (k == 3 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return k + 1;
}

int
utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	uint64_t w;
	size_t k;

	while (s < e) {
		/* ASCII runs, eight bytes at a time */
		if (e - s >= 8 && (memcpy(&w, s, 8), (w & 0x8080808080808080ULL) == 0)) {
			s += 8;
			continue;
		}
		if (!(k = utf8_seq(s, e)))
			return 0;
		s += k;
	}
	return 1;
}

size_t
utf8_prefix(const char *str, size_t n, size_t max)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	size_t len = 0, k;

	while (s + len < e) {
		k = utf8_seq(s + len, e);
		if (!k)
			k = 1; /* a stray byte is a character of its own here */
		if (len + k > max)
			break;
		len += k;
	}
	return len;
}

void
utf8_sanitize(struct sbuf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	size_t k;

	while (s < e) {
		if ((k = utf8_seq(s, e))) {
			sb_putn(b, (const char *)s, k);
			s += k;
		} else {
			sb_puts(b, "\xef\xbf\xbd"); /* U+FFFD */
			s++;
		}
	}
}

int
has_8bit(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			return 1;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] & 0x80)
			return 1;
	return 0;
}

void
cp1251_to_utf8(struct sbuf *b, const char *s, size_t n)
{
	static iconv_t cd = (iconv_t)-1;
	char *in = (char *)s, *out;
	size_t inleft = n, outleft;

	if (cd == (iconv_t)-1 && (cd = iconv_open("UTF-8", "WINDOWS-1251")) == (iconv_t)-1)
		die(EQ_IO, "iconv_open WINDOWS-1251:");
	sb_grow(b, 3 * n + 1);
	out = b->s + b->len;
	outleft = b->cap - b->len - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1)
			break;
		if (errno != EILSEQ)
			die(EQ_IO, "iconv:");
		/* 0x98 is the one byte Windows-1251 leaves undefined */
		in++, inleft--;
		memcpy(out, "\xef\xbf\xbd", 3);
		out += 3, outleft -= 3;
	}
	b->len = out - b->s;
}

void
text_key(struct sbuf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	int space = 0;
	size_t start = b->len;

	while (s < e) {
		unsigned c = *s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    (c == 0xc2 && s + 1 < e && s[1] == 0xa0)) {
			space = 1;
			s += c == 0xc2 ? 2 : 1;
			continue;
		}
		if (space && b->len > start)
			sb_putc(b, ' ');
		space = 0;
		if (c < 0x80) {
			sb_putc(b, c >= 'A' && c <= 'Z' ? c + 32 : c);
			s++;
		} else if (s + 1 < e && (c == 0xd0 || c == 0xd1)) {
			unsigned cp = (c & 0x1f) << 6 | (s[1] & 0x3f);

			if (cp >= 0x410 && cp <= 0x42f)
				cp += 0x20; /* А..Я */
			if (cp == 0x401 || cp == 0x451)
				cp = 0x435; /* Ё, ё -> е */
			sb_putc(b, 0xc0 | cp >> 6);
			sb_putc(b, 0x80 | (cp & 0x3f));
			s += 2;
		} else {
			sb_putc(b, c);
			s++;
		}
	}
}

const char *
trim_slow(const char *s, size_t *n)
{
	size_t len = *n;

	for (;;) {
		if (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		else if (len >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
			s += 2, len -= 2;
		else
			break;
	}
	for (;;) {
		if (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		else if (len >= 2 && (unsigned char)s[len - 2] == 0xc2 && (unsigned char)s[len - 1] == 0xa0)
			len -= 2;
		else
			break;
	}
	*n = len;
	return s;
}

int
parse_number(const char *str, size_t n, double *v, int *is_int)
{
	char tmp[64], *end;
	size_t k = 0, digits = 0;
	const char *s = trim(str, &n), *e = s + n;
	int point = 0, expo = 0;

	if (n == 0)
		return -1;
	if (n <= 15) { /* plain integers, the bulk of a results file, without strtod */
		size_t i = *s == '-' || *s == '+';
		long long u = 0;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			u = 10 * u + (s[i++] - '0');
		if (i == n && n > (size_t)(*s == '-' || *s == '+')) {
			*v = (double)(*s == '-' ? -u : u);
			*is_int = 1;
			return 0;
		}
	}
	if (*s == '+' || *s == '-')
		tmp[k++] = *s++;
	for (; s < e && k < sizeof tmp - 1; s++) {
		unsigned char c = *s;

		if (c >= '0' && c <= '9') {
			tmp[k++] = c;
			digits += !expo;
		} else if ((c == '.' || c == ',') && !point && !expo && digits) {
			tmp[k++] = '.';
			point = 1;
		} else if ((c == 'e' || c == 'E') && digits && !expo) {
			tmp[k++] = 'e';
			expo = 1;
			if (s + 1 < e && (s[1] == '+' || s[1] == '-'))
				tmp[k++] = *++s;
		} else if (c == ' ' && digits && !point && !expo && s + 1 < e &&
		           s[1] >= '0' && s[1] <= '9') {
			; /* digit group separator */
		} else if (c == 0xc2 && s + 2 < e && (unsigned char)s[1] == 0xa0 &&
		           digits && !point && !expo) {
			s++;
		} else {
			return -1;
		}
	}
	if (s < e || !digits || tmp[k - 1] == 'e' || tmp[k - 1] == '+' || tmp[k - 1] == '-')
		return -1;
	tmp[k] = '\0';
	errno = 0;
	*v = strtod(tmp, &end);
	if (*end || errno == ERANGE || !isfinite(*v))
		return -1;
	*is_int = !point && !expo;
	return 0;
}
