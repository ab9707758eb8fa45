#!/bin/sh
# Trunk post_build hook: write the real (hashed) file names of this build into sw.js, and a
# version derived from their contents, so every deploy installs a new service worker and the
# precache list can never go stale.
set -eu
dir="${TRUNK_STAGING_DIR:-dist}"
cd "$dir"
files=$(find . -type f ! -name 'sw.js' ! -name 'csp.txt' ! -name 'robots.txt' ! -name '*.br' ! -name '*.gz' | sed 's|^\./|/|' | LC_ALL=C sort)
version=$(for f in $files; do cat ".$f"; done | sha256sum | cut -c1-16)
list=$(for f in $files; do printf "'%s', " "$f"; done)
sed -i "s|^const VERSION = .*|const VERSION = '$version';|; s|^const PRECACHE = .*|const PRECACHE = [$list];|" sw.js
echo "sw.js: version $version, $(echo "$files" | wc -l) files precached"
