"""Button payloads: `flow:seq:action`. They are untrusted input (anyone can forge them).

`seq` ties a button to the conversation step that showed it, so a press on an old message is
recognised as stale instead of acting on the wrong question. Stateless buttons (menus, staff
actions on an object) leave `seq` empty and are checked by the flow against role and ownership.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAYLOAD_BYTES = 64
MAX_NUMBER = 2**63 - 1  # the database's BIGINT


@dataclass(frozen=True, slots=True)
class Payload:
    flow: str
    seq: int | None
    action: str

    def encode(self) -> str:
        text = f"{self.flow}:{'' if self.seq is None else self.seq}:{self.action}"
        if len(text.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload over {MAX_PAYLOAD_BYTES} bytes: {text!r}")
        return text


def decode(data: str) -> Payload | None:
    parts = data.split(":", 2)
    if len(parts) != 3 or not parts[0]:
        return None
    flow, seq, action = parts
    step = number(seq) if seq else None
    if seq and step is None:
        return None
    return Payload(flow=flow, seq=step, action=action)


def number(text: str, maximum: int = MAX_NUMBER) -> int | None:
    """A non-negative whole number in ASCII digits, at most `maximum`; else None.

    `str.isdigit` also accepts "²" or "٣", which `int` rejects, and a forged id may overflow the
    database: every number taken from a payload or typed as an id comes through here.
    """
    if not text or len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= maximum else None
