"""A province on one machine (issue 14): sweeps, staff views and the export over generated data.

The data is `datagen`'s (10,000 studios, 100,000 users, 10,000 open drafts, 50,000 submissions),
generated once per database kind and copied for every run (a file copy on SQLite, `CREATE
DATABASE … TEMPLATE` on PostgreSQL), so each of the three runs starts from the same state.

- sweeps: the first reminder sweep of a plan-reminder day (one reminder per studio that owes a
  plan), the same sweep an hour later (everything queued), the 14-day preview;
- staff views: `/pending` first and last page, opening a submission at version 2 or 3 with its
  diff, and `/stats`, each one update through `Core.handle` (the code the chat runs), server
  time; on PostgreSQL each query those views ran is shown with its plan (EXPLAIN ANALYZE) and
  the indexes it used;
- export: the full workbook in a child process at 10,000 and 50,000 submissions: seconds, and
  the peak resident memory it added (ru_maxrss over the RSS before), which must not grow with
  the row count.

Run: `python -m tests.benchmarks.bench_scale [--only sweeps|views|export …] [sqlite|postgresql]`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from handlers.context import CoreConfig
from handlers.core import Core
from handlers.events import ButtonPress, Command, Event, Incoming, Sender
from handlers.flows import all_flows, role_sources
from handlers.review.queue import FLOW, PAGE_SIZE
from scheduler.sweep import preview, run_sweep
from services.messages.keyboards import button
from services.recipients import Recipients
from storage.db import create_engine, session_factory
from storage.models import Submission
from storage.repos.reviews import OPEN
from storage.uow import UnitOfWork
from tests.benchmarks.common import PG_ADMIN_URL, RUNS, Goal, pg_url, report
from tests.benchmarks.datagen import Generated, Scale, generate

SH = ZoneInfo("Asia/Shanghai")
STAFF = 9001
CONFIG = Recipients(staff_ids=frozenset({STAFF, 9002}), tz=SH)
SWEEP_DAY = datetime(2027, 1, 10, 9, 0, tzinfo=SH)  # plan reminders of 2027 are due
KINDS = ("sqlite", "postgresql")


@dataclass
class Dataset:
    """A generated database kept as a template; `copy()` gives a fresh one to change."""

    kind: str
    source: str  # a SQLite file path, or a PostgreSQL database name
    generated: Generated
    directory: str

    async def copy(self) -> str:
        if self.kind == "sqlite":
            target = f"{self.directory}/copy-{uuid.uuid4().hex[:8]}.sqlite3"
            await asyncio.to_thread(shutil.copyfile, self.source, target)
            return f"sqlite+aiosqlite:///{target}"
        name = f"studio_bench_{uuid.uuid4().hex[:10]}"
        await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.source}"')
        return pg_url(name)

    async def discard(self, url: str) -> None:
        if self.kind == "sqlite":
            path = make_url(url).database or ""
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{path}{suffix}")  # noqa: PTH108
            return
        await _drop_pg(make_url(url).database or "")


async def _admin(statement: str) -> None:
    """A statement on the server's admin database (create, copy, drop a database)."""
    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def _drop_pg(name: str) -> None:
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def dataset(kind: str, scale: Scale | None = None) -> AsyncIterator[Dataset]:
    with tempfile.TemporaryDirectory(prefix="studio-scale-") as directory:
        if kind == "sqlite":
            path = f"{directory}/source.sqlite3"
            generated = await generate(f"sqlite+aiosqlite:///{path}", scale)
            yield Dataset(kind, path, generated, directory)
            return
        name = f"studio_bench_src_{uuid.uuid4().hex[:8]}"
        await _admin(f'CREATE DATABASE "{name}"')
        try:
            generated = await generate(pg_url(name), scale)
            yield Dataset(kind, name, generated, directory)
        finally:
            await _drop_pg(name)


# --- sweeps ---------------------------------------------------------------------------------


CPU: dict[str, list[float]] = {}
"""This process's CPU seconds per figure (on a shared machine wall time waits for the cores;
on SQLite the database's own work is in here too, on PostgreSQL it is not)."""


