"""Handing a draft in: an application, a year's plan or report, new or as the next version.

One code path for every kind: a draft revising a returned submission becomes its next version
(第八条: only a return reopens a submission), whatever its kind; a plan or report filed again
for a studio and year it was already filed for appends a version; anything else becomes a new
submission with a receipt number. Each hand-in writes its audit entry and a notice to every
staff member (outbox rows in the caller's unit of work); plans and reports also withdraw the
reminders about them still pending.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from policy.calendar import is_plan_late, is_report_late
from policy.filing import StudioRole, may_file
from policy.forms.application import APPLICATION
from policy.states import StudioState
from policy.studio_status import may_file as holds_duties
from services.messages.actions import Send
from services.messages.keyboards import button, rows
from services.messages.payloads import number
from services.messages.texts import Lang
from services.recipients import staff_ids, tell, texts_for
from storage.models import Draft, Studio, Submission
from storage.repos.annual import CalendarRepo
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.drafts import DraftsRepo
from storage.repos.studios import StudiosRepo
from storage.repos.submissions import Heading, SubmissionsRepo
from storage.uow import UnitOfWork

REVIEW_FLOW = "review"
"""The flow behind /pending: the staff notice's button opens the submission there."""
_SCOPE = re.compile(r"s([0-9]+)y([0-9]{4})")


ANNUAL_FORMS = {"plan": is_plan_late, "report": is_report_late}
"""The forms filed once a year per studio, each with when it counts as late."""


def filing_scope(studio_id: int, year: int) -> str:
    """The scope of a plan or report draft: which studio and year (``s12y2027``)."""
    return f"s{studio_id}y{year}"


def parse_filing_scope(text: str) -> tuple[int, int] | None:
    """(studio id, year) from ``s12y2027``; None for anything else."""
    match = _SCOPE.fullmatch(text)
    studio_id = number(match.group(1)) if match else None
    return None if match is None or studio_id is None else (studio_id, int(match.group(2)))


def role_in(studio: Studio, user_id: int) -> StudioRole | None:
    """The user's relation to the studio; the unit's contact wins over the master."""
    if studio.contact_user_id == user_id:
        return StudioRole.UNIT_CONTACT
    if studio.master_user_id == user_id:
        return StudioRole.MASTER
    return None


def files(studio: Studio, user_id: int, kind: str) -> bool:
    """Whether `user_id` files `kind` (plan or report) for this studio now: the contact files
    both, the master the plan (第九条第六项), and only while the studio holds its title."""
    role = role_in(studio, user_id)
    return role is not None and may_file(kind, role) and holds_duties(StudioState(studio.status))


async def own_studio(uow: UnitOfWork, user_id: int, studio_id: int, kind: str) -> Studio | None:
    """The studio if `user_id` files `kind` for it; None for anyone else's (or none at all)."""
    studio = await uow.repo(StudiosRepo).get(studio_id)
    return studio if studio is not None and files(studio, user_id, kind) else None


async def related_studios(uow: UnitOfWork, user_id: int) -> list[Studio]:
    """The studios the user is the contact or the master of, by id."""
    repo = uow.repo(StudiosRepo)
    found = {s.id: s for s in await repo.of_contact(user_id)}
    for studio in await repo.of_master(user_id):
        found.setdefault(studio.id, studio)
    return [found[k] for k in sorted(found)]


async def filing_target(uow: UnitOfWork, draft: Draft, user_id: int) -> tuple[Studio, int] | None:
    """The studio and year a plan or report draft is for (its scope, or the submission it
    revises), if the user is that studio's contact."""
    if draft.submission_id is not None:
        sub = await uow.repo(SubmissionsRepo).get(draft.submission_id)
        studio_id, year = (sub.studio_id, sub.year) if sub else (None, 0)
    else:
        studio_id, year = parse_filing_scope(draft.scope or "") or (None, 0)
    studio = await own_studio(uow, user_id, studio_id, draft.kind) if studio_id else None
    return (studio, year) if studio is not None else None


@dataclass(frozen=True, slots=True)
class SubmitDraft:
    """`user_id` hands in `draft_id` with `answers` (the form's snapshot of what applies);
    `staff` are the fixed STAFF_IDS, told beside those granted in the bot."""

    draft_id: int
    user_id: int
    answers: Mapping[str, Any]
    staff: Collection[int] = ()
    default_lang: Lang = "zh"


