"""Where a form conversation stands, as a short string kept in the draft and the conversation.

``summary`` and ``confirm`` are the closing screens; ``<key>`` is a question, a group's list or a
file slot; ``<group>#<i>.<member>`` is one member of item ``i`` of a group, and ``<group>#rm``
the group's remove picker.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.messages.payloads import number

SUMMARY = "summary"
CONFIRM = "confirm"
_REMOVE = "rm"


@dataclass(frozen=True, slots=True)
class Cursor:
    key: str
    item: int | None = None
    member: str | None = None
    removing: bool = False

    @property
    def closing(self) -> bool:
        return self.key in (SUMMARY, CONFIRM)

    def encode(self) -> str:
        if self.removing:
            return f"{self.key}#{_REMOVE}"
        if self.item is not None and self.member is not None:
            return f"{self.key}#{self.item}.{self.member}"
        return self.key

    @classmethod
    def decode(cls, text: str) -> Cursor:
        key, _, rest = text.partition("#")
        if rest == _REMOVE:
            return cls(key, removing=True)
        index, _, member = rest.partition(".")
        position = number(index)
        if position is not None and member:
            return cls(key, position, member)
        return cls(key)


def at_summary() -> Cursor:
    return Cursor(SUMMARY)
