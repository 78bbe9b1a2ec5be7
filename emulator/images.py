"""Just enough image decoding to size a photo the way Telegram does, without a library.

Telegram stores a sent photo at several sizes (boxes of 90, 320, 800, 1280 and 2560 px on
the longer side, none larger than the original) and refuses what it cannot decode.
"""

from __future__ import annotations

import struct
from typing import Any

from emulator.files import FileStore
from emulator.params import bad_request

BOXES = (90, 320, 800, 1280, 2560)
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker, length = data[pos + 1], struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, WebP or JPEG; None when it is none of them."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data[:4] == b"RIFF" and data[8:16] == b"WEBPVP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def checked_size(data: bytes) -> tuple[int, int]:
    """Telegram's answers for pictures it will not take as a photo."""
    size = image_size(data)
    if size is None or 0 in size:
        raise bad_request("IMAGE_PROCESS_FAILED")
    width, height = size
    if width + height > 10000 or max(width, height) > 20 * min(width, height):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return size


def scaled(width: int, height: int, box: int) -> tuple[int, int]:
    factor = box / max(width, height)
    return max(1, round(width * factor)), max(1, round(height * factor))


def photo_sizes(
    files: FileStore, content: bytes, width: int, height: int
) -> tuple[dict[str, Any], ...]:
    """PhotoSize objects, smallest first; each size is its own file, as in Telegram."""
    longest = max(width, height)
    dims = [scaled(width, height, box) for box in BOXES if box < longest]
    dims.append(scaled(width, height, min(longest, BOXES[-1])))
    return tuple(
        files.put(content, "photo.jpg", "image/jpeg", "photos").photo_size_json(w, h)
        for w, h in dims
    )
