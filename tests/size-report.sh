#!/usr/bin/env bash
# Bundle size report: raw, gzip -9 and brotli -q 11 bytes of every file in dist/, the
# first-load total (index.html + JS + main wasm + CSS: what the home page downloads), and what
# opening each part of the portal adds (its split_*.wasm and the chunk_*.wasm it shares with
# other parts, read from __wasm_split.js). With --check BYTES it fails when the first-load
# brotli total exceeds BYTES (bytes are deterministic, so this is a test, not a timing).
set -euo pipefail
dist=${DIST_DIR:-$(cd "$(dirname "$0")/.." && pwd)/dist}
printf '%-46s %10s %10s %10s\n' file raw gzip brotli
total_raw=0; total_gz=0; total_br=0
while IFS= read -r f; do
  case "$f" in *.br|*.gz|*/.trunk-lock) continue ;; esac
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-46s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
  # The parts (split_*, chunk_*) are fetched only when their pages are opened.
  case "${f##*/}" in split_*.wasm|chunk_*.wasm) eval "br_$(basename "$f" .wasm | sed 's/-.*//')=$br"; continue ;; esac
  case "$f" in *.html|*.js|*.wasm|*.css) total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br)) ;; esac
done < <(find "$dist" -type f | sort)
printf '%-46s %10d %10d %10d\n' "FIRST LOAD (html+js+wasm+css)" "$total_raw" "$total_gz" "$total_br"
loader="$dist/__wasm_split.js"
if [ -f "$loader" ]; then
  for split in "$dist"/split_*.wasm; do
    part=$(basename "$split" .wasm | sed 's/^split_//; s/-.*//')
    eval "bytes=\$br_split_$part"
    # Chunks are announced in the loader as "/* part, part */ const __chunk_N = ...".
    for n in $(grep -A1 -E "^/\*.*\b$part\b.*\*/" "$loader" | sed -n 's/^const __chunk_\([0-9]*\) .*/\1/p'); do
      eval "bytes=\$((bytes + br_chunk_$n))"
    done
    printf '%-46s %32d\n' "  + opening the $part part" "$bytes"
  done
fi
if [ "${1:-}" = "--check" ]; then
  cap=$2
  if [ "$total_br" -gt "$cap" ]; then
    echo "size budget: FAILED — first load is $total_br B brotli, budget $cap B"; exit 1
  fi
  echo "size budget: ok — first load $total_br B brotli <= $cap B"
fi
