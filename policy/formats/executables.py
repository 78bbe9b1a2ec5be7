"""Signatures of programs hidden inside documents (a polyglot's second face).

A bare "MZ" occurs by chance in compressed data, so a Windows program is recognised only with
the PE header its DOS stub points at; ELF needs its class, byte order and version bytes too.
"""

from __future__ import annotations

import re
from typing import Final

from policy.formats import Dangerous

_ELF: Final = re.compile(rb"\x7fELF[\x01\x02][\x01\x02]\x01")
_ARCHIVES: Final = (b"PK\x03\x04", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")
_MACHO: Final = re.compile(rb"\xcf\xfa\xed\xfe[\x07\x0c]\x00\x00[\x01\x00]")


def _windows(data: bytes, start: int) -> int | None:
    at = data.find(b"MZ", start)
    while at != -1:
        pointer = data[at + 0x3C : at + 0x40]
        if len(pointer) == 4:
            pe = at + int.from_bytes(pointer, "little")
            if data[pe : pe + 4] == b"PE\x00\x00":
                return at
        at = data.find(b"MZ", at + 1)
    return None


def find_executable(data: bytes, start: int = 0) -> str | None:
    """What kind of program is embedded at or after ``start``, if any."""
    if _windows(data, start) is not None:
        return "Windows (MZ/PE)"
    if _ELF.search(data, start):
        return "Linux (ELF)"
    if _MACHO.search(data, start):
        return "macOS (Mach-O)"
    return None


def refuse_executable(data: bytes, start: int = 0) -> None:
    """Dangerous if a program is embedded from ``start`` on."""
    found = find_executable(data, start)
    if found is not None:
        raise Dangerous(f"文件中夹带可执行程序（{found}）", f"it carries an executable ({found})")


def refuse_trailer(trailer: bytes) -> None:
    """Dangerous if what follows a file's end holds a program or an archive (a polyglot)."""
    refuse_executable(trailer)
    if any(signature in trailer for signature in _ARCHIVES):
        raise Dangerous(
            "文件末尾附带了压缩包或其他文件", "another file (an archive) is appended to it"
        )
