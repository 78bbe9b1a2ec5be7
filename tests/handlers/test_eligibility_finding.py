"""/finding: staff record a falsification finding (第十七条); nobody else can."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from storage.repos.findings import FindingsRepo
from storage.uow import UnitOfWork
from tests.handlers.conftest import STAFF_ID
from tests.handlers.driver import ChatDriver

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]
ID_NUMBER = "41010219800101123X"
CREDIT_CODE = "91350100M000100Y43"


async def test_staff_record_a_finding_against_a_person(chat: Chat, db: Db) -> None:
    staff = chat(STAFF_ID)
    await staff.command("finding")
    assert "第十七条" in staff.last.text
    await staff.press("个人（身份证号）")
    await staff.text("41010219800101123")
    assert "18位" in staff.last.text and "身份证号" in staff.last.text
    await staff.text("410102198001011231")
    assert "校验位" in staff.last.text
    await staff.text(ID_NUMBER.lower())
    assert "认定的日期" in staff.last.text
    await staff.text("2026-02-30")
    assert "不存在" in staff.last.text
    await staff.text("2025-06-01")
    assert "说明" in staff.last.text
    await staff.text("郑人社〔2025〕9号：伪造技师证书")
    summary = staff.last.text
    assert ID_NUMBER in summary and "2025-06-01" in summary and "伪造技师证书" in summary
    # the finding day is not counted (民法典第二百零一条): barred through 2028-06-01
    assert "限制至 2028-06-01（含），2028-06-02 起可以再次申报" in summary
    assert "申报和评比表彰" in summary, "the bar covers awards too (第十七条)"
    assert staff.last.labels() == ["💾 确认保存", "◀️ 上一步", "✖️ 取消"]
    await staff.press("💾 确认保存")
    assert "已保存" in staff.last.text
    async with db() as u:
        repo = u.repo(FindingsRepo)
        assert await repo.barred_from("person", ID_NUMBER, date(2027, 3, 1)) == date(2028, 6, 2)
        finding = await repo.latest("person", ID_NUMBER)
        assert finding is not None and finding.recorded_by == STAFF_ID
        trail = await u.audit.for_object("finding", finding.id)
    assert [(e.action, e.actor_id) for e in trail] == [("finding.recorded", STAFF_ID)]
    assert trail[0].details == {"subject_kind": "person", "found_on": "2025-06-01"}


async def test_a_unit_finding_with_back_and_an_earlier_record(chat: Chat, db: Db) -> None:
    async with db() as u:
        await u.repo(FindingsRepo).record("unit", CREDIT_CODE, date(2020, 1, 5), "old", 9002)
        await u.commit()
    staff = chat(STAFF_ID)
    await staff.command("finding")
    await staff.press("单位（统一社会信用代码）")
    await staff.text("91350100M000100Y4O")
    assert "不使用字符" in staff.last.text
    await staff.text(CREDIT_CODE)
    await staff.text("2020-01-05")
    await staff.press("◀️ 上一步")
    assert "认定的日期" in staff.last.text, "back to the date, which is asked again"
    await staff.text("2023-01-05")
    await staff.text("材料造假")
    assert "已有认定记录（最近一次认定日期 2020-01-05）" in staff.last.text
    assert "限制至 2026-01-04" not in staff.last.text
    assert "已满3年" in staff.last.text, "a finding older than three years no longer bars"
    await staff.press("◀️ 上一步")
    await staff.press("✖️ 取消")
    assert "没有保存" in staff.last.text
    async with db() as u:
        latest = await u.repo(FindingsRepo).latest("unit", CREDIT_CODE)
    assert latest is not None and latest.found_on == date(2020, 1, 5)


async def test_text_where_a_button_is_expected_restates_the_step(chat: Chat) -> None:
    staff = chat(STAFF_ID)
    await staff.command("finding")
    await staff.text(ID_NUMBER)
    assert "请点击下面的按钮" in staff.last.text and "个人还是单位" in staff.last.text
    assert staff.last.labels()[:2] == ["个人（身份证号）", "单位（统一社会信用代码）"]


async def test_non_staff_are_refused(chat: Chat, db: Db) -> None:
    alice = chat()
    await alice.command("finding")
    assert "没有权限" in alice.last.text
    await alice.press_data("finding::kind:person")
    assert alice.answers[-1].alert and "没有权限" in (alice.answers[-1].text or "")
    await alice.command("help")
    assert "/finding" not in alice.last.text
    async with db() as u:
        assert await u.conversations.get(alice.user_id) is None


async def test_staff_see_finding_in_help(chat: Chat) -> None:
    staff = chat(STAFF_ID)
    await staff.command("help")
    assert "/finding" in staff.last.text and "/check" in staff.last.text
