"""Sheet 年度考核: every recorded assessment (第十六条) and the work subsidy it booked."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from policy.money import SubsidyStatus
from storage.exports.registry import Row, Sheet
from storage.exports.sheets import labels
from storage.models import Assessment, Studio, Subsidy, User


async def _rows(session: AsyncSession) -> Sequence[Row]:
    stmt = (
        select(
            Assessment.year,
            Studio.name,
            Studio.unit_name,
            Studio.category,
            Assessment.passed,
            Assessment.comment,
            Subsidy.amount,
            Subsidy.status,
            User.first_name,
            Assessment.assessed_at,
            Studio.status.label("studio_status"),
        )
        .join(Studio, Studio.id == Assessment.studio_id)
        .outerjoin(
            Subsidy,
            and_(Subsidy.studio_id == Assessment.studio_id, Subsidy.year == Assessment.year),
        )
        .outerjoin(User, User.id == Assessment.assessed_by)
        .order_by(Assessment.year, Studio.name, Studio.id)
    )
    return [
        (
            r.year,
            r.name,
            r.unit_name,
            labels.category(r.category),
            labels.assessment_result(r.passed),
            r.comment,
            r.amount if r.status == SubsidyStatus.BOOKED else 0,
            r.first_name or "",
            r.assessed_at,
            labels.status(r.studio_status),
        )
        for r in await session.execute(stmt)
    ]


SHEET = Sheet(
    order=50,
    title="年度考核",
    headers=(
        "年度",
        "工作室名称",
        "所在单位",
        "类别",
        "考核结果",
        "考核意见",
        "工作补助（元）",
        "录入人",
        "录入时间",
        "工作室状态",
    ),
    rows=_rows,
)
