"""Sheet 申报: one row per studio application, at its current version."""

from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.exports.registry import Row, Sheet, streamed
from storage.exports.sheets import labels
from storage.models import Submission, SubmissionVersion, User
from storage.repos.application_facts import LEADER_NAME, UNIT_NAME
from storage.repos.reviews import REASON_COLUMN


def _given(value: object) -> str:
    """An answer as `application_facts.answer` reads it, "" where none was given."""
    return "" if value in (None, "") else str(value)


async def _rows(session: AsyncSession) -> AsyncIterator[Row]:
    """Two answers are read out of each version's JSON in SQL, not the whole document."""
    stmt = (
        select(
            Submission.receipt_no,
            Submission.title,
            Submission.category,
            Submission.division,
            SubmissionVersion.answers[LEADER_NAME].as_string().label("leader"),
            SubmissionVersion.answers[UNIT_NAME].as_string().label("unit"),
            Submission.status,
            Submission.version,
            Submission.created_at,
            Submission.updated_at,
            User.first_name,
            Submission.decided_at,
            REASON_COLUMN.label("reason"),
        )
        .outerjoin(
            SubmissionVersion,
            and_(
                SubmissionVersion.submission_id == Submission.id,
                SubmissionVersion.version == Submission.version,
            ),
        )
        .outerjoin(User, User.id == Submission.decided_by)
        .where(Submission.kind == "application")
        .order_by(Submission.created_at, Submission.id)
    )
    async for r in streamed(session, stmt):
        yield (
            r.receipt_no,
            r.title,
            labels.category(r.category),
            labels.division(r.division),
            _given(r.leader),
            _given(r.unit),
            labels.status(r.status),
            r.version,
            r.created_at,
            r.updated_at,
            r.first_name or "",
            r.decided_at,
            r.reason or "",
        )


SHEET = Sheet(
    order=10,
    title="申报",
    headers=(
        "受理编号",
        "工作室名称",
        "类别",
        "所属区县",
        "领办人",
        "申报单位",
        "状态",
        "版本",
        "首次提交时间",
        "最近更新时间",
        "审核人",
        "审核时间",
        "审核意见",
    ),
    rows=_rows,
)
