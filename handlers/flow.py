"""The shape every conversation takes; the router calls these, flows fill them in."""

from __future__ import annotations

from typing import ClassVar

from handlers.context import Context
from handlers.events import FileUpload, Unsupported
from handlers.roles import Role
from services.messages.actions import Btn
from services.messages.keyboards import button
from services.messages.payloads import Action
from services.messages.texts import Texts
from storage.models import Conversation


class Flow:
    """A capability reachable by commands, menu buttons and its own buttons.

    Conversation flows keep their step in `Conversation` (committed with every answer), so a
    restart resumes them; stateless flows just answer.
    """

    name: ClassVar[str]
    commands: ClassVar[tuple[str, ...]] = ()
    menu_key: ClassVar[str | None] = None
    menu_roles: ClassVar[frozenset[Role]] = frozenset({Role.PUBLIC})
    required_role: ClassVar[Role] = Role.PUBLIC

    def admits(self, roles: frozenset[Role]) -> bool:
        """Whether someone with ``roles`` may use this flow."""
        return self.required_role is Role.PUBLIC or self.required_role in roles

    async def start(self, ctx: Context, args: str) -> None:
        raise NotImplementedError

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        """A press on one of this flow's buttons; `conv` is None for stateless buttons.

        Arguments are read with `action.take(...)`/`action.id()`; a forged one raises
        BadPayload, which the router answers as a stale button."""
        if conv is None and action.is_("open"):
            await self.on_menu(ctx)
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))

    async def on_file(self, ctx: Context, conv: Conversation, file: FileUpload) -> None:
        await self.reprompt(ctx, conv, ctx.t("common.file_not_expected"))

    async def on_unsupported(self, ctx: Context, conv: Conversation, event: Unsupported) -> None:
        await self.reprompt(ctx, conv, ctx.unsupported(event))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        """Say again what the conversation is waiting for, after `note` explaining why."""
        if note:
            ctx.send(note)

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str:
        """What /cancel says about this flow's work; flows with drafts say the draft is kept."""
        return ctx.t("common.cancelled")

    def menu_button(self, texts: Texts, roles: frozenset[Role]) -> Btn | None:
        if self.menu_key is None or not (self.menu_roles & roles):
            return None
        return button(texts(self.menu_key), self.name, "open")

    async def on_menu(self, ctx: Context) -> None:
        await self.start(ctx, "")