async def _timed(work: Awaitable[Any], figure: str = "") -> tuple[float, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    result = await work
    if figure:
        CPU.setdefault(figure, []).append(time.process_time() - cpu)
    return time.perf_counter() - started, result


async def sweeps_once(data: Dataset) -> dict[str, float]:
    url = await data.copy()
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        first, queued = await _timed(run_sweep(sessions, CONFIG, SWEEP_DAY), "first")
        again, requeued = await _timed(
            run_sweep(sessions, CONFIG, SWEEP_DAY + timedelta(hours=1)), "repeat"
        )
        async with UnitOfWork(sessions) as uow:
            look, coming = await _timed(preview(uow, CONFIG, SWEEP_DAY), "preview")
    finally:
        await engine.dispose()
        await data.discard(url)
    return {
        "first": first,
        "queued": len(queued),
        "repeat": again,
        "requeued": len(requeued),
        "preview": look,
        "previewed": len(coming),
    }


async def bench_sweeps(data: Dataset) -> None:
    runs = [await sweeps_once(data) for _ in range(RUNS)]
    studios = data.generated.rows["studios"]
    print(
        f"  [{data.kind}] {studios:,} studios; first sweep queued {runs[0]['queued']:,}, "
        f"repeat {runs[0]['requeued']}, preview {runs[0]['previewed']:,} reminders",
        flush=True,
    )
    report(Goal(f"sweep first ({data.kind})", 1.0, "s"), [r["first"] for r in runs])
    report(Goal(f"sweep repeat ({data.kind})", 0.1, "s"), [r["repeat"] for r in runs])
    report(Goal(f"preview 14 days ({data.kind})", 0.5, "s"), [r["preview"] for r in runs])
    cpu = {k: statistics.median(v[-RUNS:]) for k, v in CPU.items()}
    print(
        f"    CPU (this process, medians): first {cpu['first']:.3f} s, repeat "
        f"{cpu['repeat']:.3f} s, preview {cpu['preview']:.3f} s; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


# --- staff views ----------------------------------------------------------------------------


class Statements:
    """The SELECTs a view sent, with their parameters, for EXPLAIN on PostgreSQL."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []
        self.on = False

    def __call__(self, conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if self.on and statement.lstrip().upper().startswith("SELECT"):
            self.seen.append((statement, params))


def staff_core(sessions: Any) -> Core:
    config = CoreConfig(Recipients(staff_ids=frozenset({STAFF}), tz=SH), clock=lambda: SWEEP_DAY)
    return Core(sessions, all_flows(), config, role_sources())


_update_ids = iter(range(10**9, 2 * 10**9))


async def _view(core: Core, ev: Event) -> float:
    incoming = Incoming(next(_update_ids), Sender(STAFF, STAFF, "Staff", None, "zh"), ev)
    started = time.perf_counter()
    handled = await core.handle(incoming)
    seconds = time.perf_counter() - started
    await core.delivered(incoming.update_id)
    if not handled.replies:
        raise RuntimeError(f"{ev} showed nothing")
    return seconds


async def _views(data: Dataset, url: str) -> dict[str, Callable[[Core], Awaitable[float]]]:
    engine = create_engine(url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            count = int(
                await uow.session.scalar(
                    select(func.count(Submission.id)).where(Submission.status == OPEN)
                )
                or 0
            )
            target = await uow.session.scalar(
                select(Submission.id).where(Submission.version == 3).order_by(Submission.id)
            )
    finally:
        await engine.dispose()
    last = (count + PAGE_SIZE - 1) // PAGE_SIZE - 1

    def press(action: str) -> Event:
        return ButtonPress(button("x", FLOW, action).payload or "", "cb", None)

    return {
        "/pending first page": lambda c: _view(c, Command("pending")),
        f"/pending last page ({last + 1})": lambda c: _view(c, press(f"page:{last}")),
        f"open submission v3 with diff (#{target})": lambda c: _view(c, press(f"open:{target}")),
        "/stats": lambda c: _view(c, Command("stats")),
    }


async def bench_views(data: Dataset) -> None:
    url = await data.copy()
    engine = create_engine(url)
    core = staff_core(session_factory(engine))
    statements = Statements()
    event.listen(engine.sync_engine, "before_cursor_execute", statements)
    try:
        views = await _views(data, url)
        await _view(core, Command("start"))  # the staff member is known, as in real life
        for name, view in views.items():
            await view(core)  # warm: the first query of a kind pays for its plan
            times = [await view(core) for _ in range(RUNS)]
            report(Goal(f"{name} ({data.kind})", 0.1, "s", scale=1000, unit_shown="ms"), times)
            if data.kind == "postgresql":
                statements.seen.clear()
                statements.on = True
                await view(core)
                statements.on = False
                await explain(engine, statements.seen)
    finally:
        await engine.dispose()
        await data.discard(url)


INDEX = re.compile(
    r"(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)"
)


async def explain(engine: Any, seen: list[tuple[str, Any]]) -> None:
    """Each SELECT the view ran, its PostgreSQL plan's top line and the indexes it used."""
    async with engine.connect() as conn:
        for statement, params in seen:
            rows = await conn.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS OFF) " + statement, params
            )
            plan = [str(r[0]) for r in rows]
            indexes = sorted(set(INDEX.findall("\n".join(plan))))
            seq = [line.strip() for line in plan if "Seq Scan" in line]
            took = next((p for p in plan if p.startswith("Execution Time")), "")
            query = " ".join(statement.split())[:110]
            print(f"      {query} …", flush=True)
            print(
                f"        {took}; indexes: {', '.join(indexes) or 'none'}"
                + (f"; seq scans: {'; '.join(s[:70] for s in seq)}" if seq else ""),
                flush=True,
            )


