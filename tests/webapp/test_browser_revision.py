"""A returned application: staff mark fields in the chat, the unit fixes them in the page."""

from __future__ import annotations

from playwright.async_api import Browser
from sqlalchemy import select

from storage.models import Submission
from tests.e2e.harness import Harness
from tests.webapp.browser import BROWSER_LOOP, shot
from tests.webapp.browser import browser as browser
from tests.webapp.browser import chromium as chromium
from tests.webapp.browser import web_bot as web_bot
from tests.webapp.test_api import attach_all, fill, web
from tests.webapp.test_browser_journeys import open_app

pytestmark = BROWSER_LOOP


async def test_staff_return_marked_fields_and_the_unit_fixes_them_in_the_page(
    web_bot: Harness, browser: Browser
) -> None:
    staff, unit = web_bot.staff(), web_bot.user()
    await staff.ask("/start")
    await unit.ask("/start")
    page = web(web_bot)
    await fill(page)
    await attach_all(page)
    marker = staff.mark()
    assert (await page.submit())[0] == 200
    [notice] = await staff.wait_messages(marker, 1)
    replies = await staff.click("打开审核", notice, expect=2)
    summary = next(m for m in replies if m.document is None)
    await staff.click("↩️ 退回修改", summary)
    await staff.click("申报单位名称")
    await staff.ask("单位名称与营业执照不一致")
    await staff.click("↩️ 确认退回")

    app = await open_app(browser, web_bot)
    assert "单位名称与营业执照不一致" in await app.page.inner_text(".banner")
    flagged = await app.page.get_attribute("[data-path='unit_name']", "class")
    assert flagged is not None and "flagged" in flagged
    await shot(app.page, "07-revision-marked")
    await app.answer("unit_name", "郑州星光精密机械股份有限公司")
    marker = staff.mark()
    await app.page.click("#submit")
    await app.page.wait_for_selector("#done")
    [again] = await staff.wait_messages(marker, 1)
    assert "重新提交" in again.plain and "第 2 版" in again.plain
    replies = await staff.click("打开审核", again, expect=1)
    summary = next(m for m in replies if m.document is None)
    assert "郑州星光精密机械有限公司 → 郑州星光精密机械股份有限公司" in summary.plain
    await staff.click("✅ 通过", summary)
    await staff.click("✅ 确认通过")
    async with web_bot.uow() as uow:
        submission = await uow.session.scalar(select(Submission))
    assert submission is not None and submission.status == "approved" and submission.version == 2
