#!/usr/bin/env bash
# The page-load benchmark (a measurement, not a test): builds the release, serves it like
# production (precompressed brotli/gzip, application/wasm, immutable hashed files, the build's CSP)
# with the reference backend, runs Lighthouse (npm, system Chromium) with its mobile preset
# (simulated slow 4G, 4x CPU) three times per page and prints the medians; then "Regular 3G" and
# repeat visits (service worker), and the bundle size report. Record the output in BENCHMARKS.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=../.ci/setup.sh
. .ci/setup.sh
trunk build --release
cargo build --release -p portal-api --quiet
work=$(mktemp -d)
cp -r dist "$work/dist"
deploy/precompress.sh "$work/dist"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/release/portal-api --addr "127.0.0.1:$port" --db "$work/bench.db" --static-dir "$work/dist" 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
(cd bench && npm ci --no-audit --no-fund --silent)
node bench/lighthouse.mjs "http://127.0.0.1:$port" "${RUNS:-3}"
echo
tests/size-report.sh
