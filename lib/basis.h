/* basis.h: what a recommendation rests on, as a reader is told it: the
 * Russian name and unit of each basis indicator (schemas/ref/basis.tsv). */
#ifndef EQ_BASIS_H
#define EQ_BASIS_H

#include <stddef.h>

/* The Russian name of a basis indicator; the code itself when the table does
 * not know it (a catalogue newer than the table). */
const char *basis_name(const char *code);
/* Its value as a reader reads it: "35,0 %", "72,4 балл", "3 место"; "" when
 * it is not a number to show. */
char *basis_value(char *buf, size_t size, const char *code, double v);
void basis_free(void);

#endif
