/* ru.h: numbers and names as a Russian reader expects them: a decimal comma,
 * "12,5 %", and the Russian names of codes. */
#ifndef EQ_RU_H
#define EQ_RU_H
#include <stddef.h>
/* v with the given decimals, "12,5"; "—" when not finite. */
char *ru_num(char *buf, size_t size, double v, int decimals);
/* A share 0..1 as a percentage with one decimal, "39,1 %". */
char *ru_pct(char *buf, size_t size, double share);
/* Groups smaller than this are never shown as shares: a share of 2 or 3
 * pupils names the pupils. */
#define RU_MIN_SHOWN 5
/* A share of n pupils, as ru_pct, or «… % (менее 5 участников)» when n is
 * below RU_MIN_SHOWN (or unknown). */
char *ru_share(char *buf, size_t size, double share, double n);
/* s with its first letter in lower case, for the middle of a sentence
 * («Математика» -> «математика»), unless the second is a capital too (an
 * abbreviation: «ОБЖ», «ИЗО» stay). Cyrillic and Latin letters. */
char *ru_lower_first(char *buf, size_t size, const char *s);
/* The Russian name of a code of a dictionary field (values.tsv), else the code. */
const char *ru_name(const char *field, const char *code);
#endif
