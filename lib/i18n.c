#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

/* Where eq.mo is: EQ_LOCALEDIR, else beside the program: PREFIX/share/locale
 * when installed, build/locale (or the build directory's locale/) in the
 * source tree. */
static void
bind_domain(void)
{
	static const char *const rel[] = { "/../share/locale", "/../build/locale", "/../locale", NULL };
	const char *env = getenv("EQ_LOCALEDIR");
	char exe[PATH_MAX], path[PATH_MAX + 64], *slash;
	ssize_t n;

	if (env && *env) {
		bindtextdomain("eq", env);
		return;
	}
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return;
	*slash = '\0';
	for (size_t i = 0; rel[i]; i++) {
		snprintf(path, sizeof path, "%s%s/ru/LC_MESSAGES/eq.mo", exe, rel[i]);
		if (access(path, R_OK) == 0) {
			snprintf(path, sizeof path, "%s%s", exe, rel[i]);
			bindtextdomain("eq", path);
			return;
		}
	}
}

const char *
tr(const char *msgid)
{
	static int ready;

	if (!msgid || !*msgid)
		return msgid;
	if (!ready) {
		ready = 1;
		/* messages only: numbers in the records stay with a decimal point */
		if (!setlocale(LC_MESSAGES, ""))
			return msgid;
		bind_domain();
		bind_textdomain_codeset("eq", "UTF-8");
	}
	return dgettext("eq", msgid);
}
