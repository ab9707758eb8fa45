#!/bin/sh
# Trunk post_build hook (runs before sw-precache.sh): put the wasm parts cut by
# tools/bin/wasm-bindgen into the build, under content-hashed names so they can be cached
# forever, and point the small loader (__wasm_split.js, imported by the glue) at them and at
# this build's hashed glue. Nothing to do when the build was not split.
set -eu
staging="${TRUNK_STAGING_DIR:-dist}"
target_dir="${CARGO_TARGET_DIR:-target}"
split_dir="$target_dir/wasm-bindgen/${TRUNK_PROFILE:-release}/split"
[ -f "$split_dir/__wasm_split.js" ] || exit 0

glue=$(cd "$staging" && ls bijli-seva-*.js | head -n 1)
loader="$staging/__wasm_split.js"
sed "s|from \"./bijli-seva.js\"|from \"./$glue\"|" "$split_dir/__wasm_split.js" > "$loader"
grep -q "from \"./$glue\"" "$loader" || { echo "wasm-split-assets: loader does not import the glue" >&2; exit 1; }

count=0
for part in "$split_dir"/*.wasm; do
  name=$(basename "$part" .wasm)
  hash=$(sha256sum "$part" | cut -c1-16)
  cp "$part" "$staging/$name-$hash.wasm"
  sed -i "s|\"./$name.wasm\"|\"./$name-$hash.wasm\"|" "$loader"
  count=$((count + 1))
done
echo "wasm-split-assets: $count parts, loader imports $glue"
