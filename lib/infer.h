/* infer.h: what a file says of the work it holds, in its title rows, sheet
 * name, file name or directories («Проведение работы по математике, 5 класс.
 * ВПР 2021», «ВПР 2024 Математика 5 класс», «2020/7/Немецкий язык.xlsx»):
 * the year, the procedure, the subject, the grade (and an olympiad's stage). Words are read through
 * the dictionaries (values.tsv), so a new way of writing a subject is a data
 * edit. */
#ifndef EQ_INFER_H
#define EQ_INFER_H

#include <stddef.h>

struct inferred {
	int year, grade;                  /* 0: not said */
	const char *procedure, *subject;  /* codes; NULL: not said */
	const char *stage;                /* of an olympiad («школьного этапа»); NULL: not said */
	int max_score;                    /* «Максимальный балл: 35»; 0: not said */
	const char *from[6];              /* where each was found: year, procedure, subject, grade,
	                                   * stage, max_score */
};

/* Read text s[0..n) for what is not yet in *w; where names the text («the
 * file name»). A bare number 1..11 (a directory "7") is a grade only when
 * bare_grade. */
void infer_text(struct inferred *w, const char *s, size_t n, const char *where, int bare_grade);

#endif
