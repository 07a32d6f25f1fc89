/* record.h: rules about records that a JSON Schema cannot state, shared by
 * eq-ingest and eq-normalize. */
#ifndef EQ_RECORD_H
#define EQ_RECORD_H

#include <stddef.h>
#include <jansson.h>

#include "key.h"

/* The grade a class name starts with ("5А", "5 «Б»", "11"), or -1. */
int grade_of_class(const char *s, size_t n);
/* The grade a procedure implies (ОГЭ 9, ЕГЭ 11), or -1. */
int grade_of_procedure(const char *procedure);
/* A year as exports write it: "2024", or a school year "2023/24",
 * "2023/2024", "2023-2024" (its second calendar year). -1 if neither. */
int parse_year(const char *s, size_t n);
/* Context: every count at most students, every share in 0..1. 0 or -1 and
 * the reason. */
int context_check(const json_t *rec, char *err, size_t errsz);

/* Before validation: what a result may leave out and eq-normalize derives,
 * the grade (from the class name or the procedure) and the primary score
 * (the sum of the task scores). */
void result_complete(json_t *rec);
/* The key that makes two pupil results the same result (of a record valid
 * against the result schema). */
void result_key(const json_t *rec, struct key *k);
/* The same key from its parts (a record read in place). */
void result_key_of(struct key *k, int year, const char *procedure, const char *subject,
                   int grade, const char *school, size_t slen, const char *pupil, size_t plen,
                   int retake);

#endif
