#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "json.h"
#include "pseudonym.h"
#include "util.h"

static unsigned char *key;
static size_t keylen;
static char *keypath;

/* A new key file: 32 random bytes as hex, readable by its owner only. */
static int
make_key(const char *path, char *why, size_t whysz)
{
	unsigned char raw[32];
	char hex[65], *dir = estrdup(path), *slash;
	int fd;

	for (slash = dir + 1; (slash = strchr(slash, '/')); *slash++ = '/') {
		*slash = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			snprintf(why, whysz, "%s: %s", dir, strerror(errno));
			free(dir);
			return -1;
		}
	}
	free(dir);
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw) {
		snprintf(why, whysz, "no random bytes for a key: %s", strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	hex[64] = '\n';
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 ||
	    write(fd, hex, sizeof hex) != (ssize_t)sizeof hex || close(fd) < 0) {
		snprintf(why, whysz, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int
pseudonym_key(const char *path, const char **used, int *made, char *why, size_t whysz)
{
	const char *env = getenv("EQ_ID_KEY"), *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	struct sbuf p = { 0 };
	FILE *f;
	size_t n;

	*made = 0;
	if (path || (env && *env)) {
		sb_puts(&p, path ? path : env);
	} else if (xdg && *xdg == '/') {
		sb_printf(&p, "%s/eq/id-key", xdg);
	} else if (home && *home) {
		sb_printf(&p, "%s/.config/eq/id-key", home);
	} else {
		snprintf(why, whysz, "no key file: neither --id-key, EQ_ID_KEY nor HOME is set");
		return -1;
	}
	sb_putc(&p, '\0');
	if (!path && !(env && *env) && access(p.s, F_OK) < 0 && errno == ENOENT) {
		if (make_key(p.s, why, whysz) < 0) {
			sb_free(&p);
			return -1;
		}
		*made = 1;
	}
	if (!(f = fopen(p.s, "rb"))) {
		snprintf(why, whysz, "key file %s: %s", p.s, strerror(errno));
		sb_free(&p);
		return -1;
	}
	key = emalloc(4097);
	n = fread(key, 1, 4097, f);
	fclose(f);
	while (n && (key[n - 1] == '\n' || key[n - 1] == '\r' || key[n - 1] == ' '))
		n--;
	if (n < 16 || n > 4096) {
		snprintf(why, whysz, "key file %s: a key is 16 to 4096 bytes (it has %zu)", p.s, n);
		free(key);
		key = NULL;
		sb_free(&p);
		return -1;
	}
	keylen = n;
	keypath = p.s;
	*used = keypath;
	return 0;
}

void
pseudonym_of(const char *s, size_t n, char out[PSEUDONYM_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)s, n, md, &mdlen);
	memcpy(out, "ps-", 3);
	for (size_t i = 0; i < 10; i++)
		snprintf(out + 3 + 2 * i, 3, "%02x", md[i]);
}

void
pseudonym_free(void)
{
	free(key);
	free(keypath);
	key = NULL;
	keypath = NULL;
}
