"""`/apply`: the unit contact fills in, checks and submits the studio application."""

from __future__ import annotations

from handlers.application.checks import bar_line, bar_lines, duplicate_line
from handlers.application.opening import open_application
from handlers.context import Context
from handlers.forms import FormFlow, FormSession
from handlers.hand_in import submit_in_chat
from policy.forms.application import APPLICATION
from services.revisions import to_fix
from services.submissions import NotSubmitted, Submitted
from storage.models import Draft, SubmissionVersion


class ApplicationFlow(FormFlow):
    name = "apply"
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
        fix = await to_fix(form.ctx.uow, form.draft)
        if fix is None:
            return set()
        if fix.returned is None:
            return set(fix.fields)
        return {key for key in fix.fields if not _changed(form, fix.returned, key)}

    async def submit(self, form: FormSession) -> None:
        await submit_in_chat(self, form)

    async def receipt(self, form: FormSession, done: Submitted) -> str:
        key = "application.resubmitted" if done.revised else "application.submitted"
        when = form.ctx.now().strftime("%Y-%m-%d %H:%M")
        return form.ctx.t(key, receipt=done.receipt, version=done.version, when=when)

    def refusal(self, form: FormSession, refused: NotSubmitted) -> str:
        return form.ctx.t("application.not_submitted")


def _changed(form: FormSession, returned: SubmissionVersion, key: str) -> bool:
    """Whether the answer (or the files) at ``key`` differ from the version staff returned."""
    if key in form.slots or any(a.get("slot") == key for a in returned.attachments or []):
        now = sorted(f.sha256 for f in form.files if f.slot == key)
        then = sorted(
            str(a.get("sha256")) for a in returned.attachments or [] if a.get("slot") == key
        )
        return now != then
    return form.answers.get(key) != (returned.answers or {}).get(key)
