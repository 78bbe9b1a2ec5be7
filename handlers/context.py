"""Everything a flow needs to answer one update, and the actions it produces."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from handlers.events import UNREADABLE, ButtonPress, Incoming, Unsupported
from handlers.roles import Role
from services.messages.actions import AnswerCallback, Edit, Keyboard, Outgoing, Send, SendDocument
from services.messages.texts import Lang, Texts
from services.recipients import Recipients
from storage.models import Conversation
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from handlers.registry import Registry


class Upcoming(Protocol):
    """A reminder the sweeps will send (scheduler/ computes them; handlers only show them)."""

    @property
    def send_at(self) -> datetime: ...

    @property
    def series(self) -> str: ...


Preview = Callable[[UnitOfWork, datetime], Awaitable[Sequence[Upcoming]]]
Download = Callable[[str], Awaitable[bytes]]
"""Telegram's getFile: a file's bytes by its file_id (the runtime's, or a test's store)."""


@dataclass(frozen=True)
class CoreConfig:
    recipients: Recipients = field(default_factory=Recipients)
    clock: Callable[[], datetime] | None = None  # None: the wall clock in `recipients.tz`
    preview: Preview | None = None  # the shell wires the scheduler's dry run in here
    webapp_url: str | None = None  # the Mini App's public base; None: no web buttons

    @property
    def staff_ids(self) -> frozenset[int]:
        return self.recipients.staff_ids

    @property
    def default_lang(self) -> Lang:
        return self.recipients.default_lang

    @property
    def tz(self) -> ZoneInfo:
        return self.recipients.tz


@dataclass
class Context:
    uow: UnitOfWork
    incoming: Incoming
    texts: Texts
    roles: frozenset[Role]
    config: CoreConfig
    registry: Registry
    conversation: Conversation | None = None
    download: Download | None = None
    out: list[Outgoing] = field(default_factory=list)
    notified: int = 0

    @property
    def user_id(self) -> int:
        return self.incoming.sender.user_id

    @property
    def chat_id(self) -> int:
        return self.incoming.sender.chat_id

    @property
    def is_staff(self) -> bool:
        return Role.STAFF in self.roles

    async def texts_for(self, user_id: int) -> Texts:
        """Texts in the language of someone else (a unit, a staff member), not the sender."""
        return await self.config.recipients.texts(self.uow, user_id)

    async def staff(self) -> list[int]:
        """Staff from `STAFF_IDS` plus those granted in the bot (/staff)."""
        return await self.config.recipients.staff(self.uow)

    def now(self) -> datetime:
        return self.config.recipients.now(self.config.clock)

    def t(self, key: str, /, **values: object) -> str:
        return self.texts.get(key, **values)

    def unsupported(self, event: Unsupported) -> str:
        """Why a message could not be taken: its kind, or that it could not be read at all."""
        if event.kind == UNREADABLE:
            return self.t("common.unreadable")
        return self.t("common.unsupported", kind=event.kind)

    def send(self, text: str, keyboard: Keyboard | None = None) -> None:
        self.out.append(Send(chat_id=self.chat_id, text=text, keyboard=keyboard))

    def show(self, text: str, keyboard: Keyboard | None = None) -> None:
        """Replace the pressed message in place, so a chat doesn't fill with stale keyboards."""
        event = self.incoming.event
        if isinstance(event, ButtonPress) and event.message_id is not None:
            self.out.append(
                Edit(
                    chat_id=self.chat_id, message_id=event.message_id, text=text, keyboard=keyboard
                )
            )
        else:
            self.send(text, keyboard)

    def answer(self, text: str | None = None, alert: bool = False) -> None:
        event = self.incoming.event
        if isinstance(event, ButtonPress) and not any(
            isinstance(a, AnswerCallback) for a in self.out
        ):
            self.out.append(AnswerCallback(callback_id=event.callback_id, text=text, alert=alert))

    def document(self, file_name: str, content: bytes, caption: str | None = None) -> None:
        self.out.append(
            SendDocument(
                chat_id=self.chat_id, file_name=file_name, content=content, caption=caption
            )
        )

    async def notify(self, key: str, action: Outgoing, not_before: datetime | None = None) -> bool:
        """Queue a message to someone else through the outbox, in this update's transaction."""
        assert not isinstance(action, AnswerCallback)
        queued = await self.uow.outbox.enqueue(
            key, action.chat_id, action.model_dump(mode="json"), not_before
        )
        self.notified += int(queued)
        return queued
