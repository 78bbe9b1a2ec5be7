"""`studio-bot reminders due --now …` and `reminders plan --year …` on a real database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from storage.db import create_engine, session_factory
from tests.databases import migrated, sqlite_url
from tests.scheduler.world import World


async def _setup(url: str) -> None:
    await migrated(url)
    engine = create_engine(url)
    try:
        await World(session_factory(engine)).studio("A", 1001)
    finally:
        await engine.dispose()


def test_due_queues_once_and_plan_prints_the_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url(str(tmp_path))
    asyncio.run(_setup(url))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("STAFF_IDS", "9001")
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    assert main(["reminders", "due", "--now", "2027-01-17T09:00+08:00"]) == 0
    out = capsys.readouterr().out
    assert "1 reminders queued" in out and "rem:plan:2027:2027-01-17:s1:u1001" in out
    assert main(["reminders", "due", "--now", "2027-01-17T09:30+08:00"]) == 0
    assert "0 reminders queued" in capsys.readouterr().out
    assert main(["reminders", "plan", "--year", "2027"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "2027: plans due 2027-01-20, aggregate due 2027-02-10, assessment 2027-12-15"
    )
    assert "  2027-01-01 09:00  plan" in lines
    assert "  2027-12-14 09:00  report" in lines
    assert len(lines) == 1 + 5 + 3 + 3 + 4
