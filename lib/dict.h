/* dict.h: the dictionaries kept as data in schemas/ref: codes of values with
 * their Russian names and aliases (values.tsv), words with a fixed meaning
 * (markers.tsv), and the column headers of each kind of export (columns.tsv). */
#ifndef EQ_DICT_H
#define EQ_DICT_H

#include <stddef.h>

struct dict_value {
	const char *field, *code, *name;
};

struct column {
	const char *kind, *field;
	int required;
};

/* Load the three files (once). */
void dict_load(void);

/* The value of field whose code or alias is s (compared as text_key does). */
const struct dict_value *dict_lookup(const char *field, const char *s, size_t n);
/* 1 when s is a code of field as it is (not an alias). */
int dict_is_code(const char *field, const char *s, size_t n);
/* 1 when field has a dictionary. */
int dict_has(const char *field);
/* Codes of field, in file order; returns the count. */
size_t dict_codes(const char *field, const struct dict_value *const **vals);
/* 1 when s is one of the words of a marker ("absent", "true", ...). */
int marker_is(const char *what, const char *s, size_t n);
/* 1 when s is one of the words or starts with one followed by a space. */
int marker_prefix(const char *what, const char *s, size_t n);

/* The column a header names in an export of kind, or NULL. */
const struct column *column_lookup(const char *kind, const char *header, size_t n);
/* The column a weak alias (columns.tsv: ~alias) names: only where no other
 * column names that field, in a file without personal columns. */
const struct column *column_weak(const char *kind, const char *header, size_t n);
/* The column a negated alias (columns.tsv: !alias) names: a yes/no column
 * saying the opposite of its field («присутствие» of absent). */
const struct column *column_negated(const char *kind, const char *header, size_t n);
/* The kinds of columns.tsv, in file order; returns the count. */
size_t column_kinds(const char *const **names);
/* Columns of kind in file order; returns the count (0: unknown kind). */
size_t columns_of(const char *kind, const struct column *const **cols);

#endif
