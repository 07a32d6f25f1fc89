#include <math.h>
#include <stdio.h>
#include <string.h>

#include "record.h"
#include "text.h"

int
grade_of_class(const char *s, size_t n)
{
	int g = 0;
	size_t i = 0;

	s = trim(s, &n);
	while (i < n && s[i] >= '0' && s[i] <= '9' && g < 100)
		g = 10 * g + (s[i++] - '0');
	if (i == 0 || i > 2 || g < 1 || g > 11)
		return -1;
	/* "5.5" or "5,0" is a number, not a class */
	if (i < n && (s[i] == '.' || s[i] == ',') && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
		return -1;
	return g;
}

int
grade_of_procedure(const char *procedure)
{
	if (strcmp(procedure, "OGE") == 0)
		return 9;
	if (strcmp(procedure, "EGE") == 0)
		return 11;
	return -1;
}

static int
digits(const char *s, size_t n, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (i >= n || s[i] < '0' || s[i] > '9')
			return -1;
	int v = 0;
	for (size_t i = 0; i < k; i++)
		v = 10 * v + (s[i] - '0');
	return v;
}

int
parse_year(const char *s, size_t n)
{
	int y1, y2;
	size_t i;

	s = trim(s, &n);
	if ((y1 = digits(s, n, 4)) < 0)
		return -1;
	if (n == 4)
		return y1;
	/* a school year: Y1/Y2 with Y2 = Y1 + 1, Y2 written with 2 or 4 digits */
	i = 4;
	while (i < n && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '/' && s[i] != '-'))
		return -1;
	i++;
	while (i < n && s[i] == ' ')
		i++;
	if (n - i == 2 && (y2 = digits(s + i, 2, 2)) >= 0)
		y2 += y1 / 100 * 100 + (y2 < y1 % 100 ? 100 : 0);
	else if (n - i == 4 && (y2 = digits(s + i, 4, 4)) >= 0)
		;
	else
		return -1;
	return y2 == y1 + 1 ? y2 : -1;
}

int
context_check(const json_t *rec, char *err, size_t errsz)
{
	static const char *const counts[] = { "both_parents_higher", "single_parent", "on_register" };
	json_int_t students = json_integer_value(json_object_get(rec, "students"));

	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		json_t *c = json_object_get(rec, counts[i]);

		if (json_is_integer(c) && json_integer_value(c) > students) {
			snprintf(err, errsz, "%s: %lld is above students %lld", counts[i],
			         (long long)json_integer_value(c), (long long)students);
			return -1;
		}
	}
	return 0;
}

/* year, procedure, subject, grade, school, pupil, retake */
void
result_key(const json_t *rec, struct key *k)
{
	const char *school = json_string_value(json_object_get(rec, "school_id"));
	const char *pupil = json_string_value(json_object_get(rec, "student_id"));

	result_key_of(k, (int)json_integer_value(json_object_get(rec, "year")),
	              json_string_value(json_object_get(rec, "procedure")),
	              json_string_value(json_object_get(rec, "subject")),
	              (int)json_integer_value(json_object_get(rec, "grade")), school, strlen(school),
	              pupil, strlen(pupil), (int)json_integer_value(json_object_get(rec, "retake")));
}

void
result_key_of(struct key *k, int year, const char *procedure, const char *subject, int grade,
              const char *school, size_t slen, const char *pupil, size_t plen, int retake)
{
	key_of(k, "dssdSSd", year, procedure, subject, grade, school, slen, pupil, plen, retake);
}

/* Before validation: what a result may leave out and the schema requires
 * or checks, the grade and the primary score. */
void
result_complete(json_t *rec)
{
	json_t *grade = json_object_get(rec, "grade"), *tasks, *t;
	const char *proc = json_string_value(json_object_get(rec, "procedure"));
	const char *cls = json_string_value(json_object_get(rec, "class_name"));
	size_t i;

	if (!grade) {
		int g = cls ? grade_of_class(cls, strlen(cls)) : -1;
		if (g < 0 && proc)
			g = grade_of_procedure(proc);
		if (g > 0)
			json_object_set_new(rec, "grade", grade = json_integer(g));
	}
	if (json_is_true(json_object_get(rec, "absent")))
		return;
	tasks = json_object_get(rec, "tasks");
	if (!json_object_get(rec, "primary_score") && json_is_array(tasks)) {
		double sum = 0;
		int any = 0;
		json_array_foreach(tasks, i, t)
			if (json_is_number(t))
				sum += json_number_value(t), any = 1;
		if (any)
			/* not validated yet: the sum may be anything */
			json_object_set_new(rec, "primary_score", sum == floor(sum) && fabs(sum) < 1e15 ?
			                    json_integer((json_int_t)sum) : json_real(sum));
	}
}
