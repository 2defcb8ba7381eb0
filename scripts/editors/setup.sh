#!/usr/bin/env bash
# Installs the real editors that test/editor/*.e2e.test.ts drive:
#   - Neovim (Debian package) as an LSP client,
#   - code-server 4.100.3 (VS Code in the browser) + Debian's Chromium.
#
# Idempotent: Debian packages are installed only when missing, and code-server only when
# its marker file is absent. Everything lands outside the repository, in
#   ${COMP_EDITORS_CACHE:-$HOME/.cache/comp-editors}/code-server
# with a launcher at $COMP_EDITORS_CACHE/bin/code-server (what the e2e tests look for).
#
# Works offline except for the npm registry and Debian's mirrors. code-server's own install
# scripts download binaries from GitHub, so they are skipped (--ignore-scripts) and the
# native modules are rebuilt here against the machine's node headers (/usr/include/node).
# code-server 4.100.3 is the last release that runs on node 20.
set -euo pipefail

CS_VERSION=4.100.3
CACHE="${COMP_EDITORS_CACHE:-$HOME/.cache/comp-editors}"
CS_DIR="$CACHE/code-server"
MARKER="$CS_DIR/.installed-$CS_VERSION"
APT_PACKAGES=(neovim chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)

start=$(date +%s)
log() { printf '[editors-setup %3ss] %s\n' "$(( $(date +%s) - start ))" "$*" >&2; }

# ---------------------------------------------------------------- Debian packages
# shellcheck source=../lib/debian.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/debian.sh"
mapfile -t missing < <(missing_debian_packages "${APT_PACKAGES[@]}")
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to apt-get install: ${missing[*]}"; exit 1; }
    SUDO="sudo"
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages already installed"
fi

# ---------------------------------------------------------------- code-server
mkdir -p "$CACHE/bin"
exec 9>"$CACHE/.lock"
flock 9   # two concurrent runs must not build into the same folder

if [ -f "$MARKER" ]; then
  log "code-server $CS_VERSION already installed in $CS_DIR"
else
  NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$NODE_GYP" ] || { log "cannot find npm's bundled node-gyp"; exit 1; }
  NODEDIR=/usr
  [ -f "$NODEDIR/include/node/node.h" ] || { log "node headers not found in $NODEDIR/include/node"; exit 1; }
  gyp() { node "$NODE_GYP" rebuild --nodedir="$NODEDIR" --jobs=max --loglevel=warn "$@" >/dev/null; }

  log "installing code-server $CS_VERSION into $CS_DIR"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  printf '{ "name": "comp-editors-code-server", "private": true }\n' > package.json
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >/dev/null

  CS="$CS_DIR/node_modules/code-server"
  VS="$CS/lib/vscode"

  log "installing VS Code's runtime dependencies"
  (cd "$VS" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

  log "building native modules"
  for m in kerberos @parcel/watcher @vscode/spdlog native-watchdog node-pty @vscode/deviceid; do
    if [ -d "$VS/node_modules/$m" ]; then
      (cd "$VS/node_modules/$m" && gyp) || { log "native build failed: $m"; exit 1; }
    else
      log "warning: $m not present, skipped"
    fi
  done

  log "ripgrep from Debian"
  mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
  cp /usr/bin/rg "$VS/node_modules/@vscode/ripgrep/bin/rg"

  log "argon2"
  ARGON2="$CS/node_modules/argon2"                         # nested or hoisted by npm
  [ -d "$ARGON2" ] || ARGON2="$CS_DIR/node_modules/argon2"
  (cd "$ARGON2" && gyp \
    --module="$PWD/lib/binding/napi-v3/argon2.node" --module_name=argon2 \
    --module_path="$PWD/lib/binding/napi-v3" --napi_version=9 --node_abi_napi=napi \
    --napi_build_version=3 --node_napi_label=napi-v3)

  ln -sfn node_modules "$VS/node_modules.asar"

  log "built-in extensions' dependencies"
  (cd "$VS/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)

  "$CS/out/node/entry.js" --version >/dev/null 2>&1 || node "$CS/out/node/entry.js" --version >/dev/null
  date -u +%FT%TZ > "$MARKER"
fi

ln -sfn "$CS_DIR/node_modules/.bin/code-server" "$CACHE/bin/code-server"
log "code-server: $("$CACHE/bin/code-server" --version | head -1)"
log "nvim: $(nvim --version | head -1); chromium: $(chromium --version 2>/dev/null | head -1)"
log "done in $(( $(date +%s) - start ))s"
