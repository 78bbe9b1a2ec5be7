"""PNG and JPEG walked chunk by chunk / marker by marker, so a truncated or padded image fails.

PNG (ISO/IEC 15948): the signature, IHDR first, every chunk's CRC right, IDAT present, IEND.
JPEG (ITU T.81): SOI, segments of declared length, a frame header (SOF) before the first scan,
entropy-coded data, and EOI. Cameras append data after the end (motion photos, a second picture
of the Multi-Picture Format), so a trailer is allowed, but not one that holds a program or an
archive: that is how an image becomes a polyglot.
"""

from __future__ import annotations

import zlib
from typing import Final

from policy.formats import Malformed
from policy.formats.executables import refuse_executable, refuse_trailer

PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
_SOF: Final = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE: Final = frozenset({0x01, *range(0xD0, 0xD8)})


def _bad(kind: str, zh: str, en: str) -> Malformed:
    return Malformed(f"文件内容与 {kind} 格式不符：{zh}", f"not a valid {kind}: {en}")


def _png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], len(PNG_SIGNATURE)
    while at < len(data):
        if at + 12 > len(data):
            raise _bad(
                "PNG", "数据块不完整（文件被截断）", "a chunk is cut short (truncated file)"
            )
        length = int.from_bytes(data[at : at + 4], "big")
        kind, end = data[at + 4 : at + 8], at + 12 + length
        if end > len(data):
            raise _bad(
                "PNG", "数据块不完整（文件被截断）", "a chunk is cut short (truncated file)"
            )
        crc = int.from_bytes(data[end - 4 : end], "big")
        if zlib.crc32(data[at + 4 : end - 4]) != crc:
            raise _bad("PNG", "数据块校验和（CRC）错误", f"chunk {kind!r} has a wrong CRC")
        chunks.append(kind)
        at = end
        if kind == b"IEND":
            refuse_trailer(data[at:])
            break
    return chunks


def check_png(data: bytes) -> None:
    if not data.startswith(PNG_SIGNATURE):
        raise _bad("PNG", "文件头不正确", "wrong signature")
    chunks = _png_chunks(data)
    if not chunks or chunks[0] != b"IHDR":
        raise _bad("PNG", "第一个数据块不是 IHDR", "IHDR is not the first chunk")
    if b"IDAT" not in chunks:
        raise _bad("PNG", "没有图像数据（IDAT）", "no image data (IDAT)")
    if chunks[-1] != b"IEND":
        raise _bad("PNG", "缺少结束块 IEND（文件被截断）", "no IEND chunk (truncated file)")
    refuse_executable(data)


def _skip_entropy(data: bytes, at: int) -> int:
    """The offset of the next marker after a scan's entropy-coded data."""
    while True:
        at = data.find(b"\xff", at)
        if at == -1 or at + 1 >= len(data):
            raise _bad("JPEG", "缺少结束标记 EOI（文件被截断）", "no EOI marker (truncated file)")
        follower = data[at + 1]
        if follower == 0x00 or 0xD0 <= follower <= 0xD7 or follower == 0xFF:
            at += 1
            continue
        return at


def _jpeg_end(data: bytes) -> int:
    """Walk the markers from SOI to EOI; the offset just after EOI."""
    at, frame = 2, False
    while True:
        if at + 2 > len(data) or data[at] != 0xFF:
            raise _bad(
                "JPEG", "标记段结构错误或文件被截断", "broken marker structure or truncated"
            )
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker == 0xD9:
            if not frame:
                raise _bad("JPEG", "没有图像帧（SOF）", "no frame header (SOF)")
            return at + 2
        if marker in _STANDALONE:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2 or at + 2 + length > len(data):
            raise _bad("JPEG", "标记段长度错误或文件被截断", "a segment is cut short (truncated)")
        frame = frame or marker in _SOF
        at += 2 + length
        if marker == 0xDA:
            if not frame:
                raise _bad("JPEG", "扫描数据出现在图像帧（SOF）之前", "scan before frame header")
            at = _skip_entropy(data, at)


def check_jpeg(data: bytes) -> None:
    if not data.startswith(b"\xff\xd8\xff"):
        raise _bad("JPEG", "文件头不正确", "wrong signature")
    refuse_trailer(data[_jpeg_end(data) :])
    refuse_executable(data)
