#!/usr/bin/env bash
# Sets up, builds and runs Herald with the demo page:
#   scripts/run.sh [herald serve options, e.g. --listen 127.0.0.1:9000]
# Data lives in ./herald-data (delete it to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
echo "==> building the web app"
scripts/build-web.sh
echo "==> building the server"
cargo build --profile server -p herald-server
exec target/server/herald serve --demo --web dist "$@"
