"""Reading raw JSON fields without trusting their types, and the limits values are cut to."""

from __future__ import annotations

from handlers.events import UNREADABLE as UNREADABLE_KIND
from handlers.events import Unsupported

UNREADABLE = Unsupported(kind=UNREADABLE_KIND)
MAX_ID = 2**63 - 1  # BIGINT, like every id column
# Telegram's own limits: a longer value was not sent by Telegram, and is cut rather than stored.
MAX_TEXT, MAX_CAPTION, MAX_NAME, MAX_FILE_NAME, MAX_TOKEN = 4096, 1024, 256, 255, 256


def whole(value: object) -> int | None:
    """An integer that fits a BIGINT column; JSON booleans are not numbers."""
    if isinstance(value, int) and not isinstance(value, bool) and -MAX_ID <= value <= MAX_ID:
        return value
    return None


def clean(value: object, limit: int) -> str | None:
    """A string without NUL and lone surrogates (PostgreSQL and Telegram refuse both)."""
    if not isinstance(value, str):
        return None
    if not value.isascii():
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value.replace("\x00", "")[:limit]