# --- export ---------------------------------------------------------------------------------


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


async def _export_child(url: str) -> None:
    """In a child process: the export's time and the peak memory it added, as JSON."""
    from storage.exports import write_workbook

    engine = create_engine(url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            await uow.session.scalar(select(func.count(Submission.id)))  # connect first
            before = _status_kb("VmRSS")
            started, cpu = time.perf_counter(), time.process_time()
            with tempfile.TemporaryFile() as out:
                await write_workbook(uow.session, SH, out)
                size = out.tell()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        await engine.dispose()
    peak = _status_kb("VmHWM")  # this process's own peak (ru_maxrss outlives an exec)
    figures = {"seconds": seconds, "cpu": cpu, "added_mb": (peak - before) / 1024, "bytes": size}
    print(json.dumps(figures))


async def export_once(url: str) -> dict[str, float]:
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.benchmarks.bench_scale", "export-child", url,
        stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )  # fmt: skip
    out, _ = await child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"export child failed ({child.returncode})")
    figures: dict[str, float] = json.loads(out.decode().strip().splitlines()[-1])
    return figures


async def bench_export(big: Dataset, small: Dataset) -> None:
    found: dict[int, list[dict[str, float]]] = {}
    for data in (small, big):
        url = await data.copy()
        try:
            found[data.generated.rows["submissions"]] = [
                await export_once(url) for _ in range(RUNS)
            ]
        finally:
            await data.discard(url)
    (n_small, small_runs), (n_big, big_runs) = sorted(found.items())
    kind = big.kind
    report(
        Goal(f"export {n_big:,} submissions ({kind})", 10.0, "s"), [r["seconds"] for r in big_runs]
    )
    mem_small = statistics.median(r["added_mb"] for r in small_runs)
    mem_big = statistics.median(r["added_mb"] for r in big_runs)
    size = statistics.median(r["bytes"] for r in big_runs) / 1e6
    cpu = statistics.median(r["cpu"] for r in big_runs)
    print(
        f"    export: {cpu:.2f} s CPU at {n_big:,}; "
        f"{statistics.median(r['seconds'] for r in small_runs):.2f} s at "
        f"{n_small:,}; peak memory added {mem_small:.1f} MB at {n_small:,} vs {mem_big:.1f} MB "
        f"at {n_big:,} submissions; workbook {size:.1f} MB",
        flush=True,
    )
    # "flat": five times the rows may not cost more than 1.5 times the memory (+5 MB slack)
    flat = mem_big <= mem_small * 1.5 + 5
    print(
        f"  export memory at {n_big:,} vs {n_small:,} rows ({kind}): {mem_big:.1f} vs "
        f"{mem_small:.1f} MB (goal: flat, ≤ 1.5× + 5 MB) {'OK' if flat else 'NOT MET'}",
        flush=True,
    )


# --- all ------------------------------------------------------------------------------------


PARTS = ("sweeps", "views", "export")


async def run(kinds: tuple[str, ...] = KINDS, parts: tuple[str, ...] = PARTS) -> None:
    print(f"Scale: datagen's province ({Scale()}); {RUNS} runs each, medians", flush=True)
    for kind in kinds:
        started = time.perf_counter()
        async with contextlib.AsyncExitStack() as stack:
            data = await stack.enter_async_context(dataset(kind))
            small = None
            if "export" in parts:
                small = await stack.enter_async_context(dataset(kind, Scale(submissions=10_000)))
            print(
                f"  [{kind}] generated {data.generated.rows} in {data.generated.seconds:.0f} s "
                f"({time.perf_counter() - started:.0f} s in all); load "
                f"{os.getloadavg()[0]:.1f}",
                flush=True,
            )
            if "sweeps" in parts:
                await bench_sweeps(data)
            if "views" in parts:
                await bench_views(data)
            if small is not None:
                await bench_export(data, small)


if __name__ == "__main__":
    if sys.argv[1:2] == ["export-child"]:
        asyncio.run(_export_child(sys.argv[2]))
    else:
        parser = argparse.ArgumentParser(description="issue 14 at a province's scale")
        parser.add_argument("kinds", nargs="*", help=f"of {', '.join(KINDS)} (default: both)")
        parser.add_argument("--only", action="append", choices=PARTS, help="repeatable")
        args = parser.parse_args()
        if unknown := set(args.kinds) - set(KINDS):
            parser.error(f"unknown database kinds: {', '.join(sorted(unknown))}")
        asyncio.run(run(tuple(args.kinds) or KINDS, tuple(args.only or PARTS)))
