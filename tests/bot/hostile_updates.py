"""Hostile raw updates: what a broken client, a changed Bot API or a forger could put in front of
the intake. Random kinds, fields missing or added, values of the wrong type, huge texts and
control characters, forged button data. Deterministic for a seed.

Senders are either users the emulator knows (so an answer can reach them) or ids no one could
answer (negative, zero, booleans, strings, beyond 64 bits): the bot must never write to a chat
nobody opened.
"""

from __future__ import annotations

import random
import string
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers.flows import all_flows

OUR_KINDS = ("message", "callback_query")
OTHER_KINDS = (
    "edited_message",
    "channel_post",
    "my_chat_member",
    "chat_member",
    "message_reaction",
    "poll_answer",
    "chat_join_request",
    "business_message",
    "future_kind_2031",
)
BAD_IDS: tuple[Any, ...] = (0, -5, True, False, "1001", 2**70, -(2**70), 3.5, None, [], {})
JUNK: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**64,
    1e308,
    "",
    "\x00",
    "\ud800",
    [],
    {},
    [1, "2", None],
    {"nested": {"deeper": [1, {}]}},
)
FLOWS = [f.name for f in all_flows()] + ["", "x" * 40, "boom", "lang", "menu"]
VERBS = ("open", "back", "s", "rm", "pick", "page", "ans", "edit", "del", "yes", "no", "zh")
COMMANDS = ("/start", "/help", "/apply", "/check", "/plan", "/report", "/status", "/cancel")
COMMAND_ARGS = ("", "0", "9999", "s1y0", "s1y9999", "²", "٣", "-1", "apply", "check", "x" * 300)


@dataclass(frozen=True)
class Hostile:
    kind: str
    body: Any


class HostileUpdates:
    def __init__(self, seed: int, users: Sequence[int]) -> None:
        self.rng = random.Random(seed)
        self.users = list(users)

    def __iter__(self) -> HostileUpdates:
        return self

    def __next__(self) -> Hostile:
        roll = self.rng.random()
        if roll < 0.5:
            return Hostile("message", self._mutate(self._message()))
        if roll < 0.85:
            return Hostile("callback_query", self._mutate(self._press()))
        kind = self.rng.choice(OTHER_KINDS)
        return Hostile(kind, self._mutate(self._message()))

    def _user_id(self) -> Any:
        return (
            self.rng.choice(self.users) if self.rng.random() < 0.85 else self.rng.choice(BAD_IDS)
        )

    def _user(self) -> Any:
        user_id = self._user_id()
        body: dict[str, Any] = {"id": user_id, "is_bot": self.rng.random() < 0.05}
        body["first_name"] = self._text(short=True)
        if self.rng.random() < 0.5:
            body["language_code"] = self.rng.choice(("zh", "en", "en-" + "x" * 60, "", 7))
        if self.rng.random() < 0.3:
            body["username"] = self._text(short=True)
        return body if self.rng.random() < 0.9 else self.rng.choice(JUNK)

    def _chat(self, user: Any) -> Any:
        chat_id = user.get("id") if isinstance(user, dict) else self._user_id()
        kind = "private" if self.rng.random() < 0.85 else self.rng.choice(("group", "channel", 5))
        return {"id": chat_id, "type": kind} if self.rng.random() < 0.9 else self.rng.choice(JUNK)

    def _text(self, short: bool = False) -> Any:
        roll = self.rng.random()
        if roll < 0.25:
            return f"{self.rng.choice(COMMANDS)} {self.rng.choice(COMMAND_ARGS)}".strip()
        if roll < 0.35 and not short:
            return "长" * self.rng.choice((4096, 5000, 100_000))
        if roll < 0.5:
            return "".join(
                chr(self.rng.randrange(0, 32)) for _ in range(self.rng.randrange(1, 40))
            )
        if roll < 0.6:
            return self.rng.choice(
                ("<b>unclosed", "&amp;&", "<a href='x'>", "\u202e\u200b", "🎉" * 50)
            )
        if roll < 0.7:
            return self.rng.choice(JUNK)
        size = 12 if short else self.rng.randrange(1, 200)
        return "".join(self.rng.choice(string.printable + "工作室²٣") for _ in range(size))

    def _message(self) -> dict[str, Any]:
        user = self._user()
        body: dict[str, Any] = {
            "message_id": self.rng.choice((self.rng.randrange(1, 10**6), *JUNK)),
            "from": user,
            "chat": self._chat(user),
            "date": int(time.time()),
        }
        content = self.rng.random()
        if content < 0.6:
            body["text"] = self._text()
        elif content < 0.7:
            body["document"] = self.rng.choice(
                ({"file_id": self._text(short=True), "file_size": self.rng.choice(JUNK)}, *JUNK)
            )
        elif content < 0.8:
            body["photo"] = self.rng.choice(([{"file_id": 5}, "x"], [{}], *JUNK))
        elif content < 0.9:
            body[self.rng.choice(("sticker", "voice", "location", "poll", "dice", "story"))] = {}
        return body

    def _payload(self) -> Any:
        roll = self.rng.random()
        if roll < 0.6:
            seq = self.rng.choice(("", "1", "2", "²", "٣", "-1", "99999999999999999999999", "x"))
            arg = self.rng.choice(
                ("", "1", "0", "²", "-1", "s:1:0", "s:1:9999", "1:2:3", "9" * 30)
            )
            text = f"{self.rng.choice(FLOWS)}:{seq}:{self.rng.choice(VERBS)}:{arg}"
            return text[:64]
        if roll < 0.8:
            return self._text(short=True)
        return self.rng.choice(JUNK)

    def _press(self) -> dict[str, Any]:
        user = self._user()
        body: dict[str, Any] = {
            "id": self.rng.choice((str(self.rng.randrange(10**18)), *JUNK)),
            "from": user,
            "chat_instance": "1",
            "data": self._payload(),
        }
        if self.rng.random() < 0.85:
            body["message"] = {
                "message_id": self.rng.choice((self.rng.randrange(1, 30), *JUNK)),
                "chat": self._chat(user),
                "date": 0 if self.rng.random() < 0.2 else int(time.time()),
                "text": "…",
                "link_preview_options": {"is_disabled": True},
            }
        return body

    def _mutate(self, body: dict[str, Any]) -> Any:
        """Sometimes drop a field, add an unknown one, or send no object at all."""
        roll = self.rng.random()
        if roll < 0.15 and body:
            body.pop(self.rng.choice(list(body)))
        elif roll < 0.35:
            body[self.rng.choice(("quote", "reply_to_message", "future_field", "entities"))] = (
                self.rng.choice((*JUNK, "oops"))
            )
        elif roll < 0.38:
            return self.rng.choice(JUNK)
        return body
