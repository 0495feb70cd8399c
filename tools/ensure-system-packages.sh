#!/usr/bin/env bash
# Installs the Debian packages the tests and `npm start` run: Dovecot (test IMAP servers),
# nats-server (embedded NATS with JetStream), PostgreSQL server binaries (throwaway
# clusters) and Chromium (browser tests). Does nothing when they are already there.
set -euo pipefail
missing=()
command -v dovecot >/dev/null || missing+=(dovecot-imapd)
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
