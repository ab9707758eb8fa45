#!/usr/bin/env python3
"""Drop the main wasm's exports nothing calls, and give the closure adapters short names.

1. Leptos always builds `server_fn` for the browser, which brings `wasm-streams`, whose three
   `#[wasm_bindgen]` classes (`IntoUnderlyingSource`, `IntoUnderlyingByteSource`,
   `IntoUnderlyingSink`) adapt a Rust stream to a JS `ReadableStream` for a server function's
   streamed body. The portal has no server functions. Being exports, the classes' code survives
   every dead-code pass (in the wasm, and as classes in the glue): ~7.6 KB of wasm code before
   wasm-opt. Taken out of the export section, Trunk's wasm-opt then drops their code.
2. wasm-bindgen exports each closure adapter under its full Rust path with two 16-digit crate
   hashes (`wasm_bindgen_12a3…___convert__closures_____invoke___js_sys_2065…___Function_fn_…`,
   up to ~300 characters), and the glue calls it by that name. The hashes are random to brotli;
   `_a`, `_b`, … cost nothing.

Nothing else refers to these exports: the parts import only the memory, the table and one global
from the main module (tools/bin/wasm-bindgen). Like tools/short-imports.py, this runs on
wasm-bindgen's output before Trunk's wasm-opt, minifier and hashing, and stops the build if the
glue is not shaped as expected rather than ship a glue that calls an export the wasm lacks.

Usage: trim-exports.py OUT_DIR OUT_NAME (the files OUT_NAME_bg.wasm and OUT_NAME.js)."""
import importlib.util
import re
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("short_imports", Path(__file__).with_name("short-imports.py"))
short_imports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(short_imports)
read_leb, write_leb, short_name = short_imports.read_leb, short_imports.write_leb, short_imports.short_name
edit_section = short_imports.edit_section

UNUSED_CLASSES = ("IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource")
UNUSED_ENUMS = ("__wbindgen_enum_ReadableStreamType",)
CLOSURE_ADAPTER = re.compile(r"^wasm_bindgen_[0-9a-f]{16}___convert__closures_\w+$")


def fail(message: str) -> None:
    sys.exit(f"trim-exports: {message}")


def edit_exports(wasm: bytes, edit) -> bytes:
    """The wasm with each export's name replaced by `edit(name)`, or the export left out when it
    returns None."""

    def edit_body(body: bytes) -> bytes:
        count, k = read_leb(body, 0)
        kept, entries = 0, bytearray()
        for _ in range(count):
            length, k = read_leb(body, k)
            name, k = body[k : k + length].decode(), k + length
            end = read_leb(body, k + 1)[1]  # kind byte, then the index
            new = edit(name)
            if new is not None:
                entries += write_leb(len(new)) + new.encode() + body[k:end]
                kept += 1
            k = end
        return write_leb(kept) + bytes(entries)

    return edit_section(wasm, 7, edit_body)


def drop_classes(js: str) -> str:
    for cls in UNUSED_CLASSES:
        js, n = re.subn(
            rf"^export class {cls} \{{\n.*?^\}}\n(?:if \(Symbol\.dispose\) {cls}\.prototype\[Symbol\.dispose\] = {cls}\.prototype\.free;\n)?",
            "", js, count=1, flags=re.M | re.S)
        js, m = re.subn(rf"^const {cls}Finalization = .*?;\n", "", js, count=1, flags=re.M | re.S)
        if n != 1 or m != 1:
            fail(f"the glue does not define the class {cls} and its finalization registry as expected")
    for enum in UNUSED_ENUMS:
        js = re.sub(rf"^const {enum} = \[[^\]]*\];\n", "", js, count=1, flags=re.M)
    left = re.search(r"IntoUnderlying|intounderlying|" + "|".join(UNUSED_ENUMS), js, re.I)
    if left:
        fail(f"the glue still refers to {left.group(0)} after the classes were taken out")
    return js


def main() -> None:
    out_dir, out_name = Path(sys.argv[1]), sys.argv[2]
    wasm_path, js_path = out_dir / f"{out_name}_bg.wasm", out_dir / f"{out_name}.js"
    wasm, js = wasm_path.read_bytes(), js_path.read_text(encoding="utf-8")
    if "export class IntoUnderlying" not in js:
        fail(f"{js_path} has no wasm-streams classes: has leptos stopped bringing them? Remove this step")
    js = drop_classes(js)

    dropped, renamed = [], {}

    def edit(name: str):
        # wasm-bindgen exports a class's methods as `<class>_<method>` and its destructor as
        # `__wbg_<class>_free`, the class lower-cased.
        if name.startswith(tuple(p for c in UNUSED_CLASSES for p in (f"{c.lower()}_", f"__wbg_{c.lower()}_"))):
            dropped.append(name)
            return None
        if CLOSURE_ADAPTER.match(name):
            renamed[name] = "_" + short_name(len(renamed))
            return renamed[name]
        return name

    wasm = edit_exports(wasm, edit)
    for old, new in renamed.items():
        if re.search(rf"\bwasm\.{new}\b", js):
            fail(f"the glue already calls an export {new}")
        js, n = re.subn(rf"\bwasm\.{re.escape(old)}\(", f"wasm.{new}(", js)
        if n != 1:
            fail(f"the glue calls the export {old} {n} times, not once")
        if old in js:
            js = re.sub(rf"\b{re.escape(old)}\b", f"_adapter{new}", js)
    wasm_path.write_bytes(wasm)
    js_path.write_text(js, encoding="utf-8")
    print(f"trim-exports: {len(dropped)} unused exports dropped, {len(renamed)} closure adapters renamed", file=sys.stderr)


if __name__ == "__main__":
    main()
