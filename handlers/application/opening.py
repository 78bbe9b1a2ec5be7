"""Which draft `/apply` opens: a returned submission's revision first, then the unit's own
draft, else a new one. A unit may apply for several studios, each with its own master (第五条,
第六条); what must not happen twice is checked at submit (handlers.application.checks)."""

from __future__ import annotations

from handlers.context import Context
from policy.forms.application import APPLICATION
from policy.forms.walk import question_count
from services.labels import field_names
from storage.models import Draft, Submission
from storage.repos.drafts import DraftsRepo
from storage.repos.submissions import RETURNED, SubmissionsRepo

KIND = "application"


def returned_note(ctx: Context, submission: Submission) -> str:
    return ctx.t(
        "application.returned",
        receipt=submission.receipt_no,
        reason=submission.decision_reason or "—",
        fields=field_names(ctx.texts, KIND, list(submission.fields_to_fix or [])) or "—",
    )


async def _revision(ctx: Context) -> tuple[Draft, str] | None:
    repo = ctx.uow.repo(SubmissionsRepo)
    for submission in await repo.for_owner(ctx.user_id, KIND):
        if submission.status == RETURNED:
            draft = await repo.open_revision_draft(submission, ctx.now())
            return draft, returned_note(ctx, submission)
    return None


async def open_application(ctx: Context) -> tuple[Draft, str | None] | None:
    revision = await _revision(ctx)
    if revision is not None:
        return revision
    drafts = ctx.uow.repo(DraftsRepo)
    draft = await drafts.find(ctx.user_id, KIND)
    if draft is not None:
        return draft, ctx.t("forms.resumed")
    draft = await drafts.create(ctx.user_id, KIND, ctx.now())
    total = question_count(APPLICATION, draft.answers or {})
    intro = ctx.t("forms.intro", command="/apply", total=total)
    return draft, ctx.t("application.welcome") + "\n" + intro
