"""File names as people may see and store them, whatever the sender's client put there.

A name arrives from the sender's device: it may hold a NUL (PostgreSQL refuses it in text), other
control characters, bidirectional overrides that make `report\u202efdp.exe` read as
`reportexe.pdf`, zero-width characters, or path parts (`../../x.pdf`, `C:\\x.pdf`). The stored
name has none of these, is at most `MAX_LENGTH` characters and keeps its extension; if that
extension is not one of the detected type's, the right one is added, so what staff read matches
what the file is. The name as sent is kept, made visible with `visible`, in the audit entry.
"""

from __future__ import annotations

import unicodedata
from typing import Final

MAX_LENGTH: Final = 100
MAX_EXTENSION: Final = 10
_INVISIBLE: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_EDGES: Final = " .\u3000"


def _shown(char: str) -> bool:
    return unicodedata.category(char) not in _INVISIBLE


def _split(name: str) -> tuple[str, str]:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not extension.isalnum() or len(extension) > MAX_EXTENSION:
        return name, ""
    return stem, "." + extension.lower()


def clean_file_name(name: str | None, extensions: tuple[str, ...], fallback: str) -> str:
    """A safe display name ending in one of ``extensions`` (".pdf"…); ``fallback`` if none."""
    text = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if _shown(ch) or ch.isspace())
    text = " ".join(text.split())
    stem, extension = _split(text.strip(_EDGES))
    stem = stem.strip(_EDGES)
    if not stem:
        return fallback
    if extension not in extensions:
        stem, extension = stem + extension, extensions[0]
    return stem[: MAX_LENGTH - len(extension)].rstrip(_EDGES) + extension


def visible(name: str) -> str:
    """The name with every invisible character written out (`\\u202e`), for the audit trail."""
    return "".join(ch if _shown(ch) and ch != "\\" else f"\\u{ord(ch):04x}" for ch in name)
