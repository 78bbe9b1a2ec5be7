"""Button payloads: `flow:seq:verb[:arg…]`. They are untrusted input (anyone can forge them).

`seq` ties a button to the conversation step that showed it, so a press on an old message is
recognised as stale instead of acting on the wrong question. Stateless buttons (menus, staff
actions on an object) leave `seq` empty and are checked by the flow against role and ownership.

This is the one codec: buttons are built from an :class:`Action` (a verb and its arguments) and
read back into one; arguments are read as typed kinds (:data:`ID`, :data:`VERSION`,
:func:`token`). Anything forged, overlong, malformed or of another format version raises
:class:`BadPayload`, which the router answers as a stale button.

Format versions: version 1 (this one) carries no marker, so every button already in a chat stays
readable; a later format starts with `<version>~`, and a press on a button of any version but
the current one is :class:`BadPayload` (stale), never misread. A flow that was renamed keeps
its former name as an alias (:data:`RENAMED_FLOWS`): a button sent before the rename decodes
to the flow's name now, and is then checked like any other press.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar, overload

MAX_PAYLOAD_BYTES = 64
MAX_NUMBER = 2**63 - 1  # the database's BIGINT
VERSION = 1
VERSION_MARK = "~"
SEP = ":"
_FLOW = re.compile(r"[a-z][a-z_]{0,31}")
_VERB = re.compile(r"[a-z_]{1,16}")
_MARKED = re.compile(r"(\d+)" + VERSION_MARK)

RENAMED_FLOWS: Final[Mapping[str, str]] = {"apply": "application"}
"""A flow's former name → its name now (the kind it files, not the command users type), for
buttons and Mini App links already sent; a former name is never given to another flow."""

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
W = TypeVar("W", bound=str)


class BadPayload(ValueError):
    """A payload this bot did not make, or made in another format version: a stale button."""


@dataclass(frozen=True, slots=True)
class Kind(Generic[T]):
    """How one argument is written into a payload and read back (raising BadPayload)."""

    name: str
    prefix: str = ""
    choices: tuple[str, ...] | None = None

    def write(self, value: T) -> str:
        text = f"{self.prefix}{value}"
        self.read(text)  # a value we could not read back must never be sent
        return text

    def read(self, text: str) -> T:
        if not text.startswith(self.prefix):
            raise BadPayload(f"{self.name}: {text!r}")
        body = text[len(self.prefix) :]
        if self.choices is not None:
            for choice in self.choices:
                if choice == body:
                    return choice  # type: ignore[return-value]  # a token kind is Kind[W]
            raise BadPayload(f"{self.name}: {text!r}")
        value = number(body)
        if value is None:
            raise BadPayload(f"{self.name}: {text!r}")
        return value  # type: ignore[return-value]  # a number kind is Kind[int]


ID: Kind[int] = Kind("id")
"""A database id (or a page, an index): ASCII digits through :func:`number`."""
VERSION_NO: Kind[int] = Kind("version", prefix="v")
"""The version of a submission a button was made for: `v<n>`."""


def token(name: str, choices: Collection[W]) -> Kind[W]:
    """One of a few short words (a Literal's or an enum's values): anything else is forged."""
    return Kind(name, choices=tuple(choices))


@dataclass(frozen=True, slots=True)
class Action:
    """What a button asks its flow to do: a verb and its arguments (no `:` inside one)."""

    verb: str
    args: tuple[str, ...] = ()

    @classmethod
    def of(cls, verb: str, *args: str | int) -> Action:
        return cls(verb, tuple(str(a) for a in args))

    def encode(self) -> str:
        if not _VERB.fullmatch(self.verb) or any(SEP in a or not a for a in self.args):
            raise ValueError(f"not a button action: {self!r}")
        return SEP.join((self.verb, *self.args))

    @classmethod
    def parse(cls, text: str) -> Action:
        verb, *args = text.split(SEP)
        if not _VERB.fullmatch(verb) or any(not a or not a.isprintable() for a in args):
            raise BadPayload(f"action: {text!r}")
        return cls(verb, tuple(args))

    def is_(self, verb: str) -> bool:
        """This verb with no arguments (`yes:junk` is not `yes`)."""
        return self.verb == verb and not self.args

    @overload
    def take(self, a: Kind[A], /) -> tuple[A]: ...
    @overload
    def take(self, a: Kind[A], b: Kind[B], /) -> tuple[A, B]: ...
    def take(self, *kinds: Kind[Any]) -> tuple[Any, ...]:
        """The arguments read as these kinds; BadPayload unless exactly these are there."""
        if len(kinds) != len(self.args):
            raise BadPayload(f"{self.verb}: {len(self.args)} arguments, not {len(kinds)}")
        return tuple(kind.read(arg) for kind, arg in zip(kinds, self.args, strict=True))

    def id(self) -> int:
        """The one argument, an id."""
        return self.take(ID)[0]

    @property
    def tail(self) -> str:
        """The arguments as written, for a verb whose one argument is free text (a form choice)."""
        return SEP.join(self.args)


@dataclass(frozen=True, slots=True)
class Payload:
    flow: str
    seq: int | None
    action: Action

    def encode(self) -> str:
        if not _FLOW.fullmatch(self.flow):
            raise ValueError(f"not a flow name: {self.flow!r}")
        text = SEP.join(
            (self.flow, "" if self.seq is None else str(self.seq), self.action.encode())
        )
        if len(text.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload over {MAX_PAYLOAD_BYTES} bytes: {text!r}")
        return text


def encode(flow: str, action: Action | str, seq: int | None = None) -> str:
    """The payload of a button; ValueError (a bug, never input) if it cannot be one."""
    if isinstance(action, str):
        try:
            action = Action.parse(action)
        except BadPayload as exc:
            raise ValueError(f"not a button action: {action!r}") from exc
    return Payload(flow, seq, action).encode()


def decode(data: str) -> Payload:
    """The payload of a press; BadPayload for anything this version of the bot did not make."""
    if len(data.encode()) > MAX_PAYLOAD_BYTES:
        raise BadPayload("over 64 bytes")
    if marked := _MARKED.match(data):
        raise BadPayload(f"format version {marked[1]}, not {VERSION}")
    parts = data.split(SEP, 2)
    if len(parts) != 3 or not _FLOW.fullmatch(parts[0]):
        raise BadPayload(f"not flow:seq:action: {data!r}")
    flow, seq, action = parts
    step = number(seq) if seq else None
    if seq and step is None:
        raise BadPayload(f"seq: {seq!r}")
    return Payload(flow=current_flow(flow), seq=step, action=Action.parse(action))


def current_flow(name: str) -> str:
    """The name a flow goes by now, given the one a button, a link or a stored conversation
    carries."""
    return RENAMED_FLOWS.get(name, name)


def number(text: str, maximum: int = MAX_NUMBER) -> int | None:
    """A non-negative whole number in ASCII digits, at most `maximum`; else None.

    `str.isdigit` also accepts "²" or "٣", which `int` rejects, and a forged id may overflow the
    database: every number taken from a payload or typed as an id comes through here.
    """
    if not text or len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= maximum else None
