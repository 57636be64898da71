#!/usr/bin/env bash
# Installs what building and testing Herald needs, skipping whatever is
# already installed at the right version. Safe to run again and again.
#
#   scripts/setup.sh            the wasm target, the web apps' nightly, trunk, wasm-bindgen-cli, wasm-opt, brotli
#   scripts/setup.sh --tests    also Debian's Chromium + driver and the e2e npm packages
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14      # 0.22 needs a newer rustc than this machine has
WASM_OPT_VERSION=0.116.1   # binaryen 116; never Debian's binaryen (108 breaks the app)
# The CLI must match the wasm-bindgen crate exactly: read it from Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

has_version() { # command, expected text in its --version output
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
. scripts/web-toolchain.sh
if ! rustup run "$WEB_TOOLCHAIN" rustc --print sysroot >/dev/null 2>&1 ||
  ! rustup component list --toolchain "$WEB_TOOLCHAIN" --installed | grep -q '^rust-src'; then
  say "installing $WEB_TOOLCHAIN with rust-src (the shipped web apps' builds)"
  rustup toolchain install "$WEB_TOOLCHAIN" --profile minimal --component rust-src
fi
# trunk builds offline (Trunk.toml), and the web apps' release builds
# compile the standard library too (build-std), whose own crates (wasip1 …)
# no stable build ever fetches: fetch everything with the web toolchain.
say "fetching the crates the web apps' builds need"
(
  web_release_env
  cargo fetch --quiet --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
)
if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile wants a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! has_version trunk "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! has_version wasm-opt "version 116"; then
  say "installing wasm-opt $WASM_OPT_VERSION"
  cargo install --locked wasm-opt --version "$WASM_OPT_VERSION"
fi

# Compresses the built web app's assets (scripts/build-web.sh).
if ! command -v brotli >/dev/null; then
  say "installing Debian's brotli"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq brotli >/dev/null
fi

if [ "${1:-}" = "--tests" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ]; then
    say "installing the e2e test packages"
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
fi
