"""The agency's workbook: Chinese headers, one row per application and per studio."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from policy.acceptance import Acceptance
from policy.categories import StudioCategory
from policy.revocation import RevocationGround
from policy.revocation_decision import RevocationDecision
from policy.states import StudioState
from storage.exports import export_workbook
from storage.exports.registry import registered
from storage.repos.lifecycle import LifecycleRepo
from storage.repos.reviews import ReviewsRepo
from storage.repos.studios import StudioFacts, StudiosRepo
from storage.uow import UnitOfWork
from tests.handlers.review.builders import add_submission

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def test_workbook_has_applications_and_studios(uow: Callable[[], UnitOfWork]) -> None:
    first = await add_submission(uow)
    await add_submission(uow, answers={"studio_name": "B", "category": "traditional_craft"})
    async with uow() as u:
        await u.users.seen(9001, "王审核", None, "zh")
        await u.repo(ReviewsRepo).decide(
            first, 1, "returned", 9001, datetime(2027, 3, 1, 2, tzinfo=UTC), "补材料"
        )
        facts = StudioFacts(
            "李四面点技能大师工作室",
            StudioCategory.TRADITIONAL_CRAFT,
            "李四",
            "郑州某某餐饮",
            date(2020, 12, 1),
            division="erqi",
        )
        await u.repo(StudiosRepo).create(facts, source="import")
        await u.commit()
    async with uow() as u:
        data = await export_workbook(u.session, SHANGHAI)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:2] == ["申报", "工作室"]
    apps = [list(r) for r in wb["申报"].iter_rows(values_only=True)]
    assert apps[0][:7] == [
        "受理编号",
        "工作室名称",
        "类别",
        "所属区县",
        "领办人",
        "申报单位",
        "状态",
    ]
    assert len(apps) == 3
    row = apps[1]
    assert row[0].startswith("ZZJNDS-2027-") and row[1] == "张三数控技能大师工作室"
    assert row[2:7] == ["现代技术类", "金水区", "张三", "郑州精工机械有限公司", "退回修改"]
    assert row[10:13] == ["王审核", datetime(2027, 3, 1, 10, 0), "补材料"]
    assert apps[2][2] == "传统工艺类" and apps[2][6] == "待审核"
    studios = [list(r) for r in wb["工作室"].iter_rows(values_only=True)]
    assert studios[0][:3] == ["工作室名称", "类别", "领办人"]
    assert studios[1][:8] == [
        "李四面点技能大师工作室",
        "传统工艺类",
        "李四",
        "郑州某某餐饮",
        "二七区",
        datetime(2020, 12, 1),
        datetime(2023, 12, 31),  # approved in December: support years 2021-2023
        100_000,
    ]
    assert studios[1][8:] == ["导入", "正常", "否", "否", None, None, None, None, None, None]


async def test_the_studios_sheet_shows_acceptance_and_revocation(
    uow: Callable[[], UnitOfWork],
) -> None:
    """第十二条: accepted with the plaque; 第十七、十八条: ground, 文号, date, who, equipment."""
    at = datetime(2027, 3, 1, 2, tzinfo=UTC)
    async with uow() as u:
        repo, lifecycle = u.repo(StudiosRepo), u.repo(LifecycleRepo)
        kind = StudioCategory.MODERN_TECH
        facts = StudioFacts("甲工作室", kind, "张三", "甲厂", date(2024, 3, 1))
        accepted = await repo.create(facts)
        revoked = await repo.create(replace(facts, name="乙工作室", approved_on=date(2024, 4, 1)))
        await lifecycle.accept(accepted.id, Acceptance(date(2024, 9, 1), 9001), at)
        decision = RevocationDecision(
            ground=RevocationGround.FAILED_TWICE,
            decided_on=date(2027, 2, 20),
            document_number="郑人社〔2027〕9号",
            equipment_to_recover="数控车床一台",
            recorded_by=9001,
        )
        await lifecycle.record_decision(revoked.id, decision, at)
        revoked.status = StudioState.REVOKED
        await u.commit()
    async with uow() as u:
        data = await export_workbook(u.session, SHANGHAI)
    rows = [list(r) for r in load_workbook(io.BytesIO(data))["工作室"].iter_rows(values_only=True)]
    head = rows[0]
    by_name = {r[0]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    assert by_name["甲工作室"]["验收合格日期（第十二条）"] == datetime(2024, 9, 1)
    assert by_name["甲工作室"]["状态"] == "正常" and by_name["甲工作室"]["撤销文号"] is None
    gone = by_name["乙工作室"]
    assert gone["状态"] == "已撤销" and gone["撤销依据（第十七条）"] == "连续2年考核不合格"
    assert (gone["撤销文号"], gone["撤销决定日期"]) == ("郑人社〔2027〕9号", datetime(2027, 2, 20))
    assert gone["决定机关（第十八条）"].startswith("郑州市人力资源和社会保障局")
    assert gone["收回设备"] == "数控车床一台"


def test_sheets_are_discovered_by_module_in_order() -> None:
    titles = [s.title for s in registered()]
    assert titles.index("申报") < titles.index("工作室")
