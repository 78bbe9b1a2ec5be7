"""`/apply`: the unit contact fills in, checks and submits the studio application."""

from __future__ import annotations

from handlers.application.checks import bar_line, bar_lines, duplicate_line
from handlers.application.opening import open_application
from handlers.context import Context
from handlers.forms import FormFlow, FormSession
from handlers.hand_in import submit_in_chat
from handlers.revision import still_to_fix
from policy.forms.application import APPLICATION
from services.submissions import NotSubmitted, Submitted
from storage.models import Draft


class ApplicationFlow(FormFlow):
    name = APPLICATION.name
    commands = ("apply",)
    menu_key = "menu.apply"
    spec = APPLICATION

    async def open_draft(self, ctx: Context, args: str) -> tuple[Draft, str | None] | None:
        return await open_application(ctx)

    async def answer_notes(self, form: FormSession, key: str) -> list[str]:
        notes = await super().answer_notes(form, key)
        barred = await bar_line(form, key)
        return [*notes, barred] if barred else notes

    async def blockers(self, form: FormSession) -> list[str]:
        duplicate = await duplicate_line(form)
        return [*await bar_lines(form), *([duplicate] if duplicate else [])]

    async def marked(self, form: FormSession) -> set[str]:
        """A revision flags the fields staff asked to fix, until each is changed."""
        return await still_to_fix(form)

    async def submit(self, form: FormSession) -> None:
        await submit_in_chat(self, form)

    async def receipt(self, form: FormSession, done: Submitted) -> str:
        key = "application.resubmitted" if done.revised else "application.submitted"
        when = form.ctx.now().strftime("%Y-%m-%d %H:%M")
        return form.ctx.t(key, receipt=done.receipt, version=done.version, when=when)

    def refusal(self, form: FormSession, refused: NotSubmitted) -> str:
        return form.ctx.t("application.not_submitted")
