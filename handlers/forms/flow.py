"""`FormFlow`: a Flow that walks a `FormSpec` over a draft; subclasses say whose draft and what
Submit does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from handlers.context import Context
from handlers.events import FileUpload, Unsupported
from handlers.flow import Flow
from handlers.forms import files, groups, steps
from handlers.forms.cursor import CONFIRM, SUMMARY, Cursor, at_summary
from handlers.forms.discard import discard
from handlers.forms.pages import page_of
from handlers.forms.screens import go, render, resume_cursor, show
from handlers.forms.session import FormSession
from handlers.forms.summary import discard_screen, first_flagged_page, problems, section_screen
from handlers.forms.web import offer_web
from policy.forms.spec import FormSpec
from services.drafts.opening import NotOpened, OpenDraft, open_draft
from services.drafts.problems import remarks
from services.messages.drafts import closed_note, opened_note, remark_lines
from services.messages.payloads import Action as Press
from services.messages.payloads import number
from storage.models import Conversation, Draft
from storage.repos.drafts import DraftsRepo

Action = Callable[[FormSession], Awaitable[None]]

_ACTIONS: dict[str, Action] = {
    "back": steps.back,
    "skip": lambda form: files.later(form) if files.is_slot(form) else steps.skip(form),
    "keep": lambda form: files.keep(form) if files.is_slot(form) else steps.keep(form),
    "clear": files.clear,
    "add": groups.add,
    "done": groups.done,
    "rm": groups.pick_removal,
}


class FormFlow(Flow):
    """Subclasses set `spec` and implement `open_draft` and `submit`; the rest is the walk.

    Hooks: `open_draft(ctx, args)` → (draft, note) or None (after explaining why not), for a
    form of services.labels.FORMS simply `open_form` (services.drafts.opening);
    `answer_notes(form, key)` → remarks shown after an answer (default: the service's
    remarks, services.drafts.problems); `submit(form)` → hand the draft in (runs only when
    nothing blocks and the unit confirmed). What blocks Submit is the service's.
    """

    spec: ClassVar[FormSpec]

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        raise NotImplementedError

    async def submit(self, form: FormSession) -> None:
        raise NotImplementedError

    async def open_form(self, ctx: Context, scope: str = "") -> tuple[Draft, str | None] | None:
        """The draft the service opens for this form and scope, with the note it opens with;
        None after saying why it does not open."""
        request = OpenDraft(ctx.user_id, self.spec.name, scope)
        opened = await open_draft(ctx.uow, request, ctx.now())
        if isinstance(opened, NotOpened):
            ctx.send(closed_note(ctx.texts, opened), ctx.registry.menu(ctx))
            return None
        return opened.form.draft, opened_note(ctx.texts, opened)

    async def answer_notes(self, form: FormSession, key: str) -> list[str]:
        said = await remarks(form.ctx.uow, form.draft_form, key, form.ctx.now().date())
        return remark_lines(form.words, said)

    async def start(self, ctx: Context, args: str) -> None:
        opened = await self.open_draft(ctx, args)
        if opened is None:
            return
        draft, note = opened
        conv = await ctx.uow.conversations.open(ctx.user_id, self.name, "", {"draft": draft.id})
        ctx.conversation = conv
        form = FormSession(self, ctx, conv, draft, await ctx.uow.repo(DraftsRepo).files(draft.id))
        cursor = resume_cursor(form)
        if cursor.key == SUMMARY:
            conv.data = {**(conv.data or {}), "page": await first_flagged_page(form)}
        await go(form, cursor, note)
        offer_web(ctx, self.name, args.strip())

    async def session(self, ctx: Context, conv: Conversation) -> FormSession | None:
        """The form behind a conversation; None (and the conversation closed) if it is gone."""
        drafts = ctx.uow.repo(DraftsRepo)
        draft_id = (conv.data or {}).get("draft")
        draft = await drafts.get(draft_id) if isinstance(draft_id, int) else None
        if draft is None or draft.owner_id != ctx.user_id:
            await ctx.uow.conversations.close(ctx.user_id)
            ctx.conversation = None
            ctx.send(ctx.t("forms.gone"), ctx.registry.menu(ctx))
            return None
        return FormSession(self, ctx, conv, draft, await drafts.files(draft.id))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Press) -> None:
        form = await self.session(ctx, conv) if conv is not None else None
        if conv is None or form is None:
            await super().on_button(ctx, conv, action)
            return
        verb, arg = action.verb, action.tail
        if verb == "c":
            await steps.answer(form, arg, pressed=True)
        elif verb == "e":
            await self._edit(form, arg)
        elif verb in ("pg", "sec", "discard", "discard_yes"):
            await self._summary_action(form, verb, arg)
        elif verb == "rm" and arg:
            await groups.remove(form, arg)
        elif verb in ("submit", "confirm"):
            await self._submit(form, verb)
        elif verb in _ACTIONS:
            await _ACTIONS[verb](form)
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)
            await render(form, fresh=True)

    async def _edit(self, form: FormSession, key: str) -> None:
        node = form.node(key)
        if not form.cursor.closing or node is None or not node.visible(form.answers):
            await render(form, form.ctx.t("forms.use_buttons"))
            return
        form.conv.data = {**(form.conv.data or {}), "page": page_of(form, key)}
        await go(form, Cursor(key))

    async def _summary_action(self, form: FormSession, verb: str, arg: str) -> None:
        """Turning the summary's pages, opening a page's answers for editing, discarding."""
        index = number(arg) if arg else None
        if not form.cursor.closing or (verb in ("pg", "sec") and index is None):
            await render(form, form.ctx.t("forms.use_buttons"))
        elif verb == "pg":
            form.conv.data = {**(form.conv.data or {}), "page": index}
            await render(form)
        elif verb == "sec":
            show(form, *section_screen(form, index or 0))
        elif verb == "discard":
            show(form, *discard_screen(form))
        else:
            await discard(form)

    async def _submit(self, form: FormSession, verb: str) -> None:
        if not form.cursor.closing:
            await render(form, form.ctx.t("forms.use_buttons"))
            return
        if (await problems(form)).blocking:
            await go(form, at_summary())
        elif verb == "submit" or form.cursor.key != CONFIRM:
            await go(form, Cursor(CONFIRM))
        else:
            await self.submit(form)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        if (form := await self.session(ctx, conv)) is not None:
            await steps.answer(form, text, pressed=False)

    async def on_file(self, ctx: Context, conv: Conversation, file: FileUpload) -> None:
        if (form := await self.session(ctx, conv)) is not None:
            await files.receive(form, file)

    async def on_unsupported(self, ctx: Context, conv: Conversation, event: Unsupported) -> None:
        await self.reprompt(ctx, conv, ctx.unsupported(event))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        if (form := await self.session(ctx, conv)) is not None:
            await render(form, note, fresh=True)

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str:
        return ctx.t("forms.cancelled", command=f"/{self.commands[0]}")
