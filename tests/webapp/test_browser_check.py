"""/check in a real browser, inside "Telegram": a master answers in the page and reads the same
result the chat gives for the same answers; a typed date, Back, the keyboard; at a phone's
360 px in Telegram's dark theme; a stale sign-in changes nothing."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser
from sqlalchemy import func, select

from emulator import SimUser
from storage.models import Conversation, EligibilityOutcome
from tests.e2e.harness import Harness
from tests.e2e.test_eligibility import answer
from tests.webapp.browser import BROWSER_LOOP, DARK, LIGHT, MiniApp, mini_app_url, shot
from tests.webapp.browser import browser as browser
from tests.webapp.browser import chromium as chromium
from tests.webapp.browser import web_bot as web_bot
from tests.webapp.client import init_data
from tests.webapp.conftest import base_url

pytestmark = BROWSER_LOOP

PHONE = {"width": 360, "height": 740}
PAGE_LINES = """() => [...document.querySelectorAll(
  "#verdict, #conditions h2, #conditions h3, #conditions li, #categories h2, #categories li,"
  + " #next-steps p.pre")].flatMap((e) => e.innerText.split("\\n"))
  .map((s) => s.trim()).filter(Boolean)"""

ANSWER_SETS = {
    "eligible": (
        ("技师（二级）", "是", "是", "是", "是", "没有"),
        ("technician", "yes", "yes", "yes", "yes", "no"),
    ),
    "own-trade": (
        ("技师（二级）", "否", "是", "是", "否"),
        ("technician", "no", "yes", "yes", "no"),
    ),
    "exception": (
        ("高级工（三级）", "无技术职称", "是", "是", "是", "没有"),
        ("senior", "none", "yes", "yes", "yes", "no"),
    ),
}


class CheckApp(MiniApp):
    """A master using the check page: picks, types a date, goes back."""

    ready = "#check, #result, .banner[role=alert]"

    async def pick(self, *values: str) -> None:
        for value in values:
            async with self.page.expect_response(lambda r: "/api/check/answers" in r.url):
                await self.page.click(f"#choice-{value}")
            await self.idle()

    async def type_date(self, text: str) -> None:
        await self.page.fill("#date", text)
        async with self.page.expect_response(lambda r: "/api/check/answers" in r.url):
            await self.page.press("#date", "Enter")
        await self.idle()

    async def lines(self) -> list[str]:
        found: list[str] = await self.page.evaluate(PAGE_LINES)
        return found

    async def fits(self) -> bool:
        return bool(await self.page.evaluate("document.documentElement.scrollWidth") <= 360)


async def open_check(
    browser: Browser,
    bot: Harness,
    user_id: int = 1001,
    theme: dict[str, str] = LIGHT,
    age: float = 0,
) -> CheckApp:
    page = await browser.new_page(viewport=PHONE)  # type: ignore[arg-type]
    app = CheckApp(page)
    signed = init_data(bot.emu.token, user_id, age=age)
    await app.open(mini_app_url(base_url(bot), signed, "form=check", theme))
    return app


def chat_lines(text: str) -> list[str]:
    """The chat's result as lines, bullets aside (the page draws categories as a list)."""
    lines = (line.strip().removeprefix("•").strip() for line in text.split("\n"))
    return [line for line in lines if line]


async def chat_check(user: SimUser, labels: tuple[str, ...]) -> str:
    await user.ask("/check")
    return await answer(user, *labels)


@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
async def test_the_page_gives_the_result_the_chat_gives(
    web_bot: Harness, browser: Browser, name: str
) -> None:
    labels, values = ANSWER_SETS[name]
    alice = web_bot.user()
    in_chat = chat_lines(await chat_check(alice, labels))
    app = await open_check(browser, web_bot)
    assert await app.page.inner_text("#check-progress") == "资格自测 · 第 1 题"
    assert "最高职业资格" in await app.page.inner_text("#question")
    if name == "eligible":
        await shot(app.page, "18-check-question")
    mark = alice.mark()
    await app.pick(*values)
    assert await app.lines() == in_chat
    assert await app.fits()
    await shot(app.page, f"20-check-result-{name}")
    [sent] = await alice.wait_messages(mark, count=1)
    assert chat_lines(sent.plain) == in_chat
    async with web_bot.uow() as uow:
        counted = await uow.session.scalar(select(func.count(EligibilityOutcome.id)))
        assert counted == 2 and await uow.conversations.get(1001) is None


