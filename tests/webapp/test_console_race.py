"""Two staff deciding the same submission at once in the console: one wins, the other is told
who decided, and the decision's effects happen once (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from storage.models import AuditEntry, OutboxMessage, Studio, Submission
from tests.e2e.harness import STAFF, Harness
from tests.handlers.conftest import Clock
from tests.handlers.review.builders import add_submission
from tests.webapp.conftest import WEBAPP_URL, base_url
from tests.webapp.console_client import ConsoleClient

ROUNDS = 3


@pytest.fixture
async def console_bot(db_url: str, clock: Clock) -> AsyncIterator[Harness]:
    harness = Harness(
        "aiogram", db_url, clock=clock, webapp_url=WEBAPP_URL, http_listen="127.0.0.1:0"
    )
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


async def count(bot: Harness, model: type[object], *where: object) -> int:
    async with bot.uow() as uow:
        stmt = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return int(await uow.session.scalar(stmt) or 0)


async def test_two_staff_deciding_at_once_one_wins(console_bot: Harness) -> None:
    bot = console_bot
    approver, rejecter = (ConsoleClient(base_url(bot), bot.emu.token, s) for s in STAFF)
    for round_ in range(ROUNDS):
        sid = await add_submission(bot.uow, owner_id=3000 + round_)
        replies = await asyncio.gather(
            approver.decide(sid, 1, "approve"), rejecter.decide(sid, 1, "reject", "材料不全")
        )
        assert sorted(r.status for r in replies) == [200, 409]
        won, lost = sorted(replies, key=lambda r: r.status)
        winner = STAFF[replies.index(won)]
        assert f"User{winner}" in lost.json["error"] and "没有做任何更改" in lost.json["error"]
        async with bot.uow() as uow:
            decided = await uow.session.get(Submission, sid)
        assert decided is not None and decided.decided_by == winner
        assert decided.status == ("approved" if winner == STAFF[0] else "rejected")
        notices = await count(bot, OutboxMessage, OutboxMessage.key == f"decision:{sid}:v1")
        audits = await count(bot, AuditEntry, AuditEntry.object_id == str(sid))
        studios = await count(bot, Studio, Studio.application_id == sid)
        assert (notices, audits) == (1, 1)
        assert studios == (1 if decided.status == "approved" else 0)
