"""Two webhook instances on one PostgreSQL database behind one URL, one SIGKILLed mid-way.

The emulator stands a load balancer behind the webhook URL (`route_webhook`): deliveries
alternate between the instances and a failed one is retried on the next. Both instances swept
the same reminders at start and their two senders race for them; then, while an applicant fills
/apply and submits and a few users send a stream of messages, the first instance is killed.
The reminders are sent before the kill because a SIGKILL between Telegram accepting a message
and the sender recording it sends that message again (the Bot API has no idempotency key): the
reminders pin exactly-once between racing senders, the replies pin the kill's bound.
`run_two_instances` returns what landed, counted from the database and from the calls Telegram
received, for the test to assert and the benchmark to print.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from emulator import Emulator, SimUser
from emulator.webhook_delivery import WebhookRetry
from storage.db import create_engine, session_factory
from storage.models import OutboxMessage, ProcessedUpdate, Submission
from storage.types import utcnow
from storage.uow import UnitOfWork
from tests.benchmarks.bench_reminders import add_studios
from tests.bot.webhook_rig import PATH, SECRET, free_port
from tests.handlers.application_script import play

ROOT = str(Path(__file__).resolve().parents[2])
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # plan reminders due
STAFF = (9001, 9002)
FIRST_CONTACT = 70_000
Sessions = async_sessionmaker[AsyncSession]


@dataclass
class Figures:
    runtime: str
    updates: int = 0  # created by Telegram (the emulator)
    processed: int = 0  # distinct update ids recorded as processed in the database
    unprocessed: int = 0  # created, never processed
    given_up: int = 0  # deliveries the emulator gave up on
    deliveries: Counter[str] = field(default_factory=Counter)  # POSTs per instance
    failed_deliveries: int = 0
    streams: int = 0
    stream_replies: int = 0
    stream_expected: int = 0
    submissions: int = 0
    notices: int = 0  # staff notices of the submission received
    notices_expected: int = len(STAFF)
    reminders: int = 0  # reminders received by studio contacts
    reminders_expected: int = 0
    reminder_rows_per_key: int = 0  # the most outbox rows any one key has
    killed_after: int = 0  # deliveries before the SIGKILL


def _env(emu: Emulator, url: str, runtime: str, port: int, lb_port: int) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("STAFF_IDS", "WEBAPP_URL")},
        "PYTHONPATH": ROOT,
        "BOT_TOKEN": emu.token,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": url,
        "BOT_RUNTIME": runtime,
        "STAFF_IDS": ",".join(map(str, STAFF)),
        "WEBHOOK_URL": f"http://127.0.0.1:{lb_port}{PATH}",
        "WEBHOOK_SECRET": SECRET,
        "HTTP_LISTEN": f"127.0.0.1:{port}",
        "CHAT_RATE": "200",
        "CHAT_BURST": "200",
        "OUTBOX_LEASE": "3",
        "LOG_LEVEL": "ERROR",
        "STUDIO_TEST_NOW": NOW.isoformat(),
    }


async def _spawn(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bot.webhook_instance",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=None,
    )  # fmt: skip


async def _healthy(port: int, guard: float = 60.0) -> None:
    """Until the instance answers /healthz 200 (`guard` only stops a hang)."""
    async with aiohttp.ClientSession() as session:
        for _ in range(int(guard / 0.1)):
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise TimeoutError(f"instance on port {port} never became healthy")


async def _stream(user: SimUser, messages: int) -> None:
    for _ in range(messages):
        await user.ask("/help", expect=1, timeout=60)


async def _apply(alice: SimUser) -> None:
    await alice.ask("/apply", timeout=60)
    await play(alice)
    await alice.click("📤 提交", timeout=60)
    await alice.click("我确认材料真实", timeout=60)


async def _kill_after(emu: Emulator, process: asyncio.subprocess.Process, posts: int) -> int:
    await emu.world.signal.wait_for(lambda: len(emu.delivery.log) >= posts, 120)
    process.send_signal(signal.SIGKILL)
    await process.wait()
    return len(emu.delivery.log)


def _sent_to(emu: Emulator, chat_id: int, method: str = "sendMessage") -> int:
    return sum(
        1
        for c in emu.calls
        if c.method == method and c.status == 200 and str(c.params.get("chat_id")) == str(chat_id)
    )


async def run_two_instances(
    database_url: str, runtime: str, streams: int = 4, messages: int = 12, studios: int = 20
) -> Figures:
    """The scenario on a migrated, empty database; returns its figures (asserts nothing)."""
    figures = Figures(
        runtime, streams=streams, stream_expected=streams * messages, reminders_expected=studios
    )
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    await add_studios(sessions, studios, FIRST_CONTACT)
    emu = Emulator(settle=0.0, webhook_retry=WebhookRetry(0.05, 0.5, max_attempts=200))
    await emu.start()
    created: list[int] = []
    emu.on_update(lambda update: created.append(int(update["update_id"])))
    ports, lb_port = [free_port(), free_port()], free_port()
    emu.route_webhook([f"http://127.0.0.1:{p}{PATH}" for p in ports])
    contacts = [emu.user(FIRST_CONTACT + i, f"Contact{i}") for i in range(studios)]
    processes = [await _spawn(_env(emu, database_url, runtime, p, lb_port)) for p in ports]
    try:
        for port in ports:
            await _healthy(port)
        await _reminders_due_now(sessions, studios)
        await _all_sent(sessions)
        staff = [emu.user(s, f"Staff{s}") for s in STAFF]
        for member in staff:
            await member.ask("/start", timeout=60)
        alice = emu.user(1001, "Alice")
        users = [emu.user(2001 + i, f"User{i}") for i in range(streams)]
        killer = asyncio.create_task(_kill_after(emu, processes[0], posts=40))
        await asyncio.gather(_apply(alice), *(_stream(u, messages) for u in users))
        figures.killed_after = await killer
        await emu.wait_delivered(timeout=60)
        await _all_sent(sessions)
        await _count(figures, emu, sessions, created, users, staff, contacts)
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await process.wait()
        await emu.stop()
        await engine.dispose()
    return figures


async def _reminders_due_now(sessions: Sessions, studios: int, guard: float = 60.0) -> None:
    """Both schedulers swept NOW (January 2027) at start; the reminders wait for that day in
    real time, so the day is made to have come: the two senders then race for them. Only the
    first moment's rows are released: a sweep also queues later moments of the series, and a
    slow machine may have queued them before this looks."""
    for _ in range(int(guard / 0.1)):
        async with UnitOfWork(sessions) as uow:
            if sum((await uow.outbox.counts()).values()) >= studios:
                first = await uow.session.scalar(select(func.min(OutboxMessage.not_before)))
                await uow.session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.not_before <= first)
                    .values(not_before=utcnow())
                )
                await uow.commit()
                return
        await asyncio.sleep(0.1)
    raise TimeoutError("the start-up sweeps queued no reminders")


async def _all_sent(sessions: Sessions, guard: float = 60.0) -> None:
    for _ in range(int(guard / 0.1)):
        async with UnitOfWork(sessions) as uow:
            counts = await uow.outbox.counts()
        if not counts.get("pending") and not counts.get("sending"):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"outbox not drained: {counts}")


async def _count(
    figures: Figures,
    emu: Emulator,
    sessions: Sessions,
    created: list[int],
    streams: list[SimUser],
    staff: list[SimUser],
    contacts: list[SimUser],
) -> None:
    async with UnitOfWork(sessions) as uow:
        done = set(await uow.session.scalars(select(ProcessedUpdate.update_id)))
        figures.submissions = int(
            await uow.session.scalar(select(func.count()).select_from(Submission)) or 0
        )
        per_key = await uow.session.execute(
            select(OutboxMessage.key, func.count()).group_by(OutboxMessage.key)
        )
        figures.reminder_rows_per_key = max((int(n) for _, n in per_key), default=0)
    figures.updates = len(set(created))
    figures.processed = len(done & set(created))
    figures.unprocessed = len(set(created) - done)
    figures.given_up = len(emu.delivery.failed)
    figures.deliveries = Counter(d.target.split(":")[2].split("/")[0] for d in emu.delivery.log)
    figures.failed_deliveries = sum(1 for d in emu.delivery.log if d.error)
    figures.stream_replies = sum(_sent_to(emu, u.chat_id) for u in streams)
    figures.notices = sum(
        1 for member in staff for m in member.inbox if "ZZJNDS-2027-0001" in m.plain
    )
    figures.reminders = sum(_sent_to(emu, c.chat_id) for c in contacts)
