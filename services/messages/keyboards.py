"""Inline keyboards from plain data, so flows describe choices rather than markup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from services.messages.actions import Btn, Keyboard
from services.messages.payloads import Action, encode


def button(label: str, flow: str, action: Action | str, seq: int | None = None) -> Btn:
    """A button of `flow`; `action` is a bare verb or an :class:`Action` with arguments."""
    return Btn(label=label, payload=encode(flow, action, seq))


def rows(buttons: Iterable[Btn], per_row: int = 1) -> Keyboard:
    items = list(buttons)
    return tuple(tuple(items[i : i + per_row]) for i in range(0, len(items), per_row))


def stack(*parts: Keyboard | Sequence[Btn] | None) -> Keyboard:
    """Join keyboards and single rows top to bottom, skipping the empty ones."""
    out: list[tuple[Btn, ...]] = []
    for part in parts:
        if not part:
            continue
        if isinstance(part[0], Btn):  # a single row
            out.append(tuple(b for b in part if isinstance(b, Btn)))
        else:  # a keyboard: its rows
            out.extend(tuple(row) for row in part if not isinstance(row, Btn))
    return tuple(out)
