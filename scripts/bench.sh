#!/usr/bin/env bash
# Sets up, builds and runs Herald's benchmark; prints a table of figures,
# each beside its budget and a reference measured in the same run.
#   scripts/bench.sh            the full run (history up to 100,000 incidents)
#   scripts/bench.sh --quick    a shorter run (up to 10,000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  echo "==> installing wrk and nginx (Debian)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk nginx-light >/dev/null
fi
[ -d bench/node_modules/playwright-core ] || (cd bench && npm ci --no-audit --no-fund)
echo "==> building the web app and the server (release)"
scripts/build-web.sh
cargo build --profile server -p herald-server --bin herald --example seed_history
node bench/run.mjs "$@"
