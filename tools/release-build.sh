#!/usr/bin/env bash
# The release build of the portal (what ships, what the tests and the benchmark load): Trunk's
# `trunk build --release`, with the standard library compiled for size as part of the build and
# panics compiled to a bare trap. Arguments go to trunk (e.g. --dist DIR).
#
# Why: the standard library rustup ships is built once for every program, with its panic machinery
# (message formatting, locations, the hook). Building it with the portal, with
# `-Cpanic=immediate-abort` and std's `optimize_for_size`, leaves that machinery out: 17 KB less
# brotli in the first download, 10–11 KB less in each form's part (BENCHMARKS.md, twenty-sixth
# session). A panic still stops the wasm as before (the release build never unwound); what is lost
# is the message in the browser's console. `-Zfmt-debug=none` also drops the code of every `Debug`
# formatting (3.1 KB more): nothing the portal shows, stores or sends is made with `{:?}` (only
# tests and the frameworks' console diagnostics use it, and those then print nothing). The options
# are unstable, so RUSTC_BOOTSTRAP=1 lets the stable compiler accept them for this build only
# (tools/small-std.sh); tests of single modules (wasm-bindgen-test), clippy and `trunk serve` use
# the standard library as shipped.
#
# BIJLI_PANIC_MESSAGES=1 builds the standard way instead (panic messages and Debug output in the
# console, for debugging a crash). It is also the way out if a new Rust release changes these
# options: the build then fails here, and the size guard in tests/run.sh says how much bigger the
# standard build is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=../.ci/setup.sh
. .ci/setup.sh >/dev/null
if [ -n "${BIJLI_PANIC_MESSAGES:-}" ]; then
  exec trunk build --release "$@"
fi
# shellcheck source=small-std.sh
. tools/small-std.sh
if ! trunk build --release "$@"; then
  echo "release-build: the build with the standard library compiled for size failed." >&2
  echo "  If a new Rust release changed -Cpanic=immediate-abort or -Zbuild-std, BIJLI_PANIC_MESSAGES=1 builds the standard way." >&2
  exit 1
fi
