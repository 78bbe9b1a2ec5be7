"""A core on a real SQLite database, and chats that talk to it directly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.context import CoreConfig
from handlers.core import Core
from handlers.flows import all_flows, role_sources
from scheduler.sweep import preview
from services.recipients import Recipients
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork
from tests.handlers.application_driver import FakeFiles
from tests.handlers.driver import ChatDriver

STAFF_ID = 9001
SHANGHAI = ZoneInfo("Asia/Shanghai")
RECIPIENTS = Recipients(frozenset({STAFF_ID}), "zh", SHANGHAI)


class Clock:
    """A clock the test moves by hand; flows read it through CoreConfig."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI))


def make_core(
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    files: FakeFiles | None = None,
    **knobs: Any,
) -> Core:
    """The core as bot.app builds it, on these sessions; `knobs` are other CoreConfig values."""
    config = CoreConfig(
        recipients=RECIPIENTS,
        clock=clock,
        preview=lambda uow, now: preview(uow, RECIPIENTS, now),
        **knobs,
    )
    download = files.download if files is not None else None
    return Core(sessions, all_flows(), config, role_sources(), download=download)


def rebuilt(core: Core, **knobs: Any) -> Core:
    """The same bot on the same database, started again with other settings (`knobs`)."""
    config = replace(core.config, **knobs)
    return Core(
        core.sessions,
        core.registry.flows,
        config,
        core.role_sources,
        download=core.download,
        on_enqueue=core.on_enqueue,
    )


@pytest.fixture
def files() -> FakeFiles:
    """Telegram's file storage for the `core` of this test."""
    return FakeFiles()


@pytest.fixture
async def core(sqlite_db: str, clock: Clock, files: FakeFiles) -> AsyncIterator[Core]:
    engine = create_engine(sqlite_db)
    yield make_core(session_factory(engine), clock, files)
    await engine.dispose()


@pytest.fixture
def chat(core: Core) -> Callable[..., ChatDriver]:
    """`chat(1001)` → a private chat with user 1001 (zh); `chat(STAFF_ID)` is staff."""
    return lambda user_id=1001, language="zh", **kw: ChatDriver(
        core, user_id, language=language, **kw
    )


@pytest.fixture
def db(core: Core) -> Callable[[], UnitOfWork]:
    return core.uow
