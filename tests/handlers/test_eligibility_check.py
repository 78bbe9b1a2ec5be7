"""/check, answer by answer: every verdict, Back, resuming, and whatever arrives out of place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest

from services.messages.actions import Edit, Send
from storage.db import create_engine, session_factory
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo, EligibilitySummary
from storage.uow import UnitOfWork
from tests.handlers.conftest import SHANGHAI, Clock, make_core
from tests.handlers.driver import ChatDriver, upload

Chat = Callable[..., ChatDriver]
Db = Callable[[], UnitOfWork]

Q_BAR = "弄虚作假"
Q_LEVEL = "最高职业资格"
Q_TITLE = "专业技术职称"
Q_TRADE = "本人从事的职业（工种）"
Q_HEALTH = "身体是否健康"
Q_DAILY = "日常工作"
Q_R1 = "优秀技能人才称号"
Q_R2 = "拔尖"
Q_EXC = "指导教练"
ELIGIBLE = ("技师（二级）", "是", "是", "是", "是")
"""Level, own trade, health, daily work, R1: everything but the bar, which comes last."""


async def answer(alice: ChatDriver, *labels: str) -> None:
    for label in labels:
        await alice.press(label)


async def summary(db: Db) -> EligibilitySummary:
    async with db() as u:
        return await u.repo(EligibilityOutcomesRepo).summary()


async def test_eligible_through_r1(chat: Chat, db: Db) -> None:
    alice = chat()
    await alice.command("check")
    assert Q_LEVEL in alice.last.text and "第 1 题" in alice.last.text
    assert Q_BAR not in alice.last.text, "nobody is greeted with a question about fraud"
    assert "◀️ 上一步" not in alice.last.labels(), "nothing to go back to on the first question"
    await answer(alice, "技师（二级）")
    assert Q_TRADE in alice.last.text and "第四条" in alice.last.text
    await answer(alice, "是")
    assert Q_TRADE not in alice.last.text
    assert Q_HEALTH in alice.last.text, "a technician is never asked for a title"
    await answer(alice, "是", "是")
    assert Q_R1 in alice.last.text and "中华技能大奖" in alice.last.text
    await alice.press("是")
    assert (
        Q_BAR in alice.last.text
        and "最后一项" in alice.last.text
        and "评比表彰" in alice.last.text
    )
    await alice.press("没有")
    result = alice.last.text
    assert "自测结果：符合申报条件" in result
    assert "✅ 获得市级以上优秀技能人才或技能类奖项（第四条）" in result
    assert "➖ 省内行业技能拔尖" in result and "未询问" in result
    assert "✅ 无弄虚作假记录（三年内）（第十七条）" in result
    assert "现代技术类" in result and "建设补助最高15万元" in result and "传统工艺类" in result
    assert "培养高技能人才不少于 8 人" in result and "高级工以上" in result
    assert "/apply" in result
    assert alice.messages[-1].message_id == alice.messages[0].message_id, "edited in place"
    stats = await summary(db)
    assert (stats.total, stats.passed, stats.failing_counts) == (1, 1, {})


async def test_a_technician_in_another_trade_does_not_meet_article_4(chat: Chat, db: Db) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "技师（二级）", "否", "是", "是")
    assert Q_EXC in alice.last.text, "without B1 the routes are moot: only the exception is asked"
    await alice.press("否")
    result = alice.last.text
    assert "自测结果：不符合申报条件" in result
    assert "❌ 本职业（工种）技师以上职业资格或相应技术职称（第四条）" in result
    assert "还缺少</b>：本职业（工种）技师以上职业资格或相应技术职称。" in result
    assert "——您填写的是：技师（二级），但不属于您本人从事的职业（工种）" in result
    assert "其他工种的证书不能替代" in result, "the advice explains the own-trade condition"
    assert (await summary(db)).failing_counts == {"B1": 1}


async def test_failing_b1_names_the_reason(chat: Chat, db: Db) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "高级工（三级）")
    assert Q_TITLE in alice.last.text
    await answer(alice, "初级职称", "是", "是")
    assert Q_EXC in alice.last.text, "without B1 the routes are moot: only the exception is asked"
    await alice.press("否")
    result = alice.last.text
    assert "自测结果：不符合申报条件" in result
    assert (
        "❌ 本职业（工种）技师以上职业资格或相应技术职称（第四条）"
        "——您填写的是：高级工（三级）、初级职称" in result
    )
    assert "➖ 无弄虚作假记录（三年内）（第十七条）——未询问" in result, "never asked about fraud"
    assert "还缺少" in result and "/apply" not in result
    assert "国家级技能竞赛或世界技能大赛取得突出成绩的指导教练；" not in result, "破格 not missing"
    stats = await summary(db)
    assert (stats.total, stats.passed, stats.not_eligible) == (1, 0, 1)
    assert stats.failing_counts == {"B1": 1}, "破格 is not a failure either"


async def test_eligible_only_by_exception(chat: Chat, db: Db) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "中级工（四级）", "无技术职称", "是", "是", "是")
    assert Q_BAR in alice.last.text
    await alice.press("没有")
    result = alice.last.text
    assert "自测结果：可破格申报" in result and "✅ 国家级技能竞赛" in result
    assert "/apply" in result
    stats = await summary(db)
    assert (stats.exceptional, stats.most_common_failure) == (1, "B1")


async def test_no_route_and_no_exception(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "高级技师（一级）", "是", "是", "是", "否", "否", "否", "否")
    result = alice.last.text
    assert "不符合申报条件" in result and "申报途径只需满足其中一项" in result


async def test_poor_health_settles_it_at_once(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "技师（二级）", "是", "否")
    assert "不符合申报条件" in alice.last.text and "包括破格申报" in alice.last.text


async def test_barred_on_the_last_day_of_the_bar(chat: Chat, clock: Clock, db: Db) -> None:
    # the clock says 2027-03-01: a finding of 2024-03-01 still bars today, the corresponding
    # day three years later (民法典第二百零一、二百零二条: the finding day itself is not counted)
    alice = chat()
    await alice.command("check")
    await answer(alice, *ELIGIBLE)
    await alice.press("有这样的认定")
    assert "哪一天" in alice.last.text and "◀️ 上一步" in alice.last.labels()
    await alice.text("2024年3月1日")
    result = alice.last.text
    assert "3年内不得参与省、市级全民技能振兴工程项目申报和评比表彰" in result
    assert "限制期至 <b>2027-03-01</b>（含），<b>2027-03-02</b> 起可以再次申报" in result
    assert "工作室类别及要求" not in result and "现代技术类" not in result, "no categories"
    stats = await summary(db)
    assert (stats.barred, stats.failing_counts) == (1, {"BAR": 1})


@pytest.mark.parametrize("today", [date(2027, 3, 2), date(2027, 3, 3)])
async def test_not_barred_from_the_day_after(chat: Chat, clock: Clock, today: date) -> None:
    # a finding of 2024-03-01 bars through 2027-03-01; from 2027-03-02 it is over
    clock.now = datetime.combine(today, time(10), SHANGHAI)
    alice = chat()
    await alice.command("check")
    await answer(alice, *ELIGIBLE, "有这样的认定")
    await alice.text("2024-03-01")
    assert "符合申报条件" in alice.last.text
    assert "✅ 无弄虚作假记录（三年内）（第十七条）" in alice.last.text


async def test_a_bad_or_future_date_is_explained_and_asked_again(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, *ELIGIBLE, "有这样的认定")
    await alice.text("去年")
    said = "⚠️ “去年”不是可识别的日期。请按 2024-03-01、2024/3/1 或 2024年3月1日 的格式输入。"
    assert alice.last.text.startswith(said) and "哪一天" in alice.last.text
    await alice.text("2024-02-30")
    said = "⚠️ 日期“2024-02-30”不存在：2024年2月只有29天。"
    assert alice.last.text.startswith(said) and "哪一天" in alice.last.text
    await alice.text("2027-03-02")
    assert "不能晚于2027-03-01" in alice.last.text
    await alice.text("2020-01-01")
    assert "符合申报条件" in alice.last.text


async def test_back_returns_to_the_previous_question_and_forgets_it(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "高级工（三级）", "中级职称", "是", "是")
    assert Q_DAILY in alice.last.text and "第 5 题" in alice.last.text
    await alice.press("◀️ 上一步")
    assert Q_HEALTH in alice.last.text and "第 4 题" in alice.last.text
    await alice.press("◀️ 上一步")
    assert Q_TRADE in alice.last.text
    await alice.press("◀️ 上一步")
    assert Q_TITLE in alice.last.text
    await alice.press("◀️ 上一步")
    assert Q_LEVEL in alice.last.text
    await answer(alice, "技师（二级）")
    assert Q_TRADE in alice.last.text, "the title was forgotten on the way back"
    await answer(alice, "是", "是", "是", "否", "是", "没有")
    assert "符合申报条件" in alice.last.text and "高级工（三级）" not in alice.last.text


async def test_back_from_the_date_forgets_the_bar_answer(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, *ELIGIBLE, "有这样的认定")
    await alice.press("◀️ 上一步")
    assert Q_BAR in alice.last.text and "第 6 题" in alice.last.text
    await alice.press("没有")
    assert "符合申报条件" in alice.last.text


async def test_a_restart_resumes_at_the_same_question(
    chat: Chat, sqlite_db: str, clock: Clock
) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "技师（二级）", "是", "是")
    asked = alice.last
    assert Q_DAILY in asked.text
    engine = create_engine(sqlite_db)
    try:
        fresh = make_core(session_factory(engine), clock)
        again = ChatDriver(fresh, alice.user_id, messages=alice.messages)
        await again.command("check")
        assert "已回答 3 题" in again.last.text
        await again.press("▶️ 从中断处继续")
        assert Q_DAILY in again.last.text and "第 4 题" in again.last.text
        await again.press("是", message=asked)  # the button shown before the restart still works
        assert Q_R1 in asked.text, "the pressed message now asks the next question"
    finally:
        await engine.dispose()


async def test_start_over_forgets_the_answers(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "技师（二级）", "是")
    await alice.command("check")
    await alice.press("🔄 重新开始")
    assert Q_LEVEL in alice.last.text and "第 1 题" in alice.last.text


async def test_out_of_place_messages_restate_the_question(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    await answer(alice, "技师（二级）", "是")
    for send in (alice.text("我身体很好"), alice.sticker(), alice.file(upload())):
        actions = await send
        replies = [a for a in actions if isinstance(a, Send)]
        assert len(replies) == 1
        assert Q_HEALTH in replies[0].text and "第 3 题" in replies[0].text
        assert alice.last.labels() == ["是", "否", "◀️ 上一步", "✖️ 取消"]
    await alice.press("是")
    assert Q_DAILY in alice.last.text, "nothing was lost"


async def test_a_stale_button_changes_nothing_and_restates(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    level_message = alice.messages[-1]
    stale = next(b.payload for b in level_message.buttons if b.label == "技师（二级）")
    await alice.press("技师（二级）")
    assert stale is not None
    actions = await alice.press_data(stale, level_message.message_id)
    assert alice.answers[-1].alert and "过期" in (alice.answers[-1].text or "")
    assert not any(isinstance(a, Edit) for a in actions)
    assert Q_TRADE in alice.last.text, "the pending question is restated"
    await alice.press_data("check:999:a:yes")
    assert Q_TRADE in alice.last.text and "第 2 题" in alice.last.text


async def test_a_forged_answer_for_the_current_step_is_refused(chat: Chat) -> None:
    alice = chat()
    await alice.command("check")
    payload = alice.last.buttons[0].payload
    assert payload is not None
    await alice.press_data(payload.rsplit(":", 1)[0] + ":yes")
    assert alice.answers[-1].alert and Q_LEVEL in alice.last.text


async def test_cancel_by_command_and_by_button(chat: Chat, db: Db) -> None:
    alice = chat()
    await alice.command("check")
    await alice.press("技师（二级）")
    await alice.command("cancel")
    assert "已取消资格自测" in alice.last.text
    await alice.text("技师")
    assert "没有正在进行的填写" in alice.last.text
    await alice.command("check")
    await alice.press("✖️ 取消")
    assert "已取消资格自测" in alice.last.text
    assert (await summary(db)).total == 0, "an abandoned check is not counted"


async def test_deep_link_and_menu_open_the_check(chat: Chat) -> None:
    alice = chat()
    await alice.command("start", "check")
    assert Q_LEVEL in alice.last.text
    bob = chat(1002)
    await bob.command("start")
    await bob.press("✅ 申报资格自测")
    assert Q_LEVEL in bob.last.text


async def test_english_cites_articles_as_art(chat: Chat) -> None:
    alice = chat(language="en")
    await alice.command("check")
    await answer(alice, "Technician (level 2)", "Yes", "Yes", "Yes", "Yes", "No")
    assert "Eligible to apply" in alice.last.text and "(Art. 4)" in alice.last.text
    assert "(Art. 9, Art. 13)" in alice.last.text and "/apply" in alice.last.text


async def test_help_lists_check_for_everyone(chat: Chat) -> None:
    alice = chat()
    await alice.command("help")
    assert "/check" in alice.last.text and "/finding" not in alice.last.text
