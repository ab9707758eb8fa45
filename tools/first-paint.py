#!/usr/bin/env python3
"""Trunk post_build hook: index.html tuned for the first paint on a slow link.

1. The stylesheet is inlined: the static boot shell (what the portal is for, in both languages, and
   the 1912 helpline) then paints as soon as index.html has arrived, without waiting one more round
   trip for the CSS. It is Trunk's minified file (~3.5 KB brotli); the CSP allows it by its hash
   (tools/csp-hashes.py).
2. The main wasm is fetched just after the first paint, not alongside it. Trunk puts `<link rel=preload as=fetch href=…_bg.wasm integrity=…>` in <head>, so on a slow link the
~180 KB wasm shares the bandwidth with the stylesheet the first paint waits for, and the static boot
shell (what the portal is for, in both languages, and the 1912 helpline) paints later than it could.
This removes that preload and has Trunk's loader fetch the wasm two animation frames after the first
paint (or after 150 ms, since a tab opened in the background gets no frames), with the same
integrity check (SRI). The shell's own scripts (glue, snippets) stay preloaded: they are small.
"""
import os
import re
import sys
from pathlib import Path

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")


def fail(why):
    sys.exit(f"first-paint: {why}")


def attr(tag, name):
    m = re.search(r'\b%s=(?:"([^"]*)"|([^\s>]+))' % name, tag)
    return m and (m.group(1) if m.group(1) is not None else m.group(2))


sheets = [t for t in re.findall(r"<link\b[^>]*>", html) if attr(t, "rel") == "stylesheet" and re.fullmatch(r"/main-[0-9a-f]+\.css", attr(t, "href") or "")]
if len(sheets) != 1:
    fail(f"expected one main stylesheet link in index.html, found {len(sheets)}")
css_file = staging / attr(sheets[0], "href").lstrip("/")
css = css_file.read_text(encoding="utf-8")
if "</style" in css:
    fail("the stylesheet contains </style")
html = html.replace(sheets[0], "<style>" + css + "</style>", 1)
css_file.unlink()  # nothing else refers to it

links = [t for t in re.findall(r"<link\b[^>]*>", html) if attr(t, "rel") == "preload" and (attr(t, "href") or "").endswith("_bg.wasm")]
if len(links) != 1:
    fail(f"expected one preload link of the main wasm in index.html, found {len(links)}")
link = links[0]
wasm, integrity = attr(link, "href"), attr(link, "integrity")

call = re.compile(r"init\(\s*\{\s*module_or_path\s*:\s*[`'\"]" + re.escape(wasm) + r"[`'\"]\s*\}\s*\)")
if len(call.findall(html)) != 1:
    fail("Trunk's loader no longer calls init({module_or_path: …}) once; see this script")
options = '{integrity:"%s"}' % integrity if integrity else "{}"
deferred = (
    "init({module_or_path:new Promise(function(r){requestAnimationFrame(function(){requestAnimationFrame(r)});"
    "setTimeout(r,150)}).then(function(){return fetch(\"%s\",%s)})})" % (wasm, options)
)
html = call.sub(lambda _: deferred, html).replace(link, "", 1)
index.write_text(html, encoding="utf-8")
print(f"first-paint: {css_file.name} inlined ({len(css)} B), {wasm} fetched after the first paint" + (" (SRI kept)" if integrity else ""))
