"""Delivered marks are written in groups: whoever marks while a write runs joins the next one,
and each mark returns only once its own update is written."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Sequence

import pytest

from bot.intake.acks import Acks


class Ledger:
    """Records each write; the first waits for `release`, so marks can pile up behind it."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.writes: list[list[int]] = []
        self.release = asyncio.Event()
        self.fail_on = fail_on

    async def write(self, ids: Sequence[int]) -> None:
        self.writes.append(list(ids))
        if len(self.writes) == 1:
            await self.release.wait()
        if self.fail_on in ids:
            raise ConnectionError("database away")


async def test_marks_made_during_a_write_go_out_together_in_the_next() -> None:
    ledger = Ledger()
    acks = Acks(ledger.write)
    first = asyncio.create_task(acks.mark(1))
    await asyncio.sleep(0)
    others = [asyncio.create_task(acks.mark(n)) for n in (2, 3, 4)]
    await asyncio.sleep(0)
    assert not any(t.done() for t in (first, *others))
    ledger.release.set()
    await asyncio.gather(first, *others)
    assert ledger.writes == [[1], [2, 3, 4]]


async def test_a_mark_returns_only_after_its_own_write() -> None:
    ledger = Ledger()
    acks = Acks(ledger.write)
    first = asyncio.create_task(acks.mark(1))
    await asyncio.sleep(0)
    second = asyncio.create_task(acks.mark(2))
    for _ in range(5):
        await asyncio.sleep(0)
    assert not first.done() and not second.done()
    ledger.release.set()
    await first
    await second
    assert [2] in ledger.writes


async def test_a_failed_write_reaches_its_markers_and_the_next_marks_still_go_out() -> None:
    ledger = Ledger(fail_on=2)
    acks = Acks(ledger.write)
    first = asyncio.create_task(acks.mark(1))
    await asyncio.sleep(0)
    failing = asyncio.create_task(acks.mark(2))
    await asyncio.sleep(0)
    ledger.release.set()
    await first
    with pytest.raises(ConnectionError):
        await failing
    await acks.mark(3)
    assert ledger.writes == [[1], [2], [3]]


async def test_a_cancelled_marker_leaves_the_group_written_for_the_others() -> None:
    ledger = Ledger()
    acks = Acks(ledger.write)
    first = asyncio.create_task(acks.mark(1))
    await asyncio.sleep(0)
    leaving = asyncio.create_task(acks.mark(2))
    staying = asyncio.create_task(acks.mark(3))
    await asyncio.sleep(0)
    leaving.cancel()
    ledger.release.set()
    await asyncio.gather(first, staying)
    assert ledger.writes == [[1], [2, 3]]


async def test_a_failed_write_whose_marks_were_all_cancelled_raises_no_stray_error() -> None:
    """Shutdown cancels the marks; the write they waited for may still fail afterwards. Its
    error belongs to nobody then, and must not surface later as "never retrieved"."""
    strays: list[dict[str, object]] = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _, context: strays.append(context))
    try:
        ledger = Ledger(fail_on=1)
        acks = Acks(ledger.write)
        mark = asyncio.create_task(acks.mark(1))
        await asyncio.sleep(0)
        mark.cancel()
        with pytest.raises(asyncio.CancelledError):
            await mark
        ledger.release.set()
        await asyncio.sleep(0.01)
        del acks, mark
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert strays == []
