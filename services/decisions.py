"""Staff decide an open submission: approve, return for revision (reason, fields) or reject.

Every surface (the chat's /pending, the Mini App's console) decides through :func:`decide`, in
the caller's unit of work. The checks come in a fixed order (staff, submission, state,
version, reason, fields) and each refusal is a type the caller words. The decision itself is
the repository's conditional UPDATE: of two reviewers confirming at once exactly one wins, the
other gets :class:`AlreadyDecided` naming who decided.

A decision that won sets in motion (第七条, 第八条, 第十二条, 第十三条): the audit entry; on an
approved application the studio, with the applicant as its contact; on a return the revision
draft (any kind: an application, a plan and a report are returned alike); and the unit's notice,
an outbox row once per version. The approved version stays as it is, locked (第八条).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from policy import display
from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.forms.application import APPLICATION
from policy.states import SubmissionStatus
from policy.validators.errors import FieldError
from policy.validators.text import validate_text
from services.labels import field_keys, field_names, kind_label
from services.messages.actions import Send
from services.messages.texts import Lang, Texts
from services.recipients import tell, texts_for
from services.revisions import reopen_command
from storage.models import Studio, Submission
from storage.repos.application_facts import studio_facts
from storage.repos.reviews import OPEN, Decision, ReviewsRepo, decision_note
from storage.repos.reviews import ReturnNote as ReturnNote  # what staff asked to fix and why
from storage.repos.reviews import return_note as return_note  # … for every reader
from storage.repos.studios import StudiosRepo
from storage.repos.submissions import SubmissionsRepo
from storage.uow import UnitOfWork

REASON_MAX = 1000
CHOICES: dict[str, Decision] = {
    "approve": SubmissionStatus.APPROVED,
    "return": SubmissionStatus.RETURNED,
    "reject": SubmissionStatus.REJECTED,
}
"""The decisions by the names buttons and the console send."""

NEXT_STEP: dict[tuple[str, str], str] = {
    (SubmissionStatus.APPROVED, APPLICATION.name): "review.next_application_approved",
    (SubmissionStatus.REJECTED, "plan"): "review.next_plan_rejected",
}
"""What the unit does next, where a notice would otherwise end in a dead end."""


@dataclass(frozen=True, slots=True)
class NotAllowed:
    """The caller is not agency staff."""


@dataclass(frozen=True, slots=True)
class NotFound:
    submission_id: int


@dataclass(frozen=True, slots=True)
class AlreadyDecided:
    """Someone decided first: who, when, what; `raced` if both confirmed at once and the
    other's UPDATE landed first."""

    status: SubmissionStatus
    by: int | None
    by_name: str | None
    at: datetime | None
    raced: bool = False


@dataclass(frozen=True, slots=True)
class StaleVersion:
    """The unit handed in a newer version than the one the reviewer saw."""

    seen: int
    current: int


@dataclass(frozen=True, slots=True)
class BadReason:
    error: FieldError


@dataclass(frozen=True, slots=True)
class BadFields:
    """Fields to fix that the version under review does not have."""

    unknown: tuple[str, ...]


Refused = NotAllowed | NotFound | AlreadyDecided | StaleVersion | BadReason | BadFields


@dataclass(frozen=True, slots=True)
class Decide:
    """`by` decides version `version` of the submission; `staff`: the caller resolved that
    `by` is agency staff. A reason is required to return or reject, fields only to return."""

    submission_id: int
    version: int
    decision: Decision
    by: int
    staff: bool
    reason: str | None = None
    fields: tuple[str, ...] = ()
    default_lang: Lang = "zh"


@dataclass(frozen=True, slots=True)
class StudioCreated:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Decided:
    submission_id: int
    kind: str
    title: str
    status: SubmissionStatus
    version: int
    reason: str | None
    fields: tuple[str, ...]
    studio: StudioCreated | None
    notified: int


@dataclass(frozen=True, slots=True)
class LastDecision:
    """The last decision on a submission; on an open one, the return it was revised after."""

    status: SubmissionStatus
    by: int
    by_name: str | None
    at: datetime | None
    reason: str | None
    fields: tuple[str, ...]


async def last_decision(uow: UnitOfWork, submission: Submission) -> LastDecision | None:
    by = submission.decided_by
    if by is None:
        return None
    user = await uow.users.get(by)
    shown = SubmissionStatus.RETURNED if submission.status == OPEN else submission.status
    note = decision_note(submission)
    return LastDecision(
        SubmissionStatus(shown),
        by,
        (user.first_name or None) if user else None,
        submission.decided_at,
        note.reason,
        note.fields,
    )


def clean_reason(text: str) -> str:
    """The reason as kept and shown to the unit; FieldError says what is wrong with it."""
    return validate_text(text, max_length=REASON_MAX, multiline=True)


async def returnable(uow: UnitOfWork, submission: Submission) -> list[str]:
    """The fields and file slots of the version under review that a return may name."""
    version = await uow.repo(ReviewsRepo).version(submission.id, submission.version)
    answers, files = (version.answers, version.attachments) if version else ({}, [])
    return field_keys(submission.kind, answers, [str(f.get("slot")) for f in files])


async def viewable(uow: UnitOfWork, submission_id: int, staff: bool) -> Submission | Refused:
    """The submission a staff member may look at."""
    if not staff:
        return NotAllowed()
    submission = await uow.repo(ReviewsRepo).get(submission_id)
    return submission if submission is not None else NotFound(submission_id)


