"""Staff find the console from the chat: /pending's web button and their chat menu button."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from bot.web.menu import MenuButtons
from handlers.core import Core
from services.messages.actions import Btn, Send
from storage.repos.staff import StaffRepo
from tests.e2e.harness import STAFF, Harness
from tests.handlers.conftest import STAFF_ID, Clock, rebuilt
from tests.handlers.driver import ChatDriver
from tests.handlers.review.builders import add_submission
from tests.webapp.conftest import WEBAPP_URL

CONSOLE = f"{WEBAPP_URL}/?view=console"


def web_buttons(actions: list[Any]) -> list[Btn]:
    return [
        b
        for a in actions
        if isinstance(a, Send) and a.keyboard
        for row in a.keyboard
        for b in row
        if b.web_app_url
    ]


async def test_pending_offers_the_console_only_with_a_mini_app(
    core: Core, chat: Callable[..., ChatDriver], db: Any
) -> None:
    assert web_buttons(await chat(STAFF_ID).command("pending")) == []
    with_app = rebuilt(core, webapp_url=WEBAPP_URL + "/")
    [empty] = web_buttons(await ChatDriver(with_app, STAFF_ID).command("pending"))
    assert (empty.label, empty.web_app_url) == ("🖥 在网页中审核", CONSOLE)
    await add_submission(db)
    [listed] = web_buttons(await ChatDriver(with_app, STAFF_ID, language="en").command("pending"))
    assert (listed.label, listed.web_app_url) == ("🖥 Review on a web page", CONSOLE)


@pytest.fixture
async def staff_known_bot(sqlite_db: str, clock: Clock) -> AsyncIterator[Harness]:
    """The bot with the Mini App; Telegram knows its staff's chats before it starts."""
    harness = Harness(
        "ptb", sqlite_db, clock=clock, webapp_url=WEBAPP_URL, http_listen="127.0.0.1:0"
    )
    harness.staff(STAFF[0])
    harness.staff(STAFF[1], language_code="en")
    harness.user(1001)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


def menu_of(bot: Harness) -> MenuButtons:
    assert bot.app is not None
    owners = [getattr(service, "__self__", None) for service in bot.app.services]
    [found] = [owner for owner in owners if isinstance(owner, MenuButtons)]
    return found


def shown(bot: Harness, chat_id: int) -> dict[str, Any]:
    own = bot.emu.world.menu_buttons.get(chat_id)
    return own or {"type": "commands"}


async def test_each_staff_members_menu_button_opens_the_console(staff_known_bot: Harness) -> None:
    bot = staff_known_bot
    menu = menu_of(bot)
    await menu.sync()  # the round at start may still be under way; a second one changes nothing
    assert shown(bot, STAFF[0]) == {
        "type": "web_app",
        "text": "审核台",
        "web_app": {"url": CONSOLE},
    }
    assert shown(bot, 1001) == {"type": "commands"}
    calls = len(bot.emu.calls)
    await menu.sync()
    assert [c for c in bot.emu.calls[calls:] if c.method == "setChatMenuButton"] == []
    assert shown(bot, STAFF[1])["text"] == "审核台"  # the bot has not heard their language yet
    await bot.staff(STAFF[1], language_code="en").ask("/start")
    await menu.sync()
    assert shown(bot, STAFF[1])["text"] == "Console"


async def test_granted_staff_get_it_and_revoked_staff_lose_it(staff_known_bot: Harness) -> None:
    bot = staff_known_bot
    menu = menu_of(bot)
    await menu.sync()
    bot.user(7007)
    async with bot.uow() as uow:
        await uow.repo(StaffRepo).grant(7007)
        await uow.commit()
    await menu.sync()
    assert shown(bot, 7007)["web_app"] == {"url": CONSOLE}
    async with bot.uow() as uow:
        await uow.repo(StaffRepo).revoke(7007)
        await uow.commit()
    await menu.sync()
    assert shown(bot, 7007) == {"type": "commands"}
    assert shown(bot, STAFF[0])["type"] == "web_app"


async def test_staff_telegram_does_not_know_yet_are_tried_again(staff_known_bot: Harness) -> None:
    bot = staff_known_bot
    menu = menu_of(bot)
    async with bot.uow() as uow:
        await uow.repo(StaffRepo).grant(8008)  # granted before ever writing to the bot
        await uow.commit()
    await menu.sync()
    assert 8008 not in menu.shown
    bot.user(8008)
    await menu.sync()
    assert shown(bot, 8008)["type"] == "web_app"
