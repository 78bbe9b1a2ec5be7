"""Drive the core directly, as a chat would, without HTTP: fast tests of flows.

`ChatDriver` sends Incoming events into `Core.handle` and keeps what the bot showed, so a test
reads like a conversation: `await alice.command("check")`, `await alice.press("技师")`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from handlers.core import Core
from handlers.events import (
    ButtonPress,
    Command,
    Event,
    FileUpload,
    Incoming,
    Sender,
    Text,
    Unsupported,
)
from services.messages.actions import AnswerCallback, Btn, Edit, Outgoing, Send, SendDocument

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


@dataclass
class Shown:
    """A message as the user sees it now (edits applied)."""

    message_id: int
    text: str
    buttons: list[Btn] = field(default_factory=list)

    def labels(self) -> list[str]:
        return [b.label for b in self.buttons]


@dataclass
class ChatDriver:
    core: Core
    user_id: int
    first_name: str = "Alice"
    language: str | None = "zh"
    messages: list[Shown] = field(default_factory=list)
    answers: list[AnswerCallback] = field(default_factory=list)
    documents: list[SendDocument] = field(default_factory=list)

    @property
    def last(self) -> Shown:
        return self.messages[-1]

    async def event(self, event: Event, update_id: int | None = None) -> list[Outgoing]:
        sender = Sender(self.user_id, self.user_id, self.first_name, None, self.language)
        incoming = Incoming(update_id or next(_update_ids), sender, event)
        actions = (await self.core.handle(incoming)).replies
        self._apply(actions)
        await self.core.delivered(incoming.update_id)
        return actions

    async def command(self, name: str, args: str = "") -> list[Outgoing]:
        return await self.event(Command(name, args))

    async def text(self, text: str) -> list[Outgoing]:
        return await self.event(Text(text))

    async def file(self, upload: FileUpload) -> list[Outgoing]:
        return await self.event(upload)

    async def sticker(self) -> list[Outgoing]:
        return await self.event(Unsupported("sticker"))

    async def press(self, label: str, message: Shown | None = None) -> list[Outgoing]:
        """Press the newest button with this label (exact, else unique substring)."""
        for shown in [message] if message else reversed(self.messages):
            button = _find(shown.buttons, label)
            if button is not None and button.payload is not None:
                return await self.press_data(button.payload, shown.message_id)
        labels = [b.label for m in self.messages[-3:] for b in m.buttons]
        raise LookupError(f"no button {label!r}; recent buttons: {labels}")

    async def press_data(self, payload: str, message_id: int | None = None) -> list[Outgoing]:
        message_id = message_id or (self.last.message_id if self.messages else None)
        return await self.event(ButtonPress(payload, f"cb{next(_update_ids)}", message_id))

    def text_of(self, actions: Sequence[Outgoing]) -> str:
        return "\n".join(a.text for a in actions if isinstance(a, Send | Edit))

    def _apply(self, actions: Sequence[Outgoing]) -> None:
        for action in actions:
            if isinstance(action, Send):
                buttons = [b for row in action.keyboard or () for b in row]
                self.messages.append(Shown(next(_message_ids), action.text, buttons))
            elif isinstance(action, Edit):
                for shown in self.messages:
                    if shown.message_id == action.message_id:
                        shown.text = action.text
                        shown.buttons = [b for row in action.keyboard or () for b in row]
            elif isinstance(action, AnswerCallback):
                self.answers.append(action)
            elif isinstance(action, SendDocument):
                self.documents.append(action)


def _find(buttons: Sequence[Btn], label: str) -> Btn | None:
    exact = [b for b in buttons if b.label == label]
    if exact:
        return exact[-1]
    partial = [b for b in buttons if label in b.label]
    return partial[0] if len(partial) == 1 else None


def upload(
    name: str = "report.pdf", mime: str = "application/pdf", size: int = 1000
) -> FileUpload:
    unique = f"u{next(_update_ids)}"
    return FileUpload(f"file-{unique}", unique, name, mime, size)
