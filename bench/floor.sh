#!/usr/bin/env bash
# The framework's floor: the first download of the smallest Leptos 0.8 app (bench/floor/: a heading,
# a button and a counter), without and with leptos_router (two routes and links; nested and flat), built with the
# portal's release profile, cfg, standard library (tools/small-std.sh) and tools (wasm-bindgen, then wasm-opt -Oz from npm binaryen 132 as Trunk calls it) and
# measured like tests/size-report.sh (brotli -q 11). A measurement, not a test: it shows how much of
# the portal's first download any app on this framework pays before its first line of its own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../.ci/setup.sh
. "$root/.ci/setup.sh" >/dev/null
cd "$root/bench/floor"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components"
# The standard library as the portal's release build has it (tools/release-build.sh).
# shellcheck source=../tools/small-std.sh
. "$root/tools/small-std.sh"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
printf '%-32s %10s %10s %10s\n' variant "wasm raw" "wasm br" "+ js br"
for variant in plain router flat; do
  features=(); [ "$variant" != plain ] && features=(--features "$variant")
  cargo build --release --target wasm32-unknown-unknown --quiet "${features[@]}"
  wasm-bindgen --target web --no-typescript --out-dir "$out/$variant" target/wasm32-unknown-unknown/release/floor.wasm
  wasm-opt -Oz "$out/$variant/floor_bg.wasm" -o "$out/$variant/opt.wasm"
  case $variant in
    plain) label="leptos alone" ;;
    router) label="leptos + leptos_router (Routes)" ;;
    *) label="leptos + leptos_router (FlatRoutes)" ;;
  esac
  printf '%-32s %10d %10d %10d\n' "$label" "$(wc -c < "$out/$variant/opt.wasm")" \
    "$(brotli -q 11 -c "$out/$variant/opt.wasm" | wc -c)" "$(brotli -q 11 -c "$out/$variant/floor.js" | wc -c)"
done
