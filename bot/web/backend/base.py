"""What every part of the backend shares: who calls, how a refusal reads, whom a page speaks to.

A web request is answered for the same user as the chat answers: the same user row, language
and roles (resolved from the database and STAFF_IDS, as in the chat). The backend then calls
services/ and words their typed results for the page, in the caller's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.web.auth import WebUser
from bot.web.form_view import plain
from handlers.core import Core
from handlers.roles import Role, resolve_roles
from services.messages.texts import Texts
from storage.uow import UnitOfWork


class WebError(Exception):
    """A refusal the page shows as it is: `message` is plain text in the user's language."""

    def __init__(self, status: int, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Caller:
    """Who calls (signed in by Telegram) and the page's language if they chose one there."""

    user: WebUser
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class View:
    """Whom a page speaks to: their language, the programme's time zone, the moment."""

    texts: Texts
    tz: ZoneInfo
    now: datetime

    def t(self, key: str, /, **values: object) -> str:
        return self.texts.get(key, **values)

    def plain(self, key: str, /, **values: object) -> str:
        """The text as the page shows it: no markup (the page inserts it as text)."""
        return plain(self.texts.get(key, **values)) or key


@dataclass(slots=True)
class Visit:
    """One request's unit of work, for a caller with their roles; `notified` counts the
    outbox rows the services queued, so the sender is woken once it is committed."""

    uow: UnitOfWork
    user_id: int
    roles: frozenset[Role]
    view: View
    notified: int = field(default=0)

    @property
    def is_staff(self) -> bool:
        return Role.STAFF in self.roles


class BackendBase:
    def __init__(self, core: Core) -> None:
        self.core = core

    def now(self) -> datetime:
        return self.core.config.recipients.now(self.core.config.clock)

    async def _visit(self, uow: UnitOfWork, who: Caller) -> Visit:
        """The caller as the chat knows them (their row is refreshed as a message would)."""
        config, user = self.core.config, who.user
        row = await uow.users.seen(user.id, user.first_name, user.username, user.language_code)
        lang = config.recipients.language(who.lang or row.language, user.language_code)
        roles = await resolve_roles(
            uow, user.id, config.staff_ids, self.core.role_sources, made_staff=row.is_staff
        )
        return Visit(uow, user.id, roles, View(Texts(lang), config.tz, self.now()))
