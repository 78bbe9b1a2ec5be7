"""Submissions with receipt numbers and immutable versions, and their revision drafts.

A Submit turns a draft into a `Submission` (receipt ZZJNDS-<year>-<nnnn>) with version 1, or,
for a revision draft (scope ``rev<id>``), appends the next version to the returned submission.
Either way the draft is claimed (deleted) in the same transaction, so two Submits of one draft
make one submission (第八条: what was handed in is never rewritten; only a return for revision
opens a new version).

How attachments travel through a revision: :meth:`SubmissionsRepo.open_revision_draft` copies
the latest version's answers into the new draft and re-creates one `Attachment` row per file of
that version's snapshot, linked to the draft. The unit may then keep, replace or add files; the
resubmitted version snapshots the draft's rows again. Answers never carry attachments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from policy.states import SubmissionStatus
from storage.models import Draft, ReceiptCounter, Submission, SubmissionVersion
from storage.repos.base import Repository
from storage.repos.drafts import DraftsRepo, FileRecord
from storage.types import utcnow

RECEIPT_PREFIX = "ZZJNDS"
REVISION_SCOPE = "rev{}"
RETURNED = SubmissionStatus.RETURNED
SUBMITTED = SubmissionStatus.SUBMITTED
SUMMARY_CURSOR = "summary"  # the form walker's cursor for the summary screen


def receipt_number(year: int, number: int) -> str:
    """ZZJNDS-2027-0001: prefix, year, a counter per year of at least four digits."""
    return f"{RECEIPT_PREFIX}-{year}-{number:04d}"


@dataclass(frozen=True, slots=True)
class Heading:
    """The facts staff see in lists: taken from the answers by the flow that submits."""

    title: str
    category: str | None = None
    division: str | None = None


class SubmissionsRepo(Repository):
    @property
    def drafts(self) -> DraftsRepo:
        return DraftsRepo(self.session)

    async def get(self, submission_id: int) -> Submission | None:
        return await self.session.get(Submission, submission_id)

    async def for_owner(self, owner_id: int, kind: str | None = None) -> list[Submission]:
        query = select(Submission).where(Submission.owner_id == owner_id)
        if kind is not None:
            query = query.where(Submission.kind == kind)
        return list(await self.session.scalars(query.order_by(Submission.id)))

    async def versions(self, submission_id: int) -> list[SubmissionVersion]:
        return list(
            await self.session.scalars(
                select(SubmissionVersion)
                .where(SubmissionVersion.submission_id == submission_id)
                .order_by(SubmissionVersion.version)
            )
        )

    async def latest_version(self, submission_id: int) -> SubmissionVersion | None:
        versions = await self.versions(submission_id)
        return versions[-1] if versions else None

    async def next_receipt(self, year: int) -> str:
        """Allocate the next number of `year`; one UPDATE … RETURNING, safe under concurrency."""
        await self.insert_ignore(
            ReceiptCounter, {"prefix": RECEIPT_PREFIX, "year": year, "last": 0}
        )
        number = await self.session.scalar(
            update(ReceiptCounter)
            .where(ReceiptCounter.prefix == RECEIPT_PREFIX, ReceiptCounter.year == year)
            .values(last=ReceiptCounter.last + 1)
            .returning(ReceiptCounter.last)
        )
        assert number is not None
        return receipt_number(year, number)

    async def snapshot_files(self, draft: Draft) -> list[dict[str, Any]]:
        return [FileRecord.of(row).as_dict() for row in await self.drafts.files(draft.id)]

    async def submit_new(
        self,
        draft: Draft,
        answers: Mapping[str, Any],
        heading: Heading,
        year: int,
        now: datetime,
    ) -> Submission | None:
        """Version 1 of a new submission from `draft`; None if the draft was already handed in."""
        files = await self.snapshot_files(draft)
        owner, kind = draft.owner_id, draft.kind
        if not await self.drafts.claim(draft):
            return None
        submission = Submission(
            receipt_no=await self.next_receipt(year),
            kind=kind,
            owner_id=owner,
            year=year,
            status=SUBMITTED,
            version=1,
            title=heading.title,
            category=heading.category,
            division=heading.division,
            created_at=now,
            updated_at=now,
        )
        self.session.add(submission)
        await self.session.flush()
        self.append_version(submission, answers, files, owner, now)
        return submission

    async def resubmit(
        self, draft: Draft, answers: Mapping[str, Any], heading: Heading, now: datetime
    ) -> Submission | None:
        """The next version of the returned submission behind a revision draft.

        None if the draft was already handed in, or the submission is not (or no longer)
        returned for revision: anything else is locked (第八条).
        """
        submission = await self.get(draft.submission_id) if draft.submission_id else None
        if submission is None or submission.status != RETURNED:
            return None
        files = await self.snapshot_files(draft)
        if not await self.drafts.claim(draft):
            return None
        submission.version += 1
        submission.status = SUBMITTED
        submission.updated_at = now
        submission.title = heading.title
        submission.category = heading.category
        submission.division = heading.division
        self.append_version(submission, answers, files, submission.owner_id, now)
        await self.session.flush()
        return submission

    def append_version(
        self,
        submission: Submission,
        answers: Mapping[str, Any],
        files: list[dict[str, Any]],
        by: int,
        now: datetime,
    ) -> None:
        self.session.add(
            SubmissionVersion(
                submission_id=submission.id,
                version=submission.version,
                answers=dict(answers),
                attachments=files,
                submitted_by=by,
                submitted_at=now,
            )
        )

    async def open_revision_draft(
        self, submission: Submission, now: datetime | None = None
    ) -> Draft:
        """The draft in which the owner revises a returned submission (idempotent).

        Called by staff review when it returns a submission. Answers are copied from the
        latest version, its files re-linked as new `Attachment` rows; the draft opens on the
        summary, where the owner sees the reason and the fields to fix.
        """
        scope = REVISION_SCOPE.format(submission.id)
        existing = await self.drafts.find(submission.owner_id, submission.kind, scope)
        if existing is not None:
            return existing
        latest = await self.latest_version(submission.id)
        now = now or utcnow()
        draft = await self.drafts.create(
            submission.owner_id,
            submission.kind,
            now,
            scope=scope,
            answers=dict(latest.answers) if latest else {},
            cursor=SUMMARY_CURSOR,
        )
        draft.submission_id = submission.id
        draft.reviewing = True
        for item in latest.attachments if latest else []:
            record = FileRecord(**{k: item[k] for k in FileRecord.__slots__})
            await self.drafts.add_file(draft.id, record, submission.owner_id, now)
        return draft
