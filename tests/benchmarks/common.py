"""What every benchmark needs: a throwaway migrated SQLite database and percentiles."""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from tests.databases import migrated, sqlite_url


@asynccontextmanager
async def scratch_database() -> AsyncIterator[str]:
    with tempfile.TemporaryDirectory() as directory:
        yield await migrated(sqlite_url(directory))


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
