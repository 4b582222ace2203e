"""Draws the app icons in static/icons/ (white "Mg" on the navigation bar's blue), with no imaging library.

Run from the project directory: `.venv/bin/python docs/draw_icons.py`. The PNGs are committed; run this again only
to change them. A maskable icon keeps its letters inside the middle 80% circle that every launcher shape leaves.
"""

import struct
import zlib
from pathlib import Path

BLUE, WHITE = (0x0D, 0x6E, 0xFD), (0xFF, 0xFF, 0xFF)
# "Mg" on a 12 x 9 grid of cells ("#" is white); the g's tail goes below the line.
GLYPHS = """
#...#.......
##.##..####.
#.#.#.#...#.
#...#.#...#.
#...#.#...#.
#...#..####.
#...#.....#.
......#...#.
.......###..
""".split()


def pixels(size, letters_share):
    """Rows of RGB pixels: the letters fill `letters_share` of the width, centred."""
    cell = int(size * letters_share / len(GLYPHS[0]))
    left = (size - cell * len(GLYPHS[0])) // 2
    top = (size - cell * len(GLYPHS)) // 2
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            column, line = (x - left) // cell, (y - top) // cell
            inside = 0 <= line < len(GLYPHS) and 0 <= column < len(GLYPHS[0]) and x >= left and y >= top
            row += bytes(WHITE if inside and GLYPHS[line][column] == "#" else BLUE)
        rows.append(bytes(row))
    return rows


def png(rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", len(rows[0]) // 3, len(rows), 8, 2, 0, 0, 0)  # 8-bit RGB
    data = zlib.compress(b"".join(b"\x00" + row for row in rows), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


if __name__ == "__main__":
    icons = Path(__file__).resolve().parent.parent / "static" / "icons"
    for name, size, share in (("icon-192.png", 192, 0.75), ("icon-512.png", 512, 0.75),
                              ("icon-maskable-512.png", 512, 0.55)):
        (icons / name).write_bytes(png(pixels(size, share)))
