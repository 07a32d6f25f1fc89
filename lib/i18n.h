/* i18n.h: messages in the user's language (GNU gettext, domain "eq"). The
 * English text is the message id; po/ru.po holds the Russian. Messages are
 * translated where they are printed (die, warnings, rejects, usage, help),
 * so a call site only marks its string. The rejects file keeps the English
 * reason: it is data for scripts. */
#ifndef EQ_I18N_H
#define EQ_I18N_H

/* The message in the language of LC_MESSAGES (LANG), or itself. */
const char *tr(const char *msgid);
/* Marks a string for xgettext without translating it here. */
#define N_(s) (s)

#endif
