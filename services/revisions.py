"""A submission returned for revision (第七条, 第八条), as the unit meets it again.

A return (services.decisions) keeps a reason and the fields to fix on the submission, read back
as its ``ReturnNote`` (storage.repos.reviews), and opens the revision draft. Whatever form it is
(application, plan, report), the unit's next opening of that form lands in the revision draft
with the reason shown, and the fields to fix stay flagged until each is changed; handing the
draft in makes the next version (services.submissions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from policy.forms.application import APPLICATION
from policy.states import SubmissionStatus
from storage.models import Draft, SubmissionVersion
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.reviews import ReturnNote, return_note
from storage.repos.submissions import SubmissionsRepo
from storage.uow import UnitOfWork

OPENED_BY: dict[str, str] = {"application": "apply", "plan": "plan", "report": "report"}
"""The command that opens each kind's form in the chat (the flows register these commands)."""


def reopen_command(kind: str, year: int) -> str:
    """What the unit sends to reopen a returned submission: a plan or report names its year."""
    command = OPENED_BY.get(kind)
    if command is None:
        return "/start"
    return f"/{command}" if kind == APPLICATION.name else f"/{command} {year}"


async def revision_draft(
    uow: UnitOfWork,
    owner_id: int,
    kind: str,
    now: datetime,
    filing: tuple[int, int] | None = None,
) -> tuple[Draft, ReturnNote] | None:
    """The revision draft of the owner's returned submission of `kind` (for a plan or report:
    of the studio and year `filing` names), opened if need be; None if none is returned."""
    if filing is None:
        mine = await uow.repo(SubmissionsRepo).for_owner(owner_id, kind)
        found = next((s for s in mine if s.status == SubmissionStatus.RETURNED), None)
    else:
        found = await uow.repo(AnnualFilingsRepo).find(kind, *filing)
    note = return_note(found) if found is not None else None
    if found is None or note is None or note.revised:
        return None
    draft = await uow.repo(SubmissionsRepo).open_revision_draft(found, now)
    return draft, note


@dataclass(frozen=True, slots=True)
class ToFix:
    fields: tuple[str, ...]
    returned: SubmissionVersion | None  # the version staff returned, to compare against


async def to_fix(uow: UnitOfWork, draft: Draft) -> ToFix | None:
    """The fields staff asked to fix in the submission `draft` revises (None: not a revision)."""
    subs = uow.repo(SubmissionsRepo)
    submission = await subs.get(draft.submission_id) if draft.submission_id else None
    note = return_note(submission) if submission is not None else None
    if note is None:
        return None
    latest = await subs.latest_version(note.submission_id)
    return ToFix(note.fields, latest)
