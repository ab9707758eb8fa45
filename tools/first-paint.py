#!/usr/bin/env python3
"""Trunk post_build hook: index.html tuned for the first paint on a slow link.

1. The stylesheet is inlined: the static boot shell (what the portal is for, in both languages, and
   the 1912 helpline) then paints as soon as index.html has arrived, without waiting one more round
   trip for the CSS. It is Trunk's minified file (~3.5 KB brotli); the CSP allows it by its hash
   (tools/csp-hashes.py).
2. Nothing else is fetched before the first paint. Trunk preloads the main wasm (~180 KB) and the
   scripts (glue, snippets; ~12 KB) from <head> and imports the glue at once, so on a slow link they
   share the bandwidth with the first paint, and Lighthouse's simulation ties the paint of the static
   boot shell (what the portal is for, in both languages, and the 1912 helpline: the page's largest
   contentful paint) to their downloads. This replaces Trunk's loader with one that waits for the
   first contentful paint, then preloads the scripts with their SRI hashes, imports the glue and
   fetches the wasm with its SRI hash.
3. One wait and one queue for everything fetched after the paint (`bijliAfterPaint`, a classic
   script ahead of every other): the loader above, and the deep-link early fetches of
   tools/wasm-split-assets.py. The wait is the reported first contentful paint (browsers without
   paint timing: two animation frames; 1 s at the latest). No wait at all in a tab opened in the
   background, which has no paint to wait for, nor on a repeat visit the service worker answers:
   the files then come from the phone's own cache and take no bandwidth from the first paint, and
   starting at once makes the page interactive sooner (Lighthouse, repeat visit to `/`, 4 runs
   interleaved: median time to interactive 1.20 s -> 1.07 s, first paint not later).
   The queue starts one request per task: starting one (a link appended to the document, or a
   fetch()) costs ~1-5 ms of main thread (~4-12 ms at Lighthouse's 4x CPU), and a deep link's part
   is up to 14 files, which in one task made a 40-180 ms long task. The loader's steps go first, as the main wasm is what the
   page waits for. Tasks come from a MessageChannel, not setTimeout, which a background tab would
   slow to one a second.
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
wasm, wasm_integrity = attr(links[0], "href"), attr(links[0], "integrity")
html = html.replace(links[0], "", 1)

# The scripts' preloads become a list the new loader preloads after the first paint (SRI kept: an
# import of a module preloaded with its integrity uses that verified copy).
scripts = [t for t in re.findall(r"<link\b[^>]*>", html) if attr(t, "rel") == "modulepreload"]
if not scripts:
    fail("expected modulepreload links of the scripts in index.html")
for t in scripts:
    html = html.replace(t, "", 1)

loaders = re.findall(r"<script type=\"?module\"?>(.*?)</script>", html, flags=re.S)
if len(loaders) != 1:
    fail(f"expected one inline module script (Trunk's loader), found {len(loaders)}")
glue = re.match(r"\s*import\s+init\s*,\s*\*\s*as\s+bindings\s+from\s*[`'\"](/[^`'\"]+\.js)[`'\"]", loaders[0])
if not glue or "module_or_path" not in loaders[0] or wasm not in loaders[0] or "TrunkApplicationStarted" not in loaders[0]:
    fail("Trunk's loader is no longer 'import init, * as bindings from …; init({module_or_path: …wasm})'; see this script")
preloads = ",".join('["%s","%s"]' % (attr(t, "href"), attr(t, "integrity") or "") for t in scripts)
# bijliAfterPaint(steps, first): runs the functions in `steps` after the first paint, one per task;
# `first` puts them ahead of what is already waiting. The first step waits for a task of its own too:
# the deep-link script (a classic script) queues before the loader (a module script, run after
# parsing), and starting at once let a deep link's first file go out ahead of the main wasm.
after_paint = (
    "(function(){var P=self.PerformanceObserver,o,go,q=[],busy=0,c=new MessageChannel(),"
    "painted=new Promise(function(r){go=function(){if(o)o.disconnect();r()}});"
    "var sw=navigator.serviceWorker;setTimeout(go,document.hidden||sw&&sw.controller?0:1000);"
    "if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('paint')>=0){"
    "o=new P(function(l){if(l.getEntriesByName('first-contentful-paint').length)go()});o.observe({type:'paint',buffered:true})}"
    "else requestAnimationFrame(function(){requestAnimationFrame(go)});"
    "function pump(){var f=q.shift();if(f){c.port2.postMessage(0);f()}else busy=0}"
    "c.port1.onmessage=pump;"
    "self.bijliAfterPaint=function(steps,first){painted.then(function(){"
    "first?q.unshift.apply(q,steps):q.push.apply(q,steps);if(!busy){busy=1;c.port2.postMessage(0)}})}})()"
)
loader = (
    "bijliAfterPaint([%s].map(function(s){return function(){var k=document.createElement('link');"
    "k.rel='modulepreload';k.crossOrigin='anonymous';k.href=s[0];if(s[1])k.integrity=s[1];document.head.appendChild(k)}})"
    # The wasm is compiled as its bytes arrive (streaming), in tasks of their own, rather than all
    # at once in the task that instantiates it: that one was ~100-140 ms at 4x CPU. A server that
    # does not send application/wasm fails compileStreaming; the glue's own fallback then reads it.
    ".concat(function(){function w(){return fetch(\"%s\",%s)}"
    # No WebAssembly (a very old browser): say so instead of failing silently. Any failure below
    # (the glue or the wasm not fetched, refused by SRI, or not started): index.html's message.
    "if(!self.WebAssembly)return bijliBootFailed(1);"
    "Promise.all([import(\"%s\"),WebAssembly.compileStreaming(w()).catch(w)])"
    ".then(function(m){return m[0].default({module_or_path:m[1]}).then(function(wasm){"
    "window.wasmBindings=m[0];dispatchEvent(new CustomEvent('TrunkApplicationStarted',{detail:{wasm:wasm}}))})})"
    ".catch(function(){bijliBootFailed()})}),true)"
) % (preloads, wasm, '{integrity:"%s"}' % wasm_integrity if wasm_integrity else "{}", glue.group(1))
html = html.replace(loaders[0], loader, 1)
# Ahead of every other script, as they all call it.
first_script = html.index("<script")
html = html[:first_script] + "<script>" + after_paint + "</script>" + html[first_script:]
index.write_text(html, encoding="utf-8")
print(f"first-paint: {css_file.name} inlined ({len(css)} B); {len(scripts)} scripts and {wasm} fetched after the first paint" + (" (SRI kept)" if wasm_integrity else ""))
