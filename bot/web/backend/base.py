"""What every part of the backend shares: who calls, how a refusal reads, a chat-like context.

A web request becomes what a command in the caller's private chat with the bot would be: the
same user row, language and roles (resolved from the database and STAFF_IDS, as in the chat),
so the chat's own code can run on it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.web.auth import WebUser
from bot.web.form_view import plain
from handlers.context import Context
from handlers.core import Core
from handlers.events import Command, Incoming, Sender
from handlers.roles import resolve_roles
from services.messages.actions import Send
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


class BackendBase:
    def __init__(self, core: Core) -> None:
        self.core = core

    async def _context(self, uow: UnitOfWork, who: Caller, command: str, args: str) -> Context:
        """A context like the chat's for `/command args`, in the user's private chat."""
        config, user = self.core.config, who.user
        row = await uow.users.seen(user.id, user.first_name, user.username, user.language_code)
        lang = config.recipients.language(who.lang or row.language, user.language_code)
        sender = Sender(user.id, user.id, user.first_name, user.username, user.language_code)
        return Context(
            uow=uow,
            incoming=Incoming(0, sender, Command(command, args)),
            texts=Texts(lang),
            roles=await resolve_roles(uow, user.id, config.staff_ids, self.core.role_sources),
            config=config,
            registry=self.core.registry,
            conversation=await uow.conversations.get(user.id),
            download=self.core.download,
        )


def plain_t(ctx: Context, key: str, **values: object) -> str:
    return plain(ctx.t(key, **values)) or key


def said(ctx: Context) -> list[str]:
    """What the chat's code would have replied, as lines of plain text."""
    return [plain(a.text) or "" for a in ctx.out if isinstance(a, Send)]
