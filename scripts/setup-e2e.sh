#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs into .vscode-test/ (git-ignored): code-server, i.e. a real
# VS Code workbench served to a browser, plus the Debian packages the UI tests and the native
# builds need. Idempotent and ~1 s when everything is in place, so CI can call it on every run.
#
# Only the npm registry and Debian apt are used. Every lifecycle script that would download from
# GitHub or nodejs.org is skipped and replaced by a local step:
#   - @vscode/ripgrep's rg download      -> symlink to Debian's rg
#   - argon2 / kerberos prebuilt binaries -> compiled here with npm's bundled node-gyp
#   - node-gyp's header download         -> the headers of the nodejs .deb (/usr/include/node)
#   - Playwright's browser download      -> Debian's chromium (playwright-core never downloads)
# playwright-core, mocha, @vscode/vsce and @vscode/test-electron are the project's devDependencies.
#
# Usage: scripts/setup-e2e.sh              MIGRATION_LENS_E2E_FORCE=1 scripts/setup-e2e.sh (reinstall)
set -euo pipefail

# 4.100.3 is the last code-server on npm that accepts Node 20 (it is VS Code 1.100.3); newer ones
# need Node 22+. This pins the project's `engines.vscode` to <= ^1.100.0.
CODE_SERVER_VERSION=4.100.3
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INSTALL_DIR="$REPO/.vscode-test/code-server-$CODE_SERVER_VERSION"
DONE_STAMP="$INSTALL_DIR/.installed"
# Tells test/e2e/run.mjs which code-server to start, so the version is pinned in this file only.
RUNNER_MANIFEST="$REPO/.vscode-test/code-server.json"
LOG_DIR="$REPO/.vscode-test/logs"
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)
START=$(date +%s)

log() { printf '[setup-e2e %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { printf '[setup-e2e] %s\n' "$*" >&2; exit 1; }

install_missing_apt_packages() {
  local missing=()
  command -v g++ >/dev/null || missing+=(g++)
  command -v make >/dev/null || missing+=(make)
  command -v python3 >/dev/null || missing+=(python3)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  command -v rg >/dev/null || missing+=(ripgrep)
  [ -x /usr/lib/chromium/chromium ] || [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev) # headers for the kerberos module
  [ ${#missing[@]} -eq 0 ] && return
  log "apt-get install ${missing[*]}"
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

check_node_and_dev_tools() {
  [ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] \
    || fail "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node -v))"
  local tool
  for tool in playwright-core mocha @vscode/vsce @vscode/test-electron; do
    [ -f "$REPO/node_modules/$tool/package.json" ] || fail "node_modules/$tool is missing: run 'npm ci' first"
  done
}

# node-gyp must build against the running node's headers instead of downloading them.
use_local_node_headers() {
  local header=/usr/include/node/node_version.h version
  [ -f "$header" ] || fail "no $header: install the nodejs .deb (it ships the headers node-gyp needs offline)"
  version=$(awk '/define NODE_(MAJOR|MINOR|PATCH)_VERSION/{printf "%s.", $3}' "$header")
  [ "${version%.}" = "$(node -p process.versions.node)" ] \
    || fail "headers in /usr/include/node are ${version%.}, node is $(node -v)"
  export npm_config_nodedir=/usr
}

find_node_gyp() {
  local npm_dir
  npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
  NODE_GYP="$npm_dir/node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$NODE_GYP" ] || fail "cannot find npm's bundled node-gyp"
}

build_native() {
  local dir="$1" name
  name="$(basename "$dir")"
  (cd "$dir" && node "$NODE_GYP" rebuild -j "$(nproc)" >"$LOG_DIR/gyp-$name.log" 2>&1) \
    || fail "node-gyp failed in $dir, see $LOG_DIR/gyp-$name.log"
}

install_code_server() {
  local pkg="$INSTALL_DIR/node_modules/code-server" vscode
  vscode="$pkg/lib/vscode"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR" "$LOG_DIR"
  echo '{"name":"migration-lens-e2e-code-server","private":true}' >"$INSTALL_DIR/package.json"

  log "npm install --ignore-scripts code-server@$CODE_SERVER_VERSION"
  (cd "$INSTALL_DIR" && npm install --ignore-scripts "${NPM_FLAGS[@]}" "code-server@$CODE_SERVER_VERSION")

  # code-server requires argon2 at start-up; its install script would fetch a binary from GitHub.
  log "build argon2 from source"
  (cd "$INSTALL_DIR" && npm_config_build_from_source=true npm rebuild argon2 "${NPM_FLAGS[@]}" >"$LOG_DIR/argon2.log" 2>&1) \
    || fail "argon2 build failed, see $LOG_DIR/argon2.log"

  # The rest is what code-server's postinstall.sh does, minus its downloads.
  log "VS Code server dependencies"
  (cd "$vscode" && npm install --ignore-scripts --omit=dev "${NPM_FLAGS[@]}")
  mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
  ln -sfn "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"

  # @parcel/watcher ships prebuilt binaries as npm packages and @vscode/deviceid has nothing to
  # build on Linux. node-pty's postinstall only writes compile_commands.json, so it is not needed.
  log "compile native modules (spdlog, native-watchdog, node-pty, kerberos)"
  local module
  for module in @vscode/spdlog native-watchdog node-pty kerberos; do build_native "$vscode/node_modules/$module"; done
  ln -sfn node_modules "$vscode/node_modules.asar"
  ln -sfn code-linux.sh "$vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$vscode/bin/helpers/browser.sh"

  log "built-in extensions' shared dependencies"
  (cd "$vscode/extensions" && npm install --ignore-scripts --omit=dev "${NPM_FLAGS[@]}" && node ./postinstall.mjs >/dev/null)

  (cd "$vscode" && node -e '
    const load = (m) => require(require.resolve(m, { paths: [process.cwd()] }));
    for (const m of ["@vscode/spdlog", "native-watchdog", "node-pty", "kerberos", "@parcel/watcher"]) load(m);
    require("child_process").execFileSync(load("@vscode/ripgrep").rgPath, ["--version"]);') \
    || fail "the native modules of code-server do not load"
  echo "$CODE_SERVER_VERSION" >"$DONE_STAMP"
}

install_missing_apt_packages
check_node_and_dev_tools
[ "${MIGRATION_LENS_E2E_FORCE:-}" = 1 ] && rm -f "$DONE_STAMP"
if [ "$(cat "$DONE_STAMP" 2>/dev/null)" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in ${INSTALL_DIR#"$REPO/"}"
else
  use_local_node_headers
  find_node_gyp
  install_code_server
  log "installed code-server $CODE_SERVER_VERSION in ${INSTALL_DIR#"$REPO/"} ($(du -sh "$INSTALL_DIR" | cut -f1))"
fi
printf '{ "version": "%s", "entry": "%s" }\n' "$CODE_SERVER_VERSION" \
  "$INSTALL_DIR/node_modules/code-server/out/node/entry.js" >"$RUNNER_MANIFEST"
log "ready in $(( $(date +%s) - START )) s"
