"""A few hundred hostile updates among ordinary users' messages, through the whole bot on each
runtime: nothing stalls, every ordinary user is answered, no reply is refused for its content."""

from __future__ import annotations

import pytest

from tests.bot.fuzz import run_fuzz


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_hostile_updates_stall_nothing_and_silence_nobody(
    runtime: str, sqlite_db: str
) -> None:
    figures = await run_fuzz(runtime, sqlite_db, hostile=300, guard=120)
    assert figures.unconfirmed == 0, figures
    assert figures.ordinary_answered == figures.ordinary_sent > 0, figures
    assert figures.refused == [], figures
    assert figures.dead_letters > 0, "the generator made some updates no one can be told of"
