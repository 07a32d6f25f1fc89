#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json.h"
#include "rederive.h"
#include "strmap.h"
#include "util.h"

static const char *const *types;
static struct strmap written;     /* keys of the records written anew */
static struct {
	char **line;
	size_t *len, n;
} held;

void
rederive_types(const char *const *t)
{
	types = t;
}

int
rederive_hold(const struct record *r)
{
	if (!types || !r->type)
		return 0;
	for (size_t i = 0; types[i]; i++)
		if (strlen(types[i]) == r->tlen && memcmp(types[i], r->type, r->tlen) == 0) {
			held.line = erealloc(held.line, (held.n + 1) * sizeof *held.line);
			held.len = erealloc(held.len, (held.n + 1) * sizeof *held.len);
			held.line[held.n] = emalloc(r->len + 1);
			memcpy(held.line[held.n], r->line, r->len);
			held.line[held.n][r->len] = '\n';
			held.len[held.n++] = r->len + 1;
			return 1;
		}
	return 0;
}

/* the identity of a derived record: its type and the fields that say what it
 * is about; "" when the line is not an object */
static void
key_of_line(struct sbuf *k, const char *line, size_t len)
{
	static const char *const fields[] = { "type", "school_id", "group", "level", "year", "procedure",
		"subject", "grade", "audience", "code", "indicator", NULL };
	json_error_t e;
	json_t *o = json_loadb(line, len, 0, &e);

	k->len = 0;
	if (!json_is_object(o)) {
		json_decref(o);
		return;
	}
	for (size_t i = 0; fields[i]; i++) {
		json_t *v = json_object_get(o, fields[i]);
		char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
		sb_puts(k, fields[i]);
		sb_putc(k, '=');
		sb_puts(k, s ? s : "");
		sb_putc(k, '\x1f');
		free(s);
	}
	json_decref(o);
}

void
rederive_mark(const char *buf, size_t len)
{
	struct sbuf k = { 0 };

	if (!types || !held.n) /* nothing held: nothing to replace */
		return;
	for (const char *p = buf, *end = buf + len, *nl; p < end; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			nl = end;
		key_of_line(&k, p, (size_t)(nl - p));
		if (k.len)
			strmap_put(&written, k.s, k.len, &written);
	}
	sb_free(&k);
}

void
rederive_flush(void)
{
	struct sbuf k = { 0 };

	for (size_t i = 0; i < held.n; i++) {
		key_of_line(&k, held.line[i], held.len[i] - 1);
		if (!k.len || !strmap_get(&written, k.s, k.len))
			fwrite(held.line[i], 1, held.len[i], stdout);
		free(held.line[i]);
	}
	free(held.line), free(held.len);
	held.line = NULL, held.len = NULL, held.n = 0;
	strmap_free(&written, NULL);
	sb_free(&k);
}
