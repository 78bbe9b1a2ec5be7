"""Sheet 考核通报: the results of each year's assessment as they are announced (第十六条).

第十六条 has the results announced (考核结果予以通报) and a fail answered with improvement
opinions; this sheet is that announcement: one line per studio and year, the latest year first,
passes before fails, with the opinions. Every text cell goes through the formula-safe writer.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.exports.registry import Row, Sheet
from storage.exports.sheets import labels
from storage.models import Assessment, Studio


async def _rows(session: AsyncSession) -> Sequence[Row]:
    stmt = (
        select(
            Assessment.year,
            Studio.name,
            Studio.unit_name,
            Studio.category,
            Studio.division,
            Assessment.passed,
            Assessment.comment,
        )
        .join(Studio, Studio.id == Assessment.studio_id)
        .order_by(Assessment.year.desc(), Assessment.passed.desc(), Studio.name, Studio.id)
    )
    return [
        (
            r.name,
            r.unit_name,
            labels.category(r.category),
            labels.division(r.division),
            r.year,
            labels.assessment_result(r.passed),
            r.comment or "",
        )
        for r in await session.execute(stmt)
    ]


SHEET = Sheet(
    order=55,
    title="考核通报",
    headers=(
        "工作室名称",
        "所在单位",
        "类别",
        "所属区县",
        "年度",
        "考核结果",
        "考核意见（改进意见）",
    ),
    rows=_rows,
)
