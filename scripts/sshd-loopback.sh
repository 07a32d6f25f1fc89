#!/bin/sh
# sshd-loopback.sh DIR: start an sshd on a free loopback port with keys of
# its own in DIR (host key, a user key for this user), for running the
# country across ssh "hosts" on one machine (tests/country.bats, make bench).
# Prints the ssh command that logs in (without the host); DIR/sshd.pid is
# the daemon to kill. Exit 1 when no sshd could be started.
set -eu
dir=$(cd "$1" && pwd)
[ -x /usr/sbin/sshd ] || { echo "sshd-loopback: openssh-server is not installed (make deps)" >&2; exit 1; }
rm -f "$dir/hostkey" "$dir/userkey" "$dir/hostkey.pub" "$dir/userkey.pub"
ssh-keygen -q -t ed25519 -N '' -f "$dir/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$dir/userkey"
cp "$dir/userkey.pub" "$dir/authorized_keys"
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd
for try in 1 2 3 4 5; do
	port=$(awk -v s="$$$try" 'BEGIN { srand(s); print 20000 + int(rand() * 30000) }')
	printf '%s\n' "ListenAddress 127.0.0.1" "Port $port" "HostKey $dir/hostkey" \
		"AuthorizedKeysFile $dir/authorized_keys" "PidFile $dir/sshd.pid" "StrictModes no" \
		"PasswordAuthentication no" "KbdInteractiveAuthentication no" "UsePAM no" \
		"PermitRootLogin prohibit-password" "MaxStartups 100" "MaxSessions 100" > "$dir/sshd_config"
	/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" || continue
	ssh="ssh -p $port -i $dir/userkey -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
	for i in $(seq 50); do
		if $ssh "$(id -un)@127.0.0.1" true 2> /dev/null; then
			echo "$ssh"
			exit 0
		fi
		sleep 0.1
	done
	[ -s "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid")" 2> /dev/null || true
done
cat "$dir/sshd.log" >&2
exit 1
