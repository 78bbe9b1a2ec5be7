"""Text clean-up shared by the validators (full-width folding, blank removal)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """NFKC-fold (full-width digits and letters become ASCII) and trim."""
    return unicodedata.normalize("NFKC", text).strip()


def compact(text: str, drop: str = "") -> str:
    """:func:`fold`, then remove all whitespace and the characters in ``drop``."""
    folded = "".join(fold(text).split())
    return folded.translate({ord(c): None for c in drop})
