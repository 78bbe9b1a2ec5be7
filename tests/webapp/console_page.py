"""A staff member using the console in the browser: filters, opens, previews, decides."""

from __future__ import annotations

import asyncio

from playwright.async_api import Browser, Page

from tests.e2e.harness import STAFF, Harness
from tests.webapp.browser import LIGHT, SHOTS, mini_app_url
from tests.webapp.client import init_data
from tests.webapp.conftest import base_url

PHONE = {"width": 360, "height": 740}
PDF_VIEWER = "chrome-extension://"
VIEWER_PROGRESS = "() => document.querySelector('pdf-viewer')?.loadProgress_"
SCREEN = "#queue, #queue-empty, #head, #studios, #charts, #export, .banner[role=alert]"


class Console:
    def __init__(self, page: Page) -> None:
        self.page = page

    async def idle(self) -> None:
        await self.page.wait_for_function("document.body.dataset.pending === '0'")

    async def open(self, url: str) -> None:
        await self.page.goto(url)
        await self.page.wait_for_selector(SCREEN)
        await self.idle()

    async def filter(self, **chosen: str) -> None:
        for key, value in chosen.items():
            await self.page.select_option(f"#filter-{key}", value)
        async with self.page.expect_response(lambda r: "/api/console/queue" in r.url):
            await self.page.click("#apply-filters")
        await self.idle()

    async def titles(self) -> list[str]:
        return await self.page.locator("#queue .item-title").all_inner_texts()

    async def open_submission(self, sid: int) -> None:
        await self.page.click(f"#open-{sid}")
        await self.page.wait_for_selector("#head")
        await self.idle()

    async def tab(self, name: str) -> None:
        await self.page.click(f"#tab-{name}")
        await self.idle()

    async def preview(self, version: int, index: int) -> None:
        await self.page.click(f"#preview-{version}-{index}")
        await self.page.wait_for_selector("#preview figure, #preview .error")
        await self.idle()

    async def decide(self, choice: str, reason: str = "", fields: tuple[str, ...] = ()) -> str:
        """Choose, mark fields, give the reason, confirm; returns what the page then says."""
        await self.page.click(f"#choose-{choice}")
        for key in fields:
            await self.page.check(f"#field-{key}")
        if reason:
            await self.page.fill("#reason", reason)
        async with self.page.expect_response(lambda r: r.url.endswith("/decision")):
            await self.page.click("#confirm-decision")
        await self.page.wait_for_selector("#outcome")
        await self.idle()
        return await self.page.inner_text("#outcome")

    async def screen(self, name: str, at: str | None = None) -> None:
        """What the phone's screen shows with `at` scrolled into view (long pages: one part)."""
        if at is not None:
            await self.page.locator(at).first.scroll_into_view_if_needed()
        else:
            await self.page.evaluate("window.scrollTo(0, 0)")
        SHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(SHOTS / f"{name}.png"))

    async def pdf_viewer(self, version: int, index: int) -> None:
        """Preview a PDF: Chromium's own PDF viewer opens it inside the page's frame.

        For the screenshot only, wait a little for the viewer to have drawn it: its progress
        is an internal of Chromium's viewer, so it is read, never asserted on.
        """
        async with self.page.expect_event(
            "framenavigated", lambda frame: frame.url.startswith(PDF_VIEWER)
        ) as opened:
            await self.preview(version, index)
        viewer = await opened.value
        await self.page.locator("#preview figure").scroll_into_view_if_needed()
        for _ in range(100):
            if await viewer.evaluate(VIEWER_PROGRESS) == 100:
                break
            await asyncio.sleep(0.05)

    async def fits(self) -> bool:
        width = await self.page.evaluate("document.documentElement.scrollWidth")
        return bool(width <= PHONE["width"])


async def open_console(
    browser: Browser,
    bot: Harness,
    user_id: int = STAFF[0],
    language: str = "zh",
    theme: dict[str, str] = LIGHT,
    viewport: dict[str, int] = PHONE,
) -> Console:
    page = await browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    console = Console(page)
    signed = init_data(bot.emu.token, user_id, language)
    await console.open(mini_app_url(base_url(bot), signed, "view=console", theme))
    return console
