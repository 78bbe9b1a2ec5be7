"""The flows every user meets first: /start and its menu, /help, /cancel, the language switch."""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.forms import FormFlow
from handlers.roles import Role
from handlers.router import allowed
from handlers.status import form_flow, kind_label
from services.messages.keyboards import button, rows
from services.messages.payloads import Action
from services.messages.texts import LANGS, Texts
from storage.models import Conversation
from storage.repos.drafts import DraftsRepo


async def show_menu(ctx: Context, intro: str) -> None:
    """The menu, after a line per draft in progress naming it and the command that resumes it
    (or, with no draft, the unfinished step of another flow)."""
    hints = [
        ctx.t("common.unfinished_draft", kind=kind_label(ctx, kind), command=f"/{command}")
        for kind in await ctx.uow.repo(DraftsRepo).kinds_of(ctx.user_id)
        if (command := _command(ctx, kind)) is not None
    ]
    conv = ctx.conversation
    open_flow = ctx.registry.by_name.get(conv.flow) if conv is not None else None
    if not hints and open_flow is not None and not isinstance(open_flow, FormFlow):
        command = open_flow.commands[0] if open_flow.commands else open_flow.name
        hints.append(ctx.t("common.unfinished", command=f"/{command}"))
    text = "\n\n".join([intro, "\n".join(hints)]) if hints else intro
    ctx.send(text, ctx.registry.menu(ctx))


def _command(ctx: Context, kind: str) -> str | None:
    flow = form_flow(ctx, kind)
    return flow.commands[0] if flow is not None and flow.commands else None


class StartFlow(Flow):
    name = "start"
    commands = ("start", "menu")

    async def start(self, ctx: Context, args: str) -> None:
        target = ctx.registry.by_name.get(args.split("_", 1)[0].strip().lower()) if args else None
        if target is not None and target is not self and allowed(ctx, target):
            await target.start(ctx, args.partition("_")[2])
            return
        key = "common.welcome_staff" if Role.STAFF in ctx.roles else "common.welcome"
        await show_menu(ctx, ctx.t(key, name=ctx.incoming.sender.first_name or "👋"))


class HelpFlow(Flow):
    name = "help"
    commands = ("help",)
    menu_key = "menu.help"

    async def start(self, ctx: Context, args: str) -> None:
        lines = [ctx.t("help.intro"), ""]
        for flow in ctx.registry.flows:
            if flow.commands and allowed(ctx, flow) and ctx.texts.has(f"cmd.{flow.commands[0]}"):
                command = flow.commands[0]
                lines.append(f"/{command} — {ctx.t(f'cmd.{command}')}")
        lines += ["", ctx.t("help.outro")]
        ctx.show("\n".join(lines), ctx.registry.menu(ctx))


class CancelFlow(Flow):
    name = "cancel"
    commands = ("cancel",)

    async def start(self, ctx: Context, args: str) -> None:
        conv = ctx.conversation
        flow = ctx.registry.by_name.get(conv.flow) if conv else None
        if conv is None or flow is None:
            ctx.send(ctx.t("common.nothing_to_cancel"), ctx.registry.menu(ctx))
            return
        note = await flow.on_cancel(ctx, conv)
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        ctx.send(note, ctx.registry.menu(ctx))


class LanguageFlow(Flow):
    name = "lang"
    commands = ("language", "lang")
    menu_key = "menu.language"

    async def start(self, ctx: Context, args: str) -> None:
        if args.strip().lower() in LANGS:
            await self._choose(ctx, args.strip().lower())
            return
        choices = [button(ctx.t(f"lang.name_{lang}"), self.name, lang) for lang in LANGS]
        ctx.show(ctx.t("lang.choose"), rows(choices, per_row=2))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        if not action.args and action.verb in LANGS:
            await self._choose(ctx, action.verb)
        else:
            await super().on_button(ctx, conv, action)

    async def _choose(self, ctx: Context, lang: str) -> None:
        user = await ctx.uow.users.get(ctx.user_id)
        assert user is not None
        user.language = lang
        ctx.texts = Texts(ctx.config.recipients.language(lang, None))
        await ctx.uow.audit.record(ctx.user_id, "language", "user", ctx.user_id, language=lang)
        ctx.show(ctx.t("lang.chosen"), ctx.registry.menu(ctx))


def common_flows() -> list[Flow]:
    return [StartFlow(), HelpFlow(), CancelFlow(), LanguageFlow()]
