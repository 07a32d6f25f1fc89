#include <math.h>

#include "jget.h"

const char *
jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

double
jnum(const json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_number(v) ? json_number_value(v) : NAN;
}

int
jint(const json_t *o, const char *k)
{
	double v = jnum(o, k);

	return v >= -1e6 && v <= 1e6 ? (int)v : 0;
}

int
jyes(const json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k));
}
