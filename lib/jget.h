/* jget.h: reading members of parsed derived records (jansson) with a safe
 * default, for the filters that read what other filters wrote. */
#ifndef EQ_JGET_H
#define EQ_JGET_H
#include <jansson.h>
/* A string member, or "" when absent or not a string. */
const char *jstr(const json_t *o, const char *k);
/* A number member, or NAN. */
double jnum(const json_t *o, const char *k);
/* A whole number member; 0 when absent or beyond ±1e6 (an edited stream must
 * not make a cast undefined). */
int jint(const json_t *o, const char *k);
/* 1 when the member is true. */
int jyes(const json_t *o, const char *k);
#endif
