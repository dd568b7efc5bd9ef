#!/usr/bin/env bash
# Installs what the end-to-end test and `npm start` need: Debian's Chromium, ripgrep and the Kerberos
# headers, and code-server 4.100.3 (a real VS Code 1.100 in the browser; the last release that runs on
# Node 20) in .cache/code-server. Quick when all is there. See ../shared/notes/real-vscode.md.
#
# code-server's own postinstall refuses to run as root and downloads ripgrep from the internet, so its
# steps are done here by hand, with Debian's rg in place of the download.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
CACHE="$PWD/.cache/code-server"
DONE="$CACHE/.installed-$CODE_SERVER_VERSION"

source scripts/lib/debian-packages.sh
ensure_debian_packages setup-e2e chromium ripgrep libkrb5-dev g++ make python3

if [ -f "$DONE" ]; then
  exit 0
fi

echo "setup-e2e: installing code-server $CODE_SERVER_VERSION into $CACHE (takes a few minutes)"
rm -rf "$CACHE"
mkdir -p "$CACHE"
# Its own package.json keeps npm from treating the project's package.json as the install root.
echo '{ "private": true }' >"$CACHE/package.json"
npm_quiet=(--no-audit --no-fund --loglevel=error)

(cd "$CACHE" && npm install "code-server@$CODE_SERVER_VERSION" --ignore-scripts "${npm_quiet[@]}")

VSCODE="$CACHE/node_modules/code-server/lib/vscode"
(
  cd "$VSCODE"
  npm install --ignore-scripts --omit=dev "${npm_quiet[@]}"
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # node-pty's own post-install step fails (it wants to fetch node-gyp with npx) after pty.node is
  # built; the module works, so the rebuild's exit status is not trusted: the built modules are checked.
  npm rebuild @vscode/spdlog node-pty native-watchdog @vscode/deviceid kerberos "${npm_quiet[@]}" \
    >"$CACHE/rebuild.log" 2>&1 || true
  test -f node_modules/node-pty/build/Release/pty.node
  test -f node_modules/@vscode/spdlog/build/Release/spdlog.node
  test -f node_modules/kerberos/build/Release/kerberos.node
  test -f node_modules/native-watchdog/build/Release/watchdog.node
  ln -sfn node_modules node_modules.asar
  (cd extensions && npm install --ignore-scripts "${npm_quiet[@]}")
)
(cd "$CACHE" && npm rebuild argon2 --build-from-source "${npm_quiet[@]}")

# Proves the install: prints VS Code's version line.
node "$CACHE/node_modules/code-server/out/node/entry.js" --config "$CACHE/config.yaml" --version
touch "$DONE"
echo "setup-e2e: code-server ready"
