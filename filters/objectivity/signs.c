#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "objectivity.h"

void
add_sign(const char *school_id, int year, enum sign_kind kind, double e, struct sbuf *b)
{
	sb_putc(b, '\0');
	ob.signs = erealloc(ob.signs, (ob.nsigns + 1) * sizeof *ob.signs);
	ob.signs[ob.nsigns] = (struct sign){ estrdup(school_id), year, kind, e, ob.nsigns, estrdup(b->s) };
	ob.nsigns++;
	b->len = 0;
}

void
put_proc(struct sbuf *b, int *first, const struct proc_acc *a)
{
	jw_key(b, first, "procedure");
	jw_str(b, a->procedure, strlen(a->procedure));
	jw_key(b, first, "subject");
	jw_str(b, a->subject, strlen(a->subject));
	jw_key(b, first, "grade");
	jw_int(b, a->grade);
}

void
put_pair(struct sbuf *b, double x, double y)
{
	sb_putc(b, '[');
	jw_num(b, x);
	sb_putc(b, ',');
	jw_num(b, y);
	sb_putc(b, ']');
}
int
by_school_then_year(const char *sa, int ya, const char *sb, int yb)
{
	int c = strcmp(sa, sb);

	return c ? c : (ya > yb) - (ya < yb);
}

