"""Webhook mode on both runtimes: Telegram pushes, the bot answers 2xx only once an update's
outcome is durable, refuses what Telegram did not send, and reports its health."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from bot.app import make_runtime
from bot.cli import main
from bot.settings import Settings
from bot.webhook import register_webhook
from emulator import Emulator
from tests.bot.raw_updates import message_body
from tests.bot.webhook_rig import SECRET, healthz, hooked, post, processed
from tests.e2e.harness import LIFTED_RATES, Harness
from tests.e2e.test_intake import _lock_database

UPDATE = {"update_id": 424242, "message": message_body(1001, text="/help")}


@pytest.fixture(params=["aiogram", "ptb"])
async def bot(request: pytest.FixtureRequest, sqlite_db: str) -> AsyncIterator[Harness]:
    harness = hooked(request.param, sqlite_db, **LIFTED_RATES)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


async def test_a_conversation_over_the_webhook(bot: Harness) -> None:
    hook = bot.emu.world.webhook
    assert hook.url.endswith("/tg/hook") and hook.secret_token == SECRET
    assert bot.emu.world.updates.allowed_json() == ["message", "callback_query"]
    alice = bot.user()
    [welcome] = await alice.ask("/start")
    assert "工作室助手" in welcome.plain and welcome.labels()
    [menu] = await alice.ask("/language")
    [switched] = await alice.click("English", menu)  # its message carries link_preview_options
    assert switched.plain.startswith("Switched to English")
    [question] = await alice.ask("/check")
    [next_question] = await alice.click("Technician (level 2)", question)
    assert next_question.plain != question.plain
    await bot.emu.wait_delivered()
    assert {d.status for d in bot.emu.delivery.log} == {200}
    assert bot.emu.count("getUpdates") == 0
    assert await processed(bot) == len(bot.emu.delivery.log)


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "forged"}])
async def test_a_request_without_the_secret_is_refused_and_changes_nothing(
    bot: Harness, headers: dict[str, str]
) -> None:
    status, _ = await post(bot, UPDATE, headers)
    assert status == 401
    assert await processed(bot) == 0 and bot.emu.count("sendMessage") == 0


async def test_a_body_that_is_not_json_is_refused_and_changes_nothing(bot: Harness) -> None:
    secret = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    assert (await post(bot, b"{not json", secret))[0] == 400
    assert (await post(bot, b"\xff\xfe", secret))[0] == 400
    assert await processed(bot) == 0 and bot.emu.count("sendMessage") == 0


async def test_an_oversized_body_is_refused_and_changes_nothing(bot: Harness) -> None:
    secret = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    huge = json.dumps(dict(UPDATE, padding="x" * (1024 * 1024))).encode()
    assert (await post(bot, io.BytesIO(huge), secret))[0] == 413, "declared length"

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it comes
        for start in range(0, len(huge), 64 * 1024):
            yield huge[start : start + 64 * 1024]

    assert (await post(bot, chunks(), secret))[0] == 413, "streamed"
    assert await processed(bot) == 0 and bot.emu.count("sendMessage") == 0
    assert (await post(bot, UPDATE, secret))[0] == 200, "a right-sized update still goes in"
    assert await processed(bot) == 1


async def test_a_redelivered_update_is_answered_once(bot: Harness) -> None:
    alice = bot.user()
    update_id = await alice.send("/help")
    await bot.emu.wait_delivered()
    await alice.wait_messages(count=1)
    bot.emu.redeliver(update_id)
    await bot.emu.wait_delivered()
    assert [d.update_id for d in bot.emu.delivery.log].count(update_id) == 2
    await alice.ask("/cancel")
    assert len(alice.inbox) == 2, "the second copy of /help got no second answer"


async def test_healthz_reports_mode_runtime_backlog_and_the_last_update(bot: Harness) -> None:
    status, body = await healthz(bot)
    assert status == 200 and body["database"] == "ok"
    assert body["mode"] == "webhook" and body["runtime"] == bot.runtime
    assert body["outbox_pending"] == 0 and body["outbox_oldest_age_s"] is None
    assert body["dead_letters"] == 0 and body["last_update_at"] is None
    await bot.user().ask("/help")
    status, body = await healthz(bot)
    assert body["last_update_at"] is not None


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_an_update_the_database_cannot_take_now_is_retried_by_telegram(
    runtime: str, sqlite_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """503 with Retry-After while SQLite is locked; Telegram's retry then lands, answered once.
    (Attempts are not the point here, so a slow machine may use many before the release.)"""
    monkeypatch.setattr("storage.db.SQLITE_BUSY_MS", 200)
    bot = hooked(runtime, sqlite_db, update_max_attempts=50)
    await bot.start()
    try:
        path = make_url(sqlite_db).database
        assert path is not None
        alice = bot.user()
        blocker = await _lock_database(path)
        try:
            await alice.send("/help")
            assert await bot.emu.world.signal.wait_for(
                lambda: any(d.status == 503 for d in bot.emu.delivery.log), 30
            )
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await bot.emu.wait_delivered(timeout=60)
        [reply] = await alice.wait_messages(count=1)
        assert "/cancel" in reply.plain
        statuses = [d.status for d in bot.emu.delivery.log]
        assert statuses[0] == 503 and statuses[-1] == 200 and statuses.count(200) == 1
    finally:
        await bot.close()


@pytest.mark.postgres
@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_healthz_is_503_when_the_database_is_gone(runtime: str, pg_url: str) -> None:
    from tests.databases import drop_pg_database

    bot = hooked(runtime, pg_url)
    await bot.start()
    try:
        assert (await healthz(bot))[0] == 200
        await drop_pg_database(pg_url)
        status, body = await healthz(bot)
        assert status == 503 and body["database"].startswith("unreachable")
        assert body["mode"] == "webhook" and "outbox_pending" not in body
    finally:
        await bot.close()


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_polling_deletes_a_webhook_left_from_before(runtime: str, sqlite_db: str) -> None:
    earlier = hooked(runtime, sqlite_db)
    await earlier.start()
    await earlier.stop()
    assert earlier.emu.world.webhook.active, "a stopped webhook instance leaves it set"
    polling = Harness(runtime, sqlite_db)
    polling.emu = earlier.emu
    await polling.start()
    try:
        assert not polling.emu.world.webhook.active
        [reply] = await polling.user().ask("/help")
        assert "/cancel" in reply.plain and polling.emu.count("getUpdates") > 0
    finally:
        await polling.close()


@pytest.mark.parametrize(
    ("secret", "said"),
    [(None, "required when WEBHOOK_URL is set"), ("has spaces", "A-Z a-z 0-9 _ -")],
)
def test_webhook_mode_without_a_valid_secret_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    secret: str | None,
    said: str,
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/tg/hook")
    if secret is None:
        monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    else:
        monkeypatch.setenv("WEBHOOK_SECRET", secret)
    assert main(["run"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("Invalid setting WEBHOOK_SECRET") and said in line


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_a_second_instance_setting_the_webhook_within_a_second_waits_out_the_429(
    runtime: str,
) -> None:
    async with Emulator() as emu:
        runtimes = [make_runtime(_settings(emu, runtime)) for _ in range(2)]
        try:
            for each in runtimes:
                await each.start()
            for each in runtimes:
                await register_webhook(each, "http://127.0.0.1:8443/tg/hook", SECRET)
        finally:
            for each in runtimes:
                await each.close()
        assert emu.count("setWebhook", status=429) == 1
        assert emu.count("setWebhook", status=200) == 2 and emu.world.webhook.active


def _settings(emu: Emulator, runtime: str) -> Settings:
    return Settings(
        _env_file=None,
        bot_token=emu.token,
        telegram_api_url=emu.base_url,  # type: ignore[arg-type]
        bot_runtime=runtime,  # type: ignore[arg-type]
    )
