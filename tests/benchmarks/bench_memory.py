"""Resident memory of the running bot with 10,000 open drafts, across a soak of mixed traffic.

The bot runs in its own OS process (`tests.bot.webhook_instance`, long polling, the send limits
lifted) on `datagen`'s province; the emulator in this process plays its users: unit contacts
continuing their drafts (/apply, a typed answer, /status), studio contacts (/start, /plan,
/status), newcomers checking eligibility, and a staff member paging /pending and /stats. The
child's VmRSS is read every few seconds; the figures are the RSS at the start of the traffic,
once warmed up (a minute in), at the middle and at the end, and the peak. Flat means the end
within 10% of the warmed-up figure; the growth from the first update is printed beside it.

`python -m tests.benchmarks memory` soaks for `SOAK_MINUTES` (default 2);
`python -m tests.benchmarks.bench_memory --minutes 60 [--runtime ptb] [sqlite|postgresql]` is
the one-hour run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from emulator import Emulator, SimUser
from tests.benchmarks.bench_scale import dataset
from tests.benchmarks.common import Goal

ROOT = str(Path(__file__).resolve().parents[2])
STAFF = 9001
RATE = float(os.environ.get("SOAK_RATE", "10"))  # updates per second offered
LIMIT_MB = 150.0
WARM_UP_SECONDS = 60.0


@dataclass
class Samples:
    at: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    sent: int = 0

    def near(self, fraction: float) -> float:
        if not self.rss_mb:
            return float("nan")
        return self.rss_mb[min(len(self.rss_mb) - 1, round(fraction * (len(self.rss_mb) - 1)))]

    def warmed(self) -> float:
        """The RSS once the first traffic has touched every flow: at one minute, or a quarter
        of a shorter soak. Until then the process builds what it keeps (models built on first
        use, compiled statements, pooled connections); growth after it is what a leak shows."""
        when = min(WARM_UP_SECONDS, 0.25 * self.at[-1]) if self.at else 0.0
        return next(
            (r for a, r in zip(self.at, self.rss_mb, strict=True) if a >= when), self.near(1.0)
        )


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _env(emu: Emulator, url: str, runtime: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("WEBHOOK_URL", "WEBAPP_URL")},
        "PYTHONPATH": ROOT,
        "BOT_TOKEN": emu.token,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": url,
        "BOT_RUNTIME": runtime,
        "STAFF_IDS": str(STAFF),
        "SEND_RATE": "1000000",
        "CHAT_RATE": "1000000",
        "CHAT_BURST": "1000",
        "LOG_LEVEL": "ERROR",
        "STUDIO_TEST_NOW": "2027-01-10T09:00:00+08:00",
    }


async def _act(rng: random.Random, users: dict[str, list[SimUser]]) -> None:
    kind = rng.choices(["draft", "contact", "newcomer", "staff"], [5, 3, 1, 1])[0]
    user = rng.choice(users[kind])
    if kind == "draft":
        step = rng.choice(["/apply", "星光数控技能大师工作室", "/status", "/help"])
    elif kind == "contact":
        step = rng.choice(["/start", "/plan", "/status"])
    elif kind == "newcomer":
        step = rng.choice(["/start", "/check", "/help"])
    else:
        step = rng.choice(["/pending", "/stats", "/pending"])
    await user.send(step)


async def soak(
    runtime: str, url: str, owners: list[int], contacts: list[int], minutes: float
) -> Samples:
    emu = Emulator(settle=0.0)
    await emu.start()
    rng = random.Random(14)
    users = {
        "draft": [emu.user(uid, f"D{uid % 1000}") for uid in rng.sample(owners, 400)],
        "contact": [emu.user(uid, f"C{uid % 1000}") for uid in rng.sample(contacts, 200)],
        "newcomer": [emu.user(7_000_000 + i, f"N{i}") for i in range(100)],
        "staff": [emu.user(STAFF, "Staff")],
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bot.webhook_instance",
        env=_env(emu, url, runtime), stdout=asyncio.subprocess.DEVNULL, stderr=None,
    )  # fmt: skip
    samples = Samples()
    try:
        await emu.wait_polling(timeout=300)
        started = time.monotonic()
        end = started + minutes * 60
        next_sample = started
        while time.monotonic() < end:
            await _act(rng, users)
            samples.sent += 1
            now = time.monotonic()
            if now >= next_sample:
                samples.at.append(now - started)
                samples.rss_mb.append(rss_mb(child.pid))
                print(
                    f"    {runtime} {samples.at[-1] / 60:5.1f} min {samples.sent:7,} updates "
                    f"RSS {samples.rss_mb[-1]:.0f} MB",
                    flush=True,
                )
                next_sample = now + max(5.0, minutes * 60 / 60)
                emu.calls.clear()  # the emulator's own record would grow for an hour
            await asyncio.sleep(max(0.0, started + samples.sent / RATE - time.monotonic()))
        await asyncio.sleep(5)
        samples.at.append(time.monotonic() - started)
        samples.rss_mb.append(rss_mb(child.pid))
    finally:
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signal.SIGTERM)
        await child.wait()
        await emu.stop()
    return samples


def print_samples(label: str, s: Samples) -> None:
    start, warmed, middle, end = s.near(0.0), s.warmed(), s.near(0.5), s.near(1.0)
    peak = max(s.rss_mb, default=float("nan"))
    print(
        f"  [{label}] {s.sent:,} updates in {s.at[-1] / 60:.1f} min: RSS start {start:.0f} MB, "
        f"warmed up {warmed:.0f} MB, middle {middle:.0f} MB, end {end:.0f} MB, "
        f"peak {peak:.0f} MB",
        flush=True,
    )
    print(Goal(f"bot RSS with 10,000 open drafts, peak ({label})", LIMIT_MB, "MB").line(peak))
    growth = end - warmed
    flat = Goal(f"RSS growth warmed up→end ({label})", 0.1 * warmed, "MB")
    print(
        f"  RSS growth warmed up→end ({label}) {growth:.1f} MB (goal: flat, ≤ 10% of the warmed "
        f"up {warmed:.0f} MB) {'OK' if flat.met(growth) else 'NOT MET'}; "
        f"from the first update {end - start:.1f} MB",
        flush=True,
    )
    print(
        "    samples (min: MB): "
        + ", ".join(f"{a / 60:.1f}: {r:.0f}" for a, r in zip(s.at, s.rss_mb, strict=True)),
        flush=True,
    )


async def run(
    minutes: float | None = None,
    kinds: tuple[str, ...] = ("sqlite",),
    runtimes: tuple[str, ...] = ("aiogram", "ptb"),
) -> None:
    minutes = minutes if minutes is not None else float(os.environ.get("SOAK_MINUTES", "2"))
    print(
        f"Memory: the bot with 10,000 open drafts, {minutes:g} min of mixed traffic at "
        f"{RATE:g} updates/s",
        flush=True,
    )
    for kind in kinds:
        async with dataset(kind) as data:
            url = await data.copy()
            try:
                for runtime in runtimes:
                    s = await soak(
                        runtime, url, data.generated.draft_owners, data.generated.contacts, minutes
                    )
                    print_samples(f"{kind}, {runtime}", s)
            finally:
                await data.discard(url)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--runtime", action="append", choices=("aiogram", "ptb"))
    parser.add_argument("kinds", nargs="*", default=["sqlite"])
    args = parser.parse_args()
    asyncio.run(run(args.minutes, tuple(args.kinds), tuple(args.runtime or ("aiogram", "ptb"))))
