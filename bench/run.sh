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
tools/release-build.sh
cargo build --release -p portal-api --quiet
work=$(mktemp -d)
cp -r dist "$work/dist"
deploy/precompress.sh "$work/dist"
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck source=serve.sh
. bench/serve.sh
serve "$work/dist" bench
(cd bench && npm ci --no-audit --no-fund --silent)
node bench/lighthouse.mjs "$url" "${RUNS:-3}"
echo
tests/size-report.sh
