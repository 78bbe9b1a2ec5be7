"""Staff review end to end on both runtimes: notices, decisions, the studio, binding, races."""

from __future__ import annotations

import asyncio
import io
import re

from openpyxl import Workbook
from sqlalchemy import func, select

from emulator import BotMessage
from storage.imports.studios_xlsx import import_studios, read_studios
from storage.models import AuditEntry, Studio, Submission
from storage.repos.studios import StudiosRepo
from tests.e2e.harness import Harness
from tests.e2e.review_steps import submit
from tests.handlers.application_script import PDF, edit_answer, play
from tests.handlers.review.builders import ANSWERS


async def _submission(bot: Harness, sid: int) -> Submission:
    async with bot.uow() as uow:
        sub = await uow.session.get(Submission, sid)
        assert sub is not None
        return sub


def _number(summary: BotMessage, label: str) -> int:
    """The number of the summary line showing the field `label` (on the page shown)."""
    match = re.search(rf"(\d+)\. {label}：", summary.plain)
    assert match is not None, summary.plain[:500]
    return int(match.group(1))


async def test_full_review_cycle(fast_bot: Harness) -> None:
    bot = fast_bot
    staff, unit = bot.staff(9001), bot.user(1001, "Zhao")
    await staff.ask("/start")
    await unit.ask("/apply")
    await play(unit)
    marker = staff.mark()
    await unit.click("📤 提交")
    await unit.click("我确认材料真实")
    [notice] = await staff.wait_messages(marker, 1)
    assert "新的工作室申报" in notice.plain and "星光数控技能大师工作室" in notice.plain

    albums = bot.emu.count("sendMediaGroup")
    replies = await staff.click("打开审核", notice, expect=8)
    summary = replies[-1]
    assert "ZZJNDS-2027-0001" in summary.plain and "✅ 通过" in summary.labels()
    assert staff.last is not None and staff.last.message_id == summary.message_id
    assert bot.emu.count("sendMediaGroup") == albums + 1, "the seven files come as one album"
    files = [m for m in replies if m.document is not None]
    assert len(files) == 7 and files[0].document is not None and files[0].document.content == PDF
    assert "申报报告（第六条(二)）" in files[0].plain
    assert "资金、场地和设备支持承诺（第六条(三)）" in files[6].plain

    await staff.click("↩️ 退回修改", summary)
    await staff.click("申报单位名称")
    await staff.ask("单位名称与营业执照不一致")
    unit_marker = unit.mark()
    await staff.click("↩️ 确认退回")
    [returned] = await unit.wait_messages(unit_marker, 1)
    assert "需要修改" in returned.plain and "单位名称与营业执照不一致" in returned.plain
    assert "申报单位名称" in returned.plain

    [revision] = await unit.ask("/apply")
    assert "单位名称与营业执照不一致" in revision.plain
    await edit_answer(unit, _number(revision, "申报单位名称"))
    await unit.ask("郑州星光精密机械股份有限公司")
    marker = staff.mark()
    await unit.click("📤 提交")
    await unit.click("我确认材料真实")
    [again] = await staff.wait_messages(marker, 1)
    assert "重新提交" in again.plain and "第 2 版" in again.plain
    replies = await staff.click("打开审核", again, expect=1)
    [summary] = replies
    assert "第 1 版 → 第 2 版" in summary.plain and "与上一版相同、未重复发送" in summary.plain
    assert "郑州星光精密机械有限公司 → 郑州星光精密机械股份有限公司" in summary.plain

    await staff.click("✅ 通过", summary)
    unit_marker = unit.mark()
    [done] = await staff.click("✅ 确认通过")
    assert "已建立工作室" in done.plain
    [approved] = await unit.wait_messages(unit_marker, 1)
    assert "审核通过" in approved.plain and "扶持期" in approved.plain
    async with bot.uow() as uow:
        studio = await uow.session.scalar(select(Studio))
        sub = await uow.session.scalar(select(Submission))
    assert sub is not None and sub.status == "approved" and sub.version == 2
    assert studio is not None and studio.contact_user_id == 1001
    assert studio.application_id == sub.id and studio.name == "星光数控技能大师工作室"
    assert studio.unit_name == "郑州星光精密机械股份有限公司" and studio.leader_name == "张三"
    assert studio.construction_cap == 150_000


