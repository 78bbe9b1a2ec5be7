"""Journeys in a real browser: the page as a unit contact uses it, inside "Telegram"."""

from __future__ import annotations

import json
import mimetypes

from playwright.async_api import Browser

from tests.e2e.harness import Harness
from tests.handlers.application_script import STEPS
from tests.webapp.application_web import ANSWERS, FILES, GROUPS
from tests.webapp.browser import BROWSER_LOOP, DARK, SHOTS, MiniApp, mini_app_url, shot
from tests.webapp.browser import browser as browser
from tests.webapp.browser import chromium as chromium
from tests.webapp.browser import web_bot as web_bot
from tests.webapp.client import init_data
from tests.webapp.conftest import base_url

pytestmark = BROWSER_LOOP

PHONE = {"width": 360, "height": 740}


async def open_app(browser: Browser, bot: Harness, user_id: int = 1001, **url: object) -> MiniApp:
    page = await browser.new_page(viewport=PHONE)
    app = MiniApp(page)
    signed = init_data(bot.emu.token, user_id)
    await app.open(mini_app_url(base_url(bot), signed, **url))  # type: ignore[arg-type]
    return app


async def fill_all(app: MiniApp) -> None:
    """Every answer and file; a group's first entry is answered where the page shows it ready,
    later ones are added first."""
    for path, value in ANSWERS:
        group, _, rest = path.partition(".")
        if group in GROUPS and rest.endswith(".name") and not rest.startswith("0."):
            await app.add(group)
        await app.answer(path, value)
        assert await app.error(path) == "", path
    for slot, name, content in FILES:
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        await app.attach(slot, name, content, mime)
        assert await app.error(slot) == "", slot


async def test_a_unit_fills_and_submits_a_whole_application_in_the_page(
    web_bot: Harness, browser: Browser
) -> None:
    alice = web_bot.user()
    await alice.ask("/start")
    app = await open_app(browser, web_bot)
    page = app.page
    assert await page.is_disabled("#submit")
    await shot(page, "01-application-empty")
    await app.answer("master_mobile", "123")
    assert await app.error("master_mobile") == "手机号应为11位，您输入了3位"
    assert await page.get_attribute("[id='f-master_mobile']", "aria-invalid") == "true"
    await shot(page, "02-application-error")
    app.actions = 1  # the page opened; the mistake above is not part of the count
    await fill_all(app)
    assert await page.is_enabled("#submit")
    assert await page.inner_text("#submit") == "✅ 我确认材料真实，提交"
    assert "提交前请确认" in await page.inner_text("#summary")
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await shot(page, "03-application-ready")
    await page.locator("#summary").scroll_into_view_if_needed()
    await page.screenshot(path=str(SHOTS / "04-application-confirm.png"))
    mark = alice.mark()
    await app.click("#submit")
    await page.wait_for_selector("#done")
    assert "ZZJNDS-2027-0001" in await page.inner_text("#done")
    await shot(page, "05-application-submitted")
    [receipt] = await alice.wait_messages(mark, count=1)
    assert "申报已提交" in receipt.plain and "ZZJNDS-2027-0001" in receipt.plain
    record_actions(app.actions)


def chat_actions() -> int:
    """The chat's count for the same application (tests/e2e/test_application.py plays these
    steps): /apply, every message and press of the script, then Submit and the confirmation."""
    return 1 + sum(len(acts) for _, acts in STEPS) + 2


def record_actions(page_actions: int) -> None:
    """The page needs fewer actions than the chat; both figures are kept beside the shots."""
    chat = chat_actions()
    figures = {
        "page": page_actions,
        "chat": chat,
        "page_breakdown": {
            "open": 1,
            "answers": len(ANSWERS),
            "entries_added": 0,
            "files": len(FILES),
            "submit": 1,
        },
    }
    assert page_actions == 1 + len(ANSWERS) + len(FILES) + 1
    assert page_actions < chat
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "user-actions.json").write_text(json.dumps(figures, indent=2) + "\n")


async def test_the_chat_and_the_page_see_one_draft(web_bot: Harness, browser: Browser) -> None:
    alice = web_bot.user()
    await alice.ask("/apply")
    await alice.ask("星光数控技能大师工作室")
    await alice.click("现代技术类")
    app = await open_app(browser, web_bot)
    assert await app.value("studio_name") == "星光数控技能大师工作室"
    assert await app.value("category") == "modern_tech"
    await app.answer("sector", "intangible_heritage")
    await app.answer("master_name", "张三")
    [resumed] = await alice.ask("/apply")
    assert "当前答案：非物质文化遗产" in resumed.plain
    await alice.click("✔️ 保留当前答案")
    [asked] = await alice.click("✔️ 保留当前答案")
    assert "技能大师身份证号" in asked.plain
    await app.page.reload()
    await app.idle()
    assert await app.value("master_name") == "张三"


async def test_the_form_works_from_the_keyboard(web_bot: Harness, browser: Browser) -> None:
    app = await open_app(browser, web_bot)
    page = app.page
    await page.focus("[id='f-studio_name']")
    await page.keyboard.type("星光数控技能大师工作室")
    async with page.expect_response(lambda r: "/answers" in r.url):
        await page.keyboard.press("Tab")
    await app.idle()
    focused = await page.evaluate("document.activeElement.name")
    assert focused == "f-category"
    async with page.expect_response(lambda r: "/answers" in r.url):
        await page.keyboard.press("Space")
    await app.idle()
    assert await app.value("category") == "modern_tech"
    assert await app.value("studio_name") == "星光数控技能大师工作室"


async def test_telegrams_dark_theme_and_english(web_bot: Harness, browser: Browser) -> None:
    page = await browser.new_page(viewport={"width": 1024, "height": 800})
    app = MiniApp(page)
    signed = init_data(web_bot.emu.token, 1001, language="en")
    await app.open(mini_app_url(base_url(web_bot), signed, theme=DARK))
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(35, 46, 60)"  # secondary_bg_color of the theme
    assert "Studio name" in await page.inner_text("main")
    await shot(page, "06-application-dark-en")


async def test_outside_telegram_the_page_says_how_to_open_it(
    web_bot: Harness, browser: Browser
) -> None:
    page = await browser.new_page(viewport=PHONE)
    await page.goto(base_url(web_bot) + "/?form=application")
    await page.wait_for_selector(".banner[role=alert]")
    assert "请在 Telegram 中打开此页面" in await page.inner_text("main")
