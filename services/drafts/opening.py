"""Which draft a form opens, the same from the chat's command and from the Mini App's page.

An application: the revision draft of a submission returned to the unit first (第八条), then
the unit's draft in progress, else a new one. A plan or report (one per studio and year,
第九条): only for a studio the user files it for, only for the form's current year or one
either side; then the revision draft, the draft in progress, else a new draft, pre-filled from
the latest version when the year was filed already (filing it again appends a version).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from policy.forms.application import APPLICATION
from policy.reminders import plan_year, report_year
from services.decisions import ReturnNote
from services.drafts.access import DraftForm
from services.labels import FORMS
from services.revisions import revision_draft
from services.submissions import filing_scope, own_studio, parse_filing_scope
from storage.models import Draft
from storage.repos.annual_filings import AnnualFilingsRepo
from storage.repos.drafts import DraftsRepo
from storage.repos.submissions import SUMMARY_CURSOR, SubmissionsRepo
from storage.uow import UnitOfWork

YEARS_AROUND = 1
DEFAULT_YEAR: dict[str, Callable[[date], int]] = {"plan": plan_year, "report": report_year}
"""The year a plan or report is filed for on a given day, by kind."""


def filing_years(kind: str, today: date) -> range:
    """The years whose plan or report may be opened today: the default one and one either side."""
    default = DEFAULT_YEAR[kind](today)
    return range(default - YEARS_AROUND, default + YEARS_AROUND + 1)


@dataclass(frozen=True, slots=True)
class OpenDraft:
    """`user_id` opens form `kind`; a plan or report names its studio and year in `scope`."""

    user_id: int
    kind: str
    scope: str = ""


class How(StrEnum):
    REVISION = "revision"  # the draft revising a submission staff returned
    RESUMED = "resumed"  # the user's draft in progress
    NEW = "new"  # a blank draft
    NEW_VERSION = "new_version"  # a plan or report filed already, pre-filled for its next version


@dataclass(frozen=True, slots=True)
class Opened:
    form: DraftForm
    how: How
    returned: ReturnNote | None = None  # REVISION: what staff said
    studio: str | None = None  # a plan or report: the studio's name
    year: int | None = None
    earlier: tuple[str, int] | None = None  # NEW_VERSION: the filing's receipt and version


class Closed(StrEnum):
    NOT_A_FORM = "not_a_form"
    NO_STUDIO = "no_studio"  # not a studio the user files this form for
    BAD_YEAR = "bad_year"


@dataclass(frozen=True, slots=True)
class NotOpened:
    why: Closed
    years: range | None = None  # BAD_YEAR: the years that may be opened


async def open_draft(uow: UnitOfWork, request: OpenDraft, now: datetime) -> Opened | NotOpened:
    """The draft `request` opens, created if need be, in the caller's unit of work."""
    spec = FORMS.get(request.kind)
    if spec is None:
        return NotOpened(Closed.NOT_A_FORM)
    if spec is APPLICATION:
        return await _application(uow, request.user_id, now)
    return await _filing(uow, request, now)


async def _form(uow: UnitOfWork, draft: Draft) -> DraftForm:
    return DraftForm(FORMS[draft.kind], draft, await uow.repo(DraftsRepo).files(draft.id))


async def _application(uow: UnitOfWork, user_id: int, now: datetime) -> Opened:
    kind = APPLICATION.name
    revision = await revision_draft(uow, user_id, kind, now)
    if revision is not None:
        return Opened(await _form(uow, revision[0]), How.REVISION, returned=revision[1])
    drafts = uow.repo(DraftsRepo)
    draft = await drafts.find(user_id, kind)
    if draft is not None:
        return Opened(await _form(uow, draft), How.RESUMED)
    return Opened(await _form(uow, await drafts.create(user_id, kind, now)), How.NEW)


async def _filing(uow: UnitOfWork, request: OpenDraft, now: datetime) -> Opened | NotOpened:
    kind, user_id = request.kind, request.user_id
    scope = parse_filing_scope(request.scope.strip())
    studio = await own_studio(uow, user_id, scope[0], kind) if scope else None
    if scope is None or studio is None:
        return NotOpened(Closed.NO_STUDIO)
    year = scope[1]
    if year not in (years := filing_years(kind, now.date())):
        return NotOpened(Closed.BAD_YEAR, years)
    revision = await revision_draft(uow, user_id, kind, now, (studio.id, year))
    if revision is not None:
        return Opened(await _form(uow, revision[0]), How.REVISION, returned=revision[1])
    drafts, scoped = uow.repo(DraftsRepo), filing_scope(studio.id, year)
    draft = await drafts.find(user_id, kind, scoped)
    if draft is not None:
        return Opened(await _form(uow, draft), How.RESUMED, studio=studio.name, year=year)
    existing = await uow.repo(AnnualFilingsRepo).find(kind, studio.id, year)
    if existing is None:
        draft = await drafts.create(user_id, kind, now, scope=scoped)
        return Opened(await _form(uow, draft), How.NEW, studio=studio.name, year=year)
    latest = await uow.repo(SubmissionsRepo).latest_version(existing.id)
    answers = dict(latest.answers) if latest else {}
    draft = await drafts.create(
        user_id, kind, now, scope=scoped, answers=answers, cursor=SUMMARY_CURSOR
    )
    draft.reviewing = True
    earlier = (existing.receipt_no, existing.version)
    return Opened(
        await _form(uow, draft), How.NEW_VERSION, studio=studio.name, year=year, earlier=earlier
    )
