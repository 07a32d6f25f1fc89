/* scales.h: reference scales (schemas/ref/scales.tsv, ege_min.tsv): primary
 * score to mark, maximum scores, ЕГЭ minimum test scores. */
#ifndef EQ_SCALES_H
#define EQ_SCALES_H

struct scale {
	int year, grade;
	char *procedure, *subject;
	double min3, min4, min5, max;
};

void scales_load(void);
/* The table for the procedure, subject and grade: the latest year <= year,
 * else the earliest; NULL when there is none. */
const struct scale *scale_find(int year, const char *procedure, const char *subject, int grade);
/* The mark (2..5) of a primary score on a scale. */
int scale_mark(const struct scale *s, double primary);
/* The ЕГЭ minimum test score of a subject, or -1 when none is known. */
double ege_min_score(const char *subject);

#endif
