"""Small but genuine files a browser can render: a one-page PDF and a PNG, built by hand.

The other tests' files only need the right first bytes; a preview needs files that open.
"""

from __future__ import annotations

import struct
import zlib


def pdf(line: str) -> bytes:
    """A valid one-page PDF showing `line` (ASCII) in Helvetica, with a correct xref table."""
    stream = f"BT /F1 28 Tf 72 700 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 240, height: int = 160) -> bytes:
    """An RGB PNG: a blue frame around a pale certificate with red stripes for a seal."""

    def pixel(x: int, y: int) -> bytes:
        if min(x, y, width - 1 - x, height - 1 - y) < 8:
            return b"\x24\x81\xcc"
        if (x - width * 3 // 4) ** 2 + (y - height * 2 // 3) ** 2 < 400:
            return b"\xd1\x4e\x4e"
        return b"\xf8\xf4\xe8" if (y // 16) % 2 else b"\xff\xfb\xf0"

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows))
        + _chunk(b"IEND", b"")
    )