async def decidable(
    uow: UnitOfWork, submission_id: int, version: int | None, staff: bool
) -> Submission | Refused:
    """The submission, if it is open at exactly `version` (None: no version seen)."""
    found = await viewable(uow, submission_id, staff)
    if not isinstance(found, Submission):
        return found
    if version is None:
        return NotFound(submission_id)
    if found.status != OPEN:
        return await _decided(uow, found)
    if found.version != version:
        return StaleVersion(version, found.version)
    return found


async def decide(uow: UnitOfWork, cmd: Decide, now: datetime) -> Decided | Refused:
    """Check, record and carry out the decision in the caller's unit of work."""
    found = await decidable(uow, cmd.submission_id, cmd.version, cmd.staff)
    if not isinstance(found, Submission):
        return found
    reason: str | None = None
    if cmd.decision != SubmissionStatus.APPROVED:
        try:
            reason = clean_reason(cmd.reason or "")
        except FieldError as error:
            return BadReason(error)
    fields: list[str] = []
    if cmd.decision == SubmissionStatus.RETURNED:
        allowed = await returnable(uow, found)
        if unknown := tuple(k for k in cmd.fields if k not in allowed):
            return BadFields(unknown)
        fields = [k for k in allowed if k in cmd.fields]
    repo = uow.repo(ReviewsRepo)
    won = await repo.decide(
        found.id, cmd.version, cmd.decision, cmd.by, now, reason, fields or None
    )
    if not won:
        fresh = await repo.fresh(found.id)
        assert fresh is not None
        return await _decided(uow, fresh, raced=True)
    return await _carry_out(uow, found, cmd, now)


async def _decided(uow: UnitOfWork, submission: Submission, raced: bool = False) -> AlreadyDecided:
    by = submission.decided_by
    user = await uow.users.get(by) if by else None
    name = (user.first_name or str(user.id)) if user else None
    status = SubmissionStatus(submission.status)
    return AlreadyDecided(status, by, name, submission.decided_at, raced)


async def _carry_out(
    uow: UnitOfWork, submission: Submission, cmd: Decide, now: datetime
) -> Decided:
    studio = None
    if submission.status == SubmissionStatus.APPROVED and submission.kind == APPLICATION.name:
        studio = await _create_studio(uow, submission, now)
    elif submission.status == SubmissionStatus.RETURNED:
        await uow.repo(SubmissionsRepo).open_revision_draft(submission, now)
    note = decision_note(submission)
    await uow.audit.record(
        cmd.by,
        f"review.{submission.status}",
        "submission",
        submission.id,
        version=submission.version,
        reason=note.reason,
        fields=list(note.fields) or None,
        at=now.isoformat(),
        studio_id=studio.id if studio else None,
    )
    notified = await _notify_unit(uow, submission, studio, cmd.default_lang)
    return Decided(
        submission.id,
        submission.kind,
        submission.title,
        SubmissionStatus(submission.status),
        submission.version,
        note.reason,
        note.fields,
        StudioCreated(studio.id, studio.name) if studio else None,
        notified,
    )


async def _create_studio(uow: UnitOfWork, submission: Submission, now: datetime) -> Studio:
    version = await uow.repo(ReviewsRepo).version(submission.id, submission.version)
    facts = studio_facts(submission, version.answers if version else {}, now.date())
    studio = await uow.repo(StudiosRepo).create(
        facts, contact_user_id=submission.owner_id, application_id=submission.id
    )
    submission.studio_id = studio.id
    return studio


async def _notify_unit(
    uow: UnitOfWork, submission: Submission, studio: Studio | None, default: Lang
) -> int:
    """The unit hears the decision and its reason through the outbox, once per version."""
    texts = await texts_for(uow, submission.owner_id, default)
    text = texts(
        f"review.notice_{submission.status}",
        kind=kind_label(texts, submission.kind),
        title=submission.title,
        receipt=submission.receipt_no,
    )
    note = decision_note(submission)
    if note.reason:
        text += "\n\n" + texts("review.reason_line", reason=note.reason)
    if note.fields:
        names = field_names(texts, submission.kind, list(note.fields))
        text += "\n" + texts("review.fields_line", fields=names)
    if submission.status == SubmissionStatus.RETURNED:
        command = reopen_command(submission.kind, submission.year)
        text += "\n\n" + texts("review.notice_how_to_revise", command=command)
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
    key = f"decision:{submission.id}:v{submission.version}"
    return int(await tell(uow, key, Send(chat_id=submission.owner_id, text=text)))


def confirmation(
    texts: Texts,
    decision: Decision,
    kind: str,
    title: str,
    reason: str | None = None,
    fields: Sequence[str] = (),
) -> str:
    """What confirming a decision sets in motion, by kind: an approved application creates the
    studio, an approved plan is on record, an approved report is kept for the assessment. The
    chat's confirmation step and the console's dialog both read it."""
    own = f"review.confirm_{decision}_{kind}"
    text = texts(own if texts.has(own) else f"review.confirm_{decision}", title=title)
    if reason:
        text += "\n" + texts("review.reason_line", reason=reason)
    if fields:
        text += "\n" + texts("review.fields_line", fields=field_names(texts, kind, list(fields)))
    return text
