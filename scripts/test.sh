#!/usr/bin/env bash
# Sets up and runs every check and test: formatting, clippy (host and
# wasm32), the model's unit tests, the server's API tests against temporary
# databases, the web app's unit and in-browser component tests, and the end-to-end tests in Debian's headless Chromium against
# a real `herald serve --demo` and a `herald export` on a static server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "formatting"
cargo fmt --all -- --check
step "clippy (host)"
cargo clippy --workspace --exclude herald-web --all-targets -- -D warnings
cargo clippy -p herald-web --features ssr --lib --tests -- -D warnings
step "clippy (wasm32)"
cargo clippy -p herald-web --features hydrate --target wasm32-unknown-unknown --all-targets -- -D warnings
step "model tests (alone, so the model builds without chrono's clock)"
cargo test -p herald-model
step "server tests"
cargo test -p herald-server
step "web app tests (host, then in headless Chromium)"
cargo test -p herald-web --features ssr --lib
CHROMEDRIVER=$(command -v chromedriver) cargo test -p herald-web --features hydrate --target wasm32-unknown-unknown --lib
step "building the web app"
scripts/build-web.sh
step "end-to-end tests in headless Chromium"
cargo build -p herald-server
(cd tests/e2e && HERALD_BIN=../../target/debug/herald npm test)
