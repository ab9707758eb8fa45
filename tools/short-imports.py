#!/usr/bin/env python3
"""Give the main wasm's imports from its JS glue short names (a, b, …), in the wasm and in the glue.

wasm-bindgen names each function the wasm imports from the glue after the Rust item plus a 16-digit
hash (`__wbg_setAttribute_f75317b2b5cabfb4`), and that name is written twice: in the wasm's import
section and as a key of the glue's import object. The hashes are random to brotli, so the ~290
names cost the first download ~6.7 KB (brotli) of the ~193 KB; as `a`…`kZ` they cost almost
nothing. Nothing else refers to these names: the parts import only the memory, the table and one
global from the main module (tools/bin/wasm-bindgen), and the snippets' and the parts loader's
imports keep their names (they are real exports of those files).

Run by tools/bin/wasm-bindgen on wasm-bindgen's output, before Trunk's wasm-opt, minifier and
hashing, so every later step (file names, SRI, the service worker's list) sees the final bytes.
If the glue is not shaped as expected (each import exactly once as `name: function`, as
wasm-bindgen 0.2.x writes it), it stops the build rather than ship a wasm whose imports the glue
does not provide.

Usage: short-imports.py OUT_DIR OUT_NAME (the files OUT_NAME_bg.wasm and OUT_NAME.js)."""
import re
import sys
from pathlib import Path

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def short_name(k: int) -> str:
    """The k-th name of a, b, …, Z, aa, ab, …"""
    name = ""
    while True:
        name = LETTERS[k % 52] + name
        k = k // 52 - 1
        if k < 0:
            return name


def read_leb(buf: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def write_leb(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def skip_limits(buf: bytes, i: int) -> int:
    flags = buf[i]
    _, i = read_leb(buf, i + 1)
    return read_leb(buf, i)[1] if flags & 1 else i


def skip_import_desc(buf: bytes, i: int) -> int:
    """The end of one import's description (function, table, memory, global or tag)."""
    kind, i = buf[i], i + 1
    if kind == 0:  # function: type index
        return read_leb(buf, i)[1]
    if kind == 1:  # table: element type, limits
        return skip_limits(buf, i + 1)
    if kind == 2:  # memory: limits
        return skip_limits(buf, i)
    if kind == 3:  # global: value type, mutability
        return i + 2
    if kind == 4:  # tag: attribute, type index
        return read_leb(buf, i + 1)[1]
    sys.exit(f"short-imports: unknown import kind {kind}")


def edit_section(wasm: bytes, section_id: int, edit) -> bytes:
    """The wasm with the body of each section `section_id` replaced by `edit(body)`."""
    out, i = bytearray(wasm[:8]), 8
    while i < len(wasm):
        section = wasm[i]
        size, start = read_leb(wasm, i + 1)
        body = wasm[start : start + size]
        if section == section_id:
            body = edit(body)
        out += bytes([section]) + write_leb(len(body)) + body
        i = start + size
    return bytes(out)


def rename_imports(wasm: bytes, module: bytes, rename) -> bytes:
    """The wasm with each import from `module` renamed by `rename(old) -> new`."""

    def edit(body: bytes) -> bytes:
        count, k = read_leb(body, 0)
        new_body = bytearray(write_leb(count))
        for _ in range(count):
            length, k = read_leb(body, k)
            mod, k = body[k : k + length], k + length
            length, k = read_leb(body, k)
            name, k = body[k : k + length], k + length
            end = skip_import_desc(body, k)
            if mod == module:
                name = rename(name)
            new_body += write_leb(len(mod)) + mod + write_leb(len(name)) + name + body[k:end]
            k = end
        return bytes(new_body)

    return edit_section(wasm, 2, edit)


def glue_key(name: str) -> re.Pattern:
    """The import `name` as a key of the glue's import object, as wasm-bindgen 0.2.x writes it."""
    return re.compile(rf"^(\s+){re.escape(name)}(: function\b)", re.M)


def main() -> None:
    out_dir, out_name = Path(sys.argv[1]), sys.argv[2]
    wasm_path, js_path = out_dir / f"{out_name}_bg.wasm", out_dir / f"{out_name}.js"
    wasm, js = wasm_path.read_bytes(), js_path.read_text(encoding="utf-8")
    module = f"./{out_name}_bg.js".encode()
    new_names: dict[bytes, str] = {}

    def rename(old: bytes) -> bytes:
        if old not in new_names:
            name = old.decode()
            if len(glue_key(name).findall(js)) != 1 or len(re.findall(rf"\b{re.escape(name)}\b", js)) != 1:
                sys.exit(f"short-imports: {js_path} does not name the import {name} once as `{name}: function`")
            new_names[old] = short_name(len(new_names))
        return new_names[old].encode()

    wasm = rename_imports(wasm, module, rename)
    for old, new in new_names.items():
        if re.search(rf"^\s+{new}:", js, re.M):
            sys.exit(f"short-imports: the glue already has a key {new}")
        js = glue_key(old.decode()).sub(rf"\g<1>{new}\g<2>", js, count=1)
    wasm_path.write_bytes(wasm)
    js_path.write_text(js, encoding="utf-8")
    print(f"short-imports: {len(new_names)} imports from {module.decode()} renamed", file=sys.stderr)


if __name__ == "__main__":
    main()
