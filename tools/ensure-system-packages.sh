#!/usr/bin/env bash
# Installs the Debian packages BTSX runs on a developer machine. `start`: nats-server
# (embedded NATS with JetStream) and the PostgreSQL server binaries (a local cluster).
# `test` adds Dovecot (throwaway IMAP servers), Chromium (browser tests) and Courier-IMAP and
# Cyrus IMAP (the server matrix). Does nothing when they are already there.
set -euo pipefail
purpose=${1:-test}
# courier-imap and cyrus-imapd conflict with dovecot-imapd (all provide imap-server), so they
# are unpacked here, not installed, and run from here; their dependencies are installed.
# libs/testing/src/unpacked-package.ts names the same directory.
unpacked_dir=/var/cache/btsx/imap-servers
unpacked_packages=(courier-imap cyrus-imapd)
missing=()
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
unpack=()
if [ "$purpose" = test ]; then
  command -v dovecot >/dev/null || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
  command -v chromium >/dev/null || missing+=(chromium)
  # ssmtp: cyrus-common wants a mail transport, and ssmtp is one that runs no daemon.
  for package in courier-base courier-authdaemon courier-authlib-userdb \
    cyrus-common cyrus-admin cyrus-clients sasl2-bin ssmtp; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
      missing+=("$package")
  done
  for package in "${unpacked_packages[@]}"; do
    [ -f "$unpacked_dir/$package/.unpacked" ] || unpack+=("$package")
  done
fi
[ ${#missing[@]} -eq 0 ] && [ ${#unpack[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]} ${unpack[*]}. Run this script with sudo." >&2
  exit 1
fi

# Package scripts start daemons (courier-authdaemon, cyrus); tests start their own instances.
# policy-rc.d answering 101 tells invoke-rc.d not to; an existing one is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi

apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for package in "${unpack[@]}"; do
  echo "Unpacking $package into $unpacked_dir" >&2
  download=$(mktemp -d)
  chmod 755 "$download" # apt downloads as the _apt user
  (cd "$download" && apt-get download -qq "$package")
  rm -rf "${unpacked_dir:?}/$package"
  mkdir -p "$unpacked_dir/$package"
  dpkg-deb -x "$download"/"$package"_*.deb "$unpacked_dir/$package"
  touch "$unpacked_dir/$package/.unpacked"
  rm -rf "$download"
done
# The daemons the tests use must not be left running by a package script.
for init in courier-authdaemon cyrus-imapd; do
  [ -x "/etc/init.d/$init" ] && "/etc/init.d/$init" stop >/dev/null 2>&1 || true
done