async def test_the_wording_of_issue_10(web_bot: Harness, browser: Browser) -> None:
    app = await open_check(browser, web_bot)
    await app.pick("technician", "no", "yes", "yes", "no")
    text = await app.page.inner_text("main")
    assert "每年培养高技能人才不少于 8 人" in text and "新取得高级工以上职业资格" in text
    assert "但不属于您本人从事的职业（工种）" in text
    steps = await app.page.inner_text("#next-steps p.pre")
    assert steps.startswith("还缺少：本职业（工种）技师以上职业资格或相应技术职称。\n")
    assert "<b>" not in steps
    codes = "(all) => all.map((e) => e.dataset.code)"
    missed = app.page.locator("#conditions li.missed")
    assert await missed.evaluate_all(codes) == ["B1", "EXC"]
    missing = app.page.locator("#conditions li.missing")
    assert await missing.evaluate_all(codes) == ["B1"]  # 破格 is a way in, never missing


async def test_a_finding_date_back_and_the_keyboard(web_bot: Harness, browser: Browser) -> None:
    app = await open_check(browser, web_bot)
    page = app.page
    assert await page.evaluate("document.activeElement.id") == "question"
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "choice-none"
    for _ in range(4):
        await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "choice-technician"
    async with page.expect_response(lambda r: "/api/check/answers" in r.url):
        await page.keyboard.press("Enter")
    await app.idle()
    assert "本职业（工种）" in await page.inner_text("#question-hint")
    await app.pick("yes", "yes", "yes", "yes", "yes")
    assert "哪一天" in await page.inner_text("#question")
    await app.type_date("下周三")
    error = await page.inner_text("#check-error")
    assert error.startswith("⚠️") and await page.get_attribute("#date", "aria-invalid") == "true"
    await shot(page, "19-check-date-error")
    async with page.expect_response(lambda r: "/api/check/back" in r.url):
        await page.click("#check-back")
    await app.idle()
    assert "第十七条" in await page.inner_text("#question")
    await app.pick("yes")
    await app.type_date("2026-03-01")
    assert await page.get_attribute("#result", "data-verdict") == "barred"
    assert "2029-03-01" in await page.inner_text("#verdict")
    assert not await page.locator("#categories").count()
    async with page.expect_response(lambda r: "/api/check/restart" in r.url):
        await page.click("#check-again")
    await app.idle()
    assert await page.inner_text("#check-progress") == "资格自测 · 第 1 题"


async def test_a_check_begun_in_the_chat_goes_on_in_the_page(
    web_bot: Harness, browser: Browser
) -> None:
    alice = web_bot.user()
    await alice.ask("/check")
    await answer(alice, "技师（二级）", "是")
    app = await open_check(browser, web_bot)
    assert await app.page.inner_text("#check-progress") == "资格自测 · 第 3 题"
    assert "身体是否健康" in await app.page.inner_text("#question")
    assert not await app.page.locator("#intro").count()
    await app.pick("yes")
    [resumed] = await alice.ask("/check")
    assert "已回答 3 题" in resumed.plain


async def test_dark_theme_at_a_phones_width(web_bot: Harness, browser: Browser) -> None:
    app = await open_check(browser, web_bot, theme=DARK)
    page = app.page
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(35, 46, 60)"  # secondary_bg_color of the theme
    assert await app.fits()
    await shot(page, "21-check-question-dark")
    await app.pick("technician", "yes", "yes", "yes", "no", "no", "no", "no")
    assert await page.get_attribute("#result", "data-verdict") == "not_eligible"
    card = await page.evaluate("getComputedStyle(document.getElementById('result')).color")
    assert card == "rgb(245, 245, 245)"  # text_color of the theme
    assert await app.fits()
    await shot(page, "22-check-result-dark")


async def test_a_stale_sign_in_is_refused_and_changes_nothing(
    web_bot: Harness, browser: Browser
) -> None:
    app = await open_check(browser, web_bot, age=2 * 86400)
    assert "登录信息无效或已过期" in await app.page.inner_text(".banner[role=alert]")
    assert not await app.page.locator("#choice-technician").count()
    async with web_bot.uow() as uow:
        assert await uow.session.scalar(select(func.count(Conversation.user_id))) == 0
