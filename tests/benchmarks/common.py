"""What every benchmark needs: throwaway migrated databases, our bot under load, percentiles,
and figures printed beside their goals (issue 14: three runs, medians)."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.app import BotApp
from bot.settings import Settings
from tests.databases import (
    PG_ADMIN_URL,
    create_pg_database,
    drop_pg_database,
    migrated,
    sqlite_url,
)

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
"""Each figure is the median of this many runs."""

__all__ = ["PG_ADMIN_URL", "RUNS", "Goal", "our_bot", "percentile", "pg_url", "report"]


@asynccontextmanager
async def scratch_database(kind: str = "sqlite") -> AsyncIterator[str]:
    """A migrated, empty database: a SQLite file, or a PostgreSQL database dropped after."""
    if kind == "postgresql":
        url = await create_pg_database()
        try:
            yield await migrated(url)
        finally:
            await drop_pg_database(url)
        return
    with tempfile.TemporaryDirectory() as directory:
        yield await migrated(sqlite_url(directory))


def pg_url(name: str) -> str:
    """The SQLAlchemy URL of database ``name`` on the benchmarks' PostgreSQL server."""
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return f"{base}/{name}"


def lifted(emu: Any, url: str, runtime: str, **extra: Any) -> Settings:
    """Our bot's settings with the send limits lifted, to measure raw capacity (DESIGN.md)."""
    return Settings(
        _env_file=None,
        bot_token=emu.token,
        telegram_api_url=emu.base_url,
        database_url=url,
        bot_runtime=runtime,
        send_rate=1_000_000,
        chat_rate=1_000_000,
        chat_burst=1_000,
        log_level="WARNING",
        **extra,
    )


@asynccontextmanager
async def our_bot(
    emu: Any, runtime: str, kind: str = "sqlite", **extra: Any
) -> AsyncIterator[BotApp]:
    """The whole bot, in this process, on a fresh database of ``kind``, limits lifted."""
    async with scratch_database(kind) as url, our_bot_on(url, emu, runtime, **extra) as app:
        yield app


@asynccontextmanager
async def our_bot_on(url: str, emu: Any, runtime: str, **extra: Any) -> AsyncIterator[BotApp]:
    """The whole bot, in this process, on the migrated database at ``url``, limits lifted."""
    app, stop = BotApp(lifted(emu, url, runtime, **extra)), asyncio.Event()
    task = asyncio.create_task(app.run(stop))
    await app.ready.wait()
    try:
        yield app
    finally:
        stop.set()
        await task


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(values: Sequence[float]) -> str:
    return (
        f"p50 {percentile(values, 50) * 1000:.1f} ms, p99 {percentile(values, 99) * 1000:.1f} ms "
        f"(mean {statistics.fmean(values) * 1000:.1f} ms, n={len(values)})"
    )


@dataclass(frozen=True, slots=True)
class Goal:
    """A figure of issue 14 and its bound: at most ``bound`` (or at least, if ``at_least``)."""

    name: str
    bound: float
    unit: str
    at_least: bool = False
    scale: float = 1.0  # shown as value × scale in `unit_shown`
    unit_shown: str = ""

    def met(self, value: float) -> bool:
        return value >= self.bound if self.at_least else value <= self.bound

    def line(self, value: float, runs: Sequence[float] = ()) -> str:
        unit = self.unit_shown or self.unit
        shown = f"{value * self.scale:.2f} {unit}".replace(" ×", "×")
        sign = "≥" if self.at_least else "≤"
        spread = ""
        if len(runs) > 1:
            spread = " [runs: " + ", ".join(f"{r * self.scale:.2f}" for r in runs) + "]"
        verdict = "OK" if self.met(value) else "NOT MET"
        goal = f"{self.bound * self.scale:g} {unit}".replace(" ×", "×")
        return f"  {self.name} {shown} (goal {sign} {goal}) {verdict}{spread}"


def report(goal: Goal, runs: Sequence[float]) -> float:
    """Print the median of the runs beside its goal; returns the median."""
    value = statistics.median(runs)
    print(goal.line(value, runs), flush=True)
    return value


def median_of(runs: Sequence[float]) -> float:
    return statistics.median(runs)
