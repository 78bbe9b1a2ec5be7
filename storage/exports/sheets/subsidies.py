"""Sheet 工作补助: work subsidies booked for passed years of the support period (第十三条)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from policy.money import SubsidyStatus
from storage.exports.registry import Row, Sheet
from storage.models import Studio, Subsidy

SUBSIDY_STATUS: dict[str, str] = {
    SubsidyStatus.BOOKED: "已核定",
    SubsidyStatus.CANCELLED: "已撤销",
}


async def _rows(session: AsyncSession) -> Sequence[Row]:
    stmt = (
        select(
            Subsidy.year,
            Studio.name,
            Studio.unit_name,
            Studio.approved_on,
            Studio.support_ends_on,
            Subsidy.amount,
            Subsidy.status,
            Subsidy.booked_at,
        )
        .join(Studio, Studio.id == Subsidy.studio_id)
        .order_by(Subsidy.year, Studio.name, Studio.id)
    )
    return [
        (
            r.year,
            r.name,
            r.unit_name,
            r.approved_on,
            r.support_ends_on,
            r.amount,
            SUBSIDY_STATUS.get(r.status, r.status),
            r.booked_at,
        )
        for r in await session.execute(stmt)
    ]


SHEET = Sheet(
    order=60,
    title="工作补助",
    headers=(
        "年度",
        "工作室名称",
        "所在单位",
        "批准日期",
        "扶持期截止",
        "金额（元）",
        "状态",
        "核定时间",
    ),
    rows=_rows,
)
