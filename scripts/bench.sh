#!/usr/bin/env bash
# Sets up, builds and runs Herald's benchmark; prints a table of figures,
# each beside its budget and a reference measured in the same run.
#   scripts/bench.sh            the full run (history up to 100,000 incidents)
#   scripts/bench.sh --quick    a shorter run (up to 10,000)
#   scripts/bench.sh --only lighthouse   only the Lighthouse figures
#   scripts/bench.sh --only server       only the server's figures
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
# Reinstall when a package of the lockfile is missing (one added since).
for package in playwright-core lighthouse chrome-launcher; do
  [ -d "bench/node_modules/$package" ] || { (cd bench && npm ci --no-audit --no-fund); break; }
done
echo "==> building the web app and the server (release)"
scripts/build-web.sh
cargo build --profile server -p herald-server --bin herald --example seed_history
node bench/run.mjs "$@"
