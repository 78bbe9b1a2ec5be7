"""The records a new application is checked against are those naming its master, as the rule
matches them (policy.duplicates): case and surrounding spaces aside, studios and open
applications, never the application itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import insert, update

from policy.duplicates import match_key
from policy.states import StudioState, SubmissionStatus
from storage.models import Studio, Submission
from storage.repos.drafts import DraftsRepo
from storage.repos.duplicates import DuplicatesRepo
from storage.repos.submissions import Heading, SubmissionsRepo
from storage.uow import UnitOfWork
from tests.storage.studio_rows import studio_row

UowFactory = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
MASTER = "41010519800101002X"


def _studio(n: int, leader: str | None, status: StudioState) -> dict[str, object]:
    return studio_row(
        n,
        name=f"工作室{n}",
        status=status,
        leader_id_number=leader,
        unit_credit_code="91410100MA0000000X",
    )


async def _application(uow: UowFactory, master: str, owner: int) -> int:
    async with uow() as u:
        drafts = u.repo(DraftsRepo)
        answers = {"studio_name": f"申报{owner}", "master_id": master}
        draft = await drafts.create(owner, "application", NOW, answers=answers)
        done = await u.repo(SubmissionsRepo).submit_new(
            draft, answers, Heading("甲", "modern_tech", "jinshui"), 2027, NOW
        )
        await u.commit()
        assert done is not None
        return done.id


async def test_only_records_naming_the_master_come_back(uow: UowFactory) -> None:
    studios = [
        _studio(1, MASTER.lower(), StudioState.ACTIVE),
        _studio(2, "410105198001010011", StudioState.ACTIVE),
        _studio(3, MASTER, StudioState.REVOKED),
        _studio(4, None, StudioState.ACTIVE),
    ]
    async with uow() as u:
        await u.session.execute(insert(Studio), studios)
        await u.commit()
    own = await _application(uow, MASTER, 1001)
    other = await _application(uow, f" {MASTER.lower()}  ", 1002)
    closed = await _application(uow, MASTER, 1003)
    await _application(uow, "410105198001010011", 1004)
    async with uow() as u:
        await u.session.execute(
            update(Submission)
            .where(Submission.id == closed)
            .values(status=SubmissionStatus.REJECTED)
        )
        await u.commit()
    key = match_key(f" {MASTER.lower()}")
    assert key == MASTER
    async with uow() as u:
        found = await u.repo(DuplicatesRepo).naming_master(key, exclude_submission=own)
    assert sorted((r.facts.ref, r.facts.live) for r in found) == [
        ("studio:1", True),
        ("studio:3", False),
        (f"submission:{other}", True),
    ]
    assert {r.name for r in found} == {"工作室1", "工作室3", "申报1002"}


async def test_a_key_with_like_wildcards_matches_them_literally(uow: UowFactory) -> None:
    async with uow() as u:
        await u.session.execute(insert(Studio), [_studio(1, MASTER, StudioState.ACTIVE)])
        await u.commit()
    async with uow() as u:
        assert await u.repo(DuplicatesRepo).naming_master("%") == []
        assert await u.repo(DuplicatesRepo).naming_master("4101_5") == []
