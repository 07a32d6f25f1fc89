#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dict.h"
#include "ru.h"

char *
ru_num(char *buf, size_t size, double v, int decimals)
{
	char *dot;

	if (!isfinite(v)) {
		snprintf(buf, size, "—");
		return buf;
	}
	snprintf(buf, size, "%.*f", decimals, v);
	if ((dot = strchr(buf, '.')))
		*dot = ',';
	return buf;
}

char *
ru_pct(char *buf, size_t size, double share)
{
	char n[48];

	snprintf(buf, size, "%s %%", ru_num(n, sizeof n, 100 * share, 1));
	return buf;
}

const char *
ru_name(const char *field, const char *code)
{
	const struct dict_value *v;

	dict_load(); /* once */
	v = dict_lookup(field, code, strlen(code));
	return v ? v->name : code;
}

char *
ru_share(char *buf, size_t size, double share, double n)
{
	if (!(n >= RU_MIN_SHOWN))
		snprintf(buf, size, "… %% (менее %d участников)", RU_MIN_SHOWN);
	else
		ru_pct(buf, size, share);
	return buf;
}

char *
ru_lower_first(char *buf, size_t size, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int cyr = u[0] == 0xd0 && u[1] >= 0x90 && u[1] <= 0xaf, io = u[0] == 0xd0 && u[1] == 0x81;
	int lat = u[0] >= 'A' && u[0] <= 'Z';
	size_t first = cyr || io ? 2 : lat ? 1 : 0;
	const unsigned char *v = u + first;
	int next_capital = (v[0] == 0xd0 && ((v[1] >= 0x90 && v[1] <= 0xaf) || v[1] == 0x81)) ||
	                   (v[0] >= 'A' && v[0] <= 'Z');

	snprintf(buf, size, "%s", s);
	if (!first || next_capital || size < 3)
		return buf;
	if (lat)
		buf[0] = (char)(u[0] - 'A' + 'a');
	else if (io)
		buf[0] = (char)0xd1, buf[1] = (char)0x91;
	else if (u[1] < 0xa0)
		buf[1] = (char)(u[1] + 0x20);
	else
		buf[0] = (char)0xd1, buf[1] = (char)(u[1] - 0x20);
	return buf;
}
