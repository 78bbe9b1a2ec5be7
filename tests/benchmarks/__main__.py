"""`make bench`: every benchmark prints its figures; none asserts a time.

`python -m tests.benchmarks` runs issue 14's figures, each beside its goal (median of
BENCH_RUNS=3 runs): throughput against a conventional durable aiogram bot (two webhook
instances of each on PostgreSQL too) and p99 at 20 updates/s (`throughput`), sweeps, staff
views with their PostgreSQL plans and the export over a generated province (`scale`), the
bot's memory with 10,000 open drafts across a short soak (`memory`, SOAK_MINUTES=2; `make
bench-soak` soaks an hour), webhook beside polling and two instances on PostgreSQL with one
SIGKILLed (`webhook`); then one full application and the reminder sweep and fan-out over empty
studios.

`python -m tests.benchmarks flood` runs the 100-messages-to-one-chat comparison (about seven
minutes: Telegram's limits set the pace); `imports` imports a 100,000-row studio list and times
the refusal of each hostile workbook; `fuzz` sends 10,000 hostile updates among ordinary users'
messages through the bot on each runtime.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import Any


async def _application() -> None:
    module = importlib.import_module("tests.benchmarks.bench_application")
    for runtime in ("aiogram", "ptb"):
        for chat_rate in (None, 1000.0):
            figures = await module.measure_full_application(runtime, chat_rate=chat_rate)
            limits = "Telegram's per-chat limit" if chat_rate is None else "limits lifted"
            print(f"  full application on {runtime} ({limits}): {figures}", flush=True)
            print(
                f"    unit: {figures['unit_messages']} bot messages (+{figures['unit_edits']}"
                f" edits in place), {figures['user_actions']} user actions, longest message"
                f" {figures['unit_longest_chars']} chars; staff card: {figures['staff_messages']}"
                f" messages, longest {figures['staff_longest_chars']} chars",
                flush=True,
            )


async def _reminders() -> None:
    module = importlib.import_module("tests.benchmarks.bench_reminders")
    print(f"  sweep: {await module.bench_sweep()}", flush=True)
    print(f"  fan-out: {await module.bench_fanout()}", flush=True)


async def _throughput() -> None:
    module = importlib.import_module("tests.benchmarks.bench_throughput")
    await module.run()


async def _imports() -> None:
    module = importlib.import_module("tests.benchmarks.bench_imports")
    await module.run()


async def _fuzz() -> None:
    module = importlib.import_module("tests.bot.fuzz")
    common = importlib.import_module("tests.benchmarks.common")
    logging.getLogger("bot").setLevel(logging.CRITICAL)  # thousands of expected dead letters
    for runtime in ("aiogram", "ptb"):
        async with common.scratch_database() as url:
            print(f"  {await module.run_fuzz(runtime, url, hostile=10_000)}", flush=True)


async def _flood() -> None:
    module = importlib.import_module("tests.benchmarks.bench_flood")
    await module.run()


async def _scale() -> None:
    module = importlib.import_module("tests.benchmarks.bench_scale")
    await module.run()


async def _memory() -> None:
    module = importlib.import_module("tests.benchmarks.bench_memory")
    await module.run()


async def _webhook() -> None:
    module = importlib.import_module("tests.benchmarks.bench_webhook")
    await module.run()


SUITES: dict[str, Callable[[], Awaitable[Any]]] = {
    "throughput": _throughput,
    "application": _application,
    "reminders": _reminders,
    "flood": _flood,
    "imports": _imports,
    "fuzz": _fuzz,
    "webhook": _webhook,
    "scale": _scale,
    "memory": _memory,
}
DEFAULT = ("throughput", "scale", "memory", "webhook", "application", "reminders")


async def main(names: list[str]) -> None:
    for name in names or DEFAULT:
        print(f"\n== {name} ==", flush=True)
        await SUITES[name]()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    unknown = [n for n in sys.argv[1:] if n not in SUITES]
    if unknown:
        sys.exit(f"unknown benchmark {unknown}; choose from {list(SUITES)}")
    asyncio.run(main(sys.argv[1:]))
