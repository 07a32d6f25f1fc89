#!/bin/sh
# Install what eq needs on Debian 12, and only what is missing.
set -eu

need=""
have_file() { [ -e "$1" ]; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_cmd cc || need="$need gcc"
have_cmd make || need="$need make"
have_file /usr/include/csv.h || need="$need libcsv-dev"
have_file /usr/include/jansson.h || need="$need libjansson-dev"
have_file /usr/include/pcre2.h || need="$need libpcre2-dev"
have_file /usr/include/png.h || need="$need libpng-dev"
have_file /usr/include/zip.h || need="$need libzip-dev"
have_file /usr/include/expat.h || need="$need libexpat1-dev"
have_file /usr/include/freexl.h || need="$need libfreexl-dev"
have_file /usr/include/openssl/hmac.h || need="$need libssl-dev"
have_file /usr/include/xlsxwriter.h || need="$need libxlsxwriter-dev"
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need="$need python3-openpyxl"
/usr/bin/python3 -c 'import xlwt' 2>/dev/null || need="$need python3-xlwt"
have_cmd chromium || need="$need chromium"
have_cmd pdfinfo || need="$need poppler-utils"
have_cmd bats || need="$need bats"
have_cmd clang || need="$need clang"
have_cmd jq || need="$need jq"
have_cmd msgfmt || need="$need gettext"
have_cmd locale-gen || need="$need locales"
have_cmd man || need="$need man-db"
have_cmd mlr || need="$need miller"
have_cmd valgrind || need="$need valgrind"
have_cmd afl-fuzz || need="$need afl++"
have_cmd zip || need="$need zip"
have_cmd unzip || need="$need unzip"
have_cmd flock || need="$need util-linux"
have_cmd iconv || need="$need libc-bin"
have_cmd node || need="$need nodejs"
have_cmd npm || need="$need npm"
[ -x /usr/bin/time ] || need="$need time"
# the country run: GNU parallel, across hosts over ssh (tested with an sshd
# on a loopback port)
have_cmd parallel || need="$need parallel"
have_cmd ssh || need="$need openssh-client"
[ -x /usr/sbin/sshd ] || need="$need openssh-server"

if [ -n "$need" ]; then
	echo "eq: installing:$need" >&2
	if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need >&2
fi

# ajv, the reference JSON Schema validator the tests compare against
if [ ! -d tests/ajv/node_modules/ajv ]; then
	echo "eq: installing ajv (npm) for the schema cross-check" >&2
	(cd tests/ajv && npm install --no-audit --no-fund --silent >&2)
fi

# Russian messages are tested under ru_RU.UTF-8: the locale must exist
if ! locale -a 2>/dev/null | grep -qi '^ru_RU\.utf-\?8$'; then
	echo "eq: generating the ru_RU.UTF-8 locale" >&2
	if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo sed -i 's/^# *ru_RU.UTF-8 UTF-8/ru_RU.UTF-8 UTF-8/' /etc/locale.gen
	grep -q '^ru_RU.UTF-8 UTF-8' /etc/locale.gen || echo 'ru_RU.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen > /dev/null
	$sudo locale-gen >&2
fi