@dataclass(frozen=True, slots=True)
class Submitted:
    submission_id: int
    kind: str
    receipt: str
    version: int
    year: int
    title: str
    late: bool
    studio_id: int | None
    notified: int

    @property
    def revised(self) -> bool:
        """A later version: a revision after a return, or a plan or report filed again."""
        return self.version > 1


class Refusal(StrEnum):
    GONE = "gone"  # handed in already, discarded, or no longer returned for revision
    NOT_YOURS = "not_yours"  # someone else's draft, or a studio the user is not contact of


@dataclass(frozen=True, slots=True)
class NotSubmitted:
    why: Refusal


async def submit(uow: UnitOfWork, cmd: SubmitDraft, now: datetime) -> Submitted | NotSubmitted:
    """Hand the draft in within the caller's unit of work; a double Submit loses (GONE)."""
    draft = await uow.repo(DraftsRepo).get(cmd.draft_id)
    if draft is None:
        return NotSubmitted(Refusal.GONE)
    if draft.owner_id != cmd.user_id:
        return NotSubmitted(Refusal.NOT_YOURS)
    kind = draft.kind
    if kind == APPLICATION.name:
        submission = await _application(uow, draft, cmd.answers, now)
    else:
        target = await filing_target(uow, draft, cmd.user_id)
        if target is None:
            return NotSubmitted(Refusal.NOT_YOURS)
        submission = await _filing(uow, draft, cmd, *target, now)
        if submission is not None:
            await uow.repo(AnnualFilingsRepo).withdraw_reminders(kind, target[0].id, target[1])
    if submission is None:
        return NotSubmitted(Refusal.GONE)
    event = "resubmitted" if submission.version > 1 else "new"
    await uow.audit.record(
        cmd.user_id,
        f"{kind}.{event}",
        "submission",
        submission.id,
        receipt=submission.receipt_no,
        version=submission.version,
        late=submission.late,
    )
    notified = await notify_staff(uow, submission, event, cmd.staff, cmd.default_lang)
    return Submitted(
        submission.id,
        kind,
        submission.receipt_no,
        submission.version,
        submission.year,
        submission.title,
        bool(submission.late),
        submission.studio_id,
        notified,
    )


def application_heading(answers: Mapping[str, Any]) -> Heading:
    def text(key: str) -> str | None:
        value = answers.get(key)
        return str(value) if value is not None else None

    return Heading(text("studio_name") or "", text("category"), text("division"))


async def _application(
    uow: UnitOfWork, draft: Draft, answers: Mapping[str, Any], now: datetime
) -> Submission | None:
    subs, heading = uow.repo(SubmissionsRepo), application_heading(answers)
    if draft.submission_id is not None:
        return await subs.resubmit(draft, answers, heading, now)
    return await subs.submit_new(draft, answers, heading, now.year, now)


async def _filing(
    uow: UnitOfWork, draft: Draft, cmd: SubmitDraft, studio: Studio, year: int, now: datetime
) -> Submission | None:
    heading = Heading(f"{studio.name} · {year}", studio.category, studio.division)
    subs = uow.repo(SubmissionsRepo)
    if draft.submission_id is not None:
        return await subs.resubmit(draft, cmd.answers, heading, now)
    filings = uow.repo(AnnualFilingsRepo)
    existing = await filings.find(draft.kind, studio.id, year)
    if existing is not None:
        return await filings.add_version(existing, draft.id, cmd.answers, cmd.user_id, now)
    submission = await subs.submit_new(draft, cmd.answers, heading, year, now)
    if submission is not None:
        submission.studio_id = studio.id
        late = ANNUAL_FORMS.get(submission.kind)
        calendar = await uow.repo(CalendarRepo).effective(year)
        submission.late = late is not None and late(now.date(), calendar)
    return submission


async def notify_staff(
    uow: UnitOfWork, submission: Submission, event: str, fixed: Collection[int], default: Lang
) -> int:
    """One notice per staff member and submission version; `event` is new | resubmitted."""
    queued = 0
    for staff_id in await staff_ids(uow, fixed):
        texts = await texts_for(uow, staff_id, default)
        text = texts(
            f"staff_notice.{event}",
            kind=texts(f"staff_notice.kind_{submission.kind}"),
            receipt=submission.receipt_no,
            title=submission.title,
            version=submission.version,
        )
        open_button = button(texts("staff_notice.open"), REVIEW_FLOW, f"open:{submission.id}")
        action = Send(chat_id=staff_id, text=text, keyboard=rows([open_button]))
        key = f"staff:{submission.id}:v{submission.version}:{staff_id}"
        queued += await tell(uow, key, action)
    return queued