async def test_a_single_file_goes_as_a_document_before_the_card(bot: Harness) -> None:
    await submit(bot, 1001, dict(ANSWERS), PDF)
    staff = bot.staff(9001)
    await staff.ask("/pending")
    albums, documents = bot.emu.count("sendMediaGroup"), bot.emu.count("sendDocument", 200)
    [file, card] = await staff.click("张三数控", expect=2)
    assert bot.emu.count("sendMediaGroup") == albums, "Telegram takes no album of one"
    assert bot.emu.count("sendDocument", 200) == documents + 1
    assert file.document is not None and "申报报告（第六条(二)）" in file.plain
    assert "✅ 通过" in card.labels() and staff.last is not None
    assert staff.last.message_id == card.message_id


async def test_a_forged_approve_from_a_non_staff_user_changes_nothing(bot: Harness) -> None:
    sid = await submit(bot, 1001, dict(ANSWERS), PDF)
    mallory = bot.user(1002, "Mallory")
    await mallory.ask("/start")
    await mallory.exchange(mallory.press_data(f"review::approve:{sid}:v1"))
    await mallory.exchange(mallory.press_data("review:1:yes"))
    assert "您没有权限进行这项操作。" in mallory.callback_answers
    assert (await _submission(bot, sid)).status == "submitted"
    async with bot.uow() as uow:
        assert await uow.session.scalar(select(func.count(Studio.id))) == 0


async def test_two_staff_approving_at_once_make_one_decision(bot: Harness) -> None:
    await submit(bot, 1001, dict(ANSWERS), PDF)
    first, second = bot.staff(9001), bot.staff(9002)
    for staff in (first, second):
        await staff.ask("/pending")
        await staff.click("张三数控")
        await staff.click("✅ 通过")
    results = await asyncio.gather(first.click("✅ 确认通过"), second.click("✅ 确认通过"))
    texts = [m.plain for replies in results for m in replies]
    assert sum("已建立工作室" in t for t in texts) == 1
    assert sum("已经处理过了" in t for t in texts) == 1
    async with bot.uow() as uow:
        assert await uow.session.scalar(select(func.count(Studio.id))) == 1
        approvals = await uow.session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "review.approved")
        )
    assert approvals == 1


async def test_import_and_a_binding_code_link_a_contact(bot: Harness) -> None:
    wb = Workbook()
    wb.active.append(["工作室名称", "类别", "领办人", "所在单位", "批准日期"])
    wb.active.append(
        ["李四面点技能大师工作室", "传统工艺类", "李四", "郑州某某餐饮", "2021-06-01"]
    )
    out = io.BytesIO()
    wb.save(out)
    assert bot.clock is not None
    async with bot.uow() as uow:
        parsed = read_studios(out.getvalue(), bot.clock().date())
        report = await import_studios(uow.repo(StudiosRepo), parsed)
        await uow.commit()
    assert report.created == 1

    staff, contact = bot.staff(9001), bot.user(1005, "Qian")
    await staff.ask("/bind")
    [issued] = await staff.click("李四面点")
    code = issued.plain.split("绑定码：")[1].split()[0]
    [linked] = await contact.ask(f"/start bind_{code}")
    assert "绑定成功" in linked.plain and "李四面点技能大师工作室" in linked.plain
    [again] = await bot.user(1006).ask(f"/bind {code}")
    assert "已经使用过" in again.plain
    async with bot.uow() as uow:
        studio = await uow.session.scalar(select(Studio))
    assert studio is not None and studio.contact_user_id == 1005
