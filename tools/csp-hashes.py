#!/usr/bin/env python3
"""Trunk post_build hook: the Content-Security-Policy for this build. Hashes every inline
<script> and <style> of index.html (script-src 'sha256-…'; never 'unsafe-inline') and writes the whole policy
to csp.txt next to index.html. portal-api and deploy/nginx serve exactly this text, so the policy
always matches the build; a deployer whose API is on another origin adds it to connect-src
(deploy/render.sh does)."""
import base64, hashlib, os, re, sys
from pathlib import Path

out = Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
html = (out / "index.html").read_text(encoding="utf-8")
scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
styles = re.findall(r"<style\b[^>]*>(.*?)</style>", html, flags=re.S)
digest = lambda s: "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
hashes = [digest(s) for s in scripts if s.strip()]
style_hashes = [digest(s) for s in styles if s.strip()]
policy = "; ".join([
    "default-src 'self'",
    # The wasm needs 'wasm-unsafe-eval' to be compiled; nothing may use eval() itself.
    "script-src 'self' " + " ".join(hashes) + " 'wasm-unsafe-eval'",
    # The inlined stylesheet (tools/first-paint.py) by its hash; style attributes stay forbidden.
    "style-src " + " ".join(["'self'"] + style_hashes),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    # DOM sinks (innerHTML, script URLs) take only what index.html's "default" policy lets through,
    # and no other policy may be made: an injection through innerHTML fails even if a bug reached it.
    "require-trusted-types-for 'script'",
    "trusted-types default",
    # Browsers report what the policy blocks to the backend, which logs it (api/server/src/reports.rs):
    # the discom learns of an injected script or a deployment that broke the policy. Same origin:
    # the reference server and deploy/nginx both answer /api/ there.
    "report-uri /api/v1/csp-reports",
])
(out / "csp.txt").write_text(policy + "\n", encoding="utf-8")
print(f"csp.txt: {len(hashes)} inline script hash(es), {len(style_hashes)} inline style hash(es)")
