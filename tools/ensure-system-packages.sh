#!/usr/bin/env bash
# Installs the Debian packages BTSX runs on a developer machine. `start`: nats-server
# (embedded NATS with JetStream) and the PostgreSQL server binaries (a local cluster).
# `test` adds Dovecot (throwaway IMAP servers) and Chromium (browser tests).
# Does nothing when they are already there.
set -euo pipefail
purpose=${1:-test}
missing=()
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ "$purpose" = test ]; then
  command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
  command -v chromium >/dev/null || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
