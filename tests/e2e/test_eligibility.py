"""/check end to end on both runtimes, through the emulator over real HTTP."""

from __future__ import annotations

from emulator import SimUser
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo
from tests.e2e.harness import Harness


async def answer(alice: SimUser, *labels: str) -> str:
    """Press each label in turn; the plain text of the last message the bot edited or sent."""
    plain = ""
    for label in labels:
        [shown] = await alice.click(label)
        plain = shown.plain
    return plain


async def test_eligible_through_r1(bot: Harness) -> None:
    alice = bot.user()
    [question] = await alice.ask("/check")
    assert "最高职业资格" in question.plain and "技师（二级）" in question.labels()
    assert "弄虚作假" not in question.plain, "the bar is asked last"
    result = await answer(alice, "技师（二级）", "是", "是", "是", "是", "没有")
    assert "自测结果：符合申报条件" in result and "/apply" in result
    assert "✅ 获得市级以上优秀技能人才或技能类奖项（第四条）" in result
    assert "现代技术类" in result and "建设补助最高15万元" in result
    async with bot.uow() as u:
        stats = await u.repo(EligibilityOutcomesRepo).summary()
    assert (stats.total, stats.passed) == (1, 1)


async def test_failing_b1_shows_the_reason(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/start check")
    result = await answer(alice, "高级工（三级）", "无技术职称", "是", "是", "否")
    assert "自测结果：不符合申报条件" in result
    assert (
        "❌ 本职业（工种）技师以上职业资格或相应技术职称（第四条）——您填写的是：高级工（三级）"
        in result
    )
    assert "还缺少" in result


async def test_eligible_only_by_exception(bot: Harness) -> None:
    bob = bot.user(1002, "Bob", language_code="en")
    await bob.ask("/check")
    result = await answer(
        bob, "Senior worker (level 3)", "Junior title", "Yes", "Yes", "Yes", "No"
    )
    assert "Result: May apply by exception only" in result
    assert "✅ Lead coach" in result and "(Art. 4)" in result and "/apply" in result


async def test_back_in_the_middle(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/check")
    shown = await answer(alice, "技师（二级）", "是", "是")
    assert "日常工作" in shown and "第 4 题" in shown
    shown = await answer(alice, "◀️ 上一步")
    assert "身体是否健康" in shown and "第 3 题" in shown
    shown = await answer(alice, "◀️ 上一步", "◀️ 上一步")
    assert "最高职业资格" in shown
    result = await answer(alice, "高级技师（一级）", "是", "是", "是", "否", "是", "没有")
    assert "符合申报条件" in result and "高级技师（一级）" in result


async def test_a_restart_in_the_middle_resumes(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/check")
    await answer(alice, "技师（二级）", "是", "是")
    await bot.restart()
    [prompt] = await alice.ask("/check")
    assert "已回答 3 题" in prompt.plain
    [shown] = await alice.click("▶️ 从中断处继续")
    assert "日常工作" in shown.plain and "第 4 题" in shown.plain
    result = await answer(alice, "是", "否", "否", "是", "没有")
    assert "符合申报条件" in result and "✅ 带徒传技经验丰富" in result


async def test_an_out_of_place_message_restates_the_question(bot: Harness) -> None:
    alice = bot.user()
    await alice.ask("/check")
    await answer(alice, "技师（二级）", "是")
    [reply] = await alice.ask("我身体很好")
    assert "请点击下面的按钮作答" in reply.plain and "身体是否健康" in reply.plain
    assert reply.labels() == ["是", "否", "◀️ 上一步", "✖️ 取消"]
    [reply] = await alice.exchange(alice.send_sticker())
    assert "sticker" in reply.plain and "身体是否健康" in reply.plain
    [shown] = await alice.click("是", reply)
    assert "日常工作" in shown.plain, "nothing was lost"
