"""Submissions: receipt numbers, one submission per draft, immutable versions, revisions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select

from storage.models import Attachment, Draft, SubmissionVersion
from storage.repos.drafts import DraftsRepo, FileRecord
from storage.repos.submissions import Heading, SubmissionsRepo, receipt_number
from storage.uow import UnitOfWork

NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
UowFactory = Callable[[], UnitOfWork]
PDF = FileRecord("report", "fid-1", "uniq-1", "report.pdf", "application/pdf", 1234, "ab" * 32)


async def _draft(uow: UowFactory, owner: int = 1001, with_file: bool = True) -> int:
    async with uow() as u:
        drafts = u.repo(DraftsRepo)
        draft = await drafts.create(owner, "application", NOW, answers={"studio_name": "甲"})
        if with_file:
            await drafts.add_file(draft.id, PDF, owner, NOW)
        await u.commit()
        return draft.id


async def _submit(uow: UowFactory, draft_id: int) -> str | None:
    async with uow() as u:
        draft = await u.repo(DraftsRepo).get(draft_id)
        if draft is None:
            return None
        done = await u.repo(SubmissionsRepo).submit_new(
            draft, draft.answers, Heading("甲工作室", "modern_tech", "jinshui"), 2027, NOW
        )
        await u.commit()
        return done.receipt_no if done else None


def test_receipt_number_format() -> None:
    assert receipt_number(2027, 1) == "ZZJNDS-2027-0001"
    assert receipt_number(2027, 12345) == "ZZJNDS-2027-12345"


async def test_submit_snapshots_answers_and_files_and_claims_the_draft(uow: UowFactory) -> None:
    draft_id = await _draft(uow)
    assert await _submit(uow, draft_id) == "ZZJNDS-2027-0001"
    assert await _submit(uow, draft_id) is None
    async with uow() as u:
        subs = await u.repo(SubmissionsRepo).for_owner(1001)
        assert [(s.status, s.version, s.title) for s in subs] == [("submitted", 1, "甲工作室")]
        (version,) = await u.repo(SubmissionsRepo).versions(subs[0].id)
        assert version.answers == {"studio_name": "甲"}
        assert version.attachments == [PDF.as_dict()]
        assert await u.session.get(Draft, draft_id) is None
        assert list(await u.session.scalars(select(Attachment))) == []


async def test_receipts_count_per_year_and_survive_concurrent_submits(uow: UowFactory) -> None:
    drafts = [await _draft(uow, owner) for owner in (1, 2, 3, 4)]
    receipts = await asyncio.gather(*(_submit(uow, d) for d in drafts))
    assert sorted(r for r in receipts if r) == [f"ZZJNDS-2027-000{n}" for n in (1, 2, 3, 4)]


async def test_the_same_draft_submitted_concurrently_makes_one_submission(
    uow: UowFactory,
) -> None:
    draft_id = await _draft(uow)
    results = await asyncio.gather(
        *(_submit(uow, draft_id) for _ in range(3)), return_exceptions=True
    )
    assert [r for r in results if isinstance(r, str)] == ["ZZJNDS-2027-0001"]
    async with uow() as u:
        assert len(await u.repo(SubmissionsRepo).for_owner(1001)) == 1


async def test_revision_draft_copies_answers_and_files_and_resubmits_as_version_2(
    uow: UowFactory,
) -> None:
    await _submit(uow, await _draft(uow))
    async with uow() as u:
        repo = u.repo(SubmissionsRepo)
        (sub,) = await repo.for_owner(1001)
        sub.status = "returned"
        draft = await repo.open_revision_draft(sub)
        again = await repo.open_revision_draft(sub)
        assert again.id == draft.id and draft.scope == f"rev{sub.id}"
        assert draft.answers == {"studio_name": "甲"} and draft.submission_id == sub.id
        files = await u.repo(DraftsRepo).files(draft.id)
        assert [FileRecord.of(f) for f in files] == [PDF]
        draft.answers = {"studio_name": "乙"}
        await u.commit()
    async with uow() as u:
        repo = u.repo(SubmissionsRepo)
        draft2 = await u.repo(DraftsRepo).get(draft.id)
        assert draft2 is not None
        done = await repo.resubmit(draft2, draft2.answers, Heading("乙工作室"), NOW)
        assert done is not None and done.version == 2 and done.status == "submitted"
        assert done.receipt_no == "ZZJNDS-2027-0001"
        await u.commit()
    async with uow() as u:
        rows = list(await u.session.scalars(select(SubmissionVersion).order_by("version")))
        assert [(v.version, v.answers["studio_name"]) for v in rows] == [(1, "甲"), (2, "乙")]


async def test_resubmit_refuses_a_submission_that_is_not_returned(uow: UowFactory) -> None:
    await _submit(uow, await _draft(uow))
    async with uow() as u:
        repo = u.repo(SubmissionsRepo)
        (sub,) = await repo.for_owner(1001)
        sub.status = "approved"
        draft = await repo.open_revision_draft(sub)
        assert await repo.resubmit(draft, {}, Heading("x"), NOW) is None
        assert sub.version == 1
