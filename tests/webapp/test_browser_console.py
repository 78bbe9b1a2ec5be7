"""Journeys through the staff console in a real browser, at a phone's 360 px, inside "Telegram":
review an application (filters, files previewed, returned with a field marked, the next version
side by side, approved), the studios, the figures as charts, the export; from the keyboard;
in Telegram's dark theme and English; and refused to a unit."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from playwright.async_api import Browser
from sqlalchemy import select

from storage.exports.registry import registered
from storage.models import Studio, Submission
from tests.e2e.harness import Harness
from tests.handlers.application_script import xlsx
from tests.webapp.browser import BROWSER_LOOP, DARK, shot
from tests.webapp.browser import browser as browser
from tests.webapp.browser import chromium as chromium
from tests.webapp.browser import web_bot as web_bot
from tests.webapp.client import WebClient
from tests.webapp.console_page import Console, open_console
from tests.webapp.real_files import pdf, png
from tests.webapp.test_api import fill, web

pytestmark = BROWSER_LOOP

REPORT = pdf("Application report")
SEAL = png()
FILES = [
    ("report", "申报报告.pdf", REPORT),
    ("plan", "实施方案.pdf", pdf("Implementation plan")),
    ("equipment_list", "设备清单.xlsx", xlsx()),
    ("experts", "专家名单.pdf", pdf("Experts")),
    ("certificates", "技能等级证书.png", SEAL),
    ("unit_qualification", "营业执照.pdf", pdf("Business licence")),
    ("commitment", "承诺书.pdf", pdf("Commitment")),
]
BLOB_SIZE = "(url) => fetch(url).then((r) => r.blob()).then((b) => b.size)"
IMAGE_WIDTH = "document.getElementById('preview-image').naturalWidth"


async def a_submitted_application(bot: Harness) -> WebClient:
    await bot.user().ask("/start")
    await bot.staff().ask("/start")
    page = web(bot)
    await fill(page)
    for slot, name, content in FILES:
        assert (await page.upload(slot, name, content))[0] == 200, slot
    assert (await page.submit())[0] == 200
    return page


async def only_submission(bot: Harness) -> Submission:
    async with bot.uow() as uow:
        found = await uow.session.scalar(select(Submission))
    assert found is not None
    return found


async def preview_files(console: Console, sid: int) -> None:
    """The PDF in a frame, the scan as an image, both fetched from Telegram as blobs."""
    files = await console.page.locator("#files li").all_inner_texts()
    report = next(i for i, text in enumerate(files) if "申报报告.pdf" in text)
    seal = next(i for i, text in enumerate(files) if "技能等级证书.png" in text)
    await console.pdf_viewer(1, report)
    frame = console.page.locator("#preview-frame")
    source = await frame.get_attribute("src")
    assert source is not None and source.startswith("blob:")
    assert await console.page.get_attribute("#preview figure", "data-mime") == "application/pdf"
    size = await console.page.evaluate(
        "(u) => fetch(u).then((r) => r.blob()).then((b) => b.size)", source
    )
    assert size == len(REPORT)
    offered = await console.page.get_attribute("#preview-download", "download")
    assert offered == "申报报告.pdf"
    await console.screen("09-console-submission-pdf", "#preview figure")
    await console.preview(1, seal)
    await console.page.wait_for_function(
        "document.getElementById('preview-image').naturalWidth > 0"
    )
    assert (
        await console.page.evaluate("document.getElementById('preview-image').naturalWidth") == 240
    )
    await console.screen("10-console-preview-image", "#preview-image")


async def test_staff_review_an_application_from_queue_to_studio(
    web_bot: Harness, browser: Browser
) -> None:
    unit = await a_submitted_application(web_bot)
    sid = (await only_submission(web_bot)).id
    console = await open_console(browser, web_bot)
    assert await console.titles() == ["星光数控技能大师工作室"]
    await console.filter(division="erqi")
    assert await console.page.is_visible("#queue-empty")
    await console.filter(kind="application", division="jinshui", category="modern_tech")
    assert await console.titles() == ["星光数控技能大师工作室"] and await console.fits()
    await shot(console.page, "08-console-queue")

    await console.open_submission(sid)
    assert "ZZJNDS-2027-0001" in await console.page.inner_text("#head")
    assert await console.page.inner_text("dd[data-key='unit_name']") == "郑州星光精密机械有限公司"
    await preview_files(console, sid)
    said = await console.decide("return", "单位名称与营业执照不一致", ("unit_name",))
    assert "已将《星光数控技能大师工作室》退回修改" in said and await console.fits()
    assert "单位名称与营业执照不一致" in await console.page.inner_text("#last-decision")
    await console.screen("11-console-returned")
    returned = await only_submission(web_bot)
    assert returned.status == "returned" and returned.fields_to_fix == ["unit_name"]

    assert (await unit.answer("unit_name", "郑州星光精密机械股份有限公司"))[0] == 200
    assert (await unit.submit())[0] == 200
    await console.page.click("#back")
    await console.idle()
    await console.open_submission(sid)
    changed = console.page.locator("#diff tr.changed")
    assert await changed.count() == 1
    assert await changed.get_attribute("data-key") == "unit_name"
    assert await changed.locator("td.old").inner_text() == "郑州星光精密机械有限公司"
    assert await changed.locator("td.new").inner_text() == "郑州星光精密机械股份有限公司"
    assert await console.page.locator("#diff tr[data-key='studio_name']:not(.changed)").count()
    await console.page.check("#only-changed")
    assert await console.page.locator("#diff tbody tr").count() == 1
    await console.page.uncheck("#only-changed")
    await console.screen("12-console-diff", "#diff tr.changed")
    said = await console.decide("approve")
    assert "已通过《星光数控技能大师工作室》" in said and "已建立工作室" in said
    assert not await console.page.is_visible("#decide")
    await console.screen("13-console-approved")
    approved = await only_submission(web_bot)
    assert (approved.status, approved.version) == ("approved", 2)

    await console.page.click("#back")
    await console.idle()
    await console.tab("studios")
    assert await console.page.locator("#studios li.studio").count() == 1
    assert "扶持期内" in await console.page.inner_text("#studios") and await console.fits()
    await shot(console.page, "14-console-studios")


async def test_figures_are_drawn_as_charts_and_the_export_downloads(
    web_bot: Harness, browser: Browser
) -> None:
    await a_submitted_application(web_bot)
    console = await open_console(browser, web_bot)
    await console.tab("stats")
    bars = console.page.locator("#chart-status g.bar")
    assert await bars.count() == 1
    assert await bars.get_attribute("data-count") == "1"
    assert await bars.get_attribute("data-key") == "submitted"
    category = console.page.locator("#chart-category g.bar[data-key='modern_tech']")
    assert await category.get_attribute("data-count") == "1"
    assert await console.page.locator("#chart-studios g.bar").count() == 0
    assert await console.page.locator("svg.chart").count() == 3  # status, category, division
    assert await console.fits()
    await shot(console.page, "15-console-charts")

    await console.tab("export")
    async with console.page.expect_download() as waiting:
        await console.page.click("#export")
    download = await waiting.value
    assert download.suggested_filename.startswith("studios-")
    path = await download.path()
    book = load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames == [sheet.title for sheet in registered()]
    assert list(book["申报"].iter_rows(values_only=True))[1][1] == "星光数控技能大师工作室"
    await console.page.wait_for_selector("#export-status:has-text('已下载')")
    await shot(console.page, "16-console-export")


async def test_the_console_works_from_the_keyboard(web_bot: Harness, browser: Browser) -> None:
    await a_submitted_application(web_bot)
    sid = (await only_submission(web_bot)).id
    console = await open_console(browser, web_bot)
    page = console.page
    await page.focus("#tab-queue")
    order = []
    for _ in range(8):
        await page.keyboard.press("Tab")
        order.append(await page.evaluate("document.activeElement.id"))
    assert order[:3] == ["tab-studios", "tab-stats", "tab-export"]
    assert order[3:8] == [
        "filter-kind",
        "filter-status",
        "filter-category",
        "filter-division",
        "filter-year",
    ]
    await page.focus(f"#open-{sid}")
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#head")
    await console.idle()
    assert await page.evaluate("document.activeElement.id") == "sub-title"
    await page.focus("#choose-return")
    await page.keyboard.press("Enter")
    assert await page.evaluate("document.activeElement.type") == "checkbox"
    assert await page.locator("label[for='reason']").count() == 1
    assert await page.locator("#decide button").evaluate_all(
        "(all) => all.every((b) => b.tagName === 'BUTTON')"
    )


async def test_dark_theme_in_english_and_a_unit_is_refused(
    web_bot: Harness, browser: Browser
) -> None:
    await a_submitted_application(web_bot)
    viewport = {"width": 1024, "height": 800}
    console = await open_console(browser, web_bot, language="en", theme=DARK, viewport=viewport)
    background = await console.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(35, 46, 60)"
    assert await console.page.inner_text("#tab-queue") == "📥 Review queue"
    assert await console.page.inner_text("h1") == "Review console"
    await shot(console.page, "17-console-dark-en")
    refused = await open_console(browser, web_bot, user_id=1001)
    assert "您没有权限进行此操作" in await refused.page.inner_text(".banner[role=alert]")
    async with web_bot.uow() as uow:
        assert await uow.session.scalar(select(Studio)) is None
