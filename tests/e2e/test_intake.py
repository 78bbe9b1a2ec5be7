"""The whole bot on both runtimes taking updates as Telegram really sends them: fields the
frameworks choke on, an update that fails for good, and a database that is briefly away."""

from __future__ import annotations

import asyncio
import logging
import sqlite3

import pytest
from sqlalchemy.engine import make_url

from handlers.flows import all_flows
from handlers.registry import Registry
from storage.repos.dead_letters import DeadLettersRepo
from tests.bot.intake_rig import Boom
from tests.bot.raw_updates import push_message, push_press, pushed
from tests.e2e.harness import Harness

APOLOGY = "抱歉，处理您的消息时出错了"


async def test_a_press_on_a_message_telegram_keeps_with_link_preview_options(bot: Harness) -> None:
    alice = bot.user()
    [menu] = await alice.ask("/language")
    english = next(b for row in menu.buttons for b in row if b.text == "English")
    [edited] = await alice.exchange(
        pushed(push_press(bot.emu, alice, english.callback_data, menu.message_id))
    )
    assert edited.plain.startswith("Switched to English")
    [reply] = await alice.ask("/help")
    assert "Cancel the current step" in reply.plain, "and the bot still answers afterwards"


async def test_a_users_text_with_link_preview_options_and_odd_entities(bot: Harness) -> None:
    alice = bot.user()
    update = push_message(
        bot.emu, alice.user_id, text="/help", link_preview_options={"url": "x"}, entities="oops"
    )
    [reply] = await alice.exchange(pushed(update))
    assert "/cancel" in reply.plain
    [reply] = await alice.exchange(pushed(push_message(bot.emu, alice.user_id, text=12)))
    assert "没能读懂" in reply.plain


async def test_an_update_that_fails_for_good_holds_up_nobody(bot: Harness) -> None:
    assert bot.app is not None
    bot.app.core.registry = Registry([*all_flows(), Boom()])
    alice, bob, carol = bot.user(1001), bot.user(1002, "Bob"), bot.user(1003, "Carol")
    # queued together, so they come in one batch
    first = push_message(bot.emu, alice.user_id, text="/help")
    poison = push_message(bot.emu, carol.user_id, text="/boom")
    last = push_message(bot.emu, bob.user_id, text="/help")
    for update_id in (first, poison, last):
        await bot.emu.wait_confirmed(update_id)
    await alice.wait_messages(count=1)
    await bob.wait_messages(count=1)
    [apology] = await carol.wait_messages(count=1)
    assert APOLOGY in apology.plain
    async with bot.uow() as uow:
        [letter] = await uow.repo(DeadLettersRepo).listed()
    assert letter.update_id == poison and letter.attempts == 1
    bot.emu.redeliver(poison)
    await bot.emu.wait_confirmed(poison)
    [reply] = await carol.ask("/help")
    assert "/cancel" in reply.plain and len(carol.inbox) == 2, "one apology, not two"


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_the_database_away_for_one_update_means_a_retry_not_a_lost_message(
    runtime: str,
    sqlite_db: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr("storage.db.SQLITE_BUSY_MS", 200)
    bot = Harness(runtime, sqlite_db)
    await bot.start()
    try:
        alice = bot.user()
        path = make_url(sqlite_db).database
        assert path is not None
        blocker = await _lock_database(path)
        try:
            update_id = await alice.send("/help")
            await _logged(caplog, f"update {update_id} failed (attempt 1 of 3), will retry")
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await bot.emu.wait_confirmed(update_id)
        [reply] = await alice.wait_messages(count=1)
        assert "/cancel" in reply.plain
        await bot.emu.wait_confirmed(await alice.send("/cancel"))
        assert len(alice.inbox) == 2, "answered once, after the database came back"
    finally:
        await bot.close()


async def _lock_database(path: str) -> sqlite3.Connection:
    """Take SQLite's write lock from outside, without blocking the bot's event loop meanwhile."""
    blocker = sqlite3.connect(path, timeout=0, isolation_level=None)
    while True:
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            return blocker
        except sqlite3.OperationalError:  # the bot is writing right now
            await asyncio.sleep(0.01)


async def _logged(caplog: pytest.LogCaptureFixture, text: str, guard: float = 20.0) -> None:
    caplog.set_level(logging.WARNING, logger="bot.intake.intake")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + guard
    while not any(text in r.getMessage() for r in caplog.records):
        if loop.time() > deadline:
            raise TimeoutError(f"never logged: {text}")
        await asyncio.sleep(0.02)


async def test_an_update_redelivered_after_a_restart_is_not_answered_again(bot: Harness) -> None:
    alice = bot.user()
    update_id = await alice.send("/help")
    await bot.emu.wait_confirmed(update_id)
    await alice.wait_messages(count=1)
    await bot.restart(crash=False)
    bot.emu.redeliver(update_id)
    await bot.emu.wait_confirmed(update_id)
    await alice.ask("/cancel")
    assert len(alice.inbox) == 2, "the redelivered /help got no second answer"
