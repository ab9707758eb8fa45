#!/usr/bin/env python3
"""Trunk post_build hook (first of them): name the main wasm and the JS glue by the bytes they are
served with.

Trunk names the main wasm by wasm-bindgen's output, before wasm-opt runs, and the glue before it
minifies it, but computes their SRI hashes after. A build that changes only what wasm-opt or the
minifier does (the flags in index.html, a new binaryen, a new Trunk) would ship different bytes
under the old names. Hashed files are cached as immutable for a year (deploy/render.sh), and the
service worker's install fills its cache through the HTTP cache, so a returning visitor would get
the old bytes, which the new index.html's integrity hash refuses: the app would not start. Renamed
here like the parts (tools/wasm-split-assets.py), a name changes whenever the bytes do.

index.html is the only file that names them at this point: the glue is given the wasm's URL, and
the parts' loader, which imports the glue, is written afterwards by wasm-split-assets.py from the
glue's name in the staging directory. A dev build (no wasm-opt, no minifier) is renamed the same
way; nothing to do when Trunk does not hash file names at all (`filehash = false`)."""
import hashlib
import os
import re
import sys
from pathlib import Path

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
for pattern, suffix in ((r"bijli-seva-[0-9a-f]+_bg\.wasm", "_bg.wasm"), (r"bijli-seva-[0-9a-f]+\.js", ".js")):
    names = set(re.findall(pattern, html))
    if not names:
        continue
    if len(names) != 1:
        sys.exit(f"wasm-name: expected index.html to name one {suffix} file, found {sorted(names)}")
    old = names.pop()
    new = f"bijli-seva-{hashlib.sha256((staging / old).read_bytes()).hexdigest()[:16]}{suffix}"
    if new != old:
        (staging / old).rename(staging / new)
        html = html.replace(old, new)
    print(f"wasm-name: {old} -> {new}")
index.write_text(html, encoding="utf-8")
