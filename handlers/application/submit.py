"""Handing the application in: a submission with a receipt number, or the next version of a
returned one; an audit entry, the receipt to the unit, and a notice to every staff member."""

from __future__ import annotations

from handlers.forms import FormSession
from handlers.staff_notices import notify_staff
from policy.forms.walk import snapshot
from storage.repos.submissions import Heading, SubmissionsRepo


def heading(answers: dict[str, object]) -> Heading:
    def text(key: str) -> str | None:
        value = answers.get(key)
        return str(value) if value is not None else None

    return Heading(text("studio_name") or "", text("category"), text("division"))


async def submit_application(form: FormSession) -> None:
    ctx, draft = form.ctx, form.draft
    answers = snapshot(form.spec, form.answers)
    repo = ctx.uow.repo(SubmissionsRepo)
    now = ctx.now()
    revision = draft.submission_id is not None
    if revision:
        submission = await repo.resubmit(draft, answers, heading(answers), now)
    else:
        submission = await repo.submit_new(draft, answers, heading(answers), now.year, now)
    await form.close()
    if submission is None:
        ctx.show(ctx.t("application.not_submitted"), ctx.registry.menu(ctx))
        return
    event = "resubmitted" if revision else "new"
    await ctx.uow.audit.record(
        ctx.user_id,
        f"application.{event}",
        "submission",
        submission.id,
        receipt=submission.receipt_no,
        version=submission.version,
    )
    await notify_staff(ctx, submission, event)
    when = now.strftime("%Y-%m-%d %H:%M")
    key = "application.resubmitted" if revision else "application.submitted"
    text = ctx.t(key, receipt=submission.receipt_no, version=submission.version, when=when)
    ctx.show(text, ctx.registry.menu(ctx))
