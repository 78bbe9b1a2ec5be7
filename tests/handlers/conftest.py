"""A core on a real SQLite database, and chats that talk to it directly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.context import CoreConfig
from handlers.core import Core
from handlers.flows import all_flows, role_sources
from scheduler.env import SweepConfig
from scheduler.sweep import preview
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork
from tests.handlers.driver import ChatDriver

STAFF_ID = 9001
SHANGHAI = ZoneInfo("Asia/Shanghai")


class Clock:
    """A clock the test moves by hand; flows read it through CoreConfig."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
async def core(sqlite_db: str, clock: Clock) -> AsyncIterator[Core]:
    engine = create_engine(sqlite_db)
    sweeps = SweepConfig(frozenset({STAFF_ID}), "zh", SHANGHAI)
    config = CoreConfig(
        staff_ids=frozenset({STAFF_ID}),
        tz=SHANGHAI,
        clock=clock,
        preview=lambda uow, now: preview(uow, sweeps, now),
    )
    yield Core(session_factory(engine), all_flows(), config, role_sources())
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
