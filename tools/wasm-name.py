#!/usr/bin/env python3
"""Trunk post_build hook (first of them): name the main wasm by the bytes it is served with.

Trunk names it by wasm-bindgen's output, before wasm-opt runs, but computes its SRI hash after. A
build that changes only what wasm-opt does (its flags in index.html, a new binaryen) would ship
different bytes under the old name. Hashed files are cached as immutable for a year
(deploy/render.sh), and the service worker's install fills its cache through the HTTP cache, so a
returning visitor would get the old bytes, which the new index.html's integrity hash refuses: the
app would not start. Renamed here like the parts (tools/wasm-split-assets.py), the name changes
whenever the bytes do. index.html is the only file that names it (the glue is given the URL).
A dev build (no wasm-opt) is renamed the same way; nothing to do when Trunk does not hash file
names at all (`filehash = false`)."""
import hashlib
import os
import re
import sys
from pathlib import Path

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
names = set(re.findall(r"bijli-seva-[0-9a-f]+_bg\.wasm", html))
if not names:
    sys.exit(0)
if len(names) != 1:
    sys.exit(f"wasm-name: expected index.html to name one main wasm, found {sorted(names)}")
old = names.pop()
new = f"bijli-seva-{hashlib.sha256((staging / old).read_bytes()).hexdigest()[:16]}_bg.wasm"
if new != old:
    (staging / old).rename(staging / new)
    index.write_text(html.replace(old, new), encoding="utf-8")
print(f"wasm-name: {old} -> {new}")
