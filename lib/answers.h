/* answers.h: the answer strings of РЦОИ protocols of ОГЭ/ЕГЭ, one task after
 * another in one cell. Short answers are one character per task: «+»
 * right (1), «-» wrong (0), a digit the score of a task worth more
 * («++-2+0»). Detailed answers (and the oral part) are score(maximum) per
 * task: «1(2)0(3)». */
#ifndef EQ_ANSWERS_H
#define EQ_ANSWERS_H

#include <stddef.h>

enum answers { ANSWERS_SHORT = 1, ANSWERS_CRITERIA };

/* Parse s[0..n): the number of tasks, their scores in score[] and (for
 * criteria) maxima in max[] (0 for short answers: the string does not
 * say), at most cap of them; -1 when s is not such a string, with *bad
 * the offset of the first character that is not, or when it holds more
 * than cap tasks (*bad = n). */
long answers_parse(enum answers kind, const char *s, size_t n, double *score, double *max,
                   size_t cap, size_t *bad);

#endif
