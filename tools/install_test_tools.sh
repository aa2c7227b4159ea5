#!/usr/bin/env bash
# Installs what the browser, HTML and Lighthouse checks need, only when missing:
# Debian's chromium and its translations, a Java runtime (for the Nu Html Checker) and the npm
# packages pinned in package-lock.json (axe-core, vnu-jar, lighthouse, and
# decap-server for the CMS).
# With --cms (`make cms`): only Node.js and decap-server, the CMS's local
# backend (package.json's one `dependencies` entry, `npm ci --omit=dev`).
# Quick and silent when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
cms_only=false
[ "${1:-}" = "--cms" ] && cms_only=true

missing_debs=()
if ! $cms_only; then
  [ -x /usr/bin/chromium ] || missing_debs+=(chromium)
  # its French, for the CMS's browser tests (a date picker reads jj/mm/aaaa)
  [ -f /usr/lib/chromium/locales/fr.pak ] || missing_debs+=(chromium-l10n)
  command -v java >/dev/null 2>&1 || missing_debs+=(default-jre-headless)
fi
command -v npm >/dev/null 2>&1 || missing_debs+=(nodejs npm)

if [ "${#missing_debs[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "install_test_tools: missing ${missing_debs[*]}; run as root: apt-get install ${missing_debs[*]}" >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when they cannot provide what is missing.
  if ! apt-cache show "${missing_debs[@]}" >/dev/null 2>&1; then
    $SUDO apt-get update -qq
  fi
  echo "install_test_tools: apt-get install ${missing_debs[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
fi

# node_modules/ is (re)installed when missing or older than the lock file; the
# full installation holds decap-server too, and stays full (npm ci empties
# node_modules/ first).
stamp=node_modules/.installed-from-lock
cms_stamp=node_modules/.installed-from-lock-cms
fresh() { [ -f "$1" ] && [ ! package-lock.json -nt "$1" ]; }
if fresh "$stamp"; then
  exit 0
fi
if $cms_only && [ ! -f "$stamp" ]; then
  fresh "$cms_stamp" && exit 0
  echo "install_test_tools: npm ci --omit=dev (decap-server only)"
  npm ci --omit=dev --no-audit --no-fund --loglevel=error
  touch "$cms_stamp"
else
  echo "install_test_tools: npm ci (axe-core, vnu-jar, lighthouse, decap-server)"
  npm ci --no-audit --no-fund --loglevel=error
  rm -f "$cms_stamp"
  touch "$stamp"
fi
