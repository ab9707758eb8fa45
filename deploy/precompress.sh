#!/bin/sh
# Write .br and .gz next to every compressible file of a build, so the web server sends them
# without compressing per request (nginx gzip_static / brotli_static, portal-api --static-dir).
set -eu
dir="${1:-dist}"
find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.webmanifest' -o -name '*.json' \) | while read -r f; do
  gzip -9 -n -k -f "$f"
  if command -v brotli >/dev/null; then brotli -q 11 -k -f "$f"; fi
done
