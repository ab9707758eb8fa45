#!/usr/bin/env bash
# Bundle size report: raw, gzip -9 and brotli -q 11 bytes of every file in dist/, and the
# first-load total (index.html + JS + wasm + CSS). With --check BYTES it fails when the
# first-load brotli total exceeds BYTES (bytes are deterministic, so this is a test, not a timing).
set -euo pipefail
dist=${DIST_DIR:-$(cd "$(dirname "$0")/.." && pwd)/dist}
printf '%-46s %10s %10s %10s\n' file raw gzip brotli
total_raw=0; total_gz=0; total_br=0
while IFS= read -r f; do
  case "$f" in *.br|*.gz|*/.trunk-lock) continue ;; esac
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-46s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
  case "$f" in *.html|*.js|*.wasm|*.css) total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br)) ;; esac
done < <(find "$dist" -type f | sort)
printf '%-46s %10d %10d %10d\n' "FIRST LOAD (html+js+wasm+css)" "$total_raw" "$total_gz" "$total_br"
if [ "${1:-}" = "--check" ]; then
  cap=$2
  if [ "$total_br" -gt "$cap" ]; then
    echo "size budget: FAILED — first load is $total_br B brotli, budget $cap B"; exit 1
  fi
  echo "size budget: ok — first load $total_br B brotli <= $cap B"
fi
