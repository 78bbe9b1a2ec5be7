"""Submissions put straight into the database, as the application flow would leave them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from storage.models import Submission, SubmissionVersion
from storage.uow import UnitOfWork

_numbers = itertools.count(1)
T0 = datetime(2027, 2, 20, 1, 0, tzinfo=UTC)

ANSWERS: dict[str, Any] = {
    "studio_name": "张三数控技能大师工作室",
    "master_name": "张三",
    "unit_name": "郑州精工机械有限公司",
    "category": "modern_tech",
    "division": "jinshui",
    "sector": "strategic_emerging",
}
FILES: list[dict[str, Any]] = [
    {
        "slot": "report",
        "file_id": "file-form-1",
        "file_unique_id": "uf1",
        "file_name": "申报表.pdf",
        "mime_type": "application/pdf",
        "size": 1000,
        "sha256": "0" * 64,
    }
]


async def add_submission(
    db: Callable[[], UnitOfWork],
    owner_id: int = 1001,
    answers: dict[str, Any] | None = None,
    files: list[dict[str, Any]] | None = None,
    kind: str = "application",
    minutes: int = 0,
) -> int:
    """An application at version 1, submitted `minutes` after T0; returns its id."""
    answers = dict(ANSWERS if answers is None else answers)
    at = T0 + timedelta(minutes=minutes)
    async with db() as uow:
        await uow.users.seen(owner_id, "Unit", None, "zh")
        number = next(_numbers)
        sub = Submission(
            receipt_no=f"ZZJNDS-2027-{number:04d}",
            kind=kind,
            owner_id=owner_id,
            year=2027,
            status="submitted",
            version=1,
            title=str(answers.get("studio_name", f"S{number}")),
            category=answers.get("category"),
            division=answers.get("division"),
            created_at=at,
            updated_at=at,
        )
        uow.session.add(sub)
        await uow.session.flush()
        uow.session.add(
            SubmissionVersion(
                submission_id=sub.id,
                version=1,
                answers=answers,
                attachments=list(FILES if files is None else files),
                submitted_by=owner_id,
                submitted_at=at,
            )
        )
        await uow.commit()
        return sub.id


async def resubmit(
    db: Callable[[], UnitOfWork],
    submission_id: int,
    changes: dict[str, Any],
    files: list[dict[str, Any]] | None = None,
) -> None:
    """What the unit's resubmission does: the next version with changed answers (and files)."""
    async with db() as uow:
        sub = await uow.session.get(Submission, submission_id)
        assert sub is not None and sub.status == "returned"
        old = await uow.session.scalar(
            select(SubmissionVersion).where(
                SubmissionVersion.submission_id == sub.id,
                SubmissionVersion.version == sub.version,
            )
        )
        assert old is not None
        sub.version += 1
        sub.status = "submitted"
        uow.session.add(
            SubmissionVersion(
                submission_id=sub.id,
                version=sub.version,
                answers={**old.answers, **changes},
                attachments=old.attachments if files is None else files,
                submitted_by=sub.owner_id,
                submitted_at=T0 + timedelta(days=1),
            )
        )
        await uow.commit()
