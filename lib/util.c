#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/eq"
#endif

const char *argv0 = "eq";

static void
vwarn(const char *fmt, va_list ap)
{
	size_t n = strlen(fmt);

	fflush(stdout);
	fprintf(stderr, "%s: ", argv0);
	vfprintf(stderr, tr(fmt), ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(errno));
	fputc('\n', stderr);
}

void
weprintf(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	errno = saved;
	vwarn(fmt, ap);
	va_end(ap);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(EQ_IO, "malloc:");
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(EQ_IO, "calloc:");
	return p;
}

void *
erealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(EQ_IO, "realloc:");
	return p;
}

char *
estrdup(const char *s)
{
	return estrndup(s, strlen(s));
}

char *
estrndup(const char *s, size_t n)
{
	char *p = emalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
fshut(FILE *fp, const char *name)
{
	int bad = fflush(fp) != 0 || ferror(fp);

	if (fclose(fp) != 0)
		bad = 1;
	if (bad) {
		weprintf("write error on %s:", name);
		return EQ_IO;
	}
	return 0;
}

const char *
eq_datadir(void)
{
	static char *dir;
	char exe[4096], *slash;
	const char *env = getenv("EQ_DATADIR");
	ssize_t n;

	if (dir)
		return dir;
	if (env && *env)
		return dir = estrdup(env);
	/* next to the program: bin/../schemas in the source tree, and
	 * PREFIX/bin/../share/eq when installed (wherever DESTDIR put it) */
	n = readlink("/proc/self/exe", exe, sizeof exe - 32);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0';
			if ((slash = strrchr(exe, '/'))) {
				static const char *const rel[] = { "/schemas", "/share/eq" };
				for (size_t i = 0; i < 2; i++) {
					sprintf(slash, "%s/types", rel[i]);
					if (access(exe, R_OK) == 0) {
						slash[strlen(rel[i])] = '\0';
						return dir = estrdup(exe);
					}
				}
			}
		}
	}
	return dir = estrdup(DATADIR);
}

char *
eq_datapath(const char *rel)
{
	const char *d = eq_datadir();
	char *p = emalloc(strlen(d) + strlen(rel) + 2);

	sprintf(p, "%s/%s", d, rel);
	return p;
}

void
malloc_for_trees(void)
{
#ifdef M_MXFAST
	mallopt(M_MXFAST, 0);
#endif
}
