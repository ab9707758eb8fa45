#!/usr/bin/env python3
"""Draw the app icons (PNG, standard library only): a yellow lightning bolt on the brand blue.
Run once when the design changes; the PNGs are committed under public/icons/."""
import struct, sys, zlib
from pathlib import Path

BLUE, YELLOW = (0x0B, 0x3D, 0x91), (0xFF, 0xDD, 0x00)
# The bolt, in a 0..1 square (safe zone of a maskable icon is the central 80%).
BOLT = [(0.58, 0.14), (0.30, 0.55), (0.48, 0.55), (0.40, 0.86), (0.72, 0.42), (0.53, 0.42), (0.62, 0.14)]

def inside(x, y, poly):
    c = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            c = not c
    return c

def png(size, scale=1.0):
    off = (1 - scale) / 2
    poly = [(off + x * scale, off + y * scale) for x, y in BOLT]
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            # 2x2 supersampling for smooth edges.
            hits = sum(inside((i + dx) / size, (j + dy) / size, poly) for dx in (0.25, 0.75) for dy in (0.25, 0.75))
            row += bytes(round(b + (y - b) * hits / 4) for b, y in zip(BLUE, YELLOW))
        rows.append(bytes(row))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")

out = Path(sys.argv[1] if len(sys.argv) > 1 else "public/icons")
out.mkdir(parents=True, exist_ok=True)
for size in (192, 512):
    (out / f"icon-{size}.png").write_bytes(png(size))
    (out / f"maskable-{size}.png").write_bytes(png(size, scale=0.75))
