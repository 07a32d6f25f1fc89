/* catalogue.c: the catalogue of measures (schemas/ref/recommendations.tsv,
 * or --rules FILE), checked whole before any input is read: each row's
 * trigger, threshold, audience, priority, due date and the placeholders its
 * text may use. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "recommend.h"
#include "tsv.h"

static const struct {
	const char *name;
	int threshold;            /* 1: the rule must give one */
	const char *placeholders; /* besides the common ones */
} triggers[NTRIGGERS] = {
	[T_SHNOR] = { "shnor", 0, " criteria procedures threshold " },
	[T_SHNSU] = { "shnsu", 0, " isbs cut rank of students " },
	[T_PARTNER] = { "partner", 0, " partner partner_reason " },
	[T_NO_PARTNER] = { "no_partner", 0, " reason " },
	[T_RISK] = { "risk_factor", 0, " items " },
	[T_FLAGGED] = { "objectivity_flagged", 0, " items " },
	[T_UNOBSERVED] = { "unobserved_flagged", 0, " items signs " },
	[T_RANK] = { "objectivity_rank", 1, " rank of evidence threshold " },
	[T_LOW_TASKS] = { "low_tasks", 1, " items threshold " },
	[T_LOW_PROC] = { "low_procedure", 0, " items threshold " },
	[T_FALL] = { "results_fall", 1, " items threshold " },
};
#define COMMON_PLACEHOLDERS " school year next group "

const char *const audience_code[NAUDIENCES] = {
	[A_ADMINISTRATION] = "administration", [A_TEACHERS] = "teachers", [A_PARENTS] = "parents",
	[A_MUNICIPALITY] = "municipality", [A_PRIMARY] = "primary_teachers",
};

static int
placeholders_ok(const char *s, const char *allowed, char *bad, size_t badsz)
{
	const char *p = s, *e;
	char word[64];

	while ((p = strchr(p, '{'))) {
		if (!(e = strchr(p, '}')) || (size_t)(e - p) >= sizeof word - 2) {
			snprintf(bad, badsz, "an unclosed \"{\"");
			return 0;
		}
		word[0] = ' ';
		memcpy(word + 1, p + 1, (size_t)(e - p - 1));
		word[e - p] = ' ';
		word[e - p + 1] = '\0';
		if (!strstr(COMMON_PLACEHOLDERS, word) && !strstr(allowed, word)) {
			snprintf(bad, badsz, "{%.*s}", (int)(e - p - 1), p + 1);
			return 0;
		}
		p = e + 1;
	}
	return 1;
}

/* A catalogue's due for the year y: {year} and {next} put in, else as given. */
void
due_date(char *out, size_t size, const char *tmpl, int y)
{
	if (strncmp(tmpl, "{year}", 6) == 0 || strncmp(tmpl, "{next}", 6) == 0)
		snprintf(out, size, "%d%s", tmpl[1] == 'n' ? y + 1 : y, tmpl + 6);
	else
		snprintf(out, size, "%s", tmpl);
}

/* The due of a catalogue row is a date of the calendar once the year y is
 * put in. */
static int
due_ok(const char *tmpl, int y)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char due[64];
	int yy, m, d, len = 0, leap;

	due_date(due, sizeof due, tmpl, y);
	if (sscanf(due, "%4d-%2d-%2d%n", &yy, &m, &d, &len) != 3 || due[len] || len != 10 ||
	    m < 1 || m > 12 || yy < 2000 || yy > 2100)
		return 0;
	leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

static void
rule_row(const struct tsv_row *row, void *arg)
{
	struct rule r = { 0 };
	char *colon, bad[80];
	size_t t;
	int a;
	(void)arg;

	for (size_t i = 0; i < rc.nrules; i++)
		if (strcmp(rc.rules[i].code, row->col[0]) == 0)
			tsv_die(row, "code \"%s\" given twice", row->col[0]);
	if ((colon = strchr(row->col[1], ':')))
		*colon = '\0';
	for (t = 0; t < NTRIGGERS && strcmp(triggers[t].name, row->col[1]) != 0; t++)
		;
	if (t == NTRIGGERS)
		tsv_die(row, "unknown trigger \"%s\" (see eq-recommend(1))", row->col[1]);
	r.trigger = (enum trigger)t;
	if (colon) {
		if (r.trigger != T_RISK || !dict_is_code("factor", colon + 1, strlen(colon + 1)))
			tsv_die(row, "\"%s:%s\": only risk_factor takes an argument, a factor code of "
			        "schemas/ref/values.tsv", row->col[1], colon + 1);
		r.arg = estrdup(colon + 1);
	}
	if (strcmp(row->col[2], "-") == 0) {
		if (triggers[t].threshold)
			tsv_die(row, "trigger %s needs a threshold", triggers[t].name);
		r.threshold = NAN;
	} else {
		r.threshold = tsv_num(row, 2);
	}
	for (a = 0; a < A_PRIMARY && strcmp(audience_code[a], row->col[3]) != 0; a++)
		;
	if (a == A_PRIMARY)
		tsv_die(row, "unknown audience \"%s\": administration, teachers, parents or municipality", row->col[3]);
	r.audience = (enum audience)a;
	{
		double p = tsv_num(row, 4);
		if (!(p >= 1 && p <= 9 && p == (int)p))
			tsv_die(row, "priority \"%s\": a whole number 1 to 9", row->col[4]);
		r.priority = (int)p;
	}
	/* the deadline: a date of the calendar in a leap year and in another */
	if (!due_ok(row->col[5], 2023) || !due_ok(row->col[5], 2024))
		tsv_die(row, "due \"%s\": expected a date YYYY-MM-DD, {year}-MM-DD or {next}-MM-DD "
		        "(a day every year has)", row->col[5]);
	if (!placeholders_ok(row->col[6], triggers[t].placeholders, bad, sizeof bad))
		tsv_die(row, "%s in the text: trigger %s fills only {school} {year} {next} {group} and%s",
		        bad, triggers[t].name, triggers[t].placeholders);
	r.code = estrdup(row->col[0]);
	r.due = estrdup(row->col[5]);
	r.text = estrdup(row->col[6]);
	r.title = row->ncols > 7 && *row->col[7] ? estrdup(row->col[7]) : NULL;
	rc.rules = erealloc(rc.rules, (rc.nrules + 1) * sizeof *rc.rules);
	rc.rules[rc.nrules++] = r;
}

void
catalogue_load(const char *path, int user)
{
	if (user) /* refused before any input is read */
		tsv_each_user(path, 7, rule_row, NULL);
	else
		tsv_each(path, 7, rule_row, NULL);
}

void
catalogue_free(void)
{
	for (size_t i = 0; i < rc.nrules; i++) {
		free(rc.rules[i].code);
		free(rc.rules[i].arg);
		free(rc.rules[i].due);
		free(rc.rules[i].text);
		free(rc.rules[i].title);
	}
	free(rc.rules);
}
