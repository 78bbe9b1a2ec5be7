"""The Measures read again, end to end on both runtimes: the words of /check (第四、九条), the
three-year bar counted as the law counts periods (第十七条), no invented limit on applications
and the duplicates that are real (第二、四条), what filing a plan means (第八条, 第九条(六))."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from emulator import SimUser
from storage.models import Submission
from tests.e2e.annual_steps import fill
from tests.e2e.harness import Harness
from tests.e2e.test_eligibility import answer
from tests.handlers.annual_world import PLAN_FULL
from tests.handlers.application_script import STEPS, Act, T, play
from tests.handlers.conftest import SHANGHAI, Clock
from tests.policy.forms_fixtures import an_id_number
from tests.scheduler.world import World

ELIGIBLE = ("技师（二级）", "是", "是", "是", "是")
"""Level, own trade, health, daily work, R1: everything but the bar, which comes last."""


async def test_the_check_words_the_conditions_as_the_measures_do(bot: Harness) -> None:
    """第九条: 培养高技能人才, newly certified meaning 高级工 or higher; 第四条: own trade,
    破格 never listed as a missing condition, no internal codes."""
    alice = bot.user()
    await alice.ask("/check")
    result = await answer(alice, *ELIGIBLE, "没有")
    assert "培养高技能人才不少于 8 人" in result and "高级工以上" in result
    assert "培训学员" not in result
    bob = bot.user(1002, "Bob")
    await bob.ask("/check")
    other_trade = await answer(bob, "技师（二级）", "否", "是", "是", "否")
    assert "不符合申报条件" in other_trade and "不属于您本人从事的职业（工种）" in other_trade
    assert "还缺少：本职业（工种）技师以上职业资格或相应技术职称。" in other_trade
    assert "指导教练；" not in other_trade, "破格 is not a missing condition"
    assert "B1" not in other_trade, "no internal codes"


async def test_the_bar_runs_through_the_corresponding_day_and_covers_awards(
    bot: Harness, clock: Clock
) -> None:
    """第十七条, 民法典第二百零一、二百零二条: a finding of 2024-03-01 bars through 2027-03-01."""
    clock.now = datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI)
    alice = bot.user()
    await alice.ask("/check")
    await answer(alice, *ELIGIBLE)
    [when] = await alice.click("有这样的认定")
    assert "哪一天" in when.plain
    [result] = await alice.ask("2024年3月1日")
    assert "申报和评比表彰" in result.plain
    assert "限制期至 2027-03-01（含），2027-03-02 起可以再次申报" in result.plain


def _application(studio_name: str, master_id: str | None = None) -> list[tuple[str, list[Act]]]:
    """The scripted application with another studio name (and master identity number)."""
    swap: dict[str, list[Act]] = {"studio_name": [T(studio_name)]}
    if master_id is not None:
        swap["master_id"] = [T(master_id)]
    return [(key, swap.get(key, acts)) for key, acts in STEPS]


async def _apply(alice: SimUser, steps: list[tuple[str, list[Act]]] = STEPS) -> str:
    await alice.ask("/apply")
    await play(alice, steps)
    assert alice.last is not None
    return alice.last.plain


async def test_a_unit_applies_for_two_masters_but_never_the_same_master_twice(
    fast_bot: Harness,
) -> None:
    """No limit of one application a year (none is in the Measures); the same master leading
    two studios, or the same studio twice, is refused naming the one that exists."""
    bot = fast_bot
    alice = bot.user()
    await _apply(alice)
    await alice.click("📤 提交")
    await alice.click("我确认材料真实")
    another = _application("星光焊接技能大师工作室", an_id_number("41010519900101123"))
    assert "全部内容已填写完整" in await _apply(alice, another)
    await alice.click("📤 提交")
    [second] = await alice.click("我确认材料真实")
    assert "ZZJNDS-2027-0002" in second.plain
    blocked = await _apply(alice, _application("星光二号工作室"))
    assert "该单位已有同一领办人的工作室或在审申报" in blocked
    assert "星光数控技能大师工作室" in blocked and "ZZJNDS-2027-0001" in blocked
    assert alice.last is not None and not any("提交" in b for b in alice.last.labels())
    async with bot.uow() as uow:
        assert await uow.session.scalar(select(func.count(Submission.id))) == 2


async def test_a_plan_confirmation_says_what_filing_means(bot: Harness, clock: Clock) -> None:
    """第八条 is the application's rule, not the plan's: the plan is filed for the record
    (备案, 第九条(六)) and may be returned for revision."""
    assert bot.app is not None
    clock.now = datetime(2027, 1, 5, 10, 0, tzinfo=SHANGHAI)
    await World(bot.app.sessions).studio("星光数控工作室", 1001, date(2025, 6, 1))
    alice = bot.user()
    [opened] = await alice.ask("/plan")
    assert "2027 年度工作计划" in opened.plain
    async with bot.uow() as uow:
        assert await uow.session.scalar(select(func.count(Submission.id))) == 0
    await fill(alice, PLAN_FULL)
    [confirm] = await alice.click("📤 提交")
    assert "备案" in confirm.plain and "退回修改" in confirm.plain
    assert "第八条" not in confirm.plain and "不得自行调整" not in confirm.plain
