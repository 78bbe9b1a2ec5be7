"""What a decision sets in motion once it has won: audit, studio, revision draft, the notice.

Approval of an application creates the studio (Art. 12, 13) with the applicant as its contact;
the approved version stays as it is, locked (Art. 8): only a return opens a new version.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.review.fields import field_label
from policy import display
from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.states import SubmissionStatus
from services.messages.actions import Send
from storage.models import Studio, Submission
from storage.repos.application_facts import studio_facts
from storage.repos.reviews import ReviewsRepo
from storage.repos.studios import StudiosRepo
from storage.repos.submissions import SubmissionsRepo

APPLICATION = "application"
NEXT_STEP: dict[tuple[str, str], str] = {
    (SubmissionStatus.APPROVED, APPLICATION): "review.next_application_approved",
    (SubmissionStatus.REJECTED, "plan"): "review.next_plan_rejected",
}
"""What the unit does next, where a notice would otherwise end in a dead end."""


async def apply_decision(ctx: Context, submission: Submission) -> str:
    """Carry out the decision just recorded on `submission`; returns the reviewer's receipt."""
    studio = None
    if submission.status == SubmissionStatus.APPROVED and submission.kind == APPLICATION:
        studio = await _create_studio(ctx, submission)
    elif submission.status == SubmissionStatus.RETURNED:
        await ctx.uow.repo(SubmissionsRepo).open_revision_draft(submission, ctx.now())
    await ctx.uow.audit.record(
        ctx.user_id,
        f"review.{submission.status}",
        "submission",
        submission.id,
        version=submission.version,
        reason=submission.decision_reason,
        fields=submission.fields_to_fix,
        at=ctx.now().isoformat(),
        studio_id=studio.id if studio else None,
    )
    await _notify_unit(ctx, submission, studio)
    done = ctx.t(f"review.done_{submission.status}", title=submission.title)
    if studio is not None:
        done += "\n" + ctx.t("review.studio_created", name=studio.name, id=studio.id)
    return done


async def _create_studio(ctx: Context, submission: Submission) -> Studio:
    version = await ctx.uow.repo(ReviewsRepo).version(submission.id, submission.version)
    facts = studio_facts(submission, version.answers if version else {}, ctx.now().date())
    studio = await ctx.uow.repo(StudiosRepo).create(
        facts, contact_user_id=submission.owner_id, application_id=submission.id
    )
    submission.studio_id = studio.id
    return studio


async def _notify_unit(ctx: Context, submission: Submission, studio: Studio | None) -> None:
    """The unit hears the decision and its reason through the outbox, once per version."""
    texts = await ctx.texts_for(submission.owner_id)
    kind_key = f"staff_notice.kind_{submission.kind}"
    text = texts(
        f"review.notice_{submission.status}",
        kind=texts(kind_key) if texts.has(kind_key) else submission.kind,
        title=submission.title,
        receipt=submission.receipt_no,
    )
    if submission.decision_reason:
        text += "\n\n" + texts("review.reason_line", reason=submission.decision_reason)
    if submission.fields_to_fix:
        names = [field_label(submission.kind, k, texts.lang) for k in submission.fields_to_fix]
        text += "\n" + texts("review.fields_line", fields=texts("forms.sep").join(names))
    if submission.status == SubmissionStatus.RETURNED:
        text += "\n\n" + texts("review.notice_how_to_revise")
    if studio is not None:
        text += "\n\n" + texts(
            "review.notice_studio",
            name=studio.name,
            category=category_label(StudioCategory(studio.category), texts.lang),
            start=studio.approved_on.isoformat(),
            end=studio.support_ends_on.isoformat(),
            cap=display.cny(studio.construction_cap, texts.lang),
        )
    if (step := NEXT_STEP.get((submission.status, submission.kind))) is not None:
        text += "\n\n" + texts(step)
    await ctx.notify(
        f"decision:{submission.id}:v{submission.version}",
        Send(chat_id=submission.owner_id, text=text),
    )
