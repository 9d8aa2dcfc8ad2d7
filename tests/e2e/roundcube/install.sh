#!/usr/bin/env bash
# Installs what the Roundcube e2e test needs (tests/e2e/roundcube.e2e.test.ts), only what is
# missing: Debian's Roundcube 1.6 with sqlite, a PHP CLI server and dovecot's IMAP server. No
# apache, no database setup by dbconfig, no system service started (the test runs its own
# dovecot and `php -S` on 127.0.0.1). Idempotent; root on Debian. Prints one line.
set -euo pipefail

PACKAGES=(roundcube roundcube-core roundcube-sqlite3 php-cli php-cgi php-sqlite3 php-intl php-mbstring dovecot-imapd)

installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "roundcube install: nothing to do (${#PACKAGES[@]} packages already installed)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "roundcube install: missing ${missing[*]}; run as root (apt-get)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Our own database (sqlite in the test's temp dir): dbconfig must not set one up.
echo 'roundcube-core roundcube/dbconfig-install boolean false' | debconf-set-selections

# No system service may start (dovecot, php-fpm…): a policy-rc.d that refuses, unless one exists.
POLICY=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\n# tests/e2e/roundcube/install.sh: no service starts during install\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  ours=1
fi
cleanup() { if [ "$ours" = 1 ]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT

log=$(mktemp)
start=$(date +%s)
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  rm -f "$log"
  echo "roundcube install: apt-get failed (missing: ${missing[*]})" >&2
  exit 1
fi
rm -f "$log"
echo "roundcube install: installed ${missing[*]} in $(($(date +%s) - start)) s"
