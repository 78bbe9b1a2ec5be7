"""Sheet 年度计划: every studio's work plan (第九条(六)) at its current version."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from sqlalchemy import Row as DbRow
from sqlalchemy.ext.asyncio import AsyncSession

from policy.forms.plan import TRAINEE_LEVELS, budget, planned_results
from storage.exports.registry import Row, Sheet
from storage.exports.sheets import labels
from storage.exports.sheets.annual_rows import (
    annual_stream,
    annual_submissions,
    filed_by,
    year_work,
)


def _plan_row(r: DbRow[Any]) -> Row:
    answers = r.answers or {}
    planned = planned_results(answers)
    amount = budget(answers)
    return (
        *filed_by(r),
        *(answers.get(key) or 0 for key in TRAINEE_LEVELS),
        planned.trainees,
        planned.newly_certified,
        *year_work(planned, answers, amount),
        labels.YES_NO[bool(r.late)],
        r.version,
        r.created_at,
        r.updated_at,
    )


async def plan_rows(session: AsyncSession, year: int | None = None) -> Sequence[Row]:
    return [_plan_row(r) for r in await annual_submissions(session, "plan", year)]


async def _all(session: AsyncSession) -> AsyncIterator[Row]:
    async for r in annual_stream(session, "plan"):
        yield _plan_row(r)


HEADERS = (
    "受理编号",
    "年度",
    "工作室名称",
    "所在单位",
    "类别",
    "计划培养高级工",
    "计划培养技师",
    "计划培养高级技师",
    "计划培养合计",
    "计划新取证人数",
    "研讨推广活动",
    "参加竞赛",
    "技术创新项目",
    "预算（元）",
    "逾期提交",
    "版本",
    "首次提交时间",
    "最近更新时间",
)
SHEET = Sheet(order=30, title="年度计划", headers=HEADERS, rows=_all)
