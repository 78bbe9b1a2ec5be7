"""Telegram refuses messages over 4096 characters; long replies are split, never lost.

Texts are split at line breaks (the catalogs keep HTML tags within a line), the keyboard stays
with the last part, and an edit that grew too long keeps its first part in place and sends the
rest. The raw HTML is measured, which is never shorter than what Telegram counts.
"""

from __future__ import annotations

from collections.abc import Iterable

from services.messages.actions import Edit, Outgoing, Send

TELEGRAM_MAX = 4096


def chunks(text: str, limit: int = TELEGRAM_MAX) -> list[str]:
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single huge line: cut it where it must be cut
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    parts.append(current)
    return [p for p in parts if p.strip()] or [text[:limit]]


def fit(actions: Iterable[Outgoing], limit: int = TELEGRAM_MAX) -> list[Outgoing]:
    out: list[Outgoing] = []
    for action in actions:
        if not isinstance(action, Send | Edit) or len(action.text) <= limit:
            out.append(action)
            continue
        parts = chunks(action.text, limit)
        last = len(parts) - 1
        for i, part in enumerate(parts):
            keyboard = action.keyboard if i == last else None
            if i == 0 and isinstance(action, Edit):
                out.append(action.model_copy(update={"text": part, "keyboard": keyboard}))
            else:
                out.append(Send(chat_id=action.chat_id, text=part, keyboard=keyboard))
    return out
