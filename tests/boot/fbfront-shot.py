#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# Host check of tests/boot/fbfront.cfg: decode the dom0 screenshot, keep it as PNG, check it.
"""Usage: fbfront-shot.py LOG DOMNAME OUTDIR NAME X Y

Reads the "dom0: FBSHOT DOMNAME <base64>" lines (a gzip'd PPM from QMP screendump) from
LOG (the batch's xenrun.log: every mode's guests write there, DOMNAME picks ours), writes
OUTDIR/NAME.ppm and OUTDIR/NAME.png, and checks, against where
the guest says it drew ("fbfront: square at (x,y)" in OUTDIR/NAME.console): the click is
within 2 pixels of (X, Y), the 640x480 mode, the background, the red square and the cursor.
"""
import base64
import gzip
import os
import re
import struct
import sys
import zlib

BACKGROUND = (0x20, 0x30, 0x40)
RED = (0xff, 0, 0)
WHITE = (0xff, 0xff, 0xff)
BLACK = (0, 0, 0)


def screenshot(log, domname):
    data = []
    with open(log, errors="replace") as f:
        for line in f:
            m = re.match(r"dom0: FBSHOT (\S+) (\S+)$", line.rstrip("\n"))
            if m and m.group(1) == domname:
                data.append(m.group(2))
    if not data:
        sys.exit(f"no FBSHOT {domname} lines in {log}")
    return gzip.decompress(base64.b64decode("".join(data)))


def parse_ppm(ppm):
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", ppm)
    if not m or m.group(3) != b"255":
        sys.exit(f"not a P6 PPM with maxval 255: {ppm[:20]!r}")
    w, h = int(m.group(1)), int(m.group(2))
    pixels = ppm[m.end():m.end() + w * h * 3]
    if len(pixels) != w * h * 3:
        sys.exit(f"PPM truncated: {len(pixels)} of {w * h * 3} bytes")
    return w, h, pixels


def write_png(path, w, h, pixels):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    rows = b"".join(b"\0" + pixels[y * w * 3:(y + 1) * w * 3] for y in range(h))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(png)


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    log, domname, outdir, name = sys.argv[1:5]
    want_x, want_y = int(sys.argv[5]), int(sys.argv[6])
    ppm = screenshot(log, domname)
    with open(os.path.join(outdir, name + ".ppm"), "wb") as f:
        f.write(ppm)
    w, h, pixels = parse_ppm(ppm)
    write_png(os.path.join(outdir, name + ".png"), w, h, pixels)
    with open(os.path.join(outdir, name + ".console"), errors="replace") as f:
        m = re.search(r"fbfront: square at \((-?\d+),(-?\d+)\)", f.read())
    if not m:
        sys.exit("the guest did not say where it drew the square")
    x, y = int(m.group(1)), int(m.group(2))

    def px(px_x, px_y):
        i = (px_y * w + px_x) * 3
        return tuple(pixels[i:i + 3])

    checks = [
        ((w, h) == (640, 480), f"screenshot is {w}x{h}, not the 640x480 mode (resize)"),
        (abs(x - want_x) <= 2 and abs(y - want_y) <= 2, f"click at ({x},{y}), sent ({want_x},{want_y})"),
    ]
    if not checks[0][0]:
        sys.exit(checks[0][1])
    checks += [
        (px(10, 10) == BACKGROUND, f"background at (10,10) is {px(10, 10)}"),
        (px(w - 10, h - 10) == BACKGROUND, f"background at the far corner is {px(w - 10, h - 10)}"),
        (all(px(x + dx, y + dy) == RED for dx, dy in ((-18, -18), (-5, -15), (-15, 15), (15, -5), (18, 18))),
         "square not red around the click"),
        (px(x - 22, y) == BACKGROUND and px(x + 22, y - 10) == BACKGROUND, "square wider than 40"),
        (px(x + 2, y + 5) == WHITE and px(x, y + 5) == BLACK, "no cursor at the click"),
    ]
    failed = [msg for ok, msg in checks if not ok]
    if failed:
        sys.exit("; ".join(failed))
    print(f"{name}: {w}x{h}, square and cursor at ({x},{y}): {os.path.join(outdir, name + '.png')}")


if __name__ == "__main__":
    main()
