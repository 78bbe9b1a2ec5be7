"""Two processes handling one update at once (a webhook redelivery while the first copy is
still being handled): the first to claim it wins, and the other's handling never happened."""

from __future__ import annotations

import asyncio

from handlers.context import Context, CoreConfig
from handlers.core import Core
from handlers.events import Command, Incoming, Sender
from handlers.flow import Flow
from storage.db import create_engine, session_factory
from storage.models import User
from storage.types import utcnow

ALICE = Sender(1001, 1001, "Alice", None, "zh")


class _Marking(Flow):
    """Writes a row of its own (a user with id `marker`), then waits for `go` to answer."""

    name = "marking"
    commands = ("mark",)

    def __init__(self, marker: int, go: asyncio.Event) -> None:
        self.marker = marker
        self.go = go
        self.started = asyncio.Event()

    async def start(self, ctx: Context, args: str) -> None:
        ctx.uow.session.add(User(id=self.marker, first_name="m", seen_at=utcnow()))
        await ctx.uow.session.flush()
        self.started.set()
        await self.go.wait()
        ctx.send(f"handled by {self.marker}")


async def test_the_copy_claimed_second_rolls_back_and_replays_the_winners_replies(
    pg_url: str,
) -> None:
    engine = create_engine(pg_url)
    sessions = session_factory(engine)
    held, free = asyncio.Event(), asyncio.Event()
    free.set()
    slow, quick = _Marking(1, held), _Marking(2, free)
    first, second = Core(sessions, [slow], CoreConfig()), Core(sessions, [quick], CoreConfig())
    try:
        late = asyncio.create_task(first.handle(Incoming(5, ALICE, Command("mark"))))
        await slow.started.wait()
        won = await second.handle(Incoming(5, ALICE, Command("mark")))
        held.set()
        lost = await late
        async with first.uow() as uow:
            claim = await uow.updates.get(5)
            markers = {m: await uow.users.get(m) is not None for m in (1, 2)}
    finally:
        await engine.dispose()
    assert won.first and [r.text for r in won.replies] == ["handled by 2"]  # type: ignore[union-attr]
    assert not lost.first and lost.replies == won.replies
    assert claim is not None and claim.handled_by == second.instance
    assert markers == {1: False, 2: True}
