"""The console's confirmations say what a decision on THAT kind sets in motion, in a real browser:
an application's approval creates a studio, a plan's puts it on record, a report's keeps it for
the December assessment; returns and rejections likewise; the same words as the chat's."""

from __future__ import annotations

from playwright.async_api import Browser
from sqlalchemy import func, select

from storage.models import Studio, Submission
from tests.e2e.harness import STAFF, Harness
from tests.handlers.review.builders import add_submission
from tests.webapp.browser import BROWSER_LOOP, DARK
from tests.webapp.browser import browser as browser
from tests.webapp.browser import chromium as chromium
from tests.webapp.browser import web_bot as web_bot
from tests.webapp.conftest import base_url
from tests.webapp.console_client import ConsoleClient
from tests.webapp.console_page import Console, open_console

pytestmark = BROWSER_LOOP

SAYS = {
    ("approve", "application"): ("通过后将建立工作室", "锁定（第八条）"),
    ("approve", "plan"): ("备案（第九条第六项）",),
    ("approve", "report"): ("年度考核的依据（第十六条）", "/assess"),
    ("return", "application"): ("新的版本重新提交", "不会建立工作室"),
    ("return", "plan"): ("/plan 修改后",),
    ("return", "report"): ("/report 修改后",),
    ("reject", "application"): ("最终决定", "不建立工作室"),
    ("reject", "plan"): ("最终决定", "1月20日前用 /plan"),
    ("reject", "report"): ("最终决定", "/assess"),
}


async def consequence(console: Console, choice: str) -> str:
    await console.page.click(f"#choose-{choice}")
    text = await console.page.inner_text("#decision-consequence")
    described = await console.page.get_attribute("#confirm-decision", "aria-describedby")
    assert described == "decision-consequence"
    return text


async def cancel(console: Console) -> None:
    await console.page.click("#cancel-decision")
    assert not await console.page.locator("#decision-consequence").count()


async def test_each_kind_says_what_each_decision_does(web_bot: Harness, browser: Browser) -> None:
    ids = {
        kind: await add_submission(web_bot.uow, owner_id=1001 + i, kind=kind)
        for i, kind in enumerate(("application", "plan", "report"))
    }
    console = await open_console(browser, web_bot)
    for kind, sid in ids.items():
        await console.open_submission(sid)
        for choice in ("approve", "return", "reject"):
            text = await consequence(console, choice)
            for words in SAYS[(choice, kind)]:
                assert words in text, (choice, kind, text)
            assert kind == "application" or "建立工作室" not in text, (choice, kind)
            assert await console.fits()
            if choice == "approve" or kind == "plan":
                await console.screen(f"23-console-confirm-{choice}-{kind}", "#decision-form")
            await cancel(console)
        await console.page.click("#back")
        await console.idle()

    await console.open_submission(ids["plan"])
    said = await console.decide("approve")
    assert "已通过" in said and "已建立工作室" not in said
    await console.page.click("#back")
    await console.idle()
    await console.open_submission(ids["report"])
    said = await console.decide("return", "请补充带徒人数的证明")
    assert "退回修改" in said
    async with web_bot.uow() as uow:
        statuses = {
            s.kind: s.status
            for s in await uow.session.scalars(select(Submission).order_by(Submission.id))
        }
        studios = await uow.session.scalar(select(func.count(Studio.id)))
    assert statuses == {"application": "submitted", "plan": "approved", "report": "returned"}
    assert studios == 0


async def test_the_chats_words_in_english_and_dark(web_bot: Harness, browser: Browser) -> None:
    sid = await add_submission(web_bot.uow, kind="report")
    console = await open_console(browser, web_bot, language="en", theme=DARK)
    await console.open_submission(sid)
    text = await consequence(console, "approve")
    assert text.startswith("Approve “") and "assessment (Art. 16)" in text and "/assess" in text
    assert await console.fits()
    await console.screen("24-console-confirm-report-dark-en", "#decision-form")
    reply = await ConsoleClient(base_url(web_bot), web_bot.emu.token, STAFF[0], "en").get(
        f"submissions/{sid}"
    )
    assert reply["confirm"]["approve"] == text
    assert set(reply["confirm"]) == {"approve", "return", "reject"}
