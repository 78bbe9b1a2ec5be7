"""Minimal but valid files of every type the bot accepts, and hostile ones, built in memory.

The images decode in Pillow and the PDF reads in pypdf in strict mode (checked when they were
written; neither is a dependency), the xlsx is openpyxl's own, and the docx has the minimum the
Open Packaging Conventions ask (content types, package relationships, the main document), so
tests that pass files through the bot stay honest.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook


def pdf(stream: bytes = b"BT /F1 12 Tf 20 20 Td (ok) Tj ET", pad: int = 0) -> bytes:
    """A one-page PDF with a classic xref table; ``stream`` is the page content, stored raw."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    out += b"%" + b"0" * pad + b"\n" if pad else b""
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int = 2, height: int = 2) -> bytes:
    """An RGB image, one filter byte and black pixels per row."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x00" * 3 * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw))
        + _chunk(b"IEND", b"")
    )


def _segment(marker: int, body: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(body) + 2) + body


def jpeg() -> bytes:
    """An 8×8 grey baseline JPEG: one Huffman code each for "DC diff 0" and "end of block"."""
    one_code = bytes([1] + [0] * 15) + b"\x00"
    return (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + _segment(0xDB, b"\x00" + b"\x01" * 64)
        + _segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")
        + _segment(0xC4, b"\x00" + one_code)
        + _segment(0xC4, b"\x10" + one_code)
        + _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x3f"
        + b"\xff\xd9"
    )


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>申报报告</w:t></w:r></w:p></w:body></w:document>"
)


def content_types(main_part: str = "/word/document.xml", main_type: str = WORD_MAIN) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="{main_part}" ContentType="{main_type}"/></Types>'
    )


def zipped(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def docx_parts() -> dict[str, str | bytes]:
    return {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": _RELS,
        "word/document.xml": _DOCUMENT,
    }


def docx(**extra: str | bytes) -> bytes:
    """A one-paragraph Word document; ``extra`` parts are added as they are."""
    return zipped({**docx_parts(), **extra})


def xlsx(rows: list[list[object]] | None = None) -> bytes:
    """A workbook written by openpyxl (so Excel opens it), with ``rows`` on its one sheet."""
    wb = Workbook()
    for row in rows or [["设备", "数量"], ["五轴加工中心", 1]]:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def exe() -> bytes:
    """The head of a Windows program: the DOS stub's MZ, whose e_lfanew points at `PE\\0\\0`."""
    stub = bytearray(b"MZ" + b"\x90\x00" + b"\x00" * 0x3C)
    stub[0x3C:0x40] = struct.pack("<I", 0x40)
    return bytes(stub) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 256


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 120
