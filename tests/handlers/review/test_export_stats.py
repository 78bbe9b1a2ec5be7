"""/export sends the workbook; /stats counts applications, studios and eligibility checks."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import load_workbook

from policy.eligibility import ConditionCode, Verdict
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo
from storage.uow import UnitOfWork
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]


async def test_export_sends_an_xlsx_workbook(chat: Chat, db: Db) -> None:
    await add_submission(db)
    staff = chat(STAFF_ID)
    await staff.command("export")
    doc = staff.documents[-1]
    assert doc.file_name.endswith(".xlsx") and doc.content is not None
    wb = load_workbook(io.BytesIO(doc.content))
    rows = list(wb["申报"].iter_rows(values_only=True))
    assert rows[0][0] == "受理编号" and rows[1][1] == "张三数控技能大师工作室"


async def test_export_and_stats_are_staff_only(chat: Chat, db: Db) -> None:
    alice = chat()
    for command in ("export", "stats"):
        await alice.command(command)
        assert "没有权限" in alice.last.text
    assert alice.documents == []


async def test_stats_figures(chat: Chat, db: Db) -> None:
    await add_submission(db)
    await add_submission(db, answers={"studio_name": "B", "category": "modern_tech"})
    await add_submission(
        db, answers={"studio_name": "C", "category": "cultural_creative", "division": "erqi"}
    )
    async with db() as uow:
        repo = uow.repo(EligibilityOutcomesRepo)
        await repo.record(Verdict.ELIGIBLE, [])
        await repo.record(Verdict.NOT_ELIGIBLE, [ConditionCode.B1])
        await repo.record(Verdict.NOT_ELIGIBLE, [ConditionCode.B1, ConditionCode.R1])
        await repo.record(Verdict.EXCEPTIONAL_ONLY, [ConditionCode.R1])
        await uow.commit()
    staff = chat(STAFF_ID)
    await staff.command("stats")
    text = staff.last.text
    assert "共 3 份" in text and "• 待审核：3" in text
    assert "• 现代技术类：2" in text and "• 文化创意类：1" in text
    assert "• 金水区：1" in text and "• 二七区：1" in text and "• 未填写：1" in text
    assert "共 0 个" in text
    assert "共完成 4 次" in text and "2 次（50%" in text and "破格 1 次" in text
    assert "（第四条），2 次" in text and "B1" not in text
