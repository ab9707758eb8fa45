#!/usr/bin/env python3
"""Trunk post_build hook (before sw-precache.sh and csp-hashes.py): put the wasm parts cut by
tools/bin/wasm-bindgen into the build, and tell the browser about them early.

1. Every part (split_<part>.wasm, chunk_<n>.wasm) is copied in under a content-hashed name, so it
   can be cached forever, and the loader (__wasm_split.js, imported by the glue) is pointed at
   those names and at this build's hashed glue.
2. index.html gets a small inline script that, on a deep link (an SMS's /track/<number>, a
   bookmarked form), fetches that page's part while the main wasm downloads, instead of after
   it (through tools/first-paint.py's bijliAfterPaint, so after the first paint), and the loader
   takes those responses (self.bijliEarly) instead of asking again. ROUTES below must follow the
   route table and the grouping in src/app/split.rs.

Nothing to do when the build was not split (no loader next to wasm-bindgen's output)."""
import hashlib, json, os, re, shutil, sys
from pathlib import Path

# Path prefix -> part, as grouped in src/app/split.rs (first match wins).
ROUTES = [
    ("/complaint/", "complaint"),
    ("/connection/", "connection"),
    ("/track", "tracking"),
    ("/tickets", "tracking"),
    ("/find", "tracking"),
    ("/drafts", "tracking"),
    ("/announcements", "tracking"),
    ("/settings", "settings"),
    ("/operator", "settings"),
    ("/privacy", "settings"),
    ("/accessibility", "settings"),
]

staging = Path(os.environ.get("TRUNK_STAGING_DIR") or "dist")
split_dir = Path(os.environ.get("CARGO_TARGET_DIR") or "target") / "wasm-bindgen" / os.environ.get("TRUNK_PROFILE", "release") / "split"
if not (split_dir / "__wasm_split.js").is_file():
    sys.exit(0)

glue = sorted(p.name for p in staging.glob("bijli-seva-*.js"))
if len(glue) != 1:
    sys.exit(f"wasm-split-assets: expected one glue file in {staging}, found {glue}")
loader = (split_dir / "__wasm_split.js").read_text(encoding="utf-8")
if 'from "./bijli-seva.js"' not in loader:
    sys.exit("wasm-split-assets: the loader does not import ./bijli-seva.js")
loader = loader.replace('from "./bijli-seva.js"', f'from "./{glue[0]}"')

for part in sorted(split_dir.glob("*.wasm")):
    hashed = f"{part.stem}-{hashlib.sha256(part.read_bytes()).hexdigest()[:16]}.wasm"
    shutil.copyfile(part, staging / hashed)
    loader = loader.replace(f'"./{part.name}"', f'"./{hashed}"')

# What each part needs: its own file and the chunks listed as its dependencies in the loader.
chunk_file = dict(re.findall(r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\./([^"]+)"', loader))
files = {}
for part, body, deps in re.findall(r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\((.*?)\n, \[([^\]]*)\]\)', loader, flags=re.S):
    own = re.findall(r'new URL\("\./([^"]+)"', body)
    files[part] = ["/" + f for f in own + [chunk_file[d.strip()] for d in deps.split(",") if d.strip()]]
missing = {p for _, p in ROUTES} - files.keys()
if missing:
    sys.exit(f"wasm-split-assets: no part named {sorted(missing)} in this build (see ROUTES)")

# A deep link's files are fetched early: after the first paint, one file per task, behind the main
# loader's requests (bijliAfterPaint, added by tools/first-paint.py, which runs after this hook), so
# the static shell in index.html never waits for them and the part still arrives long before the
# main wasm has been compiled. Starting a request costs ~4 ms of main thread at 4x CPU, so 14 in one
# task would be a long task.
#
# The loader takes each early response once (self.bijliEarly) and fetches only what has not been
# asked for yet; a file it fetches itself is struck off, so a step still waiting in the queue skips
# it. With <link rel=preload> instead, a slow phone (4x CPU) started the app between two steps and
# the loader asked for the last few chunks before their preload existed: each was downloaded twice.
# A failed early fetch is handed over once too, so "Try again" fetches afresh.
early = ("var e={};self.bijliEarly=function(u){var s=e[u];e[u]=0;return s};"
         "for(var i=0;i<r.length;i++)if(l.indexOf(r[i][0])===0){bijliAfterPaint(p[r[i][1]].map(function(f){return function(){"
         "if(!(f in e)){var s=fetch(f);s.catch(function(){});e[f]=s}}}));break}")
preload = ("<script>(function(){var p=%s,r=%s,l=location.pathname;" + early + "})();</script>") % (
    json.dumps({p: files[p] for _, p in ROUTES}, separators=(",", ":")),
    json.dumps([list(r) for r in ROUTES], separators=(",", ":")))
fetches = re.findall(r'fetch\(new URL\("\./([^"]+)", import\.meta\.url\)\)', loader)
if len(fetches) != len(list(split_dir.glob("*.wasm"))):
    sys.exit("wasm-split-assets: the loader no longer fetches each part with fetch(new URL(\"./…\", import.meta.url)); see this script")
for f in fetches:
    loader = loader.replace(f'fetch(new URL("./{f}", import.meta.url))', f'__bijli_fetch("{f}")')
loader += ('\nfunction __bijli_fetch(f) {\n'
           '    return self.bijliEarly && self.bijliEarly("/" + f) || fetch(new URL("./" + f, import.meta.url));\n}\n')
(staging / "__wasm_split.js").write_text(loader, encoding="utf-8")

index = staging / "index.html"
html = index.read_text(encoding="utf-8")
if "</head>" not in html:
    sys.exit("wasm-split-assets: index.html has no </head>")
index.write_text(html.replace("</head>", preload + "</head>", 1), encoding="utf-8")
print(f"wasm-split-assets: {len(list(split_dir.glob('*.wasm')))} parts, loader imports {glue[0]}, "
      f"deep links preload: {', '.join(f'{p} ({len(f)} files)' for p, f in sorted(files.items()))}")
