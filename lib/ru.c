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
