"""The studio application end to end on both runtimes, through the emulator over real HTTP."""

from __future__ import annotations

from sqlalchemy import func, select

from emulator import BotMessage, SimUser
from storage.models import Submission, SubmissionVersion
from tests.e2e.harness import Harness
from tests.handlers.application_script import (
    EXE,
    JPEG,
    PDF,
    edit_answer,
    play,
    steps_between,
    steps_from,
    steps_until,
)


async def _submissions(bot: Harness) -> list[Submission]:
    async with bot.uow() as uow:
        return list(await uow.session.scalars(select(Submission)))


async def _submit(alice: SimUser) -> str:
    await alice.click("📤 提交")
    [receipt] = await alice.click("我确认材料真实")
    return receipt.plain


async def test_a_full_application_reaches_every_staff_member(fast_bot: Harness) -> None:
    bot = fast_bot
    staff = [bot.staff(staff_id) for staff_id in (9001, 9002)]
    for member in staff:
        await member.ask("/start")
    alice = bot.user()
    [first] = await alice.ask("/apply")
    assert "第 1/" in first.plain and "工作室名称" in first.plain
    await play(alice)
    assert alice.last is not None and "全部内容已填写完整" in alice.last.plain
    marks = [member.mark() for member in staff]
    receipt = await _submit(alice)
    assert "申报已提交" in receipt and "ZZJNDS-2027-0001" in receipt
    for member, mark in zip(staff, marks, strict=True):
        [notice] = await member.wait_messages(mark, count=1)
        assert "ZZJNDS-2027-0001" in notice.plain and "星光数控技能大师工作室" in notice.plain
        assert notice.labels() == ["打开审核"]
    async with bot.uow() as uow:
        version = await uow.session.scalar(select(SubmissionVersion))
    assert version is not None and len(version.attachments) == 7
    assert version.attachments[4]["mime_type"] == "image/jpeg"  # the photo, as a JPEG


async def test_a_restart_in_the_middle_resumes(fast_bot: Harness) -> None:
    bot = fast_bot
    alice = bot.user()
    await alice.ask("/apply")
    await play(alice, steps_until("unit_name"))
    await bot.restart()
    [resumed] = await alice.ask("/apply")
    assert "恢复上次保存的填写进度" in resumed.plain and "申报单位名称" in resumed.plain
    await play(alice, steps_from("unit_name"))
    assert "ZZJNDS-2027-0001" in await _submit(alice)


async def test_edit_from_the_summary(fast_bot: Harness) -> None:
    bot = fast_bot
    alice = bot.user()
    await alice.ask("/apply")
    await play(alice)
    pages = await _every_summary_page(alice)
    assert len(pages) >= 5
    for page in pages:  # one phone screen each, a handful of buttons
        assert len(page.plain) <= 1000 and len(page.labels()) <= 8, page.plain
    assert sum(len(p.labels()) for p in pages) < 39, "no longer a ✏️ button per answer"
    await edit_answer(alice, 30)
    field = alice.last
    assert field is not None and "当前答案：120平方米" in field.plain
    sent = bot.emu.count("sendMessage")
    [summary] = await alice.ask("200平方米")
    assert summary.message_id == field.message_id, "the summary is edited in place"
    assert bot.emu.count("sendMessage") == sent, "no new wall of text"
    assert "30. 工作室场地面积：200平方米" in summary.plain
    assert "📤 提交" in summary.labels()


async def _every_summary_page(alice: SimUser) -> list[BotMessage]:
    """The summary's pages, first to last, as the unit turns them with ▶."""
    while alice.last is not None and "◀ 上一部分" in alice.last.labels():
        await alice.click("◀ 上一部分")
    assert alice.last is not None
    pages = [alice.last.snapshot()]
    while "下一部分 ▶" in pages[-1].labels():
        [page] = await alice.click("下一部分 ▶")
        pages.append(page)
    return pages


async def test_bad_input_of_every_kind_keeps_the_draft(fast_bot: Harness) -> None:
    bot = fast_bot
    alice = bot.user()
    await alice.ask("/apply")
    for typed, says in (
        ("   ", "此项不能为空"),
        ("工" * 41, "不能超过40个字"),
        ("星光🎉工作室", "表情符号"),
    ):
        [reply] = await alice.ask(typed)
        assert says in reply.plain and "工作室名称" in reply.plain
    sneaky = "<b>星光</b>'; DROP TABLE drafts;--"
    await alice.ask(sneaky)
    [back] = await alice.click("⬅️ 返回")
    assert "&lt;b&gt;星光&lt;/b&gt;" in back.text and f"当前答案：{sneaky}" in back.plain
    await alice.click("✔️ 保留当前答案")
    await play(alice, steps_between("category", "master_apprentices"))
    assert alice.last is not None and "已培养徒弟人数" in alice.last.plain
    [reply] = await alice.ask("twenty")
    assert "“twenty”不是一个数字" in reply.plain
    [reply] = await alice.exchange(alice.send_photo(JPEG))
    assert "不需要文件" in reply.plain and "已培养徒弟人数" in reply.plain
    await alice.ask("25")
    await play(alice, steps_between("honours", "report"))
    assert "申报报告" in alice.last.plain
    big = PDF + b"0" * (30 * 1024 * 1024)
    [reply] = await alice.exchange(alice.send_document(big, "报告.pdf", "application/pdf"))
    assert "超过20MB" in reply.plain
    [reply] = await alice.exchange(alice.send_document(EXE, "报告.pdf", "application/pdf"))
    assert "无法识别这个文件的内容" in reply.plain and "申报报告" in reply.plain
    await play(alice, steps_from("report"))
    receipt = await _submit(alice)
    assert "ZZJNDS-2027-0001" in receipt
    async with bot.uow() as uow:
        version = await uow.session.scalar(select(SubmissionVersion))
    assert version is not None and version.answers["studio_name"] == sneaky


async def test_submit_pressed_twice_makes_one_submission(fast_bot: Harness) -> None:
    bot = fast_bot
    alice = bot.user()
    await alice.ask("/apply")
    await play(alice)
    [confirm] = await alice.click("📤 提交")
    payload = confirm.button("✅ 我确认材料真实，提交").callback_data
    assert payload is not None
    await alice.press_data(payload, confirm.message_id)  # two presses before any reply
    await alice.exchange(alice.press_data(payload, confirm.message_id))
    assert any("过期" in answer for answer in alice.callback_answers)
    assert len(await _submissions(bot)) == 1
    async with bot.uow() as uow:
        versions = await uow.session.scalar(select(func.count()).select_from(SubmissionVersion))
    assert versions == 1


async def test_menu_deep_link_and_status(telegram_rate_bot: Harness) -> None:
    """At Telegram's own per-chat rate: the menu button, `/start apply` and /status."""
    bot = telegram_rate_bot
    alice = bot.user()
    [menu] = await alice.ask("/start")
    assert "📝 工作室申报" in menu.labels() and "📊 我的申报" in menu.labels()
    [first] = await alice.click("📝 工作室申报")
    assert "第 1/" in first.plain and "工作室名称" in first.plain
    await alice.ask("星光工作室")
    [resumed] = await alice.ask("/start apply")
    assert "恢复上次保存的填写进度" in resumed.plain and "工作室类别" in resumed.plain
    [status] = await alice.ask("/status")
    assert "工作室申报：已填 1/" in status.plain
    [again] = await alice.click("▶️ 继续填写工作室申报")
    assert "工作室类别" in again.plain
