"""The bot is assembled in constructors: each part is handed its collaborators when it is built,
nothing is attached to it afterwards, and building never writes the process's environment."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from bot.app import BotApp, make_runtime
from bot.settings import Settings
from tests.handlers.conftest import SHANGHAI

RUNTIMES = ["aiogram", "ptb"]


def _settings(tmp_path: Path, runtime: str, **extra: object) -> Settings:
    return Settings(
        bot_token="123456:TEST-token",
        telegram_api_url="http://127.0.0.1:9",  # type: ignore[arg-type]
        database_url=f"sqlite+aiosqlite:///{tmp_path}/wiring.sqlite3",
        bot_runtime=runtime,  # type: ignore[arg-type]
        staff_ids=frozenset({9001}),
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_building_a_runtime_leaves_the_environment_alone(
    runtime: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)  # a constructor that set it would show
    before = dict(os.environ)
    built = make_runtime(_settings(tmp_path, runtime))
    try:
        assert dict(os.environ) == before
    finally:
        await built.close()


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_building_the_whole_bot_leaves_the_environment_alone(
    runtime: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)
    before = dict(os.environ)
    app = BotApp(
        _settings(tmp_path, runtime, webapp_url="https://studio.example/app"),
        clock=lambda: datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI),
    )
    try:
        assert dict(os.environ) == before
    finally:
        await app.close()


async def test_the_parts_receive_their_collaborators_when_built(tmp_path: Path) -> None:
    """The core downloads through the runtime and wakes the sender; the flows and the reminder
    sweeps read one clock and one set of recipients."""
    instant = datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI)
    app = BotApp(_settings(tmp_path, "aiogram"), clock=lambda: instant)
    try:
        assert app.core.download == app.runtime.download
        assert app.core.on_enqueue == app.sender.wake
        assert app.scheduler.wake == app.sender.wake
        assert app.core.config.recipients == app.scheduler.config
        assert app.core.config.recipients.staff_ids == frozenset({9001})
        assert app.scheduler.now() == instant == app.core.config.clock()  # type: ignore[misc]
    finally:
        await app.close()
