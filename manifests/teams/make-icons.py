#!/usr/bin/env python3
"""Draws the Teams app icons: color.png (192x192) and outline.png (32x32, white on transparent).

Pure Python (zlib + struct), no network and no imaging library, so anyone can regenerate the committed icons:
    python3 manifests/teams/make-icons.py
The output is deterministic (no timestamps in the PNG), so an unchanged drawing gives byte-identical files.

Teams rules the drawing follows: the color icon fills its square with the accent color and keeps the symbol in
the centre 96x96 (hosts crop the edges); the outline icon uses only white with transparency.
"""
import os
import struct
import zlib

ACCENT = (0x1F, 0x6F, 0xB2)  # the manifest's accentColor
WHITE = (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 4  # 4x4 samples per pixel give smooth edges without an imaging library


def bridge(stroke):
    """The BridgeBot symbol in unit coordinates (0..1, y down): an arch over a deck on two piers.

    `stroke` scales every line width, so the 32 px outline can use bolder lines than the 192 px color icon.
    Returns a predicate: is the point (x, y) inside the symbol?
    """
    deck_top, deck_bottom = 0.60, 0.60 + 0.07 * stroke
    cx, cy = 0.5, deck_top
    outer_rx, outer_ry = 0.38, 0.40
    inner_rx, inner_ry = outer_rx - 0.07 * stroke, outer_ry - 0.07 * stroke
    pier_width = 0.07 * stroke
    hanger_width = 0.035 * stroke

    def in_ellipse(x, y, rx, ry):
        return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0

    def inside(x, y):
        if 0.08 <= x <= 0.92 and deck_top <= y <= deck_bottom:
            return True
        if y <= cy and in_ellipse(x, y, outer_rx, outer_ry) and not in_ellipse(x, y, inner_rx, inner_ry):
            return True
        if deck_bottom <= y <= 0.86 and (0.20 <= x <= 0.20 + pier_width or 0.80 - pier_width <= x <= 0.80):
            return True
        if stroke < 1.5:  # hangers only where they stay visible as separate lines
            for hx in (0.34, 0.50, 0.66):
                if abs(x - hx) <= hanger_width / 2 and y <= deck_top and in_ellipse(x, y, inner_rx, inner_ry):
                    return True
        return False

    return inside


def coverage(inside, size, px, py, origin, scale):
    """Fraction of the pixel (px, py) covered by the symbol drawn into the square [origin, origin + scale)."""
    hits = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = ((px + (sx + 0.5) / SUPERSAMPLE) / size - origin) / scale
            y = ((py + (sy + 0.5) / SUPERSAMPLE) / size - origin) / scale
            if 0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 and inside(x, y):
                hits += 1
    return hits / (SUPERSAMPLE * SUPERSAMPLE)


def render(size, inside, origin, scale, background):
    """RGBA rows: white symbol over `background` (an RGB colour) or over transparency (None)."""
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            a = coverage(inside, size, px, py, origin, scale)
            if background is None:
                row += bytes((*WHITE, round(255 * a)))
            else:
                row += bytes(round(b + (w - b) * a) for b, w in zip(background, WHITE)) + b'\xff'
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    raw = b''.join(b'\x00' + row for row in rows)  # filter type 0 on every row
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    icons = {
        # Symbol in the centre 96x96 of 192: origin 0.25, scale 0.5.
        'color.png': (192, render(192, bridge(stroke=1.0), origin=0.25, scale=0.5, background=ACCENT)),
        'outline.png': (32, render(32, bridge(stroke=1.6), origin=0.0, scale=1.0, background=None)),
    }
    for name, (size, rows) in icons.items():
        with open(os.path.join(here, name), 'wb') as f:
            f.write(png(size, rows))
        print(f'wrote {name} ({size}x{size})')


if __name__ == '__main__':
    main()
