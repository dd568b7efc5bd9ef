#!/usr/bin/env bash
# Installs what the project needs to build, test and run, from nothing; quick when all is there.
# Debian packages: prosody (the XMPP server the tests run against).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/debian-packages.sh
ensure_debian_packages setup prosody

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi

# code-server and Chromium for the end-to-end test and `npm start`.
bash scripts/setup-e2e.sh
