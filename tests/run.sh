#!/usr/bin/env bash
# THE test command: installs what is missing, then runs every layer.
#   1. native unit and integration tests (contract rules, drafts, i18n parity, reference server)
#   2. lint: rustfmt (rustfmt.toml), clippy with warnings as errors, natively and for the wasm build with its parts
#   3. browser unit tests (wasm-bindgen-test in headless Chromium)
#   4. release build + bundle size report and budget
#   5. contract conformance (schemathesis against the live reference server)
#   6. end-to-end journeys (playwright-core + system Chromium, release build + reference server)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=../.ci/setup.sh
. .ci/setup.sh
started=$SECONDS
stage() { echo; echo "==== $* ($((SECONDS - started)) s)"; }

# Regression guard on the first-load transfer (what the home page downloads; the other pages
# arrive in parts, src/app/split.rs). Issue 2's cap is 200 KB; issue 10's target of 112 KB is not
# met: the build is ~144.2 KB brotli (BENCHMARKS.md). The guard sits ~2.8 KB above it, less than
# the ~6.7 KB tools/short-imports.py saves, the ~20 KB tools/release-build.sh's own standard
# library and flags save and the ~5 KB the kiosk's idle guard in its part saves, so losing any of
# them fails here. Lower it as the bundle shrinks.
SIZE_BUDGET_BYTES=${SIZE_BUDGET_BYTES:-144500}

stage "1/6 native tests (cargo test --workspace)"
cargo test --workspace --quiet

stage "2/6 lint (rustfmt, clippy with warnings as errors)"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bins --features split --quiet -- -D warnings

stage "3/6 browser unit tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown --test web

stage "4/6 release build and size budget"
tools/release-build.sh
tests/size-report.sh --check "$SIZE_BUDGET_BYTES"

stage "5/6 contract conformance (schemathesis)"
SCHEMATHESIS="$TOOLS_DIR/venv/bin/schemathesis" PORTAL_API_BIN="$root/target/debug/portal-api" api/tests/conformance.sh

stage "6/6 end-to-end journeys (Chromium, release build, reference server)"
cd tests/e2e
node --test --test-concurrency=1 --test-timeout=300000 ./*.test.js

echo
echo "all test layers passed in $((SECONDS - started)) s"
