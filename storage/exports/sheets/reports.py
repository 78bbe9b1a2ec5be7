"""Sheet 年度总结: every studio's annual report with the preliminary verdict of 第九条."""

from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession

from policy.assessment import evaluate_year
from policy.forms.report import CERTIFIED_LEVELS, achieved_results, funds_used
from policy.targets import Targets
from storage.exports.registry import Row, Sheet
from storage.exports.sheets.annual_rows import annual_stream, filed_by, year_work
from storage.repos.studio_targets import StudioTargetsRepo, resolve

VERDICT = ("未达标", "达标")


async def _rows(session: AsyncSession) -> AsyncIterator[Row]:
    agency = await StudioTargetsRepo(session).for_filed("report")
    resolved: dict[tuple[object, ...], Targets] = {}  # thousands of reports, a few targets
    async for r in annual_stream(session, "report"):
        year_row = agency.get((r.studio_id, r.year))
        facts = (r.category, r.sector, r.intangible_heritage, r.min_trainees, r.min_certified)
        key = (*facts, id(year_row) if year_row is not None else None)
        if key not in resolved:
            resolved[key] = resolve(r, year_row)
        targets = resolved[key]
        answers = r.answers or {}
        results = achieved_results(answers)
        amount = funds_used(answers)
        verdict = evaluate_year(targets, results).passed
        yield (
            *filed_by(r),
            results.trainees,
            *(answers.get(key) or 0 for key in CERTIFIED_LEVELS),
            results.newly_certified,
            *year_work(results, answers, amount),
            VERDICT[verdict],
            r.version,
            r.updated_at,
        )


SHEET = Sheet(
    order=40,
    title="年度总结",
    headers=(
        "受理编号",
        "年度",
        "工作室名称",
        "所在单位",
        "类别",
        "培养人数",
        "新取得高级工",
        "新取得技师",
        "新取得高级技师",
        "新取得相应职称",
        "新取证合计",
        "研讨推广活动",
        "参加竞赛",
        "技术创新成果",
        "经费使用（元）",
        "第九条初步结论",
        "版本",
        "最近更新时间",
    ),
    rows=_rows,
)
