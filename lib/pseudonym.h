/* pseudonym.h: a pupil's student_id where a protocol has no participant
 * code: HMAC-SHA256 of what identifies the pupil (the document number, else
 * the name and the school), under a key from a file the user keeps. Without
 * the key the id cannot be traced back to the pupil, nor made for a guessed
 * name; with the same key the same pupil gets the same id in every file
 * and year. */
#ifndef EQ_PSEUDONYM_H
#define EQ_PSEUDONYM_H

#include <stddef.h>

#define PSEUDONYM_LEN 23 /* "ps-" and 20 hex digits (80 bits) */

/* Load the key: from path, else $EQ_ID_KEY, else
 * ${XDG_CONFIG_HOME:-$HOME/.config}/eq/id-key, which is made (32 random
 * bytes, mode 0600) when it does not exist yet. *made is set when it was.
 * The key file's name in *used. 0, or -1 and why. */
int pseudonym_key(const char *path, const char **used, int *made, char *why, size_t whysz);
/* The id of s[0..n) under the key: PSEUDONYM_LEN characters and a NUL. */
void pseudonym_of(const char *s, size_t n, char out[PSEUDONYM_LEN + 1]);
void pseudonym_free(void);

#endif
