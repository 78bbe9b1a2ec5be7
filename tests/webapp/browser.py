"""Headless Chromium (Debian's package) driven by Playwright, opening the Mini App as Telegram
does: the signed initData and the theme in the URL's fragment (tgWebAppData, tgWebAppThemeParams).

Where no browser is installed the browser tests skip, saying so; CI installs it (.ci/run).
A test process starts one Chromium (`chromium`) and each test opens its pages in contexts of
their own, closed after it (`browser`); the tests run on the loop the browser was started on.
Screenshots of each screen land in data/screenshots/ (kept out of git).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from bot.web import links
from tests.e2e.harness import Harness
from tests.handlers.conftest import Clock
from tests.webapp.conftest import web_harness

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "data" / "screenshots"
LIGHT = {"bg_color": "#ffffff", "text_color": "#000000", "button_color": "#2481cc"}
DARK = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "button_color": "#5288c1",
    "secondary_bg_color": "#232e3c",
    "section_bg_color": "#17212b",
}


def mini_app_url(
    base: str, init_data: str, query: str = "form=application", theme: dict[str, str] = LIGHT
) -> str:
    """The URL Telegram opens: ours, with what it passes to the page in the fragment."""
    return links.mini_app_url(base, init_data, query, theme)


def browser_missing() -> str | None:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        return "no Chromium at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk)"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def chromium() -> AsyncIterator[Browser]:
    """One Chromium per test process: starting Playwright's driver and the browser costs about
    a second of wall time and half a CPU-second, more than many a browser test itself."""
    missing = browser_missing()
    if missing and os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"the browser tests are required here: {missing}")
    if missing:
        pytest.skip(missing)
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            await launched.close()


@pytest_asyncio.fixture(loop_scope="session")
async def browser(chromium: Browser) -> AsyncIterator[Browser]:
    """The process's Chromium for one test. `Browser.new_page` gives each page a context of its
    own (cookies, storage, cache), so tests share nothing but the browser process; whatever
    the test opened is closed after it."""
    yield chromium
    for context in chromium.contexts:
        await context.close()


@pytest_asyncio.fixture(loop_scope="session")
async def web_bot(sqlite_db: str, clock: Clock) -> AsyncIterator[Harness]:
    """`web_bot` on the browser tests' event loop (Playwright's objects belong to the loop
    that started it, and the browser outlives a test's own loop)."""
    async with web_harness(sqlite_db, clock) as harness:
        yield harness


BROWSER_LOOP = pytest.mark.asyncio(loop_scope="session")
"""A browser test module's `pytestmark`: its tests run on the loop `chromium` was started on,
with `browser` and `web_bot` imported from here."""


async def shot(page: Page, name: str) -> Path:
    """A full-page screenshot under a stable name."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


class MiniApp:
    """A person using the page: types and leaves a field, picks, adds entries, attaches files.

    `actions` counts what the person did, as the chat's script counts its messages and presses:
    opening the page, each answer typed (and left) or picked, each entry added, each file
    picked, each button pressed.
    """

    ready = "#summary, .banner[role=alert]"
    """What the page shows once it has loaded (or refused)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions = 0

    def control(self, path: str) -> str:
        return f"[id='f-{path}']"

    async def idle(self) -> None:
        await self.page.wait_for_function("document.body.dataset.pending === '0'")

    async def open(self, url: str) -> None:
        self.actions += 1
        await self.page.goto(url)
        await self.page.wait_for_selector(self.ready)
        await self.idle()

    async def answer(self, path: str, value: str) -> None:
        """Type and leave the field, or pick the choice, as the kind of control asks."""
        self.actions += 1
        radios = self.page.locator(f"input[name='f-{path}']")
        async with self.page.expect_response(lambda r: "/answers" in r.url):
            if await radios.count():
                await self.page.locator(f"input[name='f-{path}'][value='{value}']").check(
                    force=True
                )
            elif await self.page.locator(f"select{self.control(path)}").count():
                await self.page.select_option(self.control(path), value)
            else:
                await self.page.fill(self.control(path), value)
                await self.page.press(self.control(path), "Tab")
        await self.idle()

    async def add(self, group: str) -> None:
        self.actions += 1
        async with self.page.expect_response(lambda r: "/items" in r.url):
            await self.page.click(f"[id='f-{group}-add']")
        await self.idle()

    async def attach(self, slot: str, name: str, content: bytes, mime: str) -> None:
        self.actions += 1
        async with self.page.expect_response(lambda r: f"/files/{slot}" in r.url):
            await self.page.set_input_files(
                self.control(slot), files=[{"name": name, "mimeType": mime, "buffer": content}]
            )
        await self.idle()

    async def click(self, selector: str) -> None:
        self.actions += 1
        await self.page.click(selector)

    async def error(self, path: str) -> str:
        return await self.page.inner_text(f"[id='f-{path}-error']")

    async def value(self, path: str) -> str:
        radios = self.page.locator(f"input[name='f-{path}']:checked")
        if await radios.count():
            return await radios.get_attribute("value") or ""
        return await self.page.input_value(self.control(path))
